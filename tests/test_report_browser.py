"""The report in a real browser: the inlined Vega libraries draw every chart, offline."""

from __future__ import annotations

from typing import Any

import pytest

from browser_fixtures import screenshot
from compare_fixtures import bundle, report, seeds_like
from corroborate.compare import compare_incidents
from corroborate.report import write_report


@pytest.mark.browser
def test_report_browser_charts_render_offline(tmp_path, browser: Any):
    evil = report("x", "Shelling killed 3 in Homs. <img src=x onerror=\"window.pwned=1\">",
                  outlet="<script>window.pwned=2</script>", published="2017-01-01", place="Homs",
                  admin1="Homs", killed=3)
    clusters, items, exts, arts = bundle(*seeds_like())
    incs = compare_incidents(clusters, items, exts, arts)
    c2, i2, e2, a2 = bundle(evil)
    incs += compare_incidents(c2, i2, e2, a2)
    path = write_report(tmp_path / "report.html", incs, {**arts, **a2}, title="<i>t</i>")
    page = browser.new_page(viewport={"width": 1300, "height": 1600})
    try:
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
        screenshot(page, "report")
    finally:
        page.close()


@pytest.mark.browser
def test_report_browser_big_report_opens_incidents_on_demand(tmp_path, browser: Any):
    """A report over the inline limit lays out only the list; choosing an incident opens
    its section (matrix, contradictions, charts) from its template, offline."""
    clusters, items, exts, arts = bundle(*seeds_like())
    incs = compare_incidents(clusters, items, exts, arts)
    path = write_report(tmp_path / "report.html", incs, arts, inline_max=0)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        # nothing of the incident is laid out before it is chosen
        assert page.locator("section.incident").count() == 0
        assert page.locator("template section.incident").count() == 0  # inert content
        assert page.locator("#on-demand-note").is_visible()
        page.locator("table.incident-list tbody tr a").first.click()
        section = page.locator(f"#incident-view section#{incs[0]['id']}")
        section.wait_for()
        assert section.locator("table.matrix").is_visible()
        assert "open contradiction" in section.locator(".grade-box").inner_text()
        section.locator(f"#chart-range-{incs[0]['id']} svg").first.wait_for(timeout=15_000)
        # a link inside the section moves within it, the section stays open
        section.locator(".grade-box a").first.click()
        assert page.locator(f"#incident-view section#{incs[0]['id']}").count() == 1
        # opening the report at an incident's address opens that incident
        page.goto(path.as_uri() + f"#{incs[0]['id']}")
        page.reload()
        page.locator(f"#incident-view section#{incs[0]['id']}").wait_for()
        screenshot(page, "report-on-demand")
        assert errors == []
    finally:
        page.close()
