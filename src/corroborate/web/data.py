"""Plain library functions behind the web pages and the HTTP API.

Each takes the store (or the app) and returns JSON-ready data; the HTML views
and the JSON endpoints render the same values, and a script can call them
directly.  Nothing here knows about HTTP.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorroborateError, error
from ..export import csv_cell
from ..lang.en.labels import LABELS, outlet_name
from ..models import Article, Provenance
from ..present import display_date
from ..store import INCIDENT_GRADES, INCIDENT_SORTS, IncidentQuery, Store
from ..store.summary import incident_summary

#: claim keys of the matrix -> column titles (the one label table, shared with the report)
CLAIM_TITLES = LABELS["claim"]
SORTS = INCIDENT_SORTS
GRADES = INCIDENT_GRADES
#: the largest page a listing serves (keeps one request bounded)
MAX_LIMIT = 500


# --- incidents ---------------------------------------------------------------------

@dataclass
class IncidentPage:
    query: IncidentQuery
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.query.limit, "offset": self.query.offset,
                "incidents": self.rows}


def list_incidents(store: Store, query: IncidentQuery) -> IncidentPage:
    """A page of incident summaries matching ``query`` and the total that match."""
    if query.sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    # the store keeps these rows precomputed: a page never parses full documents
    rows, total = store.list_incident_summaries(query)
    return IncidentPage(query=query, rows=rows, total=total)


def get_incident(store: Store, incident_id: str) -> dict[str, Any]:
    """The stored incident; E044 when there is none."""
    inc = store.get_incident(incident_id)
    if inc is None:
        raise error("E044", f"no incident with id {incident_id!r}", field="id")
    return inc


def incident_verdicts(store: Store, incident: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Stored credibility verdicts of each report in the incident, by article id."""
    return store.verdicts_for([r["article_id"] for r in incident.get("reports") or []])


def claim_index(verdicts: Mapping[str, Sequence[Mapping[str, Any]]], incident_id: str
                ) -> dict[str, Mapping[str, Any]]:
    """``"article_id|claim"`` -> that claim's verdict in this incident, for the claims matrix."""
    out: dict[str, Mapping[str, Any]] = {}
    for aid, vs in verdicts.items():
        for v in vs:
            if v.get("kind") != "claims":
                continue
            for c in (v.get("details") or {}).get("claims") or []:
                if c.get("incident_id") == incident_id:
                    out[f"{aid}|{c['claim']}"] = c
    return out


def review_info(store: Store, incident: Mapping[str, Any]) -> dict[str, Any]:
    """The incident's review status and the version an incident edit is based on."""
    from ..review import incident_version

    return {"status": (incident.get("review") or {}).get("status", "unreviewed"),
            "version": incident_version(store, dict(incident))}


# --- map ---------------------------------------------------------------------------

#: most incidents one map draws (the page says when more match)
MAP_MAX = 2000


@dataclass
class MapData:
    rows: list[dict[str, Any]] = field(default_factory=list)  # `export.incident_row`s with coordinates
    matched: int = 0  # incidents matching the filters
    read: int = 0  # of which read for the map (at most MAP_MAX, in the query's order)
    without_coordinates: int = 0  # read but not drawn: no coordinates


def map_incidents(store: Store, query: IncidentQuery, max_rows: int = MAP_MAX) -> MapData:
    """The incidents matching ``query`` that a map draws, in the query's order."""
    from ..export import incident_row, iter_incidents

    out = MapData(matched=store.list_incident_summaries(
        dataclasses.replace(query, limit=1, offset=0))[1])
    for inc in iter_incidents(store, query, max_rows=max_rows):
        out.read += 1
        row = incident_row(inc)
        if row["latitude"] is None:
            out.without_coordinates += 1
        else:
            out.rows.append(row)
    return out


# --- articles ----------------------------------------------------------------------

#: the kinds of extracted value an article page highlights, in legend order
KINDS = ("date", "place", "actor", "casualty", "cause", "attribution", "framing")


@dataclass
class Annotation:
    """One extracted value in an article: where it is and what it means."""

    start: int
    end: int
    kind: str
    value: str
    detail: str = ""  # attribution, role, qualifier...

    @property
    def title(self) -> str:
        head = f"{self.kind}: {self.value}"
        return f"{head} ({self.detail})" if self.detail else head

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "value": self.value,
                "detail": self.detail}


