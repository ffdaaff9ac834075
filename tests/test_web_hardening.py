"""Web edge cases from the issue-13 attack run: upload streaming, NUL bytes, deep JSON, outlets."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web_fixtures import TOKEN

CHUNK = b"x" * 65536


class Counted:
    """A request body streamed in 64 KiB chunks (chunked encoding), counting what was sent."""

    def __init__(self, head: bytes, chunks: int) -> None:
        self.head, self.chunks, self.sent = head, chunks, 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        for _ in range(self.chunks):
            self.sent += 1
            yield CHUNK


def _multipart(first_name: str, first_value: str) -> bytes:
    return (b"--B\r\nContent-Disposition: form-data; name=\"" + first_name.encode() +
            b"\"\r\n\r\n" + first_value.encode() + b"\r\n--B\r\nContent-Disposition: form-data; "
            b"name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n")


def _post_streamed(web: Any, body: Counted) -> tuple[int, bytes]:
    """Drive the ASGI app directly: TestClient reads a whole body before the app runs."""
    chunks = iter(body)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        chunk = next(chunks, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/ingest", "raw_path": b"/ingest",
             "query_string": b"", "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 1234),
             "headers": [(b"host", b"testserver"), (b"transfer-encoding", b"chunked"),
                         (b"content-type", b"multipart/form-data; boundary=B")]}
    asyncio.run(web(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], b"".join(m.get("body", b"") for m in sent
                                     if m["type"] == "http.response.body")


def _web(demo_db: Path, **settings: Any) -> Any:
    from corroborate.app import Corroborate
    from corroborate.config import Settings
    from corroborate.web import create_app

    return create_app(Corroborate(Settings(db=str(demo_db), token=TOKEN, **settings)))


def test_web_ingest_checks_the_token_before_reading_the_body(demo_db: Path) -> None:
    web = _web(demo_db)
    for head in (_multipart("title", "no token"), _multipart("token", "wrong")):
        body = Counted(head, chunks=4800)  # 300 MiB if read
        status, _ = _post_streamed(web, body)
        assert status == 401
        assert body.sent <= 1


def test_web_ingest_enforces_the_size_limit_while_streaming(demo_db: Path) -> None:
    web = _web(demo_db, max_upload_bytes=1024 * 1024)
    body = Counted(_multipart("token", TOKEN), chunks=4800)
    status, page = _post_streamed(web, body)
    assert status == 413
    assert b"E060" in page
    # the limit, its multipart allowance and one chunk of slack: never the whole body
    assert body.sent * len(CHUNK) <= 1024 * 1024 + 64 * 1024 + 2 * len(CHUNK)


# --- a report without an outlet (item 9) --------------------------------------------

NO_OUTLET_MD = """---
title: Air strike kills 7 in Aleppo
published: 2016-10-02
id: no-outlet-report
---
An air strike killed 7 civilians in Aleppo on Sunday, medics said.
"""
GAZETTE_MD = """---
title: Aleppo strike toll rises
outlet: Example Gazette
published: 2016-10-03
id: gazette-report
---
An air strike killed 19 civilians in Aleppo on Sunday, the civil defence said.
"""


@pytest.fixture(scope="module")
def no_outlet_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from corroborate.analyze import analyze, write_outputs
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    folder = tmp_path_factory.mktemp("no-outlet")
    (folder / "a.md").write_text(NO_OUTLET_MD, encoding="utf-8")
    (folder / "b.md").write_text(GAZETTE_MD, encoding="utf-8")
    with Corroborate(Settings(db=str(folder / "x.db"))) as app:
        result = analyze(app, [folder / "a.md", folder / "b.md"])
        write_outputs(app, result, report_path=folder / "report.html")
        # the attack run's case: a contradiction side whose report has no outlet
        incidents = [i for i in result.incidents if len(i["reports"]) == 2]
        assert incidents and incidents[0]["contradictions"], "fixture must link and disagree"
    return folder / "x.db"


def test_web_outlets_pages_answer_when_a_report_has_no_outlet(make_client: Any,
                                                               no_outlet_db: Path) -> None:
    from corroborate.lang.en.labels import NO_OUTLET

    client = make_client(db=no_outlet_db)
    for url in ("/outlets", "/api/v1/outlets", "/outlets.csv", "/api/v1/outlets?format=csv"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert NO_OUTLET in r.text, url
        assert "None" not in r.text, url


def test_web_missing_outlet_is_shown_one_way(make_client: Any, no_outlet_db: Path) -> None:
    from corroborate.lang.en.labels import NO_OUTLET

    client = make_client(db=no_outlet_db)
    (inc,) = [i for i in client.get("/api/v1/incidents").json()["incidents"]
              if i["n_reports"] == 2]
    pages = [client.get(f"/incidents/{inc['id']}").text,
             client.get("/articles/no-outlet-report").text,
             (no_outlet_db.parent / "report.html").read_text(encoding="utf-8")]
    for page in pages:
        assert NO_OUTLET in page
        for other in ("unknown outlet", "(unknown outlet)", "unnamed outlet", ">None<", "— None",
                      ">unknown<"):
            assert other not in page


# --- NUL characters and deep JSON at the edge (items 5, 15) ---------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'edge.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


NUL_PATHS = ["/api/v1/incidents/%00", "/incidents/%00", "/api/v1/articles/%00",
             "/articles/%00", "/api/v1/jobs/%00", "/ingest/jobs/%00", "/incidents/a%00b",
             "/api/v1/export/c%00sv"]
NUL_QUERIES = ["/api/v1/incidents?place=%00", "/api/v1/incidents?q=%00",
               "/api/v1/incidents?actor=x%00", "/api/v1/incidents?cause=%00",
               "/incidents?place=%00", "/incidents?q=%00", "/api/v1/export/csv?place=%00",
               "/incidents.csv?actor=%00"]


def test_web_nul_in_path_or_query_is_refused_at_the_edge(any_store_db: str) -> None:
    from fastapi.testclient import TestClient

    from corroborate.app import Corroborate
    from corroborate.config import Settings
    from corroborate.web import create_app

    with Corroborate(Settings(db=any_store_db, token=TOKEN)) as app, \
            TestClient(create_app(app), raise_server_exceptions=False) as client:
        for url in NUL_PATHS:
            assert client.get(url).status_code == 404, url
        for url in NUL_QUERIES:
            r = client.get(url)
            assert r.status_code == 422, url
            assert "E108" in r.text, url
        for body in (b'{"text": "Shelling killed 3 in Idlib.\\u0000"}',
                     b'{"text": "Shelling killed 3 in Idlib.", "title": "a\\u0000"}',
                     b'[{"text": "Shelling killed 3 in Idlib.", "outlet": "\\ud800"}]'):
            r = client.post("/api/v1/articles", content=body,
                            headers={"authorization": f"Bearer {TOKEN}",
                                     "content-type": "application/json"})
            assert r.status_code == 422, body
            assert "E108" in r.text
        r = client.post("/ingest", data={"token": TOKEN, "text": "Shelling killed 3.\u0000"})
        assert r.status_code == 422
        assert app.store.count_articles() == 0


def test_web_openapi_documents_the_edge_404_on_every_path_parameter(make_client: Any) -> None:
    # the edge answers 404 for a NUL in any path, so every route with a path parameter
    # must say it can (schemathesis holds the API to its document)
    paths = make_client().get("/api/v1/openapi.json").json()["paths"]
    routes = [(p, m, op) for p, ops in paths.items() if "{" in p for m, op in ops.items()]
    assert routes
    for path, method, op in routes:
        assert "404" in op["responses"], (method, path)


def test_web_deeply_nested_json_body_is_422(make_client: Any) -> None:
    client = make_client()
    deep = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/api/v1/articles", content=deep,
                    headers={"authorization": f"Bearer {TOKEN}",
                             "content-type": "application/json"})
    assert r.status_code == 422
    assert "E109" in r.text


@pytest.mark.parametrize("query", ["since=2016-99-99", "until=2016-02-30", "date_from=2016-99-99",
                                   "date_to=2016-13-01"])
def test_web_impossible_filter_date_is_422(make_client: Any, query: str) -> None:
    client = make_client()
    r = client.get(f"/api/v1/incidents?{query}")
    assert r.status_code == 422
    assert "E107" in r.text
    page = client.get(f"/incidents?{query}")
    # the page drops the filter and says why, as for any unreadable filter
    assert page.status_code == 200 and "YYYY-MM-DD" in page.text
