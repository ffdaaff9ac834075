"""Stores: `open_store(url)` picks the backend from the URL."""

from __future__ import annotations

from .base import AddResult, IncidentQuery, Store

__all__ = ["AddResult", "IncidentQuery", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open (and migrate) a store.

    ``sqlite:///path.db`` or a bare path -> SQLite; ``postgresql://...`` ->
    PostgreSQL (psycopg is imported lazily, with a clear E042 if missing).
    """
    raise NotImplementedError("store backends land with the foundation issue")
