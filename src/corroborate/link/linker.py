"""The `Linker`: blocking, pair scoring and constrained clustering."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import LinkSettings, Settings
from ..errors import error
from ..unionfind import find
from .features import (
    FEATURES,
    HARD_VETOES,
    _Prepared,
    date_recalled,
    pair_features,
    pair_vetoes,
)
from .items import LinkItem
from .model import load_pair_model
from .partition import components, span_days

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


# --- the linker -----------------------------------------------------------------

#: pairs checked against the claim rules at a time
VETO_CHUNK = 65_536

#: pair features that, when present, are fields on which the two reports agree / differ
AGREEMENTS: tuple[tuple[str, str], ...] = (
    ("date_close", "event date"), ("pub_close", "published date"), ("same_place", "place"),
    ("near_place", "nearby place"), ("same_admin1", "region"), ("year_shared", "year mentioned"),
    ("perp_jaccard", "perpetrator"), ("actor_jaccard", "actors"), ("cause_same", "cause"),
    ("killed_compat", "killed figure"), ("person_shared", "person named"),
    ("title_cos", "headline words"), ("rare_name", "rare name"),
    ("date_recalled", "earlier date named"))
#: the least value of a graded feature that counts as an agreement in `Linker.explain`
#: (any shared capitalised word would otherwise be a "rare name")
AGREEMENT_MIN: dict[str, float] = {"title_cos": 0.3, "rare_name": 0.75}
DISAGREEMENTS: tuple[tuple[str, str], ...] = (
    ("date_far", "event date"), ("geo_conflict", "region or country"),
    ("perp_conflict", "perpetrator"), ("cause_conflict", "cause"),
    ("killed_conflict", "killed figure"), ("year_conflict", "year mentioned"),
    ("age_conflict", "ages of the people"))


def _inner_mean(inner: dict[int, float], r: int, members: list[int]) -> float:
    """The mean score over the pairs inside cluster ``r`` (an unscored pair counts 0)."""
    k = len(members)
    return inner.get(r, 0.0) / (k * (k - 1) / 2)


def pair_array(pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """``pairs`` as an (m, 2) int64 array (what ``np.asarray(pairs)`` gives, read
    without building an array object per tuple: a million pairs are converted several
    times per batch)."""
    flat = np.fromiter(itertools.chain.from_iterable(pairs), dtype=np.int64,
                       count=2 * len(pairs))
    return flat.reshape(-1, 2)


def _int_objects(n: int) -> np.ndarray:
    """The ints ``0 .. n-1`` as an object array: indexing it gives lists that share one
    int object per item."""
    out = np.empty(n, dtype=object)
    out[:] = list(range(n))
    return out


def _pair_table(pairs: Sequence[tuple[int, int]], scores: Sequence[float],
                n64: np.int64) -> tuple[np.ndarray, np.ndarray]:
    """Sorted codes ``a * n + b`` (``a < b``) of the distinct ``pairs`` and the score of
    each, the last one given where a pair comes twice (either way round).  A pair of an
    item with itself joins nothing and is left out."""
    sc = np.asarray(scores, dtype=np.float64).reshape(-1)
    if len(sc) != len(pairs):
        raise ValueError(f"{len(pairs)} pairs but {len(sc)} scores")
    if not len(pairs):
        return np.zeros(0, dtype=np.int64), sc
    arr = pair_array(pairs)
    lo, hi = arr.min(axis=1), arr.max(axis=1)
    own = lo != hi
    codes = lo[own] * n64 + hi[own]
    sc = sc[own]
    order = np.argsort(codes, kind="stable")  # a pair given twice keeps its order
    codes, sc = codes[order], sc[order]
    last = np.r_[codes[1:] != codes[:-1], True]
    return codes[last], sc[last]


def _neighbour_sums(codes: np.ndarray, sc: np.ndarray, n: int,
                    n64: np.int64) -> list[dict[int, float]]:
    """Per item, its scored pairs as ``{other item: score}`` (both ways round), built
    from the pair table a block of items at a time: the item numbers are shared int
    objects and each pair's score one float object for both of its items."""
    ints = _int_objects(n)
    values = np.empty(len(sc), dtype=object)
    values[:] = sc.tolist()
    a, b = codes // n64, codes % n64
    own = np.concatenate([a, b])
    other = np.concatenate([b, a])
    del a, b
    order = np.argsort(own, kind="stable")
    ptr = np.concatenate([[0], np.cumsum(np.bincount(own, minlength=n))]).tolist()
    del own
    m = len(sc)
    out: list[dict[int, float]] = []
    step = 8192
    for s in range(0, n, step):
        e = min(n, s + step)
        seg = order[ptr[s]:ptr[e]]
        keys = ints[other[seg]].tolist()
        vals = values[seg % m].tolist() if m else []
        base = ptr[s]
        for i in range(s, e):
            out.append(dict(zip(keys[ptr[i] - base:ptr[i + 1] - base],
                                vals[ptr[i] - base:ptr[i + 1] - base], strict=True)))
    return out


