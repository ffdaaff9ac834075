"""Attaching a figure to its outcome word (see `casualties` for the order): right, an
outcome word after the noun phrase the figure opens (`_attach_right`); left, an outcome verb
or toll phrase before the figure (`casualty_left`); and the choice between them (`_attach`)."""

from __future__ import annotations

import re

from ..lang.en.captures import CAPTURE_VERBS
from ..lang.en.noun_phrases import APPOSITION_OPENERS, PLACE_PREPOSITIONS
from ..lang.en.outcomes import AFTER_TRIGGERS as _AFTER_TRIGGERS
from ..lang.en.outcomes import (
    AMONG_THE,
    HOSPITAL_NOUNS,
    HOSPITAL_VERBS,
    HOSPITALIZED,
    INJURY_CAUSES,
    INJURY_NOUNS,
    INJURY_STATES,
    SENDING_VERBS,
    STRUCK_PASSIVES,
    SUFFERING_VERBS,
    TREATED_RELEASED,
)
from ..lang.en.outcomes import NOUN_TRIGGERS as _NOUN_TRIGGERS
from ..lang.en.victims import (
    CHILDREN,
    SINGULAR_PERSONS,
    VICTIM_NOUNS,
    WOMEN,
)
from ..models import Outcome
from .casualty_filters import (
    _AGE_AFTER_NAME,
    _AGE_CLOSE,
    _AGE_LIST,
    _AGE_LIST_BEFORE,
    _MONTH_ABBR_END,
    _NOT_COUNT_AFTER,
    _NOT_COUNT_BEFORE,
    _YEAR_BEFORE,
    _few_wounds,
)
from .casualty_left import _SUBSET_LEFT, _attach_left, _left_search
from .casualty_phrases import (
    _AUX,
    _DETERMINERS,
    _NEGATION,
    _NP_BREAK,
    _Hit,
    _loose_phrase_end,
    _Sentence,
    _victims_of,
)

_AMONG_DEAD = AMONG_THE
_APPOSITIVE = frozenset(APPOSITION_OPENERS)
_HOSPITALIZED = frozenset(HOSPITALIZED)
_HOSPITAL_VERBS = frozenset(HOSPITAL_VERBS)
_HOSPITAL_NOUNS = frozenset(HOSPITAL_NOUNS)
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
#: "Three people are in critical condition", "two were listed in stable condition": the people
#: in an injury state are hurt
_INJURY_STATE = re.compile(r"(?:listed\s+)?(?:" + "|".join(
    r"\s+".join(map(re.escape, p.split())) for p in sorted(INJURY_STATES, key=len, reverse=True))
    + r")\b")
#: "two children were hit by gunfire", "were struck in the legs": people hit are hurt
_STRUCK = re.compile(r"(?:" + "|".join(
    r"\s+".join(map(re.escape, p.split())) for p in sorted(STRUCK_PASSIVES, key=len, reverse=True))
    + r")\b")
_TREATED_RELEASED = re.compile(
    r"\s*(?:" + "|".join(r"\s+".join(p.split()[1:]) for p in TREATED_RELEASED) + r")\b")

#: "rounded up and executed", "abducted and killed": a verb pair ending in an outcome word
_VERB_AND_TRIGGER = re.compile(
    r"(?:\s+(?:up|out|off|away|down))?\s*,?\s+and\s+(?:then\s+|later\s+)?(?P<trig>killed|executed|"
    r"murdered|beheaded|slain|massacred|shot\s+dead)\b")
#: verbs whose object a bare figure right after them is ("kidnapped 900 ...")
_OBJECT_VERBS = frozenset(CAPTURE_VERBS)
#: "... and later killed them": the people just captured are the ones killed
_THEN_KILLED_THEM = re.compile(
    r"[^.;!?]{0,80}?\b(?:and|before|then|who\s+were)\s+(?:(?:later|then|subsequently|all|"
    r"eventually)\s+)*(?:killed|executed|beheaded|murdered|shot\s+dead|slaughtered)"
    r"(?:\s+(?:all\s+of\s+)?them\b|(?<=killed)(?!\s+\w)|(?<=executed)(?!\s+\w))", re.IGNORECASE)
