"""Reviewable fields: their names, how a value is parsed, read and applied.

Field names follow the extraction JSON (``docs/schema/extraction.schema.json``):
``date``, ``place``, ``killed`` and ``injured`` (the headline toll, i.e. the
``total`` category), ``killed.civilian`` and the other toll categories,
``perpetrator``, ``cause``, ``framing`` and ``attribution`` (the speakers the
report quotes; relays of other outlets are linking evidence and stay as found).  A value here is the plain JSON
value a reviewer sees and sets (an ISO date, a place name, a count, a list of
perpetrator names, a cause category, a list of framing labels); ``None`` means
"the report states none".  Applying a value rewrites a copy of one incident of
an extraction dict, so compare reads the corrected value exactly as if the
extractor had found it, evidence span included.
"""

from __future__ import annotations

import copy
from datetime import date as _date
from typing import Any

from ..errors import error
from ..models import TOLL_KEYS

#: toll fields: name -> (outcome, category); "killed"/"injured" are the totals
TOLL_FIELDS: dict[str, tuple[str, str]] = {}
for _outcome in ("killed", "injured"):
    TOLL_FIELDS[_outcome] = (_outcome, "total")
    for _cat in TOLL_KEYS:
        if _cat != "total":
            TOLL_FIELDS[f"{_outcome}.{_cat}"] = (_outcome, _cat)

FIELDS: tuple[str, ...] = ("date", "place", *TOLL_FIELDS, "perpetrator", "cause", "framing",
                           "attribution")
PLACE_FACTS = ("admin1", "country", "lat", "lon", "kind", "geonameid")
FRAMING_LABELS = ("deliberate", "mistake", "denial", "admission")


def check_field(name: str) -> str:
    if name not in FIELDS:
        raise error("E135", f"unknown field {name!r}; one of {', '.join(FIELDS)}", field=name)
    return name


