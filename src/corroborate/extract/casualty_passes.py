"""Document-level passes over the casualties that `casualties` finds sentence by sentence.

The sentence-level attachments read one figure at a time; these passes read the
figures of a whole report together, where the language spreads one count over
several clauses or sentences:

* `_one_more`: an ordinal or "another" adds one person to a figure of the same
  outcome ("wounded two men and then a third" is 3; "A second person was also
  injured"), and a killer who turns the gun on himself beside an active killing
  is one more dead;
* `_split_by_outcome`: a total of everyone shot or hurt loses the dead told apart
  from it ("12 people were shot, one of them died" is 1 killed and 11 injured;
  "Three people were shot. One died." is 1 and 2; "a gunman shot five people" and,
  anywhere in the report, "three were killed" is 3 and 2).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..doc import Doc
from ..lang.en.numbers import UNITS
from ..models import Casualty
from .casualty_phrases import HURT_WORD

_ALSO_WORD = re.compile(r"\balso\b", re.IGNORECASE)


def _one_more(doc: Doc, out: list[Casualty], ordinals: dict[int, tuple[int, int]],
              selves: dict[int, int], starts: list[int],
              after_killing: Sequence[tuple[Casualty, int]] = ()) -> list[Casualty]:
    """People counted beyond a figure said before them.

    An ordinal names the next person of a count: "wounded two men and then wounded a third
    person" is three wounded, "One man was killed. The second victim died later" two dead
    (in the same or the next sentence, of the same outcome; "Two men were killed and a
    third was wounded" is two dead and one wounded).  A killer who then takes his own life
    is one more dead: "shot and killed his wife and two children before killing himself"
    is four (the self-inflicted death said after the others, in the same sentence)."""
    extra: list[Casualty] = []
    ordered = sorted(out, key=lambda c: c.span.start)

    def sentence(c: Casualty) -> int:
        return bisect.bisect_right(starts, c.span.start) - 1

    for c in ordered:
        nth = ordinals.get(id(c))
        mine = selves.get(id(c))
        if nth is not None:
            n, si = nth
            prev = [d for d in ordered if d.span.end <= c.span.start and d.outcome == c.outcome
                    and id(d) not in ordinals and d.qualifier == "exact" and d.min == n - 1
                    and si - 1 <= sentence(d) <= si]
            if prev:
                d = prev[-1]
                extra.append(Casualty(c.outcome, n, n, "exact",
                                      doc.char_span(d.span.start, c.span.end), d.victims))
            elif _ALSO_WORD.search(c.span.text) and not any(
                    d.outcome != c.outcome and d.span.end <= c.span.start
                    and si - 1 <= sentence(d) <= si for d in ordered):
                # "A third person was also killed": two were killed before this one (after
                # "A man was killed", "A second person was also injured" is one injured)
                extra.append(Casualty(c.outcome, n, n, "exact", c.span, c.victims))
        elif mine is not None:
            prev = [d for d in ordered if d.span.end <= c.span.start and d.outcome == "killed"
                    and d.qualifier == "exact" and d.min is not None and d.min == d.max
                    and id(d) not in selves and sentence(d) == mine]
            if prev:
                # the largest count said before the suicide is everyone else killed
                d = max(prev, key=lambda x: (x.min or 0, -x.span.start))
                k = (d.min or 0) + 1
                extra.append(Casualty("killed", k, k, "exact",
                                      doc.char_span(d.span.start, c.span.end), "unspecified"))
            elif beside := [d for d in ordered if d is not c and d.outcome == "killed"
                            and d.span.start == c.span.start and d.span.end > c.span.end
                            and d.qualifier == "exact" and d.min is not None
                            and d.min == d.max]:
                # "killing himself and 2 police officers": the others are the same verb's
                # objects, counted by a figure that starts where the suicide does
                d = beside[0]
                k = (d.min or 0) + 1
                extra.append(Casualty("killed", k, k, "exact", d.span, "unspecified"))
    for c, si in after_killing:
        # "Man kills his girlfriend and her daughter, turns gun on himself": the killer (the
        # subject of an active killing, so not among its objects) is one more dead
        prev = [d for d in ordered if d.span.end <= c.span.start and d.outcome == "killed"
                and d.qualifier == "exact" and d.min is not None and d.min == d.max
                and id(d) not in selves and sentence(d) == si
                and _ACTIVE_KILLING.match(d.span.text)]
        if not prev:
            # "shot his girlfriend and her daughter, then turned the gun on himself", the two
            # said dead in another sentence: those he shot are the dead, and he is one more
            dead = {d.min for d in ordered if d.outcome == "killed" and d.qualifier == "exact"
                    and d.min is not None and d.min == d.max and id(d) not in selves}
            prev = [d for d in ordered if d.span.end <= c.span.start and d.outcome == "injured"
                    and d.qualifier == "exact" and d.min in dead and sentence(d) == si
                    and _ACTIVE_SHOT_OBJECT.match(d.span.text)]
        if prev and not any(sentence(x) == si for x in ordered if id(x) in selves):
            d = max(prev, key=lambda x: (x.min or 0, -x.span.start))
            k = (d.min or 0) + 1
            extra.append(Casualty("killed", k, k, "exact",
                                  doc.char_span(d.span.start, c.span.end), "unspecified"))
    return out + extra


#: an active "shot" with its object: "shot his wife and her son", "shot two people"
_ACTIVE_SHOT_OBJECT = re.compile(r"shot\s+(?!(?:dead|to\s+death|and)\b)\w", re.IGNORECASE)


_ACTIVE_KILLING = re.compile(
    r"(?:shot\s+and\s+killed|fatally\s+(?:shot|stabbed)|shot\s+dead|killed|kills|killing|kill|"
    r"murdered|murdering|stabbed\s+to\s+death|strangled)\s", re.IGNORECASE)


_SMALL = "|".join(UNITS)
#: a part of the people just counted who died: ", two fatally", "one of them died", "one of
#: whom later died", "including one who died"
_DIED_PART = re.compile(
    rf"""\s*[,;(]?\s*(?:and\s+|with\s+|including\s+|of\s+whom\s+)?(?P<k>\d{{1,3}}|{_SMALL})\s+
    (?:(?:of\s+(?:them|whom|those|the\s+\w+))\s+)?(?:(?:who|later|has|have|had|were|was|
    also|since|subsequently|eventually)\s+)*(?:fatally\b(?!\s+(?:shot|wounded|injured|stabbed))
    |died\b|dead\b|killed\b|succumbed\b|been\s+pronounced\s+dead\b)""",
    re.IGNORECASE | re.VERBOSE)


#: the rest of a `_DIED_PART` whose figure has no noun and whose verb says a death, not a
#: killing (another report's "Two killed" may be other people)
_ELLIPTIC_DIED = re.compile(r"\s+(?:(?:of\s+(?:them|whom|those))\s+)?(?:(?:who|later|has|have|had|"
                            r"were|was|also|since|subsequently|eventually)\s+)*(?:died|succumbed|"
                            r"been\s+pronounced\s+dead)\b", re.IGNORECASE)
#: an injured figure read from "shot" / "shooting" counts everyone hit, dead or alive
_SHOT_ALL = re.compile(r"\bshot\b|\bshooting\b", re.IGNORECASE)


def _count_word(w: str) -> int:
    return int(w) if w.isdigit() else UNITS[w.lower()]


#: the clause boundary before a part said with its group pronoun ("; one of them died")
_CLAUSE_BREAK = re.compile(r"[,;]")
_OF_GROUP = re.compile(r"\s*(?:and\s+|with\s+|including\s+)?(?:\d{1,3}|\w+)\s+of\s+"
                       r"(?:them|whom|those)\b", re.IGNORECASE)


def _later_died_part(text: str, c: Casualty, out: list[Casualty],
                     s_end: int) -> re.Match[str] | None:
    """A part that died, said after the rest of the clause of those hurt: "Twelve people
    were shot at a party in Chicago; one of them died", "three people were shot on Elm
    Street, one of whom died".  "Of them" / "of whom" points back to the last group
    counted, so no other figure may stand between the two."""
    for br in _CLAUSE_BREAK.finditer(text, c.span.end, s_end):
        if any(c.span.end <= d.span.start < br.start() for d in out if d is not c):
            return None
        if _OF_GROUP.match(text, br.end(), s_end):
            return _DIED_PART.match(text, br.end(), s_end)
    return None


def _split_by_outcome(doc: Doc, out: list[Casualty],
                      sentences: list[tuple[int, int]]) -> list[Casualty]:
    """A total of people shot or hurt, then those of them who died: "12 people were shot, one
    of them died" is 1 killed and 11 injured; "Four people were injured ... One of the men
    later died" is 1 and 3.  The injured figure keeps its span; a death said only in the
    same clause (", two fatally") becomes a killed figure of its own."""
    text = doc.text
    starts = [a for a, _ in sentences]
    result: list[Casualty] = []
    tolls = [d.min for d in out if d.outcome == "killed" and d.qualifier == "exact"
             and d.min is not None and d.min == d.max]
    for c in out:
        if c.outcome == "injured" and c.min is not None and c.max is None and \
                _ACTIVE_SHOT.match(c.span.text) and any(k >= c.min for k in tolls):
            continue  # "shot multiple people" beside "four were killed": the dead are those shot
        if c.outcome != "injured" or c.min is None or c.min != c.max or c.min < 2:
            result.append(c)
            continue
        si = bisect.bisect_right(starts, c.span.start) - 1
        s_end = sentences[si][1] if 0 <= si < len(sentences) else len(text)
        m = _DIED_PART.match(text, c.span.end, s_end) or _later_died_part(text, c, out, s_end)
        part: int | None = None
        if m is not None:
            part = _count_word(m.group("k"))
            if 0 < part < c.min and not any(d.outcome == "killed" and d.span.start >= m.start()
                                            and d.span.start < m.end() for d in out):
                result.append(Casualty("killed", part, part, "exact",
                                       doc.char_span(m.start("k"), m.end()), c.victims))
        elif 0 <= si + 1 < len(sentences):
            a, b = sentences[si + 1]
            while a < b and text[a].isspace():
                a += 1
            m = _DIED_PART.match(text, a, b)
            if m is not None and (re.match(r"\s+of\s", text[m.end("k"):m.end("k") + 4])
                                  or _ELLIPTIC_DIED.match(text, m.end("k"), m.end())):
                # "One of the men later died"; a figure without a noun of its own counts the
                # people just counted: "Three people were shot. One died at the hospital."
                part = _count_word(m.group("k"))
                if 0 < part < c.min and not any(
                        d.outcome == "killed" and m.start() <= d.span.start < m.end()
                        for d in out):
                    result.append(Casualty("killed", part, part, "exact",
                                           doc.char_span(m.start("k"), m.end()), c.victims))
        if part is None and _SHOT_ALL.search(c.span.text) and not HURT_WORD.search(c.span.text):
            # "2 teens shot in Phoenix, 1 killed", "a triple shooting left one dead": those
            # shot are everyone hit, so the dead said later in the sentence are among them
            a, b = sentences[si] if 0 <= si < len(sentences) else (0, len(text))
            dead = [d for d in out if d.outcome == "killed" and d.min is not None
                    and d.min == d.max and c.span.end <= d.span.start < b]
            if len(dead) == 1:
                part = dead[0].min
        if part is None and _ACTIVE_SHOT.match(c.span.text):
            # "shot five people ... Three people were killed": the object of an active "shot"
            # is everyone hit, and the report's dead, told in another sentence, are among
            # them (a death toll as large as those shot means none of them lived)
            if any(k >= c.min for k in tolls):
                continue
            part = max(tolls, default=None)
        if part is not None and 0 < part < c.min:
            c = Casualty("injured", c.min - part, c.max - part, c.qualifier, c.span, c.victims,
                         children=c.children, women=c.women, attributed_to=c.attributed_to)
        result.append(c)
    return result


#: an injured figure read as the object of an active "shot" ("a gunman shot five people")
_ACTIVE_SHOT = re.compile(r"(?:shot|shoots|shooting)\s", re.IGNORECASE)
