"""Matching reported incidents against a reference database, field by field.

The reference is read by `reference` (generic incident or victim rows) or
`databases` (UCDP GED, ACLED).  A reported incident finds its candidates by
date (each side's date range, widened by the date window) and place: by
distance against each side's precision radius where both have coordinates
(`geo`), else by name or containment (a village inside its governorate).
The nearest candidate agreeing on most fields is compared claim by claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from .geo import AREA_PRECISION, haversine_km, reference_radius_km, report_radius_km
from .reference import (
    _UNBOUNDED,
    CATEGORIES,
    MatchLabel,
    PlaceLevel,
    Reference,
    ReferenceIncident,
    Tolerances,
    _norm_label,
    cause_key,
    days_between,
    iso_or_none,
    place_key,
)

# -- comparing figures ---------------------------------------------------------

@dataclass
class FieldResult:
    """One compared field: what the report says, what the reference says, and the verdict."""

    field: str
    status: Literal["match", "miss", "unknown"]
    report: Any
    reference: Any
    reason: str
    diff: float | None = None  # absolute difference (days for dates, people for counts)
    relative: float | None = None  # diff / reference figure

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def compare_count(label: str, lo: int | None, hi: int | None, ref: int | None,
                  tol: Tolerances, *, display: str | None = None,
                  ref_range: tuple[int, int] | None = None) -> FieldResult | None:
    """Compare a reported figure (a point or an interval ``[lo, hi]``) with a reference figure.

    An interval agrees when the reference lies inside it or within tolerance of
    its nearer end.  A reference with a range (UCDP GED low–high around best)
    agrees with anything inside the range, and is shown with it.  Returns None
    when either side has no figure.
    """
    if ref is None or (lo is None and hi is None):
        return None
    lo_ = lo if lo is not None else 0
    hi_ = hi if hi is not None else lo_
    shown = display or (str(lo_) if lo_ == hi_ else f"at least {lo_}" if hi_ >= _UNBOUNDED
                        else f"{lo_}–{hi_}")
    rlo, rhi = ref_range if ref_range else (ref, ref)
    # the gap between the two intervals: 0 when they overlap
    diff = max(0, rlo - hi_, lo_ - rhi)
    rel = diff / ref if ref else (0.0 if diff == 0 else 1.0)
    allowed = tol.count * ref if tol.count < 1 else tol.count
    ok = diff <= allowed
    theirs = f"reference {ref}" + (f" (low {rlo}, high {rhi})" if ref_range else "")
    if diff == 0:
        reason = f"{label} {shown} vs {theirs}: agrees"
    else:
        reason = (f"{label} {shown} vs {theirs}: off by {diff:g} ({rel:.0%}) "
                  f"{'≤' if ok else '>'} tolerance {tol.describe()}")
    return FieldResult(label, "match" if ok else "miss", shown, ref, reason, float(diff), round(rel, 4))


# -- matching ----------------------------------------------------------------

#: the span a reported date stands for, by the extraction's date_precision
_PRECISION_DAYS = {"day": 0, "week": 6}


@dataclass
class ReportedIncident:
    """The claims of one (article, incident) pair, read from an extraction dict."""

    article_id: str
    incident_index: int
    outlet: str | None
    published: str | None
    date: str | None
    place: str | None
    admin1: str | None
    country: str | None
    cause: str | None
    perpetrators: list[str]
    killed: dict[str, int | None]
    injured: int | None
    casualties: list[dict[str, Any]]
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    date_precision: str | None = None
    population: int | None = None

    @classmethod
    def from_extraction(cls, extraction: Mapping[str, Any], index: int,
                        populations: Mapping[int, int] | None = None) -> ReportedIncident:
        inc = extraction["incidents"][index]
        place = inc.get("place") or {}
        toll = inc.get("toll") or {}
        cause = inc.get("cause") or {}
        gid = place.get("geonameid")
        return cls(
            article_id=str(extraction["id"]), incident_index=index,
            outlet=extraction.get("outlet"), published=extraction.get("published"),
            date=inc.get("date"), place=place.get("name"), admin1=place.get("admin1"),
            country=place.get("country"), cause=cause.get("category"),
            perpetrators=[a["name"] for a in inc.get("actors", []) if a.get("role") == "perpetrator"],
            killed=dict((toll.get("killed") or {}).items()) or dict.fromkeys(CATEGORIES),
            injured=(toll.get("injured") or {}).get("total"),
            casualties=list(inc.get("casualties") or []),
            lat=place.get("lat"), lon=place.get("lon"), place_kind=place.get("kind"),
            date_precision=inc.get("date_precision"),
            population=(populations or {}).get(gid) if gid else None,
        )

    def interval(self, outcome: str, category: str) -> tuple[int | None, int | None, str | None]:
        """The reported interval behind a toll figure (see `reported_interval`)."""
        if outcome == "killed":
            value = self.killed.get(category)
            if value is None and category == "total":
                # "62 soldiers killed": a total given only by category is still the total
                parts = [self.killed[c] for c in ("civilian", "noncivilian")
                         if self.killed.get(c) is not None]
                value = sum(p for p in parts if p is not None) if parts else None
        else:
            value = self.injured
        return reported_interval(value, self.casualties, outcome)

    def date_range(self) -> tuple[str, str, str] | None:
        """(first day, last day, how it was dated) of the event as reported."""
        when = iso_or_none(self.date)
        if when:
            d = date.fromisoformat(when)
            if self.date_precision == "month":
                nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
                return date(d.year, d.month, 1).isoformat(), date.fromordinal(
                    nxt.toordinal() - 1).isoformat(), "month"
            if self.date_precision == "year":
                return f"{d.year}-01-01", f"{d.year}-12-31", "year"
            span = _PRECISION_DAYS.get(self.date_precision or "day", 0)
            return when, date.fromordinal(d.toordinal() + span).isoformat(), "event"
        pub = iso_or_none(self.published)
        return (pub, pub, "publication") if pub else None


def reported_interval(value: int | None, casualties: Iterable[Mapping[str, Any]],
                      outcome: str) -> tuple[int | None, int | None, str | None]:
    """The interval a toll figure stands for, read from the casualty mentions behind it.

    ``at least 100`` / ``over 100`` is open above; ``12 to 15`` is a range; an
    exact, approximate or ``up to 80`` figure is a point at the stated number
    (a casualty count given as "up to N" claims N, as monitors read it).
    Returns (lo, hi, display); display is None for a plain point.
    """
    if value is None:
        return None, None, None
    found: dict[str, Mapping[str, Any]] = {}
    mentions = [c for c in casualties
                if c.get("outcome") == outcome and value in (c.get("min"), c.get("max"))]
    for c in mentions:
        found.setdefault(str(c.get("qualifier")), c)
    # the same figure stated twice ("up to 80 ... killed 80"): the first statement is the
    # report's own claim, later ones repeat or quote it, so it decides how the figure reads
    first = min(mentions, key=lambda c: c.get("start") or 0, default=None)
    if first is not None and first.get("qualifier") == "at_most" and "range" not in found:
        return value, value, f"up to {value}"
    if "exact" in found or "about" in found:
        return value, value, None
    if "range" in found:
        lo, hi = found["range"].get("min"), found["range"].get("max")
        if lo is not None and hi is not None:
            return lo, hi, f"{lo}–{hi}"
    if "at_least" in found and found["at_least"].get("min") is not None:
        lo = found["at_least"]["min"]
        return lo, _UNBOUNDED, f"at least {lo}"
    if "at_most" in found:
        return value, value, f"up to {value}"
    return value, value, None


@dataclass
class PlaceMatch:
    """How a reported place and a reference record were found to be the same place."""

    how: Literal["distance", "name", "containment"]
    reason: str
    distance_km: float | None = None
    radius_km: float | None = None


def _by_distance(rep: ReportedIncident, ref: ReferenceIncident) -> PlaceMatch | None | bool:
    """A `PlaceMatch`, False when too far apart, None when distance cannot decide."""
    if None in (rep.lat, rep.lon, ref.lat, ref.lon):
        return None
    r_rep = report_radius_km(rep.place_kind, rep.population)
    r_ref = reference_radius_km(ref.where_prec, ref.place_type)
    if r_rep is None or r_ref is None:
        return None
    assert rep.lat is not None and rep.lon is not None and ref.lat is not None \
        and ref.lon is not None
    km = haversine_km(rep.lat, rep.lon, ref.lat, ref.lon)
    radius = r_rep + r_ref
    if km > radius:
        return False
    return PlaceMatch("distance", f"place {rep.place} vs reference {ref.place}: {km:.1f} km apart, "
                      f"within {radius:g} km ({rep.place_kind} radius {r_rep:g} km + reference "
                      f"{_precision_words(ref)} radius {r_ref:g} km)", round(km, 2), radius)


def _precision_words(ref: ReferenceIncident) -> str:
    kind = ref.place_type or "site"
    return {1: f"exact {kind}", 2: "within ca. 25 km of a point"}.get(ref.where_prec or 0, kind)


def place_match(rep: ReportedIncident, ref: ReferenceIncident, level: PlaceLevel) -> PlaceMatch | None:
    """How the places agree at ``level``, or None when they do not (or the report names none).

    At ``city`` level two located points are compared by distance against the
    radius their precision allows (`geo`); otherwise, and for areas, by name: the
    same town (spelling-insensitive, a landmark named after its town matches it)
    or containment (a place inside the governorate the other side records).
    """
    if not rep.place and not rep.admin1 and not rep.country:
        return None
    rep_keys = {place_key(x) for x in (rep.place, rep.admin1) if x}
    if level == "country":
        if rep.country and ref.country:
            same = rep.country.strip().lower() == ref.country.strip().lower()
            return PlaceMatch("containment", f"country {rep.country} vs reference "
                              f"{ref.country}: same country") if same else None
        level = "admin1"
    if level == "admin1":
        ref_keys = {place_key(x) for x in (ref.admin1, ref.place) if x}
        if rep_keys & ref_keys:
            return PlaceMatch("containment", f"place {rep.place or rep.admin1} vs reference "
                              f"{ref.place}: same governorate")
        return None
    dist = _by_distance(rep, ref)
    if isinstance(dist, PlaceMatch):
        return dist
    if dist is False:
        return None
    if ref.where_prec is not None and ref.where_prec >= 6:
        return None  # a country-wide record says nothing about a reported town
    ref_place = place_key(ref.place or "")
    area = ref.where_prec is not None and ref.where_prec >= AREA_PRECISION
    if rep.place and ref_place and not area:
        mine = place_key(rep.place)
        # "Deir ez-Zor airport" is in Deir ez-Zor: a landmark named after its town matches it
        if mine == ref_place or mine.startswith(ref_place + " "):
            return PlaceMatch("name", f"place {rep.place} vs reference {ref.place}: same town")
    ref_area = ref.admin1 if area or ref.place is None or ref.admin1 is None else None
    if area and ref.admin1 is None:
        ref_area = ref.place
    if ref_area and rep.admin1 and place_key(ref_area) == place_key(rep.admin1):
        return PlaceMatch("containment", f"place {rep.place or rep.admin1} is in {rep.admin1}; the "
                          f"reference records the event only at {ref.place or ref.admin1}")
    # a reference that records only the governorate cannot be more precise than that
    if rep.admin1 and ref.admin1 is None and ref_place == place_key(rep.admin1):
        return PlaceMatch("containment", f"place {rep.place} is in {rep.admin1}, where the "
                          "reference records it")
    if rep.place_kind == "admin1" and ref.admin1 and place_key(ref.admin1) in rep_keys:
        return PlaceMatch("containment", f"reference place {ref.place} is in {rep.place}, the "
                          "governorate the report names")
    return None


def place_matches(rep: ReportedIncident, ref: ReferenceIncident, level: PlaceLevel) -> bool | None:
    """Whether the places agree at ``level``; None when the report names no place."""
    if not rep.place and not rep.admin1 and not rep.country:
        return None
    return place_match(rep, ref, level) is not None


@dataclass
class MatchResult:
    article_id: str
    incident_index: int
    label: MatchLabel
    score: float | None
    reference_id: str | None
    fields: list[FieldResult]
    reasons: list[str]
    record: ReferenceIncident | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "incident_index": self.incident_index,
            "label": self.label, "score": self.score, "reference_id": self.reference_id,
            "fields": [f.to_dict() for f in self.fields], "reasons": self.reasons,
        }


def source_label(source: str) -> str:
    """``SOHR (2016-09-17)`` from GED's ``SOHR,2016-09-17,title``; other sources as they are."""
    parts = [p.strip() for p in source.split(",")]
    if len(parts) >= 2 and iso_or_none(parts[1]):
        return f"{parts[0]} ({parts[1]})"
    return source


