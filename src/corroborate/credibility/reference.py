"""Reference matching: check each reported incident against a reference database.

This is the method FA-KES used to label its articles: an article is credible
when the incident it reports (date, place, cause, who did it, who was killed)
matches the record of a documentation centre (there, the VDC).  Here the
reference is any CSV in one of two shapes, detected from its columns:

* **incident rows**: one row per incident with ``date``, ``place`` and counts
  (``killed``, ``civilian``, ``noncivilian``, ``children``, ``women``,
  ``injured``), optionally ``admin1``, ``country``, ``cause``, ``perpetrator``;
* **victim rows**: one row per person (VDC style) with ``name``, ``status``
  (civilian / noncivilian), ``sex``, ``age`` or a ``child`` flag, ``place``,
  ``date`` and ``cause`` of death.  Rows are aggregated into incidents by
  (date, place, cause) before matching.

Column names are matched against documented synonyms (`INCIDENT_COLUMNS`,
`VICTIM_COLUMNS`); ``mapping`` overrides them (``{"place": "governorate"}``).

Each verdict says which fields matched or missed and by how much, e.g.
``killed noncivilian 62 vs reference 90: off by 28 (31%) > tolerance 10%``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import error

PlaceLevel = Literal["city", "admin1", "country"]
ReferenceFormat = Literal["incidents", "victims"]
MatchLabel = Literal["match", "partial", "no_match", "no_reference"]
#: upper end of an open interval ("at least 100")
_UNBOUNDED = 10**9
CATEGORIES = ("total", "civilian", "noncivilian", "children", "women")

#: canonical field -> accepted column names (compared case- and punctuation-insensitively)
INCIDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "incident_id", "ref_id", "event_id"),
    "date": ("date", "event_date", "incident_date", "day"),
    "place": ("place", "location", "city", "town", "village", "locality", "place_name"),
    "admin1": ("admin1", "governorate", "province", "region", "state", "muhafazah"),
    "country": ("country", "country_code", "iso2"),
    "cause": ("cause", "cause_of_death", "weapon", "event_type", "attack_type"),
    "perpetrator": ("perpetrator", "actor", "actor1", "responsible", "perpetrators"),
    "killed": ("killed", "fatalities", "deaths", "dead", "nb_killed", "total_killed"),
    "civilian": ("civilian", "civilians", "nb_civilians", "killed_civilians"),
    "noncivilian": ("noncivilian", "noncivilians", "nb_noncivilians", "combatants",
                    "killed_noncivilians", "military"),
    "children": ("children", "nb_children", "killed_children", "child_deaths"),
    "women": ("women", "nb_women", "killed_women"),
    "injured": ("injured", "wounded", "nb_injured", "injuries"),
}
VICTIM_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "victim", "victim_name", "full_name"),
    "status": ("status", "civilian_status", "type", "victim_status"),
    "sex": ("sex", "gender"),
    "age": ("age", "age_years"),
    "child": ("child", "is_child", "minor", "age_group"),
    "date": ("date", "date_of_death", "death_date"),
    "place": ("place", "location", "place_of_death", "city", "town"),
    "admin1": ("admin1", "governorate", "province", "region"),
    "country": ("country", "country_code"),
    "cause": ("cause", "cause_of_death", "death_cause"),
    "perpetrator": ("perpetrator", "actor", "responsible"),
}
#: a file is read as victim rows when it has one of these and no count column
_VICTIM_MARKERS = ("name", "status", "sex", "age", "child")
_COUNT_FIELDS = ("killed", "civilian", "noncivilian", "children", "women", "injured")


@dataclass
class ReferenceIncident:
    """One incident of the reference database (aggregated from victims if need be)."""

    id: str
    date: str | None
    place: str | None
    admin1: str | None = None
    country: str | None = None
    cause: str | None = None
    perpetrator: str | None = None
    killed: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(CATEGORIES))
    injured: int | None = None
    rows: list[int] = field(default_factory=list)  # 0-based data rows of the file

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reference:
    incidents: list[ReferenceIncident]
    format: ReferenceFormat
    columns: dict[str, str]  # canonical field -> column used
    path: str | None = None
    _by_day: dict[int, list[ReferenceIncident]] = field(default_factory=dict, repr=False)

    def near(self, when: str, window: int) -> list[ReferenceIncident]:
        """Reference incidents dated within ``window`` days of ``when`` (indexed by day)."""
        if not self._by_day:
            for inc in self.incidents:
                if inc.date:
                    self._by_day.setdefault(date.fromisoformat(inc.date).toordinal(), []).append(inc)
        day = date.fromisoformat(when).toordinal()
        return [inc for d in range(day - window, day + window + 1) for inc in self._by_day.get(d, ())]


@dataclass
class Tolerances:
    """How close a report must be to the reference to count as agreeing.

    ``count`` below 1 is relative (0.1 = within 10% of the reference figure);
    1 or more is absolute (5 = within 5 people).  ``date_window`` is in days.
    """

    date_window: int = 3
    place_level: PlaceLevel = "city"
    count: float = 0.1

    def describe(self) -> str:
        return f"{self.count:.0%}" if self.count < 1 else f"±{self.count:g}"


# -- reading ------------------------------------------------------------------

def _norm_col(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _resolve(header: Sequence[str], synonyms: Mapping[str, tuple[str, ...]],
             mapping: Mapping[str, str], path: str | None) -> dict[str, str]:
    by_norm = {_norm_col(h): h for h in header}
    cols: dict[str, str] = {}
    for fld, names in synonyms.items():
        for n in names:
            if n in by_norm:
                cols[fld] = by_norm[n]
                break
    for fld, col in mapping.items():
        if fld not in INCIDENT_COLUMNS and fld not in VICTIM_COLUMNS:
            known = sorted(set(INCIDENT_COLUMNS) | set(VICTIM_COLUMNS))
            raise error("E018", f"unknown reference field {fld!r}; known: {', '.join(known)}",
                        file=path, field=fld)
        if col not in header:
            raise error("E051", f"--map {fld}={col}: no column {col!r} in {list(header)}",
                        file=path, field=fld)
        cols[fld] = col
    return cols


def detect_format(header: Sequence[str], mapping: Mapping[str, str] | None = None) -> ReferenceFormat:
    """``victims`` when the columns describe people, else ``incidents``."""
    mapping = mapping or {}
    inc = _resolve(header, INCIDENT_COLUMNS, {k: v for k, v in mapping.items()
                                              if k in INCIDENT_COLUMNS}, None)
    vic = _resolve(header, VICTIM_COLUMNS, {k: v for k, v in mapping.items()
                                            if k in VICTIM_COLUMNS}, None)
    has_counts = any(f in inc for f in _COUNT_FIELDS)
    has_people = any(f in vic for f in _VICTIM_MARKERS)
    return "victims" if has_people and not has_counts else "incidents"


_DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$"), ("m", "d", "y")),  # FA-KES / US style
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
)


def parse_date(value: str) -> str | None:
    """ISO date from ``YYYY-MM-DD``, ``M/D/YY(YY)`` or ``D.M.YYYY``; None when blank.

    Raises ValueError when the value is present but not a date.
    """
    value = value.strip()
    if not value:
        return None
    for rx, order in _DATE_FORMATS:
        m = rx.match(value)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            y = parts["y"] + (2000 if parts["y"] < 100 else 0)
            return date(y, parts["m"], parts["d"]).isoformat()
    raise ValueError(value)


def _count(value: str | None, path: str | None, row: int, fld: str) -> int | None:
    if value is None or not value.strip() or value.strip().lower() in {"na", "n/a", "none", "-"}:
        return None
    try:
        n = int(float(value.replace(",", "").strip()))
    except ValueError:
        raise error("E051", f"{fld} {value!r} is not a number", file=path, row=row, field=fld) from None
    if n < 0:
        raise error("E051", f"{fld} {value!r} is negative", file=path, row=row, field=fld)
    return n


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_reference(source: str | Path | io.TextIOBase, *, mapping: Mapping[str, str] | None = None,
                   format: ReferenceFormat | None = None) -> Reference:
    """Load a reference CSV of incident rows or victim rows (auto-detected).

    Errors: E001 missing file, E051 malformed content (with row and field),
    E018 unknown field in ``mapping``.
    """
    mapping = dict(mapping or {})
    path: str | None = None
    if isinstance(source, str | Path):
        path = str(source)
        p = Path(source)
        if not p.is_file():
            raise error("E001", f"reference file {path} not found", file=path)
        text = p.read_text(encoding="utf-8-sig")
    else:
        text = source.read()
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise error("E051", "reference file is empty", file=path) from None
    fmt = format or detect_format(header, mapping)
    synonyms = VICTIM_COLUMNS if fmt == "victims" else INCIDENT_COLUMNS
    # validates every mapped field name, even those of the other format
    _resolve(header, {}, mapping, path)
    cols = _resolve(header, synonyms, {k: v for k, v in mapping.items() if k in synonyms}, path)
    for needed in ("date", "place"):
        if needed not in cols:
            raise error("E051", f"no {needed} column (tried {', '.join(synonyms[needed])}; "
                        f"use --map {needed}=COLUMN)", file=path, field=needed)
    rows: list[tuple[int, dict[str, str]]] = []
    for i, values in enumerate(reader):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise error("E051", f"{len(values)} cells, header has {len(header)}", file=path, row=i)
        rec = dict(zip(header, values, strict=True))
        rows.append((i, {f: rec[c] for f, c in cols.items()}))
    if fmt == "victims":
        incidents = _aggregate_victims(rows, path)
    else:
        incidents = [_incident_row(i, r, path) for i, r in rows]
    return Reference(incidents=incidents, format=fmt, columns=cols, path=path)


def _row_date(r: Mapping[str, str], path: str | None, i: int) -> str | None:
    try:
        return parse_date(r.get("date", ""))
    except ValueError:
        raise error("E051", f"unparseable date {r.get('date')!r}", file=path, row=i,
                    field="date") from None


def _incident_row(i: int, r: Mapping[str, str], path: str | None) -> ReferenceIncident:
    killed: dict[str, int | None] = {
        "total": _count(r.get("killed"), path, i, "killed"),
        **{c: _count(r.get(c), path, i, c) for c in ("civilian", "noncivilian", "children", "women")},
    }
    if killed["total"] is None and (killed["civilian"] is not None or killed["noncivilian"] is not None):
        killed["total"] = (killed["civilian"] or 0) + (killed["noncivilian"] or 0)
    return ReferenceIncident(
        id=_text(r.get("id")) or f"ref-{i}", date=_row_date(r, path, i), place=_text(r.get("place")),
        admin1=_text(r.get("admin1")), country=_text(r.get("country")),
        cause=_text(r.get("cause")), perpetrator=_text(r.get("perpetrator")),
        killed=killed, injured=_count(r.get("injured"), path, i, "injured"), rows=[i],
    )


_CIVILIAN = {"civilian", "civ", "c", "civilians"}
_NONCIVILIAN = {"noncivilian", "non-civilian", "non civilian", "combatant", "military", "soldier",
                "fighter", "armed", "nc", "non-civ"}
_FEMALE = {"f", "female", "woman", "women", "adult female"}
_TRUE = {"1", "true", "yes", "y", "child", "minor", "t"}


def _aggregate_victims(rows: list[tuple[int, dict[str, str]]], path: str | None) -> list[ReferenceIncident]:
    """One incident per (date, place, cause); women = adult females, as VDC counts them."""
    groups: dict[tuple[str | None, str, str], ReferenceIncident] = {}
    for i, r in rows:
        d = _row_date(r, path, i)
        place = _text(r.get("place"))
        cause = _text(r.get("cause"))
        key = (d, place_key(place or ""), (cause or "").lower())
        inc = groups.get(key)
        if inc is None:
            slug = re.sub(r"[^a-z0-9]+", "-", f"{place or 'unknown'} {cause or ''}".lower()).strip("-")
            inc = ReferenceIncident(id=f"ref-{d or 'nodate'}-{slug}", date=d, place=place,
                                    admin1=_text(r.get("admin1")), country=_text(r.get("country")),
                                    cause=cause, perpetrator=_text(r.get("perpetrator")),
                                    killed=dict.fromkeys(CATEGORIES, 0))
            groups[key] = inc
        k = inc.killed
        k["total"] = (k["total"] or 0) + 1
        status = (r.get("status") or "").strip().lower()
        if status in _CIVILIAN:
            k["civilian"] = (k["civilian"] or 0) + 1
        elif status in _NONCIVILIAN:
            k["noncivilian"] = (k["noncivilian"] or 0) + 1
        elif status:
            raise error("E051", f"status {status!r} is neither civilian nor noncivilian",
                        file=path, row=i, field="status")
        child = (r.get("child") or "").strip().lower() in _TRUE
        age_s = (r.get("age") or "").strip()
        if age_s:
            try:
                child = child or float(age_s) < 18
            except ValueError:
                raise error("E051", f"age {age_s!r} is not a number", file=path, row=i,
                            field="age") from None
        if child:
            k["children"] = (k["children"] or 0) + 1
        elif (r.get("sex") or "").strip().lower() in _FEMALE:
            k["women"] = (k["women"] or 0) + 1
        inc.rows.append(i)
    return list(groups.values())


# -- place and label normalisation ----------------------------------------------

_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "az", "an", "at", "ath", "ed", "en", "es", "et",
             "ez", "the", "of", "city", "governorate", "province"}
_PLACE_ALIASES = {
    "zawr": "zor", "zour": "zor", "ezzor": "zor", "ezor": "zor", "azzor": "zor", "dayr": "deir",
    "dair": "deir", "halab": "aleppo", "dimashq": "damascus", "hims": "homs", "idleb": "idlib",
    "shaykhoun": "shaykhun", "sheikhoun": "shaykhun", "shaikhoun": "shaykhun", "shaykhun": "shaykhun",
    "khan": "khan", "raqqah": "raqqa", "rakka": "raqqa", "hamah": "hama", "daraa": "deraa",
    "dar'a": "deraa", "rashidin": "rashideen",
}


def place_key(name: str) -> str:
    """A spelling-insensitive key: ``Deir ez-Zor``, ``Deir al-Zor``, ``Dayr az Zawr`` -> ``deir zor``."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("'", "").replace("`", "")
    toks = [t for t in re.split(r"[^a-z0-9]+", s) if t]
    out = []
    for t in toks:
        for art in ("al", "el", "ez", "az", "ar", "as"):
            # "Ezzor", "Azzor": an article glued to a doubled consonant
            if t.startswith(art) and len(t) > len(art) + 2 and t[len(art)] == t[len(art) + 1]:
                t = t[len(art) + 1:]
                break
        if t in _ARTICLES:
            continue
        out.append(_PLACE_ALIASES.get(t, t))
    return " ".join(out)


