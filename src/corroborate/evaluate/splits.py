"""Fixed two-way splits of every dev set, by incident.

Rules and models are tuned on the ``tune`` half and reported on the ``test``
half, which nobody looks at while tuning.  The half of a key is a hash of the
seed and the key, so it does not depend on the order or the number of rows
read, and the reports of one incident always fall in the same half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

T = TypeVar("T")

Half = Literal["tune", "test"]
HALVES: tuple[Half, Half] = ("tune", "test")

#: changing the seed reshuffles every split: do not, or every reported figure moves
SEED = "corroborate-dev-split-1"


def half_of(key: str, seed: str = SEED) -> Half:
    """The half an incident key falls in."""
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "test"


def split(items: Iterable[T], key: Callable[[T], str], seed: str = SEED) -> dict[Half, list[T]]:
    """Items grouped by the half of their incident key, in their input order."""
    out: dict[Half, list[T]] = {"tune": [], "test": []}
    for item in items:
        out[half_of(key(item), seed)].append(item)
    return out


def select(items: Iterable[T], key: Callable[[T], str], which: Half | Literal["all"],
           seed: str = SEED) -> list[T]:
    """The items of one half (or all of them)."""
    if which == "all":
        return list(items)
    if which not in HALVES:
        raise ValueError(f"unknown half {which!r}: expected tune, test or all")
    return [item for item in items if half_of(key(item), seed) == which]