_RANK = {"match": 3, "partial": 2, "disagrees": 1, "no_reference": 0}


def _date_field(rep: ReportedIncident, ref: ReferenceIncident, tol: Tolerances) -> FieldResult | None:
    rng = rep.date_range()
    if rng is None or not ref.date:
        return None
    lo, hi, how = rng
    rlo, rhi = ref.date, ref.date_end or ref.date
    gap = max(0, days_between(rlo, hi) if rlo > hi else 0, days_between(lo, rhi) if lo > rhi else 0)
    mine = lo if lo == hi else f"{lo} to {hi}"
    theirs = rlo if rlo == rhi else f"{rlo} to {rhi}"
    src = " (publication date; the report gives no event date)" if how == "publication" else ""
    ok = gap <= tol.date_window
    verdict = "same day(s)" if gap == 0 else f"{gap} day(s) apart"
    return FieldResult("date", "match" if ok else "miss", mine, theirs,
                       f"date {mine} vs reference {theirs}: {verdict}{src}", float(gap))


def _perpetrator_field(rep: ReportedIncident, ref: ReferenceIncident) -> FieldResult | None:
    if not rep.perpetrators:
        return None
    shown = ", ".join(rep.perpetrators)
    if ref.perpetrator:
        rk = _norm_label(ref.perpetrator)
        same = any(_norm_label(p) == rk or _norm_label(p) in rk or rk in _norm_label(p)
                   for p in rep.perpetrators)
        return FieldResult("perpetrator", "match" if same else "miss", shown, ref.perpetrator,
                           f"perpetrator {shown} vs reference {ref.perpetrator}: "
                           f"{'agrees' if same else 'differs'}")
    if ref.sides:
        # GED and ACLED record the sides of a conflict, not who caused each death: a
        # perpetrator among the sides agrees, one absent from them is not contradicted
        sides = " vs ".join(ref.sides)
        keys = [set(_norm_label(s).split()) for s in ref.sides]
        # whole words: "IS" must not match inside "Islamic State"
        same = any(k and (k <= set(_norm_label(p).split()) or set(_norm_label(p).split()) <= k)
                   for p in rep.perpetrators for k in keys)
        return FieldResult("perpetrator", "match" if same else "unknown", shown, sides,
                           f"perpetrator {shown} vs reference sides {sides}: "
                           + ("one of the sides" if same else
                              "not among the sides; the reference does not record who caused "
                              "the deaths"))
    return None


