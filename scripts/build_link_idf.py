"""Build the linker's fixed IDF table, ``src/corroborate/data/link/idf.npz``.

The reference corpus is drawn from the **tune half** of the linking dev sets (the
fixed by-incident split of `corroborate.evaluate.splits`), so the untouched halves
stay untouched:

* GVA dev articles whose incident falls in the tune half;
* FA-KES articles, except the rows of the linking gold whose incident falls in the
  test half (the rest of FA-KES is in no linking gold: general Syrian-war news).

ECB+ is left out.  An ECB+ topic is some twenty reports of two events of one kind
(two earthquakes, two product launches): in the reference corpus its own words
("quake", "magnitude", the company's name) would be common, so within a tune topic
the words both events share would weigh little, while in any topic the table never
saw (the test half, every new story) they weigh as much as a rare name.  The pair
model and its threshold would then be fitted where the two events of a topic look
further apart than they ever do in use.  A GVA incident has a few reports, too few to
move a word's document frequency.

Each document contributes its lead (title + text, the first ``text_chars``
characters, as the linker reads it).  The table holds, per hashed word column,
``ln((1 + N) / (1 + df)) + 1``: numbers only, no words.

    python scripts/build_link_idf.py [--shared ../shared] [--out src/corroborate/data/link/idf.npz]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

from corroborate.config import Settings
from corroborate.evaluate import gva
from corroborate.evaluate.linking import fakes_row_count, load_fakes_rows, load_gold
from corroborate.evaluate.splits import half_of
from corroborate.link.text import build_idf

HERE = Path(__file__).resolve().parent.parent


def tune_leads(shared: Path, chars: int) -> tuple[list[str], dict[str, int]]:
    leads: list[str] = []
    sizes: dict[str, int] = {}
    docs = [d for d in gva.read_docs(shared / "data" / "gva-dev")
            if half_of(f"gva:{d.incident_id}") == "tune"]
    leads += [d.article.full_text[:chars] for d in docs]
    sizes["gva"] = len(docs)
    gold = load_gold(HERE / "benchmarks" / "data" / "fakes_link_gold.csv")
    held_out = {r for r, inc in gold.items() if half_of(f"fakes:{inc}") == "test"}
    path = shared / "data" / "fa-kes" / "FA-KES-Dataset.csv"
    n_rows = fakes_row_count(path)
    arts = load_fakes_rows(path, [r for r in range(n_rows) if r not in held_out])
    leads += [arts[r].full_text[:chars] for r in sorted(arts)]
    sizes["fakes"] = len(arts)
    return leads, sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("CORROBORATE_SHARED", "../shared")))
    ap.add_argument("--out", type=Path, default=HERE / "src" / "corroborate" / "data" / "link" / "idf.npz")
    args = ap.parse_args()
    leads, sizes = tune_leads(args.shared, Settings().link.text_chars)
    tables = build_idf(leads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **tables)
    sys.stdout.write(f"{args.out}: {len(leads)} documents ({sizes}); {len(tables['words_cols'])} "
                     f"word and {len(tables['names_cols'])} name columns\n")


if __name__ == "__main__":
    main()
