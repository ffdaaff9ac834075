"""Readers for the event databases conflict monitors publish: UCDP GED and ACLED.

Both are one row per event with coordinates and a stated precision, so they are
matched by distance (`geo`) rather than by place name alone.  The layouts are
recognised from their columns, no ``--map`` needed:

* **UCDP GED** (Georeferenced Event Dataset): ``date_start``, ``best`` and
  ``where_coordinates`` or ``latitude``; also read: ``id``, ``date_end``,
  ``date_prec``, ``where_prec``, ``adm_1``, ``adm_2``, ``country``,
  ``latitude``, ``longitude``, ``side_a``, ``side_b``, ``deaths_a``,
  ``deaths_b``, ``deaths_civilians``, ``deaths_unknown``, ``low``, ``high``,
  ``source_article``.  Counts keep their range (low, best, high).  A file
  without ``where_prec`` (some redistributions drop it) has it read from the
  ``where_coordinates`` name as UCDP writes it: "X Governorate" is admin-1 (4),
  "X district" admin-2 (3), the country's own name 6, any other name a located
  point (1).
* **ACLED** exports: ``event_date``, ``fatalities`` and ``location`` or
  ``latitude``; also read: ``event_id_cnty``, ``admin1``, ``admin2``,
  ``country``, ``longitude``, ``geo_precision``, ``time_precision``,
  ``actor1``, ``actor2``, ``event_type``, ``sub_event_type``, ``notes``,
  ``source``.  ``geo_precision`` 1/2/3 is read as GED ``where_prec`` 1/2/4 and
  ``time_precision`` 1/2/3 (day, week, month) as GED ``date_prec`` 1/3/4.  ACLED
  gives an imprecise event one date inside its week or month, so such a record
  covers ``event_date`` ± 3 days (week) or ± 15 days (month).

Cite UCDP GED as its README asks: Sundberg, Ralph and Erik Melander (2013),
"Introducing the UCDP Georeferenced Event Dataset", Journal of Peace Research
50(4); Högbladh, Stina (2019), "UCDP GED Codebook version 19.1".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from ..errors import error

#: name, required column groups (each a tuple of alternatives)
GED_REQUIRED = (("date_start",), ("best",), ("where_coordinates", "latitude"))
ACLED_REQUIRED = (("event_date",), ("fatalities",), ("location", "latitude"))

_GED_TYPES = ("governorate", "province", "district", "subdistrict", "nahiya", "town", "city",
              "village", "camp", "area", "region")
#: the place type word UCDP appends to a where_coordinates name -> where_prec it implies
_TYPE_PRECISION = {"governorate": 4, "province": 4, "district": 3, "subdistrict": 3, "nahiya": 3,
                   "region": 5, "area": 1}
_ACLED_GEO = {1: 1, 2: 2, 3: 4}
_ACLED_TIME = {1: (1, 0), 2: (3, 3), 3: (4, 15)}


def _has(header: Sequence[str], groups: Sequence[Sequence[str]]) -> bool:
    cols = {_norm(h) for h in header}
    return all(any(a in cols for a in alts) for alts in groups)


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def detect_database(header: Sequence[str]) -> str | None:
    """``ged`` or ``acled`` when the header is that database's layout, else None."""
    if _has(header, GED_REQUIRED):
        return "ged"
    if _has(header, ACLED_REQUIRED):
        return "acled"
    return None


def split_place_type(name: str) -> tuple[str, str | None]:
    """``("Deir ez Zor", "town")`` from ``"Deir ez Zor town"``; the type is None when absent."""
    parts = name.strip().rsplit(" ", 1)
    if len(parts) == 2 and parts[1].lower() in _GED_TYPES:
        return parts[0].strip(), parts[1].lower()
    return name.strip(), None


def _int(rec: Mapping[str, str], col: str, path: str | None, row: int) -> int | None:
    v = (rec.get(col) or "").strip()
    if not v:
        return None
    try:
        n = int(float(v))
    except ValueError:
        raise error("E190", f"{col} {v!r} is not a whole number", file=path, row=row,
                    field=col) from None
    if n < 0:
        raise error("E190", f"{col} {v!r} is negative", file=path, row=row, field=col)
    return n


def _float(rec: Mapping[str, str], col: str, path: str | None, row: int,
           bound: float) -> float | None:
    v = (rec.get(col) or "").strip()
    if not v:
        return None
    try:
        f = float(v)
    except ValueError:
        raise error("E190", f"{col} {v!r} is not a number", file=path, row=row, field=col) from None
    if abs(f) > bound:
        raise error("E190", f"{col} {v!r} is outside ±{bound:g}", file=path, row=row, field=col)
    return f


def _date(rec: Mapping[str, str], col: str, path: str | None, row: int) -> str | None:
    v = (rec.get(col) or "").strip()
    if not v:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S.%f",
                "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(v, fmt).date().isoformat()
        except ValueError:
            continue
    raise error("E190", f"{col} {v!r} is not a date (YYYY-MM-DD or '17 September 2016')",
                file=path, row=row, field=col)


