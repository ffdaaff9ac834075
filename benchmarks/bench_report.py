"""How big the FA-KES HTML report is and how long Chromium takes to open it.

The FA-KES CSV (from the shared data) is analysed into a temporary store, then
the report is written twice from the same incidents: with every incident laid
out on opening (``inline_max`` above the incident count, as every report was
before) and as the report is written now (each incident's section an inert
``<template>`` opened on demand).  Each file is opened in headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright) three times; the table gives
the file size, DOMContentLoaded and load (best and median of 3, from the
Navigation Timing entry), and the time to open the first incident from the list
until its first chart is drawn.  Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_report.py
    .venv/bin/python benchmarks/bench_report.py --db existing.db   # skip the analysis
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.report import write_report
from corroborate.store import IncidentQuery

CHROMIUM = os.environ.get("CORROBORATE_CHROMIUM", "/usr/bin/chromium")


def load_store(db: str, shared: Path | None) -> Corroborate:
    app = Corroborate(Settings(db=db), create=True)
    if shared is not None:
        analyze(app, [str(shared / "data" / "fa-kes" / "FA-KES-Dataset.csv")])
    return app


def open_times(browser: Any, path: Path, runs: int = 3) -> dict[str, float]:
    dcl, load, first = [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        nav = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                            " return [n.domContentLoadedEventEnd, n.loadEventEnd]; }")
        dcl.append(nav[0])
        load.append(nav[1])
        link = page.locator("table.incident-list tbody tr a").first
        target = (link.get_attribute("href") or "#").lstrip("#")
        start = time.perf_counter()
        link.click()
        page.locator(f"#chart-range-{target} svg, #chart-timeline-{target} svg").first.wait_for(
            timeout=60_000)
        first.append((time.perf_counter() - start) * 1000)
        page.close()
    return {"dcl_best": min(dcl), "dcl_median": statistics.median(dcl),
            "load_best": min(load), "load_median": statistics.median(load),
            "open_first_ms": statistics.median(first)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="an analysed store to report on (default: analyse FA-KES)")
    args = parser.parse_args()
    shared = Path(os.environ.get("CORROBORATE_SHARED", "../shared"))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        app = load_store(args.db or str(Path(tmp) / "fakes.db"), None if args.db else shared)
        incidents, _ = app.store.list_incidents(IncidentQuery(limit=1_000_000))
        ids = {r["article_id"] for inc in incidents for r in inc["reports"]}
        articles = {a.id: a for a in app.store.iter_articles(ids)}
        verdicts = app.store.verdicts_for(sorted(ids))
        app.close()
        files = {}
        for name, inline_max in (("every incident laid out (before)", len(incidents) + 1),
                                 ("incidents on demand (now)", None)):
            path = Path(tmp) / f"report-{len(files)}.html"
            start = time.perf_counter()
            write_report(path, incidents, articles, verdicts=verdicts, inline_max=inline_max)
            files[name] = (path, time.perf_counter() - start)
        print(f"{len(incidents)} incidents, {len(articles)} articles")
        print("| report | size MB | write s | DOMContentLoaded ms (best / median) "
              "| load ms (best / median) | open first incident ms |")
        print("|---|---|---|---|---|---|")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu",
                                               "--disable-dev-shm-usage"])
            for name, (path, write_s) in files.items():
                t = open_times(browser, path)
                print(f"| {name} | {path.stat().st_size / 1e6:.1f} | {write_s:.1f} | "
                      f"{t['dcl_best']:.0f} / {t['dcl_median']:.0f} | "
                      f"{t['load_best']:.0f} / {t['load_median']:.0f} | "
                      f"{t['open_first_ms']:.0f} |")
            browser.close()


if __name__ == "__main__":
    main()
