"""The scaffolding the casualty attachments read: a sentence's tokens (`_Sentence`),
the noun phrase after a figure and the victims its head noun names, and the record of one
attached figure (`_Hit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from ..doc import safe_lower
from ..lang.en.noun_phrases import DETERMINERS, NP_BREAKS
from ..lang.en.outcomes import AFTER_TRIGGERS as _AFTER_TRIGGERS
from ..lang.en.outcomes import FIGURE_AUXILIARIES
from ..lang.en.outcomes import NOUN_TRIGGERS as _NOUN_TRIGGERS
from ..lang.en.victims import (
    ARMED_HEADS,
    ARMED_MODIFIERS,
    CHILDREN,
    CIVILIAN,
    NONCIVILIAN,
    VICTIM_NOUNS,
    WOMEN,
)
from ..models import Outcome, Victims
from .numbers import NumberMention

_AUX = frozenset(FIGURE_AUXILIARIES)
#: a figure's phrase that says its people were hurt (not only hit): "were wounded", "with
#: injuries", "hospitalized" (`casualty_passes`, `incidents` read it)
HURT_WORD = re.compile(r"\b(?:wounded|injured|hurt|injuries|wounds|hospitali[sz]ed)\b",
                       re.IGNORECASE)
_NEGATION = frozenset({"not", "never", "no", "nobody"})
_NP_BREAK = frozenset(NP_BREAKS)
#: "service men", "security members": a modifier that makes a neutral head a combatant
_ARMED_HEADS = frozenset(ARMED_HEADS)
_ARMED_MODIFIERS = frozenset(ARMED_MODIFIERS)

_TOK = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*|\S")
#: the rest of an age adjective after its number and hyphen ("10-year-old": "year-old")
_AGE_ADJECTIVE = re.compile(r"(?:year|month|week|day)s?-old")


def _any_of(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``keys`` in a string: ``pattern.search(low, pos)`` is
    ``any(k in low[pos:] for k in keys)`` in one C scan (the alternation opens with
    literals, so `re` skips ahead by their first characters)."""
    return re.compile("|".join(map(re.escape, keys)))

#: capitalised words of a title-case headline that are no part of a name ("5 Fighters Of
#: Nusra Killed In Idlib"): outcome words, auxiliaries and phrase breaks
_NOT_NAME_PART = frozenset(w.lower() for w in (*_AFTER_TRIGGERS, *_NOUN_TRIGGERS, *_AUX,
                                                *_NP_BREAK))


_ARMED_MEMBERS = re.compile(
    r"\s+(?:of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:front|army|state|brigades?|group|"
    r"forces?|militias?|isis|isil|daesh|(?-i:IS)|hezbollah|nusra|movement|battalions?|regiment|"
    r"intelligence|police|gendarmerie|security\s+services|"
    r"guards?|al-qaeda|al\s+qaeda|fateh|sham|ahrar|faylaq|jaish|units|ypg|sdf|pkk|taliban|"
    r"militants|fighters|terrorists|rebels|troops|insurgents|jihadists|militiamen|soldiers)\b"
    # the rest of the unit's name: "of the regime's Air Force Intelligence", "of the Army of
    # Conquest rebel alliance"; an Arabic article may join its words ("of Ahrar al-Sham")
    r"(?:\s+(?:of\s+)?(?:(?-i:al|el|ad|ar|as|ash|at|az|an|bin|ibn)[\s-])?"
    rf"(?!(?:{'|'.join(sorted(_NOT_NAME_PART, key=len, reverse=True))})\b)(?-i:[A-Z][\w'’-]*))*"
    r"(?:\s+(?:(?:rebel|militant|jihadist|armed|opposition)\s+)?(?:alliance|coalition|faction|"
    r"group|movement)\b)?",
    re.IGNORECASE,
)
#: a short "of"/"from" phrase inside a victim phrase: "members of the same family"
_OF_PP = re.compile(r"\s+(?:of|from)\s+(?:(?:the|a|one|his|her|their|same|one)\s+)*"
                    r"(?:[a-z][\w'’-]*\s+)?(?:family|families|household|village|town|city|area|"
                    r"neighbourhood|neighborhood|camp|group|convoy)\b", re.IGNORECASE)


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
        skip = 0
        for i, (_s, e, w) in enumerate(toks[:6]):
            if skip:
                skip -= 1
                continue
            if head is None and w.isdigit() and i + 2 < len(toks) and toks[i + 1][2] == "-" \
                    and _AGE_ADJECTIVE.fullmatch(toks[i + 2][2]):
                skip = 2  # "a 10-year-old girl", "two 15-year-old boys": an age, not a count
                continue
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
                else:
                    end = _of_name_end(self.text, end, self.end)
        return head, used, end


#: "3 militants of ISWAP", "ten residents of Kafr Nabl", "fighters of Jabhat Fateh al-Sham":
#: a name after "of"/"from" says whose or where from the people are, and stays in their
#: phrase (the outcome word comes after it); Arabic articles and "of" may join its words
_OF_NAME = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.IGNORECASE)
_NAME_PART = re.compile(r"\s*(?:(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|de|of)[\s-])?"
                        r"(?-i:[A-Z][\w'’]*(?:-[\w'’]+)*)")


def _of_name_end(text: str, pos: int, limit: int) -> int:
    """End of a name after "of"/"from" at ``pos`` (one to four capitalised words), else
    ``pos``."""
    m = _OF_NAME.match(text, pos, limit)
    if m is None:
        return pos
    end, words = m.end(), 0
    while words < 4:
        w = _NAME_PART.match(text, end, limit)
        if w is None:
            break
        last = re.sub(r"^[\s-]*(?:(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|de|of)[\s-])?", "",
                      w.group()).lower()
        if last in _NOT_NAME_PART or last in VICTIM_NOUNS:
            break
        end, words = w.end(), words + 1
    return end if words else pos


_DETERMINERS = frozenset(DETERMINERS)


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
