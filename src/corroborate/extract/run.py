"""Runners for the extract stage: one batch, a whole store, or a dask cluster.

`extract_batch` is the stage contract: a pure function from a list of articles
to their extraction dicts (``docs/schema/extraction.schema.json``), with no
global state.  The other runners only decide *where* batches run:

* `extract_store` reads a store's articles in chunks and writes the results
  back with `Store.put_extractions`, one chunk per call;
* `extract_distributed` maps `extract_batch` unchanged over the partitions of a
  ``dask.bag`` -- on local processes by default, or on a cluster when a
  ``dask.distributed`` client is active or ``scheduler`` names one.

All three give the same dicts for the same articles (tests hold them to it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

from ..config import Settings
from ..errors import error
from ..iterutils import chunks
from ..models import Article

Engine = Literal["local", "dask"]
Progress = Callable[[Iterable[Article], int | None], Iterable[Article]]


#: articles per store read/write chunk: one `put_extractions` call each
CHUNK_SIZE = 200


def extract_batch(articles: Sequence[Article], settings: Settings) -> list[dict[str, Any]]:
    """Extraction dicts for ``articles``, in order.  Pure: the same batch gives the same output."""
    from . import default_pipeline, extract

    if not articles:
        return []
    pipe = default_pipeline(settings)
    return [extract(a, pipe).to_dict() for a in articles]


def iter_extract(articles: Iterable[Article], settings: Settings) -> Iterator[dict[str, Any]]:
    """Streaming form of `extract_batch`: one pipeline, one dict per article as it is done."""
    from . import default_pipeline, extract

    pipe = default_pipeline(settings)
    for a in articles:
        yield extract(a, pipe).to_dict()


def _partition(part: Iterable[Article], settings: Settings) -> list[dict[str, Any]]:
    # module-level so worker processes and cluster workers can unpickle it
    return extract_batch(list(part), settings)


def _dask_bag() -> Any:
    try:
        import dask.bag as db
    except ImportError as exc:
        raise error("E072", "the dask engine needs dask[bag]: pip install 'corroborate[distributed]'"
                    ) from exc
    return db


def _client(address: str) -> Any:
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise error("E072", f"a scheduler address ({address}) needs dask.distributed: "
                    "pip install 'dask[distributed]'") from exc
    return Client(address)


def extract_distributed(articles: Sequence[Article], settings: Settings,
                        partitions: int | None = None,
                        scheduler: str | None = None) -> list[dict[str, Any]]:
    """`extract_batch` mapped over a ``dask.bag`` of ``articles``; results in input order.

    ``partitions`` defaults to the number of CPUs (never more than articles).
    ``scheduler`` is a dask scheduler name (``"processes"``, ``"threads"``,
    ``"synchronous"``) or a ``tcp://host:8786`` address of a
    ``dask.distributed`` scheduler; without it dask uses the active
    distributed client if there is one, else local processes.
    """
    db = _dask_bag()
    articles = list(articles)
    if not articles:
        return []
    n = max(1, min(len(articles), partitions or os.cpu_count() or 1))
    bag = db.from_sequence(articles, npartitions=n).map_partitions(_partition, settings)
    if scheduler and "://" in scheduler:
        client = _client(scheduler)
        try:
            return list(client.compute(bag, sync=True))
        finally:
            client.close()
    return list(bag.compute(scheduler=scheduler) if scheduler else bag.compute())


def extract_store(store: Any, settings: Settings, progress: Progress | None = None,
                  *, engine: Engine = "local", partitions: int | None = None,
                  scheduler: str | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Extract every stored article and upsert the results; returns the number extracted.

    ``progress(articles, total)`` may wrap the article stream (a progress bar).
    Each chunk is written as soon as it is done, so an interrupted run keeps
    its finished chunks and a re-run overwrites them with identical dicts.
    """
    total = store.count_articles()
    articles: Iterable[Article] = store.iter_articles()
    if progress is not None:
        articles = progress(articles, total)
    done = 0
    if engine == "local":
        stream = iter_extract(articles, settings)
        for chunk in chunks(stream, chunk_size):
            store.put_extractions(chunk)
            done += len(chunk)
        return done
    for batch in chunks(articles, max(chunk_size, 50 * (partitions or os.cpu_count() or 1))):
        results = extract_distributed(batch, settings, partitions=partitions, scheduler=scheduler)
        store.put_extractions(results)
        done += len(results)
    return done


__all__ = ["CHUNK_SIZE", "Engine", "extract_batch", "extract_distributed", "extract_store",
           "iter_extract"]
