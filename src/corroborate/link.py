"""Incident linking: which (article, incident) pairs report the same real-world incident.

Three overridable steps, as in dedupe/splink:

1. `Linker.pairs` -- **blocking**.  Candidate pairs come from two blocks so the
   work stays near-linear in the number of items:

   * a *place x date* block: items sharing an admin-1 region (or, failing that,
     a country) whose anchor dates lie within the window (sorted-neighbourhood,
     at most ``max_block_neighbours`` per item).  The anchor is the event date;
     a report without one falls back to its published date with a wider window
     (a report published days later about an earlier event must still meet);
   * a *text* block: the ``text_k`` nearest neighbours by TF-IDF cosine among
     items whose anchor dates fall in the same or the next date bucket (buckets
     hold at most ``block_cap`` items), so reports without an extracted place
     still meet.  Undated items are compared with everything.

2. `Linker.score` -- a logistic model over pair features (text and name
   cosine, years mentioned, date distance, place agreement and haversine
   distance, actor/perpetrator overlap, cause, compatibility of the killed
   figures).  Weights were fitted on dev data (ECB+ and the FA-KES linking
   gold) with sign constraints; see docs/linking.md.

3. `Linker.cluster` -- average-linkage agglomeration over the scored edges with
   cannot-link constraints: two incidents of the same article never merge, and
   two *firm* event dates (day precision, consistent with their report's
   published date) more than ``conflict_days`` apart never merge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from .config import LinkSettings, Settings
from .errors import error
from .models import Article

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = [
    "DEFAULT_INTERCEPT",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "LinkItem",
    "Linker",
    "items_from_extractions",
]


@dataclass
class LinkItem:
    """One (article, incident) pair: the unit the linker clusters."""

    article_id: str
    incident_index: int
    outlet: str | None = None
    published: str | None = None
    title: str = ""
    date: str | None = None
    date_precision: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    actors: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    cause: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    text: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.incident_index)


def _killed_range(incident: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The killed figure of an incident: the toll total, else the widest casualty range."""
    total = ((incident.get("toll") or {}).get("killed") or {}).get("total")
    lows: list[int] = []
    highs: list[int] = []
    for c in incident.get("casualties") or []:
        if c.get("outcome") != "killed":
            continue
        lo, hi = c.get("min"), c.get("max")
        if lo is not None:
            lows.append(int(lo))
        if hi is not None:
            highs.append(int(hi))
    if total is not None:
        lo = min([int(total), *lows]) if lows else int(total)
        hi = max([int(total), *highs]) if highs else int(total)
        return lo, hi
    if not lows and not highs:
        return None, None
    return (min(lows) if lows else None), (max(highs) if highs else None)


def items_from_extractions(
    extractions: Iterable[Mapping[str, Any]], articles: Mapping[str, Article]
) -> list[LinkItem]:
    """One `LinkItem` per incident of each extraction (the `ArticleExtraction.to_dict` shape).

    ``text`` is the title plus the article text (``Article.full_text``); when the
    article is not in ``articles`` the title alone is used.
    """
    items: list[LinkItem] = []
    for ex in extractions:
        art = articles.get(ex["id"])
        text = art.full_text if art is not None else (ex.get("title") or "")
        for k, inc in enumerate(ex.get("incidents") or []):
            place = inc.get("place") or {}
            cause = inc.get("cause") or {}
            actors = inc.get("actors") or []
            lo, hi = _killed_range(inc)
            items.append(LinkItem(
                article_id=ex["id"],
                incident_index=k,
                outlet=ex.get("outlet"),
                published=ex.get("published"),
                title=ex.get("title") or "",
                date=inc.get("date"),
                date_precision=inc.get("date_precision"),
                place_name=place.get("name"),
                admin1=place.get("admin1"),
                country=place.get("country"),
                lat=place.get("lat"),
                lon=place.get("lon"),
                actors=_unique(a["name"] for a in actors),
                perpetrators=_unique(a["name"] for a in actors if a.get("role") == "perpetrator"),
                cause=cause.get("category"),
                killed_min=lo,
                killed_max=hi,
                text=text,
            ))
    return items


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


