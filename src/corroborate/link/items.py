"""`LinkItem`: one incident as one article reports it, the unit the linker clusters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..models import Article


@dataclass
class LinkItem:
    """One (article, incident) pair: the unit the linker clusters."""

    article_id: str
    incident_index: int
    outlet: str | None = None
    published: str | None = None
    title: str = ""
    date: str | None = None
    date_precision: str | None = None
    place_name: str | None = None
    #: the gazetteer kind of the place ("city", "admin1", "country", ...): how precise it is
    place_kind: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    actors: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    cause: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    text: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.incident_index)


def _killed_range(incident: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The killed figure of an incident: the toll total, else the widest casualty range."""
    total = ((incident.get("toll") or {}).get("killed") or {}).get("total")
    lows: list[int] = []
    highs: list[int] = []
    for c in incident.get("casualties") or []:
        if c.get("outcome") != "killed":
            continue
        lo, hi = c.get("min"), c.get("max")
        if lo is not None:
            lows.append(int(lo))
        if hi is not None:
            highs.append(int(hi))
    if total is not None:
        lo = min([int(total), *lows]) if lows else int(total)
        hi = max([int(total), *highs]) if highs else int(total)
        return lo, hi
    if not lows and not highs:
        return None, None
    return (min(lows) if lows else None), (max(highs) if highs else None)


def items_from_extractions(
    extractions: Iterable[Mapping[str, Any]], articles: Mapping[str, Article]
) -> list[LinkItem]:
    """One `LinkItem` per incident of each extraction (the `ArticleExtraction.to_dict` shape).

    ``text`` is the title plus the article text (``Article.full_text``); when the
    article is not in ``articles`` the title alone is used.
    """
    items: list[LinkItem] = []
    for ex in extractions:
        art = articles.get(ex["id"])
        text = art.full_text if art is not None else (ex.get("title") or "")
        for k, inc in enumerate(ex.get("incidents") or []):
            place = inc.get("place") or {}
            cause = inc.get("cause") or {}
            actors = inc.get("actors") or []
            lo, hi = _killed_range(inc)
            items.append(LinkItem(
                article_id=ex["id"],
                incident_index=k,
                outlet=ex.get("outlet"),
                published=ex.get("published"),
                title=ex.get("title") or "",
                date=inc.get("date"),
                date_precision=inc.get("date_precision"),
                place_name=place.get("name"),
                place_kind=place.get("kind"),
                admin1=place.get("admin1"),
                country=place.get("country"),
                lat=place.get("lat"),
                lon=place.get("lon"),
                actors=_unique(a["name"] for a in actors),
                perpetrators=_unique(a["name"] for a in actors if a.get("role") == "perpetrator"),
                cause=cause.get("category"),
                killed_min=lo,
                killed_max=hi,
                text=text if k == 0 else _mention_text(text, inc),
            ))
    return items


#: characters kept either side of a later incident's evidence (about two sentences)
MENTION_MARGIN = 300


def _mention_text(text: str, incident: Mapping[str, Any]) -> str:
    """The part of the article that tells a later (not the headline) incident.

    The lead tells the headline incident; a round-up's or a background paragraph's
    other incidents are told further down.  Giving them the lead's words would make
    every incident an article mentions look like its headline one, so a mention of an
    earlier event would pull the article into that event (or that event into it).
    """
    spans = [(int(v["start"]), int(v["end"])) for v in _evidence(incident)]
    if not spans:
        return ""
    lo = max(0, min(s for s, _ in spans) - MENTION_MARGIN)
    hi = min(len(text), max(e for _, e in spans) + MENTION_MARGIN)
    return text[lo:hi]


def _evidence(incident: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    out = [incident.get("date_evidence"), incident.get("place"), incident.get("cause")]
    out += list(incident.get("casualties") or [])
    return [v for v in out if isinstance(v, Mapping) and v.get("start") is not None
            and v.get("end") is not None]


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))
