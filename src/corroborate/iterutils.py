"""Iteration helpers shared by the pipeline's streaming stages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), without reading ahead of
    the list being filled: a store cursor or a generator is consumed a chunk at a time.
    (``itertools.batched`` is Python 3.12; the project supports 3.11.)"""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
