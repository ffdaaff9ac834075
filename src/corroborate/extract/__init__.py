"""Claim extraction: a pipeline of components over a `Doc`.

Annotation keys (``doc.annotations``), in pipeline order, with their owners:

=================  ==========================================  =================
key                value                                        component module
=================  ==========================================  =================
``boilerplate``    list[tuple[int, int]] blanked page furniture  boilerplate.py
``sentences``      list[tuple[int, int]] sentence offsets        sentences.py
``dates``          list[DateClaim] (event-date candidates)       dates.py
``places``         list[Place]                                   places.py
``actors``         list[Actor] (role set from local syntax)      actors.py
``causes``         list[Cause]                                   cause.py
``casualties``     list[Casualty]                                casualties.py
``attributions``   list[Attribution]                             attribution.py
``framing``        list[Framing]                                 framing.py
``incidents``      list[Incident] (salience order)               incidents.py
=================  ==========================================  =================

The ``figures`` component (scorer.py, on by the settings' ``figure_scorer``) then
rescores the headline incident's killed and injured figures where the rules gave
none, in ``incidents``.

All offsets index ``doc.text`` (== ``Article.full_text``, with page furniture
blanked to spaces by the first component); all spans are built with
`Doc.char_span`.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Iterable, Iterator

from ..config import Settings
from ..doc import Doc
from ..models import Article, ArticleExtraction
from ..pipeline import Component, Pipeline

log = logging.getLogger(__name__)

#: (module, annotation key) in pipeline order; ``incidents`` comes last.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("boilerplate", "boilerplate"),
    ("sentences", "sentences"),
    ("dates", "dates"),
    ("places", "places"),
    ("actors", "actors"),
    ("cause", "causes"),
    ("casualties", "casualties"),
    ("attribution", "attributions"),
    ("framing", "framing"),
)


def _load(module: str) -> object | None:
    try:
        return importlib.import_module(f"{__name__}.{module}")
    except ModuleNotFoundError as exc:
        # Only a missing component module is tolerated; a broken import inside one is a bug.
        if exc.name != f"{__name__}.{module}":
            raise
        return None


def default_pipeline(settings: Settings, *, figures: bool | None = None) -> Pipeline:
    """The standard extraction pipeline, every installed component in order, built
    with the caller's ``settings`` (its extra gazetteers and actor aliases).

    Component modules are imported lazily, so importing `corroborate.extract` stays
    cheap and a missing optional component leaves its annotation out (the
    incidents component then reads it as empty) instead of breaking extraction.
    The learned headline-figure scorer (`scorer`) follows the incidents when
    ``figures`` (default: the settings' ``figure_scorer``) is true.
    """
    from . import incidents

    comps: list[Component] = []
    have: list[str] = []
    for module, key in COMPONENTS:
        mod = _load(module)
        if mod is None:
            log.debug("extraction component %s is not installed; %r stays empty", module, key)
            continue
        comps.append(mod.create(settings))  # type: ignore[attr-defined]
        have.append(key)
    comps.append(incidents.create(settings, requires=have))
    if settings.figure_scorer if figures is None else figures:
        from . import scorer

        comps.append(scorer.create(settings))
    return Pipeline(comps)


def _language(doc: Doc) -> str | None:
    lang = doc.get("language")
    return lang if isinstance(lang, str) else doc.article.language


@functools.cache
def _shared_default() -> Pipeline:
    # building the pipeline loads gazetteers and alias tables: once per process.  The
    # settings are the documented ones a caller without its own gets, as the CLI reads
    # them: the file named by CORROBORATE_CONFIG, then CORROBORATE_* variables
    return default_pipeline(Settings.load())


def extract(article: Article, pipeline: Pipeline | None = None) -> ArticleExtraction:
    """Run ``pipeline`` over one article.  Without one, the pipeline of the settings
    `Settings.load` reads (``CORROBORATE_CONFIG`` and ``CORROBORATE_*`` variables),
    built once per process; callers that hold settings pass
    ``default_pipeline(settings)``."""
    pipe = pipeline if pipeline is not None else _shared_default()
    doc = pipe(Doc(article))
    language = _language(doc)
    warnings = list(doc.get("warnings") or [])
    if language and language != "en" and article.text.strip():
        # say so rather than return an empty result that looks like "no incident"
        warnings.append(f"language {language!r}: the extraction rules are written for English; "
                        "figures, places and actors may be missed")
    return ArticleExtraction(
        article_id=article.id,
        outlet=article.outlet,
        published=article.published,
        title=article.title,
        incidents=list(doc.get("incidents") or []),
        language=language,
        warnings=warnings,
    )


def extract_many(articles: Iterable[Article], pipeline: Pipeline | None = None) -> Iterator[ArticleExtraction]:
    """Extract a stream of articles with one pipeline built once (without one, as
    `extract`)."""
    pipe = pipeline if pipeline is not None else _shared_default()
    for article in articles:
        yield extract(article, pipe)


__all__ = ["COMPONENTS", "default_pipeline", "extract", "extract_many"]
