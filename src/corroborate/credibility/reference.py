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

from ..errors import CorroborateError, error

PlaceLevel = Literal["city", "admin1", "country"]
ReferenceFormat = Literal["incidents", "victims", "ged", "acled"]
MatchLabel = Literal["match", "partial", "disagrees", "no_reference"]
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
#: longest date range (days) a record is indexed on
_MAX_RANGE_DAYS = 400


@dataclass
class ReferenceIncident:
    """One incident of the reference database (aggregated from victims if need be).

    Databases with coordinates and precision (UCDP GED, ACLED; see `databases`)
    also fill the location fields, the date range and the range of the count.
    """

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
    date_end: str | None = None  # last day of the date range (None: the single day `date`)
    date_prec: int | None = None  # UCDP GED date_prec: 1 day ... 5 year
    place_type: str | None = None  # town, village, ... as the database names it
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    where_prec: int | None = None  # UCDP GED where_prec: 1 exact ... 6 country
    killed_range: tuple[int, int] | None = None  # (low, high) around killed["total"] (GED low/high)
    unknown_status: int | None = None  # deaths whose civilian/combatant status is unknown
    sides: list[str] = field(default_factory=list)  # GED side_a/side_b, ACLED actor1/actor2
    sources: list[str] = field(default_factory=list)
    notes: str | None = None
    database: str | None = None  # "UCDP GED", "ACLED"; None for a generic CSV

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["killed_range"] = list(self.killed_range) if self.killed_range else None
        return d

    def describe(self) -> str:
        """``227936 (UCDP GED, 2016-09-17, Jabal Thurdah, Deir ez Zor)``."""
        when = self.date if not self.date_end or self.date_end == self.date \
            else f"{self.date} to {self.date_end}"
        bits = [b for b in (self.database, when, self.place, self.admin1) if b]
        return f"{self.id} ({', '.join(bits)})"


@dataclass
class Reference:
    incidents: list[ReferenceIncident]
    format: ReferenceFormat
    columns: dict[str, str]  # canonical field -> column used
    path: str | None = None
    #: rows left out, each with its error (UCDP GED and ACLED files; other formats fail whole)
    rejects: list[CorroborateError] = field(default_factory=list)
    _by_day: dict[int, list[ReferenceIncident]] = field(default_factory=dict, repr=False)

    def near(self, when: str, window: int, until: str | None = None) -> list[ReferenceIncident]:
        """Reference incidents whose date range meets ``[when, until]`` widened by ``window`` days."""
        if not self._by_day:
            for inc in self.incidents:
                if inc.date:
                    first = date.fromisoformat(inc.date).toordinal()
                    last = date.fromisoformat(inc.date_end).toordinal() if inc.date_end else first
                    # a record dated to a month or more is indexed on every day it covers,
                    # capped so one year-long record cannot fill the index
                    for d in range(first, min(last, first + _MAX_RANGE_DAYS) + 1):
                        self._by_day.setdefault(d, []).append(inc)
        lo = date.fromisoformat(when).toordinal() - window
        hi = date.fromisoformat(until or when).toordinal() + window
        seen: set[int] = set()
        out = []
        for d in range(lo, hi + 1):
            for inc in self._by_day.get(d, ()):
                if id(inc) not in seen:
                    seen.add(id(inc))
                    out.append(inc)
        return out


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
    from .databases import detect_database

    database = format if format in ("ged", "acled") else \
        detect_database(header) if format is None and not mapping else None
    if database is not None:
        return _read_database(database, header, reader, path)
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


def _read_database(database: str, header: Sequence[str], reader: Iterable[list[str]],
                   path: str | None) -> Reference:
    """A UCDP GED or ACLED export: one event per row, with coordinates and precision."""
    from .databases import acled_row, ged_row

    norm = [_norm_col(h) for h in header]
    read = ged_row if database == "ged" else acled_row
    incidents = []
    rejects: list[CorroborateError] = []
    for i, values in enumerate(reader):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            rejects.append(error("E190", f"{len(values)} cells, header has {len(header)}",
                                 file=path, row=i))
            continue
        try:
            kw = read(dict(zip(norm, values, strict=True)), i, path)
        except CorroborateError as exc:
            rejects.append(exc)  # one bad row never hides the thousands of good ones
            continue
        incidents.append(ReferenceIncident(**kw, rows=[i]))  # type: ignore[arg-type]
    cols = {n: h for n, h in zip(norm, header, strict=True)}
    return Reference(incidents=incidents, format=database,  # type: ignore[arg-type]
                     columns=cols, path=path, rejects=rejects)


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

