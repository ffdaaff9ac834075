"""SQLite backend: the default, a single file, full-text search with FTS5."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any, ClassVar

from .sql import SQLStore

#: page cache per connection (KiB) and memory-mapped bytes: the index tables of a
#: 10,000-incident store fit, and mmap spares a copy on every page read
CACHE_KIB = 64 * 1024
MMAP_BYTES = 256 * 1024 * 1024


#: characters of each report indexed for the incident search (PostgreSQL: TS_MAX_CHARS)
FTS_MAX_CHARS = 200_000


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
        self._memory = path in ("", ":memory:")
        if not self._memory:
            # a connection per thread (WAL lets readers run beside one writer);
            # an in-memory database exists only in its one connection, shared
            # by all threads and serialised by self._lock
            self._guard = nullcontext()
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._shared = self._connect()
        self._local.conn = self._shared
        self._open()

    def _connect(self) -> sqlite3.Connection:
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE) in `transaction`
        conn = sqlite3.connect(self.path or ":memory:", isolation_level=None,
                               check_same_thread=False, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        if not self._memory:
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a crash can lose the last commits but never corrupts
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute("PRAGMA temp_store = MEMORY")
        with self._lock:
            self._conns.append(conn)
        return conn

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._memory:
            return self._shared
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # in memory, self._guard is self._lock: held for the whole transaction
        with self._guard:
            local = self._local
            if getattr(local, "depth", 0):
                local.depth += 1
                try:
                    yield
                finally:
                    local.depth -= 1
                return
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            local.depth = 1
            try:
                yield
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                local.depth = 0

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
            # each report's opening only (as on PostgreSQL): an article in hundreds of
            # incidents would otherwise be indexed whole hundreds of times
            f"SELECT r.incident_id, group_concat(substr(a.title || ' ' || a.text, 1, "
            f"{FTS_MAX_CHARS}), ' ') "
            "FROM (SELECT DISTINCT incident_id, article_id FROM incident_reports) r "
            "JOIN articles a ON a.id = r.article_id GROUP BY r.incident_id")

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
