"""One incident dict per cluster of linked reports: the compare stage's entry point."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..models import Article
from ..present import display_date
from .common import (
    CONTRADICTION_CLAIMS,
    GENERIC_CAUSES,
    NUMERIC_CLAIMS,
    VERSION,
    _unique,
    incident_id,
)
from .consensus import categorical_consensus, numeric_consensus
from .contradictions import framing_contradictions, numeric_contradiction, perpetrator_contradiction
from .figures import Figure, figure_of
from .grade import grade
from .matrix import _majority, build_matrix, incident_date
from .origins import Report, group_origins


def _report_dict(r: Report) -> dict[str, Any]:
    inc = r.incident
    return {
        "article_id": r.article_id, "outlet": r.outlet, "published": r.published, "title": r.title,
        "incident_index": r.incident_index, "origin_id": r.origin_id,
        "toll": inc.get("toll") or {o: dict.fromkeys(("total", "civilian", "noncivilian",
                                                          "children", "women")) for o in ("killed", "injured")},
        "date": inc.get("date"), "date_precision": inc.get("date_precision") if inc.get("date")
        else None, "place": r.place(), "perpetrators": r.perpetrators(),
        "cause": r.cause(), "framing": list(inc.get("framing") or []),
        "casualties": list(inc.get("casualties") or []),
        "attributions": list(inc.get("attributions") or []),
    }


def compare_reports(reports: list[Report],
                    links: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The incident dict for one cluster of reports; ``links`` are the linker's reasons
    for joining them (`Linker.explain`)."""
    reports.sort(key=lambda r: (r.published or "9999-99-99", r.article_id, r.incident_index))
    origins = group_origins(reports)
    figs: dict[str, dict[int, Figure]] = {}
    for claim, (outcome, cat) in NUMERIC_CLAIMS.items():
        figs[claim] = {i: f for i, r in enumerate(reports)
                       if (f := figure_of(r.incident, outcome, cat)) is not None}
    consensus = {
        "killed": numeric_consensus(reports, figs["killed"]),
        "injured": numeric_consensus(reports, figs["injured"]),
        "perpetrator": categorical_consensus(reports, {i: r.perpetrators() for i, r in enumerate(reports)}),
        "framing": categorical_consensus(reports, {i: r.framing_labels() for i, r in enumerate(reports)}),
    }
    contradictions: list[dict[str, Any]] = []
    for claim in CONTRADICTION_CLAIMS:
        c = numeric_contradiction(claim, reports, figs[claim])
        if c:
            contradictions.append(c)
    pc = perpetrator_contradiction(reports, consensus["perpetrator"]["value"])
    if pc:
        contradictions.append(pc)
    contradictions.extend(framing_contradictions(reports))

    top_date, top_precision, date_range = incident_date(reports)
    place = _best_place(reports)
    causes = {i: r.cause() for i, r in enumerate(reports)}
    specific = {i: c for i, c in causes.items() if c and c not in GENERIC_CAUSES}
    cause = _majority(specific, reports) or _majority(causes, reports)
    actor_count: Counter[str] = Counter()
    for r in reports:
        for name in _unique(a.get("name") for a in r.incident.get("actors") or [] if a.get("name")):
            actor_count[name] += 1
    perps = [v["value"] for v in consensus["perpetrator"]["values"]]
    shown_date = display_date(top_date, top_precision) if top_date else None
    label = " · ".join(x for x in (shown_date, place["name"] if place else None, cause) if x) \
        or (reports[0].title[:80] or reports[0].article_id)
    timeline = []
    for i, r in enumerate(reports):
        k, j = figs["killed"].get(i), figs["injured"].get(i)
        timeline.append({"published": r.published, "article_id": r.article_id, "outlet": r.outlet,
                         "killed_min": k.low if k else None, "killed_max": k.high if k else None,
                         "injured_min": j.low if j else None, "injured_max": j.high if j else None})
    return {
        "id": incident_id(r.key for r in reports),
        "label": label,
        "date": top_date,
        "date_precision": top_precision,
        "date_range": date_range,
        "place": place,
        "actors": [n for n, _ in sorted(actor_count.items(), key=lambda kv: (-kv[1], kv[0]))],
        "perpetrators": perps,
        "cause": cause,
        "reports": [_report_dict(r) for r in reports],
        "origins": origins,
        "matrix": build_matrix(reports, figs, consensus),
        "consensus": consensus,
        "contradictions": contradictions,
        "timeline": timeline,
        "grade": grade(reports, origins, contradictions),
        "links": [dict(x) for x in links],
    }


def _best_place(reports: Sequence[Report]) -> dict[str, Any] | None:
    """The place most origins support, keyed on admin-1, named by its most specific mention."""
    support: dict[str, set[str]] = defaultdict(set)
    specific: dict[str, dict[str, Any]] = {}
    for r in reports:
        p = r.place()
        if not p:
            continue
        key = (p.get("admin1") or p["name"]).casefold()
        support[key].add(r.origin_id)
        kind = (r.incident.get("place") or {}).get("kind")
        if key not in specific or (kind not in ("admin1", "country") and specific[key].get("_kind")
                                   in ("admin1", "country")):
            specific[key] = {**p, "_kind": kind}
    if not support:
        return None
    best = max(support, key=lambda k: len(support[k]))
    return {k: v for k, v in specific[best].items() if k != "_kind"}


def compare_incidents(clusters: Sequence[Sequence[int]], items: Sequence[Any],
                      extractions: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
                      articles: Mapping[str, Article],
                      links: Sequence[Sequence[Mapping[str, Any]]] | None = None,
                      ) -> list[dict[str, Any]]:
    """One incident dict per cluster (contracts: "Incidents JSON"), sorted by date then id.

    ``items`` are `corroborate.link.LinkItem`s (only ``article_id``,
    ``incident_index``, ``outlet``, ``published``, ``title`` and ``text`` are
    read); ``extractions`` are extraction dicts, as a mapping by article id or an
    iterable; ``articles`` maps ids to `Article`s (for the text that origin
    grouping compares); ``links``, one list per cluster, the linker's reasons for
    each merge that built it (`corroborate.link.Linker.explain`).
    """
    if not isinstance(extractions, Mapping):
        extractions = {e["id"]: e for e in extractions}
    out = []
    for n, cluster in enumerate(clusters):
        reports = []
        for idx in cluster:
            it = items[idx]
            ext = extractions.get(it.article_id)
            if ext is None:
                continue
            incs = ext.get("incidents") or []
            if not 0 <= it.incident_index < len(incs):
                continue
            art = articles.get(it.article_id)
            text = art.text if art is not None else (getattr(it, "text", "") or "")
            reports.append(Report(
                article_id=it.article_id, incident_index=int(it.incident_index),
                outlet=getattr(it, "outlet", None) or ext.get("outlet"),
                published=getattr(it, "published", None) or ext.get("published"),
                title=getattr(it, "title", None) or ext.get("title") or "",
                incident=dict(incs[it.incident_index]), text=text))
        if reports:
            out.append(compare_reports(reports, links[n] if links is not None else ()))
    out.sort(key=lambda d: (d["date"] or "9999", d["id"]))
    return out


def incidents_document(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    """The top-level JSON document: ``{"version": VERSION, "incidents": [...]}``."""
    return {"version": VERSION, "incidents": incidents}
