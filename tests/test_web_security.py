"""Untrusted text renders inert everywhere; headers; no traversal through parameters."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from corroborate.web.pages import highlight_html
from corroborate.web.security import CSP
from web_fixtures import TOKEN, XSS, XSS_IMG


@pytest.fixture
def evil_client(make_client: Any, evil_db_template: Path, tmp_path: Path) -> Any:
    db = tmp_path / "evil.db"
    shutil.copy(evil_db_template, db)
    return make_client(db=db)


def _assert_inert(html: str) -> None:
    assert XSS not in html and "<script>alert" not in html
    assert XSS_IMG not in html and "<img" not in html
    # the hostile strings are shown, escaped, not dropped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_web_xss_never_renders_unescaped(evil_client: Any) -> None:
    art = evil_client.get("/api/v1/articles/evil-report").json()
    assert art["incidents"], "the hostile report must be linked, or its incident page is untested"
    incident_id = art["incidents"][0]["id"]
    pages = ["/articles/evil-report", f"/incidents/{incident_id}", "/incidents",
             "/incidents?q=shelling", "/outlets"]
    for url in pages:
        r = evil_client.get(url)
        assert r.status_code == 200, url
        _assert_inert(r.text)
        assert r.headers["content-security-policy"] == CSP


def test_web_xss_in_ingest_job_page(make_client: Any) -> None:
    client = make_client()
    r = client.post("/ingest", data={"token": TOKEN, "title": f"T {XSS}",
                                     "outlet": XSS_IMG, "text": f"Body {XSS} {XSS_IMG}"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img" not in r.text
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": (f"{XSS}.exe", b"x", "text/plain")})
    assert r.status_code == 415 and "<script>alert" not in r.text


def test_web_error_messages_escape_the_request(make_client: Any) -> None:
    r = make_client().get(f"/incidents/{XSS}")
    assert r.status_code == 404 and "<script>alert" not in r.text


def test_web_highlight_escapes_every_segment() -> None:
    from corroborate.web.data import Annotation

    text = f"killed 5 {XSS} in {XSS_IMG}"
    notes = [Annotation(0, 8, "casualty", f"5 {XSS}", "according to <b>x</b>"),
             Annotation(9, 9 + len(XSS), "actor", XSS_IMG)]
    html = str(highlight_html(text, notes))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert html.count("<mark") == 2


def test_web_security_headers_on_every_response(make_client: Any) -> None:
    client = make_client()
    for url in ("/incidents", "/api/v1/incidents", "/static/style.css", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "http" not in CSP


def test_web_static_paths_do_not_traverse(make_client: Any) -> None:
    client = make_client()
    for url in ("/static/../web/__init__.py", "/static/%2e%2e/__init__.py",
                "/static/..%2f..%2fconfig.py"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "create_app" not in r.text


def test_web_csv_export_defuses_formulas(make_client: Any) -> None:
    from corroborate.web.data import to_csv

    text = to_csv([{"outlet": "=HYPERLINK(\"http://x\")", "n": -3}])
    assert "'=HYPERLINK" in text and ",-3" in text
