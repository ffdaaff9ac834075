"""Stable incident ids across analyses.

A fresh incident's id is a hash of its reports (`corroborate.compare.incident_id`),
so adding one report to an incident would change its id and break every link and
note that named it.  After each analysis the new incidents inherit the ids of the
stored ones they continue:

* a stored incident's id goes to the new incident that holds most of its reports
  (ties: the one whose first report sorts first); so a report added or re-analysed
  keeps the id, and when an incident **splits** the larger part keeps it;
* when several stored ids land on one new incident (a **merge**), the survivor keeps
  the oldest id (first given out in the earliest run; ties: the smaller id) and the
  others redirect to it: `Store.resolve_incident_id` follows them, the web app
  answers them with HTTP 308 and the CLI with a note;
* an incident that continues no stored one keeps its hash id; if that id was once
  merged away it names an incident again and its redirect is dropped.

Ids a reviewer gave (``fixed``) are kept as they are; stored ids that land on them
redirect to them like any merge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ..store.base import IdChange, Store

Key = tuple[str, int]


def _keys(incident: Mapping[str, Any]) -> list[Key]:
    return [(r["article_id"], int(r.get("incident_index") or 0)) for r in incident.get("reports") or []]


def assign_ids(incidents: Sequence[dict[str, Any]], previous: Mapping[str, Sequence[Key]],
               ages: Mapping[str, int], fixed: Collection[str] = ()) -> list[IdChange]:
    """Give ``incidents`` (in place) the ids of the ``previous`` incidents they continue;
    return the merges (old id -> surviving id).  ``ages``: the run each id was first
    given out in (an id without one counts as newest)."""
    where: dict[Key, int] = {}
    for n, inc in enumerate(incidents):
        for key in _keys(inc):
            where[key] = n
    first = [min(_keys(inc), default=("", 0)) for inc in incidents]
    claims: dict[int, list[str]] = defaultdict(list)
    for old, members in sorted(previous.items()):
        overlap: dict[int, int] = defaultdict(int)
        for key in members:
            if key in where:
                overlap[where[key]] += 1
        if overlap:
            claims[min(overlap, key=lambda n: (-overlap[n], first[n]))].append(old)
    newest = max(ages.values(), default=0) + 1
    changes: list[IdChange] = []
    for n, inc in enumerate(incidents):
        olds = sorted(claims.get(n, []), key=lambda i: (ages.get(i, newest), i))
        if not olds:
            continue
        survivor = inc["id"] if inc["id"] in fixed else olds[0]
        inc["id"] = survivor
        for old in olds:
            if old != survivor:
                changes.append(IdChange(old, survivor, f"merged into {survivor}: its reports were "
                                                       "linked with that incident's on re-analysis"))
    return changes


def stabilise_ids(store: Store, incidents: Sequence[dict[str, Any]],
                  fixed: Collection[str] = ()) -> list[IdChange]:
    """`assign_ids` against the incidents stored now, and record the result in the
    store's id history (call it just before `Store.replace_incidents`)."""
    previous = store.incident_members()
    ages = store.incident_id_ages([*previous, *(inc["id"] for inc in incidents)])
    changes = assign_ids(incidents, previous, ages, fixed)
    store.record_incident_ids([inc["id"] for inc in incidents], changes)
    return changes


def incident_redirect(store: Store, incident_id: str) -> str | None:
    """The id a merged-away incident id lives on as (None when the id names a stored
    incident, or nothing): the store's id history, where merges made by re-analysis and
    by reviewers (`corroborate.review.merge`) both leave their redirects.  What the web
    app answers with a 308 and the CLI with a note."""
    if store.get_incident(incident_id) is not None:
        return None
    target = store.resolve_incident_id(incident_id)
    if target is not None and target != incident_id and store.get_incident(target) is not None:
        return target
    return None