# --- pair model -----------------------------------------------------------------

#: Pair features, in column order.  Every feature is 0 when either side lacks
#: the value, so missing data adds no evidence either way (as in Fellegi-Sunter).
FEATURES: tuple[str, ...] = (
    "text_cos",        # TF-IDF cosine of title + lead
    "name_cos",        # TF-IDF cosine of the capitalised names in title + lead
    "year_shared",     # both mention years (19xx/20xx) and share one
    "year_conflict",   # both mention years, none shared
    "date_close",      # both event dates known: 1 - gap / window, clipped at 0
    "date_far",        # both event dates firm (see _Prepared.ev_firm) and further apart
                       # than the window
    "pub_close",       # a published date stands in for an event date: 1 - gap / wide window
    "same_place",      # same place name
    "near_place",      # different names, within near_km
    "same_admin1",     # same admin-1 region, different place
    "geo_conflict",    # different countries, or different admin-1 regions
    "actor_jaccard",   # Jaccard overlap of the actors named
    "perp_jaccard",    # Jaccard overlap of the perpetrators
    "perp_conflict",   # both name perpetrators, none shared
    "cause_same",
    "cause_conflict",
    "killed_compat",   # killed ranges overlap or lie within a ratio of 1.5
    "killed_conflict",
)

#: Logistic weights fitted on dev data (docs/linking.md, "Fitting").  Override
#: them with ``Settings.link.weights`` / ``intercept``.
DEFAULT_WEIGHTS: dict[str, float] = {
    "text_cos": 6.736,
    "name_cos": 6.325,
    "year_shared": 1.156,
    "year_conflict": -0.17,
    "date_close": 0.248,
    "date_far": -2.447,
    "pub_close": 0.0,
    "same_place": 0.803,
    "near_place": 0.793,
    "same_admin1": 0.0,
    "geo_conflict": -0.199,
    "actor_jaccard": 0.0,
    "perp_jaccard": 0.0,
    "perp_conflict": -0.591,
    "cause_same": 0.622,
    "cause_conflict": -0.424,
    "killed_compat": 0.416,
    "killed_conflict": -0.256,
}
DEFAULT_INTERCEPT: float = -3.408

#: day span of a date at each precision (the date value is its first day)
_PRECISION_SPAN = {"day": 0, "month": 30, "year": 364}
_APPROX_SLACK = 3


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _norm(s: str | None) -> str:
    return " ".join(s.casefold().split()) if s else ""


def _codes(values: Iterable[str | None]) -> np.ndarray:
    """Normalised strings as integer codes, 0 for missing."""
    table: dict[str, int] = {}
    out = [table.setdefault(v, len(table) + 1) if v else 0 for v in map(_norm, values)]
    return np.array(out, dtype=np.int64)


def _bag(sets: Iterable[Iterable[str]]) -> csr_matrix:
    """Rows of name sets as a binary sparse matrix (for vectorised set overlaps)."""
    from scipy.sparse import csr_matrix

    table: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for names in sets:
        cols = {table.setdefault(v, len(table)) for v in map(_norm, names) if v}
        indices.extend(sorted(cols))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)),
                      shape=(len(indptr) - 1, max(len(table), 1)))


