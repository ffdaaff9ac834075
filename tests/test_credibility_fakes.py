"""The classifier evaluation over the FA-KES dev rows (slow: extracts and links 469 articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.config import Settings
from corroborate.credibility.evaluation import evaluate, load_corpus


@pytest.mark.slow
def test_credibility_fakes_realigned_labels_learnable_beyond_the_outlet(fakes_csv: Path,
                                                                       shared_dir: Path) -> None:
    corpus = load_corpus(fakes_csv, fakes_csv.parent / "labels_realigned_dev.csv",
                         settings=Settings.load(), reference=None)
    # 483 dev rows less the 14 rows (12 unit_ids) whose realigned label is ambiguous
    assert len(corpus.y) == 469
    res = evaluate(corpus, kinds=("outlet", "text"), folds=5)
    s = res["schemes"]
    # the realigned labels are learnable from the text with every outlet held out, where the
    # outlet's own label rate is worth no more than the majority class
    assert s["by_outlet"]["text"]["accuracy"] > s["by_outlet"]["outlet"]["accuracy"] + 0.1
    assert s["by_outlet"]["outlet"]["accuracy"] <= res["majority_rate"] + 0.02
    # the untouched half is scored by a model that never saw it
    assert res["halves"]["text"]["test"] > res["halves"]["outlet"]["test"]
