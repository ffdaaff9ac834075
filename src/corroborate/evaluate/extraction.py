"""Extraction quality of the headline incident on two dev corpora.

**FA-KES** (`evaluate_crowd`):

`evaluate_crowd` runs the default pipeline over the FA-KES rows listed in
``crowd_dev.csv`` (title and text only: the dataset's ``location`` and
``labels`` columns are never read) and compares the *headline* incident of each
article with the crowd's facts:

* **killed (joint)** – civilian+unspecified killed == ``nb_civilians`` *and*
  noncivilian killed == ``nb_noncivilians`` (missing figures count as 0).  The
  crowd's "civilians" are everyone not identified as a combatant, so the
  unspecified part of the toll (``total - civilian - noncivilian``) is counted
  with the civilians;
* ``civilians``, ``noncivilians``, ``children``, ``women`` separately;
* ``location``, ``actor``, ``cause`` through the ``crowd_*`` mapping functions
  of the places, actors and cause modules, when those modules provide them.

The same run scores a naive baseline, "the first number before *killed*" as the
civilian count, so every figure has a reference point.

**GVA** (`evaluate_gva`): US gun-violence news, each article scored against its
whole incident's ``num_killed`` and ``num_injured`` (headline ``toll.killed.total``
and ``toll.injured.total``, nulls as 0), with the always-0 answer as baseline, and
its ``state`` against the first-level division (``admin1``) of the headline place
(compared folded: case and punctuation aside; no place is a ``missed`` state).

Both take ``half`` (``tune``, ``test`` or ``all``): the fixed by-incident split of
`corroborate.evaluate.splits` (FA-KES rows by ``unit_id``, GVA articles by
``incident_id``).  Every miss carries a ``category``: ``missed`` (nothing found
where the reference has a count), ``spurious`` (a count where the reference has
none), ``under``/``over`` (both non-zero, ours smaller/larger) or ``other``.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import error
from ..extract.gazetteer import fold_key
from ..models import Article, Incident, Provenance
from .splits import Half, select

#: naive baseline: the first number (digits) followed within three words by "killed"
BASELINE = re.compile(r"(\d[\d,]*)\s+(?:[A-Za-z'-]+\s+){0,3}?killed\b", re.IGNORECASE)


@dataclass
class CrowdRow:
    row: int
    unit_id: str
    location: str
    actor: str
    cause: str
    civilians: int
    noncivilians: int
    children: int
    women: int


def read_fakes(path: str | Path) -> list[Article]:
    """FA-KES rows as articles keyed by 0-based position (``fa-kes-dataset-<row>``).

    ``unit_id`` is not unique in the file, so the row position is the key; only
    title, text and the publication date become article fields.
    """
    path = Path(path)
    if not path.is_file():
        raise error("E001", f"FA-KES file not found: {path}", file=path)
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "article_content" not in reader.fieldnames:
            raise error("E010", "expected an article_content column", file=path)
        for i, r in enumerate(reader):
            out.append(Article(
                id=f"{stem}-{i}",
                text=r.get("article_content") or "",
                title=r.get("article_title") or "",
                outlet=r.get("source") or None,
                published=_us_date(r.get("date") or ""),
                provenance=[Provenance(str(path), row=i)],
            ))
    return out


def _us_date(s: str) -> str | None:
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\s*", s)
    if not m:
        return None
    mo, d, y = (int(g) for g in m.groups())
    y = y + 2000 if y < 100 else y
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def read_crowd(path: str | Path) -> list[CrowdRow]:
    path = Path(path)
    if not path.is_file():
        raise error("E001", f"crowd file not found: {path}", file=path)
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            try:
                rows.append(CrowdRow(
                    row=int(r["row"]), unit_id=str(r.get("unit_id") or r["row"]),
                    location=r.get("location", ""), actor=r.get("actor", ""),
                    cause=r.get("cause_of_death", ""), civilians=int(r["nb_civilians"] or 0),
                    noncivilians=int(r["nb_noncivilians"] or 0),
                    children=int(r["nb_children"] or 0), women=int(r["nb_women"] or 0)))
            except (KeyError, ValueError) as exc:
                raise error("E051", f"bad crowd row: {exc}", file=path, row=i) from None
    return rows


def killed_split(inc: Incident | None) -> tuple[int, int]:
    """(civilian+unspecified, noncivilian) killed of an incident's toll, nulls as 0."""
    if inc is None:
        return 0, 0
    t = inc.toll["killed"]
    total, civ, nonciv = t["total"] or 0, t["civilian"] or 0, t["noncivilian"] or 0
    return max(total - nonciv, civ), nonciv


