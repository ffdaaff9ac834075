"""Regenerate the shipped credibility model from the FA-KES dev rows, realigned labels.

Only the dev rows (those of ``labels_realigned_dev.csv`` with a realigned
label) are used: the held-out rows stay unseen by every shipped artefact
(``tests/test_credibility_model.py`` checks the model's recorded training rows
against the dev file).  Only titles and texts are read, through the extraction,
linking and compare stages; the reference features come from the shared UCDP
GED file.  The model records its measured skill (stratified and by-outlet
accuracy beside the outlet-only baseline, and per outlet whether it beats the
outlet's majority), which every prediction then states.

    .venv/bin/python scripts/train_default_model.py [--shared ../shared] [--kind logreg]
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from corroborate.cli.common import progress
from corroborate.config import Settings
from corroborate.credibility.classifier import default_model_path
from corroborate.credibility.evaluation import load_corpus, train_shipped

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CORROBORATE_SHARED", REPO.parent / "shared")))
    parser.add_argument("--kind", default="text")
    parser.add_argument("--out", type=Path, default=default_model_path())
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    fakes = args.shared / "data" / "fa-kes"
    corpus = load_corpus(fakes / "FA-KES-Dataset.csv", fakes / "labels_realigned_dev.csv",
                         settings=Settings.load(), progress=progress,
                         reference=args.shared / "data" / "ucdp-ged-syria" / "ged_syria.csv")
    path, info = train_shipped(corpus, args.out, kind=args.kind)
    logging.info("trained %s on %d dev rows (%d credible, %d fake) -> %s (%.0f KiB); stratified "
                 "CV %.3f (outlet-only %.3f), each outlet held out %.3f (outlet-only %.3f)",
                 info["kind"], info["n_train"], info["credible"], info["fake"], path,
                 path.stat().st_size / 1024, info["cv_accuracy"], info["cv_outlet_baseline"],
                 info["by_outlet_accuracy"], info["by_outlet_baseline"])


if __name__ == "__main__":
    main()
