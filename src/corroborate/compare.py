"""Cross-source comparison of linked reports: the compare stage.

Input: the linker's clusters of `LinkItem`s (one item = one incident as one
article reports it), the extraction dicts and the articles.  Output: one
incident dict per cluster in the shape of ``docs/schema/incidents.schema.json``
(claims matrix, consensus, contradictions, timeline, independent origins,
grade).  The stage is a pure function of its inputs, so it can be mapped over
partitions of clusters.

The rules (what counts as a contradiction, which figures are "credible", how
origins are grouped, how the grade is chosen) are documented in
``docs/comparison.md``; the constants below are the knobs they name.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

from .models import Article

VERSION = "1.1"

#: claim keys of the matrix, in column order
CLAIMS = ("date", "place", "perpetrator", "killed", "killed_civilian", "killed_noncivilian",
          "killed_children", "injured", "cause", "framing")
#: numeric claims -> (outcome, toll category)
NUMERIC_CLAIMS = {
    "killed": ("killed", "total"),
    "killed_civilian": ("killed", "civilian"),
    "killed_noncivilian": ("killed", "noncivilian"),
    "killed_children": ("killed", "children"),
    "injured": ("injured", "total"),
}
#: numeric claims checked for contradictions (noncivilian is left out: it nearly always
#: restates the total for attacks on armed forces and would flag the same dispute twice)
CONTRADICTION_CLAIMS = ("killed", "injured", "killed_civilian", "killed_children")

#: figures closer than this are the same claim: max(ABS_TOL, REL_TOL * larger figure)
ABS_TOL = 2
REL_TOL = 0.10
#: "about N" is read as N ± ABOUT_TOL * N
ABOUT_TOL = 0.15
#: with >= OUTLIER_MIN_REPORTS figures, one more than OUTLIER_FACTOR times above or below
#: the median of the others is taken to be about another scope and is not credible
OUTLIER_FACTOR = 5.0
OUTLIER_MIN_REPORTS = 3
#: near-identical bodies: word 5-gram shingles with Jaccard >= JACCARD or containment >= CONTAINMENT
SHINGLE = 5
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 15

#: wire agencies: two reports crediting the same one carry one story
WIRES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "dpa": "dpa",
    "xinhua": "Xinhua", "ansa": "ANSA", "efe": "EFE", "upi": "UPI", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "bloomberg": "Bloomberg",
}
#: words that do not identify an outlet ("Sputnik Arabic" is Sputnik, "RT News" is RT)
_OUTLET_NOISE = {"news", "agency", "the", "arabic", "english", "tv", "online", "international",
                 "service", "network", "com", "net", "org", "channel", "newspaper", "daily", "wire",
                 "website", "radio", "television", "media", "in", "de", "al"}
#: causes that name the kind of harm but not the means: compatible with any specific cause
#: ("explosion" in one report and "car_bomb" in another is no disagreement)
GENERIC_CAUSES = {"explosion", "bombing", "attack", "unknown", "other", "violence", "clashes"}
#: specific causes that are kinds of an explosion or a bombing
_EXPLOSIVE = {"car_bomb", "suicide_bombing", "ied", "barrel_bomb", "airstrike", "drone_strike",
              "shelling", "rocket", "missile", "mine", "explosion", "bombing"}
_CONTRARY_FRAMES = (("deliberate", "mistake"), ("admission", "denial"))
_WORD = re.compile(r"\w+")


# --- small helpers ------------------------------------------------------------


def incident_id(keys: Iterable[tuple[str, int]]) -> str:
    """Stable id from the sorted member (article_id, incident_index) keys."""
    joined = "\n".join(f"{a}\t{i}" for a, i in sorted(keys))
    return "inc-" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]


def outlet_key(name: str | None) -> frozenset[str]:
    """Tokens that identify an outlet, so "Sputnik Arabic" matches "Sputnik"."""
    if not name:
        return frozenset()
    toks = [t for t in _WORD.findall(name.casefold()) if t not in _OUTLET_NOISE]
    return frozenset(toks)


def same_outlet(a: str | None, b: str | None) -> bool:
    ka, kb = outlet_key(a), outlet_key(b)
    return bool(ka and kb) and (ka <= kb or kb <= ka)


def _outlet_words(name: str) -> tuple[str, ...]:
    # all the words, generic ones included: "Sputnik" relays from "Sputnik Arabic" are
    # caught by `same_outlet`, but two reports only count as one newsroom's when the
    # names agree word for word ("Example TV" and "Example Wire" are two outlets)
    return tuple(_WORD.findall(name.casefold()))


def wire_name(speaker: str | None) -> str | None:
    if not speaker:
        return None
    s = " ".join(_WORD.findall(speaker.casefold()))
    if s in WIRES:
        return WIRES[s]
    for k, v in WIRES.items():
        # "Reuters news agency", "AFP correspondent": the agency named first
        if len(k) > 2 and s.startswith(k + " "):
            return v
    return None


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i:i + k])) for i in range(len(words) - k + 1)}


def text_overlap(a: set[int], b: set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def _tol(a: float, b: float) -> float:
    return max(ABS_TOL, REL_TOL * max(abs(a), abs(b)))


def causes_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    if a in GENERIC_CAUSES and b in GENERIC_CAUSES:
        return True
    if a in GENERIC_CAUSES:
        return a not in ("explosion", "bombing") or b in _EXPLOSIVE
    if b in GENERIC_CAUSES:
        return b not in ("explosion", "bombing") or a in _EXPLOSIVE
    return False


def _days(a: str, b: str) -> int:
    return abs((_date.fromisoformat(a) - _date.fromisoformat(b)).days)


# --- figures ------------------------------------------------------------------


@dataclass
class Figure:
    """One report's figure for one numeric claim, with its evidence."""

    stated: int  # the number the report gives
    low: int | None  # lower bound of the claim (None: open, as in "up to N")
    high: int | None  # upper bound (None: open, as in "at least N")
    qualifier: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    attribution: str | None = None
    #: stated only with a quantity word ("dozens", "hundreds"): a lower bound by
    #: convention, not an estimate (see `credible_figures`)
    vague: bool = False

    def interval(self) -> tuple[float, float]:
        """The interval the claim commits to, for compatibility checks.

        "up to N" is read as the count N (the toll the report gives), not as the
        open interval [0, N]: see docs/comparison.md.
        """
        n = self.stated
        if self.qualifier == "at_least":
            return n, float("inf")
        if self.qualifier == "about":
            return n * (1 - ABOUT_TOL), n * (1 + ABOUT_TOL)
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return self.low, self.high
        return n, n

    def display(self) -> str:
        q = self.qualifier
        if q == "range" and self.low is not None and self.high is not None and self.low != self.high:
            return f"{self.low}–{self.high}"
        return {"at_least": "at least ", "at_most": "up to ", "about": "about "}.get(q, "") + str(self.stated)

    def value(self) -> dict[str, Any]:
        return {"min": self.low, "max": self.high, "qualifier": self.qualifier}

    def point(self) -> float:
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return float(self.stated)