def _names(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return list(dict.fromkeys(s for s in (str(x).strip() for x in items) if s))


def parse_value(name: str, raw: Any) -> Any:
    """The value ``raw`` (text from a form or the CLI, or JSON) means for field ``name``;
    E136 when it cannot be one.  ``None`` or blank text clears the value."""
    check_field(name)
    if raw is None or (isinstance(raw, str | list) and not raw):
        return None
    if isinstance(raw, str) and not raw.strip():
        return None
    if name == "date":
        try:
            return _date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            raise error("E136", f"{raw!r} is not a date (YYYY-MM-DD)", field=name) from None
    if name in TOLL_FIELDS:
        if isinstance(raw, bool):
            raise error("E136", f"{raw!r} is not a count", field=name)
        try:
            n = int(str(raw).strip())
        except ValueError:
            raise error("E136", f"{raw!r} is not a count (a whole number)", field=name) from None
        if n < 0:
            raise error("E136", f"{n} is negative: a count is 0 or more", field=name)
        return n
    if name == "place":
        return str(raw).strip()
    if name == "cause":
        from ..extract.cause import CATEGORIES

        cat = str(raw).strip().lower().replace(" ", "_").replace("-", "_")
        if cat not in CATEGORIES:
            raise error("E136", f"{raw!r} is not a cause; one of {', '.join(CATEGORIES)}",
                        field=name)
        return cat
    names = _names(raw)
    if name == "framing":
        bad = [n for n in names if n not in FRAMING_LABELS]
        if bad:
            raise error("E136", f"{', '.join(bad)}: not a framing; one of "
                        f"{', '.join(FRAMING_LABELS)}", field=name)
    return names or None


def read_value(incident: dict[str, Any], name: str) -> Any:
    """The value one report's incident (extraction shape) gives field ``name``."""
    if name == "date":
        return incident.get("date")
    if name == "place":
        return (incident.get("place") or {}).get("name")
    if name in TOLL_FIELDS:
        outcome, cat = TOLL_FIELDS[name]
        return ((incident.get("toll") or {}).get(outcome) or {}).get(cat)
    if name == "perpetrator":
        return _names([a.get("name") for a in incident.get("actors") or []
                       if a.get("role") == "perpetrator" and a.get("name")]) or None
    if name == "cause":
        return (incident.get("cause") or {}).get("category")
    if name == "framing":
        return _names([f.get("label") for f in incident.get("framing") or []
                       if f.get("label")]) or None
    if name == "attribution":
        return _names([a.get("speaker") for a in incident.get("attributions") or []
                       if a.get("kind") != "relay" and a.get("speaker")]) or None
    raise error("E135", f"unknown field {name!r}", field=name)


def _span(span: dict[str, Any] | None) -> dict[str, Any]:
    if not span:
        return {"start": None, "end": None, "text": None}
    return {"start": span["start"], "end": span["end"], "text": span["text"]}


def apply_value(incident: dict[str, Any], name: str, value: Any, span: dict[str, Any] | None,
                facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy of ``incident`` with field ``name`` set to ``value`` (``span``: the
    reviewer's evidence, already checked; ``facts``: a new place's gazetteer facts,
    looked up when the edit was made); the replaced claim is dropped, and the new
    claim is marked ``"reviewed": true``."""
    inc = copy.deepcopy(incident)
    ev = _span(span)
    if name == "date":
        inc["date"] = value
        inc["date_precision"] = "day" if value else None
        inc["date_evidence"] = ({"value": value, "precision": "day", "relative": False, **ev,
                                 "reviewed": True} if value else None)
    elif name == "place":
        if value is None:
            inc["place"] = None
        else:
            old = inc.get("place") or {}
            same = (old.get("name") or "").casefold() == value.casefold()
            # the same name keeps its gazetteer facts (admin-1, coordinates); a new one
            # is looked up, and kept bare when the gazetteer does not know it
            kept = {k: old.get(k) for k in PLACE_FACTS} if same else (facts or {})
            inc["place"] = {"name": value, **ev, **{k: kept.get(k) for k in PLACE_FACTS},
                            "reviewed": True}
    elif name in TOLL_FIELDS:
        outcome, cat = TOLL_FIELDS[name]
        toll = inc.setdefault("toll", {})
        toll.setdefault(outcome, {k: None for k in TOLL_KEYS})[cat] = value
        if value is not None and span:
            # the reviewer's statement of the figure: compare takes a figure's
            # qualifier and evidence from the casualty mentions that state it
            inc.setdefault("casualties", []).insert(0, {
                "outcome": outcome, "min": value, "max": value, "qualifier": "exact", **ev,
                "victims": cat if cat in ("civilian", "noncivilian") else "unspecified",
                "children": cat == "children", "women": cat == "women",
                "attributed_to": None, "reviewed": True})
    elif name == "perpetrator":
        actors = []
        for a in inc.get("actors") or []:
            if a.get("role") == "perpetrator":
                a = {**a, "role": "mentioned"}
            actors.append(a)
        for n in value or []:
            found = next((a for a in actors if (a.get("name") or "").casefold() == n.casefold()),
                         None)
            if found is not None:
                found["role"] = "perpetrator"
                found["reviewed"] = True
                if span:
                    found.update(ev)
            else:
                actors.append({"name": n, **ev, "role": "perpetrator", "kind": None,
                               "country": None, "reviewed": True})
        inc["actors"] = actors
    elif name == "cause":
        inc["cause"] = ({"category": value, **ev, "weapon": None, "reviewed": True}
                        if value else None)
    elif name == "framing":
        inc["framing"] = [{"label": lab, **ev, "speaker": None, "reviewed": True}
                          for lab in value or []]
    elif name == "attribution":
        relays = [a for a in inc.get("attributions") or [] if a.get("kind") == "relay"]
        kept = {(a.get("speaker") or "").casefold(): a for a in inc.get("attributions") or []
                if a.get("kind") != "relay"}
        statements = []
        for speaker in value or []:
            found = kept.get(speaker.casefold())
            statements.append({**found, "reviewed": True, **(ev if span else {})} if found else
                              {"speaker": speaker, "verb": "said", **ev, "kind": "statement",
                               "reviewed": True})
        inc["attributions"] = [*statements, *relays]
    else:
        raise error("E135", f"unknown field {name!r}", field=name)
    return inc


def place_facts(name: str, gazetteers: list[Any]) -> dict[str, Any]:
    """The gazetteer's most plausible entry for a place name (with the user's extra
    gazetteer files), or bare facts when it does not know the name."""
    from ..extract.gazetteer import load

    found = load(gazetteers).lookup(name)
    if not found:
        return {k: None for k in PLACE_FACTS} | {"kind": "city"}
    e = max(found, key=lambda x: x.prior)
    return {"admin1": e.admin1, "country": e.country, "lat": e.lat, "lon": e.lon,
            "kind": e.kind, "geonameid": e.geonameid}
