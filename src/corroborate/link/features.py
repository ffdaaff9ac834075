"""Pair features and the logistic pair model: what `Linker.score` computes for a candidate pair."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..config import LinkSettings
from ..lang.en import admin_units, ages, given_names, person_titles
from ..lang.en import names as name_words
from ..models import date_interval
from .items import LinkItem
from .text import rarest_name_idf, text_vectors_idf, title_vectors, years

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scipy.sparse import csr_matrix

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
    "title_cos",       # TF-IDF cosine of the two headlines
    "rare_name",       # the rarest capitalised name both leads share: its IDF / the highest IDF
    "person_shared",   # both leads name a person (given name + surname) and share one
    "killed_same",     # both give one and the same killed figure, of two or more
    "date_recalled",   # event dates too far apart, but one report's lead names the other's
                       # date (a follow-up recalling "the July 17 shooting", "last week")
    "age_conflict",    # both leads give people's ages ("a 14-year-old", "Horton, 34,") and no
                       # age of one lies within a year of an age of the other
)

_APPROX_SLACK = 3
#: days a date a report names may lie from the other report's event date and still be it
#: (a shooting late at night is dated the next day by some reports)
RECALL_SLACK_DAYS = 1


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _norm(s: str | None) -> str:
    return " ".join(s.casefold().split()) if s else ""


def _normed(values: Iterable[str | None]) -> list[str]:
    """`_norm` of each value, each distinct value normalised once: places, regions,
    countries, causes and actors repeat across a batch (the table lives for one call)."""
    values = list(values)
    table = {v: _norm(v) for v in dict.fromkeys(values)}
    return list(map(table.__getitem__, values))


def _numbered(normed: list[str], first: int) -> dict[str, int]:
    """Each distinct non-empty string of ``normed`` numbered from ``first`` in the order
    of its first appearance."""
    return {v: k for k, v in enumerate((v for v in dict.fromkeys(normed) if v), start=first)}


def _codes(values: Iterable[str | None]) -> np.ndarray:
    """Normalised strings as integer codes, 0 for missing."""
    normed = _normed(values)
    table = _numbered(normed, 1)
    table[""] = 0
    return np.fromiter(map(table.__getitem__, normed), dtype=np.int64, count=len(normed))


def _names(values: Iterable[str | None]) -> list[str]:
    """The strings `_codes` numbers, by code (index 0: missing)."""
    return ["", *_numbered(_normed(values), 1)]


def _bag(sets: Iterable[Iterable[str]]) -> csr_matrix:
    """Rows of name sets as a binary sparse matrix (for vectorised set overlaps): a
    column per distinct normalised name, numbered in the order the names first
    appear."""
    from scipy.sparse import csr_matrix

    flat: list[str] = []
    sizes: list[int] = []
    for names in sets:
        before = len(flat)
        flat.extend(names)
        sizes.append(len(flat) - before)
    # each distinct name normalised once; a name's first appearance is the first of
    # its normalised form's, so numbering the distinct names in order numbers the forms
    distinct = list(dict.fromkeys(flat))
    table: dict[str, int] = {}
    column = {x: table.setdefault(v, len(table)) if v else -1
              for x, v in zip(distinct, _normed(distinct), strict=True)}
    cols = np.fromiter(map(column.__getitem__, flat), dtype=np.int64, count=len(flat))
    rows = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    width = max(len(table), 1)
    keep = cols >= 0
    # each row's columns once, in order
    cells = np.unique(rows[keep] * width + cols[keep])
    indices = cells % width
    indptr = np.concatenate([[0], np.cumsum(np.bincount(cells // width, minlength=len(sizes)))])
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices.astype(np.int64), indptr.astype(np.int64)),
                      shape=(len(sizes), width))


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
                    # the whole month or year (a leap year's 31 December too)
                    lo, hi = date_interval(str(it.date), prec)
                    self.ev_lo[i] = date.fromisoformat(lo).toordinal()
                    self.ev_hi[i] = date.fromisoformat(hi).toordinal()
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
        # dates that can contradict another report's: not a year alone, not an
        # approximate date ("last week"), checked against a published date, and not
        # long before it (a background date: "a shooting last March").  A date after
        # its own report is a misreading, but still a claim the report makes.
        year_or_approx = np.array([(it.date_precision or "day") in ("year", "approximate")
                                   for it in items], dtype=bool)
        with np.errstate(invalid="ignore"):
            self.ev_claims = (~np.isnan(self.ev_lo) & ~year_or_approx & ~np.isnan(self.pub)
                              & (self.ev_lo >= self.pub - cfg.published_window_days))
        # the anchor for blocking: the event date, else the published date
        self.anchor = np.where(np.isnan(self.ev_lo), self.pub, self.ev_lo)
        self.has_event = ~np.isnan(self.ev_lo)

        # strings as integer codes (0 = missing) so pair features vectorise
        self.place = _codes(it.place_name for it in items)
        # a point place (a town, a village, a district) rather than a region or a country
        self.point = np.array([bool(it.place_name) and it.place_kind not in AREA_KINDS
                               for it in items], dtype=bool)
        self.admin1 = _codes(it.admin1 for it in items)
        self.country = _codes(it.country for it in items)
        self.lat = np.array([nan if it.lat is None else float(it.lat) for it in items])
        self.lon = np.array([nan if it.lon is None else float(it.lon) for it in items])
        self.actors = _bag(it.actors for it in items)
        self.perps = _bag(it.perpetrators for it in items)
        self.cause = _codes(it.cause for it in items)
        self.cause_names = _names(it.cause for it in items)
        self.k_lo = np.array([nan if it.killed_min is None else it.killed_min for it in items],
                             dtype=float)
        self.k_hi = np.array([nan if it.killed_max is None else it.killed_max for it in items],
                             dtype=float)
        # a one-sided figure ("at least 10") is its own bound on the other side
        self.k_lo = np.where(np.isnan(self.k_lo), self.k_hi, self.k_lo)
        self.k_hi = np.where(np.isnan(self.k_hi), self.k_lo, self.k_hi)
        self.articles = [it.article_id for it in items]
        # held, not copied: the claim rules read a lead only for the few pairs they question
        self.items = items
        self.text_chars = cfg.text_chars
        #: each report's text, whose first ``text_chars`` characters are its lead
        self.texts = [it.text or it.title or "" for it in items]
        self.place_names = [it.place_name or "" for it in items]
        #: each place name in a dateline's capitals (`names_place`), one string per distinct name
        upper = {v: v.upper() for v in dict.fromkeys(self.place_names)}
        self.place_upper = list(map(upper.__getitem__, self.place_names))
        self._named_dates: dict[int, np.ndarray] = {}
        #: pair codes (i * n + j, i < j, sorted) and the scores `Linker.partitions` gave them
        self.scored: tuple[np.ndarray, np.ndarray] | None = None
        #: per pair of `scored`, the `pair_vetoes` code `Linker.partitions` found, -1 unchecked
        self.vetoed: np.ndarray | None = None

        leads = [(it.text or it.title or "")[: cfg.text_chars] for it in items]
        self.X, self.N, name_idf = text_vectors_idf(leads)
        # how rare each name column is, 1 for a name the reference corpus met at most once
        self.name_rarity = name_idf / rarest_name_idf()
        self.T = title_vectors([it.title or "" for it in items])
        self.years = _bag(years(t) for t in leads)
        read = [persons_and_ages(t) for t in leads]
        self.persons = _bag(names for names, _ in read)
        self.ages, self.ages_near = _age_bags([found for _, found in read])
        del read

    #: per-item arrays and sparse rows (`rows` takes them as they are)
    _ROW_ARRAYS = ("ev_lo", "ev_hi", "ev_day", "pub", "ev_firm", "ev_claims", "anchor",
                   "has_event", "place", "point", "admin1", "country", "lat", "lon", "actors",
                   "perps", "cause", "k_lo", "k_hi", "X", "N", "T", "years", "persons", "ages",
                   "ages_near")
    #: per-item lists (`rows` takes the items' entries)
    _ROW_LISTS = ("articles", "items", "texts", "place_names", "place_upper")

    def rows(self, idx: Sequence[int]) -> _Prepared:
        """The arrays of the items ``idx`` of this batch, in that order: what preparing
        ``[items[i] for i in idx]`` gives, for every use the linker makes of them, without
        reading the leads again.  The string codes and the name and age columns are this
        batch's numbering, only ever compared for equality or summed as ones; the text
        columns keep their (hash) order, so a cosine sums the same terms in the same
        order; the tables by code or by column (``cause_names``, ``name_rarity``) are
        shared."""
        sub = object.__new__(_Prepared)
        at = np.asarray(idx, dtype=np.int64)
        for name, value in vars(self).items():
            setattr(sub, name, value)
        for name in self._ROW_ARRAYS:
            setattr(sub, name, getattr(self, name)[at])
        sub.n = len(at)
        picked = at.tolist()
        for name in self._ROW_LISTS:
            whole = getattr(self, name)
            setattr(sub, name, [whole[i] for i in picked])
        sub._named_dates = {}
        sub.scored = None
        sub.vetoed = None
        return sub

    def lead(self, i: int) -> str:
        it = self.items[i]
        return (it.text or it.title or "")[: self.text_chars]

    def named_dates(self, i: int) -> np.ndarray:
        """The dates item ``i``'s lead names, as ordinal intervals (rows ``lo, hi``), each
        read at its own precision: a day is itself, an approximate date ("last week",
        "a few days ago") spans its slack, a month ("in July") its month.  A year ("this
        year", "in 2014") is left out: it names no incident's date.  Read once per item,
        and only for items a pair of far-apart event dates asks about."""
        got = self._named_dates.get(i)
        if got is None:
            got = named_date_intervals(self.lead(i), self.items[i].published)
            self._named_dates[i] = got
        return got

    def recalls(self, i: int, j: int) -> bool:
        """Whether item ``i``'s lead names item ``j``'s event date (within
        `RECALL_SLACK_DAYS`): a follow-up (an arrest, a funeral, a trial) dated by its own
        news, that recalls the day of the incident it follows."""
        if np.isnan(self.ev_lo[j]):
            return False
        named = self.named_dates(i)
        if not len(named):
            return False
        gap = np.maximum(0.0, np.maximum(named[:, 0], self.ev_lo[j])
                         - np.minimum(named[:, 1], self.ev_hi[j]))
        return bool((gap <= RECALL_SLACK_DAYS).any())

    def follower(self, a: int, b: int) -> int | None:
        """Of a pair whose event dates lie apart, the report whose lead names the other's
        event date (the follow-up; the later-dated one when both do), else None.  The
        caller checks that the two name one person (`date_recalled`)."""
        got = [x for x, y in ((a, b), (b, a)) if self.recalls(x, y)]
        if not got:
            return None
        return max(got, key=lambda v: (float(self.ev_lo[v]), v))

    def names_place(self, i: int, name: str) -> bool:
        """Whether item ``i``'s lead names the place ``name`` (as a place, not as the region
        of the same name: "Deir ez-Zor province" names the governorate, not the city)."""
        return self._names_place(i, name, name.upper())

    def names_place_of(self, i: int, j: int) -> bool:
        """Whether item ``i``'s lead names item ``j``'s place (`names_place`); asked for
        many pairs of far-apart places, so the quick substring test is made here."""
        name = self.place_names[j]
        if not name:
            return False
        text, end = self.texts[i], self.text_chars
        if text.find(name, 0, end) < 0 and text.find(self.place_upper[j], 0, end) < 0:
            return False
        return names_place(text[:end], name)

    def _names_place(self, i: int, name: str, upper: str) -> bool:
        # not cached: a quick substring test answers most questions, and a cache of
        # every (report, place) asked about grew to tens of megabytes at 100k items.
        # The test runs on the report's text up to the lead's end, without copying it
        text, end = self.texts[i], self.text_chars
        if not name or (text.find(name, 0, end) < 0 and text.find(upper, 0, end) < 0):
            return False
        return names_place(text[:end], name)


_SURNAME = r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[-'’][A-Z]?[a-z]+)?"
#: a capitalised word, a surname and, when news gives one, an age ("Ali Syed, 20,")
#: (no leading \b: a pattern that opens on a class is searched twice as fast; a match
#: inside a word, "McDonald Smith", is dropped after)
_PERSON = re.compile(r"([A-Z][a-z]+)\s+((?:[A-Z]\.\s+)?" + _SURNAME + r")\b(,\s+\d{1,3},)?")
#: a sentence's opening word ("In Houston, 12, ...") is no given name
_STOP = frozenset(name_words.NOT_NAMES) | {"in", "at", "on", "of", "from", "for", "with", "by", "near"}
_TITLE_WORDS = frozenset(w for t in person_titles.TITLES for w in t.split())


def person_names(text: str) -> list[str]:
    """People named in ``text`` by a given name and a surname ("Zurana Horton", "John
    T. Smith"): a victim, a gunman or a witness named in two reports is one person, and
    two incidents rarely share one.  A capitalised word after a common given name is a
    surname even where it is also a town ("Robert Anderson"); any two capitalised words
    before an age ("Ali Syed, 20,") are a name too, unless one is a title ("Police
    Chief Harrison, 52," names an office held through many incidents)."""
    return persons_and_ages(text)[0]


def persons_and_ages(text: str) -> tuple[list[str], list[int]]:
    """`person_names` and `person_ages` of ``text``, its names read once for both."""
    given = given_names.GIVEN_NAMES
    names: list[str] = []
    found: list[int] = []
    for m in _PERSON.finditer(text):
        # a name's age, as a name is read ("Police Chief Harrison, 52," is an office)
        aged = bool(m[3]) and (m[1].casefold() not in _STOP and m[1] not in _TITLE_WORDS
                               and m[2] not in _TITLE_WORDS)
        if aged:
            found.append(int(m[3].strip(", ")))
        if (m[1] in given or aged) and not (
                m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’-")):
            names.append(f"{m[1]} {m[2]}")
    # "14-year-old", "35 years old": found by the unit, then the number before it (a
    # pattern opening on the number would be tried at every character of every lead)
    for m in _AGE_UNIT.finditer(text):
        got = _AGE_NUMBER.search(text, max(0, m.start() - 12), m.start())
        if got:
            found.append(int(got[1]))
    for m in _AGE_BEFORE.finditer(text):
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")):
            found.append(int(m[1]))
    return names, [a for a in dict.fromkeys(found) if 0 < a <= _MAX_AGE]


_AGE_UNIT = re.compile(r"(?:" + "|".join(ages.AGE_UNITS) + r")s?\s*-?\s*(?:"
                       + "|".join(ages.AGE_AFTER) + r")\b")
_AGE_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})\s*-?\s*\Z")
_AGE_BEFORE = re.compile(r"(?:" + "|".join(ages.AGE_BEFORE) + r")\s+(\d{1,3})\b")
#: oldest age read as one (a larger number before "years old" is a span of time)
_MAX_AGE = 120


def person_ages(text: str) -> list[int]:
    """The ages of people ``text`` gives: "a 14-year-old boy", "35 years old", "aged 61",
    and a name followed by a number between commas ("Zurana Horton, 34, was killed",
    `person_names`)."""
    return persons_and_ages(text)[1]


def _age_bags(rows: list[list[int]]) -> tuple[csr_matrix, csr_matrix]:
    """Ages per row as binary sparse matrices (column = age in years): the ages, and the
    ages widened by `ages.SAME_AGE_SLACK` either side, so that a row product counts the
    ages of two reports that could be one person's."""
    from scipy.sparse import csr_matrix

    width = _MAX_AGE + ages.SAME_AGE_SLACK + 1
    out = []
    for slack in (0, ages.SAME_AGE_SLACK):
        indptr = [0]
        indices: list[int] = []
        for row in rows:
            cols = {a + d for a in row for d in range(-slack, slack + 1)}
            indices.extend(sorted(cols))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        out.append(csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)),
                              shape=(len(rows), width)))
    return out[0], out[1]


