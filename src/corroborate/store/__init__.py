"""Stores: `open_store(url)` picks the backend from the URL."""

from __future__ import annotations

from .base import AddResult, IncidentQuery, Store

__all__ = ["AddResult", "IncidentQuery", "Store", "open_store", "sqlite_path"]


def sqlite_path(url: str) -> str | None:
    """The file path a SQLite URL or bare path names; None when not SQLite.

    ``sqlite:///rel.db`` is relative and ``sqlite:////abs.db`` absolute, as in
    SQLAlchemy; ``sqlite://`` and ``:memory:`` are an in-memory database.
    """
    if url.startswith("sqlite:"):
        rest = url[len("sqlite:"):]
        if rest.startswith("///"):
            return rest[3:] or ":memory:"
        if rest in ("", "//"):
            return ":memory:"
        return rest.removeprefix("//")
    if "://" in url:
        return None
    return url


def open_store(url: str) -> Store:
    """Open (and migrate) a store.

    ``sqlite:///path.db`` or a bare path -> SQLite; ``postgresql://...`` ->
    PostgreSQL (psycopg is imported lazily, with a clear E042 if missing).
    Anything else is E040.
    """
    from ..errors import error

    url = str(url)
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresStore

        return PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1))
    path = sqlite_path(url)
    if path is None or not url.strip():
        raise error("E040", f"{url!r}: use a file path, sqlite:///FILE or postgresql://...",
                    field="db")
    from .sqlite import SQLiteStore

    return SQLiteStore(path, url=url)
