"""Left attachment: an outcome verb or a toll phrase right before a figure ("killed 12
people", "wounding 30", "the death toll rose to 112", "bringing to 45 the number killed"),
and a subset or coordinated figure after one already attached ("including 4 children",
"killing 3 civilians and 2 soldiers")."""

from __future__ import annotations

import re

from ..lang.en.outcomes import LOSING_VERBS
from ..lang.en.victims import (
    ARMED_HEADS,
    CHILDREN,
    CIVILIAN,
    NONCIVILIAN,
    SINGULAR_PERSONS,
    VICTIM_NOUNS,
    WOMEN,
)
from ..models import Outcome
from .casualty_phrases import (
    _any_of,
    _Hit,
    _plural_phrase,
    _Sentence,
    _victims_of,
)
from .scan import search_at_words

#: "... three adults and an 11-year-old child": one more person after a counted group
_AND_ONE_MORE = re.compile(
    r"\s+and\s+(?:a|an|one|his|her|their)\s+(?:(?:\d{1,3}[-\s](?:year|month)s?[-\s]old|[a-z'-]+)\s+){0,2}?"
    rf"(?:{'|'.join(sorted(SINGULAR_PERSONS, key=len, reverse=True))})\b"
    # "... and a bystander said ...": a clause of its own, not one more object
    r"(?!\s+(?:said|says|told|was|is|had|has|who|fled|ran|called)\b)")

