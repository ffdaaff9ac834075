"""Independent partitions of a linking batch: what the Dask engine links one by one.

Linking each partition on its own gives exactly the clusters of linking the whole
batch at once, because `Linker.pairs` only ever pairs two items of one partition:
it computes these partitions first and blocks inside each (place x date sorted
neighbourhood, text nearest neighbours).  Clustering only merges along scored
pairs, so no cluster crosses a partition either.

A partition is a connected component of the pairs that could make a merge: among
two kinds of candidate pair, those that score at least ``threshold`` (the pair
model) and that no claim rule vetoes (`Linker.partitions`):

* **Place and date.** Over the whole batch, the items of one admin-1 region (else
  one country) sorted by anchor date, each paired with the next
  ``max_block_neighbours`` of them however far apart (`Linker._place_order_pairs`:
  a superset of the linker's place x date block; a sparse region's next report
  may be months later and still be the same incident, read with a loose date).
* **Text neighbours.** Each item's ``text_k`` nearest neighbours (`neighbours`: the
  items of highest TF-IDF cosine, at least ``text_min_sim``, among those it could
  be one incident with: another article, anchor dates at most `span_days` apart or
  either undated), over the whole batch and, for an item with a region, over its
  region.  This is how a report without a region, or with a misread one (another
  region, another country), meets the reports of its incident (the claim rules let
  such a pair join when one report names the other's place,
  `features.pair_vetoes`); the search does not filter on country, because a
  report's country is read from its places and can be misread as well.

Why a partition does not depend on the rest of the batch: both kinds of candidate
only gain pairs when the batch shrinks.  Nearest neighbours over the whole batch
stay nearest neighbours over any subset that holds them (only items of the subset
can take the place of the others), and two items paired by region and date order
stay paired in a subset (fewer items lie between them).  A pair's score is a
function of the two items alone: cosines use the fixed IDF table
(`corroborate.link.text`), never statistics of the batch, and every sum is taken in
an order that does not depend on the batch, so a score has the same bits in any
batch.  So over one partition alone its joining pairs are all still there (and any
new pair lies inside it): it is one partition again.  (A union of two partitions
is not always two partitions again: a pair the whole batch pushed out of each
other's candidates may join them.  Each partition is linked on its own.)

Scale: a partition is the reports of one incident and whatever they could be
linked with.  On FA-KES the largest holds 126 of 804 reports; a corpus where many
reports of different incidents look alike and lie close in time (the synthetic
corpora of the benchmarks reuse a few thousand texts for 100,000 reports) can
still hold most of itself in one partition (docs/scale.md gives the figures).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..config import LinkSettings, Settings
from .features import _Prepared
from .items import LinkItem

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: items matched against candidates this many at a time (bounds memory)
QUERY_CHUNK = 512
CANDIDATE_CHUNK = 4096


def span_days(cfg: LinkSettings) -> float:
    """How far apart two anchor dates may lie for the items to meet in any block."""
    return float(max(cfg.date_window_days, cfg.published_window_days))


def neighbours(prep: _Prepared, cfg: LinkSettings, *, same_region: bool = False) -> np.ndarray:
    """Per item of a prepared batch, the (up to) ``text_k`` items it may be joined to,
    best first; -1 pads.

    An item's neighbours are the items of highest TF-IDF cosine, at least
    ``text_min_sim``, among those it could be one incident with: another article, and
    anchor dates at most `span_days` apart (or either undated).  With
    ``same_region``, only items with an admin-1 region get neighbours, among the
    items of that same region (country and admin-1).  Ties go to the lower index
    (the first in key order)."""
    return _all_neighbours(prep, cfg)[1 if same_region else 0]


def _all_neighbours(prep: _Prepared, cfg: LinkSettings) -> tuple[np.ndarray, np.ndarray]:
    """`neighbours` over the batch and over each item's region, from one search: an
    item's candidates in its region are among its candidates in the batch (the same
    date window), so each cosine is computed once and both selections read it."""
    n = prep.n
    k = max(1, cfg.text_k)
    out = np.full((n, k), -1, dtype=np.int64)
    out_region = np.full((n, k), -1, dtype=np.int64)
    if n < 2:
        return out, out_region
    articles = np.unique(np.asarray(prep.articles, dtype=object), return_inverse=True)[1]
    # every item, not only the regionless, gets neighbours over the batch: a report
    # whose region was misread joins its incident's partition through a pair the
    # claim rules let join.  A region is its country and admin-1 as one code; an item
    # without an admin-1 has none (-1) and no neighbours in a region
    region = np.where(prep.admin1 > 0,
                      prep.country * np.int64(int(prep.admin1.max()) + 1) + prep.admin1, -1)
    everything = np.arange(n)
    span = span_days(cfg)
    anchor = prep.anchor
    undated = everything[np.isnan(anchor)]
    dated = everything[~np.isnan(anchor)]
    dated = dated[np.argsort(anchor[dated], kind="stable")]
    days = anchor[dated]
    for s in range(0, len(dated), QUERY_CHUNK):
        q = dated[s:s + QUERY_CHUNK]
        lo = np.searchsorted(days, anchor[q[0]] - span, side="left")
        hi = np.searchsorted(days, anchor[q[-1]] + span, side="right")
        cand = np.sort(np.concatenate([dated[lo:hi], undated]))
        out[q], out_region[q] = _top(q, cand, prep, articles, region, cfg.text_min_sim, span, k)
    for s in range(0, len(undated), QUERY_CHUNK):
        q = undated[s:s + QUERY_CHUNK]
        out[q], out_region[q] = _top(q, everything, prep, articles, region, cfg.text_min_sim,
                                     span, k)
    return out, out_region


def _top(q: np.ndarray, cand: np.ndarray, prep: _Prepared, articles: np.ndarray,
         region: np.ndarray, min_sim: float, span: float, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each query, its ``k`` compatible candidates of highest cosine (ties: lower
    index first), -1 where fewer reach ``min_sim``: among all candidates, and among
    those of the query's own region."""
    X: csr_matrix = prep.X
    best = [(np.full((len(q), k), -1.0), np.full((len(q), k), -1, dtype=np.int64))
            for _ in range(2)]
    same = region[q][:, None]
    for s in range(0, len(cand), CANDIDATE_CHUNK):
        c = cand[s:s + CANDIDATE_CHUNK]
        # each cosine is summed over the two rows' shared columns in column order,
        # so it has the same bits whatever else is in the batch
        S = (X[q] @ X[c].T).toarray().astype(np.float64)
        ok = articles[q][:, None] != articles[c][None, :]
        with np.errstate(invalid="ignore"):
            gap = np.abs(prep.anchor[q][:, None] - prep.anchor[c][None, :])
        ok &= ~(gap > span)  # NaN (either side undated) compares False: compatible
        ok &= min_sim <= S
        in_region = ok & (same >= 0) & (same == region[c][None, :])
        best = [_keep_best(*best[0], S, ok, c, k), _keep_best(*best[1], S, in_region, c, k)]
    return tuple(np.where(bs >= 0, bj, -1) for bs, bj in best)  # type: ignore[return-value]


