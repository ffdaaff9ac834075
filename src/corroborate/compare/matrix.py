"""The claims matrix: one row per report, one cell per claim, marked where it disagrees."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..models import date_interval
from ..present import display_date
from .common import (
    _CONTRARY_FRAMES,
    CLAIMS,
    GENERIC_CAUSES,
    NUMERIC_CLAIMS,
    _days,
    _unique,
    causes_compatible,
)
from .contradictions import _perp_compatible, figure_sides
from .figures import Figure, _span, compatible
from .origins import Report


def _majority(values: Mapping[int, Any], reports: Sequence[Report]) -> Any:
    """The value most origins support (first reported wins a tie)."""
    support: dict[Any, set[str]] = defaultdict(set)
    first: dict[Any, int] = {}
    for i, v in values.items():
        if v is None:
            continue
        support[v].add(reports[i].origin_id)
        first.setdefault(v, i)
    if not support:
        return None
    return max(support, key=lambda v: (len(support[v]), -first[v]))


#: finest first: an incident is dated by its reports' most precise dates
_PRECISION_ORDER = ("day", "approximate", "month", "year")


def incident_date(reports: Sequence[Report]) -> tuple[str | None, str | None, list[str | None]]:
    """The incident's date, its precision, and the range every report's date allows.

    The date is the majority among the reports with the finest precision any of
    them gives: "since 2011" in one report does not outvote "on 17 March 2011" in
    another, it is compatible with it.  The range runs from the first day of the
    earliest report date to the last day of the latest (a year date spans its year).
    """
    dated = [(i, r.incident["date"], r.incident.get("date_precision") or "day")
             for i, r in enumerate(reports) if r.incident.get("date")]
    if not dated:
        return None, None, [None, None]
    finest = min((p for _, _, p in dated),
                 key=lambda p: _PRECISION_ORDER.index(p) if p in _PRECISION_ORDER else 0)
    top = _majority({i: d for i, d, p in dated if p == finest}, reports)
    spans = [date_interval(d, p) for _, d, p in dated]
    return top, finest, [min(a for a, _ in spans), max(b for _, b in spans)]


def _cell(value: Any, display: str, disagrees: bool, evidence: Iterable[Mapping[str, Any] | None],
          attribution: str | None = None) -> dict[str, Any]:
    ev = [s for s in (_span(e) for e in evidence) if s]
    return {"value": value, "display": display, "disagrees": bool(disagrees),
            "attribution": attribution, "evidence": ev}


_EMPTY = "—"


def _date_gap(a: str, a_prec: str | None, b: str, b_prec: str | None) -> int:
    """Days between two dates' intervals (0 when they overlap): "in 2011" does not
    disagree with "17 March 2011"."""
    a_lo, a_hi = date_interval(a, a_prec)
    b_lo, b_hi = date_interval(b, b_prec)
    if a_hi < b_lo:
        return _days(a_hi, b_lo)
    if b_hi < a_lo:
        return _days(b_hi, a_lo)
    return 0


def build_matrix(reports: Sequence[Report], figs: Mapping[str, Mapping[int, Figure]],
                 consensus: Mapping[str, Any]) -> dict[str, Any]:
    maj_date, maj_precision, _ = incident_date(reports)
    places = {i: (p.get("admin1") or p["name"]) if (p := r.place()) else None
              for i, r in enumerate(reports)}
    maj_place = _majority(places, reports)
    causes = {i: r.cause() for i, r in enumerate(reports)}
    maj_cause = _majority({i: c for i, c in causes.items() if c and c not in GENERIC_CAUSES},
                          reports) or _majority(causes, reports)
    perp_top = consensus["perpetrator"]["value"]
    frame_top = consensus["framing"]["value"]
    contested_frames = {lab for a, b in _CONTRARY_FRAMES for lab in (a, b)
                        if any(a in r.framing_labels() for r in reports)
                        and any(b in r.framing_labels() for r in reports)}
    # the side each numeric cell is measured against: most origins, ties to the conservative
    reference: dict[str, list[int]] = {}
    for claim, fs in figs.items():
        sides = figure_sides(fs)
        if sides:
            cons = min(f.stated for f in fs.values())
            reference[claim] = max(sides, key=lambda s: (
                len({reports[i].origin_id for i in s}), any(fs[i].stated == cons for i in s)))

    rows = []
    for i, r in enumerate(reports):
        inc = r.incident
        cells: dict[str, dict[str, Any]] = {}
        d = inc.get("date")
        prec = inc.get("date_precision") if d else None
        cells["date"] = _cell(d, display_date(d, prec, _EMPTY),
                              bool(d and maj_date and _date_gap(d, prec, maj_date, maj_precision) > 1),
                              [inc.get("date_evidence")])
        p = r.place()
        cells["place"] = _cell(p["name"] if p else None, (p["name"] if p else _EMPTY),
                               bool(places[i] and maj_place and places[i] != maj_place),
                               [inc.get("place")])
        perps = r.perpetrators()
        cells["perpetrator"] = _cell(
            perps or None, ", ".join(perps) or _EMPTY,
            bool(perps and perp_top and perp_top not in perps
                 and not any(_perp_compatible(r, o) for o in reports
                             if perp_top in o.perpetrators())),
            [a for a in inc.get("actors") or [] if a.get("role") == "perpetrator"])
        for claim in NUMERIC_CLAIMS:
            f = figs[claim].get(i)
            if f is None:
                cells[claim] = _cell(None, _EMPTY, False, [])
                continue
            ref = reference.get(claim, [])
            dis = i not in ref and not all(compatible(f, figs[claim][j]) for j in ref)
            cells[claim] = _cell(f.value(), f.display(), dis, f.evidence, f.attribution)
        c = r.cause()
        cells["cause"] = _cell(c, c or _EMPTY, not causes_compatible(c, maj_cause),
                               [inc.get("cause")])
        labels = r.framing_labels()
        frames = inc.get("framing") or []
        if frame_top is not None:
            dis = bool(labels) and frame_top not in labels and bool(set(labels) & contested_frames)
        else:
            # tied dispute: a report that carries only one side of it is partisan
            dis = any((a in labels) != (b in labels) for a, b in _CONTRARY_FRAMES
                      if a in contested_frames)
        speakers = _unique(f.get("speaker") for f in frames if f.get("speaker"))
        cells["framing"] = _cell(labels or None, ", ".join(labels) or _EMPTY, dis, frames,
                                 ", ".join(speakers) or None)
        rows.append({"article_id": r.article_id, "incident_index": r.incident_index,
                     "outlet": r.outlet, "published": r.published, "origin_id": r.origin_id,
                     "cells": cells})
    return {"claims": list(CLAIMS), "rows": rows}
