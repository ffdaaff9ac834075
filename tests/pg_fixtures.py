"""PostgreSQL for tests: CI's server (``CORROBORATE_TEST_PG_URL``) or a throwaway one.

Under ``CI=true`` a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from pgtemp import postgres_url, server_bindir


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not os.environ.get("CORROBORATE_TEST_PG_URL") and server_bindir() is None:
        msg = "no PostgreSQL: set CORROBORATE_TEST_PG_URL or install the postgresql package"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    with postgres_url() as url:
        yield url


def _with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-c%20search_path%3D{schema}"


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """A fresh, empty schema on the server for one test."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _with_schema(pg_url, schema)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
