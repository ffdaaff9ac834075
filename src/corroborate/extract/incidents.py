"""Incident assembly: group an article's mentions into the incidents it reports.

Sentences that hold a casualty figure or a cause are *anchors*.  Walking them in
order, an anchor joins the current incident unless it states a casualty figure
at a place or on a date that is incompatible with it (another governorate, a day
more than one day apart), in which case it joins an earlier compatible incident
or opens a new one: a roundup ("In Aleppo ... In Idlib ...") gives several
incidents, a single report that names a district and then its city gives one.
A roundup written in sections, each opening with a verbless heading ("Shayrat
airbase, 7 April."), opens a new incident at a heading whose day is more than a
day from the current incident's, and the heading dates the figures under it
even when their own sentences name no date ("the strike killed six people").
Sentences without an anchor inherit the incident before them, so context such
as "the Observatory said" stays with it, and an anchor that restates a figure of
the current incident stays in it whatever its date or place.  Background figures ("since 2011", "in
the war") are already dropped by the casualties component.

Each incident then picks its date (the event date nearest its first casualty or
cause mention; the dateline only when nothing else is said), its place (from
the earliest of its sentences naming a place in the article's home country, the
most specific one within the governorate of the first; datelines such as
"BEIRUT (Reuters) -", places abroad such as "talks in Geneva" and seats of
government such as "the government in Damascus" are skipped),
its actors, cause, attributions and framing, and computes the *toll*, per
outcome:

* the headline figure is the one in the title, refined by the first body
  sentence with a precise figure when the title only bounds it ("more than
  200" -> "at least 213", but not "over 20" -> 100, unless the title counts one
  group: "five police officers" -> "fifteen people"), or that body sentence's
  figure when the title has none (a bound there, "more than 30", is refined by
  the next sentence's "at least 31").  A stated total in the lead ("35 people in
  total") beats a title listing groups.  A lead figure "across the country" is a
  nationwide sum: the first smaller figure of the next two sentences is the
  incident's.  A title summing several incidents ("2 dead, 8 wounded in separate
  shootings", "violent weekend leaves 7 dead"; `lang.en.roundups`) gives way to the
  first smaller figure the body states outside the sentences restating its sum.
  Later figures do not replace it (roundups and background follow
  the lead), except an explicit update ("the death toll rose to 35", "bringing
  the toll to 61", "a total of 35"; not a period's sum, "the toll over the
  whole weekend");
* ``civilian`` / ``noncivilian`` are the largest figure of that category in
  those lead sentences (duplicates are not summed); a breakdown stated within a
  few sentences after the lead fills them when it fits within the headline
  figure ("9 killed ... 4 civilians ... 5 rebels"), and "20 people, including
  13 civilians" (in the lead or restated after it) implies 7 noncivilians; the
  headline figure restated with a victim noun ("83 extremists died") classifies
  it; a killing in an "after ..." clause or a single killing with its own verb
  ("rebels killed a pilot") is another event; figures "also killed" within
  those few sentences add to it;
* ``total`` is the headline figure, raised to ``civilian + noncivilian`` when
  the categories add up to more (different people, "3 civilians and 2
  soldiers");
* figures that count only children or only women fill ``children``/``women``
  (from the lead and the sentence after it) and count towards ``total`` only
  when no broader figure exists or when listed beside another group ("22
  children 6 teachers");
* so the unspecified part of a toll is ``total - civilian - noncivilian``.

The figure used for a casualty is its stated value: ``min`` for "at least 70",
``max`` for "up to 80", the low end of a range ("between 43 and 52" is 43).  A
title naming one victim without a digit ("Local man killed in airport shooting")
is refined by the lead's larger count of the same outcome; children stated as
part of the dead ("including 11 children") in the sentences after the lead fill
``children`` when the lead names none.  Salience puts the incident of the title
and lead first (the headline incident), then larger and earlier ones.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from ..config import Settings
from ..doc import Doc
from ..lang.en import outlet_words
from ..lang.en.numbers import MULTIPLES
from ..lang.en.roundups import BREAKS, EVENT_NOUNS, SEVERAL, VIOLENT_PERIODS
from ..lang.en.seats import GOVERNING_NOUNS
from ..models import (
    Actor,
    Attribution,
    Casualty,
    Cause,
    DateClaim,
    Framing,
    Incident,
    Place,
    empty_toll,
)
from ..pipeline import Component, component
from .casualty_phrases import HURT_WORD
from .numbers import find_numbers
from .sentences import DATELINE

#: Keys the incidents component reads when the full pipeline is present.
ALL_REQUIRES = ("sentences", "dates", "places", "actors", "causes", "casualties",
                "attributions", "framing")
_SPECIFICITY = {"landmark": 4, "district": 3, "city": 3, "admin1": 1, "country": 0}


def figure(c: Casualty) -> int | None:
    """The stated figure of a casualty mention, as a toll uses it: the low end of a range
    ("between 43 and 52"; both ends stay on the mention), else ``max`` ("up to 80")."""
    if c.qualifier == "range" and c.min is not None:
        return c.min
    return c.max if c.max is not None else c.min


#: sentences after the lead where a civilian/combatant breakdown of its figure may appear
_BREAKDOWN_REACH = 4
_DIGIT = re.compile(r"\d")
#: a figure stated as part of a group: "including 11 children", "six of them children"
_PART_CUE = re.compile(r"\b(?:including|among\s+them|of\s+(?:them|whom|those))\b", re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|tens|dozen|several|multiple|few)\b",
                    re.IGNORECASE)
_FEW = re.compile(r"\b(?:several|multiple|few)\b", re.IGNORECASE)
_ALSO = re.compile(r"\b(?:also|another|additional|further)\b", re.IGNORECASE)
_ACT = re.compile(r"(?:kill|slew|slay|massacr|execut|murder|claim)", re.IGNORECASE)
_SUBGROUP_AFTER = re.compile(
    r"\s*,?\s*(?:who|that)\s+(?:had\s+|have\s+)?(?:later\s+)?(?:died|succumbed)\s+"
    r"(?:later\s+|since\s+)?(?:after|in\s+(?:a\s+)?hospitals?|of\s+(?:their|his|her)\s+wounds)",
    re.IGNORECASE)
_EARLIER_EVENT = re.compile(r"\b(?:after|following|in\s+(?:retaliation|revenge|response)\s+"
                            r"(?:for|to))\b", re.IGNORECASE)
_ACROSS = re.compile(r"\bacross\s+(?:the\s+)?(?:(?:whole|entire|[\w-]+-torn)\s+)?"
                     r"(?:country|nation)\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b(?:over|during|throughout|for)\s+the\s+(?:(?:whole|entire|past|last)\s+)?"
                     r"(?:\w+\s+)?(?:weekend|week|month|days)\b|\bthis\s+(?:week|month)\b",
                     re.IGNORECASE)
_PART_OF = re.compile(r"\b(?:including|among)\b", re.IGNORECASE)
_OTHERS = re.compile(r"\bothers\b", re.IGNORECASE)
_AMONG_BEFORE = re.compile(
    r"\b(?:were|are|was)\s+among\s+(?:the\s+)?(?:(?:at\s+least|more\s+than|over|some)\s+)?$",
    re.IGNORECASE)
_UPDATE = re.compile(r"\btoll\b|\b(?:rose|risen|rises|climbed|jumped|increased|reached|bringing|"
                     r"brought|raising|raised)\b", re.IGNORECASE)

#: a title summing several incidents: "in separate shootings", "7 people shot in 3 shootings",
#: "violent weekend leaves 7 dead"
_SEVERAL_EVENTS = re.compile(
    rf"\b(?:(?:{'|'.join(SEVERAL)}|\d+)\s+(?:(?!(?:{'|'.join(BREAKS)})\b)[\w.-]+\s+){{0,3}}?"
    rf"(?:{'|'.join(EVENT_NOUNS)})"
    rf"|violent\s+(?:{'|'.join(VIOLENT_PERIODS)}))\b", re.IGNORECASE)

#: what may separate two groups of one list: "22 children, 6 teachers", "10 children and 4 men"
_LIST_GAP = re.compile(r"\s*(?:,|;|and|,\s*and)?\s*", re.IGNORECASE)
_IN_TOTAL = re.compile(r"\bin\s+(?:total|all)\b|\baltogether\b", re.IGNORECASE)
#: "a total of 35 people were killed": a figure stated as the sum of everything before it
_TOTAL_BEFORE = re.compile(r"\b(?:a|the)\s+total\s+of\s+(?:(?:at\s+least|more\s+than|over|some)\s+)?$",
                           re.IGNORECASE)


def _own_verb(c: Casualty) -> bool:
    """Whether a figure is the object of its own outcome verb ("killing four civilians"), not a
    part of another figure ("killed, including 13 civilians")."""
    return _ACT.match(c.span.text) is not None and _PART_OF.search(c.span.text, 0, 40) is None


def _is_total(c: Casualty, text: str | None) -> bool:
    """Whether a figure is stated as a total: "35 people in total", "a total of 35"."""
    if _IN_TOTAL.search(c.span.text) is not None:
        return True
    lo = max(0, c.span.start - 16)
    return text is not None and text.find("total", lo, c.span.start) >= 0 and \
        _TOTAL_BEFORE.search(text, lo, c.span.start) is not None


def _vague_floor(broad: Sequence[Casualty], body_start: int,
                 sentence_of: Callable[[Casualty], int]) -> int | None:
    """The lower bound of a vague toll ("dozens", "scores") opening the body, if any."""
    body = [c for c in broad if c.span.start >= body_start]
    if not body or not _VAGUE.search(body[0].span.text):
        return None
    first = sentence_of(body[0])
    if any(sentence_of(c) == first and not _VAGUE.search(c.span.text) for c in body):
        return None
    return body[0].min


def _sum_distinct(cs: Sequence[Casualty]) -> int:
    """Sum of the distinct figures: a figure repeated in the text is the same group."""
    seen: set[int] = set()
    for c in cs:
        v = figure(c)
        if v is not None:
            seen.add(v)
    return sum(seen)


def _biggest(cs: Sequence[Casualty]) -> int | None:
    vals = [v for v in (figure(c) for c in cs) if v is not None]
    return max(vals) if vals else None


def compute_toll(casualties: Sequence[Casualty], sentences: Sequence[tuple[int, int]] | None = None,
                 body_start: int = 0, title_roundup: bool = False,
                 text: str | None = None) -> dict[str, dict[str, int | None]]:
    """The incident's headline figures per outcome and category (rules in the module doc).

    With ``sentences``, the headline figure is the one stated in the title and the
    first body sentence that gives a precise figure; later mentions only refine
    it (a breakdown that fits within it) or update it ("the toll rose to ...").
    Without, every mention counts as lead. With ``title_roundup`` (the title names
    several governorates: "5 killed in attacks on Aleppo and Idleb") the title's figure
    sums several incidents, so a smaller figure of the first body sentence is the
    headline incident's own. With the article ``text``, a larger group the headline
    victims were "among" right after the lead is the incident's toll.
    """
    toll = empty_toll()
    starts = [s for s, _ in sentences] if sentences else []

    def sentence_of(c: Casualty) -> int:
        return bisect.bisect_right(starts, c.span.start) - 1 if starts else c.span.start

    for outcome in ("killed", "injured"):
        mine = sorted((c for c in casualties if c.outcome == outcome and figure(c) is not None),
                      key=lambda c: c.span.start)
        if not mine:
            continue
        broad = [c for c in mine if not (c.children or c.women)]
        precise = [c for c in broad if not _VAGUE.search(c.span.text)]
        t = toll[outcome]
        if sentences is None:
            lead = broad
            total = _biggest(lead)
        else:
            # The title states the headline figure; the first body sentence with a
            # precise figure refines a title's "more than 200" / "some 50" and gives
            # the figure when the title has none.
            title = [c for c in precise if c.span.start < body_start]
            body = [c for c in precise if c.span.start >= body_start]
            first = [c for c in body if sentence_of(c) == sentence_of(body[0])] if body else []
            lead = title + first
            total = _biggest(title)
            body_max = _biggest(first)
            if total is None or body_max is not None and total < body_max and all(
                    figure(c) == 1 and not _DIGIT.search(c.span.text) for c in title):
                # the title names one victim ("Virginia Beach man killed in airport
                # shooting"), the lead counts the incident's ("five people shot and killed")
                total = body_max
            # a refinement stays close to the bound it refines: "more than 200" -> 213, not
            # "over 20" -> a 100 of another report (unless the title counts one group of the
            # dead: "at least five police officers killed" ... "fifteen people died")
            elif body_max is not None and total < body_max and any(
                    figure(c) == total and c.qualifier in ("at_least", "about") and (
                        body_max < 2 * total or c.victims != "unspecified" and any(
                            d.victims == "unspecified" for d in first if figure(d) == body_max))
                    for c in title):
                total = body_max
            elif title_roundup and body_max is not None and total is not None and (
                    body_max < total):
                lead, total = first, body_max
            stated_total = _biggest([c for c in first if _is_total(c, text)])
            if stated_total is not None and total is not None and stated_total > total:
                # the title lists groups ("22 children, 6 teachers killed"); the lead's "35
                # people in total" counts everyone
                total = stated_total
            if not title and first and total is not None and any(
                    figure(c) == total and c.qualifier == "at_least" for c in first):
                # "killed more than 30 people" then "at least 31 people have been killed": the
                # next sentence states the bound's figure
                after = [c for c in body if sentence_of(c) == sentence_of(first[0]) + 1
                         and total < (figure(c) or 0) <= total + max(2, total // 10)]
                if after:
                    first = first + after
                    lead = lead + after
                    total = _biggest(after)
            if not lead and broad:
                subset_first = [c for c in mine if (c.children or c.women)
                                and c.span.start < broad[0].span.start]
                if not subset_first or sentence_of(broad[0]) <= sentence_of(subset_first[0]):
                    lead = broad[:1]
                    total = _biggest(lead)
                # else "three women killed ... dozens die of hunger": a vague figure after
                # the counted women and children is not their incident's toll
            floor = _vague_floor(broad, body_start, sentence_of)
            if floor is not None and not title and (total is None or total < floor):
                # "an attack which killed dozens ... three had died in hospital ... at
                # least 86 were killed": the body's vague toll is refined by the first
                # precise figure that reaches it, not by a smaller figure of a subgroup
                refine = next((c for c in body if (figure(c) or 0) >= floor), None)
                if refine is not None:
                    lead = [c for c in body if sentence_of(c) == sentence_of(refine)]
                    total = _biggest(lead)
        if text is not None and total is not None and sentences is not None and lead and all(
                _SUBGROUP_AFTER.match(text, c.span.end) for c in lead if figure(c) == total):
            # "the bodies of three people who died after being taken across the border":
            # a group picked out by what happened to them after the attack; the next
            # larger figure is the attack's toll
            bigger = next((c for c in precise if c.span.start > lead[-1].span.end
                           and (figure(c) or 0) > total), None)
            if bigger is not None:
                lead = [c for c in precise if sentence_of(c) == sentence_of(bigger)]
                total = _biggest(lead)
        if text is not None and sentences is not None and total is not None and lead:
            head_sent = max(sentence_of(c) for c in lead)
            a, b = sentences[head_sent] if 0 <= head_sent < len(sentences) else (0, 0)
            if text.find("across", a, b) >= 0 and _ACROSS.search(text, a, b):
                # "air strikes on towns across the country killed 32 ... In Jassem 15 civilians
                # were killed": a nationwide sum, then the report's own incident
                part = next((c for c in precise if head_sent < sentence_of(c) <= head_sent + 2
                             and (figure(c) or 0) < total), None)
                if part is not None:
                    lead = [c for c in precise if sentence_of(c) == sentence_of(part)]
                    total = _biggest(lead)
        if text is not None and sentences is not None and total is not None and any(
                c.span.start < body_start and figure(c) == total for c in lead) and \
                _SEVERAL_EVENTS.search(text, 0, body_start):
            # "2 dead, 8 wounded in separate shootings": the title sums several attacks; the
            # first smaller figure the body gives after restating the sum is the report's own
            # (not a part named beside the sum: "7 people, including 4 juveniles"); a roundup
            # may give a few paragraphs of overview before its first account, so it reaches
            # twice as far as a breakdown
            in_body = [c for c in precise if c.span.start >= body_start]
            sums = {sentence_of(c) for c in in_body if figure(c) == total}
            reach = sentence_of(in_body[0]) + 2 * _BREAKDOWN_REACH if in_body else -1
            part = next((c for c in in_body if (figure(c) or 0) < total
                         and sentence_of(c) not in sums and sentence_of(c) <= reach), None)
            if part is not None:
                lead = [c for c in in_body if sentence_of(c) == sentence_of(part)]
                total = _biggest(lead)
        if total is not None and lead and sentences is not None:
            heads = [c for c in lead if figure(c) == total]
            if heads and all(_ALSO.search(c.span.text) for c in heads):
                # "A woman was killed on Friday. Her husband was also killed": the lead's
                # figure is one more than a child or a woman counted before it
                told = _biggest([d for d in mine if (d.children or d.women)
                                 and sentence_of(d) < sentence_of(heads[0])])
                if told is not None:
                    total += told
        lead_sents = {sentence_of(c) for c in lead}
        if total is not None:
            # "killing nine children and 14 others": the others come on top of the group
            # counted before them in the same sentence
            for c in lead:
                v = figure(c)
                if v is None:
                    continue
                before = [d for d in mine if (d.children or d.women) and d.span.end <= c.span.start
                          and sentence_of(d) == sentence_of(c)]
                if not before:
                    continue
                listed = text is not None and _LIST_GAP.fullmatch(
                    text, before[-1].span.end, c.span.start) is not None
                # "22 children, 6 teachers killed" lists groups side by side: they add up
                if listed or (c.victims == "unspecified" and _OTHERS.search(c.span.text)):
                    total = max(total, v + (figure(before[-1]) or 0))
            # "killed three rescue workers while six children were also killed"
            # (on top of the others of its sentence; a title's total may already hold both)
            for c in mine:
                if not ((c.children or c.women) and c.span.start >= body_start
                        and sentence_of(c) in lead_sents and _ALSO.search(c.span.text)):
                    continue
                base = _biggest([d for d in broad if sentence_of(d) == sentence_of(c)
                                 and d.span.end <= c.span.start])
                if base is not None and outcome == "injured" and _SHOT_ONLY.search(
                        c.span.text) and not HURT_WORD.search(c.span.text) and any(
                        _SHOT_TOTAL.search(d.span.text) for d in broad
                        if figure(d) == base and sentence_of(d) == sentence_of(c)):
                    # "a double shooting, in which a woman was also shot": she is one of
                    # those hit, whom the shooting's figure counts
                    continue
                if base is not None:
                    total = max(total, base + (figure(c) or 0))
        cap = total if total is not None else 0
        # "killed 43 people ... after a downed pilot was killed by rebels": a killing in a
        # clause about what came before is the attack's cause, not among its dead
        def earlier_event(c: Casualty, pool: Sequence[Casualty]) -> bool:
            return text is not None and any(
                d.span.end <= c.span.start and (figure(d) or 0) > (figure(c) or 0)
                and sentence_of(d) == sentence_of(c)
                and _EARLIER_EVENT.search(text, d.span.end, c.span.start) is not None
                for d in pool)

        own = [c for c in lead if not earlier_event(c, lead)]
        civ = _biggest([c for c in own if c.victims == "civilian" and (figure(c) or 0) <= cap])
        nonciv = _biggest([c for c in own if c.victims == "noncivilian" and (figure(c) or 0) <= cap])
        if total is not None and civ is not None and nonciv is None and civ < total and any(
                c.victims == "unspecified" and figure(c) == total
                and any(sentence_of(c) == sentence_of(d) and not _own_verb(d)
                        and not _ALSO.search(d.span.text)
                        # ("killed 4 medical staff and 6 patients": the sum of two groups
                        # ends with the civilians; they are one group, not the part)
                        and c.span.end != d.span.end
                        for d in lead if d.victims == "civilian")
                for c in lead):
            # "at least 22 people were killed, 6 of them civilians": saying which of the dead
            # were civilians implies the others were not (a civilian figure that is the object
            # of its own verb is another group: "killing four civilians ... killed 80 there")
            nonciv = total - civ
        later = [c for c in broad if sentence_of(c) not in lead_sents]
        if total is not None and (civ is None or nonciv is None) and total >= 2:
            # "Kurds kill 83 ..." then "83 extremists died": the same figure restated with a
            # victim noun says who the headline's dead were
            same = {c.victims for c in later if figure(c) == total and c.victims != "unspecified"
                    and c.qualifier == "exact"}
            if same == {"civilian"} and nonciv is None:
                civ = total
            elif same == {"noncivilian"} and civ is None:
                nonciv = total
        if total is not None and civ is None and nonciv is None and lead_sents:
            # a breakdown follows its headline closely
            reach = max(lead_sents) + _BREAKDOWN_REACH
            # (a single person killed by their own verb, "rebels killed a pilot", is an event
            # of its own, not a part of the toll)
            # (nor is a killing in an "after ..." clause of a restated toll: "43 people have
            # been killed by shelling after a downed pilot was executed")
            close = [c for c in later if sentence_of(c) <= reach
                     and not (figure(c) == 1 and _own_verb(c)) and not earlier_event(c, later)
                     # (a group "also killed" is more people, added below, not a part)
                     and not _ALSO.search(c.span.text)]
            # a later breakdown of an unspecified headline figure: "9 killed ... 4 civilians
            # and 5 rebels"; figures that do not fit within it are about other people
            lc = next((c for c in close if c.victims == "civilian"), None)
            ln = next((c for c in close if c.victims == "noncivilian"), None)
            fc, fn = (figure(lc) if lc else 0) or 0, (figure(ln) if ln else 0) or 0
            # several groups of one category, each stated once ("five Nusra militants ...
            # six other militants"), add up when together they still fit
            fn_all = _sum_distinct([c for c in close if c.victims == "noncivilian"])
            if fn < fn_all and fc + fn_all <= total:
                fn = fn_all
            if fc + fn <= total:
                civ, nonciv = (fc or None), (fn or None)
            elif fn <= total:
                nonciv = fn or None
            elif fc <= total:
                civ = fc or None
            if civ is not None and nonciv is None and civ < total and any(
                    c.victims == "unspecified" and figure(c) == total and any(
                        sentence_of(d) == sentence_of(c) and figure(d) == civ
                        and d.victims == "civilian" and not _own_verb(d)
                        and not _ALSO.search(d.span.text) for d in close)
                    for c in close):
                # the lead restated: "at least 20 people were killed, including 13 civilians"
                nonciv = total - civ
        if total is not None and lead_sents:
            reach = max(lead_sents) + _BREAKDOWN_REACH
            counted = total >= 2 and any(figure(d) == total and _stated(d) == total
                                         for d in lead)
            listing = False
            for c in later:
                v = figure(c)
                if counted and listing and v == 1:
                    # "Four men were shot ... A 19-year-old was shot in the leg, a 21-year-old
                    # in the arm, and another man was also shot": people named one by one after
                    # a counted group are those counted, "also" or not (an ordinal counts on:
                    # `_one_more`)
                    continue
                if counted and v is not None and v < total and sentence_of(c) <= reach:
                    listing = True
                if v is not None and sentence_of(c) <= reach and _ALSO.search(c.span.text):
                    if outcome == "injured" and counted and _SHOT_ONLY.search(c.span.text) \
                            and not HURT_WORD.search(c.span.text):
                        # "a man was killed and three others were injured ... Another man
                        # was shot in the leg": "also"/"another" beside "shot" counts one more
                        # of those hit than the dead, whom the injured figure counted already
                        continue
                    total += v
                    # "15 civilians killed ... 4 rebels were also killed": the added group
                    # keeps its kind, whether or not the headline's was said
                    if c.victims == "civilian":
                        civ = (civ or 0) + v
                    elif c.victims == "noncivilian":
                        nonciv = (nonciv or 0) + v
        if text is not None and total is not None and lead_sents:
            # "10 dead after strikes on hospitals ... They were among 19 people killed in
            # strikes across the province": the headline victims are part of a larger toll
            for c in later:
                v = figure(c)
                if (v is not None and v > total and c.victims == "unspecified"
                        and sentence_of(c) == max(lead_sents) + 1
                        and _AMONG_BEFORE.search(text, max(0, c.span.start - 40), c.span.start)):
                    total = v
                    break
        for c in later + [c for c in lead if c.span.start >= body_start]:
            v = figure(c)
            if v is not None and total is not None and v > total and (
                    _UPDATE.search(c.span.text) or _is_total(c, text)) and not (
                    text is not None and sentences is not None and sentence_of(c) >= 0
                    and _PERIOD.search(text, *sentences[sentence_of(c)])):
                # (a toll "over the whole weekend" sums a period's incidents: no update)
                total = v
                if c.victims == "civilian":
                    civ = v
                elif c.victims == "noncivilian":
                    nonciv = v
        # children and women figures belong to the headline when stated in or right after
        # the lead; a child counted paragraphs later is usually another event's
        if lead_sents:
            near = max(lead_sents) + 1
        else:
            # only children or women are counted: the title and the first body sentence
            # that counts them state the headline figures
            in_body = [c for c in mine if c.span.start >= body_start]
            near = sentence_of(in_body[0] if in_body else mine[0])
        # ("several children" says that children died, not how many)
        subsets = [c for c in mine if (c.children or c.women) and sentence_of(c) <= near
                   and not _FEW.search(c.span.text)]
        t["children"] = _biggest([c for c in subsets if c.children])
        kids = [c for c in subsets if c.children]
        for k1, k2 in zip(kids, kids[1:], strict=False):
            if sentence_of(k1) == sentence_of(k2) and k2.span.start >= k1.span.end and any(
                    _OTHERS.search(d.span.text) and k1.span.end <= d.span.start <= k2.span.end
                    for d in broad if sentence_of(d) == sentence_of(k1)):
                # "eleven civilians including four children ... and seven others including a
                # baby": the children of two groups, the second "others", add up
                t["children"] = max(t["children"] or 0, (figure(k1) or 0) + (figure(k2) or 0))
        t["women"] = _biggest([c for c in subsets if c.women])
        if t["children"] is None and lead_sents and total is not None and text is not None:
            # "At least 56 civilians including 11 children were killed": a breakdown of the
            # dead stated shortly after the lead says how many of them were children
            reach = max(lead_sents) + _BREAKDOWN_REACH
            part = next((c for c in mine if c.children and near < sentence_of(c) <= reach
                         and (figure(c) or 0) <= total and _PART_CUE.search(
                             text, max(0, c.span.start - 30), c.span.end + 12)), None)
            if part is not None:
                t["children"] = figure(part)
        if total is None:
            # only children or women are counted: civilians by definition; stated together
            # ("ten children and five women have been killed") they are disjoint groups
            kids = [c for c in subsets if c.children and figure(c) == t["children"]]
            together = any(sentence_of(k) == sentence_of(w) for k in kids
                           for w in subsets if w.women and not w.children)
            if together:
                total = (t["children"] or 0) + (t["women"] or 0)
            else:
                total = max(t["children"] or 0, t["women"] or 0) or None
            civ = total
        if outcome == "injured" and total is not None and lead:
            total = _shot_less_dead(lead, total, toll["killed"]["total"])
        t["civilian"], t["noncivilian"] = civ, nonciv
        parts = (civ or 0) + (nonciv or 0)
        if total is not None or parts:
            t["total"] = max(total or 0, parts)
    return toll


#: a figure of everyone hit: "a triple shooting", "four people were shot", "2 shot"
_SHOT_TOTAL = re.compile(r"\b(?:double|triple|quadruple|quintuple)[-\s]shootings?\b"
                         r"|\b(?:were|are|been|was|got)\s+shot\b|^[\w\s-]{1,30}?\bshot$",
                         re.IGNORECASE)
#: those hit by gunfire, dead or alive: "another man was shot in the leg", "was hit in the foot"
_SHOT_ONLY = re.compile(r"\b(?:shot|hit|struck)\b", re.IGNORECASE)


def _shot_less_dead(lead: Sequence[Casualty], total: int, dead: int | None) -> int:
    """The injured of an incident whose headline injured figure counts everyone shot ("a
    triple shooting", "Four people were shot") and whose dead are told apart from it ("One
    man died and two were wounded"): the dead are among those shot.  A figure already split
    in its own sentence ("Five people were shot, one fatally" is 4) states less than its
    span and is left alone."""
    if not dead or total <= dead:
        return total
    heads = [c for c in lead if figure(c) == total]
    if not heads or not all(_SHOT_TOTAL.search(c.span.text) and not HURT_WORD.search(
            c.span.text) and _stated(c) == total for c in heads):
        return total
    if any(_OTHERS.search(c.span.text) for c in heads):
        return total  # "Four others were shot": others than the dead
    return total - dead


def _stated(c: Casualty) -> int | None:
    """The count a figure's own words state: its first number or multiple ("triple")."""
    m = _MULTIPLE_WORD.search(c.span.text)
    if m is not None:
        return MULTIPLES[m.group().lower()]
    nums = find_numbers(c.span.text)
    return nums[0].value if nums else None


_MULTIPLE_WORD = re.compile(rf"\b(?:{'|'.join(MULTIPLES)})\b", re.IGNORECASE)


@dataclass
class _Group:
    sentences: list[int] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)
    place: Place | None = None
    date: DateClaim | None = None
    first_casualty: int | None = None  # offset
    #: (outcome, figure) pairs stated in its anchors: a restated toll is the same incident
    figures: set[tuple[str, int]] = field(default_factory=set)
    #: (outcome, lower bound) of its vague tolls ("dozens" = 24)
    vague: set[tuple[str, int]] = field(default_factory=set)
    #: the date of the section heading it falls under ("Shayrat airbase, 7 April.")
    heading: DateClaim | None = None