def _norm_label(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()


_CAUSE_SYNONYMS = {
    "air strike": "airstrike", "airstrikes": "airstrike", "air raid": "airstrike",
    "aerial bombardment": "airstrike", "warplane": "airstrike", "bombing": "airstrike",
    "shell": "shelling", "artillery": "shelling", "mortar": "shelling",
    "chemical weapons": "chemical", "chemical attack": "chemical", "chemical and toxic gases": "chemical",
    "gas": "chemical", "suicide bomb": "suicide_bombing", "suicide bombing": "suicide_bombing",
    "car bomb": "car_bomb", "explosion": "explosion", "bomb": "explosion",
    "shooting": "shooting", "gunfire": "shooting", "barrel bomb": "barrel_bomb",
}


def cause_key(s: str | None) -> str:
    n = _norm_label(s).replace("_", " ")
    if not n:
        return ""
    if n in _CAUSE_SYNONYMS:
        return _CAUSE_SYNONYMS[n]
    for k, v in _CAUSE_SYNONYMS.items():
        if k in n:
            return v
    return n.replace(" ", "_")


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
                  tol: Tolerances, *, display: str | None = None) -> FieldResult | None:
    """Compare a reported figure (a point or an interval ``[lo, hi]``) with a reference figure.

    An interval agrees when the reference lies inside it or within tolerance of
    its nearer end.  Returns None when either side has no figure.
    """
    if ref is None or (lo is None and hi is None):
        return None
    lo_ = lo if lo is not None else 0
    hi_ = hi if hi is not None else lo_
    shown = display or (str(lo_) if lo_ == hi_ else f"at least {lo_}" if hi_ >= _UNBOUNDED
                        else f"{lo_}–{hi_}")
    diff = 0 if lo_ <= ref <= hi_ else min(abs(ref - lo_), abs(ref - hi_))
    rel = diff / ref if ref else (0.0 if diff == 0 else 1.0)
    allowed = tol.count * ref if tol.count < 1 else tol.count
    ok = diff <= allowed
    if diff == 0:
        reason = f"{label} {shown} vs reference {ref}: agrees"
    else:
        reason = (f"{label} {shown} vs reference {ref}: off by {diff:g} ({rel:.0%}) "
                  f"{'≤' if ok else '>'} tolerance {tol.describe()}")
    return FieldResult(label, "match" if ok else "miss", shown, ref, reason, float(diff), round(rel, 4))