def named_date_intervals(text: str, published: str | None) -> np.ndarray:
    """The dates ``text`` names (`extract.dates.find_dates`, relative ones resolved
    against ``published``), as ordinal intervals at their own precision (see
    `_Prepared.named_dates`); year-precision dates are left out."""
    from ..doc import Doc
    from ..extract.dates import find_dates
    from ..models import Article

    rows: list[tuple[float, float]] = []
    if text:
        doc = Doc(Article(id="lead", text=text, published=published), text=text)
        for d in find_dates(doc):
            if d.precision == "year":
                continue
            lo, hi = date_interval(d.value, d.precision)
            a, b = date.fromisoformat(lo).toordinal(), date.fromisoformat(hi).toordinal()
            if d.precision == "approximate":
                a, b = a - _APPROX_SLACK, b + _APPROX_SLACK
            rows.append((float(a), float(b)))
    return np.array(rows, dtype=np.float64).reshape(-1, 2)


def date_recalled(prep: _Prepared, i: np.ndarray, j: np.ndarray, cfg: LinkSettings) -> np.ndarray:
    """Per pair, whether the two event dates lie more than ``date_window_days`` apart but
    the reports name one and the same person and one report's lead names the other's
    event date.  A follow-up (an arrest, a funeral, a verdict) is dated by its own news
    and recalls the incident it follows by its day and by the people in it ("Syed, who
    killed three on Feb. 19"), so it does not contradict it, as a report naming the
    other's place does not.  The date alone is not enough: a war report names earlier
    strikes of the same town by their dates as background."""
    out = np.zeros(len(i), dtype=bool)
    with np.errstate(invalid="ignore"):
        gap = _interval_gap(prep.ev_lo[i], prep.ev_hi[i], prep.ev_lo[j], prep.ev_hi[j])
        ask = np.flatnonzero(gap > cfg.date_window_days)
    if len(ask):
        shared, _, _ = _overlap(prep.persons, i[ask], j[ask])
        ask = ask[shared > 0]
    for k in ask.tolist():
        out[k] = prep.follower(int(i[k]), int(j[k])) is not None
    return out


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
    if len(i) <= 32:
        # few pairs (clustering scores the ones blocking skipped): slicing the CSR
        # arrays directly avoids scipy's per-call overhead.  The sum is the one scipy
        # makes in `_rowwise_dot_two` (float32 products, nonzero ones, `np.add.reduceat`),
        # so a pair gets the same bits however many pairs it is scored with
        out = np.zeros(len(i), dtype=np.float64)
        ptr, ind, dat = X.indptr, X.indices, X.data
        for r, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
            ia, ib = ind[ptr[a]:ptr[a + 1]], ind[ptr[b]:ptr[b + 1]]
            _, ka, kb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
            prod = dat[ptr[a]:ptr[a + 1]][ka] * dat[ptr[b]:ptr[b + 1]][kb]
            prod = prod[prod != 0]
            if len(prod):
                out[r] = float(np.add.reduceat(prod, [0])[0])
        return out
    return _rowwise_dot_two(X, X, i, j, chunk)