def _place_key(p: Place) -> tuple[str, str | None]:
    return (p.name.casefold(), (p.admin1 or "").casefold() or None)


def _compatible(a: Place, b: Place) -> bool:
    (na, aa), (nb, ab) = _place_key(a), _place_key(b)
    if na == nb or (aa is not None and aa == ab):
        return True
    if aa is not None and (aa == nb or nb in aa or aa in nb):
        return True
    if ab is not None and (ab == na or na in ab or ab in na):
        return True
    return (a.kind == "country" or b.kind == "country") and (a.country == b.country or
                                                              a.country is None or b.country is None)


def _dates_far(a: DateClaim, b: DateClaim) -> bool:
    if a.precision != "day" or b.precision != "day":
        return False
    from datetime import date

    try:
        da, db = date.fromisoformat(a.value[:10]), date.fromisoformat(b.value[:10])
    except ValueError:
        return False
    return abs((da - db).days) > 1


class _Index:
    """Mentions of one kind bucketed by sentence."""

    def __init__(self, starts: list[int], items: Sequence[Any]):
        self.by_sentence: dict[int, list[Any]] = {}
        for it in items:
            i = max(0, bisect.bisect_right(starts, it.span.start) - 1)
            self.by_sentence.setdefault(i, []).append(it)

    def get(self, i: int) -> list[Any]:
        return self.by_sentence.get(i, [])


