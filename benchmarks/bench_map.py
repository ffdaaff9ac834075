"""Cost of drawing the /map page: the FA-KES store and 10,000 synthetic incidents, and
the page weight of three views of the demo and FA-KES maps.

The bundled demo corpus and the FA-KES dataset are analysed into fresh stores (FA-KES
read from ``$CORROBORATE_SHARED``);
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
SAMPLE = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "sample_corpus" / "reports"


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


#: views whose page weight is reported: the fitted map, every incident (a wide view,
#: where the most admin-1 lines are drawn) and one city (the closest views)
VIEWS = ("/map", "/map?fit=all", "/map?place=Aleppo")


def weigh(name: str, db: str) -> None:
    """Bytes of HTML, incidents drawn and admin-1 subpaths of each of `VIEWS`."""
    app = Corroborate(Settings(db=db))
    with TestClient(create_app(app)) as client:
        for view in VIEWS:
            r = client.get(view)
            r.raise_for_status()
            at = r.text.find('<g class="admin1"')
            lines = r.text[at:r.text.find("</g>", at)].count("M") if at >= 0 else 0
            marks = r.text.count('class="map-mark"')
            print(f"{name:<16} {view:<20} {len(r.content):>9,} bytes  {marks:>5} marks  "
                  f"{lines:>5} admin-1 subpaths", flush=True)
    app.close()


def analysed(db: str, source: Path) -> str:
    """``source`` analysed into the store ``db``; a missing or partly unreadable source
    stops the benchmark rather than weigh an empty map."""
    app = Corroborate(Settings(db=db))
    result = analyze(app, [source])
    app.close()
    if result.rejects or not result.incidents:
        sys.exit(f"bench_map: {source}: {len(result.rejects)} rejected, "
                 f"{len(result.incidents)} incidents")
    return db


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        weigh("demo", analysed(str(Path(tmp) / "demo.db"), SAMPLE))
        fakes = analysed(str(Path(tmp) / "fakes.db"), FAKES)
        weigh("FA-KES", fakes)
        measure("FA-KES", fakes)
        synthetic = str(Path(tmp) / "synthetic.db")
        build(synthetic, 10_000)
        measure("synthetic 10k", synthetic)


if __name__ == "__main__":
    main()