class PairCodes(Mapping[tuple[int, int], int]):
    """A read-only ``{(a, b): code}`` over sorted pair codes ``a * n + b`` and their
    values: a dict of a million tuples would hold a hundred megabytes."""

    def __init__(self, codes: np.ndarray, values: np.ndarray, n64: np.int64) -> None:
        self._codes, self._values, self._n = codes, values, n64

    def __getitem__(self, key: tuple[int, int]) -> int:
        a, b = key
        if not (0 <= a < b < self._n):
            raise KeyError(key)
        code = np.int64(a) * self._n + b
        at = int(np.searchsorted(self._codes, code))
        if at == len(self._codes) or self._codes[at] != code:
            raise KeyError(key)
        return int(self._values[at])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(zip((self._codes // self._n).tolist(), (self._codes % self._n).tolist(),
                        strict=True))

    def __len__(self) -> int:
        return len(self._codes)


@dataclass(frozen=True)
class Merge:
    """One merge `Linker.cluster` made: the edge that joined two clusters (item indices
    ``a``, ``b`` and their pair score), the mean score over all the two clusters' cross
    pairs (average linkage), and the two clusters' sizes before the merge."""

    a: int
    b: int
    score: float
    mean: float
    size_a: int
    size_b: int


class Linker:
    """Blocking, pair scoring and constrained clustering of `LinkItem`s.

    Subclass and override `pairs`, `score` or `cluster`; `link` calls them in
    that order, so an override is honoured everywhere.
    """

    def __init__(self, settings: Settings) -> None:
        # required: a default here would silently drop the caller's [link] weights and threshold
        self.settings = settings
        self.cfg: LinkSettings = self.settings.link
        given = dict(self.cfg.weights or {})
        unknown = set(given) - set(FEATURES)
        if unknown:
            raise error("E054", f"unknown link weight(s) {sorted(unknown)}; known: "
                        f"{', '.join(FEATURES)}", field="link.weights")
        # the learned model is read unless the settings give all of it (fitting does)
        complete = (len(given) == len(FEATURES) and self.cfg.intercept is not None
                    and self.cfg.threshold is not None)
        model = None if complete else load_pair_model(self.cfg.pair_model)
        weights = {**(model.weights if model else {}), **given}
        self.weights = np.array([weights[f] for f in FEATURES])
        self.intercept: float = (self.cfg.intercept if self.cfg.intercept is not None
                                 else model.intercept if model else 0.0)
        #: the pair score two reports need to be linked (settings, else the learned one)
        self.threshold: float = (self.cfg.threshold if self.cfg.threshold is not None
                                 else model.threshold if model else 0.5)
        self._prep: tuple[Sequence[LinkItem], int, _Prepared] | None = None
        #: the merges the last `cluster` (or `link`) made, in order: why each cluster holds together
        self.merges: list[Merge] = []
        #: with ``link(..., explain=True)``: why each of ``merges`` was made
        self.reasons: list[dict[str, Any]] = []
        #: the `VETOES` code of each pair the last `cluster` scored whose claims do not fit
        self.pair_veto: Mapping[tuple[int, int], int] = {}
        self._news_dated: set[int] = set()
        self._one_partition = False

    # shared per-batch arrays; rebuilt when a different list is passed.  The list
    # itself is held (not its id), so a new list can never be mistaken for it.
    def prepare(self, items: Sequence[LinkItem]) -> _Prepared:
        if self._prep is not None and self._prep[0] is items and self._prep[1] == len(items):
            return self._prep[2]
        prep = _Prepared(items, self.cfg)
        self._prep = (items, len(items), prep)
        return prep

    def adopt(self, items: Sequence[LinkItem], prep: _Prepared) -> None:
        """Use ``prep`` as the arrays of ``items`` (this very list, as `prepare` holds
        it): a caller that prepared a bigger batch passes its rows (`_Prepared.rows`)."""
        self._prep = (items, len(items), prep)

    # 1. blocking ----------------------------------------------------------------
    def pairs(self, items: Sequence[LinkItem]) -> list[tuple[int, int]]:
        """Candidate pairs ``(i, j)`` with ``i < j``, from the place x date and text blocks,
        each run inside every partition (`corroborate.link.partition`): no pair crosses
        two partitions, so linking each partition alone gives the same clusters."""
        if len(items) < 2:
            return []
        prep = self.prepare(items)
        # items linked as one partition of a bigger batch block as they do inside it
        comps = [np.arange(prep.n)] if self._one_partition else self.partitions(items)
        codes = np.concatenate([self._place_date_block(prep, comps), self._text_block(prep, comps)])
        codes = np.unique(codes)
        n = np.int64(prep.n)
        # the tuples share one int object per item, not two new ints per pair: at 100k
        # items the list holds a million pairs, and their ints were half its memory
        ints = _int_objects(prep.n)
        return list(zip(ints[codes // n].tolist(), ints[codes % n].tolist(), strict=True))

    def partitions(self, items: Sequence[LinkItem]) -> list[np.ndarray]:
        """The independent partitions of ``items`` (`corroborate.link.partition`): the
        connected components of the candidate pairs (each item's text neighbours, and
        its next reports of its region by date, `_place_order_pairs`) that score at least ``threshold``
        (pair model) and no claim rule vetoes: the pairs that could make a merge."""
        prep = self.prepare(items)
        thr = self.threshold

        def joins(i: np.ndarray, j: np.ndarray) -> np.ndarray:
            # every item asks about its text_k neighbours: in chunks, so the feature
            # matrix of half a million pairs is never held at once (a pair's score does
            # not depend on the pairs scored with it)
            out = np.zeros(len(i), dtype=bool)
            lo, hi = np.minimum(i, j), np.maximum(i, j)
            codes: list[np.ndarray] = []
            values: list[np.ndarray] = []
            vetoed: list[np.ndarray] = []
            for s in range(0, len(i), VETO_CHUNK):
                pairs = list(zip(lo[s:s + VETO_CHUNK].tolist(), hi[s:s + VETO_CHUNK].tolist(),
                                 strict=True))
                sc = np.array(self.score(items, pairs), dtype=np.float64)
                codes.append(lo[s:s + VETO_CHUNK] * np.int64(prep.n) + hi[s:s + VETO_CHUNK])
                values.append(sc)
                ok = sc >= thr
                # the claim rules read leads for some pairs: only those the score lets join
                keep = np.flatnonzero(ok)
                veto = np.full(len(pairs), -1, dtype=np.int8)  # -1: not checked
                veto[keep] = self.vetoes(items, [pairs[k] for k in keep.tolist()])
                ok[keep] = veto[keep] == 0
                vetoed.append(veto)
                out[s:s + len(pairs)] = ok
            # kept for `score`: blocking's text block asks again for most of these pairs;
            # and for `cluster`, which checks the claim rules of its edges again
            if codes:
                c, first = np.unique(np.concatenate(codes), return_index=True)
                prep.scored = (c, np.concatenate(values)[first])
                prep.vetoed = np.concatenate(vetoed)[first]
            return out

        return components(prep, self.cfg, joins, self._place_order_pairs(prep))

    def _place_order_pairs(self, prep: _Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Over the whole batch, each dated item with an admin-1 (else a country) and the
        next ``max_block_neighbours`` items of that region by anchor date, however far
        apart (a sparse region's next report may be months later and still score the
        pair): a superset of the place x date block's pairs.  Restricted to part of the
        batch this only gains pairs (fewer items lie between two), never loses one."""
        groups: dict[tuple[int, int], list[int]] = {}
        admin1, country = prep.admin1.tolist(), prep.country.tolist()
        dated = (~np.isnan(prep.anchor)).tolist()
        for i in range(prep.n):
            if dated[i] and (admin1[i] or country[i]):
                groups.setdefault((country[i], admin1[i]), []).append(i)
        cap = self.cfg.max_block_neighbours
        ii: list[np.ndarray] = []
        jj: list[np.ndarray] = []
        for members in groups.values():
            idx = np.array(members)
            order = idx[np.argsort(prep.anchor[idx], kind="stable")]
            for step in range(1, min(cap, len(order) - 1) + 1):
                a, b = order[:-step], order[step:]
                ii.append(np.minimum(a, b))
                jj.append(np.maximum(a, b))
        if not ii:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        return (np.concatenate(ii).astype(np.int64), np.concatenate(jj).astype(np.int64))

    def _place_date_block(self, prep: _Prepared, comps: Sequence[np.ndarray]) -> np.ndarray:
        """Sorted neighbourhood on the anchor date within each admin-1 (else country) block
        of each partition."""
        n = prep.n
        groups: dict[tuple[int, int, int], list[int]] = {}
        admin1, country = prep.admin1.tolist(), prep.country.tolist()
        dated = (~np.isnan(prep.anchor)).tolist()
        for c, comp in enumerate(comps):
            for i in comp.tolist():
                # admin-1 names are only unique within a country; country alone when no admin-1
                if dated[i] and (admin1[i] or country[i]):
                    groups.setdefault((c, country[i], admin1[i]), []).append(i)
        out: list[np.ndarray] = []
        W = self.cfg.date_window_days
        Wp = self.cfg.published_window_days
        cap = self.cfg.max_block_neighbours
        for members in groups.values():
            if len(members) < 2:
                continue
            idx = np.array(members)
            order = idx[np.argsort(prep.anchor[idx], kind="stable")]
            days = prep.anchor[order]
            ev = prep.has_event[order]
            m = len(order)
            # the wide window bounds the scan; the per-pair window is then checked.  Each
            # item meets the next ``cap`` items within the wide window: taken a step at a
            # time, every item at once
            hi = np.searchsorted(days, days + max(W, Wp), side="right")
            for step in range(1, min(cap, m - 1) + 1):
                a = np.arange(m - step)
                b = a + step
                win = np.where(ev[a] & ev[b], W, Wp)
                ok = (b < hi[a]) & (days[b] - days[a] <= win)
                if ok.any():
                    i = np.minimum(order[a[ok]], order[b[ok]]).astype(np.int64)
                    j = np.maximum(order[a[ok]], order[b[ok]]).astype(np.int64)
                    out.append(i * n + j)
        return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)

    def _text_block(self, prep: _Prepared, comps: Sequence[np.ndarray]) -> np.ndarray:
        """Top-k TF-IDF neighbours within consecutive date buckets (undated: against all)
        of each partition."""
        n = prep.n
        X = prep.X
        k = self.cfg.text_k
        span = span_days(self.cfg)
        cap = self.cfg.block_cap
        out: list[np.ndarray] = []
        for comp in comps:
            if len(comp) < 2:
                continue
            anchor = prep.anchor[comp]
            dated = comp[~np.isnan(anchor)]
            undated = comp[np.isnan(anchor)]
            dated = dated[np.argsort(prep.anchor[dated], kind="stable")]
            # buckets: consecutive runs spanning <= span days and holding <= cap items
            buckets: list[np.ndarray] = []
            start = 0
            for pos in range(1, len(dated) + 1):
                if (pos == len(dated) or pos - start >= cap
                        or prep.anchor[dated[pos]] - prep.anchor[dated[start]] > span):
                    buckets.append(dated[start:pos])
                    start = pos
            for b, q in enumerate(buckets):
                cand = q if b + 1 == len(buckets) else np.concatenate([q, buckets[b + 1]])
                out.append(self._knn(X, q, cand, k, n))
            for s in range(0, len(undated), cap):
                out.append(self._knn(X, undated[s:s + cap], comp, k, n))
        return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)

    def _knn(self, X: csr_matrix, q: np.ndarray, cand: np.ndarray, k: int, n: int) -> np.ndarray:
        """Pair codes ``i * n + j`` for each query's top-k candidates by cosine."""
        if len(q) == 0 or len(cand) < 2:
            return np.zeros(0, dtype=np.int64)
        Xq = X[q]
        best_s: np.ndarray | None = None
        best_j: np.ndarray | None = None
        # candidates in chunks so an undated query against everything stays bounded
        for s in range(0, len(cand), 4096):
            c = cand[s:s + 4096]
            S = (Xq @ X[c].T).toarray()
            S[q[:, None] == c[None, :]] = 0.0  # never pair an item with itself
            J = np.broadcast_to(c, S.shape)
            if best_s is not None and best_j is not None:
                S = np.hstack([best_s, S])
                J = np.hstack([best_j, J])
            if S.shape[1] > k:
                top = np.argpartition(-S, k - 1, axis=1)[:, :k]
                S = np.take_along_axis(S, top, axis=1)
                J = np.take_along_axis(J, top, axis=1)
            best_s, best_j = S, np.asarray(J)
        assert best_s is not None and best_j is not None
        keep = best_s >= self.cfg.text_min_sim
        a = np.broadcast_to(q[:, None], best_s.shape)[keep].astype(np.int64)
        b = best_j[keep].astype(np.int64)
        return np.minimum(a, b) * n + np.maximum(a, b)

    # 2. scoring -----------------------------------------------------------------
    def features(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """The pair feature matrix (columns in `FEATURES` order)."""
        prep = self.prepare(items)
        if not pairs:
            return np.zeros((0, len(FEATURES)))
        arr = pair_array(pairs)
        return pair_features(prep, arr[:, 0], arr[:, 1], self.cfg)

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        """Match probability of each pair (0..1) under the logistic pair model."""
        out: list[float] = []
        prep = self.prepare(items) if pairs else None
        # in chunks: the feature matrix of a million pairs would be the linker's peak
        for s in range(0, len(pairs), VETO_CHUNK):
            chunk = pairs[s:s + VETO_CHUNK]
            got = np.full(len(chunk), np.nan)
            if prep is not None and prep.scored is not None:
                # pairs `partitions` already scored: a pair's score is a function of the
                # two items alone, so the one found there is the one computed here
                arr = pair_array(chunk)
                lo, hi = arr.min(axis=1), arr.max(axis=1)
                codes = lo * np.int64(prep.n) + hi
                known, values = prep.scored
                at = np.minimum(np.searchsorted(known, codes), len(known) - 1)
                hit = known[at] == codes
                got[hit] = values[at[hit]]
            todo = np.flatnonzero(np.isnan(got))
            if len(todo):
                F = self.features(items, [chunk[k] for k in todo.tolist()])
                # column by column, not a matrix product: a BLAS product may sum a row in
                # an order that depends on how many rows there are, and a pair must score
                # the same bits however many pairs it is scored with (partitions,
                # `_prefetch`)
                z = np.full(len(F), float(self.intercept))
                for c, w in enumerate(self.weights.tolist()):
                    z += F[:, c] * w
                got[todo] = 1.0 / (1.0 + np.exp(-z))
            out.extend(got.tolist())
        return out

    def vetoes(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[int]:
        """Per pair, 0 or the 1-based index of the `VETOES` reason its claims cannot be
        one incident (different regions, towns too far apart, firm dates too far apart)."""
        prep = self.prepare(items)
        if not pairs:
            return []
        arr = pair_array(pairs)
        return pair_vetoes(prep, arr[:, 0], arr[:, 1], self.cfg).tolist()

    # 3. clustering --------------------------------------------------------------
    def cluster(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]],
                scores: Sequence[float]) -> list[list[int]]:
        """Average-linkage merging of edges >= threshold, with cannot-link constraints.

        Edges are taken best first.  Two clusters merge only if no article is in
        both, their day-precision event dates stay within ``conflict_days``, and
        the mean score over all their cross pairs reaches the threshold and, when
        both hold two reports or more, ``cohesion_ratio`` of the lower of their own
        mean scores within.  Reports of one incident resemble one another more than
        they resemble a report of another incident of the same kind: two groups each
        tight within and joined only loosely (by the boxer, the company, the country
        both events share) are two incidents.  A single report has no cohesion to
        compare, and joins on the mean alone.  Pairs
        blocking skipped are scored first, in one `score` call, inside every
        component of up to ``prefetch_size`` items of the above-threshold graph
        (so for news-sized clusters the mean is exact); in bigger components an
        unscored pair counts as a non-match, as in correlation clustering, which
        is exactly where chaining would otherwise run away.
        """
        n = len(items)
        thr = self.threshold
        link_thr = thr if self.cfg.linkage_threshold is None else self.cfg.linkage_threshold
        W = self.cfg.conflict_days
        prep = self.prepare(items)
        # the scores `partitions` kept served `score` on blocking's pairs; the pairs
        # clustering still asks about are few, and the table would add to its peak.
        # The claim rules it checked are kept until this call has looked them up
        table, prep.scored = prep.scored, None
        table_vetoes, prep.vetoed = prep.vetoed, None
        n64 = np.int64(max(n, 1))
        # the pairs as sorted codes ``a * n + b`` (a < b) with their scores, a pair given
        # twice with its last score: arrays, not a dict of tuples (a million pairs at 100k)
        codes, sc = _pair_table(pairs, scores, n64)
        # the edges are the given pairs at or above the threshold (never a prefetched one)
        is_edge = sc >= thr
        codes, sc, is_edge = self._prefetch(items, prep, codes, sc, is_edge)
        # a pair whose claims rule one incident out counts as a certain non-match in
        # every average it enters, and never joins two clusters itself; it is not a
        # hard cannot-link between the clusters, because one misread place would then
        # split a cluster that every other report holds together
        veto = self._known_vetoes(items, codes, table, table_vetoes)
        del table, table_vetoes
        vetoed = np.flatnonzero(veto > 0)
        self.pair_veto = PairCodes(codes[vetoed], veto[vetoed], n64)
        sc[(veto > 0) & (veto <= HARD_VETOES)] = 0.0
        at = np.flatnonzero(is_edge & (veto == 0))
        del veto, is_edge
        # best first: (score, a, b) descending, as sorting the tuples would order them
        a_e, b_e = codes[at] // n64, codes[at] % n64
        at = at[np.lexsort((b_e, a_e, sc[at]))[::-1]]
        del a_e, b_e
        edge_s = sc[at]  # a hard-vetoed pair is no edge, so these are the scores given
        # summed scores between clusters, kept up to date on every merge, so the
        # average-linkage test is O(1) and a merge costs the smaller side's degree
        nbr = _neighbour_sums(codes, sc, n, n64)
        edge_codes = codes[at]
        del codes, sc, at
        members: dict[int, list[int]] = {i: [i] for i in range(n)}
        # an item's own article until its cluster first merges
        article = [it.article_id for it in items]
        arts: dict[int, set[str]] = {}
        dmin: dict[int, float] = {}
        dmax: dict[int, float] = {}
        for i in np.flatnonzero(prep.ev_firm).tolist():
            dmin[i] = dmax[i] = float(prep.ev_lo[i])
        root = list(range(n))
        # summed scores of the pairs inside each cluster, for the cohesion test
        inner: dict[int, float] = {}
        ratio = self.cfg.cohesion_ratio
        self.merges = []
        # follow-ups found while clustering: items whose firm date is their own news
        self._news_dated = set()
        max_size = self.cfg.max_cluster_size
        for s0 in range(0, len(edge_codes), VETO_CHUNK):
            chunk = edge_codes[s0:s0 + VETO_CHUNK]
            for s, a, b in zip(edge_s[s0:s0 + VETO_CHUNK].tolist(), (chunk // n64).tolist(),
                               (chunk % n64).tolist(), strict=True):
                ra, rb = find(root, a), find(root, b)
                if ra == rb:
                    continue
                ma, mb = members[ra], members[rb]
                mean = nbr[ra].get(rb, 0.0) / (len(ma) * len(mb))
                if len(ma) + len(mb) > max_size or mean < link_thr:
                    continue
                arts_a = arts.get(ra) or {article[ra]}
                arts_b = arts.get(rb) or {article[rb]}
                if not arts_a.isdisjoint(arts_b):
                    continue
                if ratio is not None and len(ma) > 1 and len(mb) > 1 and mean < ratio * min(
                        _inner_mean(inner, ra, ma), _inner_mean(inner, rb, mb)):
                    continue
                if self._dates_conflict(ra, rb, dmin, dmax, W) and not self._follow_up(
                        prep, a, b, members, root, dmin, dmax, W):
                    continue
                self.merges.append(Merge(a, b, s, mean, len(ma), len(mb)))
                if len(nbr[ra]) < len(nbr[rb]):
                    ra, rb = rb, ra
                    arts_a, arts_b = arts_b, arts_a
                root[rb] = ra
                inner[ra] = inner.pop(ra, 0.0) + inner.pop(rb, 0.0) + nbr[ra].get(rb, 0.0)
                members[ra].extend(members.pop(rb))
                arts_a |= arts_b
                arts[ra] = arts_a
                arts.pop(rb, None)
                if rb in dmin:
                    dmin[ra] = min(dmin.get(ra, math.inf), dmin.pop(rb))
                    dmax[ra] = max(dmax.get(ra, -math.inf), dmax.pop(rb))
                into = nbr[ra]
                into.pop(rb, None)
                for c, v in nbr[rb].items():
                    if c != ra:
                        # the sums are symmetric (nbr[x][y] is nbr[y][x], the same float):
                        # one addition serves both sides
                        back = nbr[c]
                        back[ra] = into[c] = into.get(c, 0.0) + v
                        del back[rb]
                nbr[rb] = {}
        return sorted((sorted(m) for m in members.values()), key=lambda c: c[0])

    def _prefetch(self, items: Sequence[LinkItem], prep: _Prepared, codes: np.ndarray,
                  sc: np.ndarray, is_edge: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Score, in one `score` call, the unscored pairs inside each small component
        of the above-threshold graph (the only pairs average linkage can ask for), and
        add them to the sorted pair table ``codes``, ``sc`` (they are no edges)."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        n = prep.n
        n64 = np.int64(max(n, 1))
        edges = codes[is_edge]
        if not len(edges):
            return codes, sc, is_edge
        a, b = edges // n64, edges % n64
        graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (a, b)), shape=(n, n))
        _, label = connected_components(graph, directed=False)
        touched = np.zeros(n, dtype=bool)
        touched[a] = True
        touched[b] = True
        size = np.bincount(label)
        idx = np.flatnonzero(touched & (size[label] <= self.cfg.prefetch_size))
        if not len(idx):
            return codes, sc, is_edge
        # every pair (i < j) of each small component: the items grouped by component,
        # each paired with the later items of its group
        idx = idx[np.argsort(label[idx], kind="stable")]
        lab = label[idx]
        starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
        ends = np.r_[starts[1:], len(idx)]
        pos = np.arange(len(idx))
        later = np.repeat(ends, ends - starts) - pos - 1
        ii = np.repeat(pos, later)
        jj = ii + 1 + np.arange(len(ii)) - np.repeat(np.cumsum(later) - later, later)
        lo, hi = idx[ii], idx[jj]
        del ii, jj
        cand = lo * n64 + hi
        at = np.minimum(np.searchsorted(codes, cand), len(codes) - 1)
        keep = codes[at] != cand
        articles = np.unique(np.asarray(prep.articles, dtype=object), return_inverse=True)[1]
        keep &= articles[lo] != articles[hi]
        lo, hi, cand = lo[keep], hi[keep], cand[keep]
        if not len(cand):
            return codes, sc, is_edge
        got = np.asarray(self.score(items, list(zip(lo.tolist(), hi.tolist(), strict=True))),
                         dtype=np.float64)
        codes = np.concatenate([codes, cand])
        order = np.argsort(codes, kind="stable")
        return (codes[order], np.concatenate([sc, got])[order],
                np.concatenate([is_edge, np.zeros(len(cand), dtype=bool)])[order])

    def _known_vetoes(self, items: Sequence[LinkItem], codes: np.ndarray,
                      table: tuple[np.ndarray, np.ndarray] | None,
                      table_vetoes: np.ndarray | None) -> np.ndarray:
        """`vetoes` of each pair of the sorted pair codes: those `partitions` checked are
        looked up (a pair's claim rules are a function of the two items alone), the
        others checked in chunks."""
        n64 = np.int64(max(len(items), 1))
        veto = np.full(len(codes), -1, dtype=np.int8)
        if table is not None and table_vetoes is not None and len(table[0]) and len(codes):
            known = table[0]
            at = np.minimum(np.searchsorted(known, codes), len(known) - 1)
            hit = known[at] == codes
            veto[hit] = table_vetoes[at[hit]]
        todo = np.flatnonzero(veto < 0)
        for s in range(0, len(todo), VETO_CHUNK):
            part = codes[todo[s:s + VETO_CHUNK]]
            chunk = list(zip((part // n64).tolist(), (part % n64).tolist(), strict=True))
            veto[todo[s:s + VETO_CHUNK]] = self.vetoes(items, chunk)
        return veto

    def _follow_up(self, prep: _Prepared, a: int, b: int, members: dict[int, list[int]],
                   root: list[int], dmin: dict[int, float], dmax: dict[int, float],
                   window: int) -> bool:
        """Whether the pair ``a``, ``b`` whose clusters' firm dates lie too far apart is
        a follow-up and the incident it recalls: one report's lead names the other's
        event date, so its own firm date is its news (an arrest, a funeral, a verdict),
        not the incident's.  That report's date then stops counting towards its
        cluster's span (`_dates_conflict`), and the test is made again."""
        if not date_recalled(prep, np.array([a]), np.array([b]), self.cfg)[0]:
            return False
        x = prep.follower(a, b)
        if x is None or not prep.ev_firm[x]:
            return False
        rx = find(root, x)
        self._news_dated.add(x)
        firm = [float(prep.ev_lo[m]) for m in members[rx]
                if prep.ev_firm[m] and m not in self._news_dated]
        if firm:
            dmin[rx], dmax[rx] = min(firm), max(firm)
        else:
            dmin.pop(rx, None)
            dmax.pop(rx, None)
        return not self._dates_conflict(find(root, a), find(root, b), dmin, dmax, window)

    @staticmethod
    def _dates_conflict(ra: int, rb: int, dmin: dict[int, float], dmax: dict[int, float],
                        window: int) -> bool:
        if ra not in dmin or rb not in dmin:
            return False
        return max(dmax[ra], dmax[rb]) - min(dmin[ra], dmin[rb]) > window

    # all three ------------------------------------------------------------------
    def link(self, items: Sequence[LinkItem], *, explain: bool = False,
             prepared: tuple[_Prepared, Sequence[int]] | None = None,
             partition: bool = False) -> list[list[int]]:
        """Clusters of item indices; every item is in exactly one cluster.

        Items are linked in the order of their keys (article id, incident index), so
        the same reports give the same clusters whatever order they arrive in.
        ``merges`` then holds the merges made, in the caller's indices; with
        ``explain``, ``reasons`` holds why each merge was made (`explain`).
        ``prepared`` (a batch's arrays and, per item, its row there) saves preparing
        the items again (`link_partitions`).  With ``partition`` the items are one
        partition of a batch (`partition.partition_items`): blocking runs over all of
        them, as inside that batch, without computing their partitions again (which
        gives the one back).
        """
        items = list(items)
        order = sorted(range(len(items)), key=lambda k: (items[k].key, k))
        ordered = [items[k] for k in order]
        self.reasons = []
        if prepared is not None:
            whole, at = prepared
            self.adopt(ordered, whole.rows([at[k] for k in order]))
        self._one_partition = partition
        try:
            pairs = self.pairs(ordered)
            scores = self.score(ordered, pairs)
            clusters = self.cluster(ordered, pairs, scores)
            if explain:
                self.reasons = self.explain(ordered, self.merges)
        finally:
            self._prep = None
            self._one_partition = False
        self.merges = [Merge(order[m.a], order[m.b], m.score, m.mean, m.size_a, m.size_b)
                       for m in self.merges]
        return sorted((sorted(order[i] for i in c) for c in clusters), key=lambda c: c[0])

    def link_partitions(self, items: Sequence[LinkItem], parts: Sequence[Sequence[int]], *,
                        explain: bool = False, prepared: _Prepared | None = None
                        ) -> list[tuple[list[list[int]], list[dict[str, Any]]]]:
        """`link` of each of ``parts`` (independent partitions of ``items``,
        `partition.partition_items`) on its own: per part, its clusters (indices into
        the part) and, with ``explain``, its merges' reasons.  The items' arrays are
        prepared once for all of them (or given: ``prepared``, `partition.prepare_items`
        of ``items``) and each part takes its rows (`_Prepared.rows`): preparing
        thousands of small parts one by one cost more than linking them."""
        items = list(items)
        whole = prepared
        if whole is None and any(len(p) > 1 for p in parts):
            whole = _Prepared(items, self.cfg)
        out: list[tuple[list[list[int]], list[dict[str, Any]]]] = []
        for part in parts:
            if len(part) < 2 or whole is None:
                out.append(([[0]] if part else [], []))  # what `link` gives one report
                continue
            clusters = self.link([items[i] for i in part], explain=explain,
                                 prepared=(whole, part), partition=True)
            out.append((clusters, self.reasons))
        self.merges = []
        return out

    def explain(self, items: Sequence[LinkItem], merges: Sequence[Merge]) -> list[dict[str, Any]]:
        """Why each merge was made, as the incidents JSON carries it (``links``): the two
        reports of the joining pair, its score and text similarities, the fields that
        agreed and differed, and the rule that joined the two groups."""
        if not merges:
            return []
        F = self.features(items, [(m.a, m.b) for m in merges])
        col = {name: k for k, name in enumerate(FEATURES)}
        thr = self.threshold
        link_thr = thr if self.cfg.linkage_threshold is None else self.cfg.linkage_threshold
        out = []
        for m, values in zip(merges, F, strict=True):
            # the row as Python floats: the same values, read without a numpy scalar per cell
            row = values.tolist()
            agreed = [label for name, label in AGREEMENTS
                      if row[col[name]] > 0 and row[col[name]] >= AGREEMENT_MIN.get(name, 0.0)]
            differed = [label for name, label in DISAGREEMENTS if row[col[name]] > 0]
            rule = (f"pair score {m.score:.2f} ≥ threshold {thr:.2f}, and the claims both "
                    "reports make fit one incident (places, event dates, causes)")
            if m.size_a * m.size_b > 1:
                rule += (f"; average linkage: the mean score over all {m.size_a}×{m.size_b} "
                         f"pairs of the two groups is {m.mean:.2f} ≥ {link_thr:.2f}")
            out.append({
                "reports": [{"article_id": items[x].article_id,
                             "incident_index": items[x].incident_index} for x in (m.a, m.b)],
                "score": round(m.score, 3),
                "text_similarity": round(float(row[col["text_cos"]]), 3),
                "name_similarity": round(float(row[col["name_cos"]]), 3),
                "agreed": agreed, "differed": differed, "rule": rule,
            })
        return out