def _rowwise_dot_two(A: csr_matrix, B: csr_matrix, i: np.ndarray, j: np.ndarray,
                     chunk: int = 50_000) -> np.ndarray:
    """Per pair, the dot product of row i of A and row j of B (same columns)."""
    out = np.zeros(len(i), dtype=np.float64)
    for s in range(0, len(i), chunk):
        out[s:s + chunk] = np.asarray(A[i[s:s + chunk]].multiply(B[j[s:s + chunk]])
                                      .sum(axis=1)).ravel()
    return out


def _rowwise_cos(X: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return np.clip(_rowwise_dot(X, i, j), 0.0, 1.0)


def _shared_max(X: csr_matrix, colval: np.ndarray, i: np.ndarray, j: np.ndarray,
                chunk: int = 50_000) -> np.ndarray:
    """Per pair, the largest ``colval`` over the columns rows i and j of X both use (0 if none)."""
    out = np.zeros(len(i), dtype=np.float64)
    for s in range(0, len(i), chunk):
        P = X[i[s:s + chunk]].multiply(X[j[s:s + chunk]]).tocsr()
        P.eliminate_zeros()
        nonempty = np.flatnonzero(np.diff(P.indptr))
        if len(nonempty):
            vals = colval[P.indices]
            out[s + nonempty] = np.maximum.reduceat(vals, P.indptr[nonempty])
    return out


def _overlap(B: csr_matrix, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                     np.ndarray]:
    """Shared count, and each side's size, of the name sets in rows i and j of a bag."""
    sizes = np.diff(B.indptr)
    return _rowwise_dot(B, i, j), sizes[i], sizes[j]


#: place kinds that name an area, not a point: they fit any place inside them
AREA_KINDS = frozenset({"admin1", "country"})

_REGION_AFTER = re.compile(r"\s+(?:" + "|".join(admin_units.AFTER) + r")\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(r"\b(?:" + "|".join(admin_units.BEFORE_OF) + r")\s+of\s+(?:the\s+)?$",
                            re.IGNORECASE)


@lru_cache(maxsize=4096)
def _mention_pattern(name: str) -> re.Pattern[str]:
    # a place name in running text is written as the gazetteer writes it, and in a
    # dateline ("HOUSTON (AP) --") in capitals; a lower-case word ("clay") is no mention
    forms = sorted({name, name.upper()}, key=lambda f: (-len(f), f))
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def names_place(text: str, name: str) -> bool:
    """Whether ``text`` names the place ``name`` itself, as written or in a dateline's
    capitals, and not only a first-level region of the same name ("Idlib province",
    "the governorate of Deir ez-Zor")."""
    if not name or not text or (name not in text and name.upper() not in text):
        return False
    for m in _mention_pattern(name).finditer(text):
        if _REGION_AFTER.match(text, m.end()) or _REGION_BEFORE.search(text, 0, m.start()):
            continue
        return True
    return False

#: reasons the claims of two reports do not fit one incident (`pair_vetoes` codes 1..).
#: The first `HARD_VETOES` rule one incident out in every average the pair enters; the
#: others only stop the pair from being the link that joins two clusters (an extracted
#: region, date, cause or toll is misread too often to overrule a whole cluster).
VETOES: tuple[str, ...] = ("places too far apart", "different countries", "different regions",
                           "event dates too far apart", "causes disagree")
HARD_VETOES = 1

#: pairs of specific causes one killing can be reported under: a manner of killing and
#: the weapon that carries it out (an execution is done by shooting), or two names of
#: one device (a suicide bomber drives a car bomb).  A massacre names no weapon at all.
CAUSES_OF_ONE_KILLING: frozenset[frozenset[str]] = frozenset({
    frozenset({"execution", "shooting"}), frozenset({"car_bomb", "suicide_bombing"})})
NO_WEAPON_CAUSES: frozenset[str] = frozenset({"massacre"})


def link_causes_fit(a: str, b: str) -> bool:
    """Whether two reports' causes can be one incident's: `compare.causes_compatible`
    (the same cause, or a generic one), or a manner of killing and its weapon
    (`CAUSES_OF_ONE_KILLING`, `NO_WEAPON_CAUSES`)."""
    from ..compare.common import causes_compatible

    return (causes_compatible(a, b) or frozenset({a, b}) in CAUSES_OF_ONE_KILLING
            or a in NO_WEAPON_CAUSES or b in NO_WEAPON_CAUSES)


@lru_cache(maxsize=64)
def _cause_fits(names: tuple[str, ...]) -> np.ndarray:
    """`link_causes_fit` of every two cause names (by code; code 0, no cause, fits all):
    one table per batch's causes, which every call of `pair_vetoes` on the batch (and on
    its partitions, `_Prepared.rows`) reads."""
    fits = np.ones((len(names), len(names)), dtype=bool)
    for a in range(1, len(names)):
        for b in range(1, len(names)):
            fits[a, b] = link_causes_fit(names[a], names[b])
    fits.flags.writeable = False
    return fits


def pair_vetoes(prep: _Prepared, i: np.ndarray, j: np.ndarray, cfg: LinkSettings) -> np.ndarray:
    """Per pair, 0 when the claims both reports make fit one incident, else 1 + the index
    of the first reason in `VETOES` they do not.

    Places fit when they are the same, one lies inside the other (a region and a town in
    it), or two point places (towns, villages, districts) lie within ``far_km``; two
    countries, or two admin-1 regions of one country, do not.  Event dates fit when
    their intervals (a month-precision date covers its month) lie within
    ``date_window_days``.  Causes fit unless both are specific and differ (an
    "explosion" fits a "car bomb").  Death tolls are no veto: a toll rises as victims
    die and counts come in, so an early and a late report of one incident differ (the
    ``killed_conflict`` feature weighs it instead).  A claim only one report makes fits
    anything.
    """
    m = len(i)
    out = np.zeros(m, dtype=np.int8)
    if m == 0:
        return out
    ci, cj = prep.country[i], prep.country[j]
    ai, aj = prep.admin1[i], prep.admin1[j]
    country = (ci > 0) & (cj > 0) & (ci != cj)
    region = (ai > 0) & (aj > 0) & (ai != aj)
    with np.errstate(invalid="ignore"):
        dist = _haversine_km(prep.lat[i], prep.lon[i], prep.lat[j], prep.lon[j])
        far = prep.point[i] & prep.point[j] & (dist > cfg.far_km)
        gap = _interval_gap(prep.ev_lo[i], prep.ev_hi[i], prep.ev_lo[j], prep.ev_hi[j])
        dates = (gap > cfg.date_window_days) & prep.ev_claims[i] & prep.ev_claims[j]
    # two event dates only disagree when neither report names the other's date (a
    # follow-up dated by its own news recalls the incident's day)
    ask = np.flatnonzero(dates)
    if len(ask):
        dates[ask[date_recalled(prep, i[ask], j[ask], cfg)]] = False
    # cause codes are few: one compatibility table, then a vectorised lookup
    cause = ~_cause_fits(tuple(prep.cause_names))[prep.cause[i], prep.cause[j]]
    # two place claims only disagree when neither report names the other's place: the
    # extractor picks one place per report, and a report that names the other's place
    # (its dateline, the town a victim came from) does not contradict it; the same name
    # resolved to two gazetteer entries ("Paris" in France and in Texas) is one claim
    geo = np.flatnonzero(far | country | region)
    if len(geo):
        pi, pj = prep.place[i[geo]], prep.place[j[geo]]
        fit = (pi > 0) & (pi == pj)
        ask = np.flatnonzero(~fit)
        named = prep.names_place_of
        fit[ask] = [named(a, b) or named(b, a)
                    for a, b in zip(i[geo[ask]].tolist(), j[geo[ask]].tolist(), strict=True)]
        for mask in (far, country, region):
            mask[geo[fit]] = False
    for code, mask in enumerate((far, country, region, dates, cause), start=1):
        out[(out == 0) & mask] = code
    return out


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
        far = prep.ev_firm[i] & prep.ev_firm[j] & (gap > W)
    recalled = date_recalled(prep, i, j, cfg)
    F[:, col["date_recalled"]] = recalled
    F[:, col["date_far"]] = far & ~recalled
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
    # one exact toll both give: a figure of one is shared by most shootings, so from two up
    F[:, col["killed_same"]] = (known & (klo_i == khi_i) & (klo_j == khi_j) & (klo_i == klo_j)
                                & (klo_i >= 2))
    F[:, col["title_cos"]] = _rowwise_cos(prep.T, i, j)
    F[:, col["rare_name"]] = _shared_max(prep.N, prep.name_rarity, i, j)
    shared, _, _ = _overlap(prep.persons, i, j)
    F[:, col["person_shared"]] = shared > 0
    # ages one person could have in both reports (the widened ages of one side against the
    # ages of the other; the slack is symmetric, so either side may be the widened one)
    near = _rowwise_dot_two(prep.ages_near, prep.ages, i, j)
    sizes = np.diff(prep.ages.indptr)
    F[:, col["age_conflict"]] = (sizes[i] > 0) & (sizes[j] > 0) & (near == 0)
    return F
