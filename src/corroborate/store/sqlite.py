"""SQLite backend: the default, a single file, full-text search with FTS5."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from .sql import SQLStore


def _fts_query(terms: list[str]) -> str:
    # each word quoted: user input can never be read as FTS5 syntax (NEAR, *, ^...)
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


class SQLiteStore(SQLStore):
    DDL: ClassVar[dict[str, str]] = {"pk": "INTEGER PRIMARY KEY", "json": "TEXT",
                                     "real": "REAL"}
    FTS_MIGRATIONS: ClassVar[dict[int, list[str]]] = {
        1: [
            # external-content index over articles: the text is stored once
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
            "content_rowid='seq', tokenize='porter unicode61')",
            "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END",
            "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); END",
            "CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END",
            "CREATE VIRTUAL TABLE incidents_fts USING fts5(incident_id UNINDEXED, body, "
            "tokenize='porter unicode61')",
        ],
    }

    def __init__(self, path: str, url: str | None = None) -> None:
        super().__init__(url or path)
        self.path = path
        if path not in ("", ":memory:"):
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE) in `transaction`;
        # the web app calls in from worker threads, serialised by self._lock
        self._conn = sqlite3.connect(path or ":memory:", isolation_level=None,
                                     check_same_thread=False, timeout=30)
        self._depth = 0
        self._conn.execute("PRAGMA foreign_keys = ON")
        if path not in ("", ":memory:"):
            self._conn.execute("PRAGMA journal_mode = WAL")
        self._open()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _article_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return ("seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [_fts_query(terms)])

    def _incident_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return ("id IN (SELECT incident_id FROM incidents_fts WHERE incidents_fts MATCH ?)",
                [_fts_query(terms)])

    def _reindex_incidents(self) -> None:
        self.execute("DELETE FROM incidents_fts")
        self.execute(
            "INSERT INTO incidents_fts (incident_id, body) "
            "SELECT r.incident_id, group_concat(a.title || ' ' || a.text, ' ') "
            "FROM (SELECT DISTINCT incident_id, article_id FROM incident_reports) r "
            "JOIN articles a ON a.id = r.article_id GROUP BY r.incident_id")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