def display_range(lo: int | None, hi: int | None) -> str:
    """A figure range as reports word it: "up to 80", "at least 90", "62", "62–90"."""
    if lo is None and hi is not None:
        return f"up to {hi}"
    if hi is None and lo is not None:
        return f"at least {lo}"
    if lo == hi:
        return str(lo)
    return f"{lo}–{hi}"


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be right, allowing the tolerance."""
    alo, ahi = a.interval()
    blo, bhi = b.interval()
    tol = _tol(a.stated, b.stated)
    return alo <= bhi + tol and blo <= ahi + tol


def _span(d: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not d or d.get("start") is None or d.get("end") is None:
        return None
    return {"start": int(d["start"]), "end": int(d["end"]), "text": str(d.get("text", ""))}


def figure_of(incident: Mapping[str, Any], outcome: str, category: str) -> Figure | None:
    """The report's figure for ``outcome``/``category``: the toll value, qualified and
    evidenced by the casualty mentions that state it."""
    toll = (incident.get("toll") or {}).get(outcome) or {}
    n = toll.get(category)
    if n is None:
        return None
    n = int(n)
    mentions = [c for c in incident.get("casualties") or [] if c.get("outcome") == outcome]

    def fits(c: Mapping[str, Any]) -> bool:
        if category == "civilian":
            return c.get("victims") == "civilian" and not c.get("children") and not c.get("women")
        if category == "noncivilian":
            return c.get("victims") == "noncivilian"
        if category in ("children", "women"):
            return bool(c.get(category))
        return not c.get("children") and not c.get("women")

    stating = [c for c in mentions if n in (c.get("min"), c.get("max")) and fits(c)]
    stating = stating or [c for c in mentions if n in (c.get("min"), c.get("max"))]
    # the first statement (the lead, usually) carries the qualifier the report gives the toll
    stating.sort(key=lambda c: (c.get("start") is None, c.get("start") or 0))
    if not stating:
        return Figure(n, n, n, "exact")
    best = stating[0]
    q = str(best.get("qualifier") or "exact")
    lo, hi = best.get("min"), best.get("max")
    if q == "at_most":
        low, high = None, n
    elif q == "at_least":
        low, high = n, None
    elif q == "range":
        low, high = lo if lo is not None else n, hi if hi is not None else n
    else:
        low, high = n, n
    evidence = [s for s in (_span(c) for c in stating) if s]
    vague = all(not _DIGIT.search(str(c.get("text", ""))) and _VAGUE.search(str(c.get("text", "")))
                for c in stating)
    return Figure(n, low, high, q, evidence, best.get("attributed_to"), vague)


_DIGIT = re.compile(r"\d")
# Quantity words that the numbers convention turns into a lower bound; none names
# a count ("a dozen" or "twelve" do, and are not listed).
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|several|many|numerous)\b", re.I)


# --- reports and origins -----------------------------------------------------------


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

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

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
        ri, rj = find(i), find(j)
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
        groups[find(i)].append(i)
    origins: list[dict[str, Any]] = []
    for k, root in enumerate(sorted(groups, key=lambda r: min(groups[r])), start=1):
        members = groups[root]
        kinds = {kind for i, j, kind, _ in edges if find(i) == root}
        reasons = [why for i, j, _, why in edges if find(i) == root]
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


def _unique(xs: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


# --- consensus ----------------------------------------------------------------


def _superseded(reports: Sequence[Report], figs: Mapping[int, Figure]) -> set[int]:
    """Reports whose figure the same origin (or outlet) later raised: an early count, not an
    estimate the source still stands by."""
    out: set[int] = set()
    for i, f in figs.items():
        for j, g in figs.items():
            ri, rj = reports[i], reports[j]
            same_source = ri.origin_id == rj.origin_id or (ri.outlet and ri.outlet == rj.outlet)
            if (i != j and same_source and ri.published and rj.published
                    and rj.published > ri.published and g.stated > f.stated):
                out.add(i)
    return out


def credible_figures(reports: Sequence[Report], figs: Mapping[int, Figure]) -> dict[int, str]:
    """Reports whose figure is left out of the conservative estimate -> why."""
    why: dict[int, str] = {}
    # ACLED codes "dozens" or "hundreds" only when no report gives a number: a
    # quantity word is not the lowest credible *estimate* beside real counts.
    if any(not f.vague for f in figs.values()):
        for i, f in figs.items():
            if f.vague:
                why[i] = f"{f.display()} comes from a quantity word, not a count"
    for i in _superseded(reports, figs):
        why[i] = "superseded by a later, higher figure from the same origin"
    if len(figs) >= OUTLIER_MIN_REPORTS:
        for i, f in figs.items():
            others = [g.point() for j, g in figs.items() if j != i]
            med = statistics.median(others)
            if med > 0 and (f.point() > OUTLIER_FACTOR * med or f.point() * OUTLIER_FACTOR < med):
                why[i] = (f"{f.display()} is more than {OUTLIER_FACTOR:g}× off the median of the "
                          f"other reports ({med:g}): likely another scope")
    return why


def numeric_consensus(reports: Sequence[Report], figs: Mapping[int, Figure]) -> dict[str, Any]:
    out: dict[str, Any] = {"conservative": None, "min": None, "max": None, "median": None,
                           "n_reports": len(figs), "n_origins": len({reports[i].origin_id for i in figs}),
                           "values": []}
    if not figs:
        return out
    excluded = credible_figures(reports, figs)
    credible = {i: f for i, f in figs.items() if i not in excluded} or dict(figs)
    out["conservative"] = min(f.low if f.low is not None else f.stated for f in credible.values())
    out["min"] = min(f.low if f.low is not None else f.stated for f in figs.values())
    out["max"] = max(f.high if f.high is not None else f.stated for f in figs.values())
    med = statistics.median(f.point() for f in credible.values())
    out["median"] = int(med) if float(med).is_integer() else med
    by_display: dict[str, list[int]] = defaultdict(list)
    for i, f in sorted(figs.items(), key=lambda kv: (kv[1].stated, kv[1].display())):
        by_display[f.display()].append(i)
    for disp, idx in by_display.items():
        f = figs[idx[0]]
        origin_ids = _unique(reports[i].origin_id for i in idx)
        out["values"].append({
            "value": f.stated, "display": disp, "min": f.low, "max": f.high,
            "qualifier": f.qualifier, "credible": not all(i in excluded for i in idx),
            "origins": len(origin_ids), "origin_ids": origin_ids,
            "article_ids": _unique(reports[i].article_id for i in idx),
            **({"excluded_because": excluded[idx[0]]} if all(i in excluded for i in idx) else {}),
        })
    return out


def categorical_consensus(reports: Sequence[Report], values: Mapping[int, list[str]]) -> dict[str, Any]:
    support: dict[str, list[int]] = defaultdict(list)
    for i, vs in values.items():
        for v in vs:
            support[v].append(i)
    entries: list[dict[str, Any]] = []
    for v, idx in support.items():
        origin_ids = _unique(reports[i].origin_id for i in idx)
        entries.append({"value": v, "origins": len(origin_ids), "origin_ids": origin_ids,
                        "article_ids": _unique(reports[i].article_id for i in idx)})
    entries.sort(key=lambda e: (-e["origins"], -len(e["article_ids"]), e["value"]))
    top = None
    if entries and (len(entries) == 1 or entries[0]["origins"] > entries[1]["origins"]):
        top = entries[0]["value"]
    reporting = [i for i, vs in values.items() if vs]
    return {"value": top, "n_reports": len(reporting),
            "n_origins": len({reports[i].origin_id for i in reporting}), "values": entries}


# --- contradictions -------------------------------------------------------------


def figure_sides(figs: Mapping[int, Figure]) -> list[list[int]]:
    """Partition reports into sides of mutually compatible figures (sweep by stated figure)."""
    sides: list[list[int]] = []
    for i, f in sorted(figs.items(), key=lambda kv: (kv[1].stated, kv[1].qualifier != "at_least")):
        for side in sides:
            if all(compatible(f, figs[j]) for j in side):
                side.append(i)
                break
        else:
            sides.append([i])
    return sides


def _evidence(article_id: str, spans: Iterable[Mapping[str, Any] | None]) -> list[dict[str, Any]]:
    out = []
    for s in spans:
        sp = _span(s)
        if sp and {"article_id": article_id, **sp} not in out:
            out.append({"article_id": article_id, **sp})
    return out


def numeric_contradiction(claim: str, reports: Sequence[Report],
                          figs: Mapping[int, Figure]) -> dict[str, Any] | None:
    if len(figs) < 2:
        return None
    sides = figure_sides(figs)
    if len(sides) < 2:
        return None
    out_sides = []
    names = []
    for side in sides:
        disp = _unique(figs[i].display() for i in side)
        names.append(_unique(reports[i].label for i in side))
        out_sides.append({
            "value": " / ".join(disp),
            "article_ids": _unique(reports[i].article_id for i in side),
            "outlets": _unique(reports[i].outlet for i in side),
            "evidence": [e for i in side for e in _evidence(reports[i].article_id, figs[i].evidence)],
        })
    what = claim.replace("_", " ").replace("killed ", "killed: ")
    parts = [f"{', '.join(n)} {'says' if len(n) == 1 else 'say'} {s['value']}"
             for n, s in zip(names, out_sides, strict=True)]
    out: dict[str, Any] = {"field": claim, "summary": f"{what.capitalize()}: " + "; ".join(parts),
                           "sides": out_sides}
    if rising_toll(reports, sides):
        out["note"] = "rising_toll"
        out["summary"] += " (consistent with a rising toll: each higher figure was published later)"
    return out


def rising_toll(reports: Sequence[Report], sides: Sequence[Sequence[int]]) -> bool:
    """Whether the sides (in order of their figures) were also published in that order: the
    later, higher figures may be updates of a count, not a dispute about it."""
    spans: list[tuple[str, str]] = []
    for side in sides:
        dates = [d for i in side if (d := reports[i].published)]
        if len(dates) < len(side):
            return False
        spans.append((min(dates), max(dates)))
    return all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


def framing_contradictions(reports: Sequence[Report]) -> list[dict[str, Any]]:
    out = []
    for a, b in _CONTRARY_FRAMES:
        sides = []
        for label in (a, b):
            idx = [i for i, r in enumerate(reports) if label in r.framing_labels()]
            if not idx:
                break
            sides.append({
                "value": label,
                "article_ids": _unique(reports[i].article_id for i in idx),
                "outlets": _unique(reports[i].outlet for i in idx),
                "evidence": [e for i in idx for e in _evidence(
                    reports[i].article_id,
                    [f for f in reports[i].incident.get("framing") or [] if f.get("label") == label])],
                "speakers": _unique(f.get("speaker") for i in idx
                                    for f in reports[i].incident.get("framing") or []
                                    if f.get("label") == label and f.get("speaker")),
            })
        if len(sides) == 2:
            who = [", ".join(s["speakers"] or _unique(r.label for r in reports
                                                       if r.article_id in s["article_ids"]))
                   for s in sides]
            out.append({"field": "framing",
                        "summary": f"Framing: {a} ({who[0]}) vs {b} ({who[1]})",
                        "sides": sides})
    return out


def _perp_compatible(a: Report, b: Report) -> bool:
    pa, pb = set(a.perpetrators()), set(b.perpetrators())
    if pa & pb:
        return True
    if a.perpetrator_countries() & b.perpetrator_countries():
        return True
    return any(_name_match(x, y) for x in pa for y in pb)


def perpetrator_contradiction(reports: Sequence[Report],
                              top: str | None = None) -> dict[str, Any] | None:
    """Reports that name no perpetrator compatible with ``top`` (the perpetrator most
    origins name) against those that name it; without a majority, a sweep into groups of
    mutually compatible reports."""
    naming = [i for i, r in enumerate(reports) if r.perpetrators()]
    sides: list[list[int]] = []
    if top is not None:
        with_top = [i for i in naming if _perp_compatible_name(top, reports[i])]
        others = [i for i in naming if i not in with_top]
        sides = [with_top, others] if with_top and others else []
    else:
        for i in naming:
            for side in sides:
                if all(_perp_compatible(reports[i], reports[j]) for j in side):
                    side.append(i)
                    break
            else:
                sides.append([i])
    if len(sides) < 2:
        return None
    out_sides = []
    who = []
    for k, side in enumerate(sides):
        names = [top] if top is not None and k == 0 else \
            _unique(n for i in side for n in reports[i].perpetrators())
        who.append(", ".join(_unique(reports[i].label for i in side)))
        out_sides.append({
            "value": " / ".join(str(n) for n in names),
            "article_ids": _unique(reports[i].article_id for i in side),
            "outlets": _unique(reports[i].outlet for i in side),
            "evidence": [e for i in side for e in _evidence(
                reports[i].article_id,
                [a for a in reports[i].incident.get("actors") or []
                 if a.get("role") == "perpetrator" and (
                     a.get("name") in names or (top is not None and k == 0
                                                and _perp_compatible_name(top, reports[i])
                                                and _name_match(top, a.get("name"))))])],
        })
    return {"field": "perpetrator",
            "summary": "Perpetrator: " + " vs ".join(
                f"{s['value']} ({w})" for s, w in zip(out_sides, who, strict=True)),
            "sides": out_sides}


def _name_match(a: str, b: str | None) -> bool:
    """Same actor name, or one contains the other ("US" and "US-led coalition")."""
    if not b:
        return False
    x, y = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(x and y) and (x <= y or y <= x)


def _perp_compatible_name(name: str, r: Report) -> bool:
    """Whether report ``r`` names ``name`` (or a name containing it, or contained in it)."""
    return any(_name_match(name, p) for p in r.perpetrators())


# --- grade ----------------------------------------------------------------------


def grade(reports: Sequence[Report], origins: Sequence[Mapping[str, Any]],
          contradictions: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Airwars-style grade with the rule that fired, as text (see docs/comparison.md)."""
    if len(reports) == 1:
        return {"label": "single_source", "rule": "single_source: only one report of this incident"}

    perps = _unique(p for r in reports for p in r.perpetrators())

    def speakers(label: str) -> list[str]:
        # only the accused party's admission or denial decides (Airwars); an unattributed one,
        # or one in an incident without a named perpetrator, is taken at face value
        return _unique(f.get("speaker") or f"unattributed, in {r.label}" for r in reports
                       for f in r.incident.get("framing") or [] if f.get("label") == label
                       and (not f.get("speaker") or not perps
                            or any(same_party(f["speaker"], p) for p in perps)))

    admits, denies = speakers("admission"), speakers("denial")
    disputed = [c for c in contradictions if c["field"] in ("perpetrator", "framing")
                and _independent_sides(c, reports)]
    notes = "; ".join(c["summary"] for c in contradictions)
    if admits and not denies:
        rule = (f"confirmed: an admission of responsibility is reported ({', '.join(admits)}) "
                "and no report carries a denial")
        return {"label": "confirmed", "rule": rule + (f". Still disputed: {notes}" if notes else "")}
    if denies or disputed:
        why = []
        if denies:
            why.append(f"a denial is reported ({', '.join(denies)})")
        why.extend(c["summary"] for c in disputed)
        return {"label": "contested",
                "rule": "contested: independent origins contradict each other or the accused denies: "
                        + "; ".join(why)}
    if len(origins) >= 2:
        return {"label": "fair",
                "rule": f"fair: {len(origins)} independent origins report the incident "
                        "and agree on perpetrator and framing"
                        + (f" (figures differ: {notes})" if notes else "")}
    return {"label": "weak",
            "rule": f"weak: {len(reports)} reports but one origin ({origins[0]['label']}); "
                    "relays and reprints do not corroborate"}


