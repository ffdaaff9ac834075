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
from .iterutils import chunks
from .present import display_date

if TYPE_CHECKING:
    from .app import Corroborate
    from .config import Settings
    from .dask_engine import DaskRunner
    from .link import LinkItem
    from .link.features import _Prepared
    from .models import Article

    #: reads the articles and (corrected) extractions of some article ids
    Loader = Callable[[set[str]], tuple[dict[str, dict[str, Any]], dict[str, Article]]]

T = TypeVar("T")

#: ``progress(iterable, total, label)`` wraps an iterable, e.g. with a progress bar
Progress = Callable[[Iterable[Any], int | None, str], Iterable[Any]]

#: extractions are written to the store in transactions of this many articles
CHUNK = 200


def _no_progress(items: Iterable[T], total: int | None, label: str) -> Iterable[T]:
    return items


#: incidents an analysis keeps to show (the summary table's rows)
PREVIEW = 30


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
    #: every incident, in (date, id) order; empty when `analyze` ran with
    #: ``keep_incidents=False`` (they are in the store: `counts` and `preview` tell them)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    #: CPU time per stage of this process (not a Dask worker's): on a machine shared with
    #: other jobs the wall times say more about the load than about the work
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)  # credibility verdicts stored, by kind
    #: incidents, those with several reports and those with contradictions
    counts: dict[str, int] = field(default_factory=dict)
    #: the first `PREVIEW` incidents reported by several articles (else the first of all)
    preview: list[dict[str, Any]] = field(default_factory=list)
    #: every incident's id, in (date, id) order (kept or not)
    incident_ids: list[str] = field(default_factory=list)
    #: after an incremental run: the articles of the link partitions linked again (the
    #: others' incidents stand as stored); None when everything was linked
    relinked: set[str] | None = None

    @property
    def multi_report(self) -> list[dict[str, Any]]:
        """Incidents reported by more than one article (of those kept)."""
        return [i for i in self.incidents if len(i["reports"]) > 1]

    def count_one(self, incident: dict[str, Any]) -> None:
        """Count one incident into `items` and `counts`."""
        n = len(incident["reports"])
        self.items += n
        for key, add in (("incidents", True), ("multi_report_incidents", n > 1),
                         ("with_contradictions", bool(incident["contradictions"]))):
            self.counts[key] = self.counts.get(key, 0) + int(add)

    def count(self, incidents: Sequence[dict[str, Any]]) -> None:
        """Fill `items`, `counts` and `preview` from the incidents (in (date, id) order)."""
        self.items, self.counts = 0, {}
        for inc in incidents:
            self.count_one(inc)
        multi = [i for i in incidents if len(i["reports"]) > 1]
        self.preview = (multi or list(incidents))[:PREVIEW]
        self.incident_ids = [i["id"] for i in incidents]

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "added": len(self.added), "duplicates": self.duplicates,
            "rejected": len(self.rejects), "rejects": [r.to_dict() for r in self.rejects],
            "extracted": self.extracted, "articles": self.articles, "items": self.items,
            "incidents": self.counts.get("incidents", 0),
            "multi_report_incidents": self.counts.get("multi_report_incidents", 0),
            "with_contradictions": self.counts.get("with_contradictions", 0),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def analyze(app: Corroborate, paths: Sequence[str | Path], *, progress: Progress | None = None,
            reextract: bool = False, mapping: dict[str, str] | None = None,
            keep_incidents: bool = True, engine: str = "local", scheduler: str | None = None,
            partitions: int | None = None, incremental: bool = False) -> AnalysisResult:
    """Run the pipeline over ``paths`` into ``app.store`` and return what happened.

    Bad inputs do not stop the run: they come back in ``result.rejects`` with
    their catalogue codes.  With ``reextract`` every stored article is extracted
    again (after the extractors changed); otherwise only articles without a
    stored extraction are.  With ``keep_incidents=False`` the incidents go to the
    store a batch at a time and are not held (nor returned): what a big corpus
    needs; the store then holds exactly what the default run stores.
    ``engine="dask"`` runs every stage on Dask (`corroborate.dask_engine`;
    ``scheduler`` and ``partitions`` say where and in how many parts) with the same
    result and store.  With ``incremental`` (and ``keep_incidents=False``), only the
    link partitions that new reports changed are linked again
    (`link_compare_into_store`): for adding reports to an analysed store whose settings
    and extractors have not changed since.
    """
    if incremental and keep_incidents:
        raise ValueError("incremental analysis writes to the store only: keep_incidents=False")
    if engine == "dask":
        from .dask_engine import DaskRunner

        with DaskRunner(scheduler, partitions) as runner:
            return _run_stages(app, paths, progress=progress, reextract=reextract,
                               mapping=mapping, keep_incidents=keep_incidents, runner=runner,
                               incremental=incremental)
    if engine != "local":
        from .errors import error

        raise error("E203", f"unknown engine {engine!r}: local or dask", field="engine")
    return _run_stages(app, paths, progress=progress, reextract=reextract, mapping=mapping,
                       keep_incidents=keep_incidents, incremental=incremental)


