"""Review operations: plain functions over the `Store`.

Each operation checks its input, reads the current state, appends one entry to
the append-only log (atomically checking that the versions it was based on are
still current: E137 otherwise) and recomputes the incidents it touched, so pages
show the decision at once; the next ``analyze`` applies the same decisions again
(`corroborate.review.state`).  Nothing is ever deleted: undo appends the inverse
entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import CorroborateError, error
from .fields import check_field, parse_value, place_facts, read_value
from .state import (
    STATUSES,
    Key,
    ReviewState,
    load_state,
    report_key,
    status_key,
    value_key,
)

#: log entry format version (docs/schema/review.schema.json)
LOG_VERSION = "1.0"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise error("E144", "say why: every review edit records a reason", field="reason")
    return text


def _who(who: str | None) -> str:
    name = (who or "").strip()
    if not name:
        raise error("E143", "a review edit needs the reviewer's name", field="as")
    return name


def conflict(message: str, *, current: Any, version: int, target: str) -> CorroborateError:
    return error("E137", message, field=target, current=current, version=version)


# --- reading --------------------------------------------------------------------------


def _extraction_incident(store: Any, article_id: str, index: int) -> dict[str, Any]:
    if store.get_article(article_id) is None:
        raise error("E043", f"no article with id {article_id!r}", field="article_id")
    ext = store.get_extraction(article_id)
    incs = (ext or {}).get("incidents") or []
    if not 0 <= index < len(incs):
        raise error("E138", f"article {article_id!r} has {len(incs)} incident(s); "
                    f"no incident {index}", field="incident")
    inc: dict[str, Any] = incs[index]
    return inc


def current_value(store: Any, article_id: str, index: int, name: str,
                  state: ReviewState | None = None) -> dict[str, Any]:
    """A report's value for a field: the reviewer's if there is one, else the
    extractor's, with the version an edit of it must be based on."""
    check_field(name)
    inc = _extraction_incident(store, article_id, index)
    state = state or load_state(store)
    key = value_key(article_id, index, name)
    override = state.get(key)
    version = store.review_heads([key]).get(key, 0)
    return {"article_id": article_id, "incident_index": index, "field": name,
            "value": override["value"] if override else read_value(inc, name),
            "machine": read_value(inc, name), "reviewed": override is not None,
            "span": override.get("span") if override else None, "version": version}


def resolve_incident(store: Any, incident_id: str, state: ReviewState | None = None
                     ) -> tuple[dict[str, Any], str]:
    """The stored incident an id names now (following the store's id history, where
    merges leave their redirects), and that id; a report (``ARTICLE_ID`` or
    ``ARTICLE_ID#N``) names the incident that holds it.  E044 when there is none."""
    inc = store.get_incident(incident_id)
    if inc is not None:
        return inc, incident_id
    target = store.resolve_incident_id(incident_id)
    inc = store.get_incident(target) if target and target != incident_id else None
    if inc is None and not incident_id.startswith("inc-"):
        article, sep, n = incident_id.rpartition("#")
        article, index = (article, int(n)) if sep and n.isdigit() else (incident_id, 0)
        inc = _incident_of(store, article, index)
    if inc is None:
        raise error("E044", f"no incident with id {incident_id!r}", field="incident_id")
    return inc, inc["id"]


def _members(incident: dict[str, Any]) -> list[Key]:
    return [(r["article_id"], int(r.get("incident_index") or 0))
            for r in incident.get("reports") or []]


def _incident_keys(incident: dict[str, Any]) -> list[str]:
    return [*(report_key(a, i) for a, i in _members(incident)), status_key(incident["id"])]


def incident_version(store: Any, incident: dict[str, Any]) -> int:
    """The version an incident-level edit (move, split, merge, status) is based on: the
    latest entry that placed one of its reports or set its status."""
    return max(store.review_heads(_incident_keys(incident)).values(), default=0)


def _incident_of(store: Any, article_id: str, index: int) -> dict[str, Any] | None:
    for inc in store.incidents_for_article(article_id):
        if (article_id, index) in _members(inc):
            return inc  # type: ignore[no-any-return]
    return None


def log(store: Any, *, incident_id: str | None = None,
        article_id: str | None = None) -> list[dict[str, Any]]:
    """The review log, oldest first; for one incident (under any id it had) or one
    article when asked."""
    entries = list(store.iter_review())
    if incident_id is not None:
        ids = {incident_id}
        try:
            inc: dict[str, Any] | None = resolve_incident(store, incident_id)[0]
        except CorroborateError:
            inc = None  # an id that is gone now: its entries are still in the log
        if inc is not None:
            ids.add(inc["id"])
        keys = set(_members(inc)) if inc else set()
        entries = [e for e in entries if ids & set(e.get("incidents") or [])
                   or any(tuple(r) in keys for r in e.get("reports") or [])]
    if article_id is not None:
        entries = [e for e in entries if any(r[0] == article_id for r in e.get("reports") or [])]
    return entries