def _specific(places: list[Place], home: str | None = None) -> Place | None:
    """The most specific non-country place in the article's home country (any country when
    the home country is unknown): "talks in Geneva" is not where the strike happened."""
    best = None
    for p in places:
        if p.kind == "country" or (home is not None and p.country != home):
            continue
        if best is not None and best.admin1 and p.admin1 and p.admin1 != best.admin1:
            continue  # "in Daraa countryside, Aleppo and Damascus": the first one leads
        if best is None or _SPECIFICITY.get(p.kind, 2) > _SPECIFICITY.get(best.kind, 2):
            best = p
    return best


_DATELINE_AFTER = re.compile(r"\s*(?:\((?:[A-Z][\w.]*\s?){1,3}\)|[-—–]\s)")
#: "the government in Damascus": the seat of a government, not an event's place
_SEAT_BEFORE = re.compile(
    r"\b(?:" + "|".join(GOVERNING_NOUNS) + r")\s+in\s+$", re.IGNORECASE)
#: a roundup's section heading, a name and then the date alone: "Shayrat airbase, 7 April."
_HEADING_BEFORE = re.compile(r"\s*[A-Z][\w'’-]*(?:[ -][\w'’-]+){0,3},\s*$")
_HEADING_AFTER = re.compile(r"[.:]?\s*$")