def _keep_best(best_s: np.ndarray, best_j: np.ndarray, S: np.ndarray, ok: np.ndarray,
               c: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best of each row's kept entries and its ``ok`` candidates ``c`` (sorted
    indices; cosines ``S``): highest cosine first, among equal cosines the lower index;
    (-1.0, -1) pads.

    The chunk's own k best are found by k passes of a row-wise maximum (the first of
    equal maxima is the lower index, as ``c`` is sorted), then merged with the kept
    ones: sorting every row's thousands of candidates was most of the search's time."""
    rows_n = len(best_s)
    rows = np.arange(rows_n)
    M = np.where(ok, S, -1.0)
    top_s = np.full((rows_n, k), -1.0)
    top_j = np.full((rows_n, k), -1, dtype=np.int64)
    for r in range(min(k, M.shape[1])):
        at = M.argmax(axis=1)
        got = M[rows, at]
        if not (got >= 0).any():
            break
        top_s[:, r] = np.where(got >= 0, got, -1.0)
        top_j[:, r] = np.where(got >= 0, c[at], -1)
        M[rows, at] = -2.0  # below every entry: the next pass finds the next best
    allS = np.hstack([best_s, top_s])
    allJ = np.hstack([best_j, top_j])
    # -1 padding (never kept, cosine -1) sorts after every kept candidate
    order = np.lexsort((np.where(allJ < 0, np.iinfo(np.int64).max, allJ), -allS), axis=1)[:, :k]
    return np.take_along_axis(allS, order, axis=1), np.take_along_axis(allJ, order, axis=1)


def _neighbour_pairs(prep: _Prepared, cfg: LinkSettings) -> tuple[np.ndarray, np.ndarray]:
    """Each item's `neighbours` over the batch and, for an item with a region, over its
    region (those the linker's text block meets inside a region), as ``(i, j)`` arrays,
    each unordered pair once."""
    n64 = np.int64(max(prep.n, 1))
    codes = []
    for nb in _all_neighbours(prep, cfg):
        qi, col = np.nonzero(nb >= 0)
        qj = nb[qi, col]
        codes.append(np.minimum(qi, qj).astype(np.int64) * n64 + np.maximum(qi, qj))
    both = np.unique(np.concatenate(codes))
    return both // n64, both % n64


def components(prep: _Prepared, cfg: LinkSettings,
               joins: Callable[[np.ndarray, np.ndarray], np.ndarray],
               place_pairs: tuple[np.ndarray, np.ndarray] | None = None) -> list[np.ndarray]:
    """The partitions of a prepared batch, as sorted index arrays ordered by their first
    index: the connected components of the candidate pairs that ``joins`` keeps.

    The candidates are each item's `neighbours` and ``place_pairs`` (``(i, j)`` index
    arrays: `Linker` passes each item and the next reports of its region by date).
    ``joins(i, j)`` says which candidate pairs join a partition (`Linker` passes: the
    pair can be the link that joins two clusters)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = prep.n
    qi, qj = _neighbour_pairs(prep, cfg)
    if place_pairs is not None and len(place_pairs[0]):
        # a place pair that is also a text neighbour pair is asked about once
        n64 = np.int64(max(n, 1))
        seen = qi * n64 + qj
        pi, pj = place_pairs
        new = ~np.isin(pi.astype(np.int64) * n64 + pj, seen)
        qi = np.concatenate([qi.astype(np.int64), pi[new].astype(np.int64)])
        qj = np.concatenate([qj.astype(np.int64), pj[new].astype(np.int64)])
    if not n:
        return []
    keep = joins(qi.astype(np.int64), qj.astype(np.int64)) if len(qi) else np.zeros(0, bool)
    graph = coo_matrix((np.ones(int(keep.sum()), dtype=np.int8), (qi[keep], qj[keep])),
                       shape=(n, n))
    k, labels = connected_components(graph, directed=False)
    # each component labelled by its smallest index, so sorting by label orders them
    # by first index
    first = np.full(k, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    labels = first[labels]
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    return list(np.split(order, cuts))


def prepare_items(items: Sequence[LinkItem], settings: Settings) -> _Prepared:
    """The linker's arrays of ``items``, in their order, read from the leads once:
    `partition_items` and `Linker.link_partitions` take them (``prepared``) instead of
    reading every lead again, and so does partitioning part of the items (its rows,
    `_Prepared.rows`)."""
    return _Prepared(list(items), settings.link)


def partition_items(items: Sequence[LinkItem], settings: Settings, *,
                    prepared: _Prepared | None = None) -> list[list[int]]:
    """Groups of indices into ``items`` that no candidate pair of `Linker` crosses
    (the connected components described in the module docstring):
    linking each group on its own gives the clusters of linking ``items`` at once.
    ``prepared``: `prepare_items` of ``items``, when the caller has it.

    Deterministic: each group sorted, groups ordered by their first index, and the
    same reports give the same groups whatever order they come in."""
    from .linker import Linker

    items = list(items)
    if not items:
        return []
    order = sorted(range(len(items)), key=lambda k: (items[k].key, k))
    linker = Linker(settings)
    ordered = [items[k] for k in order]
    if prepared is not None:
        linker.adopt(ordered, prepared.rows(order))
    comps = linker.partitions(ordered)
    groups = [sorted(order[i] for i in comp.tolist()) for comp in comps]
    return sorted(groups, key=lambda g: g[0])


__all__ = ["neighbours", "components", "partition_items", "prepare_items", "span_days"]
