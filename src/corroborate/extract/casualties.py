"""Casualty figures: who was killed, injured or went missing, and how many.

Every number mention (see `numbers`) in a sentence that also holds an outcome
word is tried against three local attachments, in order:

1. **right** – the number opens a noun phrase that an outcome word follows:
   "62 soldiers were killed", "22 dead", "at least 100 bodies", "N martyrs",
   "6 civilians, including a child, were among ...";
2. **left** – an outcome verb or a toll phrase comes just before the number:
   "killed 12 people", "wounding 30", "claimed the lives of 8",
   "the death toll rose to 112", "bringing the toll to 61", "bringing to 45 the
   number killed", "killed and crucified 5", "the beheading of 18";
3. **coordination / subset** – "killing 3 civilians and 2 soldiers" (the second
   inherits the outcome), "including 4 children", "among them 2 women", "N of
   them children" (a subset of the figure before it).

Headline lists drop the "and" ("40 Civilians 25 YPG Fighters Killed"); a verb
pair ends in the outcome ("41 rebels were rounded up and executed"); a bare figure
right after a verb such as "kidnapped" is that verb's object ("kidnapped 900,
executed 18"), and an outcome word followed by a figure heads that figure ("kill
83, injured 100").

A right attachment whose outcome word follows the noun phrase directly wins;
otherwise an outcome verb right before the figure wins over a right attachment
that reaches its outcome word past an apposition ("killed 47 people, most of
them civilians, and wounded dozens" is 47 killed, not 47 wounded).

A single person named by a singular noun counts as one: "a child was killed",
"left a child dead", "killing the terrorist commander", and a headline opening
"Child killed".  Military jargon counts as killing when the object is a person:
"eliminated 75 militants", "destroyed 60 terrorists".

The noun heading the phrase sets the victims: soldiers/fighters/rebels/... are
``noncivilian``; civilians/children/women are ``civilian``; people/residents/
villagers are ``unspecified``.  ``children``/``women`` mark a figure that counts
only children or only women.

Non-claims are dropped: negations ("were not killed"), ages ("aged 12",
"12-year-old"), dates and years, units ("5 km"), and background totals (a
figure scoped by "since 2011", "in the war", "last year", or a conflict "that has
killed ...", or 50,000 or more, `AGGREGATE_MIN`).  Pathological figures (negative, above `numbers.MAX_COUNT`) are
dropped with a warning in ``doc.annotations["warnings"]``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import islice
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..lang.en.outcomes import AFTER_TRIGGERS as _AFTER_TRIGGERS
from ..lang.en.outcomes import (
    HOSPITAL_VERBS,
    HOSPITALIZED,
    INJURY_CAUSES,
    INJURY_NOUNS,
    SENDING_VERBS,
    SUFFERING_VERBS,
    TREATED_RELEASED,
)
from ..lang.en.outcomes import NOUN_TRIGGERS as _NOUN_TRIGGERS
from ..lang.en.victims import (
    CHILDREN,
    CIVILIAN,
    NONCIVILIAN,
    SINGULAR_AS,
    SINGULAR_PERSONS,
    VICTIM_NOUNS,
    WOMEN,
)
from ..models import Casualty, Outcome, Qualifier, Victims
from ..pipeline import Component, component
from .casualty_passes import _one_more, _split_by_outcome
from .numbers import MAX_COUNT, NumberMention, find_numbers, safe_lower, word_automaton
from .scan import search_at_words
from .sentences import split_sentences
from .singles import Single, find_singles

_AUX = frozenset(
    [
        "were", "was", "have", "has", "had", "been", "be", "being", "are", "is", "reportedly",
        "also", "all", "allegedly", "later", "subsequently", "now", "so", "far", "confirmed",
        "believed", "thought", "feared", "said", "to", "reported", "got", "remain", "remained",
        "remains", "still", "either", "both", "each", "instantly", "immediately", "apparently", "initially",
        "seriously", "critically", "severely", "lightly", "slightly", "badly", "gravely", "fatally",
        "mostly", "more", "estimated", "known", "likely", "understood", "presumed",
        # "four people were found dead"
        "found",
    ]
)
_NEGATION = frozenset({"not", "never", "no", "nobody"})
_NP_BREAK = frozenset(
    [
        "in", "on", "at", "after", "before", "when", "while", "during", "by", "with", "as", "near",
        "outside", "inside", "across", "from", "since", "for", "that", "which", "who", "whom",
        "said", "says", "say", "after", "amid", "amidst", "including", "among", "and", "or", "but",
        "than", "to", "into", "were", "was", "are", "is", "have", "has", "had", "been", "be",
        "being"
    ]
)
#: "service men", "security members": a modifier that makes a neutral head a combatant
_ARMED_HEADS = frozenset({"men", "man", "members", "member", "personnel", "people", "elements"})
_ARMED_MODIFIERS = frozenset(
    [
        "service", "security", "army", "military", "regime", "government", "pro-government",
        "pro-regime", "isis", "isil", "daesh", "nusra", "opposition", "fsa", "ypg", "sdf",
        "hezbollah", "militia", "armed"
    ])
_AMONG_DEAD: dict[str, Outcome] = {
    "killed": "killed", "dead": "killed", "victims": "killed", "fatalities": "killed",
    "wounded": "injured", "injured": "injured",
}
_APPOSITIVE = frozenset({"mostly", "mainly", "most", "including", "many", "among", "all"})
_SUBSET_INTRO = frozenset({"including", "among", "of"})
_HOSPITALIZED = frozenset(HOSPITALIZED)
_HOSPITAL_VERBS = frozenset(HOSPITAL_VERBS)
_HOSPITAL_NOUNS = frozenset({"hospital", "hospitals"})
#: "... three adults and an 11-year-old child": one more person after a counted group
_AND_ONE_MORE = re.compile(
    r"\s+and\s+(?:a|an|one|his|her|their)\s+(?:(?:\d{1,3}[-\s](?:year|month)s?[-\s]old|[a-z'-]+)\s+){0,2}?"
    rf"(?:{'|'.join(sorted(SINGULAR_PERSONS, key=len, reverse=True))})\b"
    # "... and a bystander said ...": a clause of its own, not one more object
    r"(?!\s+(?:said|says|told|was|is|had|has|who|fled|ran|called)\b)")
#: "... and a 3-year-old": one more person named by an age alone
_AND_AN_AGE = re.compile(
    r"and\s+(?:a|an|one|his|her|their)\s+\d{1,3}[-\s](?:year|month|week)s?[-\s]old"
    rf"(?:\s+(?:{'|'.join(sorted(SINGULAR_PERSONS, key=len, reverse=True))}))?\b")
#: "... taken to a hospital, where they died / were pronounced dead"
_DIED_THERE = re.compile(r"[^.;!?]{0,30}?\bwhere\s+(?:\w+\s+){0,4}?(?:died|succumbed|"
                         r"(?:pronounced|declared)\s+dead)\b", re.IGNORECASE)
#: a predicate that may follow a list in commas: "two men, a ... and a ..., shot"
_APPOSITION_PREDICATES = frozenset({"shot", "stabbed", *HOSPITAL_VERBS, *HOSPITALIZED,
                                    *SUFFERING_VERBS})
_SUFFERING_VERBS = frozenset(SUFFERING_VERBS)
_INJURY_NOUNS = frozenset(INJURY_NOUNS)
_INJURY_CAUSES = frozenset(INJURY_CAUSES)
#: "sent three people to the hospital": a sending verb right before the figure
_SENT_BEFORE = re.compile(
    rf"\b(?:{'|'.join(SENDING_VERBS)})\s+(?:(?:at\s+least|another|an\s+additional)\s+)?$",
    re.IGNORECASE)
_TREATED_RELEASED = re.compile(
    r"\s*(?:" + "|".join(r"\s+".join(p.split()[1:]) for p in TREATED_RELEASED) + r")\b")

_TOK = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*|\S")
_TRIGGER_STEMS = (
    "kill", "dead", "die", "death", "slain", "perish", "massacr", "execut", "murder", "martyr",
    "assassinat", "behead", "wound", "injur", "hurt", "maim", "missing", "disappear",
    "unaccounted", "bodies", "corpse", "fatalit", "lives", "toll", "elimin", "liquidat",
    "neutrali", "destroy",
    # outcomes of one victim (`singles`): "was shot", "stabbed", "grazed", "in critical
    # condition", "hospitalized", "succumbed", "fatally"
    "shot", "stabb", "graz", "condition", "hospital", "succumb", "fatal", "slay", "slew",
    "own life",  # "took his own life" (`singles`)
    # "the body of a young man", "claims life", "a triple homicide", "lynched a thief"
    "body", "life", "double", "triple", "quadruple", "quintuple", "homicid", "lynch",
    "shooting of", "shootings of",
    # a killer's own death beside the killing (`singles._SELF_AFTER`)
    "gun on himself", "gun on herself", "weapon on himself", "weapon on herself", "suicide",
    *TREATED_RELEASED,
)


_LEFT = re.compile(
    r"""(?:
      (?P<kill>\b(?:killed|killing|kills|
         (?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)kill|
         slew|slaying|massacred|massacring|executed|executing|eliminated|eliminating|
         liquidated|liquidating|neutralized|neutralised|destroyed|destroying|
         murdered|murdering|beheaded|beheading|claimed|claiming|shot\s+dead|shot\s+and\s+killed|
         fatally\s+shot|gunned\s+down|(?:claimed|claiming|took|taking|
         cost|costing|ended|ending)\s+the\s+lives\s+of|the\s+(?:deaths?|killing|lives|
         martyrdom|bodies)\s+of|death\s+of|bodies\s+of|martyring|martyred))
      |(?P<wound>\b(?:wounded|wounding|wounds|injured|injuring|injures|hurt|hurting|maiming|
         injuries\s+to|injury\s+of|injuring\s+of|wounding\s+of|
         # "the shooting of three people": those hit, the dead among them (`_split_by_outcome`)
         (?<=the\s)shootings?\s+of|
         (?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)
         (?:wound|injure)))
      |(?P<toll>\b(?:death|casualty|fatality|civilian)\s+tolls?\b[^.!?\d]{0,90}?
        |\bnumber\s+of\s+(?:(?:the\s+)?dead|deaths|victims|martyrs|fatalities|people\s+killed|
         those\s+killed|civilians\s+killed|(?:the\s+)?killed)\b[^.!?\d]{0,70}?
        |\btoll\s+(?:rose|climbed|jumped|increased|reached|rises|hit|has\s+risen|stood|stands)
          [^.!?\d]{0,20}?
        |\b(?:put|puts|putting|gave|give|gives|giving|set|sets|placed|places)\s+(?:the|a|an|its|
         their|his|her)\s+(?:\w+\s+){0,2}?tolls?\s+(?:at|of|to)
        |\b(?:fatalities|deaths|killed|dead)\s*:)  # a note's "Fatalities: 8"
      |(?P<inj_toll>\bnumber\s+of\s+(?:the\s+)?(?:injured|wounded|injuries)\b[^.!?\d]{0,70}?
        |\b(?:injured|wounded|injuries)\s*:)  # a note's "Injured: 4"
      |(?P<missing>\b(?:left|leaving)\s+(?=missing))
      # "a gunman shot three people": everyone hit, the dead among them taken off later
      # (`_split_by_outcome`); only with a victim noun ("shot 3 times" counts shots)
      |(?P<shot>\b(?:shot|shoots|shooting))
    )
    (?:,?\s+according\s+to\s+[^.!?\d]{1,50}?,?)?  # "killing, according to the monitor, 44"
    \s+(?:(?:also|another|an\s+additional|a\s+further|further|additional|some|all)\s+)?
    (?:(?:his|her|their|its)\s+)?  # "injuring her two daughters"
    # "killing an entire family of six": the family is the people counted
    (?:(?:an?|the|his|her|their)\s+(?:(?:entire|whole)\s+)?(?:family|household)\s+of\s+)?$
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: the words a `_LEFT` match can open with: every branch is ``\b`` and one of them, then
#: a comma or a space, so a match starts at a word that (lower-cased) is one of these
_LEFT_FIRST_WORDS = (
    """killed killing kills kill slew slaying massacred massacring executed executing
    eliminated eliminating liquidated liquidating neutralized neutralised destroyed destroying
    murdered murdering beheaded beheading claimed claiming shot fatally gunned took taking cost
    costing ended ending
    the death bodies martyring martyred wounded wounding wounds injured injuring injures hurt
    hurting maiming injuries injury wound injure casualty fatality civilian number toll put puts
    shooting shootings shoots
    putting gave give gives giving set sets placed places left leaving fatalities deaths dead""")
