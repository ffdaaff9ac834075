"""The Dask engine: `analyze` with every stage on a Dask cluster.

``corroborate analyze --engine dask`` runs the stages of `corroborate.analyze` as
Dask tasks and gives the same store and the same incidents JSON, byte for byte:

* **ingest**: the input files are read in partitions (`ingest.read_source`, one task
  per group of files, in input order); one writer adds their articles to the store
  in that order, so ids, duplicates and provenance are those of a local run;
* **extract**: the articles without an extraction are extracted in chunks
  (`extract.run.extract_batch`).  With SQLite the driver reads each chunk from the
  store and writes its results (one writer); with PostgreSQL each task reads its
  articles and writes its extractions itself;
* **link**: the link items are cut into independent partitions
  (`link.partition.partition_items`), and each task links some of them on its own;
  the clusters are those of linking everything at once;
* **compare**: the clusters are compared in batches (`compare.compare_incidents`);
  the driver stamps the reviewers' placements, keeps incident ids stable and stores
  the incidents.  Credibility verdicts are then computed as in a local run.

Where tasks run: ``scheduler`` is ``processes``, ``threads`` or ``synchronous``
(dask's local schedulers), or the address of a ``dask.distributed`` scheduler
(``tcp://host:8786``).  Without one, an active ``dask.distributed`` client is used
if there is one, else local processes.  Dask is imported only here, only when the
engine is asked for (E072 when it is not installed).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import error

if TYPE_CHECKING:
    from .config import Settings
    from .link import LinkItem
    from .models import Article

T = TypeVar("T")
R = TypeVar("R")

#: dask's own schedulers; anything else must be a distributed scheduler's address
LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")

#: seconds to wait for a distributed scheduler to answer
CONNECT_TIMEOUT_S = 10

#: articles per extraction task
EXTRACT_CHUNK = 200


class DaskRunner:
    """Runs tasks on dask: a local scheduler, or a ``dask.distributed`` client.

    ``map`` keeps at most ``window`` tasks in flight and yields their results in task
    order, so a caller can write them to the store as they come without holding
    every task's input at once.
    """

    def __init__(self, scheduler: str | None = None, partitions: int | None = None) -> None:
        if scheduler is not None and scheduler not in LOCAL_SCHEDULERS and "://" not in scheduler:
            raise error("E201", f"unknown dask scheduler {scheduler!r}: use "
                        f"{', '.join(LOCAL_SCHEDULERS)} or a scheduler address such as "
                        "tcp://HOST:8786", field="scheduler")
        if partitions is not None and partitions < 1:
            raise error("E202", f"--partitions must be at least 1, not {partitions}",
                        field="partitions")
        self.scheduler = scheduler
        self.client: Any = None
        self._own_client = False
        _import("dask.bag", "dask[bag]")
        if scheduler is not None and "://" in scheduler:
            self.client = _connect(scheduler)
            self._own_client = True
        elif scheduler is None:
            self.client = _active_client()
        self.partitions = partitions or self._workers()

    def _workers(self) -> int:
        if self.client is not None:
            workers = self.client.scheduler_info().get("workers") or {}
            threads = sum(int(w.get("nthreads") or 1) for w in workers.values())
            return max(1, threads)
        return max(1, os.cpu_count() or 1)

    @property
    def where(self) -> str:
        """Where tasks run, for messages: the scheduler's address or name."""
        if self.client is not None:
            return str(self.client.scheduler.address)
        return self.scheduler or "processes"

    def map(self, fn: Callable[..., R], tasks: Iterable[Any], **kwargs: Any) -> Iterator[R]:
        """``fn(task, **kwargs)`` for each task, results in task order."""
        window = max(2, 2 * self.partitions)
        it = iter(tasks)
        if self.client is not None:
            from collections import deque

            pending: deque[Any] = deque()
            for task in itertools.islice(it, window):
                pending.append(self.client.submit(fn, task, pure=False, **kwargs))
            while pending:
                future = pending.popleft()
                result = future.result()
                future.release()
                for task in itertools.islice(it, 1):
                    pending.append(self.client.submit(fn, task, pure=False, **kwargs))
                yield result
            return
        import dask.bag as db

        while batch := list(itertools.islice(it, window)):
            bag = db.from_sequence(batch, npartitions=len(batch)).map(fn, **kwargs)
            yield from bag.compute(scheduler=self.scheduler or "processes")

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
        self.client = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _import(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise error("E072", f"the dask engine needs {extra}: "
                    "pip install 'corroborate[distributed]'") from exc


def _connect(address: str) -> Any:
    distributed = _import("distributed", "dask.distributed")
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise error("E200", f"cannot reach the dask scheduler at {address}: {exc}",
                    field="scheduler") from None


def _active_client() -> Any:
    try:
        from distributed import default_client
    except ImportError:
        return None
    try:
        return default_client()
    except ValueError:  # no client has been started in this process
        return None


def split_even(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` cut into at most ``parts`` runs of consecutive items, in order."""
    if not items:
        return []
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out: list[list[T]] = []
    start = 0
    for k in range(parts):
        stop = start + size + (1 if k < extra else 0)
        out.append(list(items[start:stop]))
        start = stop
    return out


def bundle(groups: Sequence[Sequence[int]], parts: int) -> list[list[int]]:
    """Indices of ``groups`` packed into at most ``parts`` bundles of about equal total
    size (largest first, each into the lightest bundle; ties: the lower bundle)."""
    if not groups:
        return []
    parts = max(1, min(parts, len(groups)))
    load = [0] * parts
    out: list[list[int]] = [[] for _ in range(parts)]
    for g in sorted(range(len(groups)), key=lambda g: (-len(groups[g]), g)):
        k = min(range(parts), key=lambda b: (load[b], b))
        out[k].append(g)
        load[k] += len(groups[g])
    return [sorted(b) for b in out if b]


# --- tasks (module-level functions, so workers can unpickle them) -----------------

def _read_files(files: list[tuple[Path, bool]], *, mapping: dict[str, str] | None,
                max_bytes: int | None, fetch: Any) -> list[Any]:
    from .ingest.reader import DEFAULT_MAX_ARTICLE_BYTES, read_source

    out: list[Any] = []
    for path, explicit in files:
        out += read_source(path, explicit, mapping=mapping, fetch=fetch,
                           max_bytes=max_bytes or DEFAULT_MAX_ARTICLE_BYTES)
    return out


def _extract_articles(articles: list[Article], *, settings: Settings) -> list[dict[str, Any]]:
    from .extract.run import extract_batch

    return extract_batch(articles, settings)


def _extract_in_store(ids: list[str], *, settings: Settings) -> int:
    # PostgreSQL: each task reads its articles and writes its extractions itself
    from .extract.run import extract_batch
    from .store import open_store

    store = open_store(settings.db, create=False)
    try:
        results = extract_batch(list(store.iter_articles(ids)), settings)
        store.put_extractions(results)
    finally:
        store.close()
    return len(results)


def _link_partitions(task: tuple[list[list[int]], list[LinkItem]], *, settings: Settings
                     ) -> list[tuple[list[list[int]], list[dict[str, Any]]]]:
    """Link each partition of a task on its own: per partition, its clusters (as
    indices into the partition) and the reasons of its merges."""
    from .link import Linker

    parts, items = task
    # the task's items are its partitions' items, one partition after the other
    local: list[list[int]] = []
    start = 0
    for part in parts:
        local.append(list(range(start, start + len(part))))
        start += len(part)
    return Linker(settings).link_partitions(items, local, explain=True)


def _compare_clusters(task: tuple[list[list[int]], list[LinkItem], dict[str, Any],
                                  dict[str, Any], list[list[dict[str, Any]]]]
                      ) -> list[list[dict[str, Any]]]:
    from .compare import compare_incidents

    clusters, items, exs, arts, links = task
    return [compare_incidents([c], items, exs, arts, links=[why])
            for c, why in zip(clusters, links, strict=True)]


# --- the stages -------------------------------------------------------------------

def ingest_dask(runner: DaskRunner, store: Any, paths: Sequence[str | Path], *,
                mapping: dict[str, str] | None, fetch: Any,
                wrap: Callable[[Iterator[Any]], Iterable[Any]] | None = None) -> Any:
    """`ingest.ingest_into` with the files read on dask: the same report and store."""
    import sys

    from .ingest.reader import check_mapping, iter_inputs, iter_sources, store_items

    if mapping:
        check_mapping(mapping)
    sources = list(iter_sources(paths))

    def stream() -> Iterator[Any]:
        # runs of files go to dask; stdin and folder errors stay here, in their place
        run: list[tuple[Path, bool]] = []

        def flush() -> Iterator[Any]:
            tasks = split_even(run, runner.partitions)
            for items in runner.map(_read_files, tasks, mapping=mapping, max_bytes=None,
                                    fetch=fetch):
                yield from items
            run.clear()

        for source in sources:
            if isinstance(source, tuple):
                run.append(source)
                continue
            yield from flush()
            if isinstance(source, str):
                yield from iter_inputs([source], mapping=mapping, stdin=sys.stdin, fetch=fetch)
            else:
                yield source
        yield from flush()

    items: Iterable[Any] = stream()
    if wrap is not None:
        items = wrap(iter(items))
    return store_items(store, items)


def extract_dask(runner: DaskRunner, store: Any, ids: Sequence[str], settings: Settings,
                 wrap: Callable[[Iterable[Any], int | None, str], Iterable[Any]]) -> int:
    """Extract the stored articles ``ids`` on dask; returns how many were extracted."""
    chunks = [list(ids[k:k + EXTRACT_CHUNK]) for k in range(0, len(ids), EXTRACT_CHUNK)]
    done = 0
    if store.concurrent_writers:
        for n in wrap(runner.map(_extract_in_store, chunks, settings=settings), len(chunks),
                      "extract"):
            done += n
        return done

    def tasks() -> Iterator[list[Article]]:
        for chunk in chunks:
            yield list(store.iter_articles(chunk))

    for results in wrap(runner.map(_extract_articles, tasks(), settings=settings),
                        len(chunks), "extract"):
        store.put_extractions(results)
        done += len(results)
    return done


def link_dask(runner: DaskRunner, items: Sequence[LinkItem], settings: Settings,
              parts: Sequence[Sequence[int]] | None = None
              ) -> tuple[list[list[int]], list[dict[str, Any]]]:
    """`Linker.link(items, explain=True)` on dask, partition by partition: the clusters
    (indices into ``items``, as `Linker.link` orders them) and the merges' reasons.
    ``parts``: the partitions to link each alone, when the caller has them (else
    `partition_items` of ``items``)."""
    from .link.partition import partition_items

    if parts is None:
        parts = partition_items(items, settings)
    bundles = bundle(parts, runner.partitions)
    tasks = [([parts[p] for p in b], [items[i] for p in b for i in parts[p]]) for b in bundles]
    clusters: list[list[int]] = []
    reasons: list[dict[str, Any]] = []
    for b, results in zip(bundles, runner.map(_link_partitions, tasks, settings=settings),
                          strict=True):
        for p, (local, why) in zip(b, results, strict=True):
            clusters += [[parts[p][i] for i in c] for c in local]
            reasons += why
    clusters = sorted((sorted(c) for c in clusters), key=lambda c: c[0])
    return clusters, reasons


def compare_dask(runner: DaskRunner, jobs: Iterable[tuple[list[list[int]], Sequence[LinkItem],
                                                          dict[str, Any], dict[str, Any],
                                                          list[list[dict[str, Any]]]]]
                 ) -> Iterator[list[dict[str, Any]]]:
    """Per cluster of each job (clusters, items, extractions, articles, links), its
    incidents, in order; each job ships only the items and texts its clusters need."""

    def tasks() -> Iterator[tuple[Any, ...]]:
        for clusters, items, exs, arts, links in jobs:
            used = sorted({i for c in clusters for i in c})
            local = {i: k for k, i in enumerate(used)}
            ids = {items[i].article_id for i in used}
            yield ([[local[i] for i in c] for c in clusters], [items[i] for i in used],
                   {k: v for k, v in exs.items() if k in ids},
                   {k: v for k, v in arts.items() if k in ids}, links)

    for results in runner.map(_compare_clusters, tasks()):
        yield from results


__all__ = ["LOCAL_SCHEDULERS", "DaskRunner", "bundle", "compare_dask",
           "extract_dask", "ingest_dask", "link_dask", "split_even"]
