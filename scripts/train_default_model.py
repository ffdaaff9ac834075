"""Regenerate the shipped credibility model from the FA-KES dev rows.

Only the rows listed in ``crowd_dev.csv`` are used: the held-out rows stay
unseen by every shipped artefact (``tests/test_credibility_model.py`` checks
the model's recorded training rows against the dev file).  Only titles and
texts are read, through the extraction pipeline; the crowd columns are not.

    .venv/bin/python scripts/train_default_model.py [--shared ../shared] [--kind logreg]
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from corroborate.cli.common import progress
from corroborate.config import Settings
from corroborate.credibility.classifier import default_model_path, train_model

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CORROBORATE_SHARED", REPO.parent / "shared")))
    parser.add_argument("--kind", default="logreg")
    parser.add_argument("--out", type=Path, default=default_model_path())
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    fakes = args.shared / "data" / "fa-kes"
    path, info = train_model(fakes / "FA-KES-Dataset.csv", args.out, settings=Settings.load(),
                             dev=fakes / "crowd_dev.csv",
                             kind=args.kind, progress=progress)
    logging.info("trained %s on %d dev rows (%d credible, %d fake) -> %s (%.0f KiB)", info["kind"],
                 info["n_train"], info["credible"], info["fake"], path, path.stat().st_size / 1024)


if __name__ == "__main__":
    main()
