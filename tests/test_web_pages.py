"""Server-rendered pages: content, filters, exports, ingest uploads and their limits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from corroborate.web import data
from corroborate.web.jobs import safe_filename
from web_fixtures import DEIR_TASS, TOKEN

STORY = b"""---
title: Mortar fire kills 4 in Daraa
outlet: Upload Daily
published: 2016-10-04
---
Mortar fire killed 4 civilians in Daraa on Tuesday, local medics said.
"""


def finished(client: Any, job_path: str) -> Any:
    """The job page once it stops refreshing itself (the run is over), at most a minute on."""
    for _ in range(600):
        page = client.get(job_path)
        if "refresh" not in page.text:
            break
        time.sleep(0.1)
    return page


def _deir_id(client: Any) -> str:
    rows = client.get("/api/v1/incidents", params={"place": "Deir ez-Zor",
                                                   "sort": "-reports"}).json()["incidents"]
    return str(rows[0]["id"])


def test_web_pages_incident_list_filters_and_sorts(make_client: Any) -> None:
    client = make_client()
    r = client.get("/incidents")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "Qamishli" in r.text and "Deir ez-Zor" in r.text
    r = client.get("/incidents", params={"place": "Qamishli"})
    assert "Qamishli" in r.text and "Deir ez-Zor</a>" not in r.text
    assert '<strong>1</strong> incident,' in r.text
    r = client.get("/incidents", params={"date_from": "2016-99", "sort": "nonsense"})
    assert r.status_code == 200 and "use YYYY-MM-DD" in r.text and "unknown sort" in r.text
    r = client.get("/incidents", params={"limit": 2})
    assert 'rel="next"' in r.text and "page 1 of" in r.text


def test_web_pages_listing_exports(make_client: Any) -> None:
    client = make_client()
    total = client.get("/api/v1/incidents").json()["total"]
    for url in ("/incidents.csv", "/incidents?format=csv"):
        r = client.get(url)
        assert r.headers["content-type"].startswith("text/csv")
        assert len(r.text.strip().splitlines()) == total + 1
    assert client.get("/incidents.json").json()["total"] == total
    assert client.get("/outlets.csv").text.startswith("outlet,")
    assert "outlets" in client.get("/outlets?format=json").json()
    assert client.get("/incidents.xml").status_code == 404


def test_web_pages_incident_shows_matrix_charts_origins(make_client: Any) -> None:
    client = make_client()
    r = client.get(f"/incidents/{_deir_id(client)}")
    assert r.status_code == 200
    html = r.text
    assert 'class="matrix"' in html and 'class="disagree"' in html
    assert "<svg" in html and "conservative 62" in html
    assert "Independent origins" in html and "Grade:" in html
    assert f'href="/articles/{DEIR_TASS}#at-' in html  # cells link to their evidence
    assert "consistent" in html  # the stored verdict
    assert client.get("/incidents/inc-nope").status_code == 404


def test_web_pages_article_highlights_values(make_client: Any) -> None:
    r = make_client().get(f"/articles/{DEIR_TASS}")
    assert r.status_code == 200
    assert 'class="ev k-casualty' in r.text and 'title="casualty: 62' in r.text
    assert "Incidents it reports" in r.text and "Credibility" in r.text
    assert make_client().get("/articles/../../etc/passwd").status_code == 404


def test_web_pages_outlets_chart(make_client: Any) -> None:
    r = make_client().get("/outlets")
    assert r.status_code == 200 and "<svg" in r.text and "TASS" in r.text


def test_web_pages_ingest_upload_runs_the_pipeline(make_client: Any) -> None:
    client = make_client()
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": ("../../daraa-mortar.md", STORY, "text/markdown")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    status_url = r.headers["location"]
    page = finished(client, status_url)
    assert "done" in page.text and "daraa-mortar" in page.text
    art = client.get("/api/v1/articles/daraa-mortar").json()
    assert art["article"]["provenance"][0]["source"] == "upload:daraa-mortar.md"
    assert art["incidents"]


def test_web_pages_ingest_paste_and_rejects(make_client: Any) -> None:
    client = make_client()
    r = client.post("/ingest", data={"token": TOKEN, "title": "Pasted report",
                                     "text": "Shelling killed 3 people in Homs on Friday."})
    assert r.status_code == 200 and "pasted-report" in r.text  # followed to the job page
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": ("empty.txt", b"   \n", "text/plain")})
    page = finished(client, r.url.path)
    assert "E002" in page.text and "upload:empty.txt" in page.text


def test_web_pages_ingest_limits_and_auth(make_client: Any) -> None:
    client = make_client(max_upload_bytes=2000)
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert r.status_code == 415 and "E061" in r.text
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": ("big.txt", b"a " * 1500, "text/plain")})
    assert r.status_code == 413 and "E060" in r.text
    r = client.post("/ingest", data={"token": "wrong"},
                    files={"files": ("ok.md", STORY, "text/markdown")})
    assert r.status_code == 401 and "E062" in r.text
    r = client.post("/ingest", data={"token": TOKEN})
    assert r.status_code == 422
    closed = make_client(token=None)
    assert "Uploads are disabled" in closed.get("/ingest").text
    r = closed.post("/ingest", data={"token": "x"},
                    files={"files": ("ok.md", STORY, "text/markdown")})
    assert r.status_code == 403


@given(st.text(max_size=60))
def test_web_safe_filename_never_leaves_the_folder(name: str) -> None:
    safe = safe_filename(name)
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")
    assert safe and safe != ".."


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 210), st.integers(0, 60),
                                                 st.sampled_from(data.KINDS)), max_size=12))
def test_web_segments_cover_the_text_exactly(text: str, spans: list[tuple[int, int, str]]) -> None:
    notes = [data.Annotation(s, s + n, k, "v") for s, n, k in spans]
    pieces = data.segments(text, notes)
    assert "".join(p for p, _ in pieces) == text
    pos = 0
    for piece, covering in pieces:
        for a in covering:
            assert a.start <= pos and pos + len(piece) <= a.end
        pos += len(piece)


def test_web_serve_command_is_registered(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app

    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--port" in r.output and "--db" in r.output


def test_web_pages_list_cache_follows_store_generation(make_client: Any, demo_db: Path,
                                                       monkeypatch: Any) -> None:
    from corroborate.store import IncidentQuery, open_store
    from corroborate.web import pages

    # the generation is trusted for a second; look it up on every view here
    monkeypatch.setattr(pages, "GENERATION_TTL", 0.0)
    client = make_client(db=demo_db)
    first = client.get("/incidents", params={"place": "Qamishli"})
    again = client.get("/incidents", params={"place": "Qamishli"})
    assert first.status_code == again.status_code == 200 and first.text == again.text
    assert "<strong>1</strong> incident," in first.text
    assert len(client.app.state.page_cache) == 1  # type: ignore[attr-defined]

    # replacing the incidents moves the generation: the next view is rendered afresh
    with open_store(str(demo_db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(limit=500))
        store.replace_incidents([r for r in rows if "Qamishli" not in r["label"]])
    after = client.get("/incidents", params={"place": "Qamishli"})
    assert after.status_code == 200 and "<strong>1</strong> incident," not in after.text


def test_web_pages_cache_is_bounded_by_bytes() -> None:
    from corroborate.web.pages import PageCache

    cache = PageCache(max_bytes=100)
    cache.put("a", b"x" * 40)
    cache.put("b", b"y" * 40)
    assert cache.get("a") == b"x" * 40  # a is now the most recently used
    cache.put("c", b"z" * 40)  # over 100 bytes: the least recently used (b) goes
    assert cache.get("b") is None and cache.get("a") and cache.get("c")
    assert len(cache) == 2 and cache.bytes == 80
    cache.put("a", b"w" * 10)  # replacing a page frees what the old one held
    assert cache.bytes == 50
    cache.put("huge", b"h" * 101)  # never kept, and evicts nothing
    assert cache.get("huge") is None and len(cache) == 2


def test_web_pages_incident_cache_sends_gzip_and_follows_verdicts(
        make_client: Any, demo_db: Path, monkeypatch: Any) -> None:
    import gzip

    from corroborate.store import IncidentQuery, open_store
    from corroborate.web import pages

    monkeypatch.setattr(pages, "GENERATION_TTL", 0.0)
    client = make_client(db=demo_db)
    with open_store(str(demo_db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(q="Deir", limit=5))
    inc = rows[0]
    url = f"/incidents/{inc['id']}"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Accept-Encoding" in plain.headers["vary"]
    assert len(client.app.state.page_cache) == 1  # type: ignore[attr-defined]
    # a hit: the compressed copy to a client that takes gzip, the same page to one that
    # does not (httpx would decode gzip silently, so ask for the raw bytes)
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as raw:
        assert raw.headers["content-encoding"] == "gzip"
        body = gzip.decompress(b"".join(raw.iter_raw()))
    assert body.decode() == plain.text
    again = client.get(url, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in again.headers and again.text == plain.text

    # new verdicts move the generation: the page is rendered afresh and shows them
    aid = inc["reports"][0]["article_id"]
    with open_store(str(demo_db)) as store:
        store.put_verdicts("reference", [{"article_id": aid, "label": "fake", "score": 0.01,
                                          "reasons": ["a reason only this test gives"],
                                          "details": {}}])
    after = client.get(url)
    assert "a reason only this test gives" in after.text


def test_web_pages_cache_can_be_turned_off(make_client: Any, demo_db: Path) -> None:
    client = make_client(db=demo_db, page_cache_mb=0)
    assert client.get("/incidents").status_code == 200
    assert len(client.app.state.page_cache) == 0  # type: ignore[attr-defined]


def test_web_pages_etag_answers_304_until_the_generation_moves(
        make_client: Any, demo_db: Path, monkeypatch: Any) -> None:
    from corroborate.store import IncidentQuery, open_store
    from corroborate.web import pages

    monkeypatch.setattr(pages, "GENERATION_TTL", 0.0)
    client = make_client(db=demo_db)
    first = client.get("/incidents")
    etag = first.headers["etag"]
    assert first.status_code == 200 and "no-cache" in first.headers["cache-control"]
    same = client.get("/incidents", headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == etag
    other = client.get("/incidents", params={"sort": "-date"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    with open_store(str(demo_db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(limit=500))
        store.replace_incidents(rows[1:])
    moved = client.get("/incidents", headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["etag"] != etag


def test_web_pages_ingest_url_list_fetches_the_pages(make_client: Any, site: str) -> None:
    client = make_client(fetch={"allow_private": True, "timeout_s": 5})
    urls = f"{site}/a.html\n{site}/missing\n".encode()
    r = client.post("/ingest", data={"token": TOKEN},
                    files={"files": ("links.urls", urls, "text/plain")})
    page = finished(client, r.url.path)
    assert "done" in page.text
    assert "E008" in page.text and "HTTP 404" in page.text and "upload:links.urls" in page.text
    [added] = client.get(f"/api/v1/jobs/{r.url.path.rsplit('/', 1)[-1]}").json()["added"]
    art = client.get(f"/api/v1/articles/{added}").json()["article"]
    assert art["url"] == f"{site}/a.html" and art["provenance"][0]["source"] == art["url"]
    # a server with the default policy refuses the same list: a local address
    strict = make_client()
    r = strict.post("/ingest", data={"token": TOKEN},
                    files={"files": ("links.urls", urls, "text/plain")})
    page = finished(strict, r.url.path)
    assert "E009" in page.text and "private or local" in page.text


def test_web_pages_incident_shows_claim_verdicts_in_their_cells(make_client: Any) -> None:
    client = make_client()
    html = client.get(f"/incidents/{_deir_id(client)}").text
    # each verdict sits in the matrix cell of the claim it judges, with its evidence
    cell = html.split('data-claim="killed"', 1)[1].split("</td>", 1)[0]
    assert 'class="claim-verdict' in cell and "other origins:" in cell
    assert "disagrees)" in cell or "agrees)" in cell
    assert "no record" in html or "corroborated" in html
    assert " false" not in cell.lower()
    assert "Source reliability" in html and "context only" in html