#: names that stand for a state in reporting ("Washington admitted", "the Kremlin denied")
PARTY_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states",
    "united states": "united states", "american": "united states", "americans": "united states",
    "washington": "united states", "pentagon": "united states", "centcom": "united states",
    "central command": "united states", "white house": "united states",
    "state department": "united states", "us led coalition": "united states",
    "russia": "russia", "russian": "russia", "moscow": "russia", "kremlin": "russia",
    "syria": "syria", "syrian government": "syria", "syrian army": "syria", "damascus": "syria",
    # "Syrian" alone is left out: the Syrian Observatory for Human Rights is no party
    "assad": "syria", "syrian regime": "syria", "syrian authorities": "syria",
    "syrian state": "syria", "turkey": "turkey", "turkish": "turkey", "ankara": "turkey",
    "israel": "israel", "israeli": "israel", "iran": "iran", "iranian": "iran", "tehran": "iran",
    "islamic state": "islamic state", "isis": "islamic state", "isil": "islamic state",
    "daesh": "islamic state",
}


def parties(name: str) -> set[str]:
    """The states or groups a name stands for, through `PARTY_ALIASES` (any phrase in it)."""
    words = _WORD.findall(name.casefold())
    found = set()
    for n in (1, 2, 3):
        for k in range(len(words) - n + 1):
            key = " ".join(words[k:k + n])
            if key in PARTY_ALIASES:
                found.add(PARTY_ALIASES[key])
    return found