#: an outcome word followed straight by a figure states that figure's outcome
_NUMBER_NEXT = re.compile(r"[ \t]*,?[ \t]*(?:more\s+than\s+|at\s+least\s+|over\s+)?\d")
#: prepositions of a short place phrase after the people counted ("two men inside the home")
_WHERE_PREPS = frozenset(PLACE_PREPOSITIONS)
_SINGLE_NOUN_SET = frozenset(SINGULAR_PERSONS)
_PART_NOUNS = CHILDREN | WOMEN
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
#: a figure whose predicate says who they were: "six of them were children", "five of the dead
#: were women", "(Of those killed) six were children"
_PART_WERE = re.compile(
    r"\s+(?:of\s+(?:them|whom|those(?:\s+(?P<of_those>[a-z]+))?|the\s+(?P<of_the>[a-z]+))\s+)?"
    r"(?:were|was|are)\s+(?:all\s+|also\s+)?(?P<noun>[a-z]+)\b", re.IGNORECASE)
#: "killed 22 people, 6 of them civilians": a part of the figure just counted
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|whom)\s+", re.IGNORECASE)
#: what stands between a counted group and its part: "22 people, 6 of them", "8 people: 5
#: soldiers and 3 civilians"
_PART_GAP = re.compile(r"\s*[,(\-–—]\s*", re.IGNORECASE)
_BREAKDOWN_GAP = re.compile(r"\s*[:(]\s*")
#: "Of those killed, six were children": the group the figure is part of, said before it
_PART_OF_BEFORE = re.compile(r"\b(?:of|among)\s+(?:those|the)\s+(?P<group>[a-z]+)\s*,?\s*$",
                             re.IGNORECASE)


#: the rest of an age after its number: "15-year-old", "2 month old"
_AGE_NEXT = re.compile(r"[-\s](?:year|month|week|day)s?[-\s]old\b")