def iso_or_none(value: str | None) -> str | None:
    """``value`` when it is an ISO date, else None (never trust stored data blindly)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def days_between(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


# -- matching ----------------------------------------------------------------

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

    @classmethod
    def from_extraction(cls, extraction: Mapping[str, Any], index: int) -> ReportedIncident:
        inc = extraction["incidents"][index]
        place = inc.get("place") or {}
        toll = inc.get("toll") or {}
        cause = inc.get("cause") or {}
        return cls(
            article_id=str(extraction["id"]), incident_index=index,
            outlet=extraction.get("outlet"), published=extraction.get("published"),
            date=inc.get("date"), place=place.get("name"), admin1=place.get("admin1"),
            country=place.get("country"), cause=cause.get("category"),
            perpetrators=[a["name"] for a in inc.get("actors", []) if a.get("role") == "perpetrator"],
            killed=dict((toll.get("killed") or {}).items()) or dict.fromkeys(CATEGORIES),
            injured=(toll.get("injured") or {}).get("total"),
            casualties=list(inc.get("casualties") or []),
        )

    def interval(self, outcome: str, category: str) -> tuple[int | None, int | None, str | None]:
        """The reported interval behind a toll figure (see `reported_interval`)."""
        value = self.killed.get(category) if outcome == "killed" else self.injured
        return reported_interval(value, self.casualties, outcome)


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
    for c in casualties:
        if c.get("outcome") == outcome and value in (c.get("min"), c.get("max")):
            found.setdefault(str(c.get("qualifier")), c)
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


def place_matches(rep: ReportedIncident, ref: ReferenceIncident, level: PlaceLevel) -> bool | None:
    """Whether the places agree at ``level``; None when the report names no place."""
    if not rep.place and not rep.admin1 and not rep.country:
        return None
    rep_keys = {place_key(x) for x in (rep.place, rep.admin1) if x}
    if level == "country":
        if rep.country and ref.country:
            return rep.country.strip().lower() == ref.country.strip().lower()
        level = "admin1"
    if level == "admin1":
        ref_keys = {place_key(x) for x in (ref.admin1, ref.place) if x}
        return bool(rep_keys & ref_keys)
    ref_place = place_key(ref.place or "")
    if rep.place and ref_place:
        mine = place_key(rep.place)
        # "Deir ez-Zor airport" is in Deir ez-Zor: a landmark named after its town matches it
        if mine == ref_place or mine.startswith(ref_place + " "):
            return True
    # a reference that records only the governorate cannot be more precise than that
    return bool(rep.admin1 and ref.admin1 is None and ref_place == place_key(rep.admin1))


@dataclass
class MatchResult:
    article_id: str
    incident_index: int
    label: MatchLabel
    score: float | None
    reference_id: str | None
    fields: list[FieldResult]
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "incident_index": self.incident_index,
            "label": self.label, "score": self.score, "reference_id": self.reference_id,
            "fields": [f.to_dict() for f in self.fields], "reasons": self.reasons,
        }


_RANK = {"match": 3, "partial": 2, "no_match": 1, "no_reference": 0}


def _compare_fields(rep: ReportedIncident, ref: ReferenceIncident, tol: Tolerances,
                    when: str) -> list[FieldResult]:
    out: list[FieldResult] = []
    if ref.date:
        dd = days_between(when, ref.date)
        src = "" if iso_or_none(rep.date) else " (publication date; the report gives no event date)"
        out.append(FieldResult("date", "match", when, ref.date,
                               f"date {when} vs reference {ref.date}: {dd} day(s) apart{src}", dd))
    out.append(FieldResult("place", "match", rep.place or rep.admin1, ref.place,
                           f"place {rep.place or rep.admin1} vs reference {ref.place}: same "
                           f"{tol.place_level}"))
    if rep.cause and ref.cause:
        same = cause_key(rep.cause) == cause_key(ref.cause)
        out.append(FieldResult("cause", "match" if same else "miss", rep.cause, ref.cause,
                               f"cause {rep.cause} vs reference {ref.cause}: "
                               f"{'agrees' if same else 'differs'}"))
    if rep.perpetrators and ref.perpetrator:
        rk = _norm_label(ref.perpetrator)
        same = any(_norm_label(p) == rk or _norm_label(p) in rk or rk in _norm_label(p)
                   for p in rep.perpetrators)
        shown = ", ".join(rep.perpetrators)
        out.append(FieldResult("perpetrator", "match" if same else "miss", shown, ref.perpetrator,
                               f"perpetrator {shown} vs reference {ref.perpetrator}: "
                               f"{'agrees' if same else 'differs'}"))
    for cat in CATEGORIES:
        lo, hi, disp = rep.interval("killed", cat)
        name = "killed" if cat == "total" else f"killed {cat}"
        r = compare_count(name, lo, hi, ref.killed.get(cat), tol, display=disp)
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
    least one figure was compared; ``no_match`` when every compared figure (or,
    without figures, the cause/perpetrator) disagrees; ``partial`` otherwise.
    """
    when = iso_or_none(rep.date) or iso_or_none(rep.published)
    where = rep.place or rep.admin1 or rep.country
    if not when or not where:
        missing = "date" if not when else "place"
        return MatchResult(rep.article_id, rep.incident_index, "no_reference", None, None, [],
                           [f"the report gives no {missing}, so no reference incident can be looked up"])
    candidates = [ref for ref in reference.near(when, tol.date_window)
                  if place_matches(rep, ref, tol.place_level)]
    if not candidates:
        return MatchResult(rep.article_id, rep.incident_index, "no_reference", None, None, [], [
            f"no reference incident at {where} ({tol.place_level} level) within "
            f"{tol.date_window} day(s) of {when}"])
    best: tuple[tuple[float, ...], ReferenceIncident, list[FieldResult]] | None = None
    for ref in candidates:
        fields = _compare_fields(rep, ref, tol, when)
        checked = [f for f in fields if f.field not in ("date", "place")]
        key = (sum(f.status == "match" for f in checked) / len(checked) if checked else 0.0,
               -days_between(when, ref.date or when), -sum(f.relative or 0 for f in checked))
        if best is None or key > best[0]:
            best = (key, ref, fields)
    assert best is not None
    _, ref, fields = best
    checked = [f for f in fields if f.field not in ("date", "place")]
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
        label, extra = "no_match", []
    else:
        label, extra = "partial", []
    score = round(len(ok) / len(checked), 4) if checked else None
    reasons = [f"reference incident {ref.id} ({ref.date}, {ref.place})"]
    reasons += [f.reason for f in sorted(fields, key=lambda f: f.status != "miss")] + extra
    return MatchResult(rep.article_id, rep.incident_index, label, score, ref.id, fields, reasons)


def verify_extractions(extractions: Iterable[Mapping[str, Any]], reference: Reference,
                       tol: Tolerances | None = None) -> list[dict[str, Any]]:
    """One ``reference`` verdict per article (its best-matching incident), with reasons.

    The most salient incident (index 0) decides unless it finds no reference and
    a later incident of the same article does.
    """
    tol = tol or Tolerances()
    verdicts: list[dict[str, Any]] = []
    for ex in extractions:
        results = [match_incident(ReportedIncident.from_extraction(ex, i), reference, tol)
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
                        "fields": [f.to_dict() for f in chosen.fields],
                        "incidents": [r.to_dict() for r in results],
                        "tolerances": asdict(tol), "reference": reference.path},
        })
    return verdicts


def parse_tolerance(value: str | float) -> float:
    """``0.1`` / ``10%`` (relative) or ``5`` (absolute people)."""
    s = str(value).strip()
    try:
        v = float(s[:-1]) / 100 if s.endswith("%") else float(s)
    except ValueError:
        raise error("E051", f"count tolerance {value!r} is not a number or percentage",
                    field="count-tolerance") from None
    if v < 0:
        raise error("E051", f"count tolerance {value!r} is negative", field="count-tolerance")
    return v

