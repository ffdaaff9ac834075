"""The learned pair model: the JSON file the linker reads its weights and threshold from."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.evaluate.linking import fit_pair_model
from corroborate.link import FEATURES, Linker, LinkItem
from corroborate.link.model import (
    MODEL_SCHEMA_VERSION,
    PairModel,
    dump_pair_model,
    load_pair_model,
    model_path,
)


def test_link_model_shipped_file_names_every_feature_once() -> None:
    raw = json.loads(model_path().read_text(encoding="utf-8"))
    assert raw["schema_version"] == MODEL_SCHEMA_VERSION
    assert raw["features"] == list(FEATURES) and list(raw["weights"]) == list(FEATURES)
    assert "build_link_weights.py" in raw["build_command"]
    model = load_pair_model()
    assert 0 < model.threshold < 1
    # the fit's sign constraints: agreement only raises a score, a conflict only lowers it
    for name, w in model.weights.items():
        assert (w <= 0) if name.endswith(("_far", "_conflict")) else (w >= 0), name
    assert model.fitted["pairs"] > model.fitted["positive_pairs"] > 0


def test_link_model_linker_uses_the_learned_threshold_unless_settings_give_one() -> None:
    assert Linker(Settings()).threshold == load_pair_model().threshold
    s = Settings()
    s.link.threshold = 0.6
    assert Linker(s).threshold == 0.6


def test_link_model_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    s = Settings()
    s.link.pair_model = tmp_path / "none.json"
    with pytest.raises(CorroborateError) as exc:
        Linker(s)
    assert exc.value.code == "E250" and "none.json" in str(exc.value)


@pytest.mark.parametrize("change, field", [
    ({"schema_version": 99}, "schema_version"),
    ({"threshold": 1.5}, "threshold"),
    ({"intercept": "high"}, "intercept"),
])
def test_link_model_malformed_file_is_a_catalogue_error(tmp_path: Path, change: dict[str, object],
                                                        field: str) -> None:
    raw = json.loads(model_path().read_text(encoding="utf-8"))
    raw.update(change)
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        load_pair_model(p)
    assert exc.value.code == "E250" and field in str(exc.value)


def test_link_model_features_must_match_the_linkers(tmp_path: Path) -> None:
    raw = json.loads(model_path().read_text(encoding="utf-8"))
    raw["weights"].pop("name_cos")
    raw["weights"]["hair_colour"] = 1.0
    p = tmp_path / "old.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        load_pair_model(p)
    assert exc.value.code == "E250"
    assert "name_cos" in str(exc.value) and "hair_colour" in str(exc.value)


def test_link_model_settings_that_give_the_whole_model_read_no_file(tmp_path: Path) -> None:
    s = Settings()
    s.link.pair_model = tmp_path / "none.json"
    s.link.weights = dict.fromkeys(FEATURES, 0.0) | {"text_cos": 10.0}
    s.link.intercept, s.link.threshold = -5.0, 0.5
    items = [LinkItem("a", 0, text="car bomb Hasakeh bakery"),
             LinkItem("b", 0, text="car bomb Hasakeh bakery")]
    assert Linker(s).link(items) == [[0, 1]]


def test_link_model_dump_round_trips_byte_for_byte(tmp_path: Path) -> None:
    model = load_pair_model()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    dump_pair_model(model, a)
    dump_pair_model(load_pair_model(a), b)
    assert a.read_bytes() == b.read_bytes()
    again = load_pair_model(b)
    assert again.weights == model.weights and again.threshold == model.threshold
    assert a.read_bytes() == model_path().read_bytes()  # the shipped file is in this form


def test_link_model_fit_is_deterministic_and_keeps_the_signs() -> None:
    rng = np.random.default_rng(3)
    X = rng.random((400, len(FEATURES)))
    conflict = FEATURES.index("killed_conflict")
    # the label follows the text cosine; killed_conflict is made to go with matches, the
    # wrong way round for a conflict, so only the bound keeps its weight at or below 0
    y = X[:, FEATURES.index("text_cos")] + 0.1 * rng.random(400) > 0.55
    X[:, conflict] = y * 0.5 + 0.5 * rng.random(400)
    first = fit_pair_model(X, y)
    assert fit_pair_model(X, y) == first
    weights, _ = first
    assert weights["text_cos"] > 1 and weights["killed_conflict"] <= 0


def test_link_model_pair_model_to_dict_orders_features() -> None:
    w = {f: 0.0 for f in reversed(FEATURES)}
    d = PairModel(weights=w, intercept=-1.0, threshold=0.3).to_dict()
    assert list(d["weights"]) == list(FEATURES)


@pytest.mark.slow
def test_link_model_rebuilt_from_the_tune_half_is_the_shipped_file(shared_dir: Path,
                                                                   tmp_path: Path) -> None:
    # The pair model is fitted on the extraction's output: a change to the extraction rules,
    # the pair features or the claim rules without `scripts/build_link_weights.py` leaves a
    # stale model behind.  Rebuilding it the way the script does gives the shipped bytes.
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "pair_model.json"
    subprocess.run([sys.executable, str(root / "scripts" / "build_link_weights.py"),
                    "--shared", str(shared_dir), "--out", str(out)],
                   cwd=root, check=True, capture_output=True, text=True)
    assert out.read_bytes() == model_path().read_bytes(), (
        "src/corroborate/data/link/pair_model.json is stale: rebuild it with "
        "`CORROBORATE_SHARED=../shared .venv/bin/python scripts/build_link_weights.py`")
