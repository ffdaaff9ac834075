"""The report in a real browser: the inlined Vega libraries draw every chart, offline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare_fixtures import bundle, report, seeds_like
from corroborate.compare import compare_incidents
from corroborate.report import write_report

CHROMIUM = os.environ.get("CORROBORATE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.browser
def test_report_browser_charts_render_offline(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    evil = report("x", "Shelling killed 3 in Homs. <img src=x onerror=\"window.pwned=1\">",
                  outlet="<script>window.pwned=2</script>", published="2017-01-01", place="Homs",
                  admin1="Homs", killed=3)
    clusters, items, exts, arts = bundle(*seeds_like())
    incs = compare_incidents(clusters, items, exts, arts)
    c2, i2, e2, a2 = bundle(evil)
    incs += compare_incidents(c2, i2, e2, a2)
    path = write_report(tmp_path / "report.html", incs, {**arts, **a2}, title="<i>t</i>")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1600})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            charts = page.locator("div.chart")
            n = charts.count()
            assert n == 4  # range + timeline for each incident
            for k in range(n):
                # charts are drawn as they come near the viewport
                charts.nth(k).scroll_into_view_if_needed()
                charts.nth(k).locator("svg").first.wait_for(timeout=15_000)
            marks = page.locator(f"#chart-range-{incs[0]['id']} svg .mark-rule path, "
                                 f"#chart-range-{incs[0]['id']} svg .mark-rule line")
            assert marks.count() >= 3  # two reports' ranges and the conservative line
            assert page.evaluate("window.pwned") is None
            assert errors == []
            assert [u for u in requests if not u.startswith("file:")] == []
            out = REPO / "test-artifacts"
            out.mkdir(exist_ok=True)
            page.screenshot(path=str(out / "report.png"), full_page=True)
        finally:
            browser.close()