def _heading_date(text: str, sentence: tuple[int, int], dates: Sequence[DateClaim]) -> DateClaim | None:
    """The date of a verbless section heading ("Khan Shaykhun, 4 April."), or None.

    In a roundup such a line opens the account of another event: the figures after it
    belong to that event until the next heading, even when their own sentences name no
    date or place ("The Syrian army said the strike killed six people")."""
    start, end = sentence
    if end - start > 80:
        return None
    for d in dates:
        if d.relative or d.precision != "day":
            continue
        if _HEADING_BEFORE.fullmatch(text, start, d.span.start) and \
                _HEADING_AFTER.fullmatch(text, d.span.end, end):
            return d
    return None


_BRANDING = re.compile(
    r"\b(?:" + "|".join(map(re.escape, outlet_words.WORDS)) + r")\b"
    r"|(?:" + "|".join(map(re.escape, outlet_words.DOMAINS)) + r")\b")


def branding_start(text: str, title_end: int) -> int:
    """Where the title's branding tail starts ("... - WAFB 9 News Baton Rouge, Louisiana
    News, Weather, Sports"), or ``title_end`` when it has none."""
    title = text[:title_end]
    cut = max((title.rfind(sep) for sep in outlet_words.SEPARATORS), default=-1)
    if cut <= 0 or not _BRANDING.search(title, cut):
        return title_end
    return cut


