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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..lang.en import admin_units, agencies, given_names, person_titles, streets, us_states
from ..models import Place
from ..pipeline import Component, component
from .dates import _MONTH, _WEEKDAY
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

def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# A place before one of these is the first-level division ("Idlib province", "Borno State").
# The run of spaces and quotes is atomic: the words open with a letter, so giving characters
# back never helps, and on a long run (page furniture blanked to spaces) trying every split
# of it made one match cost tens of milliseconds
_ADMIN_AFTER = re.compile(
    rf"(?>[\s']*)s?\s*(?:{_alternation(admin_units.AFTER)})\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(
    rf"\b(?:{_alternation(admin_units.BEFORE_OF)})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "Maiduguri, Borno", "Rafah (North Sinai)", "(Konduga, Borno)", "Kansafra village, Idleb":
# a division (or country) written right after a name or a place noun qualifies it
_QUALIFIER_BEFORE = re.compile(
    rf"(?:[A-Z][\w'’.-]*|\b(?:{_alternation(admin_units.LOWER_UNITS)}))\s*(?:,|\(|,\s*\()\s*$")
# ... and what may follow it: punctuation, a lowercase word, or a dateline's "(AP) -"
_QUALIFIER_AFTER = re.compile(
    r"\s*(?:[,.;:)\]—–]|\s-\s|\s+[a-z]|\s*$|\s+(?:and|in)\b|\s*\([A-Z][\w .-]*\)\s*[-—–])")
# "PUYALLUP, Wash. —", "Jackson, Miss.", "Memphis, TN (WREG)": a US state after a city
_US_STATE_AFTER = re.compile(
    rf",\s*(?P<ap>{_alternation(us_states.AP)})(?!\w)"
    rf"|,\s*(?P<postal>{_alternation(us_states.POSTAL)})(?!\w|\.\w)")
# "Beckley, 27, appeared": an age in commas after a name is a person's
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
_SECOND_LEVEL_AFTER = re.compile(
    rf"\s+(?:{_alternation(admin_units.SECOND_LEVEL_AFTER)})(?!\w)")
# a person: a title before ("Gov. Asa Hutchinson"), a verb of saying or a possessive after
_SAYING_AFTER = re.compile(
    rf"\s+(?:{_alternation(person_titles.SAYING_VERBS)})\b|[’']s\s+(?:office|campaign|"
    r"spokes(?:man|woman|person)|wife|husband|son|daughter|family|administration|remarks?|"
    r"comments?|statement|bill|aides?|lawyer|attorney)\b")
#: weights of the context a marked division gives the readings inside it
ADMIN1_WEIGHT = 4.0
#: a city this big is named for itself in stories set elsewhere ("flights to Chicago")
BIG_CITY = 1_000_000

# Words that make a following capitalised name a place ("in Nice", "town of Shin").
_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|from|outside|to|into|around|across|towards?|toward|via|"
    r"city|town|village|villages|province|district|suburbs?|neighbourhood|neighborhood|"
    r"countryside|east|west|north|south|northeast|northwest|southeast|southwest|"
    r"eastern|western|northern|southern|between)\s+(?:the\s+)?)$",
    re.IGNORECASE)
# "Tucson police said", "the Lubbock Police Department": the name before a local agency is
# the place it serves, whatever its position in the sentence
_AGENCY_AFTER = re.compile(
    rf"[ \t]+(?:County[ \t]+)?(?:{_alternation(agencies.AFTER_PLACE)})(?!\w)", re.IGNORECASE)
# "Denison Street", "Lake Park Drive": a street named after a town is not that town
_STREET_AFTER = re.compile(
    rf"[ \t]+(?:{_alternation(w.capitalize() for w in streets.AFTER)})(?!\w)")
