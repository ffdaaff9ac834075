"""Reports (one incident as one article tells it) and their grouping into independent origins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..unionfind import find
from .common import (
    CONTAINMENT,
    JACCARD,
    MIN_SHINGLES,
    _outlet_words,
    _unique,
    same_outlet,
    shingles,
    text_overlap,
    wire_name,
)


@dataclass
class Report:
    article_id: str
    incident_index: int
    outlet: str | None
    published: str | None
    title: str
    incident: dict[str, Any]
    text: str
    origin_id: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return self.article_id, self.incident_index

    @property
    def label(self) -> str:
        return self.outlet or self.article_id

    def perpetrators(self) -> list[str]:
        out: list[str] = []
        for a in self.incident.get("actors") or []:
            if a.get("role") == "perpetrator" and a.get("name") and a["name"] not in out:
                out.append(a["name"])
        return out

    def perpetrator_countries(self) -> set[str]:
        return {a["country"] for a in self.incident.get("actors") or []
                if a.get("role") == "perpetrator" and a.get("country")}

    def cause(self) -> str | None:
        c = self.incident.get("cause")
        return c.get("category") if c else None

    def place(self) -> dict[str, Any] | None:
        p = self.incident.get("place")
        if not p or not p.get("name"):
            return None
        return {k: p.get(k) for k in ("name", "admin1", "country", "lat", "lon")}

    def framing_labels(self) -> list[str]:
        seen: list[str] = []
        for f in self.incident.get("framing") or []:
            if f.get("label") and f["label"] not in seen:
                seen.append(f["label"])
        return seen

    def relayed(self) -> list[str]:
        return [a["speaker"] for a in self.incident.get("attributions") or []
                if a.get("kind") == "relay" and a.get("speaker")]


def group_origins(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Group reports that are one source; sets ``origin_id`` on each report.

    Edges: A relays B (a relay attribution of A names B's outlet); A and B credit
    the same wire agency; A and B have near-identical bodies; A and B come from one
    outlet.  Origins are the connected components.  See docs/comparison.md.
    """
    n = len(reports)
    parent = list(range(n))

    # (i, j, kind, why); for "relay" edges i is the relaying report and j the relayed one
    edges: list[tuple[int, int, str, str]] = []
    wires = [{w for w in (wire_name(s) for s in r.relayed()) if w} for r in reports]
    sh = [shingles(r.text) for r in reports]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = reports[i], reports[j]
            if a.article_id == b.article_id:
                continue
            shared_wire = wires[i] & wires[j]
            if shared_wire:
                edges.append((i, j, "wire", f"both credit {', '.join(sorted(shared_wire))}"))
                continue
            if any(same_outlet(s, b.outlet) for s in a.relayed()):
                edges.append((i, j, "relay", f"{a.label} relays {b.label}"))
                continue
            if any(same_outlet(s, a.outlet) for s in b.relayed()):
                edges.append((j, i, "relay", f"{b.label} relays {a.label}"))
                continue
            if len(sh[i]) >= MIN_SHINGLES and len(sh[j]) >= MIN_SHINGLES:
                jac, cont = text_overlap(sh[i], sh[j])
                if jac >= JACCARD or cont >= CONTAINMENT:
                    edges.append((i, j, "duplicate_text",
                                  f"{a.label} and {b.label} share near-identical text "
                                  f"(Jaccard {jac:.2f}, containment {cont:.2f})"))
                    continue
            if a.outlet and b.outlet and _outlet_words(a.outlet) == _outlet_words(b.outlet):
                # one newsroom's first report and its update: the later one does not
                # confirm the earlier, whatever the wording
                edges.append((i, j, "same_outlet", f"{a.label} and {b.label} are both "
                              f"reports of {a.outlet}"))

    def union(i: int, j: int) -> None:
        ri, rj = find(parent, i), find(parent, j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # a relayer joins the origin of the earliest report it relays, and only that one: a
    # roundup relaying two outlets does not make those two outlets one origin
    relay_target: dict[int, int] = {}
    for i, j, kind, _why in edges:
        if kind != "relay":
            union(i, j)
            continue
        src, dst = i, j
        best = relay_target.get(src)
        if best is None or (reports[dst].published or "9999", dst) < (reports[best].published or "9999", best):
            relay_target[src] = dst
    for src, dst in relay_target.items():
        union(src, dst)
    edges = [e for e in edges if e[2] != "relay" or relay_target.get(e[0]) == e[1]]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(parent, i)].append(i)
    origins: list[dict[str, Any]] = []
    for k, root in enumerate(sorted(groups, key=lambda r: min(groups[r])), start=1):
        members = groups[root]
        kinds = {kind for i, j, kind, _ in edges if find(parent, i) == root}
        reasons = [why for i, j, _, why in edges if find(parent, i) == root]
        kind = ("wire" if "wire" in kinds else "relay" if "relay" in kinds
                else "duplicate_text" if "duplicate_text" in kinds
                else "same_outlet" if kinds else "independent")
        oid = f"org-{k}"
        first = min(members, key=lambda i: (reports[i].published or "9999", i))
        label = reports[first].label
        if kind == "wire":
            shared = set.intersection(*(wires[i] for i in members if wires[i])) or \
                set.union(*(wires[i] for i in members))
            label = " / ".join(sorted(shared))
        elif kind == "relay":
            relayed = [m for m in members if not any(
                same_outlet(s, reports[x].outlet) for x in members if x != m
                for s in reports[m].relayed())]
            if relayed:
                label = reports[min(relayed, key=lambda i: (reports[i].published or "9999", i))].label
        for i in members:
            reports[i].origin_id = oid
        origins.append({"id": oid, "label": label, "kind": kind,
                        "article_ids": _unique(reports[i].article_id for i in members),
                        "reasons": reasons})
    return origins
