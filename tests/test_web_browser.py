"""The real pages in headless Chromium (Playwright) against a uvicorn server.

Run with ``-m browser``; Debian's chromium is used (no ``playwright install``).
Screenshots land in ``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_fixtures import ARTIFACTS, screenshot, serving
from web_fixtures import TOKEN

pytestmark = pytest.mark.browser

UPLOAD = """---
title: Barrel bombs kill 11 in Daraya
outlet: Browser Test Wire
published: 2016-08-20
---
Barrel bombs dropped by helicopters killed 11 civilians in Daraya on Saturday,
local activists said. At least 30 people were wounded.
"""


@pytest.fixture(scope="module")
def server(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db_template, db)
    with serving(db, {**os.environ, "CORROBORATE_TOKEN": TOKEN}) as url:
        yield url


def _shot(page: Any, name: str) -> None:
    screenshot(page, f"web-{name}")


def test_web_browser_list_filter_incident_article(server: str, page: Any) -> None:
    from playwright.sync_api import expect

    # (1) the incident list
    page.goto(f"{server}/incidents")
    expect(page.locator("h1")).to_have_text("Incidents")
    rows = page.locator("table.incidents tbody tr")
    total = rows.count()
    assert total > 3
    _shot(page, "1-incidents")

    # (2) filter by place and contradictions
    page.get_by_label("Place or admin-1").fill("Deir ez-Zor")
    page.get_by_label("Contradictions").select_option("yes")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/incidents?*place=Deir*")
    filtered = page.locator("table.incidents tbody tr")
    assert 0 < filtered.count() < total
    for i in range(filtered.count()):
        expect(filtered.nth(i).locator("td").nth(2)).to_contain_text("Deir ez-Zor")
    _shot(page, "2-filtered")

    # (3) the Deir ez-Zor incident (the one with the most reports)
    page.goto(f"{server}/incidents?place=Deir+ez-Zor&sort=-reports")
    page.locator("table.incidents tbody tr").first.locator("td").nth(1).get_by_role(
        "link").click()
    expect(page.locator("h1")).to_contain_text("Deir ez-Zor")

    # (4) 62 and 80 in different outlets' rows, both flagged as disagreeing
    matrix = page.locator("#matrix")
    tass = matrix.locator("tbody tr", has=page.get_by_role("link", name="TASS", exact=True))
    sputnik = matrix.locator("tbody tr", has=page.get_by_role("link", name="Sputnik",
                                                                 exact=True))
    tass_killed = tass.locator('td[data-claim="killed"]')
    sputnik_killed = sputnik.locator('td[data-claim="killed"]')
    expect(tass_killed).to_contain_text("62")
    expect(sputnik_killed).to_contain_text("80")
    # the killed column is flagged as contradicted, the minority figure highlighted
    expect(matrix.locator("thead th.contested", has_text="Killed").first).to_contain_text("⚠")
    expect(sputnik_killed).to_have_class("disagree")
    contra = page.locator("ul.contradictions > li", has_text="Killed")
    expect(contra.locator("li", has_text="TASS")).to_contain_text("62")
    expect(contra.locator("li", has_text="Sputnik")).to_contain_text("80")
    assert page.locator("figure.chart svg").count() >= 1
    _shot(page, "3-incident")
    page.locator("section", has=page.locator("#h-figures")).screenshot(
        path=str(ARTIFACTS / "web-3b-figures.png"))

    # (5) an article with its highlighted values
    tass_killed.get_by_role("link").click()
    page.wait_for_url("**/articles/deir-ez-zor-tass-2016-09-17#at-*")
    mark = page.locator("#article-text mark.k-casualty", has_text="62").first
    expect(mark).to_be_visible()
    title = mark.get_attribute("title") or ""
    assert "casualty: 62" in title and "according to" in title
    mark.focus()
    expect(page.locator("#value-popover")).to_contain_text("casualty: 62")
    _shot(page, "4-article")


def test_web_browser_ingest_upload(server: str, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    story = tmp_path / "daraya-barrel-bombs.md"
    story.write_text(UPLOAD, encoding="utf-8")
    page.goto(f"{server}/ingest")
    page.get_by_label("Choose files").set_input_files(str(story))
    page.get_by_label("Access token").fill(TOKEN)
    _shot(page, "5-ingest")
    page.get_by_role("button", name="Upload and analyse").click()
    page.wait_for_url("**/ingest/jobs/*")
    # the page refreshes itself until the run is over
    expect(page.locator("#job-state")).to_have_text("done", timeout=120_000)
    expect(page.locator("#added")).to_contain_text("daraya-barrel-bombs")
    _shot(page, "6-job")
    page.get_by_role("link", name="See the incidents").click()
    page.get_by_label("Search titles and text").fill("Daraya barrel")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)
    expect(page.locator("table.incidents")).to_contain_text("Browser Test Wire")
    _shot(page, "7-uploaded-listed")


def test_web_browser_outlets_and_keyboard(server: str, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(f"{server}/outlets")
    expect(page.locator("figure.chart svg")).to_be_visible()
    _shot(page, "8-outlets")
    # the skip link is the first stop for keyboard users
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()


def _boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return page.evaluate(
        """sel => Array.from(document.querySelectorAll(sel)).map(e => {
             const r = e.getBoundingClientRect();
             return {x: r.left, y: r.top, w: r.width, h: r.height, text: e.textContent};
           })""", selector)


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def test_web_browser_charts_long_labels_do_not_overlap_or_clip(browser: Any) -> None:
    """Long outlet names: the timeline legend entries do not run into each other and the
    range chart's row labels stay inside the chart (measured on the drawn boxes)."""
    from corroborate.web import svg
    from test_present_incident import long_names_incident

    inc, _ = long_names_incident()
    for width in (1280, 760):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_content("<!DOCTYPE html><html><body style='margin:0;font-family:sans-serif'>"
                         f"<figure id='range' style='margin:0'>{svg.range_chart(inc)}</figure>"
                         f"<figure id='tl' style='margin:0'>{svg.timeline_chart(inc)}</figure>"
                         "</body></html>")
        chart = page.locator("#range svg").bounding_box()
        assert chart is not None
        labels = _boxes(page, "#range svg text.row-label")
        assert len(labels) == 3
        for box in labels:
            assert box["x"] >= chart["x"] - 0.5, box  # not cut off on the left
        legend = _boxes(page, "#tl svg g.legend-entry text")
        assert len(legend) == 3
        tl = page.locator("#tl svg").bounding_box()
        assert tl is not None
        for i, a in enumerate(legend):
            assert a["x"] + a["w"] <= tl["x"] + tl["width"] + 0.5, a  # inside the chart
            for b in legend[i + 1:]:
                assert not _overlap(a, b), (a, b)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"web-9-long-labels-{width}.png"), full_page=True)
        context.close()


def test_web_browser_confirmed_grade_is_not_green_over_disputed_toll(server: str,
                                                                       page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(f"{server}/incidents?place=Deir+ez-Zor&sort=-reports")
    page.locator("table.incidents tbody tr").first.locator("td").nth(1).get_by_role(
        "link").click()
    box = page.locator("#grade")
    expect(box).to_contain_text("toll disputed")
    expect(box).to_contain_text("Killed")
    colour = box.evaluate("e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(v) for v in colour[colour.index("(") + 1:].rstrip(")").split(",")[:3])
    assert not (g > r and g > b), colour  # no green over an open dispute of the toll
    page.locator("#grade").screenshot(path=str(ARTIFACTS / "web-10-grade.png"))