def same_party(speaker: str, perpetrator: str) -> bool:
    return _name_match(speaker, perpetrator) or bool(parties(speaker) & parties(perpetrator))


def _independent_sides(c: Mapping[str, Any], reports: Sequence[Report]) -> bool:
    """Whether a contradiction's sides come from different origins (or distinct speakers)."""
    origin = {r.article_id: r.origin_id for r in reports}
    side_origins = [{origin.get(a) for a in s["article_ids"]} for s in c["sides"]]
    if c["field"] == "framing":
        # one report quoting both parties is still a dispute between independent speakers
        return True
    return any(not (x <= y and y <= x) for x in side_origins for y in side_origins)


# --- matrix -----------------------------------------------------------------------


def _majority(values: Mapping[int, Any], reports: Sequence[Report]) -> Any:
    """The value most origins support (first reported wins a tie)."""
    support: dict[Any, set[str]] = defaultdict(set)
    first: dict[Any, int] = {}
    for i, v in values.items():
        if v is None:
            continue
        support[v].add(reports[i].origin_id)
        first.setdefault(v, i)
    if not support:
        return None
    return max(support, key=lambda v: (len(support[v]), -first[v]))


def _cell(value: Any, display: str, disagrees: bool, evidence: Iterable[Mapping[str, Any] | None],
          attribution: str | None = None) -> dict[str, Any]:
    ev = [s for s in (_span(e) for e in evidence) if s]
    return {"value": value, "display": display, "disagrees": bool(disagrees),
            "attribution": attribution, "evidence": ev}


