"""Hand-built extraction records for the compare/report tests.

Texts are short invented sentences; offsets are computed from them so every
evidence span is real.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corroborate.models import Article, empty_toll


@dataclass
class Item:
    """The LinkItem fields compare reads."""

    article_id: str
    incident_index: int = 0
    outlet: str | None = None
    published: str | None = None
    title: str = ""
    text: str = ""


def span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def casualty(text: str, needle: str, outcome: str = "killed", mn: int | None = None,
             mx: int | None = None, qualifier: str = "exact", victims: str = "unspecified",
             children: bool = False) -> dict[str, Any]:
    return {"outcome": outcome, "min": mn, "max": mx, "qualifier": qualifier, "victims": victims,
            "children": children, "women": False, "attributed_to": None, **span(text, needle)}


def report(aid: str, text: str, *, outlet: str | None, published: str | None,
           date: str | None = "2016-09-17", place: str | None = "Deir ez-Zor",
           admin1: str | None = "Deir ez-Zor", killed: int | None = None,
           injured: int | None = None, casualties: list[dict[str, Any]] | None = None,
           perps: list[tuple[str, str]] | None = None, cause: tuple[str, str] | None = None,
           framing: list[tuple[str, str, str | None]] | None = None,
           relays: list[tuple[str, str]] | None = None, civilian: int | None = None,
           children: int | None = None, title: str = "") -> tuple[Article, dict[str, Any], Item]:
    """(article, extraction dict, link item) for one single-incident article."""
    toll = empty_toll()
    toll["killed"]["total"] = killed
    toll["killed"]["civilian"] = civilian
    toll["killed"]["children"] = children
    toll["injured"]["total"] = injured
    inc = {
        "date": date, "date_precision": "day" if date else None, "date_evidence": None,
        "place": ({"name": place, "admin1": admin1, "country": "SY", "lat": 35.3, "lon": 40.1,
                   "kind": "city", "geonameid": None, **span(text, place)} if place else None),
        "actors": [{"name": name, "role": "perpetrator", "kind": None, "country": None,
                    **span(text, needle)} for name, needle in perps or []],
        "casualties": casualties or [],
        "toll": toll,
        "cause": {"category": cause[0], "weapon": None, **span(text, cause[1])} if cause else None,
        "attributions": [{"speaker": who, "verb": "reported", "kind": "relay", **span(text, needle)}
                         for who, needle in relays or []],
        "framing": [{"label": lab, "speaker": who, **span(text, needle)}
                    for lab, needle, who in framing or []],
        "salience": 1.0,
    }
    art = Article(id=aid, text=text, title=title, outlet=outlet, published=published)
    ext = {"id": aid, "outlet": outlet, "published": published, "title": title, "language": "en",
           "warnings": [], "incidents": [inc]}
    return art, ext, Item(aid, 0, outlet, published, title, text)


def bundle(*reports: tuple[Article, dict[str, Any], Item]) -> tuple[
        list[list[int]], list[Item], dict[str, dict[str, Any]], dict[str, Article]]:
    """One cluster of all the given reports, in compare_incidents' argument order."""
    arts = {a.id: a for a, _, _ in reports}
    exts = {e["id"]: e for _, e, _ in reports}
    items = [it for _, _, it in reports]
    return [list(range(len(items)))], items, exts, arts


T62 = ("Officials in Damascus called the coalition raid near Deir ez-Zor intentional. "
       "The raid left 62 soldiers dead and more than 100 wounded.")
T80 = ("The command said its aircraft hit Syrian positions near Deir ez-Zor by mistake. "
       "As many as 80 troops died in the airstrike, officials admitted.")


def seeds_like() -> list[tuple[Article, dict[str, Any], Item]]:
    """Two reports with the seeds' facts (62 and over 100 vs up to 80; deliberate vs mistake)."""
    a = report("tv-27", T62, outlet="Example TV", published="2016-09-27", killed=62, injured=100,
               casualties=[casualty(T62, "62 soldiers dead", mn=62, mx=62,
                                    victims="noncivilian"),
                           casualty(T62, "more than 100 wounded", "injured", mn=100, qualifier="at_least",
                                    victims="noncivilian")],
               perps=[("US-led coalition", "coalition")], cause=("airstrike", "raid"),
               framing=[("deliberate", "intentional", "Damascus")])
    b = report("wire-17", T80, outlet="Example Wire", published="2016-09-17", killed=80,
               casualties=[casualty(T80, "As many as 80 troops died", mx=80, qualifier="at_most",
                                    victims="noncivilian")],
               perps=[("US-led coalition", "its aircraft")], cause=("airstrike", "airstrike"),
               framing=[("mistake", "by mistake", "US Central Command"),
                        ("admission", "officials admitted", "US Central Command")])
    return [a, b]