def _run_stages(app: Corroborate, paths: Sequence[str | Path], *, progress: Progress | None,
                reextract: bool, mapping: dict[str, str] | None, keep_incidents: bool,
                runner: DaskRunner | None = None, incremental: bool = False) -> AnalysisResult:
    from .ingest import FetchPolicy, ingest_into

    wrap = progress or _no_progress
    store = app.store
    result = AnalysisResult()
    clock, cpu = time.perf_counter(), time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock, cpu
        now, cpu_now = time.perf_counter(), time.process_time()
        result.seconds[stage] = now - clock
        result.cpu_seconds[stage] = cpu_now - cpu
        clock, cpu = now, cpu_now

    def ingest_wrap(items: Iterator[Any]) -> Iterable[Any]:
        return wrap(items, None, "ingest")

    fetch = FetchPolicy.from_settings(app.settings)
    if runner is not None:
        from .dask_engine import ingest_dask

        report = ingest_dask(runner, store, list(paths), mapping=mapping, fetch=fetch,
                             wrap=ingest_wrap)
    else:
        report = ingest_into(store, list(paths), mapping=mapping, wrap=ingest_wrap, fetch=fetch)
    result.read, result.added = report.read, report.added
    result.duplicates, result.rejects = report.duplicates, report.rejects
    lap("ingest")

    # a chunk of articles at a time: the texts are never all held at once
    todo = store.article_ids(unextracted=not reextract)
    result.articles = store.count_articles()
    if runner is not None:
        from .dask_engine import extract_dask

        result.extracted = extract_dask(runner, store, todo, app.settings, wrap)
    else:
        for batch in chunks(_extract_stored(store, todo, app, wrap), CHUNK):
            store.put_extractions(batch)
            result.extracted += len(batch)
    lap("extract")

    if keep_incidents:
        result.incidents = link_and_compare_stored(app, wrap, runner=runner)
        result.count(result.incidents)
        lap("link+compare")
        store.replace_incidents(result.incidents)
        lap("store")
        result.verdicts = store_verdicts_stored(store, result.incidents, settings=app.settings)
    else:
        ids = result.incident_ids = link_compare_into_store(
            app, wrap, result, runner=runner, incremental=incremental and not reextract)
        lap("link+compare+store")
        result.verdicts = store_verdicts_stored(store, lambda: store.iter_incidents(ids),
                                                settings=app.settings, new=set(todo),
                                                relinked=result.relinked)
    lap("credibility")
    return result


def _extract_stored(store: Any, ids: Sequence[str], app: Corroborate,
                    wrap: Progress) -> Iterator[dict[str, Any]]:
    from .extract.run import iter_extract

    def articles() -> Iterator[Article]:
        for k in range(0, len(ids), CHUNK):
            yield from store.iter_articles(ids[k:k + CHUNK])

    yield from wrap(iter_extract(articles(), app.settings), len(ids), "extract")