_LEFT_FIRST = frozenset(_LEFT_FIRST_WORDS.split())


def _left_search(text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``_LEFT.search(text, pos, endpos)``: a search tried the long alternation at every
    offset and was the costliest pattern of the component (see `scan`)."""
    return search_at_words(_LEFT, _LEFT_FIRST, text, pos, endpos)


#: "rounded up and executed", "abducted and killed": a verb pair ending in an outcome word
_VERB_AND_TRIGGER = re.compile(
    r"(?:\s+(?:up|out|off|away|down))?\s*,?\s+and\s+(?:then\s+|later\s+)?(?P<trig>killed|executed|"
    r"murdered|beheaded|slain|massacred|shot\s+dead)\b")
#: "rose from 10 to 15": the later figure, not a range ("killed from 500 to 1000" is one)
_CHANGED_FROM = re.compile(r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|increased|"
                           r"increases|grew|grown|up|went|gone|raised|revised|updated|toll)\b"
                           r"[^.!?\d]{0,20}\bfrom\s*$")
#: verbs whose object a bare figure right after them is ("kidnapped 900 ...")
_OBJECT_VERBS = frozenset(
    f"{stem}{end}" for stem, ends in (
        ("kidnap", ("", "s", "ped", "ping")), ("abduct", ("", "s", "ed", "ing")),
        ("arrest", ("", "s", "ed", "ing")), ("detain", ("", "s", "ed", "ing")),
        ("captur", ("e", "es", "ed", "ing")), ("displac", ("e", "es", "ed", "ing")),
        ("evacuat", ("e", "es", "ed", "ing")), ("rescu", ("e", "es", "ed", "ing")),
        ("free", ("", "s", "d", "ing")), ("releas", ("e", "es", "ed", "ing")),
        ("seiz", ("e", "es", "ed", "ing")), ("hold", ("", "s", "ing")), ("held", ("",)),
        ("recruit", ("", "s", "ed", "ing")), ("deport", ("", "s", "ed", "ing")),
        ("expel", ("", "s", "led", "ling")))
    for end in ends)
#: "... and later killed them": the people just captured are the ones killed
_THEN_KILLED_THEM = re.compile(
    r"[^.;!?]{0,80}?\b(?:and|before|then|who\s+were)\s+(?:(?:later|then|subsequently|all|"
    r"eventually)\s+)*(?:killed|executed|beheaded|murdered|shot\s+dead|slaughtered)"
    r"(?:\s+(?:all\s+of\s+)?them\b|(?<=killed)(?!\s+\w)|(?<=executed)(?!\s+\w))", re.IGNORECASE)
#: an outcome word followed straight by a figure states that figure's outcome
_NUMBER_NEXT = re.compile(r"[ \t]*,?[ \t]*(?:more\s+than\s+|at\s+least\s+|over\s+)?\d")
#: what "bringing to N" must be followed by to state a toll: "... the number killed / dead"
_BRING_TO_AFTER = re.compile(
    r"\s+(?:the|its|their)\s+(?:(?:overall|total|death|casualty)\s+)*(?:toll|number\s+(?:of\s+)?"
    r"(?:(?:people|civilians|those)\s+)?(?:killed|dead|deaths|victims|fatalities|martyrs))\b",
    re.IGNORECASE)
#: rarer left cues, tried only when `_LEFT` fails and one of `_LEFT_EXTRA_KEYS` is near (one
#: regex with every alternative would slow down the common case)
_LEFT_EXTRA = re.compile(
    r"""(?:
      (?P<kill>\b(?:killed|killing|kills|kill|executed|executing|executes|beheaded|beheading|
         beheads|massacred|massacring|murdered|murdering)\s*(?:,\s*|and\s+|,\s*and\s+)?
         (?!wound|injur|hurt|maim)[a-z]+(?:ed|ing|ies|es)   # "killed and crucified", "Kills Crucifies"
       |\b(?:beheadings?|executions?|killings?|massacre|murders?|slaughter)\s+of)
      |(?P<toll>\b(?:bringing|brought|brings|bring|raising|raised|raises|pushing|pushed|pushes|
         taking|took|takes)\s+(?:the|its|their)\s+(?:\w+\s+){0,2}?toll\s+to
       |(?P<bring_to>\b(?:bringing|brought|brings|raising|raised|raises)\s+to))
    )\s+$""",
    re.IGNORECASE | re.VERBOSE,
)
_LEFT_EXTRA_KEYS = ("bring", "brought", "rais", "push", "tak", "took", "kill", "execut",
                    "behead", "massac", "murder", "slaughter")
#: prepositions of a short place phrase after the people counted ("two men inside the home")
_WHERE_PREPS = frozenset({"in", "inside", "outside", "at", "near", "on", "aboard"})
#: how far (characters) an outcome word can be from the figure it attaches to
_REACH = 160
_LEFT_KEYS = ("kill", "elimin", "liquid", "neutral", "destroy", "shot dead", "fatally shot",
              "gunned down",
              "slew", "slay", "massac", "execut", "murder", "behead", "claim", "lives", "death",
              "bodies", "martyr", "wound", "injur", "hurt", "maim", "toll", "number",
              "left", "leaving", "fatalit", "dead", "shooting", "shot")
_SUBSET_LEFT = re.compile(
    r"""(?:\b(?:including|includ(?:ed|es)|among\s+(?:them|whom|those|the\s+\w+)|of\s+(?:whom|them|
    those)|mostly|mainly)\s+(?:(?:were|are|was)\s+)?
    |\b(?P<dead>(?:among\s+)?the\s+(?:dead|killed|victims|fatalities)\s+(?:were|are|included|
    include)\s+))$""",
    re.IGNORECASE | re.VERBOSE,
)
_DEAD_WORD = re.compile(r"\b(?:dead|killed|victims|fatalities)\b", re.IGNORECASE)
_SUBSET_KEYS = ("includ", "among", "of whom", "of them", "of those", "mostly", "mainly",
                "the dead", "the killed", "the victims", "fatalities")


def _any_of(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``keys`` in a string: ``pattern.search(low, pos)`` is
    ``any(k in low[pos:] for k in keys)`` in one C scan (the alternation opens with
    literals, so `re` skips ahead by their first characters)."""
    return re.compile("|".join(map(re.escape, keys)))


_LEFT_KEYS_RE = _any_of(_LEFT_KEYS)
_LEFT_EXTRA_KEYS_RE = _any_of(_LEFT_EXTRA_KEYS)
_SUBSET_KEYS_RE = _any_of(_SUBSET_KEYS)
_COORD_LEFT = re.compile(r"(?:,|\band\b|\bas\s+well\s+as\b|,\s*and\b|\bplus\b)\s*$", re.IGNORECASE)

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
#: a killed figure that goes on to count the injured too ("19 killed and wounded")
_COMBINED_AFTER = re.compile(r"\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt)\b", re.IGNORECASE)
_KILLED_LAST = re.compile(r"(?:killed|dead)$", re.IGNORECASE)
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
_FEW_THINGS = frozenset({"wound", "wounds", "injuries", "shots", "rounds", "bullets", "gunshots",
                         "times", "occasions"})


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
_ARMED_MEMBERS = re.compile(
    r"\s+(?:of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:front|army|state|brigades?|group|"
    r"forces?|militias?|isis|isil|daesh|(?-i:IS)|hezbollah|nusra|movement|battalions?|regiment|"
    r"intelligence|police|gendarmerie|security\s+services|"
    r"guards?|al-qaeda|al\s+qaeda|fateh|sham|ahrar|faylaq|jaish|units|ypg|sdf|pkk|taliban|"
    r"militants|fighters|terrorists|rebels|troops|insurgents|jihadists|militiamen|soldiers)\b"
    # the rest of the unit's name: "of the regime's Air Force Intelligence"
    r"(?:\s+(?-i:[A-Z][\w'’-]*))*",
    re.IGNORECASE,
)
#: a short "of"/"from" phrase inside a victim phrase: "members of the same family"
_OF_PP = re.compile(r"\s+(?:of|from)\s+(?:(?:the|a|one|his|her|their|same|one)\s+)*"
                    r"(?:[a-z][\w'’-]*\s+)?(?:family|families|household|village|town|city|area|"
                    r"neighbourhood|neighborhood|camp|group|convoy)\b", re.IGNORECASE)
_SINGLE_NOUN_SET = frozenset(SINGULAR_PERSONS)


@dataclass(slots=True)
class _Hit:
    num: NumberMention
    outcome: Outcome
    victims: Victims
    children: bool
    women: bool
    end: int  # end of the evidence
    start: int = -1
    subset_of: int | None = None  # index of the hit this figure is part of
    kind: str = "right"  # how it attached: right | verb | toll | subset | coord
    #: "including a child": (end of that phrase, True for a child / False for a woman)
    one_subset: tuple[int, bool] | None = None
    #: index of the figure this one is coordinated with ("40 GNA soldiers and 8 LNA soldiers")
    coord_with: int | None = None
    #: "three men and a woman were shot": the figure and one more person share the outcome
    plus_one: bool = False


def _victims_of(noun: str | None) -> tuple[Victims, bool, bool]:
    if noun is None:
        return "unspecified", False, False
    if noun in NONCIVILIAN:
        return "noncivilian", False, False
    if noun in CIVILIAN:
        return "civilian", noun in CHILDREN, noun in WOMEN
    return "unspecified", False, False


class _Sentence:
    """Tokens and numbers of one sentence, with helpers for the attachments."""

    def __init__(self, text: str, start: int, end: int, numbers: list[NumberMention],
                 lower: str | None = None):
        self.text = text
        self.lower = safe_lower(text) if lower is None else lower
        self.start = start
        self.end = end
        self.numbers = numbers
        self.by_start = {n.start: i for i, n in enumerate(numbers)}
        self._toks: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        # the attachments ask for the phrase after the same figure several times
        self._nps: dict[int, tuple[str | None, int, int]] = {}

    def tokens(self, pos: int, limit: int = 16) -> list[tuple[int, int, str]]:
        """Up to ``limit`` lower-cased tokens from ``pos``; windows are cached, because
        FA-KES-like copy without punctuation makes some "sentences" thousands of words."""
        key = (pos, limit)
        got = self._toks.get(key)
        if got is None:
            it = _TOK.finditer(self.lower, pos, min(self.end, pos + 20 * limit))
            got = [(m.start(), m.end(), m.group()) for m in islice(it, limit)]
            self._toks[key] = got
        return got

    def noun_phrase(self, pos: int) -> tuple[str | None, int, int]:
        """Head victim noun of the phrase at ``pos``: (noun, tokens used, end offset)."""
        got = self._nps.get(pos)
        if got is None:
            got = self._nps[pos] = self._noun_phrase(pos)
        return got

    def _noun_phrase(self, pos: int) -> tuple[str | None, int, int]:
        toks = self.tokens(pos, 8)
        head: str | None = None
        end = pos
        used = 0
        for i, (_s, e, w) in enumerate(toks[:6]):
            if w == "is" and head is None and self.text[_s:e] == "IS":
                continue  # "31 IS militants": the group's acronym, not the verb
            if w == "/" and head is None and 0 < i < 4:
                continue  # "56 BH/IS fighters": two names of one group
            if w == "and" and head is None and 0 < i < 3:
                continue  # "regime and rebel fighters"
            if w == "and" and head is not None and i + 1 < len(toks) and \
                    toks[i + 1][2] in VICTIM_NOUNS:
                continue  # "members and commanders of ..."
            if w in _AFTER_TRIGGERS or w in _NP_BREAK or w in _NOUN_TRIGGERS:
                break
            if not (w[0].isalpha() or w == "-"):
                break
            if w in VICTIM_NOUNS:
                # "130 civilians children": the first noun is the broad one
                if head is None:
                    head, used = w, i + 1
                end = e
                continue
            if head is not None:
                break
            if i >= 4:
                break
        if head in _ARMED_HEADS and used >= 2 and toks[used - 2][2] in _ARMED_MODIFIERS:
            head = "members_of_armed"
        if head is not None:
            # "members of the YPG", "soldiers from the 4th Division": the PP is part of the phrase
            m = _ARMED_MEMBERS.match(self.text, end)
            if m and m.end() <= self.end:
                if head in _ARMED_HEADS:
                    head = "members_of_armed"
                end = m.end()
            else:
                m = _OF_PP.match(self.text, end)
                if m and m.end() <= self.end:
                    end = m.end()
        return head, used, end


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                          "his", "her", "our", "of"})