# --- writing --------------------------------------------------------------------------


def _commit(store: Any, state: ReviewState, *, who: str | None, action: str,
            reason: str | None, target: dict[str, Any], field: str | None, old: Any, new: Any,
            new_states: dict[str, Any], base_version: int, incidents: Iterable[str],
            reports: Iterable[Key], undoes: int | None = None,
            heads: dict[str, int] | None = None,
            before: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    changes = [{"key": k, "old": state.get(k), "new": v} for k, v in new_states.items()
               if state.get(k) != v]
    keys = [c["key"] for c in changes]
    read = store.review_heads(keys)
    expect = {k: read.get(k, 0) for k in keys}
    if heads:
        expect.update(heads)
    entry = {"version": LOG_VERSION, "at": _now(), "who": _who(who), "action": action,
             "target": target, "field": field, "old": old, "new": new,
             "reason": _reason(reason), "base_version": base_version, "undoes": undoes,
             "incidents": sorted(set(incidents)), "reports": sorted({(a, i) for a, i in reports}),
             "changes": changes,
             # where the reports were, so that an undo can put them back at once
             "before": {inc["id"]: [list(k) for k in _members(inc)] for inc in before}}
    done: dict[str, Any] = store.append_review(entry, expect)
    return done


def set_value(store: Any, article_id: str, name: str, raw: Any, *, index: int = 0,
              who: str | None, reason: str | None, span: tuple[int, int] | None = None,
              base_version: int | None = None,
              gazetteers: Sequence[Path] = ()) -> dict[str, Any]:
    """Set (or, with ``raw`` None, clear) one report's value for a field, optionally
    pointing at the text that supports it (checked through `Doc.char_span`)."""
    from ..doc import Doc

    check_field(name)
    value = parse_value(name, raw)
    state = load_state(store)
    now = current_value(store, article_id, index, name, state)
    if base_version is not None and base_version != now["version"]:
        raise conflict(f"{article_id} incident {index} {name} is now {now['value']!r} "
                       f"(version {now['version']}); this edit was based on version "
                       f"{base_version}", current=now["value"], version=now["version"],
                       target=name)
    checked = None
    if span is not None:
        article = store.get_article(article_id)
        s = Doc(article).char_span(int(span[0]), int(span[1]))
        checked = s.to_dict()
    facts = place_facts(value, list(gazetteers)) if name == "place" and value else None
    inc = _incident_of(store, article_id, index)
    entry = _commit(
        store, state, who=who, action="clear" if value is None else "set", reason=reason,
        target={"article_id": article_id, "incident_index": index,
                "incident_id": inc["id"] if inc else None},
        field=name, old=now["value"], new=value,
        new_states={value_key(article_id, index, name): {"value": value, "span": checked,
                                                         "facts": facts}},
        base_version=now["version"], incidents=[inc["id"]] if inc else [],
        reports=[(article_id, index)], heads={value_key(article_id, index, name): now["version"]})
    refresh(store, [inc["id"]] if inc else [])
    return entry


def _check_base(store: Any, incident: dict[str, Any], base_version: int | None) -> int:
    version = incident_version(store, incident)
    if base_version is not None and base_version != version:
        raise conflict(f"incident {incident['id']} changed (version {version}) since version "
                       f"{base_version}", current=_summary(incident), version=version,
                       target=incident["id"])
    return version


def _summary(incident: dict[str, Any]) -> dict[str, Any]:
    return {"id": incident["id"], "reports": [list(k) for k in _members(incident)],
            "status": (incident.get("review") or {}).get("status", "unreviewed")}


def move(store: Any, article_id: str, to_incident: str, *, index: int = 0, who: str | None,
         reason: str | None, base_version: int | None = None) -> dict[str, Any]:
    """Move one report to another incident; both incidents keep the rest of their
    reports as they are now."""
    _extraction_incident(store, article_id, index)
    state = load_state(store)
    source = _incident_of(store, article_id, index)
    dest, dest_id = resolve_incident(store, to_incident, state)
    if source is None:
        raise error("E044", f"{article_id} incident {index} is in no incident yet: run "
                    "analyze first", field="article_id")
    if source["id"] == dest_id:
        raise error("E140", f"{article_id} incident {index} is already in {dest_id}",
                    field="incident_id")
    version = _check_base(store, source, base_version)
    key = (article_id, index)
    states: dict[str, Any] = {report_key(a, i): source["id"] for a, i in _members(source)
                              if (a, i) != key}
    states.update({report_key(a, i): dest_id for a, i in _members(dest)})
    states[report_key(*key)] = dest_id
    entry = _commit(store, state, who=who, action="move", reason=reason,
                    target={"article_id": article_id, "incident_index": index,
                            "incident_id": source["id"]},
                    field=None, old=source["id"], new=dest_id, new_states=states,
                    base_version=version, incidents=[source["id"], dest_id],
                    reports=[*_members(source), *_members(dest)], before=[source, dest])
    refresh(store, [source["id"], dest_id])
    return entry


def split(store: Any, incident_id: str, reports: Sequence[Key], *, who: str | None,
          reason: str | None, base_version: int | None = None) -> dict[str, Any]:
    """Split the listed reports off into an incident of their own.  The larger part
    keeps the id (the rest does on a tie: the listed reports are the ones that leave)."""
    from ..compare import incident_id as members_id

    state = load_state(store)
    inc, iid = resolve_incident(store, incident_id, state)
    members = _members(inc)
    chosen = [(a, int(i)) for a, i in reports]
    missing = [k for k in chosen if k not in members]
    if missing:
        raise error("E139", f"{', '.join(f'{a} #{i}' for a, i in missing)} not in {iid}",
                    field="reports")
    rest = [k for k in members if k not in chosen]
    if not chosen or not rest:
        raise error("E139", f"a split of {iid} needs reports on both sides "
                    f"(it has {len(members)})", field="reports")
    version = _check_base(store, inc, base_version)
    keep, other = (chosen, rest) if len(chosen) > len(rest) else (rest, chosen)
    new_id = members_id(other)
    states: dict[str, Any] = {report_key(a, i): iid for a, i in keep}
    states.update({report_key(a, i): new_id for a, i in other})
    if iid in state.status:
        # the part that leaves starts unreviewed; the status stays with the id
        states[status_key(new_id)] = None
    entry = _commit(store, state, who=who, action="split", reason=reason,
                    target={"incident_id": iid}, field=None,
                    old=[list(k) for k in members],
                    new={iid: [list(k) for k in keep], new_id: [list(k) for k in other]},
                    new_states=states, base_version=version, incidents=[iid, new_id],
                    reports=members, before=[inc])
    refresh(store, [iid])
    return entry


def _older(store: Any, a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(survivor, merged away): the older id (first given out in the earlier analysis,
    as the store's id history records; ties: the smaller id) survives."""
    ages = store.incident_id_ages([a["id"], b["id"]])
    newest = max(ages.values(), default=0) + 1

    def age(inc: dict[str, Any]) -> tuple[int, str]:
        return ages.get(inc["id"], newest), inc["id"]

    return (a, b) if age(a) <= age(b) else (b, a)


def merge(store: Any, incident_a: str, incident_b: str, *, who: str | None,
          reason: str | None, base_version: int | None = None) -> dict[str, Any]:
    """Merge two incidents.  The older keeps its id; the other id redirects to it."""
    state = load_state(store)
    a, aid = resolve_incident(store, incident_a, state)
    b, bid = resolve_incident(store, incident_b, state)
    if aid == bid:
        raise error("E140", f"{incident_a} and {incident_b} are one incident ({aid})",
                    field="incident_id")
    version = _check_base(store, a, base_version)
    survivor, gone = _older(store, a, b)
    states: dict[str, Any] = {report_key(k[0], k[1]): survivor["id"]
                              for k in [*_members(a), *_members(b)]}
    if gone["id"] in state.status and survivor["id"] not in state.status:
        states[status_key(survivor["id"])] = state.status[gone["id"]]
    entry = _commit(store, state, who=who, action="merge", reason=reason,
                    target={"incident_id": aid, "other_incident_id": bid}, field=None,
                    old=[aid, bid], new=survivor["id"], new_states=states,
                    base_version=version, incidents=[aid, bid],
                    reports=[*_members(a), *_members(b)], before=[a, b])
    refresh(store, [aid, bid])
    # the merged-away id redirects (308, CLI note) through the store's id history
    store.record_incident_id_change(gone["id"], survivor["id"],
                                    f"merged into {survivor['id']} by {entry['who']} "
                                    f"(review #{entry['seq']}): {entry['reason']}")
    return entry


def set_status(store: Any, incident_id: str, status: str, *, who: str | None,
               reason: str | None, base_version: int | None = None) -> dict[str, Any]:
    """Mark an incident's review status; its reports stay together from now on."""
    if status not in STATUSES:
        raise error("E141", f"{status!r}: use one of {', '.join(STATUSES)}", field="status")
    state = load_state(store)
    inc, iid = resolve_incident(store, incident_id, state)
    version = _check_base(store, inc, base_version)
    old = state.status.get(iid, "unreviewed")
    states: dict[str, Any] = {report_key(a, i): iid for a, i in _members(inc)}
    states[status_key(iid)] = status
    entry = _commit(store, state, who=who, action="status", reason=reason,
                    target={"incident_id": iid}, field="status", old=old, new=status,
                    new_states=states, base_version=version, incidents=[iid],
                    reports=_members(inc), before=[inc])
    refresh(store, [iid])
    return entry


def undo(store: Any, seq: int, *, who: str | None, reason: str | None) -> dict[str, Any]:
    """Undo one entry by appending its inverse; E142 when a later entry changed what it
    changed (undo that one first)."""
    # sequence numbers are 64-bit integers in both stores: a larger one names no entry
    # (and would overflow the driver rather than miss)
    entry = store.get_review(seq) if 0 < seq < 2**63 else None
    if entry is None:
        raise error("E142", f"no review entry {seq}", field="seq")
    changes = entry.get("changes") or []
    if not changes:
        raise error("E142", f"entry {seq} changed nothing", field="seq")
    heads = store.review_heads([c["key"] for c in changes])
    later = sorted({heads.get(c["key"], 0) for c in changes} - {seq})
    if later:
        raise error("E142", f"entry {seq} was changed by later entries "
                    f"({', '.join(map(str, later))}): undo those first", field="seq",
                    later=later)
    state = load_state(store)
    affected = set(entry.get("incidents") or [])
    for c in changes:
        kind, *rest = json.loads(c["key"])
        if kind in ("report", "value"):
            inc = _incident_of(store, rest[0], int(rest[1]))
            if inc is not None:
                affected.add(inc["id"])
    done = _commit(store, state, who=who, action="undo", reason=reason,
                   target=entry.get("target") or {}, field=entry.get("field"),
                   old=entry.get("new"), new=entry.get("old"),
                   new_states={c["key"]: c["old"] for c in changes},
                   base_version=seq, incidents=affected, reports=[tuple(r) for r in
                                                                   entry.get("reports") or []],
                   undoes=seq, heads={c["key"]: seq for c in changes})
    placement = {(a, int(i)): iid for iid, ks in (entry.get("before") or {}).items()
                 for a, i in ks}
    refresh(store, sorted(affected), placement)
    return done


# --- recomputing what an edit touched -------------------------------------------------


def refresh(store: Any, incident_ids: Iterable[str],
            placement: dict[Key, str] | None = None) -> list[dict[str, Any]]:
    """Recompare the incidents an edit touched (without re-linking the store): each of
    their reports goes where a reviewer placed it, else where ``placement`` says (an
    undo puts reports back), else stays where it was."""
    from ..compare import compare_incidents
    from ..link import items_from_extractions

    state = load_state(store)
    old = [inc for i in dict.fromkeys(incident_ids) if (inc := store.get_incident(i))]
    if not old and not placement:
        return []
    where: dict[Key, str] = {}
    for inc in old:
        for k in _members(inc):
            where[k] = inc["id"]
    where.update(placement or {})
    groups = {inc["id"] for inc in old} | set(where.values())
    for k, group in state.pins.items():
        if group in groups or k in where:
            where[k] = group
    # reports placed into these incidents from elsewhere leave their old incidents
    others = {inc["id"] for k in where for inc in store.incidents_for_article(k[0])
              if k in _members(inc)} - {inc["id"] for inc in old}
    others_docs = [inc for i in sorted(others) if (inc := store.get_incident(i))]
    for inc in others_docs:
        for k in _members(inc):
            where.setdefault(k, inc["id"])
    articles = {a.id: a for a in store.iter_articles({a for a, _ in where})}
    extractions = {aid: e for aid in articles if (e := store.get_extraction(aid))}
    extractions = state.corrected(extractions)
    items = items_from_extractions(list(extractions.values()), articles)
    index = {it.key: n for n, it in enumerate(items)}
    clusters: dict[str, list[int]] = {}
    for k, group in where.items():
        if k in index:
            clusters.setdefault(group, []).append(index[k])
    new: list[dict[str, Any]] = []
    for group, members in sorted(clusters.items()):
        for inc in compare_incidents([members], items, extractions, articles):
            new.append(state.stamp(inc, group))
    store.update_incidents(new, remove=[*(i["id"] for i in old), *(i["id"] for i in others_docs)])
    # every id written is live: one an undone merge had redirected names an incident again
    store.record_incident_ids([inc["id"] for inc in new])
    return new