def _compare_fields(rep: ReportedIncident, ref: ReferenceIncident, tol: Tolerances,
                    where: PlaceMatch) -> list[FieldResult]:
    out: list[FieldResult] = []
    d = _date_field(rep, ref, tol)
    if d is not None:
        out.append(d)
    out.append(FieldResult("place", "match", rep.place or rep.admin1, ref.place or ref.admin1,
                           where.reason, where.distance_km))
    if rep.cause and ref.cause:
        same = cause_key(rep.cause) == cause_key(ref.cause)
        out.append(FieldResult("cause", "match" if same else "miss", rep.cause, ref.cause,
                               f"cause {rep.cause} vs reference {ref.cause}: "
                               f"{'agrees' if same else 'differs'}"))
    p = _perpetrator_field(rep, ref)
    if p is not None:
        out.append(p)
    for cat in CATEGORIES:
        lo, hi, disp = rep.interval("killed", cat)
        name = "killed" if cat == "total" else f"killed {cat}"
        r = compare_count(name, lo, hi, ref.killed.get(cat), tol, display=disp,
                          ref_range=ref.killed_range if cat == "total" else None)
        if r:
            out.append(r)
    lo, hi, disp = rep.interval("injured", "total")
    r = compare_count("injured", lo, hi, ref.injured, tol, display=disp)
    if r:
        out.append(r)
    return out