_STREET_AFTER_ON = re.compile(
    rf"[ \t]+(?:{_alternation(streets.AFTER)})(?!\w)", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\bon[ \t]+$")
# "46th Avenue and Roosevelt", "Broadway and Riverview": the other street of an intersection
_STREET_AND_BEFORE = re.compile(
    rf"(?:\b\d+(?:st|nd|rd|th)|\b(?:{_alternation(streets.BEFORE_AND)}))[ \t]+(?:and|&)[ \t]+$",
    re.IGNORECASE)
_STREET_AND_AFTER = re.compile(
    r"[ \t]+(?:and|&)[ \t]+(?:\d+(?:st|nd|rd|th)\b|[A-Z][\w'’.-]*[ \t]+"
    r"(?:streets|avenues|roads|[Ss]ts\.|[Aa]ves\.)(?!\w))")


def _street(text: str, start: int, end: int) -> bool:
    return (_STREET_AFTER.match(text, end) is not None
            or (_STREET_AFTER_ON.match(text, end) is not None
                and _ON_BEFORE.search(text, max(0, start - 4), start) is not None)
            or _STREET_AND_AFTER.match(text, end) is not None
            or _STREET_AND_BEFORE.search(text, max(0, start - 24), start) is not None)


_STRONG_LOCATIVE = re.compile(
    r"\b(?:town|village|city|district|neighbourhood|neighborhood|suburbs?|area)\s+of\s+$"
    r"|\b(?:in|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)

#: places below this population need a locative cue unless curated
MIN_UNCUED_POPULATION = 15000
CONTEXT_WEIGHT = 6.0


def _country_context(hits: list[Hit], gaz: Gazetteer) -> dict[str, float]:
    ctx: dict[str, float] = {}
    for h in hits:
        if h.country and h.tag != EXCLUDED:
            w = 1.0 if h.tag == PLACE else (0.25 if h.key in _WEAK_DEMONYMS else 0.75)
            if h.tag == PLACE and all(c in gaz.marked_only for c in h.candidates):
                w = 0.5  # an unmarked division name ("a Tennessee man") hints, no more
            ctx[h.country] = ctx.get(h.country, 0.0) + w
    return ctx


#: the cue patterns matched case-sensitively, for a lower-cased ASCII window: under
#: IGNORECASE `re` tries every branch at every offset, this form is about twice as fast and on
#: ASCII text finds the same (their source is in lower case; a pattern that is not stays out)
_CUE_LOWER = {p: re.compile(p.pattern) for p in (_LOCATIVE, _STRONG_LOCATIVE)
              if p.pattern == p.pattern.lower()}


def _cue_before(text: str, start: int, pattern: re.Pattern[str]) -> bool:
    window = text[max(0, start - 40):start]
    fast = _CUE_LOWER.get(pattern)
    if fast is not None and window.isascii():
        return fast.search(window.lower()) is not None
    return pattern.search(window) is not None


AdminContext = dict[tuple[str, str], float]


def _choose(gaz: Gazetteer, cands: Sequence[int], ctx: dict[str, float], total: float,
            admin_ctx: AdminContext) -> int:
    """Position in ``cands`` of the best reading given the country and division context."""
    if len(cands) == 1 or not (total or admin_ctx):
        return 0
    best, best_score = 0, -1e9
    priors, countries, entries = gaz.priors, gaz.countries, gaz.entries
    weight = CONTEXT_WEIGHT / total if total else 0.0
    # a division named in the text looks through all of a name's readings (two dozen states
    # have a "Franklin County"); without one, the dozen likeliest are enough
    for pos, i in enumerate(cands if admin_ctx else cands[:12]):
        score = priors[i] + weight * ctx.get(countries[i], 0.0)
        admin1 = entries[i].admin1
        if admin_ctx and admin1:
            score += ADMIN1_WEIGHT * min(1.0, admin_ctx.get((countries[i], fold_key(admin1)), 0.0))
        if score > best_score:
            best, best_score = pos, score
    return best


def _plausible(text: str, hit: Hit, entry: Entry, primary: bool, marked: bool = False) -> bool:
    """Drop the readings a careful reader would not make.  ``marked``: the text says the
    name is a division ("Delta State", "Augusta, Georgia")."""
    surface = text[hit.start:hit.end]
    if marked and entry.kind in ("admin1", "country"):
        return True
    key = hit.key
    one_word = " " not in key
    first = key.split(" ", 1)[0]
    if len(first) <= 4 and surface[:len(first)].isupper():
        return False  # an acronym ("SANA", "USA"), not a name
    if marked and primary:
        return True  # "JACKSON, Tenn.", "Ughelli, Delta": the qualifier vouches for it
    # "Salem police said", "the Lubbock Police Department": the town its agency serves
    agency = primary and _agency_after(text, hit.end) and not _surname(text, hit.start)
    if key in AMBIGUOUS:
        return agency or (_cue_before(text, hit.start, _STRONG_LOCATIVE)
                          and not _sentence_initial(text, hit.start)
                          and not (one_word and _inside_longer_name(text, hit.start, hit.end)))
    if primary and (entry.layer > 0 or entry.kind in ("country", "admin1")):
        return True
    # from here on: a GeoNames place, or a GeoNames-only name of a curated place
    if not one_word and not _all_capitalised(surface):
        return False  # "The mission", "The point"
    if agency:
        return True
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
# "Jabal al-Zawiya": the word before a name's article is part of the name too
_PREV_CAP = re.compile(r"([A-Z][\w'’.-]*)[ \t]+(?:(?:al|el|ad|as|ar|ash|an|az|at)-)?$")
_NOT_NAME_AFTER = re.compile(
    r"[ \t]+(?:Province|Governorate|Countryside|City|Region|State|Oblast|Prefecture)\b")


def _agency_after(text: str, end: int) -> bool:
    return _AGENCY_AFTER.match(text, end) is not None
_TEMPORAL = re.compile(rf"(?:{_WEEKDAY}|{_MONTH})(?!\w)")


def _temporal_at(text: str, start: int) -> bool:
    """"in Indianapolis Saturday night", "in Homs March 3": a date word, not a name."""
    return _TEMPORAL.match(text, start) is not None


_CAP_CUES = frozenset({"In", "Near", "At", "From", "Outside", "To", "Into", "Around", "On",
                       "The", "Of", "And", "Between", "Across", "Toward", "Towards", "Via"})


_PARTICLES = frozenset({
    "al", "el", "ez", "ad", "as", "ar", "ash", "at", "an", "az", "ul", "ur", "de", "la", "le",
    "du", "des", "di", "da", "of", "the", "bin", "ibn", "ben", "abu", "bou", "bu", "y", "e", "i",
})


def _all_capitalised(surface: str) -> bool:
    words = re.split(r"[\s-]+", surface)
    return all(w[:1].isupper() or w.lower() in _PARTICLES or not w[:1].isalpha() for w in words)


def _surname(text: str, start: int) -> bool:
    """Is a capitalised word right before the name a given name ("Officer Mike Lubbock")?"""
    m = _PREV_CAP.search(text, max(0, start - 30), start)
    return m is not None and m.group(1) in given_names.GIVEN_NAMES


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Is the name one word of a longer proper noun (a person, another place)?"""
    nxt = _NEXT_CAP.match(text, end)
    if nxt and not _NOT_NAME_AFTER.match(text, end) and not _temporal_at(text, nxt.end() - 1) \
            and not _agency_after(text, end):
        return True
    window = max(0, start - 30)
    m = _PREV_CAP.search(text, window, start)
    if not m or m.group(1) in _CAP_CUES:
        return False
    # a sentence's first word is capitalised anyway, unless it is a given name
    # ("Robert Anderson, 49, was arrested")
    return not _sentence_initial(text, m.start(1)) or m.group(1) in given_names.GIVEN_NAMES


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


@dataclass(slots=True)
class _Marks:
    """What the words around one name say about it."""

    #: "Borno State", "province of Idlib": (start, end) of the name with its noun
    admin: tuple[int, int] | None = None
    #: written right after a name or a place noun: "Maiduguri, Borno", "(Konduga, Borno)"
    qualifier: bool = False
    #: a person: "Gov. Asa Hutchinson", "Hutchinson said", "Cheney's office"
    person: bool = False
    #: a street: "Denison Street", "at 46th Avenue and Roosevelt"
    street: bool = False


_WORD_GOES_ON = re.compile(r"['’](?!s\b)[a-z]")


_TITLES = frozenset(person_titles.TITLES)


def _title_before(text: str, start: int) -> bool:
    """"Gov. Asa Hutchinson", "President Bush": a title, then up to two capitalised words."""
    # a title and its name stand in one line: "... King Boulevard\n\nHouston police"
    words = text[max(0, start - 48):start].rsplit("\n", 1)[-1].split()[-4:]
    k = len(words)
    for n in range(1, min(k, 3) + 1):  # the title's position, counted from the end
        # the words between the title and the name are capitalised: each step adds one
        if n > 1 and not words[k - n + 1][:1].isupper():
            break
        title = words[-n]
        if title in _TITLES or (n < len(words) and f"{words[-n - 1]} {title}" in _TITLES):
            return True
    return False


def _marks(text: str, h: Hit) -> _Marks:
    out = _Marks()
    after = _ADMIN_AFTER.match(text, h.end)
    if after:
        out.admin = (h.start, after.end())
    elif " of " in text[max(0, h.start - 30):h.start]:
        before = _ADMIN_BEFORE.search(text, max(0, h.start - 30), h.start)
        if before:
            out.admin = (before.start(), h.end)
    # only a comma or an opening bracket right before a name can make it a qualifier
    j = h.start - 1
    while j > 0 and text[j] == " ":
        j -= 1
    if j > 0 and text[j] in ",(":
        window = text[max(0, h.start - 60):h.start]
        out.qualifier = (_QUALIFIER_BEFORE.search(window) is not None
                         and (out.admin is not None
                              or _QUALIFIER_AFTER.match(text, h.end) is not None))
    out.street = _street(text, h.start, h.end)
    # "Police in Cheney said": after "in", the name is where the speakers are, not one of them
    out.person = (_title_before(text, h.start)
                  or _AGE_AFTER.match(text, h.end) is not None
                  or (_SAYING_AFTER.match(text, h.end) is not None
                      and not _cue_before(text, h.start, _STRONG_LOCATIVE)))
    return out


def _inside(gaz: Gazetteer, inner: int, outer: int) -> bool:
    """Is entry ``inner`` within division or country ``outer``?"""
    a, b = gaz.entries[inner], gaz.entries[outer]
    if a.country != b.country or inner == outer:
        return False
    if b.kind == "country":
        return True
    return b.kind == "admin1" and a.admin1 is not None and b.admin1 is not None and \
        fold_key(a.admin1) == fold_key(b.admin1)


def _elsewhere(entry: Entry, marked: list[Entry]) -> bool:
    """Is a bare GeoNames town outside the one division the text marks in its country?
    A region named in the text outweighs a bare-name match: "Sheridan" in a story
    datelined "Little Rock, Ark." is a Sheridan the gazetteer does not know, not the
    one in Wyoming.  Curated press names and big cities are named in any story."""
    if entry.kind != "city" or entry.layer > 0 or not entry.admin1 \
            or entry.population >= BIG_CITY:
        return False
    named = {fold_key(d.admin1 or "") for d in marked if d.country == entry.country}
    # a story across several regions names towns in each
    return len(named) == 1 and fold_key(entry.admin1) not in named


_STANDALONE = frozenset(fold_key(c) for c in us_states.AP_STANDALONE)


def _in_home_state(gaz: Gazetteer, h: Hit, entry: Entry, keep: list[int],
                   votes: dict[tuple[str, str], set[str]]) -> Entry | None:
    """The reading of a bare US town in the one state every other sure name of the text is
    in; None for a town the gazetteer has only elsewhere.  US style writes a town of another
    state with its state ("Tulsa, Oklahoma"), except a few big cities: "Englewood" in a
    story datelined Chicago is the neighbourhood there, and "Austin" in a story whose names
    are all in Illinois is a neighbourhood the gazetteer lacks, not the city in Texas."""
    if entry.country != "US" or entry.kind != "city" or h.key in _STANDALONE:
        return entry
    others = {state for state, keys in votes.items() if keys - {h.key}}
    if len(others) != 1:
        return entry
    (country, state), = others
    if country != entry.country or fold_key(entry.admin1 or "") == state:
        return entry
    home = [gaz.entries[h.candidates[p]] for p in keep
            if fold_key(gaz.entries[h.candidates[p]].admin1 or "") == state]
    return max(home, key=lambda e: e.population) if home else None


#: a story is set in one country when that country has this much context from its names
HOME_CONTEXT = 3.0


def _foreign(text: str, h: Hit, entry: Entry, primary: bool, ctx: dict[str, float],
             own_ctx: dict[tuple[str, str], float], marked_countries: set[str]) -> bool:
    """A bare GeoNames town abroad, in a story the rest of whose names are set in one other
    country, with no "in"/"near" before it: a word that is also a town there ("a Batman
    costume", "Man accused of ...").  A story whose text marks a division of another
    country ("MEMPHIS, Tenn. —", "in Borno State") is set there: a name read abroad only
    through a GeoNames alternate name ("Galvez", "Villa Hermosa") is a local place the
    gazetteer lacks, even after "in"."""
    if entry.kind != "city" or entry.layer > 0 or entry.population >= BIG_CITY:
        return False
    country = entry.country or ""
    marked_away = bool(marked_countries) and country not in marked_countries
    if " " in h.key and (primary or not marked_away):
        return False
    if _cue_before(text, h.start, _LOCATIVE) and (primary or not marked_away):
        return False
    others = ctx.get(country, 0.0) - own_ctx.get((h.key, country), 0.0)
    if others > 0.0:
        return False
    if marked_away:
        return True
    home = max(ctx, key=lambda c: ctx[c], default=None)
    return home is not None and home != country and ctx[home] >= HOME_CONTEXT


_BETWEEN_QUALIFIED = re.compile(
    r"\s*(?:,|\(|,\s*\()\s*$"
    # "Boni (Douentza, Mopti)": a second-level name the gazetteer lacks before the division
    r"|\s*\(\s*[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*){0,2}\s*,\s*$")


def _us_states(text: str, gaz: Gazetteer) -> list[tuple[int, int, int]]:
    """(start, end, division entry) of every US state written after "City, "."""
    out = []
    for m in _US_STATE_AFTER.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        city = re.search(r"([A-Z][\w'’.-]*)$", before)
        if city is None:
            continue  # "... and others, PA" is not a dateline
        group = "ap" if m.group("ap") else "postal"
        state = (us_states.AP if group == "ap" else us_states.POSTAL)[m.group(group)]
        index = gaz.admin1_of.get(("US", state))
        if index is not None:
            out.append((m.start(group), m.end(group), index))
    return out


def find_places(doc: Doc, gaz: Gazetteer) -> list[Place]:
    text = doc.text
    hits = gaz.hits(text, folded(text))
    states = _us_states(text, gaz)
    if not hits and not states:
        return []
    ctx = _country_context(hits, gaz)
    total = sum(ctx.values())
    entries = gaz.entries
    marks = {id(h): _marks(text, h) for h in hits if h.tag == PLACE}

    # readings each name may take: a division outside the curated countries only where the
    # text marks it, or with "in" before it in a story set in its country
    allowed: dict[int, list[int]] = {}
    for h in hits:
        if h.tag != PLACE:
            continue
        mk = marks[id(h)]
        if _WORD_GOES_ON.match(text, h.end):
            allowed[id(h)] = []  # "Al Wadi'a" is not "Al Wadi": the word goes on
            continue
        keep = []
        for pos, i in enumerate(h.candidates):
            if i in gaz.marked_only and not (mk.admin or mk.qualifier):
                own = 0.5 if h.country else 0.0
                # "in Borno", "northern Iowa", "from Tennessee", in a story set there
                # a name of several words ("in West Darfur", "near Lower Shabelle") with one
                # reading is no common word: "in" before it is enough
                if not (_cue_before(text, h.start, _LOCATIVE)
                        and (ctx.get(entries[i].country or "", 0.0) > own
                             or (" " in h.key and len(h.candidates) == 1))):
                    continue
            keep.append(pos)
        county = _SECOND_LEVEL_AFTER.match(text, h.end)
        if county:
            # "Berks County", "San Juan County": a county's name, not a town's, and a
            # division only where counties are ("Kisumu County")
            keep = [pos for pos, i in enumerate(h.candidates) if entries[i].kind == "admin1"
                    and entries[i].country in admin_units.COUNTY_IS_ADMIN1]
            if keep:
                mk.admin = (h.start, county.end())
            allowed[id(h)] = keep
            continue
        if mk.admin:
            # "Delta State", "Idlib province": the division, or the town it is named after
            admin = [pos for pos in keep if entries[h.candidates[pos]].kind == "admin1"
                     or h.candidates[pos] in gaz.capitals]
            keep = admin or keep
        allowed[id(h)] = keep

    # divisions and states the text names: the context of every other name
    admin_ctx: AdminContext = {}

    def note(index: int, w: float) -> None:
        e = entries[index]
        if e.country and e.admin1:
            k = (e.country, fold_key(e.admin1))
            admin_ctx[k] = admin_ctx.get(k, 0.0) + w

    strong: set[int] = set()  # divisions the text marks as such: "Borno State", ", Tenn."
    for _s, _e, index in states:
        note(index, 1.0)
        strong.add(index)
    for h in hits:
        if h.tag != PLACE:
            continue
        mk = marks[id(h)]
        counties = {h.candidates[p] for p in allowed[id(h)] if h.candidates[p] in gaz.counties}
        if len(counties) == 1:
            # "Okaloosa County": a county only one state has says the state, as ", Fla." does
            one = entries[counties.pop()]
            state = gaz.admin1_of.get((one.country, one.admin1))
            if state is not None:
                note(state, 1.0)
                strong.add(state)
        if mk.admin or mk.qualifier:
            divisions = list(dict.fromkeys(
                gaz.admin1_of.get((e.country, e.admin1), -1) if e.kind != "admin1" else i
                for i, e in ((h.candidates[p], entries[h.candidates[p]]) for p in allowed[id(h)])
                if e.kind == "admin1" or (mk.admin and i in gaz.capitals)))
            if len(divisions) == 1 and divisions[0] >= 0:
                note(divisions[0], 1.0)
                strong.add(divisions[0])
        elif not mk.person and not mk.street:
            # "an Arkansas man", "across Borno", "the Michigan Court of Appeals": a
            # division's own name, unmarked (or naming an institution of it), hints
            divisions = [i for i, own in zip(h.candidates, h.primary, strict=True)
                         if own and entries[i].kind == "admin1"]
            if len(divisions) == 1 and h.key not in AMBIGUOUS:
                note(divisions[0], 0.5)

    # "Rafah (North Sinai)", "Augusta, Georgia", "Jackson, Miss.": the qualifier picks the
    # reading of the name before it, and the pair's reading holds for the whole article
    pinned: dict[str, int] = {}
    qualified: set[int] = set()  # ids of names a qualifier follows
    unknown: set[int] = set()  # ids of names with no reading inside their qualifier
    places_only = [h for h in hits if h.tag == PLACE]
    for a, b in zip(places_only, places_only[1:], strict=False):
        if not marks[id(b)].qualifier or not _BETWEEN_QUALIFIED.match(text[a.end:b.start]):
            continue
        best: tuple[float, int, int] | None = None
        for pa in allowed[id(a)]:
            for pb in allowed[id(b)]:
                ia, ib = a.candidates[pa], b.candidates[pb]
                if _inside(gaz, ia, ib):
                    # a name's own spelling before a GeoNames alternate name of another place
                    score = gaz.priors[ia] + gaz.priors[ib] + 3.0 * a.primary[pa]
                    if best is None or score > best[0]:
                        best = (score, pa, pb)
        if best is not None:
            pinned.setdefault(a.key, best[1])
            pinned.setdefault(b.key, best[2])
            qualified.add(id(a))
            note(b.candidates[best[2]], 1.0)
            if entries[b.candidates[best[2]]].kind == "admin1":
                strong.add(b.candidates[best[2]])
        elif any(entries[b.candidates[pb]].kind in ("admin1", "country")
                 for pb in allowed[id(b)]):
            # "Rafah (North Sinai)" with no Rafah in North Sinai known: a place there that
            # the gazetteer lacks, not the Rafah elsewhere
            unknown.add(id(a))
    for s_start, _e, index in states:
        city = next((h for h in places_only if 0 <= s_start - h.end <= 3), None)
        if city is None:
            continue
        a = city
        inside = [pa for pa in allowed[id(a)] if _inside(gaz, a.candidates[pa], index)]
        if inside:
            qualified.add(id(a))
            pinned.setdefault(a.key, max(inside, key=lambda pa: gaz.priors[a.candidates[pa]]
                                         + 3.0 * a.primary[pa]))
        else:
            unknown.add(id(a))

    qualified_keys = {h.key for h in places_only if id(h) in qualified}
    own_ctx: dict[tuple[str, str], float] = {}  # each name's own share of the context
    for h in places_only:
        if h.country:
            k = (h.key, h.country)
            own_ctx[k] = own_ctx.get(k, 0.0) + (
                0.5 if all(c in gaz.marked_only for c in h.candidates) else 1.0)
    # one name, one referent: a name the text gives a person ("Derrick Stafford", "Fontaine
    # said") is that person where it stands alone too ("... Stafford's lawyer argued"); after
    # "from" or "in" a verb of saying is the speakers' ("activists from Aleppo told")
    persons = {h.key for h in places_only
               if " " not in h.key and (marks[id(h)].person or _surname(text, h.start))
               and not _cue_before(text, h.start, _LOCATIVE)}
    marked_countries = {entries[i].country or "" for i in strong}
    out: list[Place] = []
    chosen: dict[str, int] = {}  # the context is the article's: one reading per name
    named_state_after: set[int] = set()
    says: dict[int, str] = {}  # id of a place whose division is sure -> its name
    datelines = {h.key for h in places_only if _dateline_case(text[h.start:h.end])}
    bare: dict[int, tuple[Hit, Entry, list[int]]] = {}  # a bare town with other readings
    for h in places_only:
        keep = allowed[id(h)]
        if not keep or id(h) in unknown:
            continue
        mk = marks[id(h)]
        pos = pinned.get(h.key, -1)
        if pos not in keep:
            pos = chosen.get(h.key, -1)
            if pos not in keep:
                sub = _choose(gaz, [h.candidates[p] for p in keep], ctx, total, admin_ctx)
                pos = chosen[h.key] = keep[sub]
        index = h.candidates[pos]
        entry = entries[index]
        marked = mk.admin is not None or mk.qualifier or id(h) in qualified
        # "JACKSON, Tenn. -- Jackson police said": the qualified name's other mentions
        vouched = marked or h.key in qualified_keys
        if not _plausible(text, h, entry, h.primary[pos], vouched):
            continue
        if not vouched and _foreign(text, h, entry, h.primary[pos], ctx, own_ctx,
                                    marked_countries):
            continue  # "Batman", "Man", "Young" in a US story are not Turkish or Ivorian towns
        if mk.person and entry.kind != "country" and not marked:
            continue  # "Gov. Asa Hutchinson", "Cheney said": someone, not somewhere
        if index in gaz.counties and admin_ctx.get((entry.country or "", fold_key(
                entry.admin1 or "")), 0.0) <= 0.0 and sum(
                    h.candidates[p] in gaz.counties for p in keep) > 1:
            continue  # "Franklin County", and nothing says in which state
        if h.key in persons and not marked and entry.kind == "city" \
                and entry.population < BIG_CITY and not _agency_after(text, h.end) \
                and not _cue_before(text, h.start, _STRONG_LOCATIVE):
            continue  # the person named in full elsewhere in the text
        if mk.street and not marked:
            continue  # "Sugar Hill Street", "near Broadway and Riverview": a street
        if not vouched and _elsewhere(entry, [entries[i] for i in strong]):
            continue  # a Sheridan in Wyoming, in a story whose text says Arkansas
        if h.key in _SEATS_OF_POWER and _stands_for_government(text, h.start, h.end):
            continue  # "Damascus denied ...": the government speaking, not a place
        if _COMPOUND_MODIFIER.match(text, h.end):
            continue  # "the Britain-based Observatory", "Damascus-backed militias"
        start, end = h.start, h.end
        if mk.admin is not None and (index in gaz.capitals or entry.kind == "admin1"):
            # "Idlib province", "province of Idlib": the governorate, not its capital
            division = index if entry.kind == "admin1" else gaz.admin1_of.get(
                (entry.country, entry.admin1))
            if division is not None:
                entry = entries[division]
                start, end = mk.admin
        for s_start, _e, _st in states:
            if 0 <= s_start - h.end <= 3:
                named_state_after.add(s_start)
        place = Place(
            name=entry.name, span=doc.char_span(start, end), admin1=entry.admin1,
            country=entry.country, lat=entry.lat, lon=entry.lon, kind=entry.kind,
            geonameid=entry.geonameid,
        )
        out.append(place)
        # where the story is, for sure: a qualified or marked name, a county, a dateline of
        # one state, a city that stands alone; any other town is bare.  A state's bare name
        # is neither: a local report names another state to say that it is elsewhere ("a man
        # from Idaho")
        one_state = len({(entries[h.candidates[p]].country, entries[h.candidates[p]].admin1)
                         for p in keep}) == 1
        if vouched or index in gaz.counties or h.key in _STANDALONE or (
                h.key in datelines and one_state):
            says[id(place)] = h.key
        elif entry.kind == "city" and h.key not in datelines:
            bare[id(place)] = (h, entry, keep)
    # a state after a town the gazetteer does not know ("DEER LODGE, Mont.") is still named
    for s_start, s_end, index in states:
        e = entries[index]
        if s_start not in named_state_after:
            place = Place(
                name=e.name, span=doc.char_span(s_start, s_end), admin1=e.admin1,
                country=e.country, lat=e.lat, lon=e.lon, kind=e.kind, geonameid=e.geonameid,
            )
            out.append(place)
            says[id(place)] = fold_key(text[s_start:s_end])
    if bare:
        votes: dict[tuple[str, str], set[str]] = {}
        for p in out:
            if p.country and p.admin1 and id(p) in says:
                votes.setdefault((p.country, fold_key(p.admin1)), set()).add(says[id(p)])
        placed: list[Place] = []
        for p in out:
            home = _in_home_state(gaz, *bare[id(p)], votes) if id(p) in bare else None
            if id(p) not in bare or (home is not None and (home.name, home.admin1) == (
                    p.name, p.admin1)):
                placed.append(p)
            elif home is not None:
                placed.append(Place(
                    name=home.name, span=p.span, admin1=home.admin1, country=home.country,
                    lat=home.lat, lon=home.lon, kind=home.kind, geonameid=home.geonameid))
        out = placed
    out.sort(key=lambda p: p.span.start)
    return out


def _dateline_case(surface: str) -> bool:
    """"GARY |", "MEMPHIS, Tenn.": a name in capitals opens a local report where it happened."""
    return surface.isupper() and len(surface) >= 4


def create(settings: Settings) -> Component:
    """The ``places`` component; user gazetteers come from ``Settings.gazetteers``."""
    extra: Iterable[Path] = settings.gazetteers
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
