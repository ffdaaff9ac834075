"""The classifier evaluation over the FA-KES dev rows (slow: extracts 483 articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.config import Settings
from corroborate.credibility.classifier import evaluate_on_data


@pytest.mark.slow
def test_credibility_fakes_evaluate_dev_rows_with_baseline(fakes_csv: Path, crowd_dev_csv: Path) -> None:
    res = evaluate_on_data(fakes_csv, crowd_dev_csv, settings=Settings.load(), kinds=("text", "logreg"), folds=5)
    assert (res["n"], res["credible"], res["fake"]) == (483, 252, 231)
    for scheme in ("stratified", "by_outlet"):
        for kind in ("text", "logreg"):
            m = res["schemes"][scheme][kind]
            assert 0 <= m["accuracy"] <= 1 and 0 <= m["auc"] <= 1
    # the combined model must not be worse than chance by more than noise on grouped folds
    assert res["schemes"]["stratified"]["logreg"]["auc"] > 0.45
