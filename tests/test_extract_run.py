"""Runners: batch, store and dask.bag give the same extractions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.extract import extract
from corroborate.extract.run import extract_batch, extract_distributed, extract_store
from corroborate.models import Article
from corroborate.store import open_store


def hand_articles() -> list[Article]:
    return [
        Article(id="a", title="Market hit",
                text="Activists said 7 civilians were killed in an airstrike on Saraqib on "
                     "Monday. The air force denied it carried out the raid."),
        Article(id="b", text="Police said a car bomb killed 4 people in Mogadishu on 3 March "
                             "2018. Al-Shabaab claimed responsibility."),
        Article(id="c", text="Nothing happened here."),
        Article(id="d", text="“It was not a mistake,” the mayor said of the shelling that "
                             "wounded 12 people.", published="2020-01-02"),
    ]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[Article]:
    from corroborate.ingest import read_inputs

    return read_inputs([seeds_dir]).articles


def test_extract_run_batch_matches_extract_and_is_pure(seeds: list[Article]) -> None:
    arts = hand_articles() + seeds
    first = extract_batch(arts, Settings())
    assert [d["id"] for d in first] == [a.id for a in arts]
    assert first == [extract(a).to_dict() for a in arts]
    assert extract_batch(list(reversed(arts)), Settings()) == list(reversed(first))
    assert extract_batch([], Settings()) == []


@pytest.mark.parametrize(("partitions", "scheduler"), [
    (1, "synchronous"), (2, "threads"), (3, "synchronous"), (10, "threads"), (None, "processes"),
])
def test_extract_run_distributed_equals_local(seeds: list[Article], partitions: int | None,
                                      scheduler: str) -> None:
    arts = hand_articles() + seeds
    local = extract_batch(arts, Settings())
    assert extract_distributed(arts, Settings(), partitions=partitions, scheduler=scheduler) == local


def test_extract_run_distributed_empty() -> None:
    assert extract_distributed([], Settings(), partitions=2, scheduler="synchronous") == []


def test_extract_run_distributed_without_dask_is_e072(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(CorroborateError) as exc:
        extract_distributed(hand_articles(), Settings(), scheduler="synchronous")
    assert exc.value.code == "E072"


def _stored(tmp_path: Path, articles: list[Article]) -> Any:
    store = open_store(str(tmp_path / "x.db"))
    store.add_articles(articles)
    return store


def test_extract_run_store_equals_stateless(tmp_path: Path, seeds: list[Article]) -> None:
    arts = hand_articles() + seeds
    seen: list[int | None] = []

    def progress(items: Any, total: int | None) -> Any:
        seen.append(total)
        return items

    with _stored(tmp_path, arts) as store:
        assert extract_store(store, Settings(), progress=progress, chunk_size=2) == len(arts)
        stored = {d["id"]: d for d in store.iter_extractions()}
    assert seen == [len(arts)]
    assert stored == {d["id"]: d for d in extract_batch(arts, Settings())}


def test_extract_run_store_dask_engine_equals_local(tmp_path: Path) -> None:
    arts = hand_articles()
    with _stored(tmp_path, arts) as store:
        n = extract_store(store, Settings(), engine="dask", partitions=2, scheduler="synchronous")
        assert n == len(arts)
        assert sorted(store.iter_extractions(), key=lambda d: d["id"]) == extract_batch(arts, Settings())
