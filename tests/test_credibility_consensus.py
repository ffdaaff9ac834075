"""Consensus credibility: each report against the other independent origins; outlet records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.credibility.consensus import consensus_verdicts, outlet_track_record
from corroborate.credibility.reference import Tolerances
from corroborate.schema import validate

EXAMPLE = Path(__file__).resolve().parent / "data" / "incidents_example.json"


def report(aid: str, origin: str, killed: int | None, *, outlet: str | None = None,
           published: str = "2016-09-20", qualifier: str = "exact", perps: tuple[str, ...] = (),
           framing: tuple[str, ...] = (), injured: int | None = None) -> dict[str, Any]:
    cats = ("total", "civilian", "noncivilian", "children", "women")
    cas = []
    if killed is not None:
        cas.append({"outcome": "killed", "min": None if qualifier == "at_most" else killed,
                    "max": killed, "qualifier": qualifier, "start": 0, "end": 2, "text": "xx"})
    return {
        "article_id": aid, "outlet": outlet or aid.upper(), "published": published, "title": "",
        "incident_index": 0, "origin_id": origin,
        "toll": {"killed": {**dict.fromkeys(cats), "total": killed},
                 "injured": {**dict.fromkeys(cats), "total": injured}},
        "date": "2016-09-17", "place": None, "perpetrators": list(perps), "cause": "airstrike",
        "framing": [{"label": f, "speaker": None, "start": 0, "end": 1, "text": "x"} for f in framing],
        "casualties": cas, "attributions": [],
    }


def incident(reports: list[dict[str, Any]], iid: str = "inc-0000000001") -> dict[str, Any]:
    origins: dict[str, list[str]] = {}
    for r in reports:
        origins.setdefault(r["origin_id"], []).append(r["article_id"])
    return {"id": iid, "reports": reports, "contradictions": [],
            "origins": [{"id": o, "label": o, "kind": "independent", "article_ids": a}
                        for o, a in origins.items()]}


def by_id(verdicts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {v["article_id"]: v for v in verdicts}


def test_credibility_consensus_seed_like_reports_contradict_each_other() -> None:
    inc = incident([report("rt", "o1", 62, framing=("deliberate",)),
                    report("centcom", "o2", 80, qualifier="at_most", framing=("mistake",))])
    v = by_id(consensus_verdicts([inc]))
    assert v["rt"]["label"] == v["centcom"]["label"] == "contradicted"
    assert ("killed 62 vs 80 from the other independent origin: off by 18 (22%) > tolerance 10%"
            in v["rt"]["reasons"])
    assert any(r.startswith("killed up to 80 vs 62") for r in v["centcom"]["reasons"])
    assert any("framing deliberate vs mistake" in r for r in v["rt"]["reasons"])


def test_credibility_consensus_relays_do_not_corroborate() -> None:
    # b2 relays b: one other origin, however many reprints it has
    inc = incident([report("a", "o1", 50), report("b", "o2", 50), report("b2", "o2", 50)])
    v = by_id(consensus_verdicts([inc]))
    assert v["a"]["details"]["other_origins"] == 1
    assert v["a"]["label"] == "consistent"
    assert any("share this report's origin" in r for r in v["b2"]["reasons"])
    lone = by_id(consensus_verdicts([incident([report("x", "o1", 5), report("y", "o1", 9)])]))
    assert lone["x"]["label"] == "uncorroborated" and lone["x"]["score"] is None


def test_credibility_consensus_median_of_other_origins_and_tolerance() -> None:
    inc = incident([report("a", "o1", 62), report("b", "o2", 80), report("c", "o3", 64),
                    report("d", "o4", 66)])
    v = by_id(consensus_verdicts([inc]))
    # a: others 80, 64, 66 -> median 66, off by 4 (6%) within 10%
    assert v["a"]["label"] == "consistent"
    # b: others 62, 64, 66 -> median 64, off by 16 (25%)
    assert v["b"]["label"] == "contradicted"
    assert v["b"]["details"]["checks"][0]["deviation"] == pytest.approx(0.25)
    loose = by_id(consensus_verdicts([inc], Tolerances(count=20)))
    assert loose["b"]["label"] == "consistent"


def test_credibility_consensus_perpetrator_against_majority() -> None:
    inc = incident([report("a", "o1", None, perps=("Russia",)),
                    report("b", "o2", None, perps=("US-led coalition",)),
                    report("c", "o3", None, perps=("US-led coalition",))])
    v = by_id(consensus_verdicts([inc]))
    assert v["a"]["label"] == "contradicted"
    assert any("perpetrator Russia vs US-led coalition" in r for r in v["a"]["reasons"])
    assert v["b"]["label"] == "consistent"


def test_credibility_consensus_outlet_record_is_context_only() -> None:
    early = incident([report("a1", "o1", 100, outlet="Loud", published="2016-01-01"),
                      report("q1", "o2", 50, outlet="Quiet", published="2016-01-01")], "inc-1")
    later = incident([report("a2", "o1", 40, outlet="Loud", published="2016-02-01"),
                      report("q2", "o2", 40, outlet="Quiet", published="2016-02-01")], "inc-2")
    v = by_id(consensus_verdicts([later, early]))
    # the record before a2 holds a1's overstatement, yet a2 itself agrees: consistent
    assert v["a2"]["details"]["outlet_record"]["above"] == 1
    assert v["a2"]["label"] == "consistent"
    assert any(r.startswith("context only") for r in v["a2"]["reasons"])
    assert v["a1"]["details"]["outlet_record"]["reports"] == 0
    rows = {r["outlet"]: r for r in outlet_track_record(v.values())}
    assert rows["Loud"] == {"outlet": "Loud", "reports": 2, "compared": 2, "above": 1, "below": 0,
                            "within": 1, "contradicted": 1, "mean_deviation": 0.5}
    assert rows["Quiet"]["below"] == 1


def test_credibility_consensus_verdicts_validate_against_schema() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    verdicts = consensus_verdicts(data["incidents"])
    assert {v["label"] for v in verdicts} == {"contradicted"}
    validate(verdicts, "verdicts")
    validate({"version": "1.0", "verdicts": verdicts}, "verdicts")


def test_credibility_consensus_report_carrying_both_framings_takes_no_side() -> None:
    inc = incident([report("rt", "o1", None, framing=("deliberate", "mistake")),
                    report("us", "o2", None, framing=("mistake",)),
                    report("sy", "o3", None, framing=("deliberate",))])
    v = by_id(consensus_verdicts([inc]))
    assert v["rt"]["label"] == "uncorroborated"
    # rt counts for neither side, so us and sy each face the one other origin that frames it
    assert v["us"]["label"] == v["sy"]["label"] == "contradicted"
    assert any("framing mistake vs deliberate in the majority of the 1 other" in r
               for r in v["us"]["reasons"])


def test_credibility_consensus_skips_figures_compare_excluded() -> None:
    inc = incident([report("a", "o1", 10), report("b", "o2", 11), report("c", "o3", 900)])
    inc["consensus"] = {"killed": {"values": [
        {"value": 900, "credible": False, "article_ids": ["c"],
         "excluded_because": "900 is more than 5× off the median: likely another scope"}]}}
    v = by_id(consensus_verdicts([inc]))
    assert v["a"]["label"] == v["b"]["label"] == "consistent"
    assert not any(c["field"] == "killed" for c in v["c"]["details"]["checks"])
    assert any(r.startswith("killed figure not checked: 900 is more") for r in v["c"]["reasons"])


def test_credibility_consensus_notes_an_early_low_toll() -> None:
    inc = incident([report("early", "o1", 20, published="2017-04-04"),
                    report("late", "o2", 80, published="2017-04-06")])
    v = by_id(consensus_verdicts([inc]))
    assert v["early"]["label"] == "contradicted"
    assert any(r.endswith("(published before the others: early tolls often rise)")
               for r in v["early"]["reasons"])
    assert not any("early tolls" in r for r in v["late"]["reasons"])
