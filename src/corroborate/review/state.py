"""The reviewers' decisions as state, folded from the append-only log, and how
analysis applies them.

Every log entry lists its ``changes``: for each reviewed key, the state before and
after.  The current state is the last ``new`` of each key (None: no decision).

Keys (JSON arrays, so that ids with any character stay unambiguous):

* ``["value", article_id, incident_index, field]`` -> ``{"value", "span", "facts"}``:
  a corrected value of one report's incident;
* ``["report", article_id, incident_index]`` -> group id: the incident a reviewer
  put this report in (by a move, split, merge or status);
* ``["status", group_id]`` -> review status of that incident.

A merged-away id's redirect is not kept here: `corroborate.review.merge` records it
in the store's incident id history, beside the merges re-analysis makes.

Analysis applies the state in two places: corrected values replace the
extractor's before linking and comparing (`ReviewState.corrected`), and after
linking every report a reviewer placed goes to its group whatever the linker
said, while reports nobody placed (new ones, say) follow the placed reports they
were linked with (`ReviewState.regroup`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .fields import apply_value

STATUSES = ("unreviewed", "in_review", "verified", "disputed")

Key = tuple[str, int]


def value_key(article_id: str, index: int, name: str) -> str:
    return json.dumps(["value", article_id, int(index), name])


def report_key(article_id: str, index: int) -> str:
    return json.dumps(["report", article_id, int(index)])


def status_key(incident_id: str) -> str:
    return json.dumps(["status", incident_id])


@dataclass
class ReviewState:
    """The reviewers' current decisions."""

    values: dict[tuple[str, int, str], dict[str, Any]] = field(default_factory=dict)
    pins: dict[Key, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> ReviewState:
        raw: dict[str, Any] = {}
        for e in entries:
            for c in e.get("changes") or []:
                if c.get("new") is None:
                    raw.pop(c["key"], None)
                else:
                    raw[c["key"]] = c["new"]
        state = cls(raw=raw)
        for k, v in raw.items():
            kind, *rest = json.loads(k)
            if kind == "value":
                state.values[(rest[0], int(rest[1]), rest[2])] = v
            elif kind == "report":
                state.pins[(rest[0], int(rest[1]))] = v
            elif kind == "status":
                state.status[rest[0]] = v
        return state

    def get(self, key: str) -> Any:
        return self.raw.get(key)

    # --- applying the state ------------------------------------------------------------
    def corrected(self, extractions: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """The extractions with every corrected value applied (copies of the touched
        ones; the stored extractor output is never changed)."""
        if not self.values:
            return dict(extractions)
        out = dict(extractions)
        for (article_id, index, name), v in sorted(self.values.items()):
            ext = out.get(article_id)
            if ext is None or not 0 <= index < len(ext.get("incidents") or []):
                continue  # re-extraction dropped that incident: the decision waits
            if ext is extractions.get(article_id):
                ext = out[article_id] = {**ext, "incidents": list(ext["incidents"])}
            ext["incidents"][index] = apply_value(ext["incidents"][index], name, v.get("value"),
                                                  v.get("span"), v.get("facts"))
        return out

    def regroup(self, clusters: Sequence[Sequence[int]], keys: Sequence[Key]
                ) -> list[tuple[list[int], str | None]]:
        """The linker's clusters with the reviewers' placements applied: each cluster
        with the group id that names it (None: nobody reviewed it, the usual id)."""
        if not self.pins:
            return [(list(c), None) for c in clusters]
        groups: dict[str, list[int]] = {}
        free: list[tuple[list[int], None]] = []
        for cluster in clusters:
            placed = [i for i in cluster if keys[i] in self.pins]
            rest = [i for i in cluster if keys[i] not in self.pins]
            if not placed:
                free.append((list(cluster), None))
                continue
            for i in placed:
                groups.setdefault(self.pins[keys[i]], []).append(i)
            if rest:
                # new reports follow the group most of their cluster's placed reports are in
                votes = Counter(self.pins[keys[i]] for i in placed)
                best = min(votes, key=lambda g: (-votes[g], g))
                groups[best].extend(rest)
        return [*((sorted(m), g) for g, m in sorted(groups.items())), *free]

    def stamp(self, incident: dict[str, Any], group: str | None) -> dict[str, Any]:
        """Give a compared incident its reviewed id and review status."""
        if group is not None:
            incident["id"] = group
        incident["review"] = {"status": self.status.get(incident["id"], "unreviewed")}
        return incident


def load_state(store: Any) -> ReviewState:
    return ReviewState.from_entries(store.iter_review())
