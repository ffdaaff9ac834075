"""The learned pair model: logistic weights, intercept and clustering threshold, shipped as JSON.

``corroborate/data/link/pair_model.json`` holds what `scripts/build_link_weights.py`
learned on the tune halves of the dev corpora: one weight per pair feature (names, not
positions, so a reader can see what each feature is worth), the intercept, the
threshold picked on B³, and how it was fitted.  Nothing in it depends on the batch being
linked.  A missing, unreadable or mismatched file is error ``E250``: the linker never
falls back to other weights.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import error
from .features import FEATURES

#: bump when the file's layout changes (not when the weights do)
MODEL_SCHEMA_VERSION = 1

#: how the shipped file is rebuilt
BUILD_COMMAND = "CORROBORATE_SHARED=../shared .venv/bin/python scripts/build_link_weights.py"


@dataclass(frozen=True)
class PairModel:
    """Weights by feature name, intercept and merge threshold of the logistic pair model."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    #: how the model was fitted (pairs, corpora, tune-half figures); kept as written
    fitted: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": MODEL_SCHEMA_VERSION,
            "model": "logistic",
            "build_command": BUILD_COMMAND,
            "features": list(FEATURES),
            "weights": {f: self.weights[f] for f in FEATURES},
            "intercept": self.intercept,
            "threshold": self.threshold,
            "fitted": self.fitted,
        }


def model_path() -> Path:
    return Path(str(resources.files("corroborate"))) / "data" / "link" / "pair_model.json"


def dump_pair_model(model: PairModel, path: str | Path) -> None:
    """Write ``model`` as stable JSON (fixed key order, the weights as the fit
    rounded them, newline at end), so the same fit writes the same bytes."""
    text = json.dumps(model.to_dict(), indent=2, ensure_ascii=False) + "\n"
    Path(path).write_text(text, encoding="utf-8")


def _number(raw: Any, what: str, p: Path) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise error("E250", f"{what} must be a finite number, not {raw!r}", file=p, field=what)
    return float(raw)


def load_pair_model(path: str | Path | None = None) -> PairModel:
    """The pair model at ``path`` (None: the one shipped in the package)."""
    return _load(str(path) if path is not None else str(model_path()))


@lru_cache(maxsize=8)
def _load(path: str) -> PairModel:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error("E250", f"cannot read the linking pair model: {exc}", file=p) from None
    if not isinstance(raw, dict):
        raise error("E250", "the linking pair model must be a JSON object", file=p)
    version = raw.get("schema_version")
    if version != MODEL_SCHEMA_VERSION:
        raise error("E250", f"pair model schema_version is {version!r}; this version of "
                    f"corroborate reads {MODEL_SCHEMA_VERSION} (rebuild it: {BUILD_COMMAND})",
                    file=p, field="schema_version")
    weights = raw.get("weights")
    if not isinstance(weights, dict):
        raise error("E250", "the pair model has no weights object", file=p, field="weights")
    missing = [f for f in FEATURES if f not in weights]
    unknown = sorted(set(weights) - set(FEATURES))
    if missing or unknown:
        raise error("E250", f"the pair model's features do not match the linker's: missing "
                    f"{missing}, unknown {unknown} (rebuild it: {BUILD_COMMAND})",
                    file=p, field="weights")
    threshold = _number(raw.get("threshold"), "threshold", p)
    if not 0.0 < threshold < 1.0:
        raise error("E250", f"threshold must lie between 0 and 1, not {threshold}", file=p,
                    field="threshold")
    fitted = raw.get("fitted") or {}
    return PairModel(weights={f: _number(weights[f], f"weights.{f}", p) for f in FEATURES},
                     intercept=_number(raw.get("intercept"), "intercept", p),
                     threshold=threshold,
                     fitted=fitted if isinstance(fitted, dict) else {})
