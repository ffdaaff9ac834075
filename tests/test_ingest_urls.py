"""URL lists: pages fetched and read, errors per line, private addresses refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.errors import CorroborateError
from corroborate.ingest import FetchPolicy, iter_inputs, read_inputs
from corroborate.ingest.fetch import URL_LINE, check_url, url_lines
from corroborate.models import Article

LOCAL = FetchPolicy(allow_private=True, timeout=5.0, max_bytes=4000)


def test_ingest_urls_pages_become_articles_with_their_url(site: str, tmp_path: Path) -> None:
    lst = tmp_path / "links.txt"
    lst.write_text(f"# collected on Monday\n{site}/a.html\n\n{site}/feed\n{site}/plain.txt\n"
                   f"{site}/moved\n", encoding="utf-8")
    batch = read_inputs([lst], fetch=LOCAL)
    assert not batch.rejects, [str(r) for r in batch.rejects]
    by_title = {a.title: a for a in batch.articles}
    page = by_title["Car bomb kills 9 in Azaz"]
    assert page.url == f"{site}/a.html" and "nine people" in page.text
    prov = page.provenance[0]
    assert prov.source == f"{site}/a.html" and prov.metadata["url_list_line"] == 2
    feed = by_title["Shelling kills 4 in Idlib"]
    assert feed.outlet == "Feed Wire" and feed.url == "http://example.org/4"
    assert by_title["Rockets hit Aleppo"].url == f"{site}/plain.txt"
    # the redirect leads to the same page: read again, then removed as a duplicate
    assert batch.read == 4 and batch.duplicates == 1


def test_ingest_urls_errors_name_the_list_and_line(site: str, tmp_path: Path) -> None:
    lst = tmp_path / "links.urls"
    lst.write_text(f"{site}/missing\nnot a url\n{site}/loop\n{site}/big\n{site}/a.html\n",
                   encoding="utf-8")
    items = list(iter_inputs([lst], fetch=LOCAL))
    errors = [i for i in items if isinstance(i, CorroborateError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Car bomb kills 9 in Azaz"]
    assert [(e.code, e.row, e.file, e.field) for e in errors] == [
        ("E008", 1, str(lst), "url"), ("E009", 2, str(lst), "url"),
        ("E008", 3, str(lst), "url"), ("E008", 4, str(lst), "url")]
    assert "HTTP 404" in errors[0].message and "redirects" in errors[2].message
    assert "larger than" in errors[3].message


def test_ingest_urls_private_addresses_refused_by_default(site: str, tmp_path: Path) -> None:
    lst = tmp_path / "links.txt"
    lst.write_text(f"{site}/a.html\n", encoding="utf-8")
    batch = read_inputs([lst])
    assert not batch.articles
    [err] = batch.rejects
    assert err.code == "E009" and err.row == 1 and "private or local" in err.message
    for url in ("http://10.1.2.3/x", "http://[::1]/", "http://169.254.169.254/latest",
                "http://localhost:8000/", "http://[::ffff:127.0.0.1]/"):
        with pytest.raises(CorroborateError) as exc:
            check_url(url, FetchPolicy())
        assert exc.value.code == "E009", url
    for url in ("ftp://example.org/x", "file:///etc/passwd", "http:///nohost"):
        with pytest.raises(CorroborateError) as exc:
            check_url(url, FetchPolicy(allow_private=True))
        assert exc.value.code == "E009", url


def test_ingest_urls_list_is_capped(site: str, tmp_path: Path) -> None:
    lst = tmp_path / "links.urls"
    lst.write_text("\n".join([f"{site}/a.html"] * 3) + "\n", encoding="utf-8")
    items = list(iter_inputs([lst], fetch=FetchPolicy(allow_private=True, max_urls=2)))
    codes = [i.code for i in items if isinstance(i, CorroborateError)]
    assert codes == ["E009"] and sum(isinstance(i, Article) for i in items) == 2


def test_ingest_urls_only_all_url_text_files_are_lists() -> None:
    assert url_lines("http://a.example/1\n# note\n\nhttps://b.example/2\n") == [
        (1, "http://a.example/1"), (4, "https://b.example/2")]
    # an article that quotes a link is an article
    assert url_lines("Airstrike kills 5\n\nSee http://a.example/1 for more.\n") is None
    assert url_lines("") is None
    assert url_lines("x\nhttp://a.example/1", strict=False) == [
        (1, "x"), (2, "http://a.example/1")]


@given(st.lists(st.one_of(
    st.from_regex(r"https?://[a-z]{1,10}\.example/[a-z0-9/]{0,12}", fullmatch=True),
    st.text(alphabet=" \t#abc:/.", max_size=12)), max_size=8))
def test_ingest_urls_lines_parser_invariants(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = url_lines(text)
    wanted = [(n, ln.strip()) for n, ln in enumerate(text.splitlines(), start=1)
              if ln.strip() and not ln.lstrip().startswith("#")]
    if found is None:
        # not a list: empty, or some kept line is not one URL
        assert not wanted or not all(URL_LINE.match(u) for _, u in wanted)
    else:
        assert found == wanted and all(URL_LINE.match(u) for _, u in found)
        assert [n for n, _ in found] == sorted({n for n, _ in found})


def test_ingest_urls_timeout_bounds_the_whole_page(site: str) -> None:
    from corroborate.errors import CorroborateError
    from corroborate.ingest.fetch import FetchPolicy, fetch

    # every read of the trickling page returns within the timeout; the page as a
    # whole takes four times longer than the timeout allows
    policy = FetchPolicy(allow_private=True, timeout=1.0)
    with pytest.raises(CorroborateError) as exc:
        fetch(f"{site}/trickle", policy)
    assert exc.value.code == "E008"
    assert "1 s" in exc.value.message
