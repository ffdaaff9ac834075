"""Consensus credibility: each report checked against the *other* independent origins.

No reference database is needed.  For every report of a linked incident
(incidents JSON, see ``docs/schema/incidents.schema.json``) the claims are
compared with what the other independent origins say about the same incident:

* killed / injured figures: the report's figure against the median of the
  other origins' figures (each origin counts once, however many reprints it
  has), within the same count tolerance as reference matching;
* perpetrator and framing: does the report name a perpetrator, or frame the
  event (deliberate / mistake, admission / denial), against the majority of
  the other origins?

Reports of the same origin (relays, wire reprints, identical texts) are never
evidence for one another, so a report whose only company is its own relays is
``uncorroborated``.

**Outlet track record**: the verdicts are then replayed in publication order to
accumulate, per outlet, how often its figures sat above / below the consensus
and how often it was contradicted.  The record is attached to each verdict as
context (``details.outlet_record``: the outlet's history *before* this report)
but never decides a label: FA-KES shows one outlet right on one article and
wrong on the next.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..lang.en.labels import outlet_name
from .matching import compare_count, reported_interval
from .reference import Tolerances

OPPOSITE = {"deliberate": "mistake", "mistake": "deliberate", "admission": "denial",
            "denial": "admission"}


def _killed(report: Mapping[str, Any], outcome: str) -> tuple[int | None, int | None, str | None]:
    toll = (report.get("toll") or {}).get(outcome) or {}
    value = toll.get("total")
    if value is None:
        parts: list[int] = [int(toll[k]) for k in ("civilian", "noncivilian")
                            if toll.get(k) is not None]
        value = sum(parts) if parts else None
    return reported_interval(value, report.get("casualties") or [], outcome)


def _framing(report: Mapping[str, Any]) -> set[str]:
    """The report's unambiguous framing: a report carrying both "deliberate" and "mistake"
    (one side's claim and the other's) takes neither side."""
    labels = {str(f.get("label")) for f in report.get("framing") or [] if f.get("label")}
    return {v for v in labels if OPPOSITE.get(v) not in labels}


@dataclass
class _Check:
    field: str
    status: str  # "agrees" | "contradicts"
    reason: str
    signed: float | None = None  # (report - consensus) / consensus, for figures

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "status": self.status, "reason": self.reason,
                "deviation": None if self.signed is None else round(self.signed, 4)}


@dataclass
class _Result:
    article_id: str
    outlet: str | None
    published: str | None
    incident_id: str
    incident_index: int
    checks: list[_Check] = field(default_factory=list)
    others: int = 0  # other independent origins
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if any(c.status == "contradicts" for c in self.checks):
            return "contradicted"
        return "consistent" if self.checks else "uncorroborated"

    @property
    def score(self) -> float | None:
        if not self.checks:
            return None
        return round(sum(c.status == "agrees" for c in self.checks) / len(self.checks), 4)


def _excluded(incident: Mapping[str, Any], outcome: str) -> dict[str, str]:
    """Article ids whose figure the compare stage left out of the consensus, and why."""
    values = ((incident.get("consensus") or {}).get(outcome) or {}).get("values") or []
    return {a: str(v.get("excluded_because") or "judged not credible by the compare stage")
            for v in values if v.get("credible") is False for a in v.get("article_ids", [])}


def _check_figure(outcome: str, report: Mapping[str, Any], by_origin: Mapping[str, list[Mapping[str, Any]]],
                  own: str, tol: Tolerances, excluded: Mapping[str, str]) -> _Check | None:
    lo, hi, display = _killed(report, outcome)
    if lo is None or report["article_id"] in excluded:
        return None
    per_origin: dict[str, float] = {}
    first_other: str | None = None
    for oid, reps in by_origin.items():
        if oid == own:
            continue
        reps = [r for r in reps if r["article_id"] not in excluded]
        vals = [v for v in (_killed(r, outcome)[0] for r in reps) if v is not None]
        if vals:
            per_origin[oid] = statistics.median(vals)
            dates = [str(r["published"]) for r in reps if r.get("published")]
            if dates and (first_other is None or min(dates) < first_other):
                first_other = min(dates)
    if not per_origin:
        return None
    cons = statistics.median(per_origin.values())
    ref = round(cons)
    res = compare_count(outcome, lo, hi, ref, tol, display=display)
    if res is None:
        return None
    point = lo if hi == lo else None
    signed = (point - cons) / cons if point is not None and cons else None
    n = len(per_origin)
    where = (f"the median of {n} other independent origins" if n > 1
             else "the other independent origin")
    reason = res.reason.replace(f"vs reference {ref}", f"vs {ref} from {where}")
    mine = report.get("published")
    if res.status == "miss" and signed is not None and signed < 0 and mine and first_other \
            and mine < first_other:
        reason += " (published before the others: early tolls often rise)"
    return _Check(outcome, "agrees" if res.status == "match" else "contradicts", reason, signed)


def _check_categorical(name: str, mine: set[str], by_origin: Mapping[str, list[Mapping[str, Any]]],
                       own: str, get: Any) -> _Check | None:
    """Majority of the other origins that state a value; a tie gives no majority."""
    if not mine:
        return None
    votes: Counter[str] = Counter()
    stating = 0
    for oid, reps in by_origin.items():
        if oid == own:
            continue
        vals: set[str] = set().union(*(get(r) for r in reps))
        if vals:
            stating += 1
            votes.update(vals)
    if not stating:
        return None
    shown = ", ".join(sorted(mine))
    if name == "framing":
        clash = sorted(v for v in mine if OPPOSITE.get(v) and votes[OPPOSITE[v]] * 2 > stating
                       and votes[v] * 2 <= stating)
        if clash:
            opp = ", ".join(OPPOSITE[v] for v in clash)
            return _Check(name, "contradicts",
                          f"framing {shown} vs {opp} in the majority of the {stating} other "
                          f"independent origin(s) that frame it")
        return _Check(name, "agrees", f"framing {shown}: no other independent origin frames it "
                      "the opposite way by majority")
    if any(votes[v] * 2 > stating for v in mine):
        return _Check(name, "agrees", f"perpetrator {shown}: shared by the majority of "
                      f"{stating} other independent origin(s)")
    majority = [v for v, c in votes.items() if c * 2 > stating]
    if not majority:
        top = max(votes.values())
        if any(votes[v] == top for v in mine):
            return _Check(name, "agrees", f"perpetrator {shown}: named by as many of the {stating} "
                          "other independent origins as any alternative")
        return None
    return _Check(name, "contradicts", f"perpetrator {shown} vs {', '.join(sorted(majority))} "
                  f"named by the majority of {stating} other independent origin(s)")


def _perps(r: Mapping[str, Any]) -> set[str]:
    return {str(p) for p in r.get("perpetrators") or []}


def check_incident(incident: Mapping[str, Any], tol: Tolerances | None = None) -> list[_Result]:
    """The consensus checks of every report of one linked incident."""
    tol = tol or Tolerances()
    reports = incident.get("reports") or []
    origin_of = {a: o["id"] for o in incident.get("origins") or [] for a in o.get("article_ids", [])}
    by_origin: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in reports:
        oid = r.get("origin_id") or origin_of.get(r["article_id"]) or f"self:{r['article_id']}"
        by_origin[oid].append(r)
    excluded = {o: _excluded(incident, o) for o in ("killed", "injured")}
    out = []
    for r in reports:
        own = r.get("origin_id") or origin_of.get(r["article_id"]) or f"self:{r['article_id']}"
        res = _Result(r["article_id"], r.get("outlet"), r.get("published"), str(incident.get("id")),
                      int(r.get("incident_index") or 0), others=len(by_origin) - 1)
        for outcome in ("killed", "injured"):
            if r["article_id"] in excluded[outcome]:
                res.notes.append(f"{outcome} figure not checked: {excluded[outcome][r['article_id']]}")
        for check in (_check_figure("killed", r, by_origin, own, tol, excluded["killed"]),
                      _check_figure("injured", r, by_origin, own, tol, excluded["injured"]),
                      _check_categorical("perpetrator", _perps(r), by_origin, own, _perps),
                      _check_categorical("framing", _framing(r), by_origin, own, _framing)):
            if check is not None:
                res.checks.append(check)
        same = len(by_origin[own]) - 1
        if same:
            res.notes.append(f"{same} other report(s) share this report's origin (relays or "
                             "reprints) and are not counted as corroboration")
        if not res.others:
            res.notes.append("no other independent origin reports this incident")
        for c in incident.get("contradictions") or []:
            sides = c.get("sides") or []
            if any(r["article_id"] in s.get("article_ids", []) for s in sides) and c.get("summary"):
                res.notes.append(f"compare flagged: {c['summary']}")
        out.append(res)
    return out


@dataclass
class OutletRecord:
    """An outlet's history against consensus, accumulated in publication order."""

    outlet: str
    reports: int = 0
    compared: int = 0  # reports with a figure compared against other origins
    above: int = 0
    below: int = 0
    within: int = 0
    contradicted: int = 0
    deviations: list[float] = field(default_factory=list)

    def add(self, result: _Result) -> None:
        self.reports += 1
        fig = next((c for c in result.checks if c.field == "killed"), None)
        if fig is not None:
            self.compared += 1
            if fig.status == "agrees":
                self.within += 1
            elif fig.signed is not None and fig.signed > 0:
                self.above += 1
            else:
                self.below += 1
            if fig.signed is not None:
                self.deviations.append(fig.signed)
        if result.label == "contradicted":
            self.contradicted += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet, "reports": self.reports, "compared": self.compared,
            "above": self.above, "below": self.below, "within": self.within,
            "contradicted": self.contradicted,
            "mean_deviation": round(statistics.fmean(self.deviations), 4) if self.deviations else None,
        }

    def describe(self) -> str:
        if not self.reports:
            return f"{self.outlet}: no earlier reports checked"
        return (f"{self.outlet} so far: killed figure above consensus {self.above}/{self.compared}, "
                f"below {self.below}/{self.compared}; contradicted in {self.contradicted}/"
                f"{self.reports} report(s)")


