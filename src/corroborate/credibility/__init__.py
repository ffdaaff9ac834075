"""Credibility: judgements of a report and of each of its claims, each with its reasons.

* **claims** (`claims.py`): each figure, date, place and perpetrator claim
  corroborated, contradicted or unrecorded by the reference and by the other
  independent origins, graded on the Admiralty scale (information credibility
  1–6), with the outlet's source reliability (A–F) beside it as context;
* **reference** (`reference.py`): the FA-KES method, the report's incident
  matched against a reference database of incidents or victims;
* **consensus** (`consensus.py`): the report's claims against the other
  independent origins reporting the same linked incident, plus a per-outlet
  track record shown as context only;
* **classifier** (`classifier.py`, `features.py`): a trained credible/fake
  model over text and automatically extracted claims, explained feature by
  feature.

Verdicts are plain dicts (``docs/schema/verdicts.schema.json``):
``{"article_id", "kind", "label", "score", "reasons", "details"}``, stored with
`Store.put_verdicts(kind, verdicts)`.  The functions below are what the CLI and
the web app call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lang.en.labels import outlet_name
from .classifier import CredibilityModel, Sample, default_model_path, settings_model_path
from .consensus import consensus_verdicts, outlet_track_record
from .matching import verify_extractions
from .reference import Reference, Tolerances, read_reference

if TYPE_CHECKING:
    from ..config import Settings
    from ..models import Article
    from ..store import Store
    from .features import CorpusIndex

__all__ = [
    "CredibilityModel", "Reference", "Sample", "Tolerances", "consensus_verdicts",
    "default_model_path", "load_articles", "outlet_records", "predict_articles",
    "settings_model_path",
    "read_reference", "run_claims", "run_consensus", "verify_articles", "verify_extractions", "verify_stored",
]

VERDICT_KINDS = ("claims", "reference", "consensus", "classifier")


def load_articles(paths: Sequence[str | Path], mapping: Mapping[str, str] | None = None
                  ) -> tuple[list[Article], list[Any]]:
    """Articles (and ingest rejects) from files, through the ingest stage."""
    from ..ingest import read_inputs  # type: ignore[attr-defined]

    batch = read_inputs([str(p) for p in paths], mapping=dict(mapping or {}) or None)
    return list(batch.articles), list(batch.rejects)


def _extractions(articles: Sequence[Article], settings: Settings) -> list[dict[str, Any]]:
    from .classifier import extract_articles

    return extract_articles(articles, settings=settings)


def populations(settings: Settings) -> dict[int, int]:
    """geonameid -> population in the gazetteer ``settings`` load (bundled plus the user's files):
    reference matching sizes a reported town's radius by it."""
    from ..extract import gazetteer

    return {e.geonameid: e.population for e in gazetteer.load(settings.gazetteers).entries
            if e.geonameid}


def verify_articles(articles: Sequence[Article], reference: Reference,
                    tol: Tolerances | None = None, *, settings: Settings,
                    store: Store | None = None) -> list[dict[str, Any]]:
    """Extract each article (with the caller's settings), then match its incidents against
    the reference.

    With a ``store``, the articles, their extractions and the verdicts are saved.
    """
    extractions = _extractions(articles, settings)
    verdicts = verify_extractions(extractions, reference, tol, populations=populations(settings))
    if store is not None:
        store.add_articles(articles)
        store.put_extractions(extractions)
        store.put_verdicts("reference", verdicts)
        run_claims(store, verdicts, tol)
    return verdicts


def run_claims(store: Store, reference_verdicts: Iterable[Mapping[str, Any]] | None = None,
               tol: Tolerances | None = None) -> list[dict[str, Any]]:
    """Per-claim verdicts of every stored incident's reports, saved to the store: by the other
    independent origins, and by the reference when its verdicts are given."""
    from .claims import claim_verdicts

    verdicts = claim_verdicts(_stored_incidents(store), reference_verdicts, tol)
    store.put_verdicts("claims", verdicts)
    return verdicts


def verify_stored(store: Store, reference: Reference, tol: Tolerances | None = None,
                  *, settings: Settings, save: bool = True) -> list[dict[str, Any]]:
    """Reference verdicts for every stored extraction (saved to the store by default)."""
    verdicts = verify_extractions(store.iter_extractions(), reference, tol,
                                  populations=populations(settings))
    if save:
        store.put_verdicts("reference", verdicts)
        run_claims(store, verdicts, tol)
    return verdicts


def run_consensus(store: Store, tol: Tolerances | None = None, *, save: bool = True
                  ) -> list[dict[str, Any]]:
    """Consensus verdicts for every stored linked incident (saved to the store by default)."""
    verdicts = consensus_verdicts(_stored_incidents(store), tol)
    if save:
        store.put_verdicts("consensus", verdicts)
    return verdicts


def _stored_incidents(store: Store) -> list[dict[str, Any]]:
    from ..store import IncidentQuery

    incidents: list[dict[str, Any]] = []
    offset = 0
    while True:
        page, total = store.list_incidents(IncidentQuery(limit=500, offset=offset))
        # list views may carry summaries only; fetch each incident in full
        incidents.extend(store.get_incident(i["id"]) or i for i in page)
        offset += len(page)
        if not page or offset >= total:
            break
    return incidents


def outlet_records(store: Store) -> list[dict[str, Any]]:
    """Per-outlet track record from the stored consensus verdicts.

    When none are stored yet, they are computed from the stored incidents (not saved).
    """
    stored = list(store.iter_verdicts("consensus"))
    if not stored:
        stored = consensus_verdicts(_stored_incidents(store))
    return outlet_track_record(stored)


def model_caveat(info: Mapping[str, Any]) -> str | None:
    """A reason line stating the model's measured skill, when it was recorded."""
    acc, base = info.get("cv_accuracy"), info.get("majority_rate")
    if acc is None:
        return None
    weak = base is not None and acc < base + 0.05
    line = f"model cross-validated accuracy {acc:.2f} on its training data"
    if info.get("by_outlet_accuracy") is not None:
        line += (f", {info['by_outlet_accuracy']:.2f} with each outlet held out (outlet-only "
                 f"baseline {info.get('by_outlet_baseline', 0.0):.2f})")
    return line + (f" (majority class {base:.2f}): weak evidence, weigh the claims above instead"
                   if weak else ": a prior, never evidence on its own")


def within_outlet(info: Mapping[str, Any], outlet: str | None) -> dict[str, Any] | None:
    """How the model did on this outlet's training rows against the outlet's own majority."""
    table = info.get("within_outlet") or {}
    return table.get((outlet or "").strip().lower()) if outlet else None


def predict_articles(articles: Sequence[Article], model: CredibilityModel | None = None,
                     *, settings: Settings, extractions: Iterable[Mapping[str, Any]] | None = None,
                     context: Mapping[str, Mapping[str, float]] | None = None,
                     top: int = 5, store: Store | None = None,
                     index: CorpusIndex | None = None) -> list[dict[str, Any]]:
    """Classifier verdicts for ``articles`` (the shipped default model unless one is given).

    ``context`` holds the cross-source and reference features of the incidents the
    caller already linked (`features.context_features`); articles missing from it
    are treated as unlinked.  With a ``store``, the articles, their extractions and
    the verdicts are saved.  ``index`` (`CredibilityModel.batch_index` of a whole
    corpus) lets a caller predict that corpus a chunk at a time with the same result.
    """
    model = model or CredibilityModel.load(settings_model_path(settings))
    exs = list(extractions) if extractions is not None else _extractions(articles, settings)
    samples = [Sample.from_article(a, e) for a, e in zip(articles, exs, strict=True)]
    name = str(model.info.get("name") or f"{model.kind} model")
    verdicts = [p.verdict(name) for p in model.predict(samples, context=context, top=top,
                                                                index=index)]
    caveat = model_caveat(model.info)
    for s, v in zip(samples, verdicts, strict=True):
        if caveat:
            v["reasons"].append(caveat)
            v["details"]["model_cv_accuracy"] = model.info.get("cv_accuracy")
        wo = within_outlet(model.info, s.outlet)
        v["details"]["within_outlet"] = wo
        if wo is None and model.info.get("within_outlet"):
            v["reasons"].append(f"the model was not measured on reports of "
                                f"{outlet_name(s.outlet)}")
        elif wo is not None and not wo["better_than_chance"]:
            v["reasons"].append(f"within {wo['outlet']} the model is no better than chance: "
                                f"{wo['accuracy']:.2f} against the outlet's majority "
                                f"{wo['majority_rate']:.2f}")
    if store is not None:
        store.add_articles(articles)
        store.put_extractions([dict(e) for e in exs])
        store.put_verdicts("classifier", verdicts)
    return verdicts
