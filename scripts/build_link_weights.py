"""Learn the linker's pair model, ``src/corroborate/data/link/pair_model.json``.

Fitted on the **tune half** only of each linking dev set (the fixed by-incident
split of `corroborate.evaluate.splits`): the ECB+ topics of the tune half (each topic
linked alone), the FA-KES linking gold's tune incidents and the GVA hard blocks of
tune-half incidents.  The test halves are not read.

1. the candidate pairs blocking yields on those problems, labelled by gold;
2. a weighted, sign-constrained logistic regression (`evaluate.linking.fit_pair_model`);
3. the clustering threshold: the best mean tune-half B³ F1 among the thresholds where
   every tune set keeps a precision of at least `evaluate.linking.PRECISION_FLOOR`.

Extraction, blocking and the fit are deterministic, so the same data and code write
the same file, byte for byte.

    CORROBORATE_SHARED=../shared .venv/bin/python scripts/build_link_weights.py [--out PATH]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from corroborate.config import Settings
from corroborate.evaluate.linking import PRECISION_FLOOR, DevData, _headline, tune_linking
from corroborate.link.model import PairModel, dump_pair_model, model_path

HERE = Path(__file__).resolve().parent.parent


def _figures(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    names = []
    if "ecbplus" in report:
        names += ["ecbplus_within_topic_micro", "ecbplus_across_topics"]
    names += [k for k in ("fakes", "gva") if k in report]
    return {n: {k: round(float(b[k]), 4) for k in ("precision", "recall", "f1")}
            for n, b in zip(names, _headline(report), strict=True)}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("CORROBORATE_SHARED", "../shared")))
    ap.add_argument("--out", type=Path, default=model_path())
    args = ap.parse_args()
    shared = args.shared
    settings = Settings()
    data = DevData.load(ecbplus=shared / "data" / "ecbplus",
                        fakes=shared / "data" / "fa-kes" / "FA-KES-Dataset.csv",
                        gold=HERE / "benchmarks" / "data" / "fakes_link_gold.csv",
                        gva_dir=shared / "data" / "gva-dev", settings=settings,
                        use_extraction=True)
    tuned = tune_linking(data, settings)
    best = next(g for g in tuned["grid"] if g["threshold"] == tuned["threshold"])
    fitted = {
        "data": "tune half of the fixed by-incident dev split: ECB+ topics (each alone), "
                "the FA-KES linking gold, GVA hard blocks; extraction on",
        "method": "logistic regression, each corpus and each class weighted equally, "
                  "agreement weights >= 0 and conflict weights <= 0, L2 (C = 1)",
        "threshold_rule": f"best mean tune B³ F1 with every tune set's precision >= "
                          f"{PRECISION_FLOOR}",
        "pairs": tuned["pairs"],
        "positive_pairs": tuned["positive_pairs"],
        "corpora": tuned["corpora"],
        "tune_b_cubed": _figures(best["report"]),
        "threshold_grid": [{"threshold": g["threshold"], "mean_f1": g["objective"]}
                           for g in tuned["grid"]],
    }
    model = PairModel(weights=tuned["weights"], intercept=tuned["intercept"],
                      threshold=tuned["threshold"], fitted=fitted)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    dump_pair_model(model, args.out)
    sys.stdout.write(f"{args.out}: {tuned['pairs']} pairs ({tuned['positive_pairs']} same "
                     f"incident), threshold {tuned['threshold']}, tune B³ "
                     f"{fitted['tune_b_cubed']}\n")


if __name__ == "__main__":
    main()
