"""The whole FA-KES CSV through ingest and the store (slow), and chunked, resumable ingest."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corroborate.ingest import ingest_into, read_inputs
from corroborate.store import open_store
from corroborate.store.sql import SQLStore

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.mark.slow
def test_ingest_fakes_whole_dataset(fakes_csv: Path, tmp_path: Path) -> None:
    with fakes_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bodies = {r["article_content"] for r in rows}
    batch = read_inputs([fakes_csv])
    assert batch.rejects == []
    assert batch.read == len(rows)
    # rows are keyed by position: unit_id repeats, so it is only metadata
    positions = sorted(p.row for a in batch.articles for p in a.provenance if p.row is not None)
    assert positions == list(range(len(rows)))
    # articles are distinct bodies: 789 of them, one appearing under two titles that
    # differ only by mis-encoded characters (deduplicated, both rows kept in provenance)
    assert len(batch.articles) == len(bodies) == 789
    first = batch.articles[0]
    assert first.id == "fa-kes-dataset-0"
    assert first.published == "2017-04-05"  # 4/5/2017 is month first
    assert set(first.provenance[0].metadata) == {"unit_id", "location", "labels"}
    assert first.outlet == rows[0]["source"]
    # texts repeated with different labels keep every label in provenance
    mixed = [a for a in batch.articles if len({p.metadata["labels"] for p in a.provenance}) > 1]
    assert mixed

    with open_store(str(tmp_path / "f.db")) as store:
        report = ingest_into(store, [fakes_csv])
        assert report.read == len(rows) and report.rejects == []
        assert len(report.added) == len(batch.articles)
        assert report.duplicates == len(rows) - len(batch.articles)
        assert isinstance(store, SQLStore)
        assert store.stats()["provenance"] == len(rows)
        again = ingest_into(store, [fakes_csv])
        assert again.added == [] and store.stats()["provenance"] == len(rows)
        stored = store.get_article(mixed[0].id)
        assert stored is not None
        assert sorted(p.metadata["labels"] for p in stored.provenance) == ["0", "1"]


def test_ingest_into_resumes_after_interruption(tmp_path: Path) -> None:
    url = str(tmp_path / "r.db")
    inputs = [DATA / "articles.csv", DATA / "records.jsonl", DATA / "rss-feed.xml"]
    with open_store(url) as store:
        calls = 0
        real_add = store.add_articles

        def failing_add(articles):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls == 2:
                raise KeyboardInterrupt
            return real_add(articles)

        store.add_articles = failing_add  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            ingest_into(store, inputs, chunk_size=2)
        assert store.count_articles() == 2  # the first chunk only, whole
    with open_store(url) as store:
        report = ingest_into(store, inputs, chunk_size=2)
        assert len(report.added) == 4 and report.duplicates == 2
        assert store.count_articles() == 6
        assert isinstance(store, SQLStore) and store.stats()["provenance"] == 6
