"""The ``places`` component: place mentions resolved against the gazetteer.

One Aho-Corasick pass finds every whole-word, capitalised name (see
`corroborate.extract.gazetteer`).  Names with several referents ("Homs" is
also Al Khums in Libya, "Tripoli" is in Libya and Lebanon) are resolved with
the article's *country context*: the countries that its unambiguous place
names, country names and nationality adjectives ("Syrian") point to, so a
Syrian story keeps its places in Syria.  Nationality adjectives only give
context; they are not place mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..models import Place
from ..pipeline import Component, component
from .gazetteer import (
    AMBIGUOUS,
    EXCLUDED,
    PLACE,
    Entry,
    Gazetteer,
    Hit,
    fold_key,
    folded,
    load,
)

# Outside powers ("Russian jets") and regional peoples ("Kurdish", in Iraq, Syria and
# Turkey) say little about where a story happens: they must not outvote place names.
_WEAK_DEMONYMS = {"kurdish", "american", "americans", "russian", "russians", "british",
                  "french", "german", "chinese"}

# A place before one of these is the first-level division ("Idlib province").
_ADMIN_AFTER = re.compile(
    r"[\s']*s?\s*(province|governorate|countryside|region|Province|Governorate|Countryside)\b")
_ADMIN_BEFORE = re.compile(r"(?:province|governorate|Province|Governorate)\s+of\s+$")
# Words that make a following capitalised name a place ("in Nice", "town of Shin").
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|from|outside|to|into|around|across|towards?|toward|via|"
    r"city|town|village|villages|province|district|suburbs?|neighbourhood|neighborhood|"
    r"countryside|east|west|north|south|northeast|northwest|southeast|southwest|"
    r"eastern|western|northern|southern|between)\s+(?:the\s+)?)$",
    re.IGNORECASE)
_STRONG_LOCATIVE = re.compile(
    r"\b(?:town|village|city|district|neighbourhood|neighborhood|suburbs?|area)\s+of\s+$"
    r"|\b(?:in|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)

#: places below this population need a locative cue unless curated
MIN_UNCUED_POPULATION = 15000
CONTEXT_WEIGHT = 6.0


def _country_context(hits: list[Hit]) -> dict[str, float]:
    ctx: dict[str, float] = {}
    for h in hits:
        if h.country and h.tag != EXCLUDED:
            w = 1.0 if h.tag == PLACE else (0.25 if h.key in _WEAK_DEMONYMS else 0.75)
            ctx[h.country] = ctx.get(h.country, 0.0) + w
    return ctx


def _cue_before(text: str, start: int, pattern: re.Pattern[str]) -> bool:
    return pattern.search(text[max(0, start - 40):start]) is not None


def _choose(gaz: Gazetteer, cands: tuple[int, ...], ctx: dict[str, float], total: float) -> int:
    """Position in ``cands`` of the best reading given the country context."""
    if len(cands) == 1 or not total:
        return 0
    best, best_score = 0, -1e9
    priors, countries = gaz.priors, gaz.countries
    weight = CONTEXT_WEIGHT / total
    for pos, i in enumerate(cands[:12]):
        score = priors[i] + weight * ctx.get(countries[i], 0.0)
        if score > best_score:
            best, best_score = pos, score
    return best


def _plausible(text: str, hit: Hit, entry: Entry, primary: bool) -> bool:
    """Drop the readings a careful reader would not make."""
    surface = text[hit.start:hit.end]
    key = hit.key
    one_word = " " not in key
    first = key.split(" ", 1)[0]
    if len(first) <= 4 and surface[:len(first)].isupper():
        return False  # an acronym ("SANA", "USA"), not a name
    if key in AMBIGUOUS:
        return (_cue_before(text, hit.start, _STRONG_LOCATIVE)
                and not _sentence_initial(text, hit.start)
                and not (one_word and _inside_longer_name(text, hit.start, hit.end)))
    if primary and (entry.layer > 0 or entry.kind in ("country", "admin1")):
        return True
    # from here on: a GeoNames place, or a GeoNames-only name of a curated place
    if not one_word and not _all_capitalised(surface):
        return False  # "The mission", "The point"
    if one_word and _inside_longer_name(text, hit.start, hit.end) and entry.population < 1_000_000:
        return False  # "Vladimir Putin", "Tal Rifaat", "Bab Amr"
    cued = _cue_before(text, hit.start, _LOCATIVE)
    if one_word and not primary and not cued:
        return False  # an alternate name ("But" for Buta, "Khalil" for Hebron)
    if one_word and _sentence_initial(text, hit.start) and not cued and not surface.isupper():
        return False
    if entry.population >= MIN_UNCUED_POPULATION or not one_word:
        return True
    # a village known only to geonames: only with "in", "near", "the town of" before it
    return _cue_before(text, hit.start, _STRONG_LOCATIVE)


_NEXT_CAP = re.compile(r"[ \t]+(?:(?:al|el|ad|as|ar|ash)-)?[A-Z]")
_PREV_CAP = re.compile(r"([A-Z][\w'’.-]*)[ \t]+$")
_NOT_NAME_AFTER = re.compile(r"[ \t]+(?:Province|Governorate|Countryside|City|Region)\b")
_CAP_CUES = frozenset({"In", "Near", "At", "From", "Outside", "To", "Into", "Around", "On",
                       "The", "Of", "And", "Between", "Across", "Toward", "Towards", "Via"})


_PARTICLES = frozenset({
    "al", "el", "ez", "ad", "as", "ar", "ash", "at", "an", "az", "ul", "ur", "de", "la", "le",
    "du", "des", "di", "da", "of", "the", "bin", "ibn", "ben", "abu", "bou", "bu", "y", "e", "i",
})


def _all_capitalised(surface: str) -> bool:
    words = re.split(r"[\s-]+", surface)
    return all(w[:1].isupper() or w.lower() in _PARTICLES or not w[:1].isalpha() for w in words)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Is the name one word of a longer proper noun (a person, another place)?"""
    if _NEXT_CAP.match(text, end) and not _NOT_NAME_AFTER.match(text, end):
        return True
    window = max(0, start - 30)
    m = _PREV_CAP.search(text, window, start)
    return bool(m and m.group(1) not in _CAP_CUES and not _sentence_initial(text, m.start(1)))


