"""PostgreSQL backend (psycopg 3): shared deployments; full text with tsvector + GIN."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any, ClassVar

from ..errors import error
from .sql import SQLStore

#: text search configuration; English stemming matches SQLite's porter tokenizer
TS_CONFIG = "english"
#: characters of an article fed to to_tsvector: a tsvector is capped at 1 MB, and
#: the opening of a news report holds what a search needs
TS_MAX_CHARS = 200_000
#: connections per store (per process).  Small on purpose: on the 2-core bench
#: machine 4 gave incident pages p95 117 ms where 16 gave 791 ms (more server
#: backends than cores only add contention); queries are short, so waiting
#: threads get a connection quickly
POOL_SIZE = 4
#: seconds to wait for the server on first connection: a wrong host fails fast
CONNECT_TIMEOUT_S = 10


class PostgresStore(SQLStore):
    DDL: ClassVar[dict[str, str]] = {"pk": "BIGSERIAL PRIMARY KEY", "json": "JSONB",
                                     "real": "DOUBLE PRECISION"}
    PLACEHOLDER: ClassVar[str] = "%s"
    concurrent_writers: ClassVar[bool] = True
    FTS_MIGRATIONS: ClassVar[dict[int, list[str]]] = {
        1: [
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('{TS_CONFIG}', left(title || ' ' || text, {TS_MAX_CHARS}))) STORED",
            "CREATE INDEX articles_search ON articles USING GIN (search)",
            "ALTER TABLE incidents ADD COLUMN search tsvector",
            "CREATE INDEX incidents_search ON incidents USING GIN (search)",
        ],
    }

    def __init__(self, url: str) -> None:
        super().__init__(url)
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError as exc:
            raise error("E042", "PostgreSQL needs psycopg and psycopg-pool: "
                        "pip install 'psycopg[binary]' psycopg-pool", field="db") from exc
        # a pool, not one connection: concurrent web requests would queue on it
        self._guard = nullcontext()
        self._local = threading.local()
        # connect once directly: a wrong URL or a down server fails here with the
        # driver's own message instead of a pool timeout
        try:
            psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as exc:
            from . import redact_url

            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise error("E106", f"cannot connect to {redact_url(url)}: {reason}",
                        field="db") from None
        self._pool = ConnectionPool(url, min_size=1, max_size=POOL_SIZE,
                                    kwargs={"autocommit": True}, open=True, timeout=30)
        self._open()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:  # inside this thread's transaction
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description is not None else []
        with self._pool.connection() as conn:
            cur = conn.execute(sql, params)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description is not None else []

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.cursor() as cur:
                cur.executemany(sql, rows)
            return
        with self._pool.connection() as conn, conn.cursor() as cur:
            cur.executemany(sql, rows)  # type: ignore[arg-type]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # the transaction keeps one pooled connection for this thread; psycopg turns
        # a nested transaction() into a savepoint: inner failures roll back only
        # their part when the caller catches them
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.transaction():
                yield
            return
        # writers of one process take turns (as with SQLite's BEGIN IMMEDIATE), so
        # two threads adding the same text deduplicate instead of colliding on the
        # unique key; readers outside transactions never wait for this lock
        with self._lock, self._pool.connection() as conn:
            self._local.conn = conn
            try:
                with conn.transaction():
                    yield
            finally:
                self._local.conn = None

    def _article_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return f"search @@ plainto_tsquery('{TS_CONFIG}', ?)", [" ".join(terms)]

    def _incident_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return f"search @@ plainto_tsquery('{TS_CONFIG}', ?)", [" ".join(terms)]

    def _reindex_incidents(self) -> None:
        self.execute(
            f"UPDATE incidents SET search = s.v FROM (SELECT r.incident_id, "
            # each report cut before joining: an article in many incidents is never
            # concatenated whole once per incident
            f"to_tsvector('{TS_CONFIG}', left(string_agg(left(a.title || ' ' || a.text, "
            f"{TS_MAX_CHARS}), ' '), {TS_MAX_CHARS})) AS v "
            "FROM (SELECT DISTINCT incident_id, article_id FROM incident_reports) r "
            "JOIN articles a ON a.id = r.article_id GROUP BY r.incident_id) s "
            "WHERE s.incident_id = incidents.id")

    def _analyze_incidents(self) -> None:
        # without statistics the planner sorts the whole table for every page
        # instead of walking the sort index (measured: 7.6 ms -> 0.5 ms at offset
        # 5,000 of 10,000); VACUUM also sets the visibility map for index-only
        # scans, but cannot run inside a caller's transaction
        in_transaction = getattr(self._local, "conn", None) is not None
        self.execute("ANALYZE incidents" if in_transaction
                     else "VACUUM (ANALYZE) incidents")
        self.execute("ANALYZE incident_docs")

    def close(self) -> None:
        self._pool.close()