def _text(rec: Mapping[str, str], col: str) -> str | None:
    v = (rec.get(col) or "").strip()
    return v or None


def _sources(value: str | None) -> list[str]:
    """GED's ``source_article`` is a list of quoted ``"outlet,date,title"`` items joined by ``;``."""
    if not value:
        return []
    items = re.findall(r'"([^"]*)"', value) or value.split(";")
    return [s.strip() for s in items if s.strip()]


def ged_row(rec: Mapping[str, str], row: int, path: str | None) -> dict[str, object]:
    """One GED event as the keyword arguments of a `ReferenceIncident`."""
    start = _date(rec, "date_start", path, row)
    if start is None:
        raise error("E190", "date_start is empty", file=path, row=row, field="date_start")
    end = _date(rec, "date_end", path, row) or start
    if end < start:
        raise error("E190", f"date_end {end} is before date_start {start}", file=path, row=row,
                    field="date_end")
    where = _text(rec, "where_coordinates")
    place, ptype = split_place_type(where) if where else (None, None)
    country = _text(rec, "country")
    prec = _int(rec, "where_prec", path, row)
    if prec is None and where:
        prec = 6 if country and place and place.lower() == country.lower() else \
            6 if place and place.lower() == "syria" and ptype is None else \
            _TYPE_PRECISION.get(ptype or "", 1)
    low, best, high = (_int(rec, c, path, row) for c in ("low", "best", "high"))
    killed_range: tuple[int, int] | None = None
    if best is None and (low is not None or high is not None):
        raise error("E190", "best is empty while low or high is given", file=path, row=row,
                    field="best")
    if best is not None:
        low = best if low is None else low
        high = best if high is None else high
        # about a hundred GED rows have low/best/high out of order: the range spans all three
        killed_range = (min(low, best, high), max(low, best, high))
    # all three empty: the event's toll is unknown (GED itself always fills them; a
    # GED-shaped export leaves them empty for an incident no report gives a figure for),
    # read as ACLED's empty `fatalities` is
    civ, unknown = _int(rec, "deaths_civilians", path, row), _int(rec, "deaths_unknown", path, row)
    sides_dead = [_int(rec, c, path, row) for c in ("deaths_a", "deaths_b")]
    # GED splits `best` into sides, civilians and unknown: a category is known only when
    # nothing is of unknown status
    known = unknown == 0
    noncivilian = sum(v or 0 for v in sides_dead) if known and any(
        v is not None for v in sides_dead) else None
    adm1 = _text(rec, "adm_1")
    return {
        "id": _text(rec, "id") or f"ged-{row}", "date": start, "date_end": end,
        "date_prec": _int(rec, "date_prec", path, row), "place": place, "place_type": ptype,
        "admin1": split_place_type(adm1)[0] if adm1 else None, "admin2": _text(rec, "adm_2"),
        "country": country,
        "lat": _float(rec, "latitude", path, row, 90), "lon": _float(rec, "longitude", path, row, 180),
        "where_prec": prec,
        "killed": {"total": best, "civilian": civ if known else None, "noncivilian": noncivilian,
                   "children": None, "women": None},
        "killed_range": killed_range, "unknown_status": unknown,
        "sides": [s for s in (_text(rec, "side_a"), _text(rec, "side_b")) if s],
        "sources": _sources(_text(rec, "source_article")), "database": "UCDP GED",
    }


def acled_row(rec: Mapping[str, str], row: int, path: str | None) -> dict[str, object]:
    """One ACLED event as the keyword arguments of a `ReferenceIncident`."""
    day = _date(rec, "event_date", path, row)
    if day is None:
        raise error("E190", "event_date is empty", file=path, row=row, field="event_date")
    tp = _int(rec, "time_precision", path, row) or 1
    date_prec, half = _ACLED_TIME.get(tp, (4, 15))
    d = date.fromisoformat(day)
    gp = _int(rec, "geo_precision", path, row)
    fatalities = _int(rec, "fatalities", path, row)
    source = _text(rec, "source")
    return {
        "id": _text(rec, "event_id_cnty") or _text(rec, "data_id") or f"acled-{row}",
        "date": (d - timedelta(days=half)).isoformat(), "date_end": (d + timedelta(days=half)).isoformat(),
        "date_prec": date_prec, "place": _text(rec, "location"), "place_type": None,
        "admin1": _text(rec, "admin1"), "admin2": _text(rec, "admin2"), "country": _text(rec, "country"),
        "lat": _float(rec, "latitude", path, row, 90), "lon": _float(rec, "longitude", path, row, 180),
        "where_prec": _ACLED_GEO.get(gp, 1) if gp is not None else 1,
        "cause": _text(rec, "sub_event_type") or _text(rec, "event_type"),
        "killed": {"total": fatalities, "civilian": None, "noncivilian": None, "children": None,
                   "women": None},
        "killed_range": None,  # ACLED gives one figure, not a range
        "sides": [s for s in (_text(rec, "actor1"), _text(rec, "actor2")) if s],
        "sources": [s.strip() for s in (source or "").split(";") if s.strip()],
        "notes": _text(rec, "notes"), "database": "ACLED",
    }
