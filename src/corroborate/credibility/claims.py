"""Verdicts per claim: each figure, date, place and perpetrator a report states, judged twice.

For every report of a linked incident (the claims matrix of the compare stage)
each claim is judged

* **by the reference database** (when one was matched with ``verify``): the
  record's field agrees (*corroborated*), disagrees (*contradicted*), or the
  record does not state it, or there is no record (*unrecorded*, never "false");
* **by the other independent origins** of the incident: each other origin that
  states the claim agrees or disagrees; the claim is *corroborated* when more
  agree than disagree, *contradicted* otherwise (a tie is a dispute), *unrecorded* when no
  other origin states it.  Reports of the same origin (relays, reprints) never
  count.

Each judgement carries its evidence: the reference record (id, database, date,
place, figures, sources) or the other reports with their spans.

Two axes are kept apart, as intelligence analysts grade (the Admiralty code):

* **information credibility** of each claim, 1–6, from its corroboration only:
  1 confirmed (corroborated by the reference and another origin), 2 probably
  true (corroborated by one, contradicted by none), 3 possibly true (evidence
  both for and against, other origins split included), 4 doubtful (contradicted by one, corroborated by none),
  5 improbable (contradicted by both), 6 cannot be judged (unrecorded by both);
* **source reliability** of the outlet, A–F, from its track record on the
  *other* reports' claims that could be checked: A (≥ 90% corroborated, at
  least 20 checked), B (≥ 75%), C (≥ 50%), D (≥ 25%), E (below), F (fewer
  than 5 checked claims: cannot be judged).  It is shown as context and never
  changes a claim's grade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..lang.en.labels import outlet_name
from .geo import haversine_km
from .matching import compare_count
from .reference import _UNBOUNDED, Tolerances, days_between, iso_or_none, place_key

Status = Literal["corroborated", "contradicted", "unrecorded"]
#: the claims judged, as the compare stage's matrix names them
CLAIMS = ("date", "place", "perpetrator", "killed", "killed_civilian", "killed_noncivilian",
          "killed_children", "killed_women", "injured")
#: two reported places this close are one place even when named differently
SAME_PLACE_KM = 15.0

CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "cannot be judged"}
RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
#: reference FieldResult.field -> claim
_REF_FIELD = {"date": "date", "place": "place", "perpetrator": "perpetrator", "killed": "killed",
              "killed civilian": "killed_civilian", "killed noncivilian": "killed_noncivilian",
              "killed children": "killed_children", "killed women": "killed_women",
              "injured": "injured"}


def figure_interval(value: Mapping[str, Any] | None) -> tuple[int, int, str] | None:
    """(lo, hi, display) of a matrix figure ``{min, max, qualifier}``."""
    if not value:
        return None
    lo, hi, q = value.get("min"), value.get("max"), value.get("qualifier")
    if q == "at_most" and hi is not None:
        return hi, hi, f"up to {hi}"
    if q == "at_least" and lo is not None:
        return lo, _UNBOUNDED, f"at least {lo}"
    if lo is None and hi is None:
        return None
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    assert lo is not None and hi is not None
    return lo, hi, str(lo) if lo == hi else f"{lo}–{hi}"


def _point(iv: tuple[int, int, str]) -> int:
    """The figure an interval is compared as when it is the other side."""
    lo, hi, _ = iv
    return lo if hi >= _UNBOUNDED else round((lo + hi) / 2)


@dataclass
class _Report:
    article_id: str
    outlet: str | None
    origin: str
    cells: Mapping[str, Any]
    place: Mapping[str, Any]


def _agree(claim: str, mine: _Report, other: _Report, tol: Tolerances) -> tuple[bool, str] | None:
    """Whether ``other`` agrees with ``mine`` on ``claim``; None when it does not state it."""
    a, b = (mine.cells.get(claim) or {}), (other.cells.get(claim) or {})
    va, vb = a.get("value"), b.get("value")
    if va in (None, [], "") or vb in (None, [], ""):
        return None
    shown = b.get("display") or str(vb)
    if claim.startswith("killed") or claim == "injured":
        ia, ib = figure_interval(va), figure_interval(vb)
        if ia is None or ib is None:
            return None
        res = compare_count(claim, ia[0], ia[1], _point(ib), tol, display=ia[2])
        if res is None:
            return None
        return res.status == "match", shown
    if claim == "date":
        da, db = iso_or_none(str(va)), iso_or_none(str(vb))
        if not da or not db:
            return None
        return days_between(da, db) <= tol.date_window, shown
    if claim == "place":
        ka, kb = place_key(str(va)), place_key(str(vb))
        if ka == kb or ka.startswith(kb + " ") or kb.startswith(ka + " "):
            return True, shown
        pa, pb = mine.place, other.place
        if None not in (pa.get("lat"), pa.get("lon"), pb.get("lat"), pb.get("lon")):
            km = haversine_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])
            return km <= SAME_PLACE_KM, f"{shown} ({km:.0f} km away)"
        return False, shown
    if claim == "perpetrator":
        sa = {str(x) for x in (va if isinstance(va, list) else [va])}
        sb = {str(x) for x in (vb if isinstance(vb, list) else [vb])}
        return bool(sa & sb), shown
    return None


def _origins_judgement(claim: str, me: _Report, others: Sequence[_Report],
                       tol: Tolerances) -> dict[str, Any]:
    by_origin: dict[str, list[tuple[_Report, bool, str]]] = defaultdict(list)
    for o in others:
        if o.origin == me.origin:
            continue
        res = _agree(claim, me, o, tol)
        if res is not None:
            by_origin[o.origin].append((o, *res))
    evidence = []
    agree = disagree = 0
    for reps in by_origin.values():
        # an origin agrees when any of its reports does: its reports are one witness
        ok = any(r[1] for r in reps)
        agree += ok
        disagree += not ok
        for o, good, shown in reps:
            cell = o.cells.get(claim) or {}
            ev = (cell.get("evidence") or [{}])[0]
            evidence.append({"article_id": o.article_id, "outlet": o.outlet, "origin_id": o.origin,
                             "value": shown, "agrees": good, "start": ev.get("start"),
                             "end": ev.get("end"), "text": ev.get("text")})
    n = agree + disagree
    status: Status
    if not n:
        status, reason = "unrecorded", "no other independent origin states it"
    elif agree > disagree:
        status, reason = "corroborated", f"{agree} of {n} other independent origin(s) agree"
    else:
        status, reason = "contradicted", f"{disagree} of {n} other independent origin(s) disagree"
    return {"status": status, "reason": reason, "agree": agree, "disagree": disagree,
            "evidence": evidence}


def _record(ref_verdict: Mapping[str, Any]) -> dict[str, Any] | None:
    rec = (ref_verdict.get("details") or {}).get("record")
    if not rec:
        return None
    keep = ("id", "database", "date", "date_end", "place", "admin1", "lat", "lon", "where_prec",
            "killed", "killed_range", "injured", "sides", "sources")
    return {k: rec.get(k) for k in keep}


def _reference_judgement(claim: str, ref_verdict: Mapping[str, Any] | None,
                         incident_index: int) -> dict[str, Any] | None:
    if ref_verdict is None:
        return None
    d = ref_verdict.get("details") or {}
    if ref_verdict.get("label") == "no_reference" or d.get("incident_index") != incident_index:
        why = (ref_verdict.get("reasons") or ["no reference record"])[0]
        return {"status": "unrecorded", "reason": f"no record: {why}", "record": None}
    field = next((f for f in d.get("fields") or [] if _REF_FIELD.get(f["field"]) == claim), None)
    record = _record(ref_verdict)
    if field is None:
        return {"status": "unrecorded", "record": record,
                "reason": f"record {d.get('reference_id')} does not state the {claim}"}
    status: Status = {"match": "corroborated", "miss": "contradicted"}.get(
        field["status"], "unrecorded")  # type: ignore[assignment]
    return {"status": status, "reason": field["reason"], "record": record}


def credibility_grade(reference: Status | None, origins: Status, *, origins_split: bool = False
                      ) -> int:
    """Admiralty information credibility (1–6) from the two judgements of a claim.

    ``origins_split``: some other origins agree and some disagree, which counts as
    evidence both ways."""
    votes = [s for s in (reference, origins) if s and s != "unrecorded"]
    if origins_split:
        votes += ["corroborated", "contradicted"]
    pro, con = votes.count("corroborated"), votes.count("contradicted")
    if not votes:
        return 6
    if pro and con:
        return 3
    if pro == 2:
        return 1
    if con == 2:
        return 5
    return 2 if pro else 4


def reliability_grade(corroborated: int, contradicted: int) -> str:
    """Admiralty source reliability (A–F) from an outlet's checked claims."""
    n = corroborated + contradicted
    if n < 5:
        return "F"
    share = corroborated / n
    if share >= 0.9:
        return "A" if n >= 20 else "B"
    if share >= 0.75:
        return "B"
    if share >= 0.5:
        return "C"
    return "D" if share >= 0.25 else "E"


