"""Compact forms of an incident document, stored beside it for listings.

An incident document carries its matrix, evidence and timeline (often tens of
kilobytes); a list page needs a few hundred bytes of it.  `replace_incidents`
stores both forms so that listing never reads or parses the full document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def incident_spread(inc: Mapping[str, Any]) -> float | None:
    """How far apart the reports' killed figures are: the highest minus the lowest
    (None without two bounds)."""
    killed = (inc.get("consensus") or {}).get("killed") or {}
    lo, hi = killed.get("min"), killed.get("max")
    if lo is None or hi is None:
        return None
    return float(hi) - float(lo)


def incident_summary(inc: Mapping[str, Any]) -> dict[str, Any]:
    """One row of an incident list: the indexed fields and the headline figures."""
    place = inc.get("place") or {}
    killed = (inc.get("consensus") or {}).get("killed") or {}
    injured = (inc.get("consensus") or {}).get("injured") or {}
    reports = inc.get("reports") or []
    return {
        "id": inc["id"],
        "label": inc.get("label"),
        "date": inc.get("date"),
        "date_precision": inc.get("date_precision"),
        "place": place.get("name"),
        "admin1": place.get("admin1"),
        "country": place.get("country"),
        "actors": list(inc.get("actors") or []),
        "perpetrators": list(inc.get("perpetrators") or []),
        "cause": inc.get("cause"),
        "grade": (inc.get("grade") or {}).get("label"),
        "n_reports": len(reports),
        "n_origins": len(inc.get("origins") or []),
        "outlets": sorted({r.get("outlet") or "?" for r in reports}),
        "killed": killed.get("conservative"),
        "killed_min": killed.get("min"),
        "killed_max": killed.get("max"),
        "injured": injured.get("conservative"),
        "contradictions": len(inc.get("contradictions") or []),
        "spread": incident_spread(inc),
        # the claims in contradiction (list pages badge a grade by them)
        "disputed": [c.get("field") for c in inc.get("contradictions") or []],
    }


def outlet_facts(inc: Mapping[str, Any]) -> dict[str, Any]:
    """The part of an incident that per-outlet statistics read, in the document's shape.

    Reports keep their outlet and article id, the timeline its killed range,
    contradictions the outlets and article ids of each side; everything else
    (matrix, evidence, framing, origins) is dropped.
    """
    killed = (inc.get("consensus") or {}).get("killed") or {}
    return {
        "id": inc["id"],
        "reports": [{"article_id": r.get("article_id"), "outlet": r.get("outlet")}
                    for r in inc.get("reports") or []],
        "consensus": {"killed": {"median": killed.get("median")}},
        "timeline": [{"article_id": t.get("article_id"), "killed_min": t.get("killed_min"),
                      "killed_max": t.get("killed_max")} for t in inc.get("timeline") or []],
        "contradictions": [
            {"field": c.get("field"),
             "sides": [{"article_ids": list(s.get("article_ids") or []),
                        "outlets": list(s.get("outlets") or [])}
                       for s in c.get("sides") or []]}
            for c in inc.get("contradictions") or []],
    }
