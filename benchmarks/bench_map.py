"""Cost of drawing the /map page: the FA-KES store and 10,000 synthetic incidents.

The FA-KES dataset is analysed into a fresh store (reads ``$CORROBORATE_SHARED``);
the synthetic store is the one `bench_export.py` builds.  Each map is requested
twice through the app: the first view reads the incidents (at most 2,000) and draws
the SVG, the second comes from the page cache.  Run::

    CORROBORATE_SHARED=../shared nice -n 10 .venv/bin/python benchmarks/bench_map.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.web import create_app

sys.path.insert(0, str(Path(__file__).parent))
from bench_export import build  # noqa: E402

SHARED = Path(os.environ.get("CORROBORATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"


def measure(name: str, db: str) -> None:
    app = Corroborate(Settings(db=db))
    with TestClient(create_app(app)) as client:
        for label in ("first view", "cached view"):
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.get("/map")
            r.raise_for_status()
            marks = r.text.count('class="map-mark"')
            print(f"{name:<16} {label:<12} {time.process_time() - c0:6.2f} s CPU "
                  f"{time.perf_counter() - t0:6.2f} s wall  {len(r.content) / 1024:6.0f} KiB  "
                  f"{marks:>5} marks", flush=True)
    app.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fakes = str(Path(tmp) / "fakes.db")
        app = Corroborate(Settings(db=fakes))
        analyze(app, [FAKES])
        app.close()
        measure("FA-KES", fakes)
        synthetic = str(Path(tmp) / "synthetic.db")
        build(synthetic, 10_000)
        measure("synthetic 10k", synthetic)


if __name__ == "__main__":
    main()
