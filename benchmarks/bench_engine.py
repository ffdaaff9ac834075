"""`corroborate analyze` of FA-KES: local engine against Dask with 1 and 2 workers.

Each run is a fresh store and a fresh `corroborate analyze` process (so imports and
model loading count, as for a user); the Dask runs use a `dask.distributed`
LocalCluster of one-thread worker processes started here, named with
``--scheduler``.  Prints the wall time of each, the CPU time of every process it
took (the analyze process, and the cluster's workers and nannies from start to
close: `resource.RUSAGE_CHILDREN`, which counts reaped descendants), and checks
that the incidents JSON is byte-identical to the local run's.

    CORROBORATE_SHARED=../shared nice -n 10 .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(csv: Path, out: Path, name: str, extra: list[str]) -> tuple[float, bytes]:
    cmd = [sys.executable, "-c", "from corroborate.cli import main; main()", "analyze",
           str(csv), "--db", str(out / f"{name}.db"), "--json", str(out / f"{name}.json"),
           "--quiet", *extra]
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t, (out / f"{name}.json").read_bytes()


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    shared = Path(os.environ.get("CORROBORATE_SHARED", REPO.parent / "shared"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=shared / "data" / "fa-kes" / "FA-KES-Dataset.csv")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cpu = children_cpu()
        local_s, local = run(args.csv, out, "local", [])
        cpu, local_cpu = children_cpu(), children_cpu() - cpu
        print(f"{'engine':<22} {'wall s':>8} {'CPU s':>8} {'speed-up':>9}  JSON")
        print(f"{'local':<22} {local_s:8.1f} {local_cpu:8.1f} {1.0:9.2f}  reference")
        for n in args.workers:
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster:
                secs, got = run(args.csv, out, f"dask{n}",
                                ["--engine", "dask", "--scheduler", cluster.scheduler_address])
            cpu, used = children_cpu(), children_cpu() - cpu
            same = "identical" if got == local else "DIFFERENT"
            print(f"{f'dask, {n} worker(s)':<22} {secs:8.1f} {used:8.1f} {local_s / secs:9.2f}  "
                  f"{same}", flush=True)


if __name__ == "__main__":
    main()
