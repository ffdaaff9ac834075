"""Consensus figures and values over a cluster's reports, with the credible-figure rules."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from .common import OUTLIER_FACTOR, OUTLIER_MIN_REPORTS, _unique
from .figures import Figure
from .origins import Report


def _superseded(reports: Sequence[Report], figs: Mapping[int, Figure]) -> set[int]:
    """Reports whose figure the same origin (or outlet) later raised: an early count, not an
    estimate the source still stands by."""
    out: set[int] = set()
    for i, f in figs.items():
        for j, g in figs.items():
            ri, rj = reports[i], reports[j]
            same_source = ri.origin_id == rj.origin_id or (ri.outlet and ri.outlet == rj.outlet)
            if (i != j and same_source and ri.published and rj.published
                    and rj.published > ri.published and g.stated > f.stated):
                out.add(i)
    return out


def credible_figures(reports: Sequence[Report], figs: Mapping[int, Figure]) -> dict[int, str]:
    """Reports whose figure is left out of the conservative estimate -> why."""
    why: dict[int, str] = {}
    # ACLED codes "dozens" or "hundreds" only when no report gives a number: a
    # quantity word is not the lowest credible *estimate* beside real counts.
    if any(not f.vague for f in figs.values()):
        for i, f in figs.items():
            if f.vague:
                why[i] = f"{f.display()} comes from a quantity word, not a count"
    for i in _superseded(reports, figs):
        why[i] = "superseded by a later, higher figure from the same origin"
    if len(figs) >= OUTLIER_MIN_REPORTS:
        for i, f in figs.items():
            others = [g.point() for j, g in figs.items() if j != i]
            med = statistics.median(others)
            if med > 0 and (f.point() > OUTLIER_FACTOR * med or f.point() * OUTLIER_FACTOR < med):
                why[i] = (f"{f.display()} is more than {OUTLIER_FACTOR:g}× off the median of the "
                          f"other reports ({med:g}): likely another scope")
    return why


def numeric_consensus(reports: Sequence[Report], figs: Mapping[int, Figure]) -> dict[str, Any]:
    out: dict[str, Any] = {"conservative": None, "min": None, "max": None, "median": None,
                           "n_reports": len(figs), "n_origins": len({reports[i].origin_id for i in figs}),
                           "values": []}
    if not figs:
        return out
    excluded = credible_figures(reports, figs)
    credible = {i: f for i, f in figs.items() if i not in excluded} or dict(figs)
    out["conservative"] = min(f.low if f.low is not None else f.stated for f in credible.values())
    out["min"] = min(f.low if f.low is not None else f.stated for f in figs.values())
    out["max"] = max(f.high if f.high is not None else f.stated for f in figs.values())
    med = statistics.median(f.point() for f in credible.values())
    out["median"] = int(med) if float(med).is_integer() else med
    by_display: dict[str, list[int]] = defaultdict(list)
    for i, f in sorted(figs.items(), key=lambda kv: (kv[1].stated, kv[1].display())):
        by_display[f.display()].append(i)
    for disp, idx in by_display.items():
        f = figs[idx[0]]
        origin_ids = _unique(reports[i].origin_id for i in idx)
        out["values"].append({
            "value": f.stated, "display": disp, "min": f.low, "max": f.high,
            "qualifier": f.qualifier, "credible": not all(i in excluded for i in idx),
            "origins": len(origin_ids), "origin_ids": origin_ids,
            "article_ids": _unique(reports[i].article_id for i in idx),
            **({"excluded_because": excluded[idx[0]]} if all(i in excluded for i in idx) else {}),
        })
    return out


def categorical_consensus(reports: Sequence[Report], values: Mapping[int, list[str]]) -> dict[str, Any]:
    support: dict[str, list[int]] = defaultdict(list)
    for i, vs in values.items():
        for v in vs:
            support[v].append(i)
    entries: list[dict[str, Any]] = []
    for v, idx in support.items():
        origin_ids = _unique(reports[i].origin_id for i in idx)
        entries.append({"value": v, "origins": len(origin_ids), "origin_ids": origin_ids,
                        "article_ids": _unique(reports[i].article_id for i in idx)})
    entries.sort(key=lambda e: (-e["origins"], -len(e["article_ids"]), e["value"]))
    top = None
    if entries and (len(entries) == 1 or entries[0]["origins"] > entries[1]["origins"]):
        top = entries[0]["value"]
    reporting = [i for i, vs in values.items() if vs]
    return {"value": top, "n_reports": len(reporting),
            "n_origins": len({reports[i].origin_id for i in reporting}), "values": entries}
