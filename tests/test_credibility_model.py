"""The shipped default model: small, loadable, and trained on FA-KES dev rows only."""

from __future__ import annotations

import csv
from pathlib import Path

from corroborate.credibility.classifier import CredibilityModel, default_model_path
from corroborate.credibility.training import read_dev_rows


def test_credibility_model_shipped_file_is_small_and_loads() -> None:
    path = default_model_path()
    assert path.is_file(), "run scripts/train_default_model.py"
    assert path.stat().st_size < 5 * 1024 * 1024
    model = CredibilityModel.load(path)
    assert model.kind in ("text", "claims", "logreg", "hgb")
    assert model.info["labels"] == "label_realigned"
    # the model states how it did, per outlet, against the outlet's own majority
    for row in model.info["within_outlet"].values():
        assert row["better_than_chance"] == (row["accuracy"] > row["majority_rate"])


def test_credibility_model_trained_only_on_dev_rows(fakes_csv: Path, crowd_dev_csv: Path) -> None:
    model = CredibilityModel.load(default_model_path())
    dev = set(read_dev_rows(crowd_dev_csv))
    with fakes_csv.open(encoding="utf-8", errors="replace") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh))
    held_out = set(range(n_rows)) - dev
    assert held_out, "the shared data should hold rows out"
    assert model.train_rows, "the model must record its training rows"
    assert set(model.train_rows) <= dev
    assert not set(model.train_rows) & held_out
    # ids follow the ingest contract: <file-stem-slug>-<row>
    assert set(model.train_ids) == {f"fa-kes-dataset-{r}" for r in model.train_rows}
    assert {b.article_id for b in model.background} == set(model.train_ids)