def match_incident(rep: ReportedIncident, reference: Reference, tol: Tolerances) -> MatchResult:
    """Find the nearest reference incident and compare every field both sides state.

    Labels: ``no_reference`` when nothing in the reference lies within the date
    window at the same place; ``match`` when every compared claim agrees and at
    least one figure was compared; ``disagrees`` when every compared figure (or,
    without figures, the cause/perpetrator) disagrees; ``partial`` otherwise.
    """
    rng = rep.date_range()
    where = rep.place or rep.admin1 or rep.country
    if not rng or not where:
        missing = "date" if not rng else "place"
        return MatchResult(rep.article_id, rep.incident_index, "no_reference", None, None, [],
                           [f"the report gives no {missing}, so no reference incident can be looked up"])
    lo, hi, _ = rng
    candidates: list[tuple[ReferenceIncident, PlaceMatch]] = []
    for ref in reference.near(lo, tol.date_window, hi):
        pm = place_match(rep, ref, tol.place_level)
        if pm is not None:
            candidates.append((ref, pm))
    if not candidates:
        span = lo if lo == hi else f"{lo} to {hi}"
        return MatchResult(rep.article_id, rep.incident_index, "no_reference", None, None, [], [
            f"no reference incident at {where} ({tol.place_level} level) within "
            f"{tol.date_window} day(s) of {span}"])
    best: tuple[tuple[float, ...], ReferenceIncident, list[FieldResult]] | None = None
    for ref, pm in candidates:
        fields = _compare_fields(rep, ref, tol, pm)
        checked = [f for f in fields if f.field not in ("date", "place") and f.status != "unknown"]
        date_gap = next((f.diff or 0.0 for f in fields if f.field == "date"), 0.0)
        key = (sum(f.status == "match" for f in checked) / len(checked) if checked else 0.0,
               -date_gap, -sum(f.relative or 0 for f in checked), -(pm.distance_km or 0.0))
        if best is None or key > best[0]:
            best = (key, ref, fields)
    assert best is not None
    _, ref, fields = best
    checked = [f for f in fields if f.field not in ("date", "place") and f.status != "unknown"]
    figures = [f for f in checked if f.field.startswith(("killed", "injured"))]
    ok = [f for f in checked if f.status == "match"]
    label: MatchLabel
    extra: list[str]
    if not checked:
        label = "partial"
        extra = ["only the date and place could be compared: the report gives no figures, "
                 "cause or perpetrator that the reference records"]
    elif len(ok) == len(checked) and figures:
        label, extra = "match", []
    elif len(ok) == len(checked):
        label, extra = "partial", ["no casualty figure to compare"]
    elif (figures and not any(f.status == "match" for f in figures)) or (not figures and not ok):
        label, extra = "disagrees", []
    else:
        label, extra = "partial", []
    score = round(len(ok) / len(checked), 4) if checked else None
    reasons = [f"reference incident {ref.describe()}"]
    if ref.sources:
        reasons.append("reference sources: " + "; ".join(source_label(x) for x in ref.sources))
    reasons += [f.reason for f in sorted(fields, key=lambda f: f.status != "miss")] + extra
    if ref.unknown_status:
        reasons.append(f"the reference records {ref.unknown_status} death(s) of unknown status "
                       "(civilian or combatant), so category figures are not compared")
    return MatchResult(rep.article_id, rep.incident_index, label, score, ref.id, fields, reasons, ref)