def store_verdicts(store: Any, incidents: list[dict[str, Any]], articles: dict[str, Article],
                   extractions: dict[str, dict[str, Any]], *, settings: Settings) -> dict[str, int]:
    """Consensus and classifier verdicts for what was just linked, so the report,
    the CLI and the web app show credibility without a separate command."""
    from .credibility import CredibilityModel
    from .credibility.classifier import settings_model_path
    from .credibility.features import context_features, outlet_camp

    counts, refs, claims = _incident_verdicts(store, incidents)
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


#: incidents in (date, id) order, or a function that reads them again each time it is called
Incidents = Sequence[dict[str, Any]] | Callable[[], Iterable[dict[str, Any]]]


def _incident_verdicts(store: Any, incidents: Incidents
                       ) -> tuple[dict[str, int], list[dict[str, Any]] | None, list[dict[str, Any]]]:
    """The consensus and claim verdicts of the incidents, stored; the counts, the
    reference verdicts and the claim verdicts (the classifier's context reads both)."""
    from .credibility.claims import claim_verdicts
    from .credibility.consensus import consensus_verdicts

    def read() -> Iterable[dict[str, Any]]:
        return incidents() if callable(incidents) else incidents

    counts: dict[str, int] = {}
    consensus = consensus_verdicts(read())
    store.put_verdicts("consensus", consensus)
    counts["consensus"] = len(consensus)
    del consensus  # stored: not held while the claims are judged
    # claims are judged by the other origins, and by the reference when `verify` checked one
    refs = list(store.iter_verdicts("reference")) or None
    claims = claim_verdicts(read(), refs)
    store.put_verdicts("claims", claims)
    counts["claims"] = len(claims)
    return counts, refs, claims


def store_verdicts_stored(store: Any, incidents: Incidents, *, settings: Settings,
                          chunk: int = 2000, new: set[str] | None = None,
                          relinked: set[str] | None = None) -> dict[str, int]:
    """`store_verdicts` for every stored article, reading the articles and extractions
    from the store a chunk at a time (same verdicts: the classifier's cross-article index
    is built once from every article's claim summary).

    With ``relinked`` (an incremental run: the articles of the link partitions linked
    again) and ``new`` (the articles extracted in this run), the classifier predicts
    only the articles whose verdict can differ from the stored one: the new articles,
    the relinked ones (their incidents, hence their context features, may have
    changed), and those whose cross-article consistency a new article enters
    (`CorpusIndex.affected_by`).  Every other article has the same extraction, context
    and consistency features as when its stored verdict was predicted.  The consensus
    and claim verdicts are computed for the whole store: an outlet's record runs over
    all its reports."""
    from .credibility import CredibilityModel, predict_articles
    from .credibility.classifier import settings_model_path
    from .credibility.features import ClaimSummary, context_features, outlet_camp

    counts, refs, claims = _incident_verdicts(store, incidents)
    model = CredibilityModel.load(settings_model_path(settings))
    unextracted = set(store.article_ids(unextracted=True))
    ids = sorted(i for i in store.article_ids() if i not in unextracted)
    del unextracted
    if not ids:
        return counts
    # the claim verdicts are stored: only the few context figures per article are kept
    context = context_features(claims, refs or (), outlet_camp)
    del claims
    summaries = []
    for k in range(0, len(ids), chunk):
        hashes = {a.id: a.content_hash for a in store.iter_articles(ids[k:k + chunk])}
        summaries += [ClaimSummary.from_extraction(e, hashes[e["id"]])
                      for e in _in_order(store.iter_extractions(ids[k:k + chunk]), ids[k:k + chunk])]
    index = model.batch_index(summaries)
    if relinked is not None:
        fresh = new or set()
        # a new article replaces a training article of its id in the index, too
        changed = [s for s in summaries if s.article_id in fresh]
        changed += [b for b in model.background if b.article_id in fresh]
        todo = fresh | relinked | index.affected_by(changed)
        ids = [i for i in ids if i in todo]
    del summaries
    counts["classifier"] = 0
    for k in range(0, len(ids), chunk):
        part = ids[k:k + chunk]
        arts = {a.id: a for a in store.iter_articles(part)}
        exs = _in_order(store.iter_extractions(part), part)
        verdicts = predict_articles([arts[i] for i in part], model, settings=settings,
                                    extractions=exs, context=context, index=index)
        store.put_verdicts("classifier", verdicts)
        counts["classifier"] += len(verdicts)
    return counts


