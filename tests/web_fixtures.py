"""Stores for the web tests: the bundled demo corpus analysed once per session.

Tests get a private copy of the database file, so writes in one test never
leak into another.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = REPO / "src" / "corroborate" / "data" / "sample_corpus" / "reports"
TOKEN = "test-token-0123456789"
DEIR_TASS = "deir-ez-zor-tass-2016-09-17"

XSS = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
#: a hostile report that still reads as an incident, so it is extracted and linked
EVIL_MD = f"""---
title: Shelling kills 7 in Aleppo {XSS} {XSS_IMG}
outlet: Evil {XSS_IMG} News {XSS}
published: 2016-10-02
id: evil-report
---
Artillery shelling killed 7 civilians in Aleppo on Sunday, {XSS} medics said. {XSS_IMG}
The shelling of the eastern districts wounded 12 people, according to the civil defence.
"""


def _analysed(folder: Path, name: str, inputs: list[Path]) -> Path:
    db = folder / name
    app = Corroborate(Settings(db=str(db)))
    analyze(app, inputs)
    app.store.put_verdicts("reference", [{
        "article_id": DEIR_TASS, "kind": "reference", "label": "consistent", "score": 0.8,
        "reasons": ["killed figure 62 matches the reference record"], "details": {}}])
    app.close()
    return db


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, analysed (never written to by tests: they copy it)."""
    return _analysed(tmp_path_factory.mktemp("web-demo"), "demo.db", [SAMPLE_REPORTS])


@pytest.fixture(scope="session")
def evil_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web-evil")
    evil = folder / "evil-report.md"
    evil.write_text(EVIL_MD, encoding="utf-8")
    return _analysed(folder, "evil.db", [SAMPLE_REPORTS, evil])


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db_template, copy)
    return copy


MakeClient = Callable[..., "object"]


@pytest.fixture
def make_client(demo_db: Path) -> Iterator[Callable[..., object]]:
    """``make_client(token=..., private=..., db=...)`` -> a TestClient over a fresh app."""
    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    made: list[tuple[TestClient, Corroborate]] = []

    def make(token: str | None = TOKEN, private: bool = False, db: Path | None = None,
             **settings: object) -> TestClient:
        app = Corroborate(Settings(db=str(db or demo_db), token=token, private=private,
                                   **settings))
        client = TestClient(create_app(app))
        client.__enter__()
        made.append((client, app))
        return client

    yield make
    for client, app in made:
        client.__exit__(None, None, None)
        app.close()
