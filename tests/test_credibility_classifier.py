"""The credibility classifier: data reading, fit/predict/explain, persistence, CV grouping."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pytest

from corroborate.credibility.classifier import CredibilityModel, Sample
from corroborate.credibility.training import cross_validate, cv_splits, read_dev_rows, read_labelled
from corroborate.errors import CorroborateError
from corroborate.models import content_hash


def _ex(aid: str, killed: int, day: int) -> dict[str, Any]:
    cats = ("total", "civilian", "noncivilian", "children", "women")
    return {"id": aid, "incidents": [{
        "date": f"2017-04-{day:02d}", "place": {"name": "Homs", "admin1": "Homs"}, "actors": [],
        "casualties": [{"outcome": "killed", "min": killed, "max": killed, "qualifier": "exact"}],
        "toll": {"killed": {**dict.fromkeys(cats), "total": killed}, "injured": dict.fromkeys(cats)},
        "cause": {"category": "shelling"}, "attributions": [], "framing": [], "salience": 1.0}]}


def corpus(n: int = 40) -> tuple[list[Sample], list[int]]:
    """Credible reports say 'monitors confirmed'; fake ones 'sources fabricated' and inflate."""
    samples, y = [], []
    for i in range(n):
        good = i % 2 == 0
        word = "monitors confirmed" if good else "sources fabricated"
        text = f"Report {i}: shelling in Homs, {word} the toll; residents fled the district."
        killed = 10 if good else 40 + i
        aid = f"s{i}"
        samples.append(Sample(aid, text, "2017-04-10", content_hash(text), _ex(aid, killed, 1 + i % 5),
                              outlet=f"outlet{i % 4}"))
        y.append(int(good))
    return samples, y


@pytest.mark.parametrize("kind", ["text", "claims", "logreg", "hgb"])
def test_credibility_classifier_learns_and_explains(kind: str) -> None:
    samples, y = corpus(60)
    # scored on rows it never saw, not on its training rows
    model = CredibilityModel(kind).fit(samples[:40], y[:40])  # type: ignore[arg-type]
    preds = model.predict(samples[40:], top=3)
    acc = np.mean([p.label == t for p, t in zip(preds, y[40:], strict=True)])
    assert acc >= 0.9
    # trees can leave a prediction unexplained when no single feature moves it; most must not be
    assert sum(bool(p.reasons) for p in preds) >= len(preds) // 2
    for p in preds:
        assert 0 <= p.probability <= 1 and len(p.contributions) <= 3
        assert all("toward" in r for r in p.reasons)
        mags = [abs(c.contribution) for c in p.contributions]
        assert mags == sorted(mags, reverse=True)


def test_credibility_classifier_logreg_contributions_add_up_to_the_logit() -> None:
    samples, y = corpus()
    model = CredibilityModel("logreg").fit(samples, y)
    [p] = model.predict(samples[:1], top=100_000)
    logit = math.log(p.probability / (1 - p.probability))
    total = sum(c.contribution for c in p.contributions) + float(model.clf.intercept_[0])
    assert total == pytest.approx(logit, abs=1e-6)
    words = [c for c in p.contributions if c.feature.startswith("word:")]
    assert words and words[0].reason().startswith("word '")


def test_credibility_classifier_save_load_round_trip(tmp_path: Path) -> None:
    samples, y = corpus()
    model = CredibilityModel("logreg").fit(samples, y, rows=list(range(len(y))))
    path = model.save(tmp_path / "m.joblib", name="test model")
    loaded = CredibilityModel.load(path)
    assert loaded.train_rows == list(range(len(y)))
    assert loaded.info["name"] == "test model"
    np.testing.assert_allclose(loaded.predict_proba(samples), model.predict_proba(samples))


def test_credibility_classifier_load_errors(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError) as exc:
        CredibilityModel.load(tmp_path / "missing.joblib")
    assert exc.value.code == "E052"
    junk = tmp_path / "junk.joblib"
    junk.write_bytes(b"not a model")
    with pytest.raises(CorroborateError) as exc:
        CredibilityModel.load(junk)
    assert exc.value.code == "E052"
    samples, y = corpus()
    path = CredibilityModel("claims").fit(samples, y).save(tmp_path / "m.joblib")
    state = joblib.load(path)
    state["sklearn_version"] = "0.0.1"
    joblib.dump(state, path)
    with pytest.raises(CorroborateError) as exc:
        CredibilityModel.load(path)
    assert exc.value.code == "E052" and "0.0.1" in exc.value.message


def test_credibility_classifier_duplicate_texts_never_straddle_folds() -> None:
    samples, y = corpus(40)
    # the same text twice with opposite labels, as FA-KES has
    for i in range(0, 10, 2):
        samples[i + 1] = Sample(f"dup{i}", samples[i].text, None, samples[i].content_hash,
                                samples[i].extraction, outlet=samples[i + 1].outlet)
    # by_outlet: the duplicates join outlets 0+1 and 2+3, leaving two groups
    for scheme, folds in (("stratified", 5), ("by_outlet", 2)):
        for train, test in cv_splits(samples, y, scheme, folds=folds):
            tr = {samples[i].content_hash for i in train}
            assert not tr & {samples[i].content_hash for i in test}
            if scheme == "by_outlet":
                assert not {samples[i].outlet for i in train} & {samples[i].outlet for i in test}


def test_credibility_classifier_cross_validate_reports_every_kind() -> None:
    samples, y = corpus(40)
    res = cross_validate(samples, y, kinds=("text", "claims"), folds=4)
    assert set(res["schemes"]) == {"stratified", "by_outlet"}
    for scheme in res["schemes"].values():
        for m in scheme.values():
            assert set(m) >= {"accuracy", "f1", "auc"}
    assert res["schemes"]["stratified"]["claims"]["accuracy"] >= 0.9


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_credibility_classifier_reads_fakes_style_and_label_columns(tmp_path: Path) -> None:
    fakes = _write(tmp_path / "FA-KES Mini.csv",
                   ["unit_id", "article_title", "article_content", "source", "date", "location", "labels"],
                   [["7", "T0", "Body zero.", "sana", "4/7/17", "homs", "1"],
                    ["7", "T1", "Body one.", "nna", "4/8/17", "idlib", "0"],
                    ["8", "T2", "Body two.", "nna", "bad date", "idlib", "0"]])
    rows = read_labelled(fakes)
    assert [r.article.id for r in rows] == ["fa-kes-mini-0", "fa-kes-mini-1", "fa-kes-mini-2"]
    assert [r.label for r in rows] == [1, 0, 0]
    assert rows[0].article.published == "2017-04-07" and rows[2].article.published is None
    assert rows[0].article.outlet == "sana" and rows[0].article.title == "T0"
    assert [r.row for r in read_labelled(fakes, rows=[1])] == [1]
    plain = _write(tmp_path / "p.csv", ["id", "text", "label"], [["x1", "Hello.", "fake"]])
    [r] = read_labelled(plain)
    assert (r.article.id, r.label) == ("x1", 0)


def test_credibility_classifier_labelled_data_errors(tmp_path: Path) -> None:
    nolabel = _write(tmp_path / "n.csv", ["text"], [["Hello."]])
    with pytest.raises(CorroborateError) as exc:
        read_labelled(nolabel)
    assert exc.value.code == "E053"
    badlabel = _write(tmp_path / "b.csv", ["text", "label"], [["Hello.", "maybe"]])
    with pytest.raises(CorroborateError) as exc:
        read_labelled(badlabel)
    assert exc.value.code == "E053" and exc.value.row == 0
    dev = _write(tmp_path / "dev.csv", ["row", "label"], [["3", "1"], ["1", "0"], ["3", "1"]])
    assert read_dev_rows(dev) == [1, 3]
