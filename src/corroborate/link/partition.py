"""Independent partitions of a linking batch: what the Dask engine links one by one.

Linking each partition on its own gives exactly the clusters of linking the whole
batch at once, because `Linker.pairs` only ever pairs two items of one partition:
it computes these partitions first and blocks inside each (place x date sorted
neighbourhood, text nearest neighbours).  Clustering only merges along scored
pairs, so no cluster crosses a partition either.

What puts two items in one partition:

* **Region.** An item with an admin-1 region is blocked under its region (country
  and admin-1: its `block_keys`); every item of one region is in one partition.
* **An item's text neighbours.** An item without a region (a country alone, or no
  place at all) cannot be blocked by place, and an item whose region was misread
  (a person's name read as a town of another state) is blocked under the wrong
  one; either must still meet the reports of its incident, which may name other
  regions.  The claim rules let such a pair join when one report names the
  other's place (`features.pair_vetoes`).  So every item joins the partitions of
  those of its ``text_k`` nearest neighbours (`neighbours`: the items of highest TF-IDF cosine, at least
  ``text_min_sim``, among those it could be one incident with: another article,
  anchor dates at most `span_days` apart or either undated, not two different
  countries) that could be the link joining two clusters: the pair scores at
  least ``threshold`` and no claim rule vetoes it (`Linker.partitions`).  Through
  it, two regions can share a partition.

A partition is a connected component of these two relations.  Why it does not
depend on the rest of the batch: a region is the item's own, and an item's
joining neighbours are in its own partition, and nearest neighbours over the
whole batch stay nearest neighbours over any subset that holds them (only
neighbours inside the subset can take the place of the others), so over that
partition alone, or any union of partitions, its joins are the same or within it.
A pair's score is a function of the two items alone: cosines use the fixed IDF
table (`corroborate.link.text`), never statistics of the batch, and every sum is
taken in an order that does not depend on the batch, so a score has the same bits
in any batch.

Scale: regions keep partitions apart; what joins them is reports whose
nearest neighbours lie in several regions.  A corpus where most reports name a
region splits into about one partition per region; one where few do may hold a
partition as big as the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..config import LinkSettings, Settings
from ..unionfind import find
from .features import _norm, _Prepared
from .items import LinkItem

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: items matched against candidates this many at a time (bounds memory)
QUERY_CHUNK = 512
CANDIDATE_CHUNK = 4096


def block_keys(item: LinkItem) -> frozenset[str]:
    """The keys ``item`` is blocked under: ``region:<country>/<admin-1>`` (lower-cased)
    for an item with an admin-1 region; items sharing a key are always in one
    partition.  An item without a region has no key: it joins the partitions of its
    nearest text neighbours (`neighbours`), in any region of its own country (when it
    names one) or, with no country, anywhere."""
    admin1 = _norm(item.admin1)
    if not admin1:
        return frozenset()
    return frozenset({f"region:{_norm(item.country)}/{admin1}"})


def span_days(cfg: LinkSettings) -> float:
    """How far apart two anchor dates may lie for the items to meet in any block."""
    return float(max(cfg.date_window_days, cfg.published_window_days))


def neighbours(prep: _Prepared, cfg: LinkSettings) -> np.ndarray:
    """Per item of a prepared batch, the (up to) ``text_k`` items it may be joined to,
    best first; -1 pads.

    An item's neighbours are the items of highest TF-IDF cosine, at least
    ``text_min_sim``, among those it could be one incident with: another article,
    anchor dates at most `span_days` apart (or either undated), and not two different
    countries.  Ties go to the lower index (the first in key order)."""
    n = prep.n
    k = max(1, cfg.text_k)
    out = np.full((n, k), -1, dtype=np.int64)
    # every item, not only the regionless: a report whose region was misread joins
    # its incident's partition through a pair the claim rules let join
    loose = np.arange(n)
    if n < 2:
        return out
    span = span_days(cfg)
    articles = np.unique(np.asarray(prep.articles, dtype=object), return_inverse=True)[1]
    anchor = prep.anchor
    undated = np.flatnonzero(np.isnan(anchor))
    dated = np.flatnonzero(~np.isnan(anchor))
    dated = dated[np.argsort(anchor[dated], kind="stable")]
    days = anchor[dated]
    q_dated = loose[~np.isnan(anchor[loose])]
    q_dated = q_dated[np.argsort(anchor[q_dated], kind="stable")]
    q_undated = loose[np.isnan(anchor[loose])]
    for s in range(0, len(q_dated), QUERY_CHUNK):
        q = q_dated[s:s + QUERY_CHUNK]
        lo = np.searchsorted(days, anchor[q[0]] - span, side="left")
        hi = np.searchsorted(days, anchor[q[-1]] + span, side="right")
        cand = np.sort(np.concatenate([dated[lo:hi], undated]))
        out[q] = _top(q, cand, prep, articles, cfg.text_min_sim, span, k)
    everything = np.arange(n)
    for s in range(0, len(q_undated), QUERY_CHUNK):
        q = q_undated[s:s + QUERY_CHUNK]
        out[q] = _top(q, everything, prep, articles, cfg.text_min_sim, span, k)
    return out


def _top(q: np.ndarray, cand: np.ndarray, prep: _Prepared, articles: np.ndarray,
         min_sim: float, span: float, k: int) -> np.ndarray:
    """For each query, its ``k`` compatible candidates of highest cosine (ties: lower
    index first), -1 where fewer reach ``min_sim``."""
    X: csr_matrix = prep.X
    best_s = np.full((len(q), k), -1.0)
    best_j = np.full((len(q), k), -1, dtype=np.int64)
    for s in range(0, len(cand), CANDIDATE_CHUNK):
        c = cand[s:s + CANDIDATE_CHUNK]
        # each cosine is summed over the two rows' shared columns in column order,
        # so it has the same bits whatever else is in the batch
        S = (X[q] @ X[c].T).toarray().astype(np.float64)
        ok = articles[q][:, None] != articles[c][None, :]
        cq, cc = prep.country[q][:, None], prep.country[c][None, :]
        ok &= (cq == 0) | (cc == 0) | (cq == cc)
        with np.errstate(invalid="ignore"):
            gap = np.abs(prep.anchor[q][:, None] - prep.anchor[c][None, :])
        ok &= ~(gap > span)  # NaN (either side undated) compares False: compatible
        ok &= min_sim <= S
        S = np.hstack([best_s, np.where(ok, S, -1.0)])
        J = np.hstack([best_j, np.where(ok, np.broadcast_to(c, ok.shape), -1)])
        # best first; among equal cosines the lower index (-1 padding sorts last: s = -1)
        order = np.lexsort((np.where(J < 0, np.iinfo(np.int64).max, J), -S), axis=1)[:, :k]
        best_s = np.take_along_axis(S, order, axis=1)
        best_j = np.take_along_axis(J, order, axis=1)
    return np.where(best_s >= 0, best_j, -1)


def components(prep: _Prepared, cfg: LinkSettings,
               joins: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> list[np.ndarray]:
    """The partitions of a prepared batch, as sorted index arrays ordered by their first
    index.  ``joins(i, j)`` says which of an item ``i``'s `neighbours` ``j``
    join its partition (`Linker` passes: the pair can be the link that joins two
    clusters)."""
    n = prep.n
    root = list(range(n))

    def union(a: int, b: int) -> None:
        ra, rb = find(root, a), find(root, b)
        if ra != rb:
            root[max(ra, rb)] = min(ra, rb)

    first: dict[tuple[int, int], int] = {}
    country, admin1 = prep.country.tolist(), prep.admin1.tolist()
    for i in range(n):
        if admin1[i]:
            union(first.setdefault((country[i], admin1[i]), i), i)
    nb = neighbours(prep, cfg)
    qi, col = np.nonzero(nb >= 0)
    qj = nb[qi, col]
    if len(qi):
        keep = joins(qi.astype(np.int64), qj)
        for a, b in zip(qi[keep].tolist(), qj[keep].tolist(), strict=True):
            union(a, b)
    labels = np.array([find(root, x) for x in range(n)], dtype=np.int64)
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    # each label is its component's smallest index, so this sorts them by first index
    return list(np.split(order, cuts)) if n else []


def partition_items(items: Sequence[LinkItem], settings: Settings) -> list[list[int]]:
    """Groups of indices into ``items`` that no candidate pair of `Linker` crosses
    (the connected components described in the module docstring):
    linking each group on its own gives the clusters of linking ``items`` at once.

    Deterministic: each group sorted, groups ordered by their first index, and the
    same reports give the same groups whatever order they come in."""
    from .linker import Linker

    items = list(items)
    if not items:
        return []
    order = sorted(range(len(items)), key=lambda k: (items[k].key, k))
    comps = Linker(settings).partitions([items[k] for k in order])
    groups = [sorted(order[i] for i in comp.tolist()) for comp in comps]
    return sorted(groups, key=lambda g: g[0])


__all__ = ["neighbours", "block_keys", "components", "partition_items", "span_days"]