class _Prepared:
    """Per-batch arrays the three steps share (built once per `items` list)."""

    def __init__(self, items: Sequence[LinkItem], cfg: LinkSettings) -> None:
        n = len(items)
        self.n = n
        nan = float("nan")
        # event-date interval [lo, hi] (NaN when missing) and day-precision flag
        self.ev_lo = np.full(n, nan)
        self.ev_hi = np.full(n, nan)
        self.ev_day = np.zeros(n, dtype=bool)
        self.pub = np.full(n, nan)
        for i, it in enumerate(items):
            d = _ordinal(it.date)
            if d is not None:
                prec = it.date_precision or "day"
                if prec == "approximate":
                    self.ev_lo[i], self.ev_hi[i] = d - _APPROX_SLACK, d + _APPROX_SLACK
                else:
                    self.ev_lo[i], self.ev_hi[i] = d, d + _PRECISION_SPAN.get(prec, 0)
                self.ev_day[i] = prec == "day"
            p = _ordinal(it.published)
            if p is not None:
                self.pub[i] = p
        # dates firm enough for the hard constraint: day precision, and checked
        # against the published date (on or up to the published window before
        # it).  An event date far from its own report's date is more often a
        # background date than the incident's, and one with no published date
        # cannot be checked at all.
        with np.errstate(invalid="ignore"):
            self.ev_firm = (self.ev_day & (self.ev_lo <= self.pub + 1)
                            & (self.ev_lo >= self.pub - cfg.published_window_days))
        # the anchor for blocking: the event date, else the published date
        self.anchor = np.where(np.isnan(self.ev_lo), self.pub, self.ev_lo)
        self.has_event = ~np.isnan(self.ev_lo)

        # strings as integer codes (0 = missing) so pair features vectorise
        self.place = _codes(it.place_name for it in items)
        self.admin1 = _codes(it.admin1 for it in items)
        self.country = _codes(it.country for it in items)
        self.lat = np.array([nan if it.lat is None else float(it.lat) for it in items])
        self.lon = np.array([nan if it.lon is None else float(it.lon) for it in items])
        self.actors = _bag(it.actors for it in items)
        self.perps = _bag(it.perpetrators for it in items)
        self.cause = _codes(it.cause for it in items)
        self.k_lo = np.array([nan if it.killed_min is None else it.killed_min for it in items],
                             dtype=float)
        self.k_hi = np.array([nan if it.killed_max is None else it.killed_max for it in items],
                             dtype=float)
        # a one-sided figure ("at least 10") is its own bound on the other side
        self.k_lo = np.where(np.isnan(self.k_lo), self.k_hi, self.k_lo)
        self.k_hi = np.where(np.isnan(self.k_hi), self.k_lo, self.k_hi)
        self.articles = [it.article_id for it in items]
        leads = [(it.text or it.title or "")[: cfg.text_chars] for it in items]
        self.X, self.N = _text_vectors(leads)
        self.years = _bag(_YEAR.findall(t) for t in leads)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD = r"(?u)\b[^\W\d_][\w'-]+\b"
#: capitalised words: names of people, places, groups (and sentence-initial words,
#: which the stop list and IDF mostly neutralise)
_NAME = r"\b[A-Z][\w'-]*[a-zA-Z]\b"


def _text_vectors(leads: list[str]) -> tuple[csr_matrix, csr_matrix]:
    """L2-normalised TF-IDF rows of all words and of capitalised names.

    Hashing (2**20 columns) instead of a vocabulary: stateless, so it is faster
    on large batches and never grows a dictionary.
    """
    from sklearn.feature_extraction.text import (
        ENGLISH_STOP_WORDS,
        HashingVectorizer,
        TfidfTransformer,
    )

    if not leads:
        from scipy.sparse import csr_matrix

        empty = csr_matrix((0, 1), dtype=np.float32)
        return empty, empty
    name_re = re.compile(_NAME)
    # only stop words the name pattern reproduces, so sklearn's consistency check holds
    cap_stop = sorted(w for w in (x.capitalize() for x in ENGLISH_STOP_WORDS)
                      if name_re.fullmatch(w))
    words = HashingVectorizer(n_features=2**20, alternate_sign=False, norm=None,
                              stop_words="english", token_pattern=_WORD, dtype=np.float32)
    names = HashingVectorizer(n_features=2**20, alternate_sign=False, norm=None,
                              lowercase=False, stop_words=cap_stop, token_pattern=_NAME,
                              dtype=np.float32)
    out = []
    for vec in (words, names):
        counts = vec.transform(leads).tocsr()
        # drop the empty hash columns: later products and transposes scale with the width
        used = np.unique(counts.indices)
        counts = counts[:, used] if len(used) else counts[:, :1]
        out.append(TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(
            np.float32).tocsr())
    return out[0], out[1]


