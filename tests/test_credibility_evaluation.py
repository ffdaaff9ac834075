"""Measuring the classifier: realigned labels, schemes that hold outlets and camps out, baselines."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from corroborate.credibility.classifier import Sample
from corroborate.credibility.evaluation import (
    Corpus,
    _outlet_baseline,
    _scheme_splits,
    evaluate,
    read_realigned,
    within_outlet_table,
)
from corroborate.credibility.features import context_features, outlet_camp
from corroborate.credibility.training import LabelledRow
from corroborate.errors import CorroborateError
from corroborate.evaluate.splits import half_of
from corroborate.models import Article


def _sample(i: int, outlet: str, good: bool) -> Sample:
    # the words carry the label whatever the outlet; the outlet carries it only in part
    word = "monitors confirmed the names" if good else "unnamed sources claimed"
    text = f"Report {i}: shelling hit a market in town {i % 7}; {word} of the dead."
    h = hashlib.sha1(text.encode()).hexdigest()
    return Sample(f"a{i}", text, "2017-04-10", h, {"id": f"a{i}", "incidents": []}, outlet=outlet)


def _corpus(n: int = 64) -> Corpus:
    outlets = ("sana", "manar", "alaraby", "trt")  # two camps
    samples, y, rows = [], [], []
    for i in range(n):
        outlet = outlets[i % 4]
        # each outlet leans one way (3 of 4 rows) but has both labels
        good = (i // 4) % 4 != 0 if outlet in ("alaraby", "trt") else (i // 4) % 4 == 0
        samples.append(_sample(i, outlet, good))
        y.append(int(good))
        rows.append(LabelledRow(i, Article(id=f"a{i}", text=samples[-1].text), int(good)))
    return Corpus(rows, samples, y, {}, [f"u{i}" for i in range(n)])


def test_credibility_evaluation_outlet_baseline_uses_training_outlets_only() -> None:
    p = _outlet_baseline(["x", "x", "x", "y"], [1, 1, 0, 0], ["x", "y", "z"])
    assert p == [pytest.approx(2 / 3), 0.0, 0.5]  # z: never seen, the overall share


def test_credibility_evaluation_schemes_hold_out_what_they_say() -> None:
    c = _corpus()
    everyone = list(range(len(c.y)))
    by_outlet = _scheme_splits(c, "by_outlet", everyone, 5, 0)
    assert len(by_outlet) == 4  # one fold per outlet
    for tr, te in by_outlet:
        assert len({c.outlets[i] for i in te}) == 1
        assert not {c.outlets[i] for i in tr} & {c.outlets[i] for i in te}
    gov = [i for i in everyone if outlet_camp(c.outlets[i]) == "government"]
    for tr, te in _scheme_splits(c, "within_camp", gov, 4, 0):
        assert {outlet_camp(c.outlets[i]) for i in tr + te} == {"government"}


def test_credibility_evaluation_text_beats_outlet_when_outlets_are_held_out() -> None:
    res = evaluate(_corpus(), kinds=("outlet", "text"), folds=4)
    s = res["schemes"]
    # the words generalise to an unseen outlet; the outlet's own label rate cannot
    assert s["by_outlet"]["text"]["accuracy"] >= 0.9
    assert s["by_outlet"]["outlet"]["accuracy"] <= 0.6
    # within a camp the outlets all lean the same way, so the outlet says little there
    assert s["within_camp"]["text"]["accuracy"] > s["within_camp"]["outlet"]["accuracy"]
    assert set(res["per_outlet"]) == {"sana", "manar", "alaraby", "trt"}
    test_half = [u for u in _corpus().unit_ids if half_of(u) == "test"]
    assert res["halves"]["sizes"]["test"] == len(test_half)
    table = within_outlet_table(res, "text")
    assert all(t["better_than_chance"] == (t["accuracy"] > t["majority_rate"]) for t in table.values())


def test_credibility_evaluation_reads_realigned_labels(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("row,unit_id,source,label_released,label_realigned\n1,u1,nna,0,1\n2,u2,nna,1,\n",
                 encoding="utf-8")
    assert read_realigned(p) == {1: ("u1", 1), 2: ("u2", None)}
    p.write_text("row,unit_id,source,label_released,label_realigned\n1,u1,nna,0,yes\n",
                 encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        read_realigned(p)
    assert (exc.value.code, exc.value.row, exc.value.field) == ("E053", 0, "label_realigned")


def _claims_verdict(aid: str, outlet: str, evidence: list[tuple[str, bool]]) -> dict[str, Any]:
    ev = [{"article_id": f"o{i}", "outlet": o, "origin_id": f"org-{i}", "value": "1",
           "agrees": ok, "start": 0, "end": 1, "text": "1"} for i, (o, ok) in enumerate(evidence)]
    agree = sum(ok for _, ok in evidence)
    return {"article_id": aid, "details": {
        "source_reliability": {"outlet": outlet},
        "claims": [{"claim": "killed", "origins": {
            "status": "corroborated" if agree * 2 > len(ev) else "contradicted",
            "agree": agree, "disagree": len(ev) - agree, "evidence": ev}}]}}


def test_credibility_evaluation_context_counts_agreement_by_camp() -> None:
    v = _claims_verdict("a", "sana", [("manar", True), ("alaraby", False), ("trt", False)])
    ref = [{"article_id": "a", "label": "disagrees", "score": 0.0,
            "details": {"fields": [{"field": "killed", "relative": 0.5}]}}]
    f = context_features([v], ref, outlet_camp)["a"]
    assert f["cs_same_camp_agree"] > 0 and f["cs_same_camp_disagree"] == 0
    assert f["cs_other_camp_disagree"] > f["cs_other_camp_agree"] == 0
    assert f["cs_contradicted_any"] == 1.0 and f["cs_unlinked"] == 0.0
    assert (f["ref_no_match"], f["ref_killed_relative"]) == (1.0, 0.5)
    alone = context_features([], [], outlet_camp)
    assert alone == {}


def test_credibility_evaluation_context_vs_label_counts_each_row_once_per_family() -> None:
    from corroborate.credibility.evaluation import context_vs_label

    c = _corpus(8)
    c.context = {"a0": {"ref_match": 1.0, "cs_killed_agree": 0.7},
                 "a1": {"ref_no_match": 1.0, "cs_killed_disagree": 0.7}}
    table = context_vs_label(c)
    assert sum(r["credible"] + r["fake"] for k, r in table.items() if k.startswith("ref_")) == 8
    assert sum(r["credible"] + r["fake"] for k, r in table.items() if k.startswith("killed_")) == 8
    assert table["ref_match"] == {"credible": 1, "fake": 0}  # row 0 (sana) is labelled credible
    assert table["ref_no_reference"]["credible"] + table["ref_no_reference"]["fake"] == 6