def _reporting_places(text: str, places: Sequence[Place], sentences: Sequence[tuple[int, int]],
                      body_start: int) -> set[int]:
    """Ids of places that are datelines ("BEIRUT (Reuters) -", "MOSCOW (Sputnik)"): where the
    report was filed, not where the incident happened; and seats of government ("the
    government in Damascus"), which stand for a state."""
    starts = {s for s, _ in sentences}
    out = set()
    # "... - WAFB 9 News Baton Rouge, Louisiana News, Weather, Sports": where the outlet is
    brand = branding_start(text, body_start)
    for p in places:
        if brand <= p.span.start < body_start:
            out.add(id(p))
            continue
        t = p.span.text
        caps = t.isupper() and len(t) >= 4
        opens = p.span.start in starts or text[max(0, p.span.start - 2):p.span.start] == "\n"
        # "Last updated at Feb 022015 Beirut Syrian government ...": a place right after a date
        dated = p.span.start < body_start + 150 and re.search(
            r"\d{4}\s*$", text[max(0, p.span.start - 12):p.span.start]) is not None
        seat = _SEAT_BEFORE.search(text, max(0, p.span.start - 40), p.span.start) is not None
        if caps or dated or seat or (opens and _DATELINE_AFTER.match(text, p.span.end)):
            out.add(id(p))
    return out