def _in_order(extractions: Iterable[dict[str, Any]], ids: Sequence[str]) -> list[dict[str, Any]]:
    by_id = {e["id"]: e for e in extractions}
    return [by_id[i] for i in ids]


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
    from .link import items_from_extractions
    from .review.state import load_state

    review = load_state(app.store)
    extractions = review.corrected(extractions)
    items = items_from_extractions(list(extractions.values()), articles)
    return _link_compare(app, review, items, lambda _ids: (extractions, articles), progress)


def link_and_compare_stored(app: Corroborate, progress: Progress | None = None, *,
                            runner: DaskRunner | None = None) -> list[dict[str, Any]]:
    """`link_and_compare` of everything stored, without holding every article and
    extraction: the link items keep only the lead the linker reads
    (``link.text_chars``), and each batch of clusters is compared with its own
    articles and extractions read back from the store."""
    from .review.state import load_state

    store = app.store
    review = load_state(store)
    items = stored_link_items(store, review, app.settings.link.text_chars)

    def load(ids: set[str]) -> tuple[dict[str, dict[str, Any]], dict[str, Article]]:
        exs = review.corrected({e["id"]: e for e in store.iter_extractions(ids)})
        return exs, {a.id: a for a in store.iter_articles(ids)}

    return _link_compare(app, review, items, load, progress, runner)


def stored_link_items(store: Any, review: Any, text_chars: int, page: int = 500) -> list[LinkItem]:
    """The `LinkItem`s of every stored extraction whose article is stored, with the
    reviewers' corrected values, each text cut to the ``text_chars`` the linker reads."""
    from .link import items_from_extractions

    items: list[LinkItem] = []
    for batch in chunks(store.iter_extractions(), page):
        arts = {a.id: a for a in store.iter_articles(e["id"] for e in batch)}
        exs = review.corrected({e["id"]: e for e in batch if e["id"] in arts})
        for it in items_from_extractions(list(exs.values()), arts):
            it.text = it.text[:text_chars]
            items.append(it)
    return items


#: clusters compared per read of their articles and extractions from the store
COMPARE_BATCH = 1000


def _link(app: Corroborate, review: Any, items: list[LinkItem], wrap: Progress,
          runner: DaskRunner | None = None, parts: Sequence[Sequence[int]] | None = None,
          prepared: _Prepared | None = None
          ) -> tuple[list[tuple[list[int], str | None]], dict[int, list[dict[str, Any]]]]:
    """The reviewed groups of linked items (cluster, reviewer's group id or None) and
    each group's merge reasons, by group number.  With ``parts`` (independent
    partitions of ``items``, `link.partition.partition_items`) each is linked on its
    own in this process (`Linker.link_partitions`, with the items' arrays
    ``prepared`` when given): the same clusters and reasons."""
    from .link import Linker

    clusters: list[list[int]] = []
    merged: list[dict[str, Any]] = []
    # one step, but a long one on big stores: a 0/1 bar says what is running
    for _ in wrap([None], 1, "link"):
        if not items:
            break
        if runner is not None:
            from .dask_engine import link_dask

            clusters, merged = link_dask(runner, items, app.settings, parts)
        elif parts is not None:
            for part, (local, part_reasons) in zip(parts, Linker(app.settings).link_partitions(
                    items, parts, explain=True, prepared=prepared), strict=True):
                # a part's indices are sorted, so its clusters stay sorted once mapped back
                clusters += [[part[i] for i in c] for c in local]
                merged += part_reasons
            clusters.sort(key=lambda c: c[0])
        else:
            linker = Linker(app.settings)
            clusters = linker.link(items, explain=True)
            merged = linker.reasons
    groups = review.regroup(clusters, [it.key for it in items])
    # each merge's reasons go to the incident that holds both its reports
    where = {items[i].key: n for n, (cluster, _g) in enumerate(groups) for i in cluster}
    reasons: dict[int, list[dict[str, Any]]] = {}
    for why in merged:
        a, b = ((r["article_id"], r["incident_index"]) for r in why["reports"])
        if where.get(a) is not None and where.get(a) == where.get(b):
            reasons.setdefault(where[a], []).append(why)
    return groups, reasons