def _order(r: _Result) -> tuple[str, str]:
    return (r.published or "9999-99-99", r.article_id)


def consensus_verdicts(incidents: Iterable[Mapping[str, Any]],
                       tol: Tolerances | None = None) -> list[dict[str, Any]]:
    """One ``consensus`` verdict per article (its most salient incident decides)."""
    results = [r for inc in incidents for r in check_incident(inc, tol)]
    by_article: dict[str, list[_Result]] = defaultdict(list)
    for r in results:
        by_article[r.article_id].append(r)
    records: dict[str, OutletRecord] = {}
    verdicts = []
    for aid, rs in sorted(by_article.items(), key=lambda kv: _order(kv[1][0])):
        rs.sort(key=lambda r: (r.incident_index, r.incident_id))
        main = rs[0]
        outlet = outlet_name(main.outlet)
        rec = records.setdefault(outlet, OutletRecord(outlet))
        before = rec.to_dict()
        reasons = [c.reason for c in sorted(main.checks, key=lambda c: c.status != "contradicts")]
        reasons += main.notes
        reasons.append("context only, not evidence: " + rec.describe())
        verdicts.append({
            "article_id": aid, "kind": "consensus", "label": main.label, "score": main.score,
            "reasons": reasons,
            "details": {
                "incident_id": main.incident_id, "incident_index": main.incident_index,
                "outlet": main.outlet, "published": main.published,
                "other_origins": main.others, "checks": [c.to_dict() for c in main.checks],
                "outlet_record": before,
                "incidents": [{"incident_id": r.incident_id, "incident_index": r.incident_index,
                               "label": r.label, "score": r.score} for r in rs],
            },
        })
        for r in rs:
            rec.add(r)
    return verdicts


def outlet_track_record(verdicts: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per-outlet totals over stored consensus verdicts, most-contradicted first."""
    records: dict[str, OutletRecord] = {}
    for v in verdicts:
        if v.get("kind") != "consensus":
            continue
        d = v.get("details") or {}
        outlet = outlet_name(d.get("outlet"))
        rec = records.setdefault(outlet, OutletRecord(outlet))
        res = _Result(v["article_id"], outlet, d.get("published"), str(d.get("incident_id")),
                      int(d.get("incident_index") or 0))
        res.checks = [_Check(c["field"], c["status"], c["reason"], c.get("deviation"))
                      for c in d.get("checks") or []]
        rec.add(res)
    rows = [r.to_dict() for r in records.values()]
    rows.sort(key=lambda r: (-(r["contradicted"] / r["reports"]) if r["reports"] else 0, r["outlet"]))
    return rows
