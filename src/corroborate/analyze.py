"""The whole pipeline in one call: ingest → extract → link → compare → store.

`analyze` is the plain library function behind ``corroborate analyze`` and
``corroborate demo`` (and the web ingest page): it reads the inputs into the
store, extracts the articles that have no stored extraction yet, links *all*
stored extractions (new reports can join incidents built from earlier runs),
compares each linked incident and replaces the stored incidents with the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import CorroborateError
from .present import display_date

if TYPE_CHECKING:
    from .app import Corroborate
    from .config import Settings
    from .models import Article

T = TypeVar("T")

#: ``progress(iterable, total, label)`` wraps an iterable, e.g. with a progress bar
Progress = Callable[[Iterable[Any], int | None, str], Iterable[Any]]

#: extractions are written to the store in transactions of this many articles
CHUNK = 200


def _no_progress(items: Iterable[T], total: int | None, label: str) -> Iterable[T]:
    return items


@dataclass
class AnalysisResult:
    """What one `analyze` run did."""

    read: int = 0  # input records that became articles (duplicates included)
    added: list[str] = field(default_factory=list)  # ids of newly stored articles
    duplicates: int = 0
    rejects: list[CorroborateError] = field(default_factory=list)
    extracted: int = 0  # articles extracted in this run
    articles: int = 0  # articles in the store
    items: int = 0  # (article, incident) pairs linked
    incidents: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    verdicts: dict[str, int] = field(default_factory=dict)  # credibility verdicts stored, by kind

    @property
    def multi_report(self) -> list[dict[str, Any]]:
        """Incidents reported by more than one article."""
        return [i for i in self.incidents if len(i["reports"]) > 1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "added": len(self.added), "duplicates": self.duplicates,
            "rejected": len(self.rejects), "rejects": [r.to_dict() for r in self.rejects],
            "extracted": self.extracted, "articles": self.articles, "items": self.items,
            "incidents": len(self.incidents), "multi_report_incidents": len(self.multi_report),
            "with_contradictions": sum(1 for i in self.incidents if i["contradictions"]),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def analyze(app: Corroborate, paths: Sequence[str | Path], *, progress: Progress | None = None,
            reextract: bool = False, mapping: dict[str, str] | None = None) -> AnalysisResult:
    """Run the pipeline over ``paths`` into ``app.store`` and return what happened.

    Bad inputs do not stop the run: they come back in ``result.rejects`` with
    their catalogue codes.  With ``reextract`` every stored article is extracted
    again (after the extractors changed); otherwise only articles without a
    stored extraction are.
    """
    from .ingest import FetchPolicy, ingest_into

    wrap = progress or _no_progress
    store = app.store
    result = AnalysisResult()
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[stage] = now - clock
        clock = now

    def ingest_wrap(items: Iterator[Any]) -> Iterable[Any]:
        return wrap(items, None, "ingest")

    report = ingest_into(store, list(paths), mapping=mapping, wrap=ingest_wrap,
                         fetch=FetchPolicy.from_settings(app.settings))
    result.read, result.added = report.read, report.added
    result.duplicates, result.rejects = report.duplicates, report.rejects
    lap("ingest")

    articles = {a.id: a for a in store.iter_articles()}
    result.articles = len(articles)
    extractions = {} if reextract else {e["id"]: e for e in store.iter_extractions()}
    todo = [a for a in articles.values() if a.id not in extractions]
    for ext in _extract(todo, app, wrap):
        extractions[ext["id"]] = ext
        result.extracted += 1
    # an extraction whose article is gone (never expected, but stores outlive versions)
    extractions = {k: v for k, v in extractions.items() if k in articles}
    _store_new(store, extractions, {a.id for a in todo})
    lap("extract")

    result.incidents = link_and_compare(app, extractions, articles, wrap)
    result.items = sum(len(i["reports"]) for i in result.incidents)
    lap("link+compare")
    store.replace_incidents(result.incidents)
    lap("store")
    result.verdicts = store_verdicts(store, result.incidents, articles, extractions,
                                     settings=app.settings)
    lap("credibility")
    return result


def store_verdicts(store: Any, incidents: list[dict[str, Any]], articles: dict[str, Article],
                   extractions: dict[str, dict[str, Any]], *, settings: Settings) -> dict[str, int]:
    """Consensus and classifier verdicts for what was just linked, so the report,
    the CLI and the web app show credibility without a separate command."""
    from .credibility import CredibilityModel
    from .credibility.claims import claim_verdicts
    from .credibility.classifier import settings_model_path
    from .credibility.consensus import consensus_verdicts
    from .credibility.features import context_features, outlet_camp

    counts: dict[str, int] = {}
    consensus = consensus_verdicts(incidents)
    store.put_verdicts("consensus", consensus)
    counts["consensus"] = len(consensus)
    # claims are judged by the other origins, and by the reference when `verify` checked one
    refs = list(store.iter_verdicts("reference")) or None
    claims = claim_verdicts(incidents, refs)
    store.put_verdicts("claims", claims)
    counts["claims"] = len(claims)
    # the model ships in the package: a missing or unreadable one is E052, not a silent skip
    # (the consensus and claim verdicts above are already stored)
    model = CredibilityModel.load(settings_model_path(settings))
    from .credibility import predict_articles

    ids = sorted(i for i in extractions if i in articles)
    if ids:
        # the model reads the incidents linked above: nothing is linked twice
        verdicts = predict_articles([articles[i] for i in ids], model, settings=settings,
                                    extractions=[extractions[i] for i in ids],
                                    context=context_features(claims, refs or (), outlet_camp))
        store.put_verdicts("classifier", verdicts)
        counts["classifier"] = len(verdicts)
    return counts


def _extract(articles: Sequence[Article], app: Corroborate, wrap: Progress) -> Iterator[dict[str, Any]]:
    from .extract.run import iter_extract

    yield from wrap(iter_extract(articles, app.settings), len(articles), "extract")


def _store_new(store: Any, extractions: dict[str, dict[str, Any]], ids: set[str]) -> None:
    batch = [e for k, e in extractions.items() if k in ids]
    for i in range(0, len(batch), CHUNK):
        store.put_extractions(batch[i:i + CHUNK])


def link_and_compare(app: Corroborate, extractions: dict[str, dict[str, Any]],
                     articles: dict[str, Article],
                     progress: Progress | None = None) -> list[dict[str, Any]]:
    """Link the extractions into clusters and compare each: the incidents list.

    The reviewers' decisions in the store are applied on the way (extract → review
    values → link → review placements → compare): corrected values replace the
    extractor's, reviewed reports stay in the incidents reviewers put them in, and
    consensus, contradictions and grades are computed from the corrected values.
    Each incident then inherits the id of the stored incident it continues, and the
    store's id history records merged-away ids (`corroborate.link.ids`)."""
    from .compare import compare_incidents
    from .link import Linker, items_from_extractions
    from .link.ids import stabilise_ids
    from .review.state import load_state

    wrap = progress or _no_progress
    review = load_state(app.store)
    extractions = review.corrected(extractions)
    items = items_from_extractions(list(extractions.values()), articles)
    clusters: list[list[int]] = []
    # one step, but a long one on big stores: a 0/1 bar says what is running
    linker = Linker(app.settings)
    for _ in wrap([None], 1, "link"):
        clusters = linker.link(items, explain=True) if items else []
    groups = review.regroup(clusters, [it.key for it in items])
    # each merge's reasons go to the incident that holds both its reports
    where = {items[i].key: n for n, (cluster, _g) in enumerate(groups) for i in cluster}
    reasons: dict[int, list[dict[str, Any]]] = {}
    for why in linker.reasons:
        a, b = ((r["article_id"], r["incident_index"]) for r in why["reports"])
        if where.get(a) is not None and where.get(a) == where.get(b):
            reasons.setdefault(where[a], []).append(why)
    incidents: list[dict[str, Any]] = []
    for n, (cluster, group) in enumerate(wrap(groups, len(groups), "compare")):
        incidents.extend(review.stamp(inc, group)
                         for inc in compare_incidents([cluster], items, extractions, articles,
                                                      links=[reasons.get(n, [])]))
    # ids survive re-analysis: each new incident inherits the stored id it continues
    stabilise_ids(app.store, incidents, fixed={g for _c, g in groups if g is not None})
    for inc in incidents:
        inc["review"] = {"status": review.status.get(inc["id"], "unreviewed")}
    incidents.sort(key=lambda d: (d["date"] or "9999", d["id"]))
    return incidents