def _compared(review: Any, items: list[LinkItem], groups: list[tuple[list[int], str | None]],
              reasons: dict[int, list[dict[str, Any]]], load: Loader, wrap: Progress,
              runner: DaskRunner | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each group's incident (with its group number), compared a batch of groups at a
    time with the articles and extractions ``load`` reads for the batch (on ``runner``:
    each batch a Dask task, in order)."""
    from .compare import compare_incidents

    if runner is not None:
        from .dask_engine import compare_dask

        size = max(1, min(COMPARE_BATCH, -(-len(groups) // runner.partitions)))

        def jobs() -> Iterator[tuple[Any, ...]]:
            for s in range(0, len(groups), size):
                part = groups[s:s + size]
                exs, arts = load({items[i].article_id for cluster, _g in part for i in cluster})
                yield ([c for c, _g in part], items, exs, arts,
                       [reasons.get(s + k, []) for k in range(len(part))])

        found = wrap(compare_dask(runner, jobs()), len(groups), "compare")
        for n, ((_c, group), incs) in enumerate(zip(groups, found, strict=True)):
            for inc in incs:
                yield n, review.stamp(inc, group)
        return

    def batches() -> Iterator[tuple[int, list[int], str | None, Any, Any]]:
        for s in range(0, len(groups), COMPARE_BATCH):
            part = groups[s:s + COMPARE_BATCH]
            exs, arts = load({items[i].article_id for cluster, _g in part for i in cluster})
            for k, (cluster, group) in enumerate(part):
                yield s + k, cluster, group, exs, arts

    for n, cluster, group, exs, arts in wrap(batches(), len(groups), "compare"):
        for inc in compare_incidents([cluster], items, exs, arts, links=[reasons.get(n, [])]):
            yield n, review.stamp(inc, group)


def _link_compare(app: Corroborate, review: Any, items: list[LinkItem], load: Loader,
                  progress: Progress | None, runner: DaskRunner | None = None
                  ) -> list[dict[str, Any]]:
    from .link.ids import stabilise_ids

    wrap = progress or _no_progress
    groups, reasons = _link(app, review, items, wrap, runner)
    incidents = [inc for _n, inc in _compared(review, items, groups, reasons, load, wrap,
                                              runner)]
    # ids survive re-analysis: each new incident inherits the stored id it continues
    stabilise_ids(app.store, incidents, fixed={g for _c, g in groups if g is not None})
    for inc in incidents:
        inc["review"] = {"status": review.status.get(inc["id"], "unreviewed")}
    incidents.sort(key=lambda d: (d["date"] or "9999", d["id"]))
    return incidents


def link_compare_into_store(app: Corroborate, progress: Progress | None = None,
                            result: AnalysisResult | None = None, *,
                            runner: DaskRunner | None = None,
                            incremental: bool = False) -> list[str]:
    """`link_and_compare_stored` and `Store.replace_incidents` without holding the
    incidents: the items are linked one independent partition at a time (on ``runner``:
    as `dask_engine.link_dask` distributes them), the ids are
    settled from each group's reports alone (what `stabilise_ids` reads), then the
    groups are compared a batch at a time and written as they come, in one
    transaction.  Returns the incident ids in (date, id) order, the order
    `link_and_compare` returns the incidents in; ``result`` gets the counts and the
    preview.

    With ``incremental``, only the partitions that changed since the stored incidents
    were linked are linked, compared and replaced (`_changed_partitions`); the store
    ends exactly as after a full run, provided the stored incidents are a full run's
    with today's settings and extractions.  A store with reviewers' placements, or
    whose incidents name reports that are gone, is linked in full."""
    from .link.partition import partition_items, prepare_items
    from .review.state import load_state

    wrap = progress or _no_progress
    store = app.store
    review = load_state(store)
    items = stored_link_items(store, review, app.settings.link.text_chars)
    members = store.incident_members() if incremental else {}
    incremental = bool(members) and not review.pins
    # the items' arrays, read once for partitioning and linking here (a Dask run
    # partitions on the driver and links on the workers)
    prep = prepare_items(items, app.settings) if runner is None or incremental else None
    parts = partition_items(items, app.settings, prepared=prep) if prep is not None else None
    if incremental:
        assert parts is not None and prep is not None
        changed = _changed_partitions(items, parts, members, app.settings, prepared=prep)
        if changed is not None:
            if changed:
                _relink_partitions(app, review, items, changed, members, wrap, runner,
                                   prepared=prep)
            if result is not None:
                result.relinked = {items[i].article_id for part in changed for i in part}
            rows = store.incident_rows()
            rows.sort(key=lambda r: (r[1] or "9999", r[0]))
            if result is not None:
                for _id, _d, n, contradicted in rows:
                    result.count_one({"reports": range(n), "contradictions": contradicted})
                multi = [r[0] for r in rows if r[2] > 1][:PREVIEW]
                result.preview = list(store.iter_incidents(multi or [r[0] for r in rows[:PREVIEW]]))
            return [r[0] for r in rows]
    del members
    groups, reasons = _link(app, review, items, wrap, runner, parts, prep)
    del prep
    final = _settle_ids(store, items, groups, store.incident_members())

    def load(ids: set[str]) -> tuple[dict[str, dict[str, Any]], dict[str, Article]]:
        exs = review.corrected({e["id"]: e for e in store.iter_extractions(ids)})
        return exs, {a.id: a for a in store.iter_articles(ids)}

    order: list[tuple[str, str, bool]] = []

    def incidents() -> Iterator[dict[str, Any]]:
        for n, inc in _compared(review, items, groups, reasons, load, wrap, runner):
            inc["id"] = final[n]
            inc["review"] = {"status": review.status.get(inc["id"], "unreviewed")}
            order.append((inc["date"] or "9999", inc["id"], len(inc["reports"]) > 1))
            if result is not None:
                result.count_one(inc)
            yield inc

    store.replace_incidents(incidents())
    order.sort()
    if result is not None:
        multi = [i for _d, i, several in order if several][:PREVIEW]
        result.preview = list(store.iter_incidents(multi or [i for _d, i, _s in order[:PREVIEW]]))
    return [i for _d, i, _s in order]


def _settle_ids(store: Any, items: list[LinkItem], groups: list[tuple[list[int], str | None]],
                previous: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Each group's final incident id: the id `compare` and `ReviewState.stamp` give it,
    then the id of the ``previous`` (stored) incident it continues (`link.ids`); the ids
    are recorded in the store's id history."""
    from .compare.common import incident_id
    from .link.ids import assign_ids

    stubs = [{"id": group if group is not None else incident_id(items[i].key for i in cluster),
              "reports": [{"article_id": items[i].article_id,
                           "incident_index": items[i].incident_index} for i in cluster]}
             for cluster, group in groups]
    ages = store.incident_id_ages([*previous, *(stub["id"] for stub in stubs)])
    changes = assign_ids(stubs, previous, ages, fixed={g for _c, g in groups if g is not None})
    store.record_incident_ids([stub["id"] for stub in stubs], changes)
    return [str(stub["id"]) for stub in stubs]


def _changed_partitions(items: list[LinkItem], parts: list[list[int]],
                        members: dict[str, list[tuple[str, int]]], settings: Settings, *,
                        prepared: _Prepared | None = None) -> list[list[int]] | None:
    """The partitions of ``items`` whose stored incidents a full run would not give
    back: those holding a report no stored incident holds (a new one), and those that
    are not exactly a partition of the reports linked before (a new report changed
    which regionless reports join which).  Every other partition was linked alone
    before with the same reports, so its stored incidents stand.  None when the stored
    incidents name a report that is no longer an item (a full run is needed).
    ``prepared``: `link.partition.prepare_items` of ``items``."""
    from .link.partition import partition_items

    linked = {key for keys in members.values() for key in keys}
    is_new = [it.key not in linked for it in items]
    if len(linked) != len(items) - sum(is_new):
        return None
    old = [k for k, new in enumerate(is_new) if not new]
    before = {frozenset(old[i] for i in part)
              for part in partition_items([items[k] for k in old], settings,
                                          prepared=None if prepared is None else prepared.rows(old))}
    return [part for part in parts
            if any(is_new[i] for i in part) or frozenset(part) not in before]


def _relink_partitions(app: Corroborate, review: Any, items: list[LinkItem],
                       changed: list[list[int]], members: dict[str, list[tuple[str, int]]],
                       wrap: Progress, runner: DaskRunner | None = None, *,
                       prepared: _Prepared | None = None) -> None:
    """Link, compare and replace the incidents of the ``changed`` partitions only
    (``prepared``: `link.partition.prepare_items` of ``items``)."""
    store = app.store
    picked = sorted(i for part in changed for i in part)
    sub = [items[i] for i in picked]
    at = {i: k for k, i in enumerate(picked)}
    parts = [[at[i] for i in part] for part in changed]
    # the changed partitions, each linked alone: their union need not partition into them
    # again (a pair the whole batch pushed out of two items' candidates may join them)
    groups, reasons = _link(app, review, sub, wrap, runner, parts,
                            None if prepared is None else prepared.rows(picked))
    keys = {it.key for it in sub}
    # a stored incident lies inside one partition linked before: those touching the
    # changed partitions lie wholly inside them
    previous = {iid: ks for iid, ks in members.items() if not keys.isdisjoint(ks)}
    final = _settle_ids(store, sub, groups, previous)

    def load(ids: set[str]) -> tuple[dict[str, dict[str, Any]], dict[str, Article]]:
        exs = review.corrected({e["id"]: e for e in store.iter_extractions(ids)})
        return exs, {a.id: a for a in store.iter_articles(ids)}

    incidents = []
    for n, inc in _compared(review, sub, groups, reasons, load, wrap, runner):
        inc["id"] = final[n]
        inc["review"] = {"status": review.status.get(inc["id"], "unreviewed")}
        incidents.append(inc)
    store.update_incidents(incidents, remove=list(previous))


def relink(app: Corroborate, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Re-link and re-compare everything stored (after new extractions arrived)."""
    incidents = link_and_compare_stored(app, progress)
    app.store.replace_incidents(incidents)
    store_verdicts_stored(app.store, incidents, settings=app.settings)
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
    """Write the incidents JSON document and/or the HTML report of an analysis (its
    incidents, or when it did not keep them, the same incidents read back from the store)."""
    from .report import write_report

    kept = bool(result.incidents) or not result.incident_ids
    if json_path is not None:
        p = Path(json_path)
        p.parent.mkdir(parents=True, exist_ok=True)
        write_document(p, result.incidents if kept else app.store.iter_incidents(result.incident_ids))
    if report_path is not None:
        articles = {a.id: a for a in app.store.iter_articles()}
        incidents = result.incidents if kept else list(app.store.iter_incidents(result.incident_ids))
        write_report(report_path, incidents, articles, title=title,
                     verdicts=_verdicts_by_article(app.store))


def write_document(path: Path, incidents: Iterable[dict[str, Any]]) -> None:
    """The incidents JSON document (`compare.incidents_document`, indented by two) written
    one incident at a time: the same bytes as dumping the whole document at once."""
    import json

    from .compare import incidents_document

    # the document around a placeholder element, cut where that element stands
    whole = json.dumps(incidents_document([{}]), ensure_ascii=False, indent=2) + "\n"
    head, tail = whole.split("\n    {}\n", 1)
    with path.open("w", encoding="utf-8") as fh:
        sep = "\n"
        for inc in incidents:
            # JSON strings hold no raw newline, so every line of the element is indented
            body = json.dumps(inc, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            fh.write((head if sep == "\n" else "") + sep + "    " + body)
            sep = ",\n"
        if sep == "\n":  # no incident: the empty list as json writes it
            fh.write(json.dumps(incidents_document([]), ensure_ascii=False, indent=2) + "\n")
        else:
            fh.write("\n" + tail)
