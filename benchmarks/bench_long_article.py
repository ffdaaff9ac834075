"""Extraction time on one very long article: does the pipeline stay linear?

Builds articles of 0.5, 1, 2 and 5 MB by joining FA-KES article bodies (read from
the shared data at run time) until the size is reached, and runs the default
pipeline over each in its own subprocess (one core, CPU time, peak RSS of that
process).  Prints seconds per size, per component, and the growth ratio between
successive sizes (2.0 per doubling is linear).  ``--shape one-sentence`` removes
every sentence break, the worst case for per-sentence work.  ``--stage analyze``
runs the whole ``analyze`` (ingest, extract, link and compare, store, credibility)
into a fresh SQLite store instead, with seconds per stage: the stages after
extraction once re-read the whole article for each of its incidents.

Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_long_article.py [--json]
    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_long_article.py --stage analyze
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("CORROBORATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
SIZES_MB = (0.5, 1.0, 2.0, 5.0)


def _text(size: int, shape: str) -> str:
    from corroborate.evaluate.extraction import read_fakes

    bodies = [a.text for a in read_fakes(FAKES) if a.text.strip()]
    if shape == "one-sentence":
        bodies = [" ".join(b.replace(".", ",").replace("!", ",").replace("?", ",").split())
                  for b in bodies]
    sep = " " if shape == "one-sentence" else "\n\n"
    parts: list[str] = []
    n = 0
    while n < size:
        for b in bodies:
            parts.append(b)
            n += len(b) + len(sep)
            if n >= size:
                break
    return sep.join(parts)[:size]


def run_one(size_mb: float, shape: str) -> dict[str, Any]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from corroborate.config import Settings
    from corroborate.doc import Doc
    from corroborate.extract import default_pipeline
    from corroborate.models import Article

    text = _text(int(size_mb * 1_000_000), shape)
    pipe = default_pipeline(Settings())
    pipe(Doc(Article(id="warm", text=text[:5000], title="Warm-up")))
    doc = Doc(Article(id="long", text=text, title="A very long article"))
    per: dict[str, float] = {}
    t0 = time.process_time()
    for c in pipe.components:
        t = time.process_time()
        doc = c(doc)
        per[c.name] = round(time.process_time() - t, 3)
    total = time.process_time() - t0
    return _row(size_mb, text, total, incidents=len(doc.get("incidents") or []),
                attributions=len(doc.get("attributions") or []),
                framing=len(doc.get("framing") or []), seconds_by_component=per)


def _row(size_mb: float, text: str, total: float, **counts: Any) -> dict[str, Any]:
    """One result row: the size, the CPU seconds (also per MB), this process's peak RSS
    and whatever the run counted."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size_mb": size_mb,
        "chars": len(text),
        "cpu_seconds": round(total, 3),
        "seconds_per_mb": round(total / size_mb, 3),
        "peak_rss_mib": round(rss / 1024 if sys.platform != "darwin" else rss / 2**20, 1),
        **counts,
    }


def run_analyze(size_mb: float, shape: str) -> dict[str, Any]:
    """The whole `analyze` over one article file, seconds per stage (CPU of this process)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import tempfile

    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.config import Settings
    from corroborate.extract import default_pipeline

    default_pipeline(Settings())  # loading the gazetteer is not the article's cost
    text = _text(int(size_mb * 1_000_000), shape)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text("A very long article\n\n" + text, encoding="utf-8")
        with Corroborate(Settings(db=str(Path(tmp) / "x.db"))) as app:
            t0 = time.process_time()
            result = analyze(app, [path])
            total = time.process_time() - t0
    return _row(size_mb, text, total, incidents=len(result.incidents), attributions=0,
                seconds_by_component={k: round(v, 3) for k, v in result.seconds.items()})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shape", choices=["paragraphs", "one-sentence"], default="paragraphs")
    ap.add_argument("--sizes", type=float, nargs="+", default=list(SIZES_MB),
                    help="article sizes in MB")
    ap.add_argument("--stage", choices=["extract", "analyze"], default="extract",
                    help="extraction alone, or the whole analyze")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    if args.one is not None:
        run = run_analyze if args.stage == "analyze" else run_one
        sys.stdout.write(json.dumps(run(args.one, args.shape)) + "\n")
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    rows = []
    for size in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(size), "--shape",
                               args.shape, "--stage", args.stage], env=env, capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    for prev, row in zip(rows, rows[1:], strict=False):
        # time ratio over size ratio: 1.0 is linear, 2.0 would be quadratic
        row["growth"] = round(row["cpu_seconds"] / prev["cpu_seconds"]
                              / (row["size_mb"] / prev["size_mb"]), 2)
    if args.json:
        sys.stdout.write(json.dumps({"shape": args.shape, "stage": args.stage, "runs": rows},
                                    indent=2) + "\n")
        return
    what = "whole analyze" if args.stage == "analyze" else "default pipeline"
    print(f"one long article ({args.shape}), {what}, one core, CPU time")
    print(f"{'MB':>5}{'seconds':>10}{'s/MB':>8}{'growth':>8}{'peak RSS MiB':>14}"
          f"{'incidents':>11}{'attributions':>14}")
    for r in rows:
        print(f"{r['size_mb']:>5}{r['cpu_seconds']:>10}{r['seconds_per_mb']:>8}"
              f"{r.get('growth', ''):>8}{r['peak_rss_mib']:>14}{r['incidents']:>11}"
              f"{r['attributions']:>14}")
    print("growth = (time ratio) / (size ratio) between successive sizes; 1.0 is linear")
    slowest = rows[-1]["seconds_by_component"]
    print(f"seconds by {'stage' if args.stage == 'analyze' else 'component'} at "
          f"{rows[-1]['size_mb']} MB: " + ", ".join(
        f"{k} {v}" for k, v in slowest.items()))


if __name__ == "__main__":
    main()
