"""`SQLStore`: every domain method of the `Store`, written once over SQL.

Backends supply only primitives (connect, execute, query, transaction, the
placeholder style, column types and the full-text clauses); no domain method
branches on the backend (the splink approach).  SQL is written with ``?``
placeholders and rewritten once per statement by `SQLStore._sql`.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar

from ..errors import error
from ..models import Article, Provenance, date_interval, unique_id
from .base import SCHEMA_VERSION, AddResult, IdChange, IncidentQuery, Store
from .migrations import MIGRATIONS, POST_MIGRATIONS
from .summary import incident_spread, incident_summary, outlet_facts

#: placeholder for "whole file" in provenance.row_no
WHOLE_FILE = -1

_SORTS = {
    # a month or year date (stored as its first day) sorts after the day dates of its
    # period either way: oldest first by its last day, newest first by its first
    "date": "(date IS NULL), date_last, date DESC, id",
    "-date": "(date IS NULL), date DESC, date_last, id",
    "reports": "n_reports, id",
    "-reports": "n_reports DESC, id",
    "killed": "(killed IS NULL), killed, id",
    "-killed": "(killed IS NULL), killed DESC, id",
    "spread": "(spread IS NULL), spread, id",
    "-spread": "(spread IS NULL), spread DESC, id",
    "contradictions": "n_contradictions, id",
    "-contradictions": "n_contradictions DESC, id",
}

_GENERATION_SQL = "SELECT value FROM meta WHERE key = 'incidents_generation'"

# the index-table columns the sorts use, to qualify them in the outer query of a page
_SORT_COLUMN = re.compile(r"\b(date|date_last|id|n_reports|killed|spread|n_contradictions)\b")
#: the same orders over the page subquery's columns, for the outer query that joins documents
_OUTER_SORTS = {k: _SORT_COLUMN.sub(r"p.\1", v) for k, v in _SORTS.items()}

_ARTICLE_COLS = "id, title, text, outlet, url, published, language, content_hash"


def incident_columns(incident: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of an incident, derived from its JSON (see the contracts)."""
    place = incident.get("place") or {}
    killed = ((incident.get("consensus") or {}).get("killed") or {}).get("conservative")
    actors = [str(a).lower() for a in incident.get("actors") or []]
    when = incident.get("date")
    return {
        "date": when,
        "date_last": date_interval(when, incident.get("date_precision"))[1] if when else None,
        "place_name": place.get("name"),
        "admin1": place.get("admin1"),
        # "|a|b|" so that a LIKE can match one name without crossing into the next
        "actors": "|" + "|".join(actors) + "|" if actors else None,
        "cause": incident.get("cause"),
        "grade": (incident.get("grade") or {}).get("label"),
        "has_contradictions": int(bool(incident.get("contradictions"))),
        "n_reports": len(incident.get("reports") or []),
        "killed": float(killed) if isinstance(killed, int | float)
        and not isinstance(killed, bool) else None,
        "spread": incident_spread(incident),
        "n_contradictions": len(incident.get("contradictions") or []),
    }


