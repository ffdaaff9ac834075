"""The shipped headline-figure model is the one the current rules train."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.config import Settings
from corroborate.evaluate.figures import C, collect, train
from corroborate.extract.scorer import default_model_path


@pytest.mark.slow
def test_figures_rebuilt_from_the_current_rules_is_the_shipped_model(shared_dir: Path) -> None:
    # The model reads the rules' own output (some features describe it), so a change to the
    # casualty rules without `corroborate evaluate train-figures` leaves a stale model behind:
    # rebuilding it the way the command does must give the shipped file byte for byte.
    model = train(collect(shared_dir, Settings.load(), "tune"), c=C)
    rebuilt = json.dumps(model.to_json(), indent=1) + "\n"
    shipped = default_model_path().read_text(encoding="utf-8")
    assert rebuilt == shipped, (
        "src/corroborate/data/models/figures.json is stale: rebuild it with "
        "`corroborate evaluate train-figures`")