def relink(app: Corroborate, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Re-link and re-compare everything stored (after new extractions arrived)."""
    store = app.store
    articles = {a.id: a for a in store.iter_articles()}
    extractions = {e["id"]: e for e in store.iter_extractions() if e["id"] in articles}
    incidents = link_and_compare(app, extractions, articles, progress)
    store.replace_incidents(incidents)
    store_verdicts(store, incidents, articles, extractions, settings=app.settings)
    return incidents


# --- summaries and the demo ------------------------------------------------------


def summary_row(incident: dict[str, Any]) -> dict[str, Any]:
    """One line per incident for tables: date, place, reports, figures, contradictions, grade."""
    k = incident["consensus"]["killed"]
    if k["min"] is None and k["max"] is None:
        killed = None
    elif k["min"] == k["max"]:
        killed = str(k["min"])
    else:
        killed = f"{k['min']}–{k['max']}"
    place = incident.get("place") or {}
    return {
        "id": incident["id"], "label": incident["label"],
        "date": display_date(incident.get("date"), incident.get("date_precision")),
        "place": place.get("name"), "reports": len(incident["reports"]),
        "origins": len(incident["origins"]), "killed_range": killed,
        "conservative": k["conservative"],
        "contradictions": [c["field"] for c in incident["contradictions"]],
        "grade": incident["grade"]["label"],
    }


def sample_corpus_dir() -> Path:
    """The bundled sample corpus (``corroborate/data/sample_corpus``)."""
    from importlib import resources

    return Path(str(resources.files("corroborate"))) / "data" / "sample_corpus"


def sample_corpus_files() -> list[Path]:
    """The corpus's reports: its Markdown files (any depth) except READMEs; the gold CSVs
    beside them are answer keys, not reports."""
    folder = sample_corpus_dir()
    return sorted(p for p in folder.rglob("*.md") if p.name.lower() != "readme.md")


@dataclass
class DemoResult:
    analysis: AnalysisResult
    db: Path
    json_path: Path
    report_path: Path


def run_demo(settings: Settings, out_dir: str | Path = "demo-output", *,
             progress: Progress | None = None) -> DemoResult:
    """Analyse the sample corpus into ``out_dir/demo.db`` (rebuilt from scratch) and write
    ``incidents.json`` and ``report.html`` beside it, with the caller's ``settings`` (their
    store is replaced by the demo's own)."""
    from .app import Corroborate
    from .errors import error

    files = sample_corpus_files()
    if not files:
        raise error("E001", "the bundled sample corpus is missing", file=str(sample_corpus_dir()))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    # a demo is a fresh run: stale incidents from an older corpus or version must not linger
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    json_path, report_path = out / "incidents.json", out / "report.html"
    with Corroborate(settings.model_copy(update={"db": str(db)})) as app:
        result = analyze(app, files, progress=progress)
        write_outputs(app, result, json_path=json_path, report_path=report_path,
                      title="Corroborate demo: the bundled sample corpus")
    return DemoResult(result, db, json_path, report_path)


def _verdicts_by_article(store: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for v in store.iter_verdicts():
        out.setdefault(v["article_id"], []).append(v)
    return out


def write_outputs(app: Corroborate, result: AnalysisResult, *, json_path: str | Path | None = None,
                  report_path: str | Path | None = None, title: str = "Corroborate report") -> None:
    """Write the incidents JSON document and/or the HTML report of an analysis."""
    import json

    from .compare import incidents_document
    from .report import write_report

    if json_path is not None:
        p = Path(json_path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(incidents_document(result.incidents), ensure_ascii=False,
                                indent=2) + "\n", encoding="utf-8")
    if report_path is not None:
        articles = {a.id: a for a in app.store.iter_articles()}
        write_report(report_path, result.incidents, articles, title=title,
                     verdicts=_verdicts_by_article(app.store))
