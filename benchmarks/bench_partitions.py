"""How far the linker's independent partitions cut a corpus (`corroborate.link.partition`).

The Dask engine links one partition per task and a local run holds one partition's
linking at a time, so the largest partition bounds both the speed-up and the link
stage's memory.  For each corpus this prints the number of items, of partitions, the
largest, the 99th percentile and the share of items in the largest, and the CPU time
partitioning took:

* ``fakes``: every FA-KES article, extracted (its headline incident), as
  `evaluate linking` builds them;
* ``gva``: every GVA dev page, the same way;
* ``synthetic``: the synthetic items of `benchmarks/bench_link.py` at each size
  (FA-KES texts reused by many events across Syria, 2011-2018).

Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_partitions.py \\
        --corpora fakes gva synthetic --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corroborate.config import Settings  # noqa: E402
from corroborate.link.partition import partition_items  # noqa: E402

SHARED = Path(os.environ.get("CORROBORATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"


def measure(name: str, items: list, settings: Settings) -> dict[str, object]:
    c0 = time.process_time()
    parts = partition_items(items, settings)
    cpu = time.process_time() - c0
    sizes = sorted((len(p) for p in parts), reverse=True)
    n = len(items)
    return {"corpus": name, "items": n, "partitions": len(parts),
            "largest": sizes[0] if sizes else 0,
            "p99": sizes[max(0, len(sizes) // 100 - 1)] if sizes else 0,
            "largest_share": round(sizes[0] / n, 4) if n else 0.0,
            "singletons": sum(1 for s in sizes if s == 1),
            "cpu_s": round(cpu, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", nargs="+", choices=["fakes", "gva", "synthetic"],
                    default=["fakes", "gva", "synthetic"])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = ap.parse_args()
    if not FAKES.is_file():
        sys.exit(f"FA-KES not found at {FAKES}; set CORROBORATE_SHARED")
    settings = Settings.load()
    if "fakes" in args.corpora:
        from corroborate.evaluate.linking import (
            fakes_row_count,
            items_for_articles,
            load_fakes_rows,
        )

        rows = load_fakes_rows(FAKES, range(fakes_row_count(FAKES)))
        items = items_for_articles([rows[k] for k in sorted(rows)], settings)
        print(json.dumps(measure("fakes", items, settings)), flush=True)
    if "gva" in args.corpora:
        from corroborate.evaluate import gva
        from corroborate.evaluate.linking import items_for_articles

        docs = gva.read_docs(SHARED / "data" / "gva-dev")
        items = items_for_articles([d.article for d in docs], settings)
        print(json.dumps(measure("gva", items, settings)), flush=True)
    if "synthetic" in args.corpora:
        from bench_link import make_items

        for n in args.sizes:
            print(json.dumps(measure(f"synthetic-{n}", make_items(n), settings)), flush=True)


if __name__ == "__main__":
    main()
