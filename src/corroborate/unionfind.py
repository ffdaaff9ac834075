"""Disjoint sets as a parent table: the one `find` that linking, partitioning and
origin grouping share.

Callers keep the parent table themselves (a list over item indices, or a dict
over the items seen so far) because each decides differently which root survives
a union: the linker keeps the cluster that absorbed the other, partitions and
origins keep the smallest index so that results do not depend on edge order.
"""

from __future__ import annotations

from collections.abc import MutableMapping, MutableSequence


def find(parent: MutableSequence[int] | MutableMapping[int, int], x: int) -> int:
    """The root of ``x`` in ``parent``, halving the path on the way (each node
    visited points to its grandparent afterwards). In a dict, an ``x`` not yet seen
    becomes its own root."""
    # the type first: an ABC `isinstance` costs microseconds, and this runs once per
    # pair and merge (a million times for 100k reports)
    kind = type(parent)
    if kind is dict or (kind is not list and isinstance(parent, MutableMapping)):
        parent.setdefault(x, x)  # type: ignore[union-attr]
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
