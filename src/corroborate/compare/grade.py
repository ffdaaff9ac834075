"""The Airwars-style grade of an incident, and the parties a speaker stands for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..lang.en.parties import PARTY_ALIASES
from .common import _WORD, _unique
from .contradictions import _name_match
from .origins import Report


def grade(reports: Sequence[Report], origins: Sequence[Mapping[str, Any]],
          contradictions: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Airwars-style grade with the rule that fired, as text (see docs/comparison.md)."""
    if len(reports) == 1:
        return {"label": "single_source", "rule": "single_source: only one report of this incident"}

    perps = _unique(p for r in reports for p in r.perpetrators())

    def speakers(label: str) -> list[str]:
        # only the accused party's admission or denial decides (Airwars); an unattributed one,
        # or one in an incident without a named perpetrator, is taken at face value
        return _unique(f.get("speaker") or f"unattributed, in {r.label}" for r in reports
                       for f in r.incident.get("framing") or [] if f.get("label") == label
                       and (not f.get("speaker") or not perps
                            or any(same_party(f["speaker"], p) for p in perps)))

    admits, denies = speakers("admission"), speakers("denial")
    disputed = [c for c in contradictions if c["field"] in ("perpetrator", "framing")
                and _independent_sides(c, reports)]
    notes = "; ".join(c["summary"] for c in contradictions)
    if admits and not denies:
        rule = (f"confirmed: an admission of responsibility is reported ({', '.join(admits)}) "
                "and no report carries a denial")
        return {"label": "confirmed", "rule": rule + (f". Still disputed: {notes}" if notes else "")}
    if denies or disputed:
        why = []
        if denies:
            why.append(f"a denial is reported ({', '.join(denies)})")
        why.extend(c["summary"] for c in disputed)
        return {"label": "contested",
                "rule": "contested: independent origins contradict each other or the accused denies: "
                        + "; ".join(why)}
    if len(origins) >= 2:
        return {"label": "fair",
                "rule": f"fair: {len(origins)} independent origins report the incident "
                        "and agree on perpetrator and framing"
                        + (f" (figures differ: {notes})" if notes else "")}
    return {"label": "weak",
            "rule": f"weak: {len(reports)} reports but one origin ({origins[0]['label']}); "
                    "relays and reprints do not corroborate"}


def parties(name: str) -> set[str]:
    """The states or groups a name stands for, through `PARTY_ALIASES` (any phrase in it)."""
    words = _WORD.findall(name.casefold())
    found = set()
    for n in (1, 2, 3):
        for k in range(len(words) - n + 1):
            key = " ".join(words[k:k + n])
            if key in PARTY_ALIASES:
                found.add(PARTY_ALIASES[key])
    return found


def same_party(speaker: str, perpetrator: str) -> bool:
    return _name_match(speaker, perpetrator) or bool(parties(speaker) & parties(perpetrator))


def _independent_sides(c: Mapping[str, Any], reports: Sequence[Report]) -> bool:
    """Whether a contradiction's sides come from different origins (or distinct speakers)."""
    origin = {r.article_id: r.origin_id for r in reports}
    side_origins = [{origin.get(a) for a in s["article_ids"]} for s in c["sides"]]
    if c["field"] == "framing":
        # one report quoting both parties is still a dispute between independent speakers
        return True
    return any(not (x <= y and y <= x) for x in side_origins for y in side_origins)
