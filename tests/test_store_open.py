"""`open_store` URL dispatch and its errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError
from corroborate.store import open_store, sqlite_path
from corroborate.store.sqlite import SQLiteStore


@pytest.mark.parametrize(("url", "path"), [
    ("corroborate.db", "corroborate.db"),
    ("data/x.db", "data/x.db"),
    ("sqlite:///rel.db", "rel.db"),
    ("sqlite:////abs/x.db", "/abs/x.db"),
    ("sqlite://", ":memory:"),
    ("sqlite:///:memory:", ":memory:"),
    ("postgresql://u@h/db", None),
    ("mysql://u@h/db", None),
])
def test_store_sqlite_path(url: str, path: str | None) -> None:
    assert sqlite_path(url) == path


def test_store_open_bare_path_and_url(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for url in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'sub' / 'b.db'}"):
        with open_store(url) as s:
            assert isinstance(s, SQLiteStore)
            assert s.url == url
    assert (tmp_path / "a.db").exists() and (tmp_path / "sub" / "b.db").exists()


@pytest.mark.parametrize("url", ["mysql://u@h/db", "", "http://example.com/x.db"])
def test_store_open_rejects_unknown_urls(url: str) -> None:
    with pytest.raises(CorroborateError) as exc:
        open_store(url)
    assert exc.value.code == "E040"


def test_store_open_postgres_without_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(CorroborateError) as exc:
        open_store("postgresql://nobody@localhost/none")
    assert exc.value.code == "E042"
    assert "psycopg" in exc.value.message
