"""The map page in headless Chromium, offline: every request the page makes goes to
the test server, none elsewhere (no tiles, no CDN).  Screenshots of the demo and
FA-KES maps land in ``test-artifacts/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser_fixtures import screenshot, serving
from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fakes_db(fakes_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("map-fakes") / "fakes.db"
    app = Corroborate(Settings(db=str(db)))
    analyze(app, [fakes_csv])
    app.close()
    return db


def _offline(pg: Any, server: str) -> list[str]:
    """Refuse, and record, every request that does not go to the test server."""
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    return outside


def _check_map(pg: Any, server: str, name: str) -> int:
    from playwright.sync_api import expect

    outside = _offline(pg, server)
    pg.goto(f"{server}/map")
    expect(pg.locator("h1")).to_have_text("Map")
    marks = pg.locator("svg.map a.map-mark")
    n = marks.count()
    assert n > 0
    # the boundaries are drawn: countries fill the frame around the marks, their
    # borders go over the admin-1 lines, and those lines are drawn and visible
    assert pg.locator("svg.map g.countries path").count() >= 3
    assert pg.locator("svg.map g.borders use").count() == pg.locator(
        "svg.map g.countries path").count()
    admin1 = pg.locator("svg.map g.admin1 path")
    assert admin1.count() == 1
    assert (admin1.get_attribute("d") or "").count("M") >= 10
    lines = admin1.bounding_box()
    assert lines and lines["width"] > 100 and lines["height"] > 100
    order = pg.evaluate("""() => [...document.querySelector('svg.map').children]
        .map(e => e.getAttribute('class')).filter(Boolean)""")
    assert order.index("countries") < order.index("admin1") < order.index("borders") \
        < order.index("marks")
    box = pg.locator("svg.map").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 300
    # a click opens the popup with the incident's figures and link
    # the last mark is drawn last, on top of any it overlaps
    marks.last.click()
    popup = pg.locator(".map-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("killed")
    link = popup.get_by_role("link", name="Open the incident →")
    href = link.get_attribute("href")
    assert href and href.startswith("/incidents/inc-")
    screenshot(pg, f"web-map-{name}")
    link.click()
    pg.wait_for_url(f"**{href}")
    assert outside == [], outside
    return n


def test_web_map_demo_renders_offline(demo_db_template: Path, tmp_path: Path,
                                      page: Any) -> None:
    import shutil

    from playwright.sync_api import expect

    db = tmp_path / "demo.db"
    shutil.copy(demo_db_template, db)
    with serving(db) as server:
        n = _check_map(page, server, "demo")
        # the same filters as the list narrow the map
        page.goto(f"{server}/map?has_contradictions=yes&colour=contradictions")
        narrowed = page.locator("svg.map a.map-mark").count()
        assert 0 < narrowed < n
        expect(page.locator(".map-colour strong")).to_have_text("contradiction")
        fills = {page.locator("svg.map a.map-mark circle").nth(i).get_attribute("fill")
                 for i in range(narrowed)}
        assert fills <= {"#cf222e", "#ffffff"}
        screenshot(page, "web-map-demo-contradictions")
        # the list links to the map with its filters
        page.goto(f"{server}/incidents?place=Aleppo")
        page.get_by_role("link", name="Map", exact=True).last.click()
        page.wait_for_url("**/map?place=Aleppo")


@pytest.mark.slow
def test_web_map_fakes_renders_offline(fakes_db: Path, page: Any) -> None:
    with serving(fakes_db) as server:
        n = _check_map(page, server, "fakes")
        assert n > 50