#: capitals whose name routinely stands for their government
_SEATS_OF_POWER = frozenset({
    "damascus", "moscow", "washington", "ankara", "tehran", "riyadh", "beijing", "paris",
    "london", "kiev", "kyiv", "doha", "cairo", "amman", "baghdad", "beirut", "berlin",
    "abu dhabi", "tel aviv", "jerusalem", "islamabad", "kabul", "tripoli", "khartoum",
})
_GOVERNMENT_VERB = re.compile(
    r"\s+(?:has|have|had|will|would|could|did|does|also|says|said|denied|denies|claims|"
    r"claimed|accused|accuses|blamed|blames|insists|insisted|wants|warned|agreed|rejected|"
    r"acknowledged|announced|condemned|called|urged|refused|responded|sent|supports|backs|"
    r"calls|urges|warns|rejects|condemns|announces|insist|deny|say|accuse|blame|vows|vowed|"
    r"demands|demanded|threatens|threatened|admits|admitted|confirms|confirmed|"
    r"and\s+(?:Moscow|Washington|Damascus|Ankara|Tehran|Riyadh)\s+(?:have|had|agreed))\b")
_BY_GOVERNMENT = re.compile(r"\b(?:by|from|with|between)\s+$")
#: "a truce negotiated by Washington and Moscow", "a meeting called by Moscow": the agent of a
#: participle is someone who acts; "by" meaning "near" is rare before a capital
_AGENT_GOVERNMENT = re.compile(r"\b[a-z]+(?:ed|en)\s+by\s+(?:[A-Z][\w.]*\s+(?:and|or)\s+)?$")
#: "accused Damascus of ...", "urged Moscow to ...": a capital as the addressee of a demand
_GOVERNMENT_ADDRESSED = re.compile(
    r"\b(?:accused|accuses|accuse|accusing|blamed|blames|blame|blaming|urged|urges|urging|"
    r"warned|warns|pressed|presses|called\s+on|calls\s+on|asked|asks)\s+$", re.IGNORECASE)