def _haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray,
                  lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _interval_gap(lo1: np.ndarray, hi1: np.ndarray, lo2: np.ndarray,
                  hi2: np.ndarray) -> np.ndarray:
    """Days between two intervals (0 when they overlap; NaN when either is missing)."""
    return np.maximum(0.0, np.maximum(lo1, lo2) - np.minimum(hi1, hi2))


def _rowwise_dot(X: csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    out = np.zeros(len(i), dtype=np.float64)
    if len(i) <= 32:
        # few pairs (clustering scores the ones blocking skipped): slicing the CSR
        # arrays directly avoids scipy's per-call overhead
        ptr, ind, dat = X.indptr, X.indices, X.data
        for r, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
            ia, ib = ind[ptr[a]:ptr[a + 1]], ind[ptr[b]:ptr[b + 1]]
            _, ka, kb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
            out[r] = float(np.dot(dat[ptr[a]:ptr[a + 1]][ka], dat[ptr[b]:ptr[b + 1]][kb]))
        return out
    for s in range(0, len(i), chunk):
        a = X[i[s:s + chunk]]
        b = X[j[s:s + chunk]]
        out[s:s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _rowwise_cos(X: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return np.clip(_rowwise_dot(X, i, j), 0.0, 1.0)


def _overlap(B: csr_matrix, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                     np.ndarray]:
    """Shared count, and each side's size, of the name sets in rows i and j of a bag."""
    sizes = np.diff(B.indptr)
    return _rowwise_dot(B, i, j), sizes[i], sizes[j]


def pair_features(prep: _Prepared, i: np.ndarray, j: np.ndarray, cfg: LinkSettings) -> np.ndarray:
    """The feature matrix (len(pairs) x len(FEATURES)) for index arrays ``i``, ``j``."""
    m = len(i)
    F = np.zeros((m, len(FEATURES)), dtype=np.float64)
    if m == 0:
        return F
    col = {name: k for k, name in enumerate(FEATURES)}
    F[:, col["text_cos"]] = _rowwise_cos(prep.X, i, j)
    F[:, col["name_cos"]] = _rowwise_cos(prep.N, i, j)

    W = float(cfg.date_window_days)
    Wp = float(cfg.published_window_days)
    both_ev = prep.has_event[i] & prep.has_event[j]
    gap = _interval_gap(prep.ev_lo[i], prep.ev_hi[i], prep.ev_lo[j], prep.ev_hi[j])
    with np.errstate(invalid="ignore"):
        F[:, col["date_close"]] = np.where(both_ev, np.clip(1 - gap / W, 0, 1), 0)
        F[:, col["date_far"]] = np.where(prep.ev_firm[i] & prep.ev_firm[j] & (gap > W), 1, 0)
    # without two event dates, the anchors (a published date standing in) are compared
    # on the wider window: a weaker signal with its own weight
    adist = np.abs(prep.anchor[i] - prep.anchor[j])
    ok = ~both_ev & ~np.isnan(adist)
    F[:, col["pub_close"]] = np.where(ok, np.clip(1 - np.nan_to_num(adist) / Wp, 0, 1), 0)

    dist = _haversine_km(prep.lat[i], prep.lon[i], prep.lat[j], prep.lon[j])
    pi, pj = prep.place[i], prep.place[j]
    same = (pi > 0) & (pi == pj)
    with np.errstate(invalid="ignore"):
        near = ~same & (dist <= cfg.near_km)
    ai, aj = prep.admin1[i], prep.admin1[j]
    ci, cj = prep.country[i], prep.country[j]
    F[:, col["same_place"]] = same
    F[:, col["near_place"]] = near
    F[:, col["same_admin1"]] = ~same & ~near & (ai > 0) & (ai == aj)
    country_differs = (ci > 0) & (cj > 0) & (ci != cj)
    admin1_differs = (ai > 0) & (aj > 0) & (ai != aj) & ((ci == cj) | (ci == 0) | (cj == 0))
    F[:, col["geo_conflict"]] = (country_differs | admin1_differs) & ~same & ~near

    for name, bag in (("actor_jaccard", prep.actors), ("perp_jaccard", prep.perps)):
        shared, na, nb = _overlap(bag, i, j)
        union = na + nb - shared
        F[:, col[name]] = np.divide(shared, union, out=np.zeros(m), where=union > 0)
        if name == "perp_jaccard":
            F[:, col["perp_conflict"]] = (na > 0) & (nb > 0) & (shared == 0)
    shared, na, nb = _overlap(prep.years, i, j)
    both = (na > 0) & (nb > 0)
    F[:, col["year_shared"]] = both & (shared > 0)
    F[:, col["year_conflict"]] = both & (shared == 0)
    xi, xj = prep.cause[i], prep.cause[j]
    F[:, col["cause_same"]] = (xi > 0) & (xi == xj)
    F[:, col["cause_conflict"]] = (xi > 0) & (xj > 0) & (xi != xj)
    klo_i, khi_i, klo_j, khi_j = prep.k_lo[i], prep.k_hi[i], prep.k_lo[j], prep.k_hi[j]
    known = ~np.isnan(klo_i) & ~np.isnan(klo_j)
    with np.errstate(invalid="ignore", divide="ignore"):
        overlap = (klo_i <= khi_j) & (klo_j <= khi_i)
        big = np.maximum(klo_i, klo_j)
        small = np.minimum(khi_i, khi_j)
        ratio_ok = big <= 1.5 * small + 2  # small tolls differ by a few without conflict
    compat = known & (overlap | ratio_ok)
    F[:, col["killed_compat"]] = compat
    F[:, col["killed_conflict"]] = known & ~compat
    return F


# --- the linker -----------------------------------------------------------------

class Linker:
    """Blocking, pair scoring and constrained clustering of `LinkItem`s.

    Subclass and override `pairs`, `score` or `cluster`; `link` calls them in
    that order, so an override is honoured everywhere.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.cfg: LinkSettings = self.settings.link
        weights = dict(DEFAULT_WEIGHTS)
        weights.update(self.cfg.weights or {})
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise error("E054", f"unknown link weight(s) {sorted(unknown)}; known: "
                        f"{', '.join(FEATURES)}", field="link.weights")
        self.weights = np.array([weights[f] for f in FEATURES])
        self.intercept = DEFAULT_INTERCEPT if self.cfg.intercept is None else self.cfg.intercept
        self._prep: tuple[Sequence[LinkItem], int, _Prepared] | None = None

    # shared per-batch arrays; rebuilt when a different list is passed.  The list
    # itself is held (not its id), so a new list can never be mistaken for it.
    def prepare(self, items: Sequence[LinkItem]) -> _Prepared:
        if self._prep is not None and self._prep[0] is items and self._prep[1] == len(items):
            return self._prep[2]
        prep = _Prepared(items, self.cfg)
        self._prep = (items, len(items), prep)
        return prep

    # 1. blocking ----------------------------------------------------------------
    def pairs(self, items: Sequence[LinkItem]) -> list[tuple[int, int]]:
        """Candidate pairs ``(i, j)`` with ``i < j``, from the place x date and text blocks."""
        if len(items) < 2:
            return []
        prep = self.prepare(items)
        codes = np.concatenate([self._place_date_block(prep), self._text_block(prep)])
        codes = np.unique(codes)
        n = np.int64(prep.n)
        return [(int(c // n), int(c % n)) for c in codes]

    def _place_date_block(self, prep: _Prepared) -> np.ndarray:
        """Sorted neighbourhood on the anchor date within each admin-1 (else country) block."""
        n = prep.n
        groups: dict[tuple[int, int], list[int]] = {}
        admin1, country = prep.admin1.tolist(), prep.country.tolist()
        dated = (~np.isnan(prep.anchor)).tolist()
        for i in range(n):
            # admin-1 names are only unique within a country; country alone when no admin-1
            if dated[i] and (admin1[i] or country[i]):
                groups.setdefault((country[i], admin1[i]), []).append(i)
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
            # the wide window bounds the scan; the per-pair window is then checked
            hi = np.searchsorted(days, days + max(W, Wp), side="right")
            for a in range(m - 1):
                stop = min(int(hi[a]), a + 1 + cap)
                if stop <= a + 1:
                    continue
                b = np.arange(a + 1, stop)
                win = np.where(ev[a] & ev[b], W, Wp)
                b = b[days[b] - days[a] <= win]
                if len(b):
                    i = np.minimum(order[a], order[b]).astype(np.int64)
                    j = np.maximum(order[a], order[b]).astype(np.int64)
                    out.append(i * n + j)
        return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)

    def _text_block(self, prep: _Prepared) -> np.ndarray:
        """Top-k TF-IDF neighbours within consecutive date buckets (undated: against all)."""
        n = prep.n
        X = prep.X
        k = self.cfg.text_k
        span = float(max(self.cfg.date_window_days, self.cfg.published_window_days))
        cap = self.cfg.block_cap
        dated = np.flatnonzero(~np.isnan(prep.anchor))
        undated = np.flatnonzero(np.isnan(prep.anchor))
        dated = dated[np.argsort(prep.anchor[dated], kind="stable")]
        # buckets: consecutive runs spanning <= span days and holding <= cap items
        buckets: list[np.ndarray] = []
        start = 0
        for pos in range(1, len(dated) + 1):
            if (pos == len(dated) or pos - start >= cap
                    or prep.anchor[dated[pos]] - prep.anchor[dated[start]] > span):
                buckets.append(dated[start:pos])
                start = pos
        out: list[np.ndarray] = []
        for b, q in enumerate(buckets):
            cand = q if b + 1 == len(buckets) else np.concatenate([q, buckets[b + 1]])
            out.append(self._knn(X, q, cand, k, n))
        everything = np.arange(n)
        for s in range(0, len(undated), cap):
            out.append(self._knn(X, undated[s:s + cap], everything, k, n))
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
        arr = np.asarray(pairs, dtype=np.int64)
        return pair_features(prep, arr[:, 0], arr[:, 1], self.cfg)

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        """Match probability of each pair (0..1) under the logistic pair model."""
        F = self.features(items, pairs)
        z = F @ self.weights + self.intercept
        return (1.0 / (1.0 + np.exp(-z))).tolist()

    # 3. clustering --------------------------------------------------------------
    def cluster(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]],
                scores: Sequence[float]) -> list[list[int]]:
        """Average-linkage merging of edges >= threshold, with cannot-link constraints.

        Edges are taken best first.  Two clusters merge only if no article is in
        both, their day-precision event dates stay within ``conflict_days``, and
        the mean score over all their cross pairs reaches the threshold.  Pairs
        blocking skipped are scored first, in one `score` call, inside every
        component of up to ``prefetch_size`` items of the above-threshold graph
        (so for news-sized clusters the mean is exact); in bigger components an
        unscored pair counts as a non-match, as in correlation clustering, which
        is exactly where chaining would otherwise run away.
        """
        n = len(items)
        thr = self.cfg.threshold
        link_thr = thr if self.cfg.linkage_threshold is None else self.cfg.linkage_threshold
        W = self.cfg.conflict_days
        prep = self.prepare(items)
        known: dict[tuple[int, int], float] = {}
        for (a, b), s in zip(pairs, scores, strict=True):
            known[(a, b) if a < b else (b, a)] = float(s)
        members: dict[int, list[int]] = {i: [i] for i in range(n)}
        arts: dict[int, set[str]] = {i: {items[i].article_id} for i in range(n)}
        dmin: dict[int, float] = {}
        dmax: dict[int, float] = {}
        for i in range(n):
            if prep.ev_firm[i]:
                dmin[i] = dmax[i] = float(prep.ev_lo[i])
        root = list(range(n))

        def find(x: int) -> int:
            while root[x] != x:
                root[x] = root[root[x]]
                x = root[x]
            return x

        edges = sorted(((s, a, b) for (a, b), s in known.items() if s >= thr), reverse=True)
        self._prefetch(items, edges, known)
        # summed scores between clusters, kept up to date on every merge, so the
        # average-linkage test is O(1) and a merge costs the smaller side's degree
        nbr: list[dict[int, float]] = [{} for _ in range(n)]
        for (a, b), s in known.items():
            nbr[a][b] = s
            nbr[b][a] = s
        for _s, a, b in edges:
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            ma, mb = members[ra], members[rb]
            if (len(ma) + len(mb) > self.cfg.max_cluster_size
                    or nbr[ra].get(rb, 0.0) / (len(ma) * len(mb)) < link_thr
                    or self._dates_conflict(ra, rb, dmin, dmax, W)
                    or not arts[ra].isdisjoint(arts[rb])):
                continue
            if len(nbr[ra]) < len(nbr[rb]):
                ra, rb = rb, ra
            root[rb] = ra
            members[ra].extend(members.pop(rb))
            arts[ra] |= arts.pop(rb)
            if rb in dmin:
                dmin[ra] = min(dmin.get(ra, math.inf), dmin.pop(rb))
                dmax[ra] = max(dmax.get(ra, -math.inf), dmax.pop(rb))
            into = nbr[ra]
            into.pop(rb, None)
            for c, v in nbr[rb].items():
                if c == ra:
                    continue
                into[c] = into.get(c, 0.0) + v
                back = nbr[c]
                back[ra] = back.get(ra, 0.0) + v
                del back[rb]
            nbr[rb] = {}
        return sorted((sorted(m) for m in members.values()), key=lambda c: c[0])

    def _prefetch(self, items: Sequence[LinkItem], edges: list[tuple[float, int, int]],
                  known: dict[tuple[int, int], float]) -> None:
        """Score, in one `score` call, the unscored pairs inside each small component
        of the above-threshold graph: the only pairs average linkage can ask for."""
        root: dict[int, int] = {}

        def find(x: int) -> int:
            root.setdefault(x, x)
            while root[x] != x:
                root[x] = root[root[x]]
                x = root[x]
            return x

        for _s, a, b in edges:
            ra, rb = find(a), find(b)
            if ra != rb:
                root[rb] = ra
        comps: dict[int, list[int]] = {}
        for x in list(root):
            comps.setdefault(find(x), []).append(x)
        missing: list[tuple[int, int]] = []
        for comp in comps.values():
            if len(comp) > self.cfg.prefetch_size:
                continue
            comp.sort()
            for k, a in enumerate(comp):
                for b in comp[k + 1:]:
                    if (a, b) not in known and items[a].article_id != items[b].article_id:
                        missing.append((a, b))
        if missing:
            for key, sc in zip(missing, self.score(items, missing), strict=True):
                known[key] = float(sc)

    @staticmethod
    def _dates_conflict(ra: int, rb: int, dmin: dict[int, float], dmax: dict[int, float],
                        window: int) -> bool:
        if ra not in dmin or rb not in dmin:
            return False
        return max(dmax[ra], dmax[rb]) - min(dmin[ra], dmin[rb]) > window

    # all three ------------------------------------------------------------------
    def link(self, items: Sequence[LinkItem]) -> list[list[int]]:
        """Clusters of item indices; every item is in exactly one cluster."""
        items = list(items) if not isinstance(items, list) else items
        try:
            pairs = self.pairs(items)
            scores = self.score(items, pairs)
            return self.cluster(items, pairs, scores)
        finally:
            self._prep = None