_LEFT = re.compile(
    r"""(?:
      (?P<kill>\b(?:killed|killing|kills|
         (?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)kill|
         # a headline's present tense: "Militants execute 7 soldiers", "IS beheads 4
         # hostages", "Gunmen shoot dead 3 policemen" (a threat, "vowed to execute 20", and
         # a noun, "the massacre 20 years on", are no deaths)
         executes|beheads|slays|massacres|murders|shoots\s+dead|claims|
         (?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)
         (?<!\bthe\s)(?<!\ba\s)(?<!\bthis\s)(?<!\bthat\s)
         (?:execute|behead|slay|massacre|murder|shoot\s+dead|claim)|
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
        # "the toll from Saturday's car bomb rose to 43"
        |\btoll\s+(?:from|of|in|for)\s[^.!?\d]{0,60}?\b(?:rose|climbed|jumped|increased|
          reached|rises|has\s+risen|had\s+risen)\s+(?:to|at)
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
    # "killing himself and 2 police officers": the killer is one more of the verb's objects
    # (`casualty_passes._one_more` adds him)
    (?:\s+(?:himself|herself|themselves)\s+and)?
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
    executes execute beheads behead slays slay massacres massacre murders murder shoots shoot
    claims claim
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


_AND_THEN = re.compile(r"\s*,?\s*(?:and|while|but)\s+", re.IGNORECASE)
_LOST = re.compile(rf"\b(?:{'|'.join(LOSING_VERBS)})\s+(?:(?:at\s+least|some|about|more\s+than)\s+)?$",
                   re.IGNORECASE)
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
_LEFT_KEYS = ("kill", "elimin", "liquid", "neutral", "destroy", "shot dead", "fatally shot",
              "gunned down", "shoot",
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
#: "killed 3 people, including a child": one child or woman named as part of the figure
_ONE_PART_AFTER = re.compile(
    r"\s*[,(\-–—]?\s*(?:including|among\s+(?:them|whom))\s+(?:a|an|one)\s+"
    r"(?:(?:young|little|teenage|\d{1,2}[-\s](?:year|month)s?[-\s]old)\s+)?(?P<noun>[a-z]+)\b",
    re.IGNORECASE)


def one_part_after(text: str, pos: int, end: int) -> tuple[int, bool] | None:
    """(end, True for a child / False for a woman) of "including a child" right at ``pos``."""
    m = _ONE_PART_AFTER.match(text, pos, end)
    if m is None:
        return None
    noun = m.group("noun").lower()
    if noun in CHILDREN:
        return m.end(), True
    if noun in WOMEN:
        return m.end(), False
    return None


#: the lives a figure counts after "claimed": "claimed 20 lives", "claimed 3 more civilian lives"
_LIVES_AFTER = re.compile(r"\s+(?:(?:more|other|civilian|innocent|human)\s+){0,2}lives\b",
                          re.IGNORECASE)
_DEAD_WORD = re.compile(r"\b(?:dead|killed|victims|fatalities)\b", re.IGNORECASE)
_SUBSET_KEYS = ("includ", "among", "of whom", "of them", "of those", "mostly", "mainly",
                "the dead", "the killed", "the victims", "fatalities")

_LEFT_KEYS_RE = _any_of(_LEFT_KEYS)
_LEFT_EXTRA_KEYS_RE = _any_of(_LEFT_EXTRA_KEYS)
_SUBSET_KEYS_RE = _any_of(_SUBSET_KEYS)
_COORD_LEFT = re.compile(r"(?:,|\band\b|\bas\s+well\s+as\b|,\s*and\b|\bplus\b)\s*$", re.IGNORECASE)


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
    if m is None and "los" in low[-24:] and noun in VICTIM_NOUNS and (
            lost := _LOST.search(prefix, max(0, len(prefix) - 24))) is not None and (
            _armed_loss(noun, low)):
        # "government troops lost 7 men": an armed side's dead ("a mother who lost 2 sons"
        # to violence over the years is no count of this incident)
        victims, children, women = _victims_of(noun)
        hit = _Hit(n, "killed", victims, children, women, max(np_end, n.end), kind="verb")
        hit.start = lo + lost.start()
        prev = [k for k in sorted(hits) if k < idx and hits[k].subset_of is None]
        if prev and hits[prev[-1]].outcome == "killed" and _AND_THEN.fullmatch(
                s.text, hits[prev[-1]].end, hit.start):
            # "killed 14 Boko Haram fighters and lost 2 soldiers": the side's own dead come
            # on top of those it killed
            hit.coord_with = prev[-1]
        return hit
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
        # "claimed" is a speech verb unless it claims lives ("claimed the lives of 8", "the
        # blast claimed 20 lives")
        lives = None
        if m.group("kill") is not None and m.group("kill").lower().startswith("claim") and \
                "lives" not in m.group("kill").lower():
            lives = _LIVES_AFTER.match(s.text, n.end, s.end)
            if lives is None:
                return None
            np_end = lives.end()
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
            # ("Among the dead were 5 children and 2 women": the list goes on, `_COORD_LEFT`)
            hit = _Hit(n, "killed", victims, children, women, max(np_end, n.end), kind="verb")
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
            if base.kind == "verb" and gap.strip() == "," and _breakdown_of(s, idx, base):
                # "killed 8 people, 5 soldiers and 3 civilians": the list after the comma
                # adds up to the people counted: who they were, not more of them
                victims, children, women = _victims_of(noun)
                return _Hit(n, base.outcome, victims, children, women, max(np_end, n.end),
                            subset_of=prev[-1], kind="subset")
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


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _breakdown_of(s: _Sentence, idx: int, base: _Hit) -> bool:
    """Whether the list of groups from figure ``idx`` on ("5 soldiers and 3 civilians")
    adds up to ``base``, a figure of people not told apart ("8 people")."""
    if base.victims != "unspecified" or base.num.qualifier != "exact" or not base.num.min:
        return False
    total, parts, k, pos = 0, 0, idx, -1
    while k < len(s.numbers):
        m = s.numbers[k]
        if pos >= 0 and _LIST_JOIN.fullmatch(s.text, pos, m.start) is None:
            break
        noun, _u, end = s.noun_phrase(m.end)
        victims, _c, _w = _victims_of(noun)
        if victims == "unspecified" or m.qualifier != "exact" or m.min is None:
            break
        total, parts, k, pos = total + m.min, parts + 1, k + 1, end
    return parts >= 2 and total == base.num.min


_WORD = re.compile(r"[a-z]+")
_ARMED_HEAD_SET = frozenset(ARMED_HEADS)


def _armed_loss(noun: str | None, low_prefix: str) -> bool:
    """Whether "lost N <noun>" counts an armed side's dead: combatants ("lost 20 soldiers"),
    or men and members of a side named as combatants just before ("troops lost 7 men")."""
    if noun in NONCIVILIAN:
        return True
    return noun in _ARMED_HEAD_SET and any(
        w in NONCIVILIAN for w in _WORD.findall(low_prefix[-50:]))