def baseline_killed(text: str) -> tuple[int, int]:
    m = BASELINE.search(text)
    if not m:
        return 0, 0
    return int(m.group(1).replace(",", "")), 0


def _crowd_fn(module: str, name: str, field: str) -> Callable[[Any], str] | None:
    """The module's mapping to the crowd vocabulary: ``crowd_<field>`` or ``crowd_category``."""
    import importlib

    try:
        mod = importlib.import_module(f"corroborate.extract.{module}")
    except ModuleNotFoundError:
        return None
    fn = getattr(mod, name, None)
    if callable(fn):
        return fn  # type: ignore[no-any-return]
    generic = getattr(mod, "crowd_category", None)
    if callable(generic):
        return lambda value: generic(value, field=field)  # type: ignore[no-any-return]
    return None


def _evidence(inc: Incident | None, outcome: str = "killed") -> str:
    if inc is None:
        return ""
    return " | ".join(c.span.text for c in inc.casualties if c.outcome == outcome)[:500]


def miss_category(expected: Any, got: Any) -> str:
    """``missed``, ``spurious``, ``under``, ``over`` or ``other`` (non-numeric answers)."""
    if isinstance(expected, int) and isinstance(got, int):
        if got == 0:
            return "missed"
        if expected == 0:
            return "spurious"
        return "under" if got < expected else "over"
    if isinstance(expected, str) and isinstance(got, str) and "/" in expected and "/" in got:
        e = sum(int(x) for x in expected.split("/"))
        g = sum(int(x) for x in got.split("/"))
        if e == g:
            return "split"  # the right total, divided wrongly between civilians and combatants
        return miss_category(e, g)
    return "other"


def evaluate_crowd(fakes_csv: str | Path, crowd_csv: str | Path, settings: Settings, *,
                   limit: int | None = None, half: Half | Literal["all"] = "all") -> dict[str, Any]:
    """Score the headline incident of every crowd dev row, extracted with the pipeline of
    the caller's ``settings``; see the module docstring."""
    from ..extract import default_pipeline, extract

    articles = read_fakes(fakes_csv)
    crowd = select(read_crowd(crowd_csv), lambda r: r.unit_id, half)
    if limit is not None:
        crowd = crowd[:limit]
    pipe = default_pipeline(settings)
    place_fn = _crowd_fn("places", "crowd_location", "location")
    actor_fn = _crowd_fn("actors", "crowd_actor", "actor")
    cause_fn = _crowd_fn("cause", "crowd_cause", "cause")

    hits: Counter[str] = Counter()
    n_scored: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    confusion: Counter[tuple[str, str]] = Counter()
    t0 = time.perf_counter()
    for cr in crowd:
        if not 0 <= cr.row < len(articles):
            raise error("E051", f"crowd row {cr.row} outside the FA-KES file", file=str(crowd_csv))
        art = articles[cr.row]
        ext = extract(art, pipe)
        head = ext.incidents[0] if ext.incidents else None
        civ, nonciv = killed_split(head)
        t = head.toll["killed"] if head else {}
        got = {
            "killed": f"{civ}/{nonciv}",
            "civilians": civ,
            "noncivilians": nonciv,
            "children": (t.get("children") or 0) if head else 0,
            "women": (t.get("women") or 0) if head else 0,
        }
        expected: dict[str, Any] = {
            "killed": f"{cr.civilians}/{cr.noncivilians}",
            "civilians": cr.civilians,
            "noncivilians": cr.noncivilians,
            "children": cr.children,
            "women": cr.women,
        }
        for fname, fn, exp in (("location", place_fn, cr.location), ("actor", actor_fn, cr.actor),
                               ("cause", cause_fn, cr.cause)):
            if fn is None:
                continue
            perpetrator = next((a for a in head.actors if a.role == "perpetrator"), None) \
                if head else None
            arg = {"location": head.place if head else None,
                   "actor": perpetrator, "cause": head.cause if head else None}[fname]
            got[fname] = fn(arg)
            expected[fname] = exp
        bciv, bnon = baseline_killed(art.full_text)
        hits["baseline_killed"] += (bciv, bnon) == (cr.civilians, cr.noncivilians)
        for f, exp in expected.items():
            n_scored[f] += 1
            if got[f] == exp:
                hits[f] += 1
            else:
                ev = _evidence(head, "killed") if f in ("killed", "civilians", "noncivilians",
                                                         "children", "women") else ""
                if f == "location" and head and head.place:
                    ev = head.place.span.text
                if f == "cause" and head and head.cause:
                    ev = head.cause.span.text
                misses.append({"row": cr.row, "field": f, "category": miss_category(exp, got[f]),
                               "expected": exp, "got": got[f], "evidence": ev})
            if f in ("location", "actor", "cause"):
                confusion[(f"{f}:{exp}", str(got[f]))] += 1
    elapsed = time.perf_counter() - t0
    n = len(crowd)
    fields = {f: {"accuracy": hits[f] / n_scored[f] if n_scored[f] else None, "n": n_scored[f],
                  "correct": hits[f]} for f in n_scored}
    return {
        "corpus": "fakes",
        "half": half,
        "n_rows": n,
        "joint_killed_match": fields.get("killed", {}).get("accuracy"),
        "baseline_joint_killed_match": hits["baseline_killed"] / n if n else None,
        "fields": fields,
        "misses": misses,
        "confusion": [{"field_expected": k[0], "got": k[1], "count": v}
                      for k, v in sorted(confusion.items(), key=lambda kv: -kv[1])],
        "seconds": round(elapsed, 3),
        "articles_per_second": round(n / elapsed, 1) if elapsed > 0 else None,
        "pipeline": list(getattr(pipe, "names", [])),
    }