def fts_terms(q: str) -> list[str]:
    """The words of a search query; every word must match (AND), like a web search."""
    return re.findall(r"\w+", q)


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SQLStore(Store):
    """A `Store` over a DB-API-like connection; subclasses provide the primitives."""

    #: column types used in `MIGRATIONS`
    DDL: ClassVar[dict[str, str]]
    #: full-text statements per schema version (backend-specific)
    FTS_MIGRATIONS: ClassVar[dict[int, list[str]]] = {}
    #: the driver's placeholder; SQL here is written with "?"
    PLACEHOLDER: ClassVar[str] = "?"

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        #: held around each statement; backends with a connection per thread (or a
        #: pool) replace it with a no-op so that readers run in parallel
        self._guard: AbstractContextManager[Any] = self._lock
        self._sql_cache: dict[str, str] = {}
        #: filtered incident counts of one incidents generation (see `_count_incidents`)
        self._counts: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._counts_generation = -1

    # --- primitives ------------------------------------------------------------------
    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Execute one statement (already in the driver's placeholder style); rows if any."""

    @abstractmethod
    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all (nesting joins the outer one)."""

    @abstractmethod
    def _article_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        """A WHERE clause selecting articles whose title or text holds every term."""

    @abstractmethod
    def _incident_match(self, terms: list[str]) -> tuple[str, list[Any]]:
        """A WHERE clause selecting incidents whose member reports hold every term."""

    @abstractmethod
    def _reindex_incidents(self) -> None:
        """Rebuild incident full-text data from incident_reports and articles."""

    def _analyze_incidents(self) -> None:
        """Refresh planner statistics after incidents were replaced (when the backend
        needs them to pick the sort indexes)."""

    def _json_in(self, value: Any) -> Any:
        """A JSON column value as Python data (drivers differ: text or decoded)."""
        return json.loads(value) if isinstance(value, str | bytes) else value

    # --- helpers over the primitives -------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.PLACEHOLDER == "?":
            return sql
        cached = self._sql_cache.get(sql)
        if cached is None:
            cached = self._sql_cache[sql] = sql.replace("?", self.PLACEHOLDER)
        return cached

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._guard:
            return self._run(self._sql(sql), params)

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._guard:
                self._run_many(self._sql(sql), rows)

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.execute(sql, params)
        return rows[0] if rows else None

    def _keyset_pages(self, columns: str, table: str, key: str, *, size: int = 500,
                      start: Any = "") -> Iterator[list[tuple[Any, ...]]]:
        """``columns`` of every row of ``table`` in ``key`` order, a page at a time: keyset
        pages keep memory bounded and hold no cursor open across writes."""
        last = start
        while True:
            rows = self.execute(f"SELECT {columns}, {key} FROM {table} WHERE {key} > ? "
                                f"ORDER BY {key} LIMIT {int(size)}", (last,))
            if not rows:
                return
            last = rows[-1][-1]
            yield [r[:-1] for r in rows]

    @staticmethod
    def _in_lists(values: Sequence[Any], size: int = 500) -> Iterator[tuple[list[Any], str]]:
        """``values`` in chunks with their ``?, ?, ...`` placeholders, for ``IN (...)``
        (engines cap the parameters of one statement)."""
        for k in range(0, len(values), size):
            part = list(values[k:k + size])
            yield part, ", ".join("?" for _ in part)

    @staticmethod
    def _dumps(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, default=str)

    # --- schema ---------------------------------------------------------------------
    def _open(self) -> None:
        """Migrate a freshly connected store; never leak the connection on failure."""
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _migrate(self) -> None:
        with self.transaction():
            self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, "
                         "value TEXT NOT NULL)")
        self._check_version()
        for version in range(1, SCHEMA_VERSION + 1):
            with self.transaction():
                # read again inside the transaction: another process may have migrated
                if self.schema_version() >= version:
                    continue
                for stmt in MIGRATIONS.get(version, []):
                    self.execute(stmt.format(**self.DDL))
                for stmt in self.FTS_MIGRATIONS.get(version, []):
                    self.execute(stmt)
                self._backfill(version)
                for stmt in POST_MIGRATIONS.get(version, []):
                    self.execute(stmt.format(**self.DDL))
                self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (str(version),))

    def _backfill(self, version: int) -> None:
        """Data steps of a migration that SQL alone cannot do."""
        if version == 2:
            # summaries of incidents stored by a version-1 store, computed once here
            for rows in self._keyset_pages("id, data", "incident_docs", "id"):
                updates = []
                for iid, data in rows:
                    inc = self._json_in(data)
                    updates.append((self._dumps(incident_summary(inc)),
                                    self._dumps(outlet_facts(inc)), iid))
                self.execute_many("UPDATE incident_docs SET summary = ?, facts = ? WHERE id = ?",
                                  updates)
        if version == 7:
            # the last day of each date, and summaries that now carry its precision
            for rows in self._keyset_pages("id, data", "incident_docs", "id"):
                lasts, summaries = [], []
                for iid, data in rows:
                    inc = self._json_in(data)
                    lasts.append((incident_columns(inc)["date_last"], iid))
                    summaries.append((self._dumps(incident_summary(inc)), iid))
                self.execute_many("UPDATE incidents SET date_last = ? WHERE id = ?", lasts)
                self.execute_many("UPDATE incident_docs SET summary = ? WHERE id = ?",
                                  summaries)
        if version == 6:
            # the new sort columns, and summaries that now name the contradicted claims
            for rows in self._keyset_pages("id, data", "incident_docs", "id"):
                cols, summaries = [], []
                for iid, data in rows:
                    inc = self._json_in(data)
                    c = incident_columns(inc)
                    cols.append((c["spread"], c["n_contradictions"], iid))
                    summaries.append((self._dumps(incident_summary(inc)), iid))
                self.execute_many("UPDATE incidents SET spread = ?, n_contradictions = ? "
                                  "WHERE id = ?", cols)
                self.execute_many("UPDATE incident_docs SET summary = ? WHERE id = ?",
                                  summaries)

        if version == 8:
            # reference verdicts stored before verdicts schema 2.0
            last = ""
            while True:
                rows = self.execute("SELECT article_id, data FROM verdicts WHERE kind = 'reference' "
                                    "AND article_id > ? ORDER BY article_id LIMIT 500", (last,))
                if not rows:
                    break
                last = rows[-1][0]
                relabelled = []
                for aid, data in rows:
                    v = self._json_in(data)
                    if v.get("label") == "no_match":
                        relabelled.append((self._dumps({**v, "label": "disagrees"}), aid))
                self.execute_many("UPDATE verdicts SET data = ? WHERE kind = 'reference' "
                                  "AND article_id = ?", relabelled)

    def _check_version(self) -> None:
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise error("E041", f"{self.url} has schema version {found}; this corroborate "
                        f"knows up to {SCHEMA_VERSION}: upgrade corroborate")

    def schema_version(self) -> int:
        row = self.query_one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    # --- articles --------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        result = AddResult()
        matched: set[str] = set()
        with self.transaction():
            for a in articles:
                row = self.query_one("SELECT id FROM articles WHERE content_hash = ?",
                                     (a.content_hash,))
                if row is not None:
                    article_id = row[0]
                    if article_id not in matched and article_id not in result.added:
                        matched.add(article_id)
                        result.duplicates.append(article_id)
                else:
                    article_id = unique_id(a.id, a.content_hash, self._id_taken)
                    self.execute(
                        "INSERT INTO articles (id, content_hash, title, text, outlet, url, "
                        "published, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (article_id, a.content_hash, a.title or "", a.text, a.outlet, a.url,
                         a.published, a.language))
                    result.added.append(article_id)
                self.execute_many(
                    "INSERT INTO provenance (article_id, source, row_no, metadata) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (article_id, source, row_no) DO NOTHING",
                    [(article_id, p.source, WHOLE_FILE if p.row is None else p.row,
                      self._dumps(p.metadata)) for p in a.provenance])
        return result

    def _id_taken(self, article_id: str) -> bool:
        return self.query_one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def get_article(self, article_id: str) -> Article | None:
        rows = self.execute(f"SELECT {_ARTICLE_COLS} FROM articles WHERE id = ?", (article_id,))
        articles = self._with_provenance(rows)
        return articles[0] if articles else None

    def _article_where(self, outlet: str | None, q: str | None, date_from: str | None,
                       date_to: str | None) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            where.append("LOWER(outlet) = LOWER(?)")
            params.append(outlet)
        if q and fts_terms(q):
            clause, p = self._article_match(fts_terms(q))
            where.append(clause)
            params.extend(p)
        if date_from:
            where.append("published >= ?")
            params.append(date_from)
        if date_to:
            where.append("published <= ?")
            params.append(date_to)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def list_articles(self, *, outlet: str | None = None, q: str | None = None,
                      date_from: str | None = None, date_to: str | None = None,
                      limit: int = 100, offset: int = 0) -> list[Article]:
        where, params = self._article_where(outlet, q, date_from, date_to)
        rows = self.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles{where} "
            "ORDER BY (published IS NULL), published DESC, seq LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return self._with_provenance(rows)

    def count_articles(self, *, outlet: str | None = None, q: str | None = None,
                       date_from: str | None = None, date_to: str | None = None) -> int:
        where, params = self._article_where(outlet, q, date_from, date_to)
        row = self.query_one(f"SELECT COUNT(*) FROM articles{where}", params)
        return int(row[0]) if row else 0

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is not None:
            for chunk, marks in self._in_lists(list(dict.fromkeys(ids))):
                rows = self.execute(f"SELECT {_ARTICLE_COLS} FROM articles "
                                    f"WHERE id IN ({marks}) ORDER BY seq", chunk)
                yield from self._with_provenance(rows)
            return
        for rows in self._keyset_pages(_ARTICLE_COLS, "articles", "seq", start=-1):
            yield from self._with_provenance(rows)

    def article_ids(self, *, unextracted: bool = False) -> list[str]:
        where = (" WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.article_id = articles.id)"
                 if unextracted else "")
        return [r[0] for r in self.execute(f"SELECT id FROM articles{where} ORDER BY seq")]

    def _with_provenance(self, rows: list[tuple[Any, ...]]) -> list[Article]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ", ".join("?" for _ in ids)
        prov: dict[str, list[Provenance]] = {i: [] for i in ids}
        for article_id, source, row_no, metadata in self.execute(
                "SELECT article_id, source, row_no, metadata FROM provenance "
                f"WHERE article_id IN ({marks}) ORDER BY source, row_no", ids):
            prov[article_id].append(Provenance(
                source=source, row=None if row_no == WHOLE_FILE else int(row_no),
                metadata=self._json_in(metadata)))
        return [Article(id=r[0], title=r[1] or "", text=r[2], outlet=r[3], url=r[4],
                        published=r[5], language=r[6], content_hash=r[7],
                        provenance=prov[r[0]]) for r in rows]

    # --- extractions -----------------------------------------------------------------
    def put_extractions(self, extractions: Iterable[dict[str, Any]]) -> None:
        rows = [(e["id"], self._dumps(e)) for e in extractions]
        with self.transaction():
            self.execute_many(
                "INSERT INTO extractions (article_id, data) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET data = excluded.data", rows)

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM extractions WHERE article_id = ?", (article_id,))
        return self._json_in(row[0]) if row else None

    def iter_extractions(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        if ids is not None:
            for chunk, marks in self._in_lists(sorted(set(ids))):
                for (data,) in self.execute(f"SELECT data FROM extractions WHERE article_id "
                                            f"IN ({marks}) ORDER BY article_id", chunk):
                    yield self._json_in(data)
            return
        for rows in self._keyset_pages("data", "extractions", "article_id"):
            for (data,) in rows:
                yield self._json_in(data)

    # --- incidents -------------------------------------------------------------------
    def replace_incidents(self, incidents: Iterable[dict[str, Any]]) -> None:
        with self.transaction():
            self.execute("DELETE FROM incident_reports")
            self.execute("DELETE FROM incidents")
            self.execute("DELETE FROM incident_docs")
            self._insert_incidents(incidents)
            self._reindex_incidents()
            self._bump_generation()
        self._analyze_incidents()

    def update_incidents(self, incidents: list[dict[str, Any]], remove: Sequence[str] = ()) -> None:
        gone = list(dict.fromkeys([*remove, *(inc["id"] for inc in incidents)]))
        with self.transaction():
            for part, marks in self._in_lists(gone):
                self.execute(f"DELETE FROM incident_reports WHERE incident_id IN ({marks})", part)
                self.execute(f"DELETE FROM incidents WHERE id IN ({marks})", part)
                self.execute(f"DELETE FROM incident_docs WHERE id IN ({marks})", part)
            self._insert_incidents(incidents)
            self._reindex_incidents()
            self._bump_generation()

    #: incidents serialised and inserted per batch: the JSON of a million incidents at
    #: once would be several times the incidents themselves
    INSERT_BATCH: ClassVar[int] = 500

    def _insert_incidents(self, incidents: Iterable[dict[str, Any]]) -> None:
        rest = iter(incidents)
        while batch := list(itertools.islice(rest, self.INSERT_BATCH)):
            self._insert_incident_rows(batch)

    def incident_rows(self) -> list[tuple[str, str | None, int, bool]]:
        return [(i, d, int(n), bool(c)) for i, d, n, c in self.execute(
            "SELECT id, date, n_reports, has_contradictions FROM incidents")]

    def iter_incidents(self, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        for chunk, marks in self._in_lists(list(ids)):
            docs = {i: d for i, d in self.execute(
                f"SELECT id, data FROM incident_docs WHERE id IN ({marks})", chunk)}
            for i in chunk:
                if i in docs:
                    yield self._json_in(docs[i])

    def _insert_incident_rows(self, incidents: list[dict[str, Any]]) -> None:
        inc_rows: list[tuple[Any, ...]] = []
        doc_rows: list[tuple[str, str, str, str]] = []
        report_rows: dict[tuple[str, str, int], None] = {}
        for inc in incidents:
            cols = incident_columns(inc)
            inc_rows.append((inc["id"], *cols.values()))
            doc_rows.append((inc["id"], self._dumps(inc), self._dumps(incident_summary(inc)),
                             self._dumps(outlet_facts(inc))))
            for r in inc.get("reports") or []:
                report_rows[(inc["id"], r["article_id"], int(r.get("incident_index") or 0))] = None
        self.execute_many(
            "INSERT INTO incidents (id, date, date_last, place_name, admin1, actors, cause, grade, "
            "has_contradictions, n_reports, killed, spread, n_contradictions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inc_rows)
        self.execute_many("INSERT INTO incident_docs (id, data, summary, facts) "
                          "VALUES (?, ?, ?, ?)", doc_rows)
        self.execute_many("INSERT INTO incident_reports (incident_id, article_id, "
                          "incident_index) VALUES (?, ?, ?)", list(report_rows))

    # --- review log ------------------------------------------------------------------
    def append_review(self, entry: dict[str, Any], heads: dict[str, int]) -> dict[str, Any]:
        with self.transaction():
            row = self.query_one(
                "INSERT INTO review_log (at, who, action, data) VALUES (?, ?, ?, ?) "
                "RETURNING seq", (entry["at"], entry["who"], entry["action"], "{}"))
            assert row is not None
            seq = int(row[0])
            for key, version in sorted(heads.items()):
                # conditional writes: when a concurrent writer moved the head first this
                # returns no row (PostgreSQL re-checks the WHERE after waiting for that
                # writer's row lock) and the whole append rolls back
                if version:
                    moved = self.execute("UPDATE review_heads SET version = ? WHERE key = ? "
                                         "AND version = ? RETURNING key", (seq, key, int(version)))
                else:
                    moved = self.execute("INSERT INTO review_heads (key, version) VALUES (?, ?) "
                                         "ON CONFLICT (key) DO NOTHING RETURNING key", (key, seq))
                if not moved:
                    raise self._conflict(key, version)
            done = {**entry, "seq": seq}
            self.execute("UPDATE review_log SET data = ? WHERE seq = ?", (self._dumps(done), seq))
        return done

    def _conflict(self, key: str, version: int) -> Exception:
        head = self.review_heads([key]).get(key, 0)
        return error("E137", f"{key} changed (version {head}) since version {version} "
                     "this edit was based on", field=key, key=key, version=head)

    def review_heads(self, keys: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part, marks in self._in_lists(list(dict.fromkeys(keys))):
            for key, version in self.execute(
                    f"SELECT key, version FROM review_heads WHERE key IN ({marks})", part):
                out[key] = int(version)
        return out

    def iter_review(self, after: int = 0) -> Iterator[dict[str, Any]]:
        for rows in self._keyset_pages("data", "review_log", "seq", start=after):
            for (data,) in rows:
                yield self._json_in(data)

    def get_review(self, seq: int) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM review_log WHERE seq = ?", (int(seq),))
        return self._json_in(row[0]) if row else None

    def _bump_generation(self) -> None:
        # inside the caller's transaction, so a reader never sees new rows under the
        # old generation (and so never caches them under it)
        row = self.query_one("SELECT value FROM meta WHERE key = 'incidents_generation'")
        self.execute("INSERT INTO meta (key, value) VALUES ('incidents_generation', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     (str(int(row[0]) + 1 if row else 1),))

    def incidents_generation(self) -> int:
        row = self.query_one(_GENERATION_SQL)
        return int(row[0]) if row else 0

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM incident_docs WHERE id = ?", (incident_id,))
        return self._json_in(row[0]) if row else None

    def _incident_where(self, query: IncidentQuery) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if query.q and fts_terms(query.q):
            clause, p = self._incident_match(fts_terms(query.q))
            where.append(clause)
            params.extend(p)
        # an incident matches when its date's interval overlaps the filter's: "2011"
        # is within --since 2011-06-01 (it may be after June) and --until 2011-03-01
        if query.date_from:
            where.append("date_last >= ?")
            params.append(query.date_from)
        if query.date_to:
            where.append("date <= ?")
            params.append(query.date_to)
        if query.place:
            where.append("(LOWER(place_name) LIKE ? ESCAPE '\\' "
                         "OR LOWER(admin1) LIKE ? ESCAPE '\\')")
            params.extend([_like(query.place)] * 2)
        if query.actor:
            where.append("actors LIKE ? ESCAPE '\\'")
            params.append(_like(query.actor))
        if query.cause:
            where.append("cause = ?")
            params.append(query.cause)
        if query.grade:
            where.append("grade = ?")
            params.append(query.grade)
        if query.has_contradictions is not None:
            where.append("has_contradictions = ?")
            params.append(int(query.has_contradictions))
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _page(self, query: IncidentQuery, column: str) -> tuple[list[dict[str, Any]], int]:
        """One page of ``incident_docs.<column>``, in order, and the number matching.

        The page is found by an index walk over the narrow index table alone (the
        subquery's LIMIT keeps the engine from joining the rows OFFSET skips), and the
        documents of just that page are joined to it in the same round trip."""
        order = _SORTS.get(query.sort)
        if order is None:
            raise ValueError(f"unknown sort {query.sort!r}; one of {', '.join(_SORTS)}")
        clause, params = self._incident_where(query)
        outer = _OUTER_SORTS[query.sort]
        # the generation comes with the rows (same snapshot, no extra round trip): it
        # tells whether a cached count still holds
        rows = self.execute(
            f"SELECT p.id, d.{column}, ({_GENERATION_SQL}) FROM (SELECT id, date, date_last, n_reports, "
            f"killed, spread, n_contradictions FROM incidents{clause} ORDER BY {order} LIMIT ? OFFSET ?) p "
            f"JOIN incident_docs d ON d.id = p.id ORDER BY {outer}",
            [*params, query.limit, query.offset])
        docs = [self._json_in(r[1]) for r in rows]
        if query.limit > 0 and (0 < len(rows) < query.limit
                                or (not rows and query.offset == 0)):
            # a short page is the last one: the total follows without counting
            return docs, query.offset + len(rows)
        generation = int(rows[0][2] or 0) if rows else self.incidents_generation()
        return docs, self._count_incidents(clause, params, generation)

    def _count_incidents(self, clause: str, params: list[Any], generation: int) -> int:
        # list pages repeat the same few filters; a count is reused until the
        # generation (bumped in the same transaction as every replace, so other
        # processes' writes are seen too) changes
        key = (clause, tuple(params))
        with self._lock:
            if generation != self._counts_generation or len(self._counts) > 4096:
                self._counts = {}
                self._counts_generation = generation
            cached = self._counts.get(key)
        if cached is not None:
            return cached
        row = self.query_one(f"SELECT COUNT(*) FROM incidents{clause}", params)
        total = int(row[0]) if row else 0
        with self._lock:
            if self._counts_generation == generation:
                self._counts[key] = total
        return total

    def list_incidents(self, query: IncidentQuery) -> tuple[list[dict[str, Any]], int]:
        return self._page(query, "data")

    def list_incident_summaries(self, query: IncidentQuery
                                ) -> tuple[list[dict[str, Any]], int]:
        return self._page(query, "summary")

    def iter_incident_facts(self) -> Iterator[dict[str, Any]]:
        for rows in self._keyset_pages("facts", "incident_docs", "id", size=1000):
            for (facts,) in rows:
                yield self._json_in(facts)

    def incidents_for_article(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.execute(
            "SELECT d.data FROM incidents i JOIN incident_docs d ON d.id = i.id "
            "WHERE i.id IN (SELECT incident_id FROM incident_reports WHERE article_id = ?) "
            "ORDER BY (i.date IS NULL), i.date, i.id", (article_id,))
        return [self._json_in(r[0]) for r in rows]

    # --- incident id history ---------------------------------------------------------
    def incident_members(self) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = {}
        for iid, aid, k in self.execute("SELECT incident_id, article_id, incident_index "
                                        "FROM incident_reports ORDER BY incident_id, article_id, incident_index"):
            out.setdefault(iid, []).append((aid, int(k)))
        return out

    def incident_id_ages(self, ids: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part, marks in self._in_lists(list(dict.fromkeys(ids))):
            for iid, first in self.execute(
                    f"SELECT id, first_seen FROM incident_ids WHERE id IN ({marks})", part):
                out[iid] = int(first)
        return out

    def record_incident_ids(self, live: Sequence[str], changes: Sequence[IdChange] = ()) -> None:
        with self.transaction():
            row = self.query_one("SELECT MAX(first_seen) FROM incident_ids")
            run = int(row[0] or 0) + 1 if row else 1
            known = set(self.incident_id_ages([*live, *(c.old for c in changes)]))
            fresh = [(i,) for i in dict.fromkeys(live) if i not in known]
            fresh += [(c.old,) for c in changes if c.old not in known]
            self.execute_many(f"INSERT INTO incident_ids (id, first_seen) VALUES (?, {run})",
                              list(dict.fromkeys(fresh)))
            for part, marks in self._in_lists(list(dict.fromkeys(live))):
                self.execute("UPDATE incident_ids SET merged_into = NULL, reason = NULL, "
                             f"changed = {run} WHERE merged_into IS NOT NULL AND id IN ({marks})",
                             part)
            self.execute_many(f"UPDATE incident_ids SET merged_into = ?, reason = ?, changed = {run} "
                              "WHERE id = ?", [(c.new, c.reason, c.old) for c in changes])

    def resolve_incident_id(self, incident_id: str) -> str | None:
        row = self.query_one("SELECT merged_into FROM incident_ids WHERE id = ?", (incident_id,))
        if row is None:
            return incident_id if self.get_incident(incident_id) is not None else None
        seen = {incident_id}
        while row is not None and row[0] is not None and row[0] not in seen:
            incident_id = row[0]
            seen.add(incident_id)
            row = self.query_one("SELECT merged_into FROM incident_ids WHERE id = ?", (incident_id,))
        return incident_id

    def incident_id_history(self, incident_id: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        todo, seen = [incident_id], {incident_id}
        while todo:
            target = todo.pop()
            for iid, into, reason, changed in self.execute(
                    "SELECT id, merged_into, reason, changed FROM incident_ids "
                    "WHERE merged_into = ? ORDER BY changed, id", (target,)):
                if iid not in seen:
                    seen.add(iid)
                    todo.append(iid)
                    out.append({"id": iid, "merged_into": into, "reason": reason,
                                "changed": changed})
        out.sort(key=lambda h: (h["changed"] or 0, h["id"]))
        for h in out:
            del h["changed"]
        return out

    # --- verdicts --------------------------------------------------------------------
    def put_verdicts(self, kind: str, verdicts: Iterable[dict[str, Any]]) -> None:
        rows = [(v["article_id"], kind, self._dumps({**v, "kind": kind})) for v in verdicts]
        with self.transaction():
            self.execute_many(
                "INSERT INTO verdicts (article_id, kind, data) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id, kind) DO UPDATE SET data = excluded.data", rows)
            # incident pages show verdicts: cached ones must not outlive them
            self._bump_generation()

    def get_verdicts(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.execute("SELECT data FROM verdicts WHERE article_id = ? ORDER BY kind",
                            (article_id,))
        return [self._json_in(r[0]) for r in rows]

    def verdicts_for(self, article_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for part, marks in self._in_lists(list(dict.fromkeys(article_ids))):
            for aid, doc in self.execute(
                    f"SELECT article_id, data FROM verdicts WHERE article_id IN ({marks}) "
                    "ORDER BY article_id, kind", part):
                out.setdefault(aid, []).append(self._json_in(doc))
        return out

    def iter_verdicts(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        if kind is None:
            rows = self.execute("SELECT data FROM verdicts ORDER BY article_id, kind")
        else:
            rows = self.execute("SELECT data FROM verdicts WHERE kind = ? ORDER BY article_id",
                                (kind,))
        for r in rows:
            yield self._json_in(r[0])

    # --- jobs -------------------------------------------------------------------------
    def put_job(self, job: dict[str, Any]) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO jobs (id, data, created, finished) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET data = excluded.data, "
                "finished = excluded.finished",
                (job["id"], self._dumps(job), float(job.get("created") or 0.0),
                 job.get("finished_at")))

    def get_job(self, job_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM jobs WHERE id = ?", (job_id,))
        return self._json_in(row[0]) if row else None

    def unfinished_jobs(self) -> list[dict[str, Any]]:
        rows = self.execute("SELECT data FROM jobs WHERE finished IS NULL ORDER BY created, id")
        return [self._json_in(r[0]) for r in rows]

    def prune_jobs(self, keep: int) -> int:
        with self.transaction():
            # the table stays small (pruned as jobs finish), and OFFSET without LIMIT
            # is spelt differently by each engine
            rows = self.execute("SELECT id FROM jobs WHERE finished IS NOT NULL "
                                "ORDER BY created DESC, id")[keep:]
            for part, marks in self._in_lists([r[0] for r in rows]):
                self.execute(f"DELETE FROM jobs WHERE id IN ({marks})", part)
        return len(rows)

    # --- extras -----------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        """Row counts per table (for `corroborate articles` summaries and tests)."""
        out: dict[str, int] = {}
        for table in ("articles", "provenance", "extractions", "incidents", "verdicts"):
            row = self.query_one(f"SELECT COUNT(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        return out
