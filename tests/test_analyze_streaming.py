"""`analyze` streams the store (a chunk of articles, clusters, verdicts at a time) and
gives exactly what linking and judging everything held in memory gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import analyze as pipeline
from corroborate.analyze import (
    analyze,
    link_and_compare,
    sample_corpus_files,
    store_verdicts,
    stored_link_items,
)
from corroborate.app import Corroborate
from corroborate.compare import incidents_document
from corroborate.config import Settings
from corroborate.link import items_from_extractions
from corroborate.review.state import ReviewState


def _verdicts(app: Corroborate) -> str:
    rows = sorted(app.store.iter_verdicts(), key=lambda v: (v["article_id"], v["kind"]))
    return json.dumps(rows, sort_keys=True)


@pytest.fixture
def streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # batches far smaller than the corpus, so every chunk boundary is crossed many times
    monkeypatch.setattr(pipeline, "CHUNK", 7)
    monkeypatch.setattr(pipeline, "COMPARE_BATCH", 5)
    with Corroborate(Settings.load(db=str(tmp_path / "s.db"))) as app:
        # the chunk keyword's default is bound at definition: pass a small one through
        real = pipeline.store_verdicts_stored
        monkeypatch.setattr(pipeline, "store_verdicts_stored",
                            lambda store, incidents, *, settings: real(
                                store, incidents, settings=settings, chunk=11))
        result = analyze(app, sample_corpus_files())
        yield app, result


def test_analyze_streamed_demo_equals_linking_everything_in_memory(streamed) -> None:
    app, result = streamed
    assert result.extracted == result.articles > 20
    articles = {a.id: a for a in app.store.iter_articles()}
    extractions = {e["id"]: e for e in app.store.iter_extractions()}
    whole = link_and_compare(app, extractions, articles)
    assert len(whole) > pipeline.COMPARE_BATCH
    streamed_doc = json.dumps(incidents_document(result.incidents), ensure_ascii=False, indent=2)
    assert streamed_doc == json.dumps(incidents_document(whole), ensure_ascii=False, indent=2)


def test_analyze_streamed_verdicts_equal_judging_everything_at_once(streamed) -> None:
    app, result = streamed
    chunked = _verdicts(app)
    assert result.verdicts["classifier"] == result.articles
    articles = {a.id: a for a in app.store.iter_articles()}
    extractions = {e["id"]: e for e in app.store.iter_extractions()}
    # the in-memory judge overwrites every verdict the streamed run stored
    store_verdicts(app.store, result.incidents, articles, extractions, settings=app.settings)
    assert _verdicts(app) == chunked


def test_analyze_stored_link_items_keep_only_the_lead_the_linker_reads(streamed) -> None:
    app, _result = streamed
    cut = 200  # the demo's reports are short; the default lead would hold them whole
    articles = {a.id: a for a in app.store.iter_articles()}
    full = items_from_extractions(list(app.store.iter_extractions()), articles)
    lean = stored_link_items(app.store, ReviewState(), cut, page=4)
    assert [it.key for it in lean] == [it.key for it in full]
    assert any(len(it.text) > cut for it in full)
    for a, b in zip(lean, full, strict=True):
        assert a.text == b.text[:cut]
        assert (a.date, a.place_name, a.killed_min, a.actors) == (b.date, b.place_name,
                                                                   b.killed_min, b.actors)
