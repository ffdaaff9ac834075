"""The `Store` interface.

One interface, a handful of primitives, two backends (SQLite by default,
PostgreSQL for shared deployments).  Algorithms talk only to these methods; no
stage ever branches on the backend.  Records cross this boundary as the core
dataclasses (`Article`) or as JSON-ready dicts in the documented schemas
(extractions, incidents, verdicts).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from ..models import Article

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

SCHEMA_VERSION = 8


@dataclass
class AddResult:
    """Outcome of `Store.add_articles`."""

    added: list[str] = field(default_factory=list)  # ids of newly stored articles
    duplicates: list[str] = field(default_factory=list)  # ids of existing articles that gained provenance


@dataclass(frozen=True)
class IdChange:
    """One incident id that stopped naming a live incident: ``old`` now redirects to
    ``new`` (its reports are there), with the reason a reader is shown."""

    old: str
    new: str
    reason: str


#: the orders an incident list can be sorted in ("-" first: descending); every entry
#: point (CLI, web page, API, exports) offers these
INCIDENT_SORTS = ("date", "-date", "reports", "-reports", "killed", "-killed",
                  "spread", "-spread", "contradictions", "-contradictions")
#: what a list opens with: the newest incidents first
DEFAULT_SORT = "-date"
#: the grades an incident list can be filtered by (`compare.grade` gives them)
INCIDENT_GRADES = ("confirmed", "fair", "weak", "contested", "single_source")


@dataclass
class IncidentQuery:
    """Filters, sort and page for `Store.list_incidents`.  All filters are optional."""

    q: str | None = None  # full-text search over titles and bodies of the reports
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None  # matches place name or admin-1, case-insensitive
    actor: str | None = None
    cause: str | None = None
    grade: str | None = None
    has_contradictions: bool | None = None
    sort: str = "date"  # one of INCIDENT_SORTS; entry points default to DEFAULT_SORT
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        # every entry point (CLI, API, pages, exports) builds one: dates checked once here
        check_filter_date(self.date_from, "since")
        check_filter_date(self.date_to, "until")


def check_filter_date(value: str | None, field: str) -> str | None:
    """A date filter as given, when it is a real ``YYYY-MM-DD`` date; E107 otherwise.

    Dates are compared as text in the store, so "17/09/2016" or "yesterday" would
    silently select the wrong rows: anything but a calendar date is refused.
    """
    if value is None or value == "":
        return None
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        from ..errors import error

        raise error("E107", f"{field} {value[:60]!r} is not a date: use YYYY-MM-DD "
                    "(e.g. 2016-09-17)", field=field) from None
    return value


class Store(ABC):
    """Persistent home of articles, extractions, incidents and verdicts."""

    url: str
    #: other processes may open this store by its ``url`` and write to it at the same
    #: time (a database server); the Dask engine then lets each task write its own
    #: results, where a single-file store gets them all from one writer
    concurrent_writers: ClassVar[bool] = False

    # -- articles -------------------------------------------------------------
    @abstractmethod
    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Insert articles in one transaction, deduplicating on `content_hash`.

        A duplicate keeps the stored article and appends the new provenance
        entries (file, row, metadata) that are not already recorded.
        """

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def list_articles(self, *, outlet: str | None = None, q: str | None = None,
                      date_from: str | None = None, date_to: str | None = None,
                      limit: int = 100, offset: int = 0) -> list[Article]: ...

    @abstractmethod
    def count_articles(self, *, outlet: str | None = None, q: str | None = None,
                       date_from: str | None = None, date_to: str | None = None) -> int: ...

    @abstractmethod
    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """All articles (or those with the given ids) in a stable order."""

    @abstractmethod
    def article_ids(self, *, unextracted: bool = False) -> list[str]:
        """Every stored article's id in `iter_articles` order; with ``unextracted``, only
        those with no stored extraction (what `analyze` extracts without holding the texts)."""

    # -- extractions (dicts in docs/schema/extraction.schema.json shape) --------
    @abstractmethod
    def put_extractions(self, extractions: Iterable[dict[str, Any]]) -> None:
        """Upsert per-article extraction output, keyed by its "id"."""

    @abstractmethod
    def get_extraction(self, article_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def iter_extractions(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every stored extraction (or those of the given article ids), in article id order."""

    # -- incidents (dicts in docs/schema/incidents.schema.json shape) -----------
    @abstractmethod
    def replace_incidents(self, incidents: Iterable[dict[str, Any]]) -> None:
        """Replace all linked incidents with a new linking result, atomically.  The
        incidents may come from an iterator: they are written as they come, a batch at
        a time, inside the one transaction."""

    @abstractmethod
    def incident_rows(self) -> list[tuple[str, str | None, int, bool]]:
        """Every stored incident as (id, date, number of reports, has contradictions),
        in no set order: what ordering and counting all incidents needs, without them."""

    @abstractmethod
    def iter_incidents(self, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The stored incidents with these ids, in the order given (unknown ids left out),
        read a batch at a time."""

    @abstractmethod
    def get_incident(self, incident_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def list_incidents(self, query: IncidentQuery) -> tuple[list[dict[str, Any]], int]:
        """A page of incidents matching the query, and the total count."""

    def list_incident_summaries(self, query: IncidentQuery
                                ) -> tuple[list[dict[str, Any]], int]:
        """Like `list_incidents`, but each row is the compact `summary.incident_summary`
        (what list pages show) instead of the full document.  SQL stores keep the
        summaries precomputed; this default derives them."""
        from .summary import incident_summary

        rows, total = self.list_incidents(query)
        return [incident_summary(r) for r in rows], total

    def iter_incident_facts(self) -> Iterator[dict[str, Any]]:
        """Every incident as `summary.outlet_facts` (what per-outlet statistics read)."""
        from .summary import outlet_facts

        offset = 0
        while True:
            rows, _ = self.list_incidents(IncidentQuery(limit=500, offset=offset))
            yield from (outlet_facts(r) for r in rows)
            if len(rows) < 500:
                return
            offset += len(rows)

    def incidents_generation(self) -> int:
        """A counter that changes whenever `replace_incidents` or `put_verdicts` commits
        (a cache key for what is derived from incidents and verdicts);
        stores that cannot tell return 0 and callers must not cache."""
        return 0

    @abstractmethod
    def incidents_for_article(self, article_id: str) -> list[dict[str, Any]]: ...

    # -- incident id history -----------------------------------------------------
    @abstractmethod
    def incident_members(self) -> dict[str, list[tuple[str, int]]]:
        """Every stored incident's reports as (article_id, incident_index) keys, by id."""

    @abstractmethod
    def incident_id_ages(self, ids: Sequence[str]) -> dict[str, int]:
        """For the ids ever given out, the analysis run that first gave each (smaller:
        older); unknown ids are left out."""

    @abstractmethod
    def record_incident_ids(self, live: Sequence[str], changes: Sequence[IdChange] = ()) -> None:
        """Record one analysis' ids: ``live`` ids not seen before get the next run number,
        a live id loses any redirect it had (it names an incident again), and each change
        makes ``old`` redirect to ``new``; one transaction."""

    @abstractmethod
    def resolve_incident_id(self, incident_id: str) -> str | None:
        """The id that names ``incident_id``'s reports now: itself when it is live (or
        not merged), else the end of its redirects; None for an id never given out."""

    @abstractmethod
    def incident_id_history(self, incident_id: str) -> list[dict[str, Any]]:
        """The ids that were merged into this one (directly or through others), each as
        ``{"id", "merged_into", "reason"}``, oldest change first."""

    def record_incident_id_change(self, old: str, new: str, reason: str) -> None:
        """Make ``old`` redirect to ``new`` (a reviewer's merge, say).  E181 when the two
        are the same, when ``new`` is not a stored incident, or when ``new`` already
        redirects back to ``old``."""
        from ..errors import error

        if old == new or self.get_incident(new) is None or self.resolve_incident_id(new) != new:
            raise error("E181", f"cannot redirect {old!r} to {new!r}", field="incident_id")
        if self.resolve_incident_id(old) is None:
            self.record_incident_ids([old])
        self.record_incident_ids([new], [IdChange(old, new, reason)])

    # -- credibility verdicts -------------------------------------------------
    @abstractmethod
    def put_verdicts(self, kind: str, verdicts: Iterable[dict[str, Any]]) -> None:
        """Upsert verdicts of one kind ("reference", "consensus", "classifier"),
        each a dict with at least "article_id"."""

    @abstractmethod
    def get_verdicts(self, article_id: str) -> list[dict[str, Any]]: ...

    @abstractmethod
    def verdicts_for(self, article_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The verdicts of several articles in one call (an incident page shows every
        report's), keyed by article id; articles without verdicts are left out."""

    @abstractmethod
    def iter_verdicts(self, kind: str | None = None) -> Iterator[dict[str, Any]]: ...

    @abstractmethod
    def update_incidents(self, incidents: list[dict[str, Any]], remove: Sequence[str] = ()) -> None:
        """Replace some incidents, atomically: every incident whose id is in ``remove``
        or among ``incidents`` goes, then ``incidents`` are written (a review edit
        recomputes the incidents it touched without re-linking the store)."""

    # -- review log (append-only; see corroborate.review) -----------------------
    @abstractmethod
    def append_review(self, entry: dict[str, Any], heads: dict[str, int]) -> dict[str, Any]:
        """Append one review entry and make it the head of every key in ``heads``, but
        only if each key's head is still the version given (0: no entry yet); otherwise
        nothing is written and E137 is raised.  Returns the entry with its "seq"."""

    @abstractmethod
    def review_heads(self, keys: Sequence[str]) -> dict[str, int]:
        """The latest entry's seq for each key that has one."""

    @abstractmethod
    def iter_review(self, after: int = 0) -> Iterator[dict[str, Any]]:
        """Every review entry with seq > ``after``, oldest first."""

    @abstractmethod
    def get_review(self, seq: int) -> dict[str, Any] | None: ...

    # -- pipeline jobs (the web app's background runs) -------------------------
    @abstractmethod
    def put_job(self, job: dict[str, Any]) -> None:
        """Insert or update a job's status (a dict with at least "id"; "created" and
        "finished_at" are epoch seconds).  Stored, not kept in a server process, so
        that every worker of a server can answer its status page."""

    @abstractmethod
    def get_job(self, job_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def unfinished_jobs(self) -> list[dict[str, Any]]:
        """Every job not marked finished (queued or running, in any process)."""

    @abstractmethod
    def prune_jobs(self, keep: int) -> int:
        """Forget finished jobs beyond the newest ``keep``; returns how many went."""

    # -- lifecycle --------------------------------------------------------------
    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
