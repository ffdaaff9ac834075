"""Contradictions between reports: numeric sides, rising tolls, framing and perpetrator disputes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .common import _CONTRARY_FRAMES, _WORD, _unique
from .figures import Figure, _span, compatible
from .origins import Report


def figure_sides(figs: Mapping[int, Figure]) -> list[list[int]]:
    """Partition reports into sides of mutually compatible figures (sweep by stated figure)."""
    sides: list[list[int]] = []
    for i, f in sorted(figs.items(), key=lambda kv: (kv[1].stated, kv[1].qualifier != "at_least")):
        for side in sides:
            if all(compatible(f, figs[j]) for j in side):
                side.append(i)
                break
        else:
            sides.append([i])
    return sides


def _evidence(article_id: str, spans: Iterable[Mapping[str, Any] | None]) -> list[dict[str, Any]]:
    out = []
    for s in spans:
        sp = _span(s)
        if sp and {"article_id": article_id, **sp} not in out:
            out.append({"article_id": article_id, **sp})
    return out


def numeric_contradiction(claim: str, reports: Sequence[Report],
                          figs: Mapping[int, Figure]) -> dict[str, Any] | None:
    if len(figs) < 2:
        return None
    sides = figure_sides(figs)
    if len(sides) < 2:
        return None
    out_sides = []
    names = []
    for side in sides:
        disp = _unique(figs[i].display() for i in side)
        names.append(_unique(reports[i].label for i in side))
        out_sides.append({
            "value": " / ".join(disp),
            "article_ids": _unique(reports[i].article_id for i in side),
            "outlets": _unique(reports[i].outlet for i in side),
            "evidence": [e for i in side for e in _evidence(reports[i].article_id, figs[i].evidence)],
        })
    what = claim.replace("_", " ").replace("killed ", "killed: ")
    parts = [f"{', '.join(n)} {'says' if len(n) == 1 else 'say'} {s['value']}"
             for n, s in zip(names, out_sides, strict=True)]
    out: dict[str, Any] = {"field": claim, "summary": f"{what.capitalize()}: " + "; ".join(parts),
                           "sides": out_sides}
    if rising_toll(reports, sides):
        out["note"] = "rising_toll"
        out["summary"] += " (consistent with a rising toll: each higher figure was published later)"
    return out


def rising_toll(reports: Sequence[Report], sides: Sequence[Sequence[int]]) -> bool:
    """Whether the sides (in order of their figures) were also published in that order: the
    later, higher figures may be updates of a count, not a dispute about it."""
    spans: list[tuple[str, str]] = []
    for side in sides:
        dates = [d for i in side if (d := reports[i].published)]
        if len(dates) < len(side):
            return False
        spans.append((min(dates), max(dates)))
    return all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


def framing_contradictions(reports: Sequence[Report]) -> list[dict[str, Any]]:
    out = []
    for a, b in _CONTRARY_FRAMES:
        sides = []
        for label in (a, b):
            idx = [i for i, r in enumerate(reports) if label in r.framing_labels()]
            if not idx:
                break
            sides.append({
                "value": label,
                "article_ids": _unique(reports[i].article_id for i in idx),
                "outlets": _unique(reports[i].outlet for i in idx),
                "evidence": [e for i in idx for e in _evidence(
                    reports[i].article_id,
                    [f for f in reports[i].incident.get("framing") or [] if f.get("label") == label])],
                "speakers": _unique(f.get("speaker") for i in idx
                                    for f in reports[i].incident.get("framing") or []
                                    if f.get("label") == label and f.get("speaker")),
            })
        if len(sides) == 2:
            who = [", ".join(s["speakers"] or _unique(r.label for r in reports
                                                       if r.article_id in s["article_ids"]))
                   for s in sides]
            out.append({"field": "framing",
                        "summary": f"Framing: {a} ({who[0]}) vs {b} ({who[1]})",
                        "sides": sides})
    return out


def _perp_compatible(a: Report, b: Report) -> bool:
    pa, pb = set(a.perpetrators()), set(b.perpetrators())
    if pa & pb:
        return True
    if a.perpetrator_countries() & b.perpetrator_countries():
        return True
    return any(_name_match(x, y) for x in pa for y in pb)


def perpetrator_contradiction(reports: Sequence[Report],
                              top: str | None = None) -> dict[str, Any] | None:
    """Reports that name no perpetrator compatible with ``top`` (the perpetrator most
    origins name) against those that name it; without a majority, a sweep into groups of
    mutually compatible reports."""
    naming = [i for i, r in enumerate(reports) if r.perpetrators()]
    sides: list[list[int]] = []
    if top is not None:
        with_top = [i for i in naming if _perp_compatible_name(top, reports[i])]
        others = [i for i in naming if i not in with_top]
        sides = [with_top, others] if with_top and others else []
    else:
        for i in naming:
            for side in sides:
                if all(_perp_compatible(reports[i], reports[j]) for j in side):
                    side.append(i)
                    break
            else:
                sides.append([i])
    side_names = [[top] if top is not None and k == 0 else
                  _unique(n for i in side for n in reports[i].perpetrators())
                  for k, side in enumerate(sides)]
    shared: list[str] = []
    if top is None:
        # a report naming two parties joins the first side it fits, so a party can be
        # named on two sides ("Syrian government forces / Russian forces" vs "Russian
        # forces"); what is disputed is only what one side names and no other does, and a
        # side left with nothing of its own disputes nothing
        distinct = [[n for n in names if not any(_name_match(n, m) for j, other in
                                                 enumerate(side_names) if j != k
                                                 for m in other)]
                    for k, names in enumerate(side_names)]
        shared = _unique(n for names, own in zip(side_names, distinct, strict=True)
                         for n in names if n not in own)
        kept = [k for k, own in enumerate(distinct) if own]
        sides = [sides[k] for k in kept]
        side_names = [distinct[k] for k in kept]
    if len(sides) < 2:
        return None
    out_sides = []
    who = []
    for k, side in enumerate(sides):
        names = side_names[k]
        who.append(", ".join(_unique(reports[i].label for i in side)))
        out_sides.append({
            "value": " / ".join(str(n) for n in names),
            "article_ids": _unique(reports[i].article_id for i in side),
            "outlets": _unique(reports[i].outlet for i in side),
            "evidence": [e for i in side for e in _evidence(
                reports[i].article_id,
                [a for a in reports[i].incident.get("actors") or []
                 if a.get("role") == "perpetrator" and (
                     a.get("name") in names or (top is not None and k == 0
                                                and _perp_compatible_name(top, reports[i])
                                                and _name_match(top, a.get("name"))))])],
        })
    summary = "Perpetrator: " + " vs ".join(
        f"{s['value']} ({w})" for s, w in zip(out_sides, who, strict=True))
    if shared:
        summary += f" (named on more than one side: {', '.join(shared)})"
    return {"field": "perpetrator", "summary": summary, "sides": out_sides}


def _name_match(a: str, b: str | None) -> bool:
    """Same actor name, or one contains the other ("US" and "US-led coalition")."""
    if not b:
        return False
    x, y = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(x and y) and (x <= y or y <= x)


def _perp_compatible_name(name: str, r: Report) -> bool:
    """Whether report ``r`` names ``name`` (or a name containing it, or contained in it)."""
    return any(_name_match(name, p) for p in r.perpetrators())
