"""Stores: `open_store(url)` picks the backend from the URL."""

from __future__ import annotations

import re

from .base import (
    DEFAULT_SORT,
    INCIDENT_GRADES,
    INCIDENT_SORTS,
    AddResult,
    IdChange,
    IncidentQuery,
    Store,
)

__all__ = ["DEFAULT_SORT", "INCIDENT_GRADES", "INCIDENT_SORTS", "AddResult", "IdChange", "IncidentQuery", "Store",
           "open_store", "redact_url", "sqlite_path"]


def sqlite_path(url: str) -> str | None:
    """The file path a SQLite URL or bare path names; None when not SQLite or malformed.

    ``sqlite:///rel.db`` is relative and ``sqlite:////abs.db`` absolute, as in
    SQLAlchemy; ``sqlite://`` and ``:memory:`` are an in-memory database.  Other
    ``sqlite:`` spellings (``sqlite:/x.db``, ``sqlite:x.db``) are malformed: read
    loosely they once put a store at the filesystem root.
    """
    if url.startswith("sqlite:"):
        rest = url[len("sqlite:"):]
        if rest in ("", "//", "///:memory:"):
            return ":memory:"
        path = rest[3:] if rest.startswith("///") else ""
        if not path or path.endswith("/"):
            return None
        return path
    if "://" in url:
        return None
    return url


def redact_url(url: str) -> str:
    """A store URL fit for messages: its password replaced by ``***``."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.split(':', 1)[0]}:***@{host}"
        query = re.sub(r"(?i)(password=)[^&]*", r"\1***", parts.query)
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    except ValueError:
        return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and migrate) a store.

    ``sqlite:///path.db`` or a bare path -> SQLite; ``postgresql://...`` ->
    PostgreSQL (psycopg is imported lazily, with a clear E042 if missing).
    Anything else is E040.  With ``create`` false (the reading commands) a
    SQLite file that does not exist is E105 instead of a new empty store; a
    store is never created in a folder that does not exist.
    """
    from pathlib import Path

    from ..errors import error

    url = str(url)
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresStore

        return PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1))
    path = sqlite_path(url)
    if path is None or not url.strip():
        raise error("E040", f"{redact_url(url)!r}: use a file path, sqlite:///FILE or "
                    "postgresql://...", field="db")
    if path != ":memory:":
        file = Path(path).expanduser()
        if file.is_dir():
            raise error("E040", f"{url!r} is a folder, not a database file", field="db")
        if not file.exists():
            if not create:
                raise error("E105", f"{url!r}: no store there (check --db; `corroborate "
                            "ingest` or `analyze` creates one)", field="db")
            if not file.parent.is_dir():
                raise error("E105", f"{url!r}: folder {str(file.parent)!r} does not exist",
                            field="db")
    from .sqlite import SQLiteStore

    return SQLiteStore(path, url=url)