def claim_verdicts(incidents: Iterable[Mapping[str, Any]],
                   reference_verdicts: Iterable[Mapping[str, Any]] | None = None,
                   tol: Tolerances | None = None) -> list[dict[str, Any]]:
    """One ``claims`` verdict per article: every claim it states, judged by the reference
    (when ``reference_verdicts`` are given) and by the other independent origins."""
    tol = tol or Tolerances()
    refs = None if reference_verdicts is None else {
        str(v["article_id"]): v for v in reference_verdicts}
    claims_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    outlet_of: dict[str, str | None] = {}
    for inc in incidents:
        origin_of = {a: o["id"] for o in inc.get("origins") or [] for a in o.get("article_ids", [])}
        places = {r["article_id"]: r.get("place") or {} for r in inc.get("reports") or []}
        rows = [_Report(str(r["article_id"]), r.get("outlet"),
                        r.get("origin_id") or origin_of.get(r["article_id"]) or f"self:{r['article_id']}",
                        r.get("cells") or {}, places.get(r["article_id"], {}))
                for r in (inc.get("matrix") or {}).get("rows") or []]
        index_of = {r["article_id"]: int(r.get("incident_index") or 0)
                    for r in inc.get("reports") or []}
        for me in rows:
            outlet_of[me.article_id] = me.outlet
            ref_v = refs.get(me.article_id) if refs is not None else None
            if refs is not None and ref_v is None:
                ref_v = {"label": "no_reference", "reasons": ["the report was not checked against "
                                                              "the reference"], "details": {}}
            for claim in CLAIMS:
                cell = me.cells.get(claim) or {}
                if cell.get("value") in (None, [], ""):
                    continue
                origins = _origins_judgement(claim, me, rows, tol)
                reference = _reference_judgement(claim, ref_v, index_of.get(me.article_id, 0))
                grade = credibility_grade(reference["status"] if reference else None,
                                          origins["status"],
                                          origins_split=bool(origins["agree"] and origins["disagree"]))
                claims_of[me.article_id].append({
                    "incident_id": str(inc.get("id")), "incident_index": index_of.get(me.article_id, 0),
                    "claim": claim, "value": cell.get("display") or str(cell.get("value")),
                    "evidence": [{"start": e.get("start"), "end": e.get("end"), "text": e.get("text")}
                                 for e in cell.get("evidence") or []],
                    "reference": reference, "origins": origins,
                    "credibility": {"grade": grade, "label": CREDIBILITY[grade]},
                })
    tally: dict[str | None, list[tuple[str, int, int]]] = defaultdict(list)
    for aid, claims in claims_of.items():
        said = [j["status"] for c in claims for j in (c["reference"], c["origins"]) if j]
        pro, con = said.count("corroborated"), said.count("contradicted")
        tally[outlet_of.get(aid)].append((aid, pro, con))
    verdicts = []
    for aid, claims in sorted(claims_of.items()):
        outlet = outlet_of.get(aid)
        # the outlet's record on its *other* reports: this one cannot vouch for itself
        pro = sum(p for a, p, _ in tally[outlet] if a != aid) if outlet else 0
        con = sum(c for a, _, c in tally[outlet] if a != aid) if outlet else 0
        rel = reliability_grade(pro, con) if outlet else "F"
        statuses = [j["status"] for c in claims for j in (c["reference"], c["origins"]) if j]
        judged = [s for s in statuses if s != "unrecorded"]
        label = ("contradicted" if "contradicted" in judged else
                 "corroborated" if judged else "unrecorded")
        reasons = [f"{c['claim']} {c['value']}: {c['credibility']['grade']} "
                   f"({c['credibility']['label']})"
                   + (f"; reference: {c['reference']['status']}" if c["reference"] else "")
                   + f"; other origins: {c['origins']['status']}" for c in claims]
        reasons.append(f"context only, not evidence: source reliability {rel} "
                       f"({RELIABILITY[rel]}) from {pro + con} checked claim(s) of "
                       f"the other reports of {outlet_name(outlet)}")
        verdicts.append({
            "article_id": aid, "kind": "claims", "label": label,
            "score": round(judged.count("corroborated") / len(judged), 4) if judged else None,
            "reasons": reasons,
            "details": {"claims": claims, "reference_checked": refs is not None,
                        "source_reliability": {"grade": rel, "label": RELIABILITY[rel],
                                               "corroborated": pro, "contradicted": con,
                                               "outlet": outlet}},
        })
    return verdicts