def _home_country(places: Sequence[Place]) -> str | None:
    """The country most of the article's places are in (ties: the first named).

    A town or district counts twice a bare country name: countries are named as actors
    and partners ("a coalition led by the United States"), towns rarely are."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + (1 if p.kind == "country" else 2)
    return max(counts, key=lambda c: counts[c]) if counts else None


def assemble(doc: Doc) -> list[Incident]:
    sentences: list[tuple[int, int]] = doc.get("sentences") or [(0, len(doc.text))]
    starts = [s for s, _ in sentences]
    cas = _Index(starts, doc.get("casualties") or [])
    causes = _Index(starts, doc.get("causes") or [])
    all_places: list[Place] = list(doc.get("places") or [])
    reporting = _reporting_places(doc.text, all_places, sentences, doc.title_end)
    event_places = [p for p in all_places if id(p) not in reporting]
    home = _home_country(event_places)
    places = _Index(starts, event_places)
    dates = _Index(starts, doc.get("dates") or [])
    actors = _Index(starts, doc.get("actors") or [])
    attrs = _Index(starts, doc.get("attributions") or [])
    frames = _Index(starts, doc.get("framing") or [])

    groups: list[_Group] = []
    current: _Group | None = None
    # sentences without any mention add nothing to an incident: skip them
    active: set[int] = set()
    for index in (cas, causes, places, dates, actors, attrs, frames):
        active.update(index.by_sentence)
    section: DateClaim | None = None  # the date of the last section heading
    for i in sorted(active):
        has_cas = bool(cas.get(i))
        heading = _heading_date(doc.text, sentences[i], dates.get(i)) if not has_cas else None
        if heading is not None:
            if current is not None and current.first_casualty is not None \
                    and current.date is not None and _dates_far(heading, current.date):
                # another event's account begins: what follows is not the current incident's
                current = _Group(date=heading, place=_specific(places.get(i), home),
                                 heading=heading)
                groups.append(current)
                current.sentences.append(i)
                continue
            section = heading
            if current is not None and current.first_casualty is None and current.date is None:
                current.date = current.heading = heading  # the date of the figures under it
        if not (has_cas or causes.get(i)):
            if current is not None:
                current.sentences.append(i)
            continue
        sp = _specific(places.get(i), home)
        sd = next((d for d in dates.get(i) if not d.relative), None) or next(iter(dates.get(i)), None)
        target = current
        if current is not None and has_cas and current.first_casualty is not None:
            clash_place = sp is not None and current.place is not None and not _compatible(
                sp, current.place)
            clash_date = sd is not None and current.date is not None and _dates_far(sd, current.date)
            restated = any((c.outcome, figure(c)) in current.figures for c in cas.get(i)
                           if (figure(c) or 0) >= 2)
            # a precise figure within the range of the incident's vague toll ("killed
            # dozens" ... "at least 86 were killed") refines it: the same incident
            refines = any(c.outcome == o and lo <= (figure(c) or 0) < 5 * lo
                          for c in cas.get(i) if not _VAGUE.search(c.span.text)
                          for o, lo in current.vague)
            if (clash_place or clash_date) and not (restated or refines):
                target = None
                for g in groups:
                    ok_place = sp is None or g.place is None or _compatible(sp, g.place)
                    ok_date = sd is None or g.date is None or not _dates_far(sd, g.date)
                    if ok_place and ok_date:
                        target = g
                        break
        if target is None:
            target = _Group(date=section, heading=section)
            groups.append(target)
        target.sentences.append(i)
        target.anchors.append(i)
        if target.place is None and sp is not None:
            target.place = sp
        if target.date is None and sd is not None:
            target.date = sd
        if has_cas and target.first_casualty is None:
            target.first_casualty = cas.get(i)[0].span.start
        target.figures.update((c.outcome, v) for c in cas.get(i) if (v := figure(c)) is not None)
        target.vague.update((c.outcome, c.min) for c in cas.get(i)
                            if c.min is not None and _VAGUE.search(c.span.text))
        current = target

    all_dates: list[DateClaim] = list(doc.get("dates") or [])
    groups = [g for g in groups if g.anchors]
    lead_end = sentences[min(2, len(sentences) - 1)][1] if sentences else 0
    title_end = doc.title_end
    pub_end = _dateline_end(doc.text, sentences, title_end)
    body_start = _body_start(doc.text, doc.article.title, pub_end)
    incidents: list[tuple[float, Incident]] = []
    for g in groups:
        sents = sorted(set(g.sentences))
        inc_cas: list[Casualty] = [c for i in sents for c in cas.get(i)]
        inc_causes: list[Cause] = [c for i in sents for c in causes.get(i)]
        inc_attr: list[Attribution] = [a for i in sents for a in attrs.get(i)]
        inc_frames: list[Framing] = [f for i in sents for f in frames.get(i)]
        for c in inc_cas:
            if c.attributed_to is None:
                same = [a for a in attrs.get(bisect.bisect_right(starts, c.span.start) - 1)]
                if same:
                    c.attributed_to = same[0].speaker
        focus = g.first_casualty if g.first_casualty is not None else (
            inc_causes[0].span.start if inc_causes else sentences[sents[0]][0])
        place = _pick_place(g, places, sents, home, event_places) or _dateline_place(
            all_places, reporting)
        date = _pick_date(g, dates, sents, all_dates, focus, pub_end)
        inc = Incident(
            date=date,
            place=place,
            actors=_merge_actors([a for i in sents for a in actors.get(i)]),
            casualties=inc_cas,
            toll=compute_toll(inc_cas, sentences, body_start,
                              title_roundup=_title_roundup(all_places, title_end),
                              text=doc.text),
            cause=_pick_cause(inc_causes, focus),
            attributions=inc_attr,
            framing=inc_frames,
        )
        first = sentences[sents[0]][0]
        in_lead = any(sentences[i][0] < max(lead_end, title_end) for i in g.anchors)
        killed = inc.toll["killed"]["total"] or 0
        salience = (0.5 if in_lead else 0.0) + 0.2 / (1 + first / 500) + \
            0.15 * min(1.0, math.log1p(killed) / 7) + 0.1 * min(1.0, len(inc_cas) / 4) + \
            (0.05 if inc.cause else 0.0)
        inc.salience = salience
        incidents.append((salience, inc))
    if not incidents:
        lead = _lead_incident(doc, sentences, places, dates, actors, attrs, frames,
                              _dateline_place(all_places, reporting))
        if lead is not None:
            incidents.append((lead.salience, lead))
    incidents.sort(key=lambda x: -x[0])
    return [inc for _s, inc in incidents]


def _dateline_end(text: str, sentences: list[tuple[int, int]], title_end: int) -> int:
    """End of the title and of a leading dateline: dates before it are publication dates."""
    end = title_end
    for s, e in sentences:
        if s < title_end:
            continue
        m = DATELINE.match(text, s, e)
        if m and m.end() == e:
            end = e
        break
    return end


def _title_roundup(places: Sequence[Place], title_end: int) -> bool:
    """Whether the title names places in two or more governorates (a roundup headline)."""
    regions = {p.admin1 or p.name for p in places
               if p.span.start < title_end and p.kind != "country"}
    return len(regions) >= 2


def _body_start(text: str, title: str, pub_end: int) -> int:
    """Where the body proper starts: after the title, a dateline and a repeated title."""
    pos = pub_end
    while pos < len(text) and text[pos] in " \t\r\n.-—–:":
        pos += 1
    title = " ".join(title.split())
    if len(title) >= 12:
        probe = " ".join(text[pos:pos + len(title) + 20].split())
        if probe.casefold().startswith(title.casefold()):
            # the repeat may be reflowed, so walk the original text word by word
            words = len(title.split())
            m = re.match(rf"\s*(?:\S+\s+){{{max(words - 1, 0)}}}\S+", text[pos:])
            if m:
                return pos + m.end()
    return pub_end


def _lead_incident(doc: Doc, sentences: list[tuple[int, int]], places: _Index, dates: _Index,
                   actors: _Index, attrs: _Index, frames: _Index,
                   dateline: Place | None = None) -> Incident | None:
    """No figure and no cause: the article still reports *something* in its lead (or, when
    it names no place but its dateline, there)."""
    lead = list(range(min(3, len(sentences))))
    lead_places = [p for i in lead for p in places.get(i)]
    if not lead_places and dateline is None:
        return None
    return Incident(
        date=next((d for i in lead for d in dates.get(i) if not d.relative), None),
        place=(_specific(lead_places) or lead_places[0]) if lead_places else dateline,
        actors=_merge_actors([a for i in lead for a in actors.get(i)]),
        attributions=[a for i in lead for a in attrs.get(i)],
        framing=[f for i in lead for f in frames.get(i)],
        salience=0.05,
    )


def _dateline_place(places: Sequence[Place], reporting: set[int]) -> Place | None:
    """The dateline's place, when the report names no other: a local paper's
    "PUYALLUP, Wash. --" is where its story happened, and nothing else says otherwise."""
    if any(id(p) not in reporting for p in places):
        return None
    return _specific([p for p in places if id(p) in reporting])


def _pick_place(g: _Group, places: _Index, sents: list[int], home: str | None,
                everywhere: list[Place]) -> Place | None:
    # the earliest sentence of the incident that names a place at home sets the scene; a
    # later anchor's place is often a side event ("... while in Raqqa, ...")
    for i in sents:
        here = places.get(i)
        if not here:
            continue
        if g.place is not None and g.place.span.start < here[0].span.start:
            break
        sp = _specific(here, home)
        if sp is not None:
            return sp
    if g.place is not None:
        return g.place
    anchored = [p for i in g.anchors for p in places.get(i)]
    near = [p for i in sents for p in places.get(i)]
    return (_specific(anchored, home) or _specific(near, home) or _specific(everywhere, home)
            or next(iter(anchored or near), None))


def _pick_date(g: _Group, dates: _Index, sents: list[int], all_dates: list[DateClaim],
               focus: int, title_end: int) -> DateClaim | None:
    mine = [d for i in sents for d in dates.get(i)]
    if g.heading is not None and not any(not d.relative and d is not g.heading for d in mine):
        # "Tal Rifaat, 6 May. ... overnight ...": the heading dates its section
        return g.heading
    # the dateline/title date is the publication date, a last resort
    body = [d for d in mine if d.span.start >= title_end] or mine
    if body:
        return min(body, key=lambda d: abs(d.span.start - focus))
    if all_dates:
        return min(all_dates, key=lambda d: abs(d.span.start - focus))
    return None


def _pick_cause(causes: list[Cause], focus: int) -> Cause | None:
    if not causes:
        return None
    return min(causes, key=lambda c: abs(c.span.start - focus))


def _merge_actors(actors: list[Actor]) -> list[Actor]:
    rank = {"perpetrator": 3, "target": 2, "victim": 1, "mentioned": 0}
    best: dict[str, Actor] = {}
    for a in actors:
        if a.name not in best or rank[a.role] > rank[best[a.name].role]:
            best[a.name] = a
    return list(best.values())


def create(settings: Settings | None = None, *, requires: Sequence[str] | None = None) -> Component:
    """The incidents component.

    ``requires`` defaults to every extraction key; `default_pipeline` narrows it to
    the components that are installed, so a pipeline without (say) framing still
    validates, and the missing annotations read as empty.
    """

    @component("incidents", requires=tuple(requires or ALL_REQUIRES), assigns=("incidents",))
    def incidents(doc: Doc) -> Doc:
        doc.set("incidents", assemble(doc))
        return doc

    return cast(Component, incidents)