#: a name inside a compound adjective qualifies an organisation; nothing happens there
_COMPOUND_MODIFIER = re.compile(
    r"[-‐–](?:based|backed|led|allied|born|funded|aligned|supported|sponsored|linked|"
    r"affiliated|trained|armed|friendly)\b", re.IGNORECASE)


def _stands_for_government(text: str, start: int, end: int) -> bool:
    if text[start:end].isupper():
        return False  # "MOSCOW (Reuters) -": a dateline is a place
    if _GOVERNMENT_VERB.match(text, end):
        return True
    if _GOVERNMENT_ADDRESSED.search(text, max(0, start - 16), start):
        return True
    if _AGENT_GOVERNMENT.search(text, max(0, start - 30), start):
        return True
    return (_BY_GOVERNMENT.search(text, max(0, start - 10), start) is not None
            and text[end:end + 1] in (".", ",", "", ";"))


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def find_places(doc: Doc, gaz: Gazetteer) -> list[Place]:
    text = doc.text
    hits = gaz.hits(text, folded(text))
    if not hits:
        return []
    ctx = _country_context(hits)
    total = sum(ctx.values())
    out: list[Place] = []
    chosen: dict[str, int] = {}  # the context is the article's: one reading per name
    for h in hits:
        if h.tag != PLACE:
            continue
        pos = chosen.get(h.key)
        if pos is None:
            pos = chosen[h.key] = _choose(gaz, h.candidates, ctx, total)
        index = h.candidates[pos]
        entry = gaz.entries[index]
        if not _plausible(text, h, entry, h.primary[pos]):
            continue
        if h.key in _SEATS_OF_POWER and _stands_for_government(text, h.start, h.end):
            continue  # "Damascus denied ...": the government speaking, not a place
        if _COMPOUND_MODIFIER.match(text, h.end):
            continue  # "the Britain-based Observatory", "Damascus-backed militias"
        start, end = h.start, h.end
        if index in gaz.capitals:
            # "Idlib province", "province of Idlib": the governorate, not its capital
            after = _ADMIN_AFTER.match(text, end)
            window = max(0, start - 30)
            before = _ADMIN_BEFORE.search(text, window, start)
            admin = gaz.admin1_of.get((entry.country, entry.admin1))
            if admin is not None and (after or before):
                entry = gaz.entries[admin]
                if after:
                    end = after.end()
                elif before:
                    start = before.start()
        out.append(Place(
            name=entry.name, span=doc.char_span(start, end), admin1=entry.admin1,
            country=entry.country, lat=entry.lat, lon=entry.lon, kind=entry.kind,
            geonameid=entry.geonameid,
        ))
    return out


def create(settings: Settings | None = None) -> Component:
    """The ``places`` component; user gazetteers come from ``Settings.gazetteers``."""
    extra: Iterable[Path] = settings.gazetteers if settings else ()
    gaz = load(list(extra))

    @component("places", assigns=("places",))
    def places(doc: Doc) -> Doc:
        doc.set("places", find_places(doc, gaz))
        return doc

    return cast(Component, places)


#: admin1 (or city) -> the location vocabulary of the FA-KES crowd annotations
_CROWD_LOCATION = {
    "aleppo": "aleppo", "damascus": "damascus", "rif dimashq": "damascus", "idlib": "idlib",
    "deir ez zor": "deir ezzor", "homs": "homs", "raqqa": "raqqa", "al hasakah": "hasakeh",
    "hama": "hama", "daraa": "daraa", "quneitra": "quneitra", "latakia": "lattakia",
    "tartus": "tartous", "as suwayda": "sweida",
}


def crowd_location(place: Place | None) -> str:
    """The FA-KES crowd ``location`` value for a place ("deir ezzor", "hasakeh")."""
    if place is None:
        return "unknown"
    if place.country == "SY" and place.admin1:
        return _CROWD_LOCATION.get(fold_key(place.admin1), fold_key(place.admin1))
    return fold_key(place.name)
