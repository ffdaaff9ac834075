"""Review in a real browser (Playwright, Debian chromium): every operation from the
incident and article pages, selecting text to set a value's span, the history
panels, and the 409 page a stale form gets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from browser_fixtures import screenshot, serving
from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings
from review_corpus import REPORTS

pytestmark = pytest.mark.browser

ALICE, BOB = "alice-token-0123456789", "bob-token-9876543210"

#: select ``needle`` in the article text (as a reader's mouse would) and let go
SELECT = """(needle) => {
  const el = document.getElementById('article-text');
  const at = el.textContent.indexOf(needle);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let n, pos = 0, sN, sO, eN, eO;
  while ((n = walker.nextNode())) {
    const len = n.nodeValue.length;
    if (sN === undefined && at < pos + len) { sN = n; sO = at - pos; }
    if (at + needle.length <= pos + len) { eN = n; eO = at + needle.length - pos; break; }
    pos += len;
  }
  const r = document.createRange(); r.setStart(sN, sO); r.setEnd(eN, eO);
  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
  el.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return at;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("review-browser")
    (folder / "in").mkdir()
    for name, text in REPORTS.items():
        (folder / "in" / name).write_text(text, encoding="utf-8")
    db = folder / "r.db"
    with Corroborate(Settings(db=str(db))) as app:
        analyze(app, [folder / "in"])
    env = {**os.environ, "CORROBORATE_TOKENS": f"alice:{ALICE},bob:{BOB}"}
    env.pop("CORROBORATE_TOKEN", None)
    with serving(db, env) as url:
        yield url


def _incident_id(server: str, article_id: str) -> str:
    (inc,) = httpx.get(f"{server}/api/v1/articles/{article_id}").json()["incidents"]
    return str(inc["id"])


def _login(page: Any, server: str, token: str) -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=token]", token)
    page.click("button[type=submit]")


def test_web_review_browser_every_operation(server: str, page: Any) -> None:
    from playwright.sync_api import expect

    _login(page, server, ALICE)
    # (1) correct a value on the article page, its span set by selecting the text
    page.goto(f"{server}/articles/alpha")
    row = page.locator("tr[data-field=killed][data-incident='0']")
    expect(row.locator("td").nth(0)).to_have_text("12")
    row.locator("input[name=value]").fill("14")
    at = page.evaluate(SELECT, "killing 12")
    expect(row.locator("input[name=start]")).to_have_value(str(at))
    expect(row.locator("input[name=end]")).to_have_value(str(at + len("killing 12")))
    expect(row.locator(".span-text")).to_have_text("“killing 12”")
    row.locator("input[name=reason]").fill("the hospital's count")
    row.locator("button[type=submit]").click()
    row = page.locator("tr[data-field=killed][data-incident='0']")
    expect(row.locator("td.now")).to_contain_text("14")
    expect(page.locator("#review-history tr[data-action=set]")).to_contain_text("alice")
    value = httpx.get(f"{server}/api/v1/review/value",
                      params={"article_id": "alpha", "field": "killed"}).json()
    assert value["span"]["text"] == "killing 12" and value["value"] == 14
    screenshot(page, "web-review-article")

    # (2) status on the incident page
    manbij, idlib = _incident_id(server, "alpha"), _incident_id(server, "delta")
    page.goto(f"{server}/incidents/{manbij}")
    page.select_option("form.review-status select[name=status]", "verified")
    page.fill("form.review-status input[name=reason]", "matches the monitor")
    page.click("form.review-status button[type=submit]")
    expect(page.locator("#review-status")).to_have_text("verified")

    # (3) split beta off, (4) merge it back from the other incident's page
    page.check("form.review-split input[value='beta#0']")
    page.fill("form.review-split input[name=reason]", "two blasts?")
    page.click("form.review-split button[type=submit]")
    beta = _incident_id(server, "beta")
    assert beta != manbij and _incident_id(server, "alpha") == manbij
    page.goto(f"{server}/incidents/{beta}")
    page.fill("form.review-merge input[name=other_incident_id]", manbij)
    page.fill("form.review-merge input[name=reason]", "one blast after all")
    page.click("form.review-merge button[type=submit]")
    expect(page).to_have_url(f"{server}/incidents/{manbij}#review-history")
    assert _incident_id(server, "beta") == manbij
    # the merged-away id redirects to the survivor
    assert httpx.get(f"{server}/incidents/{beta}").status_code == 308

    # (5) move beta to the air strike, (6) undo that from the history panel
    page.select_option("form.review-move select[name=report_key]", "beta#0")
    page.fill("form.review-move input[name=to_incident]", idlib)
    page.fill("form.review-move input[name=reason]", "wrong event")
    page.click("form.review-move button[type=submit]")
    assert _incident_id(server, "beta") == idlib
    undo = page.locator("#review-history tr[data-action=move] form.review-undo")
    undo.locator("input[name=reason]").fill("it was the bombing")
    undo.locator("button[type=submit]").click()
    assert _incident_id(server, "beta") == manbij
    actions = page.locator("#review-history tr").evaluate_all(
        "rows => rows.map(r => r.dataset.action).filter(Boolean)")
    assert actions == ["set", "status", "split", "merge", "move", "undo"]
    screenshot(page, "web-review-incident")

    # (7) a form based on a version someone else has since changed gets a 409 page
    page.goto(f"{server}/incidents/{manbij}")
    r = httpx.post(f"{server}/api/v1/review/status", headers={"Authorization": f"Bearer {BOB}"},
                   json={"incident_id": manbij, "status": "disputed", "reason": "tolls differ"})
    assert r.status_code == 200
    page.select_option("form.review-status select[name=status]", "in_review")
    page.fill("form.review-status input[name=reason]", "stale")
    with page.expect_response(lambda resp: resp.url.endswith("/review/status")) as info:
        page.click("form.review-status button[type=submit]")
    assert info.value.status == 409
    expect(page.locator("main")).to_contain_text("E137")
    # the browser logs the 409 it was meant to get; nothing else may be on the console
    page.problems[:] = [p for p in page.problems if "status of 409" not in p]