def evaluate_gva(folder: str | Path, settings: Settings, *, limit: int | None = None,
                 half: Half | Literal["all"] = "all") -> dict[str, Any]:
    """Headline killed and injured of every GVA dev article against its incident's counts,
    extracted with the pipeline of the caller's ``settings``."""
    from ..extract import default_pipeline, extract
    from .gva import read_docs, read_incidents

    incidents = read_incidents(folder)
    docs = select(read_docs(folder), lambda d: d.incident_id, half)
    if limit is not None:
        docs = docs[:limit]
    pipe = default_pipeline(settings)
    hits: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for n_doc, doc in enumerate(docs):
        inc = incidents.get(doc.incident_id)
        if inc is None:
            raise error("E013", f"article {doc.doc_id} names unknown incident {doc.incident_id}",
                        file=str(Path(folder) / "docs.jsonl"), row=n_doc)
        ext = extract(doc.article, pipe)
        head = ext.incidents[0] if ext.incidents else None
        got: dict[str, Any] = {"killed": gva_count(head, "killed"),
                               "injured": gva_count(head, "injured"), "state": gva_state(head)}
        expected: dict[str, Any] = {"killed": inc.killed, "injured": inc.injured,
                                    "state": inc.state}
        for f, exp in expected.items():
            if f == "state":
                if fold_key(got[f]) == fold_key(exp):
                    hits[f] += 1
                else:
                    place = head.place if head else None
                    misses.append({"row": doc.doc_id, "field": f,
                                   "category": "missed" if not got[f] else "other",
                                   "expected": exp, "got": got[f],
                                   "evidence": place.span.text if place else ""})
                continue
            hits[f"baseline_{f}"] += exp == 0
            if got[f] == exp:
                hits[f] += 1
            else:
                misses.append({"row": doc.doc_id, "field": f,
                               "category": miss_category(exp, got[f]), "expected": exp,
                               "got": got[f], "evidence": _evidence(head, f)})
    elapsed = time.perf_counter() - t0
    n = len(docs)
    fields = {f: {"accuracy": hits[f] / n if n else None, "n": n, "correct": hits[f]}
              for f in ("killed", "injured", "state")}
    return {
        "corpus": "gva",
        "half": half,
        "n_rows": n,
        "killed_match": fields["killed"]["accuracy"],
        "baseline_killed_match": hits["baseline_killed"] / n if n else None,
        "baseline_injured_match": hits["baseline_injured"] / n if n else None,
        "fields": fields,
        "misses": misses,
        "seconds": round(elapsed, 3),
        "articles_per_second": round(n / elapsed, 1) if elapsed > 0 else None,
        "pipeline": list(getattr(pipe, "names", [])),
    }


def gva_state(inc: Incident | None) -> str:
    """The first-level division (a US state) of an incident's place, "" when it has none."""
    if inc is None or inc.place is None:
        return ""
    return inc.place.admin1 or ""


def gva_count(inc: Incident | None, outcome: str) -> int:
    """An incident's total of one outcome, nulls as 0 (the larger of the total and its parts)."""
    if inc is None:
        return 0
    t = inc.toll[outcome]
    parts = (t["civilian"] or 0) + (t["noncivilian"] or 0)
    return max(t["total"] or 0, parts)


MISS_FIELDS = ["row", "field", "category", "expected", "got", "evidence"]


def write_misses(misses: list[dict[str, Any]], path: str | Path) -> None:
    """Misses as CSV, grouped by field and category (the order a reader works through them)."""
    ordered = sorted(misses, key=lambda m: (m["field"], m.get("category", "")))
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MISS_FIELDS)
        w.writeheader()
        w.writerows(ordered)
