"""Verdicts per claim: reference and other independent origins, Admiralty grades on two axes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.credibility.claims import claim_verdicts, credibility_grade, reliability_grade
from corroborate.schema import validate


def _cell(value: Any, display: str, start: int = 0) -> dict[str, Any]:
    return {"value": value, "display": display,
            "evidence": [{"start": start, "end": start + len(display), "text": display}]}


def _row(aid: str, origin: str, outlet: str, killed: int | None, place: str = "Town",
         perps: list[str] | None = None) -> dict[str, Any]:
    cells: dict[str, Any] = {"date": _cell("2020-01-02", "2020-01-02"), "place": _cell(place, place)}
    if killed is not None:
        cells["killed"] = _cell({"min": killed, "max": killed, "qualifier": "exact"}, str(killed), 10)
    if perps:
        cells["perpetrator"] = _cell(perps, ", ".join(perps), 20)
    return {"article_id": aid, "incident_index": 0, "outlet": outlet, "origin_id": origin,
            "cells": cells}


def _incident(*rows: dict[str, Any], iid: str = "inc-1") -> dict[str, Any]:
    origins: dict[str, list[str]] = {}
    for r in rows:
        origins.setdefault(r["origin_id"], []).append(r["article_id"])
    return {"id": iid, "matrix": {"rows": list(rows)},
            "origins": [{"id": o, "article_ids": a} for o, a in origins.items()],
            "reports": [{"article_id": r["article_id"], "incident_index": 0,
                         "place": {"name": r["cells"]["place"]["value"], "lat": None, "lon": None}}
                        for r in rows]}


def _claim(verdict: dict[str, Any], claim: str) -> dict[str, Any]:
    return next(c for c in verdict["details"]["claims"] if c["claim"] == claim)


def test_credibility_claims_other_origins_corroborate_or_contradict() -> None:
    inc = _incident(_row("a", "o1", "A", 10), _row("b", "o2", "B", 10), _row("c", "o3", "C", 40))
    by = {v["article_id"]: v for v in claim_verdicts([inc])}
    validate(list(by.values()), "verdicts")
    a = _claim(by["a"], "killed")
    # one other origin agrees, one disagrees: a dispute, possibly true
    assert (a["origins"]["agree"], a["origins"]["disagree"]) == (1, 1)
    assert a["origins"]["status"] == "contradicted" and a["reference"] is None
    assert a["credibility"] == {"grade": 3, "label": "possibly true"}
    c = _claim(by["c"], "killed")
    assert c["origins"]["status"] == "contradicted" and c["credibility"]["grade"] == 4
    # the evidence names the other reports with their spans
    ev = {e["article_id"]: e for e in c["origins"]["evidence"]}
    assert set(ev) == {"a", "b"} and ev["a"]["text"] == "10" and ev["a"]["start"] == 10


def test_credibility_claims_relays_of_one_origin_do_not_corroborate() -> None:
    inc = _incident(_row("a", "o1", "A", 10), _row("b", "o1", "B", 10))
    v = {x["article_id"]: x for x in claim_verdicts([inc])}["a"]
    killed = _claim(v, "killed")
    assert killed["origins"]["status"] == "unrecorded" and killed["credibility"]["grade"] == 6
    assert v["label"] == "unrecorded"


def test_credibility_claims_no_record_is_unrecorded_never_false() -> None:
    inc = _incident(_row("a", "o1", "A", 10), _row("b", "o2", "B", 10))
    refs = [{"article_id": "a", "kind": "reference", "label": "no_reference", "score": None,
             "reasons": ["no reference incident at Town (city level) within 3 day(s) of 2020-01-02"],
             "details": {}}]
    v = {x["article_id"]: x for x in claim_verdicts([inc], refs)}
    for claim in v["a"]["details"]["claims"]:
        assert claim["reference"]["status"] == "unrecorded"
        assert claim["reference"]["reason"].startswith("no record")
    # a report that was not checked at all is unrecorded too, with the reason
    assert _claim(v["b"], "killed")["reference"]["status"] == "unrecorded"
    assert v["a"]["label"] == "corroborated"


def test_credibility_claims_reference_fields_judge_their_claims() -> None:
    inc = _incident(_row("a", "o1", "A", 10), _row("b", "o2", "B", 12))
    ref = {"article_id": "a", "kind": "reference", "label": "disagrees", "score": 0.0,
           "reasons": ["reference incident r1"],
           "details": {"incident_index": 0, "reference_id": "r1",
                       "record": {"id": "r1", "database": "UCDP GED", "killed_range": [20, 25]},
                       "fields": [{"field": "killed", "status": "miss", "reason": "killed 10 vs 20",
                                   "report": "10", "reference": 20},
                                  {"field": "date", "status": "match", "reason": "same day",
                                   "report": "2020-01-02", "reference": "2020-01-02"}]}}
    v = {x["article_id"]: x for x in claim_verdicts([inc], [ref])}["a"]
    killed, date, place = _claim(v, "killed"), _claim(v, "date"), _claim(v, "place")
    assert killed["reference"]["status"] == "contradicted"
    assert killed["reference"]["record"]["database"] == "UCDP GED"
    assert killed["origins"]["status"] == "contradicted"  # 10 vs 12: outside 10%
    assert killed["credibility"]["grade"] == 5
    assert date["reference"]["status"] == "corroborated"
    assert place["reference"]["status"] == "unrecorded"


def test_credibility_claims_credibility_grades() -> None:
    assert credibility_grade("corroborated", "corroborated") == 1
    assert credibility_grade(None, "corroborated") == 2
    assert credibility_grade("unrecorded", "corroborated") == 2
    assert credibility_grade("corroborated", "contradicted") == 3
    assert credibility_grade(None, "contradicted") == 4
    assert credibility_grade("contradicted", "contradicted") == 5
    assert credibility_grade("unrecorded", "unrecorded") == 6
    assert credibility_grade("corroborated", "contradicted", origins_split=True) == 3
    assert credibility_grade(None, "contradicted", origins_split=True) == 3
    assert credibility_grade(None, "unrecorded") == 6


def test_credibility_claims_reliability_grades() -> None:
    assert reliability_grade(0, 0) == "F"
    assert reliability_grade(4, 0) == "F"  # too few checked claims to judge
    assert reliability_grade(19, 1) == "A"
    assert reliability_grade(9, 1) == "B"  # 90% but fewer than 20 checked
    assert reliability_grade(3, 2) == "C"
    assert reliability_grade(2, 4) == "D"
    assert reliability_grade(1, 9) == "E"


def test_credibility_claims_outlet_record_is_context_and_never_decides() -> None:
    # outlet X's figure is contradicted on five other incidents; its report on a sixth still gets the
    # grade its own corroboration earns
    bad = [_incident(_row(f"x{i}", "o1", "X", 10), _row(f"y{i}", "o2", "Y", 50),
                     _row(f"z{i}", "o3", "Z", 50), iid=f"inc-{i}") for i in range(5)]
    good = _incident(_row("x9", "o1", "X", 30), _row("y9", "o2", "Y", 30), iid="inc-9")
    v = {x["article_id"]: x for x in claim_verdicts([*bad, good])}
    x9 = v["x9"]
    rel = x9["details"]["source_reliability"]
    # its dates and places were corroborated (10), its figures contradicted (5)
    assert (rel["grade"], rel["corroborated"], rel["contradicted"]) == ("C", 10, 5)
    assert _claim(x9, "killed")["credibility"]["grade"] == 2
    alone = {x["article_id"]: x for x in claim_verdicts([good])}["x9"]
    assert alone["details"]["source_reliability"]["grade"] == "F"
    assert [c["credibility"] for c in alone["details"]["claims"]] == \
        [c["credibility"] for c in x9["details"]["claims"]]
    assert any(r.startswith("context only, not evidence: source reliability C") for r in x9["reasons"])


@pytest.mark.slow
def test_credibility_claims_seeds_after_analyze_and_verify(seeds_dir: Path, shared_dir: Path,
                                                          tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(seeds_dir), "--db", db, "--quiet"]).exit_code == 0
    ged = shared_dir / "data" / "ucdp-ged-syria" / "ged_syria.csv"
    assert runner.invoke(app, ["verify", "--db", db, "--reference", str(ged), "--json"]).exit_code == 0
    out = runner.invoke(app, ["credibility", "show", "--db", db, "--kind", "claims", "--json"])
    verdicts = json.loads(out.stdout)
    validate(verdicts, "verdicts")
    assert len(verdicts) == 2
    for v in verdicts:
        killed = _claim(v, "killed")
        assert killed["reference"]["status"] == "contradicted"
        assert killed["reference"]["record"]["id"] == "227936"
        assert killed["origins"]["status"] == "contradicted"
        assert killed["credibility"]["grade"] == 5
        assert _claim(v, "date")["credibility"]["grade"] == 1


def test_credibility_claims_category_figures_are_judged_like_the_total() -> None:
    a, b = _row("a", "o1", "A", 10), _row("b", "o2", "B", 30)
    for r, n in ((a, 10), (b, 30)):
        r["cells"]["killed_civilian"] = _cell({"min": n, "max": n, "qualifier": "exact"}, str(n), 40)
    v = {x["article_id"]: x for x in claim_verdicts([_incident(a, b)])}["a"]
    civ = _claim(v, "killed_civilian")
    assert civ["origins"]["status"] == "contradicted" and civ["value"] == "10"
    validate([v], "verdicts")
