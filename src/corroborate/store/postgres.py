"""PostgreSQL backend (psycopg 3): shared deployments; full text with tsvector + GIN."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from ..errors import error
from .sql import SQLStore

#: text search configuration; English stemming matches SQLite's porter tokenizer
TS_CONFIG = "english"
#: characters of an article fed to to_tsvector: a tsvector is capped at 1 MB, and
#: the opening of a news report holds what a search needs
TS_MAX_CHARS = 200_000


class PostgresStore(SQLStore):
    DDL: ClassVar[dict[str, str]] = {"pk": "BIGSERIAL PRIMARY KEY", "json": "JSONB",
                                     "real": "DOUBLE PRECISION"}
    PLACEHOLDER: ClassVar[str] = "%s"
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
        except ImportError as exc:
            raise error("E042", "PostgreSQL needs psycopg: pip install 'psycopg[binary]'",
                        field="db") from exc
        self._conn = psycopg.connect(url, autocommit=True)
        self._open()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(sql, params)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description is not None else []

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(sql, rows)  # type: ignore[arg-type]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # psycopg turns a nested transaction() into a savepoint: inner failures
        # roll back only their part when the caller catches them
        with self._lock, self._conn.transaction():
            yield

    def _article_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return f"search @@ plainto_tsquery('{TS_CONFIG}', ?)", [" ".join(terms)]

    def _incident_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        return f"search @@ plainto_tsquery('{TS_CONFIG}', ?)", [" ".join(terms)]

    def _reindex_incidents(self) -> None:
        self.execute(
            f"UPDATE incidents SET search = s.v FROM (SELECT r.incident_id, "
            f"to_tsvector('{TS_CONFIG}', left(string_agg(a.title || ' ' || a.text, ' '), "
            f"{TS_MAX_CHARS})) AS v "
            "FROM (SELECT DISTINCT incident_id, article_id FROM incident_reports) r "
            "JOIN articles a ON a.id = r.article_id GROUP BY r.incident_id) s "
            "WHERE s.incident_id = incidents.id")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