def verify_extractions(extractions: Iterable[Mapping[str, Any]], reference: Reference,
                       tol: Tolerances | None = None, *,
                       populations: Mapping[int, int] | None = None) -> list[dict[str, Any]]:
    """One ``reference`` verdict per article (its best-matching incident), with reasons.

    The most salient incident (index 0) decides unless it finds no reference and
    a later incident of the same article does.  ``populations`` (geonameid ->
    population, from the caller's gazetteer) sizes the radius of a reported town.
    """
    tol = tol or Tolerances()
    verdicts: list[dict[str, Any]] = []
    for ex in extractions:
        results = [match_incident(ReportedIncident.from_extraction(ex, i, populations), reference, tol)
                   for i in range(len(ex.get("incidents") or []))]
        if not results:
            verdicts.append({
                "article_id": str(ex["id"]), "kind": "reference", "label": "no_reference",
                "score": None, "reasons": ["no incident was extracted from this report"],
                "details": {"incidents": [], "tolerances": asdict(tol), "reference": reference.path},
            })
            continue
        chosen = results[0]
        if chosen.label == "no_reference":
            chosen = max(results, key=lambda r: _RANK[r.label])
        verdicts.append({
            "article_id": chosen.article_id, "kind": "reference", "label": chosen.label,
            "score": chosen.score, "reasons": chosen.reasons,
            "details": {"incident_index": chosen.incident_index, "reference_id": chosen.reference_id,
                        "record": chosen.record.to_dict() if chosen.record else None,
                        "fields": [f.to_dict() for f in chosen.fields],
                        "incidents": [r.to_dict() for r in results],
                        "tolerances": asdict(tol), "reference": reference.path},
        })
    return verdicts