def _attach_right(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    n = s.numbers[idx]
    noun, _used, np_end = s.noun_phrase(n.end)
    of_them = _OF_THEM_AFTER.match(s.text, n.end, s.end) if noun is None and not any(
        h.num.end <= n.start for h in hits.values()) else None
    if of_them is not None:
        # "abducted 12 farmers ... 5 of them were later found dead": "of them" points back at
        # people already named, and a death after it is the figure's (a part of a figure
        # counted in the sentence is `_part_after`'s and `casualty_passes._split_by_outcome`'s;
        # "two of them are in critical condition" tells the state of people counted hurt
        # already, so only a death is read)
        np_end = of_them.end() - (len(of_them.group()) - len(of_them.group().rstrip()))
    elif noun is None:
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
            if toks[j][0] in s.by_start and not _AGE_NEXT.match(s.lower, toks[j][1]):
                # (an age inside the aside is no figure: "five people, including a
                # 15-year-old boy, were injured")
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
        # (a subject pronoun opens a clause of its own: in "two sons on the night he was
        # killed" the death is his, not the sons')
        while j < len(toks) and words < 2 and toks[j][2].isalpha() and toks[j][2] not in _AUX \
                and toks[j][2] not in _AFTER_TRIGGERS and toks[j][2] not in _NP_BREAK \
                and toks[j][2] not in _SUBJECT_PRONOUNS:
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
    if coordinated is None and sent_to < 0 and noun is not None and i < len(toks) and \
            toks[i][2] in _RELATIVES:
        # "Nine fighters who were guarding the checkpoint were killed": the relative clause
        # is part of the subject; the predicate after it is the figure's
        toks, i = _past_relative(s, toks[i][1], toks, i)
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
        elif w in ("hit", "struck") and (struck := _STRUCK.match(s.lower, toks[i][0])):
            outcome, trig_end = "injured", struck.end()
        elif w in ("in", "listed", "fighting", "clinging", "on", "recovering") and (
                state := _INJURY_STATE.match(s.lower, toks[i][0])) is not None:
            outcome, trig_end = "injured", state.end()
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
    if outcome is None or negated or of_them is not None and outcome != "killed":
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


_RELATIVES = frozenset({"who", "which", "that"})


def _past_relative(s: _Sentence, pos: int, toks: list[tuple[int, int, str]],
                   i: int) -> tuple[list[tuple[int, int, str]], int]:
    """The tokens from the predicate after a short relative clause at ``pos`` ("who were
    working in the clinic | were also killed"), or ``toks`` and ``i`` unchanged: the clause
    holds no figure and no punctuation, and the predicate is an auxiliary and an outcome."""
    wide = s.tokens(pos, 14)
    for j in range(1, len(wide) - 1):
        w = wide[j][2]
        if not w[0].isalpha() or wide[j][0] in s.by_start or w in _AFTER_TRIGGERS:
            break
        if w in _AUX:
            k = j + 1
            while k < len(wide) and wide[k][2] in _AUX_ADVERBS:
                k += 1
            if k < len(wide) and wide[k][2] in _AFTER_TRIGGERS:
                return s.tokens(wide[j][0], 14), 0
    return toks, i


#: adverbs between an auxiliary and its outcome word: "were also killed"
_AUX_ADVERBS = frozenset({"also", "later", "reportedly", "all", "then", "eventually"})


def _hospitalized_for_injury(s: _Sentence, pos: int) -> bool:
    """"hospitalized with the flu" is an illness: a cause said with "with"/"for" must be
    an injury ("hospitalized with gunshot wounds", "for treatment")."""
    toks = s.tokens(pos, 6)
    if not toks or toks[0][2] not in ("with", "for"):
        return True
    return any(w in _INJURY_NOUNS or w in _INJURY_CAUSES for _a, _b, w in toks[1:])


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
    # the word right before the figure, when a space parts them ("kidnapped 900")
    last = before.split()[-1].lower() if before[-1:].isspace() and before.strip() else None
    if last in _OBJECT_VERBS:
        noun, _u, np_end = s.noun_phrase(n.end)
        m = _THEN_KILLED_THEM.match(s.text, np_end, s.end) if noun is not None else None
        if m is not None:
            # "abducted 9 soldiers near Monguno and later killed them": the captives are the dead
            victims, children, women = _victims_of(noun)
            return _Hit(n, "killed", victims, children, women, m.end(), kind="verb")
    part = _part_were(s, idx, hits) or _part_after(s, idx, hits)
    if part is not None:
        return part
    # an outcome verb right before the figure is the strongest cue: "killed 47 people, most
    # of them civilians, and wounded dozens" must not read as "47 ... wounded"
    # ("58 others injured" after "8 persons killed" is still right-attached)
    scratch = dict(hits)
    right = _attach_right(s, idx, scratch)
    if right is not None and last in _OBJECT_VERBS and s.noun_phrase(n.end)[0] is None:
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


def _part_were(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    """A figure whose predicate names who they were, "six of them were children", "Of those
    killed, two were women": the children or women among a group counted before it (in the
    sentence, or named by "of the dead" / "of those killed"), not people of their own."""
    n = s.numbers[idx]
    m = _PART_WERE.match(s.text, n.end, s.end)
    if m is None or m.group("noun").lower() not in _PART_NOUNS:
        return None
    noun = m.group("noun").lower()
    if noun not in CHILDREN and noun not in WOMEN:
        return None
    group = (m.group("of_the") or m.group("of_those") or "").lower()
    outcome: Outcome | None = _AMONG_DEAD.get(group)
    if group and outcome is None:
        return None  # "two of the guards were women": not a group of the dead or hurt
    prev = [k for k in sorted(hits) if k < idx and hits[k].subset_of is None]
    subset_of = prev[-1] if prev and (outcome is None or hits[prev[-1]].outcome == outcome) \
        else None
    if outcome is None and subset_of is not None:
        outcome = hits[subset_of].outcome
    if outcome is None:
        before = _PART_OF_BEFORE.search(s.text, max(s.start, n.start - 40), n.start)
        if before is not None:
            outcome = _AMONG_DEAD.get(before.group("group").lower())
    if outcome is None:
        return None
    return _Hit(n, outcome, "civilian", noun in CHILDREN, noun in WOMEN, m.end(),
                subset_of=subset_of, kind="subset")


def _part_after(s: _Sentence, idx: int, hits: dict[int, _Hit]) -> _Hit | None:
    """A figure right after the group it is part of: "killed 22 people, 6 of them civilians"
    (an apposition with "of them"), "killed 8 people: 5 soldiers and 3 civilians", "killing
    3 (2 gendarmes and 1 civilian)" (a breakdown after a colon or in brackets). The part says
    who some of the counted were; it adds nobody."""
    n = s.numbers[idx]
    of_them = _OF_THEM_AFTER.match(s.text, n.end, s.end)
    if of_them is None and not s.text[max(s.start, n.start - 4):n.start].rstrip().endswith(
            (":", "(")):
        return None  # (most figures: no part cue, so no look at the hits)
    prev = [k for k in sorted(hits) if k < idx and hits[k].subset_of is None]
    if not prev:
        return None
    base = hits[prev[-1]]
    gap = _PART_GAP if of_them is not None else _BREAKDOWN_GAP
    if base.end > n.start or gap.fullmatch(s.text, base.end, n.start) is None:
        return None
    noun, _u, np_end = s.noun_phrase(of_them.end() if of_them is not None else n.end)
    victims, children, women = _victims_of(noun)
    if victims == "unspecified":
        return None
    return _Hit(n, base.outcome, victims, children, women, np_end, subset_of=prev[-1],
                kind="subset")