def _figure(c: Mapping[str, Any]) -> str:
    lo, hi, q = c.get("min"), c.get("max"), c.get("qualifier")
    if lo is None and hi is None:
        n = "unknown number"
    elif lo is None:
        n = f"up to {hi}"
    elif hi is None:
        n = f"at least {lo}"
    elif lo == hi:
        n = f"about {lo}" if q == "about" else str(lo)
    else:
        n = f"{lo}–{hi}"
    who = c.get("victims")
    extra = " children" if c.get("children") else " women" if c.get("women") else ""
    victims = f" {who}" if who and who != "unspecified" else ""
    return f"{n}{victims}{extra} {c.get('outcome')}"


def value_annotations(extraction: Mapping[str, Any] | None) -> list[Annotation]:
    """Every extracted value of an extraction dict, with its evidence offsets, deduplicated."""
    if not extraction:
        return []
    out: dict[tuple[int, int, str, str], Annotation] = {}

    def add(d: Mapping[str, Any] | None, kind: str, value: str, detail: str = "") -> None:
        if not d or d.get("start") is None or d.get("end") is None:
            return
        a = Annotation(int(d["start"]), int(d["end"]), kind, value, detail)
        out.setdefault((a.start, a.end, kind, value), a)

    for inc in extraction.get("incidents") or []:
        ev = inc.get("date_evidence")
        if ev:
            add(ev, "date", display_date(ev.get("value") or inc.get("date"),
                                         ev.get("precision") or inc.get("date_precision")),
                f"precision {inc.get('date_precision')}" if inc.get("date_precision") else "")
        p = inc.get("place")
        if p:
            where = ", ".join(x for x in (p.get("name"), p.get("admin1"), p.get("country")) if x)
            add(p, "place", where, p.get("kind") or "")
        for a in inc.get("actors") or []:
            add(a, "actor", a.get("name") or "", a.get("role") or "")
        for c in inc.get("casualties") or []:
            who = c.get("attributed_to")
            add(c, "casualty", _figure(c), f"according to {who}" if who else "")
        cause = inc.get("cause")
        if cause:
            add(cause, "cause", cause.get("category") or "",
                f"weapon {cause['weapon']}" if cause.get("weapon") else "")
        for a in inc.get("attributions") or []:
            add(a, "attribution", f"{a.get('speaker')} {a.get('verb')}", a.get("kind") or "")
        for f in inc.get("framing") or []:
            sp = f.get("speaker")
            add(f, "framing", f.get("label") or "", f"by {sp}" if sp else "")
    return sorted(out.values(), key=lambda a: (a.start, -a.end, KINDS.index(a.kind)
                                               if a.kind in KINDS else 99))


def segments(text: str, notes: Sequence[Annotation]) -> list[tuple[str, list[Annotation]]]:
    """Cut ``text`` at every annotation boundary: (piece, annotations covering it).

    Overlapping values (an actor inside a casualty phrase) each stay visible:
    a piece covered by several carries all of them, innermost first.
    """
    valid = [a for a in notes if 0 <= a.start < a.end <= len(text)]
    cuts = sorted({0, len(text), *(a.start for a in valid), *(a.end for a in valid)})
    out: list[tuple[str, list[Annotation]]] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [a for a in valid if a.start <= lo and hi <= a.end]
        covering.sort(key=lambda a: a.end - a.start)
        if out and not covering and not out[-1][1]:
            out[-1] = (out[-1][0] + text[lo:hi], [])
        else:
            out.append((text[lo:hi], covering))
    return out


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    """One article with its annotations, incidents and verdicts; E043 when missing."""
    article = store.get_article(article_id)
    if article is None:
        raise error("E043", f"no article with id {article_id!r}", field="id")
    extraction = store.get_extraction(article_id)
    notes = value_annotations(extraction)
    return {
        "article": article.to_dict(),
        "full_text": article.full_text,
        "title_end": article.title_end,
        "annotations": [a.to_dict() for a in notes],
        "extraction": extraction,
        "incidents": [incident_summary(i) for i in store.incidents_for_article(article_id)],
        "verdicts": store.get_verdicts(article_id),
    }


# --- outlets -----------------------------------------------------------------------

