"""Figures that are not a count of casualties, or not this incident's: units, times and
dates after or before a number, ages (set off after a name, listed, "aged 12"), wounds
rather than people, and background totals (`_is_background`: a war-wide aggregate, a figure
scoped by "since 2011", "in the war", "last year", a remembrance, another year)."""

from __future__ import annotations

import re

from ..lang.en.numbers import FEW_NOT_PEOPLE
from ..lang.en.outcomes import AFTER_TRIGGERS as _AFTER_TRIGGERS
from ..lang.en.victims import (
    SINGULAR_PERSONS,
    VICTIM_NOUNS,
)
from .casualty_phrases import _AUX, _NP_BREAK, _any_of, _Hit, _Sentence

#: A figure this large is a war-wide or multi-year aggregate, not one incident's toll
#: (the deadliest single attacks of recent conflicts killed a few thousand people).
AGGREGATE_MIN = 50_000

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_NOT_COUNT_AFTER = re.compile(
    # (":30" makes a clock time: "about 7:30 p.m.")
    rf"""(?::[0-5]\d\b|\s*(?:-\s*|\s)?(?:years?[-\s]olds?\b|yrs?[-\s]old\b|months?[-\s]olds?\b|%|percent|per\s*cent|
    km\b|kilomet|miles?\b|met(?:er|re)s?\b|mm\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|
    minutes?\b|seconds?\b|times\b|am\b|pm\b|a\.m|p\.m|gmt\b|utc\b|th\b|st\b|nd\b|rd\b|
    (?:{_MONTHS})\b|o'clock|kg\b|tons?\b|tonnes?\b|dollars?|usd\b|euros?\b|\$|
    rockets?\b|missiles?\b|shells?\b|bombs?\b|strikes?\b|air\s*strikes?\b|raids?\b|attacks?\b|
    barrel|mortars?\b|cars?\b|vehicles?\b|tanks?\b|aircraft|jets?\b|planes?\b|villages?\b|
    towns?\b|buildings?\b|houses?\b|homes?\b|hospitals?\b|schools?\b|times\b|
    explosions?\b|blasts?\b|incidents?\b|positions?\b|checkpoints?\b|sites?\b|targets?\b))""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_COUNT_BEFORE = re.compile(
    rf"""(?:\b(?:aged|age|ages|resolution|no\.|nos\.|number|article|brigade|division|regiment|
    route|highway|road|unit|page|item|flight|no|not\s+a|age\s+of|ages\s+of|{_MONTHS})
    |\b(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec)\.|[$£€#]|\bF-|\bSu-|\bMi-|\bA-
    |\d:)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BACKGROUND = re.compile(
    r"""\bsince\s+(?:(?:the\s+)?(?:start|beginning|outbreak|onset|eruption)\b|it\s+(?:began|started|
    erupted)|(?:early\s+|mid-?|late\s+)?(?:\w+\s+)?(?:19|20)\d\d\b)
    |\b(?:in|during|throughout|since)\s+(?:the\s+|syria'?s?\s+|its\s+|this\s+)?(?:\w+\s+){0,2}?(?:war|conflict|uprising|
    civil\s+war|crisis|revolution)\b(?!-)(?!\s+(?-i:[A-Z])[a-z]+\s+(?-i:[A-Z]))
    |\blast\s+(?:year|month)\b|\bso\s+far\s+this\s+year\b|\bsince\s+(?:january|the\s+beginning\s+of)\b
    |\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|decade)\b
    |\b(?:war|conflict|fighting|violence|uprising|crisis|revolt|insurgency|revolution),?\s+(?:that|
    which)\s+(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+)?(?:killed|claimed|left)
    |\b(?:war|conflict|crisis)\s+has\s+(?:so\s+far\s+|now\s+|already\s+)?(?:killed|claimed|left)
    |\b(?:weeks|months|years|fortnight)\s+of\s+(?:\w+\s+)?(?:violence|fighting|war|conflict|insurgency|crisis)
    (?:\s+(?:in|across|around)(?:\s+\w+){1,3}?)?,?\s+(?:has\s+|have\s+|had\s+)?(?:so\s+far\s+|now\s+|already\s+)?
    (?:killed|claimed|left)\b""",
    re.IGNORECASE | re.VERBOSE,
)
#: "Shane Simpson, 16, ..." / "Smith (16)": an age set off after a capitalised name
_AGE_AFTER_NAME = re.compile(
    rf"(?:(?-i:[A-Z][a-z'’]+\.?)|\b(?:{'|'.join(sorted(SINGULAR_PERSONS, key=lambda w: (-len(w), w)))}))"
    r"\s*[,(]\s*$"
    # "Jackson and Franklin, both 16, were killed"; "Jefferies, whom police said was 16, died"
    r"|\b(?:both|all|each|was|is)\s+$", re.IGNORECASE)
#: what closes an age set off after a name: a comma, a bracket or a dash ("Virgen, 13 – died")
#: bare ages listed between commas after the people counted: "Two boys, 15 and 16, were
#: hurt", "four men, ages 18, 19, 22 and 30, ..." (the numbers are their ages, not more people)
_AGE_LIST = re.compile(r"(?:ages?\s+|aged\s+)?\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+(?:and|&|to)\s+\d{1,3}"
                       r"\s*,?|(?:ages?|aged)\s+\d{1,3}\s*[-–]\s*\d{1,3}\s*,?", re.IGNORECASE)
#: the last age of such a list, right before the figure: "15 and " (of "15 and 16,")
_AGE_LIST_BEFORE = re.compile(r"\b\d{1,3},?\s+(?:and|&)\s+$")
#: a month's abbreviation with its period, right before a sentence that opens with a day
_MONTH_ABBR = r"jan|feb|mar|apr|aug|sept?|oct|nov|dec"
_MONTH_ABBR_END = re.compile(rf"\b(?:{_MONTH_ABBR})\.\s*$", re.IGNORECASE)
_AGE_CLOSE = re.compile(r"\s*[,)–—]|\s+-\s")
#: what "several"/"multiple" may count that is not people: "multiple blunt force injuries",
#: "several gunshot wounds" are one person's
_FEW_THINGS = frozenset(FEW_NOT_PEOPLE)


def _few_wounds(s: _Sentence, pos: int) -> bool:
    """Whether the noun a vague few-word ("several", "multiple") counts is wounds or shots,
    read through its modifiers ("multiple blunt force injuries"), not past a verb ("Several
    died of wounds")."""
    for _a, _b, w in s.tokens(pos, 5):
        if w in _FEW_THINGS:
            return True
        if not w.isalpha() or w in VICTIM_NOUNS or w in _AUX or w in _AFTER_TRIGGERS or \
                w in _NP_BREAK:
            return False
    return False


_YEAR_BEFORE = re.compile(r"\b(?:since|until|till|by|in|of|on|from|year|during)\s*$", re.I)
#: every `_BACKGROUND` match contains one of these; checking them first skips the regex
_BACKGROUND_KEYS = ("since", "war", "conflict", "uprising", "crisis", "revolution", "revolt",
                    "last", "so far", "past", "fighting", "violence", "insurgency")
_BACKGROUND_KEYS_RE = _any_of(_BACKGROUND_KEYS)
#: a past event recalled: its toll is not today's
_REMEMBRANCE = re.compile(r"\b(?:commemorat\w*|anniversary|in\s+memory\s+of|memorial\s+(?:service|"
                          r"for|to)|remembrance)\b", re.IGNORECASE)
_REMEMBRANCE_KEYS_RE = _any_of(("commemorat", "anniversary", "in memory", "memorial",
                                "remembrance"))
_YEAR_IN = re.compile(r"\b(?:in|of|during)\s+(?:\w+\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


def _is_background(s: _Sentence, hit: _Hit, published_year: int | None) -> bool:
    if (hit.num.value or 0) >= AGGREGATE_MIN:
        return True
    lo = max(s.start, hit.num.start - 90)
    if hit.start >= 0:
        lo = max(s.start, min(lo, hit.start - 60))
    window = s.text[lo:min(s.end, hit.end + 70)]
    low = window.lower()
    if _BACKGROUND_KEYS_RE.search(low) and _BACKGROUND.search(window):
        return True
    if _REMEMBRANCE_KEYS_RE.search(low) and _REMEMBRANCE.search(window):
        return True  # "commemorated the 1995 massacre, in which 8,000 people were killed"

    if published_year is not None:
        tail = s.text[hit.end:min(s.end, hit.end + 40)]
        for m in _YEAR_IN.finditer(tail):
            if abs(int(m.group(1)) - published_year) >= 1:
                return True
    return False