_EMPTY = "—"


def build_matrix(reports: Sequence[Report], figs: Mapping[str, Mapping[int, Figure]],
                 consensus: Mapping[str, Any]) -> dict[str, Any]:
    dates = {i: r.incident.get("date") for i, r in enumerate(reports)}
    maj_date = _majority(dates, reports)
    places = {i: (p.get("admin1") or p["name"]) if (p := r.place()) else None
              for i, r in enumerate(reports)}
    maj_place = _majority(places, reports)
    causes = {i: r.cause() for i, r in enumerate(reports)}
    maj_cause = _majority({i: c for i, c in causes.items() if c and c not in GENERIC_CAUSES},
                          reports) or _majority(causes, reports)
    perp_top = consensus["perpetrator"]["value"]
    frame_top = consensus["framing"]["value"]
    contested_frames = {lab for a, b in _CONTRARY_FRAMES for lab in (a, b)
                        if any(a in r.framing_labels() for r in reports)
                        and any(b in r.framing_labels() for r in reports)}
    # the side each numeric cell is measured against: most origins, ties to the conservative
    reference: dict[str, list[int]] = {}
    for claim, fs in figs.items():
        sides = figure_sides(fs)
        if sides:
            cons = min(f.stated for f in fs.values())
            reference[claim] = max(sides, key=lambda s: (
                len({reports[i].origin_id for i in s}), any(fs[i].stated == cons for i in s)))

    rows = []
    for i, r in enumerate(reports):
        inc = r.incident
        cells: dict[str, dict[str, Any]] = {}
        d = inc.get("date")
        cells["date"] = _cell(d, d or _EMPTY, bool(d and maj_date and d != maj_date
                                                    and _days(d, maj_date) > 1),
                              [inc.get("date_evidence")])
        p = r.place()
        cells["place"] = _cell(p["name"] if p else None, (p["name"] if p else _EMPTY),
                               bool(places[i] and maj_place and places[i] != maj_place),
                               [inc.get("place")])
        perps = r.perpetrators()
        cells["perpetrator"] = _cell(
            perps or None, ", ".join(perps) or _EMPTY,
            bool(perps and perp_top and perp_top not in perps
                 and not any(_perp_compatible(r, o) for o in reports
                             if perp_top in o.perpetrators())),
            [a for a in inc.get("actors") or [] if a.get("role") == "perpetrator"])
        for claim in NUMERIC_CLAIMS:
            f = figs[claim].get(i)
            if f is None:
                cells[claim] = _cell(None, _EMPTY, False, [])
                continue
            ref = reference.get(claim, [])
            dis = i not in ref and not all(compatible(f, figs[claim][j]) for j in ref)
            cells[claim] = _cell(f.value(), f.display(), dis, f.evidence, f.attribution)
        c = r.cause()
        cells["cause"] = _cell(c, c or _EMPTY, not causes_compatible(c, maj_cause),
                               [inc.get("cause")])
        labels = r.framing_labels()
        frames = inc.get("framing") or []
        if frame_top is not None:
            dis = bool(labels) and frame_top not in labels and bool(set(labels) & contested_frames)
        else:
            # tied dispute: a report that carries only one side of it is partisan
            dis = any((a in labels) != (b in labels) for a, b in _CONTRARY_FRAMES
                      if a in contested_frames)
        speakers = _unique(f.get("speaker") for f in frames if f.get("speaker"))
        cells["framing"] = _cell(labels or None, ", ".join(labels) or _EMPTY, dis, frames,
                                 ", ".join(speakers) or None)
        rows.append({"article_id": r.article_id, "incident_index": r.incident_index,
                     "outlet": r.outlet, "published": r.published, "origin_id": r.origin_id,
                     "cells": cells})
    return {"claims": list(CLAIMS), "rows": rows}