def iter_incidents(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored incident in the compact form `outlet_stats` reads
    (`store.summary.outlet_facts`), without parsing the full documents."""
    return store.iter_incident_facts()


def _majority(sides: Sequence[Mapping[str, Any]]) -> int | None:
    """Index of the side more reports stand on than any other, None on a tie."""
    sizes = [len(set(s.get("article_ids") or [])) for s in sides]
    if not sizes:
        return None
    best = max(sizes)
    return sizes.index(best) if sizes.count(best) == 1 else None


def outlet_stats(incidents: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per outlet: its killed figures against each incident's consensus median.

    A report's figure (or range) sits *above* the consensus when its low end
    exceeds the median of the incident's credible values, *below* when its high
    end is under it, and *agrees* otherwise.  It *contradicts* when the outlet
    stands on a minority side of a recorded contradiction (no side of a tie
    is the majority, so a tie counts against every side).
    """
    stats: dict[str, dict[str, Any]] = {}

    def row(outlet: str) -> dict[str, Any]:
        return stats.setdefault(outlet, {"outlet": outlet, "reports": 0, "incidents": 0,
                                         "with_figure": 0, "above": 0, "below": 0,
                                         "agrees": 0, "contradicts": 0})

    for inc in incidents:
        reports = inc.get("reports") or []
        if len(reports) < 2:
            for r in reports:
                s = row(outlet_name(r.get("outlet")))
                s["reports"] += 1
                s["incidents"] += 1
            continue
        killed = (inc.get("consensus") or {}).get("killed") or {}
        median = killed.get("median")
        by_article = {t["article_id"]: t for t in inc.get("timeline") or []}
        seen: set[str] = set()
        for r in reports:
            outlet = outlet_name(r.get("outlet"))
            s = row(outlet)
            s["reports"] += 1
            if outlet not in seen:
                s["incidents"] += 1
                seen.add(outlet)
            t = by_article.get(r["article_id"]) or {}
            lo, hi = t.get("killed_min"), t.get("killed_max")
            if median is None or (lo is None and hi is None):
                continue
            s["with_figure"] += 1
            if lo is not None and lo > median:
                s["above"] += 1
            elif hi is not None and hi < median:
                s["below"] += 1
            else:
                s["agrees"] += 1
        minority: set[str] = set()
        for c in inc.get("contradictions") or []:
            sides = c.get("sides") or []
            major = _majority(sides)
            for i, side in enumerate(sides):
                if i != major:
                    minority.update(outlet_name(o) for o in side.get("outlets") or [])
        for outlet in minority:
            row(outlet)["contradicts"] += 1
    return sorted(stats.values(), key=lambda s: (-s["reports"], s["outlet"].lower()))


# --- writes --------------------------------------------------------------------------

def api_article(record: Mapping[str, Any], row: int) -> Article:
    """An `Article` from one API record ``{id?, title, text, outlet, published, url?}``.

    Without an id the article is named after its title (slug), as files are
    named after their stem; the store makes a taken id unique.
    """
    from ..ingest import parse_date, slugify

    text = (record.get("text") or "").strip()
    if not text:
        raise error("E012", file="api", row=row, field="text")
    try:
        published = parse_date(record.get("published") or None, source="api", row=row)
    except CorroborateError:
        raise error("E015", f"published {record.get('published')!r} is not a real date",
                    file="api", row=row, field="published") from None
    title = (record.get("title") or "").strip()
    article_id = (record.get("id") or "").strip() or slugify(title or "api")[:80].strip("-")
    return Article(id=article_id or "api", text=text, title=title,
                   outlet=(record.get("outlet") or "").strip() or None,
                   url=(record.get("url") or "").strip() or None,
                   published=published,
                   provenance=[Provenance(source="api", row=row)])


def store_articles(store: Store, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Add articles one by one so each input learns its own stored id and status."""
    out = []
    for a in articles:
        res = store.add_articles([a])
        if res.added:
            out.append({"id": res.added[0], "status": "added", "content_hash": a.content_hash})
        else:
            out.append({"id": res.duplicates[0] if res.duplicates else a.id,
                        "status": "duplicate", "content_hash": a.content_hash})
    return out


# --- export ------------------------------------------------------------------------

def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV text (lists joined with "; ", formula-like text defused)."""
    cols = list(columns or (rows[0].keys() if rows else []))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([csv_cell(r.get(c)) for c in cols])
    return buf.getvalue()

