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
killed ...", or 50,000 or more, `casualty_filters.AGGREGATE_MIN`).  Pathological figures (negative, above `numbers.MAX_COUNT`) are
dropped with a warning in ``doc.annotations["warnings"]``.

This module is the component and its sentence loop; the sentence scaffolding and
noun-phrase reading are in `casualty_phrases`, the right attachment and the choice between
attachments in `casualty_attach`, the left attachment in `casualty_left`, the non-count and
background filters in `casualty_filters`, and the document-level passes in `casualty_passes`.
"""

from __future__ import annotations

import bisect
import re
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..lang.en.outcomes import (
    LOSING_VERBS,
    SURVIVAL,
    TREATED_RELEASED,
)
from ..lang.en.victims import OPPOSED_ROLES, SINGULAR_AS
from ..models import Casualty, Qualifier
from ..pipeline import Component, component
from .casualty_attach import _attach
from .casualty_filters import _is_background
from .casualty_left import one_part_after
from .casualty_passes import _one_more, _split_by_outcome
from .casualty_phrases import _Hit, _Sentence, _victims_of
from .numbers import MAX_COUNT, find_numbers, word_automaton
from .sentences import split_sentences
from .singles import Single, find_singles

_TRIGGER_STEMS = (
    "kill", "dead", "die", "death", "slain", "perish", "massacr", "execut", "murder", "martyr",
    "assassinat", "behead", "wound", "injur", "hurt", "maim", "missing", "disappear",
    "unaccounted", "bodies", "corpse", "fatalit", "lives", "toll", "elimin", "liquidat",
    "neutrali", "destroy",
    # outcomes of one victim (`singles`): "was shot", "stabbed", "grazed", "in critical
    # condition", "hospitalized", "succumbed", "fatally"
    "shot", "shoots dead", "shoot dead", "stabb", "graz", "condition", "hospital", "succumb", "fatal", "slay", "slew",
    "own life",  # "took his own life" (`singles`)
    # hit by gunfire: "was hit by a stray bullet", "were struck in the legs"
    "hit by", "hit in", "struck by", "struck in", "hit once", "hit twice", "struck once",
    "struck twice", "hit multiple", "struck multiple", "hit several", "struck several",
    # a headline's wound to oneself: "Man shoots himself in leg" (`singles._SELF_WOUND`)
    "shoots himself", "shoots herself", "shoots self", "shooting himself", "shooting herself",
    # "the body of a young man", "claims life", "a triple homicide", "lynched a thief"
    "body", "life", "double", "triple", "quadruple", "quintuple", "homicid", "lynch",
    "shooting of", "shootings of",
    # "The victims included 51 children": the dead named by their subsets
    "victims includ",
    # a side's loss: "troops lost 7 men" (`casualty_left._LOST`)
    *LOSING_VERBS,
    # a killer's own death beside the killing (`singles._SELF_AFTER`)
    "gun on himself", "gun on herself", "weapon on himself", "weapon on herself", "suicide",
    *TREATED_RELEASED,
)
#: "rose from 10 to 15": the later figure, not a range ("killed from 500 to 1000" is one)
_CHANGED_FROM = re.compile(r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|increased|"
                           r"increases|grew|grown|up|went|gone|raised|revised|updated|toll)\b"
                           r"[^.!?\d]{0,20}\bfrom\s*$")
#: how far (characters) an outcome word can be from the figure it attaches to
_REACH = 160
#: a killed figure that goes on to count the injured too ("19 killed and wounded")
_COMBINED_AFTER = re.compile(r"\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt)\b", re.IGNORECASE)
_KILLED_LAST = re.compile(r"(?:killed|dead)$", re.IGNORECASE)
#: the hurt said to live (`lang.en.outcomes.SURVIVAL`), read in the lower-cased text
_SURVIVES = re.compile(r"\b(?:" + "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(SURVIVAL, key=len, reverse=True))
    + r")(?![\w-])")
_DEATH_LATER = re.compile(r"\b(?:died|dies|dead|death|killed|succumbed|fatal(?:ly)?)\b")


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
    weak: dict[int, int] = {}  # id of an injury that gives way to a death (`singles`) -> sentence
    roles: dict[int, str] = {}  # id of a one-person figure -> its noun ("officer")
    added: dict[int, int] = {}  # id of one more person hurt ("also shot") -> its sentence
    ordinals: dict[int, tuple[int, int]] = {}  # id -> ("a third person": 3, sentence)
    selves: dict[int, int] = {}  # id of a death by one's own hand -> its sentence
    after_killing: list[tuple[Casualty, int]] = []  # "turned the gun on himself"
    lower = doc.lower
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
            if hit.one_subset is None and hit.subset_of is None and not (
                    hit.children or hit.women):
                # "killed 3 people, including a child", "left 4 dead, including a woman"
                hit.one_subset = one_part_after(text, hit.end, s_end)
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
            if sg.noun:
                roles[id(c)] = sg.noun
            if sg.weak and not _lives(lower, sg.end, s_end):
                weak[id(c)] = si
            elif sg.added:
                added[id(c)] = si
            if sg.ordinal is not None:
                ordinals[id(c)] = (sg.ordinal, si)
            if sg.noun is None and sg.outcome == "killed" and _SELF_WORDS.search(
                    text, sg.start, sg.end):
                selves[id(c)] = si
            out.append(c)
    out = _one_more(doc, out, ordinals, selves, starts, after_killing)
    out = _split_by_outcome(doc, out, sentences)
    if weak and any(c.outcome == "killed" for c in out):
        # "a man was shot ... he died at the hospital": one person, not one dead and one hurt;
        # unless every death told is of a role the one shot cannot be ("the officer was
        # shot ... the suspect was killed")
        dead_roles = [_role(roles.get(id(c))) for c in out if c.outcome == "killed"]
        out = [c for c in out if id(c) not in weak or (
            (r := _role(roles.get(id(c)))) is not None
            and all(d is not None and d != r for d in dead_roles))]
    if added:
        out = [c for c in out if id(c) not in added or not (
            _dies_next(c, added[id(c)], out, starts) or _told_before(c, out))]
    out.sort(key=lambda c: c.span.start)
    return out


def _lives(lower: str, start: int, end: int) -> bool:
    """Whether the rest of a hurt person's sentence says they live ("was taken to a hospital
    with non-life-threatening injuries", "was shot in the arm and is expected to survive"):
    then they are not the one the report says died ("... but died later" still may be)."""
    return _SURVIVES.search(lower, start, end) is not None and \
        _DEATH_LATER.search(lower, start, end) is None


#: a possessive phrase naming one person: "his father", "her brother"
_POSSESSIVE_PERSON = re.compile(r"(?:his|her|their)\s+[a-z]+", re.IGNORECASE)


def _told_before(c: Casualty, out: list[Casualty]) -> bool:
    """Whether one more person hurt is the one a possessive phrase already told hurt: after
    "left a boy dead and his father wounded", "his father, Chris Few, was also shot" is
    the same father ("also" adds the telling, not a person)."""
    m = _POSSESSIVE_PERSON.match(c.span.text)
    if m is None:
        return False
    same = m.group().lower().split()
    return any(d is not c and d.outcome == c.outcome and d.span.end <= c.span.start
               and d.span.text.lower().split()[:2] == same for d in out)


#: a death whose subject is someone just told: "he died at the hospital", "the boy later died"
_TOLD_SUBJECT = re.compile(r"(?:he|she|the|this|that)\b", re.IGNORECASE)


def _dies_next(c: Casualty, si: int, out: list[Casualty], starts: list[int]) -> bool:
    """Whether a death right after one more person hurt is that person's: "Her brother was
    also shot. He died at the hospital" is one more dead, not one hurt."""
    return any(d.outcome == "killed" and d.span.start >= c.span.end and d.min == 1
               and si <= bisect.bisect_right(starts, d.span.start) - 1 <= si + 1
               and _TOLD_SUBJECT.match(d.span.text) for d in out)


def _role(noun: str | None) -> int | None:
    """Which of `OPPOSED_ROLES` a one-person noun names, if any."""
    for k, nouns in enumerate(OPPOSED_ROLES):
        if noun in nouns:
            return k
    return None


_SELF_WORDS = re.compile(r"\b(?:himself|herself|self(?!-)|own\s+life)\b", re.IGNORECASE)


def _singles_near(text: str, lower: str, start: int, end: int,
                  trig_pos: list[int]) -> list[Single]:
    """`find_singles` in windows around the outcome words of one sentence (scanning whole
    FA-KES "sentences", thousands of words without a full stop, would dominate the run time)."""
    windows: list[list[int]] = []
    k = bisect.bisect_left(trig_pos, start)
    while k < len(trig_pos) and trig_pos[k] < end:
        lo, hi = max(start, trig_pos[k] - 90), min(end, trig_pos[k] + 60)
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