def _plural_phrase(s: _Sentence, pos: int) -> int:
    """End of one to three words ending in a plural noun ("Iranian advisers") right at
    ``pos``, or -1."""
    for _a, b, w in s.tokens(pos, 3):
        if not w.isalpha() or w in _NP_BREAK or w in _DETERMINERS or w in _AUX:
            return -1
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            return b
    return -1


def _loose_phrase_end(s: _Sentence, pos: int) -> int:
    toks = s.tokens(pos, 4)
    for i, (_a, _b, w) in enumerate(toks):
        if w in _AUX or w in _AFTER_TRIGGERS:
            return toks[i - 1][1] if i else pos
        if not w[0].isalpha() or w in _NP_BREAK or w in _NOUN_TRIGGERS or w in _DETERMINERS:
            return pos
    return pos


def _attach_right(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    n = s.numbers[idx]
    noun, _used, np_end = s.noun_phrase(n.end)
    if noun is None:
        # no victim noun, but a short phrase may still name them: "15 young Assyrians are
        # martyred"; it must end right before an auxiliary or an outcome word
        np_end = _loose_phrase_end(s, n.end)
    toks = s.tokens(np_end, 14)
    i = 0
    subsets: list[tuple[int, str | None, int]] = []
    # a subset phrase right after the head: "civilians, including three children,"
    while i < len(toks) and toks[i][2] in (",", "(", "-", "—", "–"):
        i += 1
    if i < len(toks) and toks[i][2] in ("including", "among") and noun is not None:
        j = i + 1
        if j < len(toks) and toks[j][2] in ("them", "whom"):
            j += 1
        if j < len(toks) and toks[j][0] in s.by_start:
            k = s.by_start[toks[j][0]]
            sub_noun, _u, sub_end = s.noun_phrase(s.numbers[k].end)
            subsets.append((k, sub_noun, sub_end))
            toks = s.tokens(sub_end, 14)
            i = 0
            # "including five children and three policemen": the list goes on
            while len(toks) > 1 and toks[0][2] == "and" and toks[1][0] in s.by_start:
                k = s.by_start[toks[1][0]]
                sub_noun, _u, sub_end = s.noun_phrase(s.numbers[k].end)
                if sub_noun is None:
                    break
                subsets.append((k, sub_noun, sub_end))
                toks = s.tokens(sub_end, 14)
        elif j < len(toks) and toks[j][2] in ("a", "an", "one"):
            sub_noun, _u, sub_end = s.noun_phrase(toks[j][1])
            if sub_noun in CHILDREN or sub_noun in WOMEN:
                subsets.append((-1, sub_noun, sub_end))
                toks = s.tokens(sub_end, 14)
                i = 0
    elif i + 2 < len(toks) and noun is not None and toks[i][0] in s.by_start and \
            toks[i + 1][2] == "of" and toks[i + 2][2] in ("them", "whom"):
        # "58 people, 11 of them children, died": the apposition is a subset of the head
        k = s.by_start[toks[i][0]]
        sub_noun, _u, sub_end = s.noun_phrase(toks[i + 2][1])
        if sub_noun is not None:
            subsets.append((k, sub_noun, sub_end))
            toks = s.tokens(sub_end, 14)
            i = 0
    if subsets:
        # "23 civilians - including nine children - and 16 combatants": close the aside
        while i < len(toks) - 1 and toks[i][2] in (",", ")", "-", "—", "–"):
            i += 1
    far = False
    if i < len(toks) and toks[i][2] in _APPOSITIVE and noun is not None and not subsets:
        # "35 civilians mostly schoolchildren and teachers were killed": skip the apposition
        for j in range(i + 1, min(i + 8, len(toks))):
            if toks[j][0] in s.by_start:
                break
            if toks[j][2] in _AUX or toks[j][2] in _AFTER_TRIGGERS:
                i, far = j, True
                break
    appos: list[int] = []
    if not subsets and not far and noun is not None and 0 < i < len(toks) and \
            toks[i - 1][2] == "," and (toks[i][2] in ("a", "an", "ages", "aged")
                                       or toks[i][0] in s.by_start):
        # "two victims, a 25-year-old man and a 26-year-old man, died"; "six people, three
        # men and three women, were shot": the list between commas names the same people
        wide = s.tokens(toks[i][0], 30)
        for j in range(len(wide) - 1):
            w = wide[j][2]
            if w in (".", ";", ":", "(", ")"):
                break
            # (a number's token keeps its trailing comma: "15 and 16, were")
            if (w == "," or w[0].isdigit() and w.endswith(",")) and j and (
                    wide[j + 1][2] in _AUX or wide[j + 1][2] in _AFTER_TRIGGERS
                    or wide[j + 1][2] in _APPOSITION_PREDICATES):
                appos = [k for k, m in enumerate(s.numbers)
                         if toks[i][0] <= m.start < wide[j][0] and k != idx
                         and not _NOT_COUNT_AFTER.match(s.text, m.end, s.end)  # not ages
                         and not _AGE_LIST.fullmatch(s.text, toks[i][0], wide[j][1])]
                toks, i, far = s.tokens(wide[j][1], 14), 0, True
                break
    negated = False
    among_next: int | None = None
    among_dead: tuple[Outcome, int] | None = None
    coordinated: _Hit | None = None
    nxt = -1
    if i + 1 < len(toks) and toks[i][2] == "and" and toks[i + 1][0] in s.by_start and noun:
        # "16 civilians and three children have been killed": both share the predicate
        nxt = s.by_start[toks[i + 1][0]]
    elif i == 0 and toks and toks[0][0] in s.by_start and noun in VICTIM_NOUNS and \
            s.noun_phrase(s.numbers[s.by_start[toks[0][0]]].end)[0] in VICTIM_NOUNS and \
            not _left_search(s.text, max(s.start, n.start - 60), n.start):
        # headline lists drop the "and": "40 Civilians 25 YPG Fighters Killed" (but in
        # "killed 12 civilians 30 people were wounded" the first group has its own verb)
        nxt = s.by_start[toks[0][0]]
    if nxt >= 0 and subsets and s.noun_phrase(s.numbers[nxt].end)[0] is None:
        nxt = -1  # "20 people including five children and 30 were wounded": a clause of its own
    if nxt >= 0 and any(h.subset_of is None and h.num.end <= n.start for h in hits.values()) and \
            _SUBSET_LEFT.search(s.text, max(s.start, n.start - 40), n.start):
        # "20 people were killed including 13 civilians and more than 30 wounded": the
        # figure after "including" is part of the one before, not coordinated with the next
        nxt = -1
    if nxt >= 0 and nxt not in hits:
        coordinated = _attach_right(s, nxt, hits)
        if coordinated is not None:
            hits[nxt] = coordinated
            coordinated.coord_with = idx
    plus_one = -1
    # ("two children and their father": a possessive names one more person too)
    if i + 2 < len(toks) and toks[i][2] == "and" and toks[i + 1][2] in ("a", "an", "one", "his",
                                                                       "her", "their") and \
            toks[i + 2][2] in _SINGLE_NOUN_SET and noun is not None:
        # "two children and a woman were among those killed": one more person under the
        # same predicate
        plus_one = toks[i + 2][1]
        i += 3
    elif i + 2 < len(toks) and toks[i][2] == "and" and noun is not None and (
            age := _AND_AN_AGE.match(s.lower, toks[i][0], s.end)) is not None:
        # "four adults and a 3-year-old were shot": a bare age is one more person
        plus_one = age.end()
        while i < len(toks) and toks[i][0] < plus_one:
            i += 1
    if coordinated is None and noun is not None and i < len(toks) and toks[i][2] in _WHERE_PREPS:
        # "Three other men inside the home were injured", "two people in the car were
        # wounded": a short place phrase between the people and their predicate
        j = i + 1
        if j < len(toks) and toks[j][2] in _DETERMINERS:
            j += 1
        words = 0
        while j < len(toks) and words < 2 and toks[j][2].isalpha() and toks[j][2] not in _AUX \
                and toks[j][2] not in _AFTER_TRIGGERS and toks[j][2] not in _NP_BREAK:
            j, words = j + 1, words + 1
        if words and j < len(toks) and toks[j][2] in _AUX:
            i = j
    sent_to = -1
    if coordinated is None and noun is not None and i + 1 < len(toks) and toks[i][2] == "to" \
            and _SENT_BEFORE.search(s.lower, max(s.start, n.start - 40), n.start):
        # "the shooting sent three people to the hospital"
        for a in range(i + 1, min(i + 5, len(toks))):
            if toks[a][2] in _HOSPITAL_NOUNS:
                sent_to = toks[a][1]
                break
    steps = 0
    while coordinated is None and sent_to < 0 and i < len(toks) and steps < 7:
        w = toks[i][2]
        if w in (",", ")", "—", "–", "-"):
            i += 1
            continue
        if w in _NEGATION:
            negated = True
        elif w.endswith("ed") and w not in _AFTER_TRIGGERS and (
                m_and := _VERB_AND_TRIGGER.match(s.lower, toks[i][1])) is not None:
            # "41 rebels were rounded up and executed": the last verb of the pair is the outcome
            while i < len(toks) and toks[i][0] < m_and.start("trig"):
                i += 1
            break
        elif w == "in" and i + 1 < len(toks) and toks[i + 1][2] in ("total", "all"):
            i += 2  # "35 people in total had died"
            steps += 1
            continue
        elif w == "among" and i + 1 < len(toks) and toks[i + 1][0] in s.by_start:
            among_next = s.by_start[toks[i + 1][0]]
            break
        elif w == "among" and i + 2 < len(toks) and toks[i + 1][2] in ("those", "the") and \
                toks[i + 2][2] in _AMONG_DEAD:
            # "two children were among those killed / among the dead"
            among_dead = (_AMONG_DEAD[toks[i + 2][2]], toks[i + 2][1])
            break
        elif w == "among" or w not in _AUX:
            break
        i += 1
        steps += 1
    outcome: Outcome | None = None
    trig_end = -1
    if coordinated is not None:
        outcome, trig_end = coordinated.outcome, np_end
    elif among_dead is not None:
        outcome, trig_end = among_dead
    elif sent_to >= 0:
        outcome, trig_end = "injured", sent_to
    elif among_next is not None:
        target = hits.get(among_next) or _attach(s, among_next, hits)
        if target is None:
            return None
        hits[among_next] = target
        outcome = target.outcome
        trig_end = np_end
    elif toks and toks[0][2] in _NOUN_TRIGGERS and i == 0 and (
            noun is None or toks[0][2] in ("fatalities", "deaths")):
        # "6 fatalities"; "6 rebel fatalities", "5 civilian deaths": the victim noun modifies
        outcome, trig_end = _NOUN_TRIGGERS[toks[0][2]], toks[0][1]
    elif noun is None and n.end < s.end:
        # "N martyrs", "N bodies" with modifiers: "100 more bodies"
        nt = s.tokens(n.end, 3)
        for _a, b, w in nt:
            if w in _NOUN_TRIGGERS:
                outcome, trig_end = _NOUN_TRIGGERS[w], b
                break
            if w in _AFTER_TRIGGERS or not w[0].isalpha() or w in ("and", "or"):
                break  # ("one activist and injuries to 15 others": another noun phrase)
    if outcome is None and i < len(toks):
        w = toks[i][2]
        if w in _AFTER_TRIGGERS:
            outcome, trig_end = _AFTER_TRIGGERS[w], toks[i][1]
        elif w == "lost" and i + 2 < len(toks) and toks[i + 2][2] in ("lives", "life"):
            outcome, trig_end = "killed", toks[i + 2][1]
        elif w in ("shot", "gunned", "burned", "burnt", "crushed", "stabbed") and \
                i + 1 < len(toks) and toks[i + 1][2] in ("dead", "down", "to"):
            outcome, trig_end = "killed", toks[i + 1][1]
        elif w in ("shot", "stabbed") and i and toks[i - 1][2] == "fatally":
            outcome, trig_end = "killed", toks[i][1]  # "20 people were fatally shot"
        elif w in ("shot", "stabbed") and i + 2 < len(toks) and toks[i + 1][2] == "and" and \
                toks[i + 2][2] in ("killed", "wounded", "injured"):
            # "two men were shot and killed", "four were shot and wounded"
            outcome, trig_end = _AFTER_TRIGGERS[toks[i + 2][2]], toks[i + 2][1]
        elif w in ("shot", "stabbed") and i and toks[i - 1][2] in ("had", "has", "have"):
            pass  # "one of those two people had shot him": the perfect is active
        elif w in ("shot", "stabbed", "grazed") and s.text[toks[i][0] - 1] != "-":
            # ("a five-shot revolver" counts rounds)
            # shot and not said to be dead is injured: "Four people were shot outside a bar";
            # a death among them is taken off later (`_split_by_outcome`)
            outcome, trig_end = "injured", toks[i][1]
        elif i and toks[i - 1][2] == "fatally" and w not in _NOUN_TRIGGERS:
            outcome, trig_end = "killed", toks[i - 1][1]  # "seven people were shot, two fatally"
        elif w in _HOSPITALIZED and _hospitalized_for_injury(s, toks[i][1]):
            outcome, trig_end = "injured", toks[i][1]  # "Three people were hospitalized"
        elif w in _HOSPITAL_VERBS or w in _SUFFERING_VERBS:
            # "two others were taken to the hospital", "three men suffered non-life-threatening
            # injuries", "four were treated for gunshot wounds": the people carried to a
            # hospital or suffering injuries are the injured
            want = _HOSPITAL_NOUNS if w in _HOSPITAL_VERBS else _INJURY_NOUNS
            if w == "treated":
                # "three others were treated at a hospital", "... treated and released"
                want = _INJURY_NOUNS | _HOSPITAL_NOUNS
                rel = _TREATED_RELEASED.match(s.lower, toks[i][1])
                if rel is not None:
                    outcome, trig_end = "injured", rel.end()
            for a in range(i + 1, min(i + 8, len(toks))):
                if outcome is not None:
                    break
                if toks[a][2] in want and (w not in _HOSPITAL_VERBS or toks[i + 1][2] == "to"):
                    outcome, trig_end = "injured", toks[a][1]
                    there = _DIED_THERE.match(s.text, toks[a][1], s.end)
                    if there is not None:
                        # "taken to the hospital, where they were pronounced dead"
                        outcome, trig_end = "killed", there.end()
                    elif any(t[2] in ("fatal", "mortal") for t in toks[i + 1:a]):
                        outcome = "killed"  # "suffered fatal gunshot wounds"
                    break
                if toks[a][2] in (".", ";") or toks[a][2] in _AFTER_TRIGGERS:
                    break
    if outcome is None or negated:
        return None
    victims, children, women = _victims_of(noun)
    hit = _Hit(n, outcome, victims, children, women, max(trig_end, np_end),
               kind="right_far" if far else "right")
    hit.plus_one = plus_one >= 0
    if among_next is not None:
        hit.subset_of = among_next
    for k in appos:
        # the parts of the list are the same people as the head figure, not more of them
        sub_noun, _u, sub_end = s.noun_phrase(s.numbers[k].end)
        subsets.append((k, sub_noun, sub_end))
    for k, sub_noun, sub_end in subsets:
        v, c, wmn = _victims_of(sub_noun)
        if k >= 0:
            hits[k] = _Hit(s.numbers[k], outcome, v, c, wmn, sub_end, subset_of=idx)
        else:
            hit.one_subset = (sub_end, c)
    return hit


def _hospitalized_for_injury(s: _Sentence, pos: int) -> bool:
    """"hospitalized with the flu" is an illness: a cause said with "with"/"for" must be
    an injury ("hospitalized with gunshot wounds", "for treatment")."""
    toks = s.tokens(pos, 6)
    if not toks or toks[0][2] not in ("with", "for"):
        return True
    return any(w in _INJURY_NOUNS or w in _INJURY_CAUSES for _a, _b, w in toks[1:])


def _attach_left(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    n = s.numbers[idx]
    lo = max(s.start, n.start - 140)
    prefix = s.text[lo:n.start]
    if n.qualifier == "range" and prefix.endswith("from "):
        prefix = prefix[:-5]  # "killed from 500 to 1000 people"
    noun, _u, np_end = s.noun_phrase(n.end)
    low = prefix.lower()
    # the regex only runs when a cue word is there at all (most prefixes have none)
    m = None
    if "toll" in low or "number of" in low:
        m = _left_search(prefix)
    elif _LEFT_KEYS_RE.search(low, max(0, len(low) - 60)):
        # verb cues sit right before the figure: a short window is enough
        m = _left_search(prefix, max(0, len(prefix) - 60))
    if m is None and _LEFT_EXTRA_KEYS_RE.search(low, max(0, len(low) - 60)):
        m = _LEFT_EXTRA.search(prefix, max(0, len(prefix) - 60))
        if m and m.group("bring_to") is not None and not _BRING_TO_AFTER.match(
                s.text, n.end, s.end):
            m = None  # "bringing to 45 the number killed": only a count of the dead is a toll
    if m:
        if m.groupdict().get("shot") is not None and (noun not in VICTIM_NOUNS or s.text[
                lo + m.end("shot"):n.start].strip()):
            # "shot 3 times", "shot him 2 times"; the figure must be the verb's object
            return None
        if m.group("kill") is not None or m.group("toll") is not None:
            outcome: Outcome = "killed"
        elif m.groupdict().get("missing") is not None:
            outcome = "missing"
        else:
            outcome = "injured"
        # a bare year after "killed" ("killed 2013") is not a count
        if noun is None and n.qualifier == "exact" and n.value is not None and \
                1900 <= n.value <= 2100 and not n.spelled:
            return None
        # "the death toll at six and the number of injured at 28": another figure in between
        # means the toll phrase belongs to that one
        if m.group("toll") is not None and any(
                lo + m.start() < o.start < n.start for o in s.numbers if o is not n):
            return None
        # "destroyed 60 terrorists" is military jargon for killing; "destroyed 5 ..." is not
        if m.group("kill") is not None and m.group("kill").lower().startswith("destroy") and \
                noun not in VICTIM_NOUNS:
            return None
        # "claimed" is a speech verb unless it claims lives
        if m.group("kill") is not None and m.group("kill").lower().startswith("claim") and \
                "lives" not in m.group("kill").lower():
            return None
        victims, children, women = _victims_of(noun)
        hit = _Hit(n, outcome, victims, children, women, max(np_end, n.end),
                   kind="toll" if m.group("toll") is not None else "verb")
        hit.start = lo + m.start()
        if m.group("toll") is None and noun is not None and (
                more := _AND_ONE_MORE.match(s.lower, np_end, s.end)) is not None:
            # "injured three adults and an 11-year-old child": one more object of the verb
            hit.plus_one, hit.end = True, more.end()
        return hit
    m2 = _SUBSET_LEFT.search(prefix, max(0, len(prefix) - 40)) if _SUBSET_KEYS_RE.search(
        low, max(0, len(low) - 40)) else None
    if m2:
        prev = [k for k in sorted(hits) if k < idx and hits[k].subset_of is None]
        victims, children, women = _victims_of(noun)
        if not (children or women or noun in NONCIVILIAN or noun in CIVILIAN):
            return None
        if prev:
            base = hits[prev[-1]]
            return _Hit(n, base.outcome, victims, children, women, max(np_end, n.end),
                        subset_of=prev[-1], kind="subset")
        if m2.group("dead") is not None or _DEAD_WORD.search(m2.group(0)):
            hit = _Hit(n, "killed", victims, children, women, max(np_end, n.end))
            hit.start = lo + m2.start()
            return hit
        return None
    m3 = _COORD_LEFT.search(prefix, max(0, len(prefix) - 16))
    if m3:
        prev = [k for k in sorted(hits) if k < idx]
        if prev:
            base = hits[prev[-1]]
            gap = s.text[base.end:n.start]
            plural_end = _plural_phrase(s, n.end) if noun is None else -1
            if plural_end > 0:
                noun, np_end = "people", plural_end  # "killing 5 fighters and 3 Iranian advisers"
            if len(gap) <= 12 and base.subset_of is None and noun is not None and \
                    base.kind in ("verb", "coord"):
                victims, children, women = _victims_of(noun)
                hit = _Hit(n, base.outcome, victims, children, women, max(np_end, n.end),
                           kind="coord")
                hit.coord_with = prev[-1]
                return hit
            if len(gap) <= 6 and base.kind == "subset" and noun is not None and (
                    noun in CIVILIAN or noun in NONCIVILIAN):
                # "the toll to 61, including five children and three policemen": the list of
                # subsets goes on
                victims, children, women = _victims_of(noun)
                return _Hit(n, base.outcome, victims, children, women, max(np_end, n.end),
                            subset_of=base.subset_of, kind="subset")
    return None


def _attach(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    n = s.numbers[idx]
    if _NOT_COUNT_AFTER.match(s.text, n.end, s.end):
        return None
    if n.vague and n.max is None and (n.min or 0) < 12 and _few_wounds(s, n.end):
        return None  # "suffered multiple gunshot wounds": one person's wounds, not people
    before = s.text[max(s.start, n.start - 16):n.start]
    if _NOT_COUNT_BEFORE.search(before):
        return None
    if n.is_digit and (_AGE_AFTER_NAME.search(before) or _AGE_LIST_BEFORE.search(before)) and \
            _AGE_CLOSE.match(s.text, n.end, s.end):
        return None  # "Shane Simpson, 16, was killed": an age in apposition to a name
    if n.is_digit and n.value is not None and 1900 <= n.value <= 2100 and n.qualifier == "exact" \
            and (_YEAR_BEFORE.search(before) or any(
                w in _SINGLE_NOUN_SET for _a, _b, w in s.tokens(n.end, 1))):
        return None  # ("January 9, 2017 Man dead": a year before one man is no count of men)
    if n.is_digit and not before.strip() and _MONTH_ABBR_END.search(
            s.text, max(0, n.start - 10), n.start):
        return None  # "Dec. 25 has died": a date cut after its month's period
    if before[-1:].isspace() and before.split()[-1:] and before.split()[-1].lower() in \
            _OBJECT_VERBS:
        noun, _u, np_end = s.noun_phrase(n.end)
        m = _THEN_KILLED_THEM.match(s.text, np_end, s.end) if noun is not None else None
        if m is not None:
            # "abducted 9 soldiers near Monguno and later killed them": the captives are the dead
            victims, children, women = _victims_of(noun)
            return _Hit(n, "killed", victims, children, women, m.end(), kind="verb")
    # an outcome verb right before the figure is the strongest cue: "killed 47 people, most
    # of them civilians, and wounded dozens" must not read as "47 ... wounded"
    # ("58 others injured" after "8 persons killed" is still right-attached)
    scratch = dict(hits)
    right = _attach_right(s, idx, scratch)
    if right is not None and before[-1:].isspace() and before.split()[-1:] and \
            before.split()[-1].lower() in _OBJECT_VERBS and s.noun_phrase(n.end)[0] is None:
        # "Daesh kidnapped 900, executed 18": a bare figure right after a verb is its object,
        # not the subject of the outcome word after it
        right = None
    if right is not None and right.kind == "right" and not (
            _NUMBER_NEXT.match(s.text, right.end) and s.noun_phrase(n.end)[0] is None):
        hits.update(scratch)
        return right
    # "Kurds kill 83, injured 100": the outcome word after a bare figure heads the next one
    left = _attach_left(s, idx, hits)
    if left is not None and left.kind == "verb":
        return left
    if right is not None:
        hits.update(scratch)
        return right
    return left


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


def find_casualties(doc: Doc) -> list[Casualty]:
    text = doc.text
    sentences = doc.get("sentences")
    if sentences is None:
        sentences = split_sentences(text)
    warnings: list[str] = doc.annotations.setdefault("warnings", [])
    published_year = None
    if doc.article.published and doc.article.published[:4].isdigit():
        published_year = int(doc.article.published[:4])
    out: list[Casualty] = []
    weak: set[int] = set()  # ids of injuries that give way to a death (`singles`)
    ordinals: dict[int, tuple[int, int]] = {}  # id -> ("a third person": 3, sentence)
    selves: dict[int, int] = {}  # id of a death by one's own hand -> its sentence
    after_killing: list[tuple[Casualty, int]] = []  # "turned the gun on himself"
    lower = safe_lower(text)
    starts = [s for s, _ in sentences]
    # stems must start a word: "soldiers" holds "die", "olives" holds "lives"
    trig_pos = [p for p in (e - n + 1 for e, n in word_automaton(_TRIGGER_STEMS).iter(lower))
                if p == 0 or not lower[p - 1].isalpha()]
    with_trigger = sorted({bisect.bisect_right(starts, p) - 1 for p in trig_pos})
    for si in with_trigger:
        if si < 0:
            continue
        s_start, s_end = sentences[si]
        numbers = find_numbers(text, s_start, s_end, lower)
        sent = _Sentence(text, s_start, s_end, numbers, lower)
        hits: dict[int, _Hit] = {}
        last_end = -1
        for idx in range(len(numbers)):
            if idx in hits:
                last_end = max(last_end, hits[idx].end)
                continue
            n = numbers[idx]
            # every attachment needs an outcome word within a few words, or a figure just
            # before it ("..., including 3 children"): skip the rest cheaply
            k = bisect.bisect_left(trig_pos, n.start - _REACH)
            if (k == len(trig_pos) or trig_pos[k] > n.end + _REACH) and n.start - last_end > 60:
                continue
            hit = _attach(sent, idx, hits)
            if hit is not None:
                hits[idx] = hit
                last_end = max(last_end, hit.end)
        for idx in sorted(hits):
            hit = hits[idx]
            if hit.subset_of is not None and hit.subset_of not in hits:
                continue
            root = hit if hit.subset_of is None else hits[hit.subset_of]
            n = hit.num
            if not n.valid:
                shown = text[n.start - (1 if n.negative else 0):n.end]
                warnings.append(
                    f"dropped casualty figure {shown!r} at offset {n.start}: "
                    + ("negative" if n.negative else f"above {MAX_COUNT:,}"))
                continue
            if _is_background(sent, root, published_year):
                continue
            if hit.outcome == "killed" and _COMBINED_AFTER.match(text, hit.end) and (
                    _KILLED_LAST.search(text, max(0, hit.end - 8), hit.end)):
                # "19 killed and injured": one count of both outcomes, not a death toll
                continue
            start = n.start if hit.start < 0 else min(hit.start, n.start)
            out.append(_casualty(doc, hit, start, hit.end))
            first = hits.get(hit.coord_with) if hit.coord_with is not None else None
            if first is not None and _same_kind(first, hit) and (
                    first.victims == hit.victims or "unspecified" in (first.victims, hit.victims)):
                # (civilians and combatants are the toll's parts: it adds them itself)
                # "Forty GNA soldiers and eight LNA soldiers were killed", "killed 6 aid
                # workers and 2 Nigerien nationals": groups under one predicate are
                # different people; their sum is the toll
                f_start = first.num.start if first.start < 0 else min(first.start, first.num.start)
                both = (first.num.min or 0) + (n.min or 0)
                out.append(Casualty(hit.outcome, both, both, "exact",
                                    doc.char_span(f_start, max(hit.end, f_start + 1)),
                                    hit.victims if hit.victims == first.victims
                                    else "unspecified"))
            if hit.plus_one and n.qualifier == "exact" and n.min is not None:
                out.append(Casualty(hit.outcome, n.min + 1, n.min + 1, "exact",
                                    doc.char_span(start, max(hit.end, start + 1)), "unspecified"))
            elif first is not None and _one_and_group(first, hit):
                # "one woman and two men were taken to a hospital": three people
                f_start = first.num.start if first.start < 0 else min(first.start, first.num.start)
                both = (first.num.min or 0) + (n.min or 0)
                out.append(Casualty(hit.outcome, both, both, "exact",
                                    doc.char_span(f_start, max(hit.end, f_start + 1)),
                                    "unspecified"))
            if hit.one_subset is not None:
                # "including a child": a subset of one
                sub_end, is_child = hit.one_subset
                out.append(Casualty(hit.outcome, 1, 1,
                                    "exact", doc.char_span(start, max(sub_end, start + 1)),
                                    "civilian", children=is_child, women=not is_child))
        for sg in _singles_near(text, lower, s_start, s_end, trig_pos):
            if any((h.num.start <= sg.start < h.end or sg.start <= h.num.start < sg.end)
                   and h.num.start != sg.group_at for h in hits.values()):
                # (a group inside the phrase, "a woman and two children were killed", is
                # part of its count: both stay, the group as the children's figure)
                continue
            victims, children, women = _victims_of(SINGULAR_AS.get(sg.noun, sg.noun)
                                                   if sg.noun else None)
            if sg.child:
                victims, children = "civilian", True
            if sg.group_at >= 0:
                # "a woman and two children": the count is of both kinds, not only women
                victims, children, women = "unspecified", False, False
            c = Casualty(sg.outcome, sg.count, sg.count, "exact",
                         doc.char_span(sg.start, sg.end), victims, children=children, women=women)
            if sg.after_killing:
                after_killing.append((c, si))
                continue
            if sg.weak:
                weak.add(id(c))
            if sg.ordinal is not None:
                ordinals[id(c)] = (sg.ordinal, si)
            if sg.noun is None and sg.outcome == "killed" and _SELF_WORDS.search(
                    text, sg.start, sg.end):
                selves[id(c)] = si
            out.append(c)
    out = _one_more(doc, out, ordinals, selves, starts, after_killing)
    out = _split_by_outcome(doc, out, sentences)
    if weak and any(c.outcome == "killed" for c in out):
        # "a man was shot ... he died at the hospital": one person, not one dead and one hurt
        out = [c for c in out if id(c) not in weak]
    out.sort(key=lambda c: c.span.start)
    return out


_SELF_WORDS = re.compile(r"\b(?:himself|herself|self(?!-)|own\s+life)\b", re.IGNORECASE)


def _singles_near(text: str, lower: str, start: int, end: int,
                  trig_pos: list[int]) -> list[Single]:
    """`find_singles` in windows around the outcome words of one sentence (scanning whole
    FA-KES "sentences", thousands of words without a full stop, would dominate the run time)."""
    windows: list[list[int]] = []
    k = bisect.bisect_left(trig_pos, start)
    while k < len(trig_pos) and trig_pos[k] < end:
        lo, hi = max(start, trig_pos[k] - 90), min(end, trig_pos[k] + 40)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
        k += 1
    out: list[Single] = []
    for lo, hi in windows:
        # a window may cut a word: start the scan at a word boundary
        while lo > start and text[lo - 1].isalnum():
            lo -= 1
        # and end it at one ("killed" must not read as "kill")
        while hi < end and text[hi].isalnum():
            hi += 1
        out.extend(find_singles(text, lo, hi, headline=lo == start, lower=lower))
    return out


def _same_kind(a: _Hit, b: _Hit) -> bool:
    """Two exact figures of one outcome, neither counting only children or women (those are
    parts of a toll that the incident counts apart)."""
    return (a.outcome == b.outcome and not (a.children or a.women or b.children or b.women)
            and a.num.qualifier == b.num.qualifier == "exact" and a.subset_of is None
            and b.subset_of is None and a.num.valid and b.num.valid)


def _one_and_group(a: _Hit, b: _Hit) -> bool:
    """"one woman and two men" under one predicate: a single person and a group, of different
    kinds (one kind is `_same_kind`), exact and neither a subset."""
    return (a.outcome == b.outcome and a.num.qualifier == b.num.qualifier == "exact"
            and a.num.min == 1 and a.num.valid and b.num.valid and not _same_kind(a, b)
            and a.subset_of is None and b.subset_of is None)


def _casualty(doc: Doc, hit: _Hit, start: int, end: int) -> Casualty:
    n = hit.num
    qualifier: Qualifier = n.qualifier
    lo, hi = n.min, n.max
    if n.qualifier == "range":
        before = doc.text[max(0, n.start - 40):n.start].lower()
        if before.rstrip().endswith("from") and _CHANGED_FROM.search(before):
            # "rose from 10 to 15": the latest figure, not a range
            lo, qualifier = hi, "exact"
    return Casualty(hit.outcome, lo, hi, qualifier, doc.char_span(start, max(end, start + 1)),
                    hit.victims, children=hit.children, women=hit.women)


def create(settings: Settings | None = None) -> Component:
    @component("casualties", requires=("sentences",), assigns=("casualties",))
    def casualties(doc: Doc) -> Doc:
        doc.set("casualties", find_casualties(doc))
        return doc

    return cast(Component, casualties)