# --- one incident -----------------------------------------------------------------


def _report_dict(r: Report) -> dict[str, Any]:
    inc = r.incident
    return {
        "article_id": r.article_id, "outlet": r.outlet, "published": r.published, "title": r.title,
        "incident_index": r.incident_index, "origin_id": r.origin_id,
        "toll": inc.get("toll") or {o: dict.fromkeys(("total", "civilian", "noncivilian",
                                                          "children", "women")) for o in ("killed", "injured")},
        "date": inc.get("date"), "place": r.place(), "perpetrators": r.perpetrators(),
        "cause": r.cause(), "framing": list(inc.get("framing") or []),
        "casualties": list(inc.get("casualties") or []),
        "attributions": list(inc.get("attributions") or []),
    }


def compare_reports(reports: list[Report]) -> dict[str, Any]:
    """The incident dict for one cluster of reports."""
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

    dates = sorted(d for r in reports if (d := r.incident.get("date")))
    date_support = {i: r.incident.get("date") for i, r in enumerate(reports)}
    top_date = _majority(date_support, reports)
    place = _best_place(reports)
    causes = {i: r.cause() for i, r in enumerate(reports)}
    specific = {i: c for i, c in causes.items() if c and c not in GENERIC_CAUSES}
    cause = _majority(specific, reports) or _majority(causes, reports)
    actor_count: Counter[str] = Counter()
    for r in reports:
        for name in _unique(a.get("name") for a in r.incident.get("actors") or [] if a.get("name")):
            actor_count[name] += 1
    perps = [v["value"] for v in consensus["perpetrator"]["values"]]
    label = " · ".join(x for x in (top_date, place["name"] if place else None, cause) if x) \
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
        "date_range": [dates[0], dates[-1]] if dates else [None, None],
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
                      articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """One incident dict per cluster (contracts: "Incidents JSON"), sorted by date then id.

    ``items`` are `corroborate.link.LinkItem`s (only ``article_id``,
    ``incident_index``, ``outlet``, ``published``, ``title`` and ``text`` are
    read); ``extractions`` are extraction dicts, as a mapping by article id or an
    iterable; ``articles`` maps ids to `Article`s (for the text that origin
    grouping compares).
    """
    if not isinstance(extractions, Mapping):
        extractions = {e["id"]: e for e in extractions}
    out = []
    for cluster in clusters:
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
            out.append(compare_reports(reports))
    out.sort(key=lambda d: (d["date"] or "9999", d["id"]))
    return out


def incidents_document(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    """The top-level JSON document: ``{"version": VERSION, "incidents": [...]}``."""
    return {"version": VERSION, "incidents": incidents}
