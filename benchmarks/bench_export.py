"""Export benchmark: time and peak memory of every export format, 10k vs 100k incidents.

Incidents are synthetic: each is the hand-written example incident of the test data
(two reports, a full claims matrix with evidence, contradictions, about 10 KB of
JSON) with its own id, date (2011-2018), place (a Syrian governorate centre, jittered
by up to 0.4 degrees; one in fifty without coordinates), killed and injured figures
and grade.  A store of each size is built once in its own subprocess; each export
then runs in a fresh subprocess writing to a file, which reports its wall and CPU
time, the file's size, its anonymous memory (the heap, sampled every 250 incidents)
before the export and at its peak in each half of it, and its peak RSS, which also counts the pages of the
SQLite store's memory map (up to 256 MB, `store/sqlite.py`).  Bounded memory shows
as a heap that stops growing: the same peak in both halves of the export.  Run::

    nice -n 10 .venv/bin/python benchmarks/bench_export.py [--sizes 10000 100000] [--formats ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "tests" / "data" / "incidents_example.json"
FORMATS = ("geojson", "kml", "csv", "claims-csv", "acled", "ucdp")

# governorate -> (lat, lon) of its capital; public coordinates, rounded
REGIONS = {
    "Aleppo": (36.20, 37.16), "Idlib": (35.93, 36.63), "Hama": (35.13, 36.75),
    "Homs": (34.73, 36.71), "Damascus": (33.51, 36.29), "Daraa": (32.62, 36.10),
    "Deir ez-Zor": (35.33, 40.14), "Raqqa": (35.95, 39.01), "Al-Hasakah": (36.50, 40.75),
    "Latakia": (35.52, 35.78),
}
GRADES = ("confirmed", "fair", "weak", "contested", "single_source")


def synthetic(n: int, seed: int = 15) -> list[dict[str, Any]]:
    """``n`` incident documents.  Nested parts are shared between documents (only what
    differs is copied) so that building a 100k store does not itself need gigabytes."""
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))["incidents"][0]
    rng = random.Random(seed)
    names = list(REGIONS)
    out = []
    for i in range(n):
        inc = dict(base)
        region = names[i % len(names)]
        lat, lon = REGIONS[region]
        day = f"{rng.randint(2011, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        inc["id"] = f"inc-{i:010d}"
        inc["date"] = day
        inc["date_range"] = [day, day]
        inc["label"] = f"{day} · {region} · airstrike"
        inc["place"] = None if i % 50 == 0 else {
            "name": region, "admin1": region, "country": "SY",
            "lat": round(lat + rng.uniform(-0.4, 0.4), 5),
            "lon": round(lon + rng.uniform(-0.4, 0.4), 5)}
        killed = rng.randint(1, 120)
        consensus = dict(base["consensus"])
        consensus["killed"] = {**base["consensus"]["killed"], "conservative": killed,
                               "min": killed, "max": killed + rng.randint(0, 30)}
        inc["consensus"] = consensus
        inc["grade"] = {**base["grade"], "label": GRADES[i % len(GRADES)]}
        out.append(inc)
    return out


def build(db: str, n: int) -> None:
    from corroborate.store import open_store

    with open_store(db) as store:
        store.replace_incidents(synthetic(n))


def anon_mb() -> float:
    """Anonymous resident memory (the heap: Python objects, SQLite's page cache), without
    the file-backed pages of the store's memory map, which the peak RSS includes."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_export(db: str, fmt: str, out: str) -> dict[str, Any]:
    from corroborate import export
    from corroborate.store import IncidentQuery, open_store

    # the heap's peak in each half of the export: a bounded export stops growing
    peak_anon = [0.0, 0.0]

    def sampled(incidents: Any, total: int) -> Any:
        for i, inc in enumerate(incidents):
            if i % 250 == 0:
                half = 0 if i < total // 2 else 1
                peak_anon[half] = max(peak_anon[half], anon_mb())
            yield inc

    with open_store(db) as store:
        total = store.list_incidents(IncidentQuery(limit=1))[1]
        before = anon_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        stats = export.ExportStats()
        incidents = export.counted(sampled(export.iter_incidents(store, IncidentQuery()), total),
                                   stats)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            for chunk in export.export_chunks(fmt, incidents):
                fh.write(chunk)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"format": fmt, "incidents": stats.incidents, "no_coords": stats.without_coordinates,
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "mb_written": round(os.path.getsize(out) / 2**20, 1),
            "anon_before_mb": round(before, 1), "peak_anon_1st_half_mb": round(peak_anon[0], 1),
            "peak_anon_2nd_half_mb": round(peak_anon[1], 1),
            "peak_rss_mb": round(peak, 1)}


def child(args: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, __file__, *args], env=env, check=True,
                          capture_output=True, text=True)
    return proc.stdout


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    p.add_argument("--_build", nargs=2, help=argparse.SUPPRESS)
    p.add_argument("--_export", nargs=3, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a._build:
        build(a._build[0], int(a._build[1]))
        return
    if a._export:
        print(json.dumps(run_export(*a._export)))
        return
    print("size     format      incidents  wall s  cpu s  MB out  anon before MB  "
          "peak anon MB (1st half, 2nd half)  peak RSS MB")
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            db = str(Path(tmp) / f"bench-{n}.db")
            t0 = time.perf_counter()
            child(["--_build", db, str(n)])
            print(f"# built a store of {n:,} incidents in {time.perf_counter() - t0:.0f} s "
                  f"({os.path.getsize(db) / 2**20:.0f} MB)", flush=True)
            for fmt in a.formats:
                r = json.loads(child(["--_export", db, fmt, str(Path(tmp) / f"out-{n}.{fmt}")]))
                print(f"{n:<8} {fmt:<11} {r['incidents']:>9}  {r['wall_s']:>6}  {r['cpu_s']:>5}  "
                      f"{r['mb_written']:>6}  {r['anon_before_mb']:>14}  "
                      f"{r['peak_anon_1st_half_mb']:>16}, {r['peak_anon_2nd_half_mb']:>16}  "
                      f"{r['peak_rss_mb']:>11}",
                      flush=True)
            os.unlink(db)


if __name__ == "__main__":
    main()
