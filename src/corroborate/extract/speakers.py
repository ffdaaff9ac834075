"""Speakers: the tokens of a sentence and the noun phrases that name who says a claim.

A speaker is a noun phrase of capitalised words, role nouns ("spokesman", "officials",
"activists", "source") and a few modifiers ("military", "local", "state") from
`corroborate.lang.en.speech`, so it works for any country's names without a gazetteer.
`np_before` reads the phrase before a verb ("an activist in Homs said"), `np_after` the one
after it ("..., said the ministry spokesman"); `speaker_name` gives its readable form, and
`is_media` / `looks_like_person` tell an outlet and a person from the rest.  Used by the
attribution and framing components.
"""

from __future__ import annotations

import functools
import re

from ..lang.en.outlets import MEDIA_HEADS, OUTLET_NAMES, OUTLETS
from ..lang.en.speech import (
    CONNECTORS,
    DETERMINERS,
    FUNCTION_CAPS,
    MODIFIERS,
    ORG_WORDS,
    PERSON_ROLES,
    ROLE_NOUNS,
)
from ..lang.en.speech import word_set as _words

# --- tokens -------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Cpl|Rep|Sen|Gov|Prof|St|Jr|Sr)\."
    r"|\w+(?:[’'\-]\w+)*(?:[’']s)?"
    r"|[^\w\s]"
)


class Tok:
    """A token and its offsets; a plain slotted class because tokens are built by the
    hundred thousand on long articles and a frozen dataclass is several times slower."""

    __slots__ = ("end", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """``[Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]``,
    built about twice as fast: this is the hottest loop of attribution.

    `findall` makes no match objects, and the offsets follow from the strings: every
    non-space character belongs to a token and no token holds a space, so the next
    token is the first occurrence of its text after the previous one.  Filling the
    slots directly skips a Python-level ``__init__`` call per token.
    """
    out: list[Tok] = []
    new = object.__new__
    find = text.find
    pos = start
    for w in _TOKEN.findall(text, start, end):
        t = new(Tok)
        t.text = w
        t.start = pos = find(w, pos)
        t.end = pos = pos + len(w)
        t.low = w.lower()
        out.append(t)
    return out


def base_form(low: str) -> str:
    """``low`` without a possessive "'s" (what ``re.sub(r"[’']s$", "", low)`` gives)."""
    return low[:-2] if low.endswith(("'s", "’s")) else low


#: lower-case particles that start a name part: "al-Assad", "el-Sisi", "bin-Salman", "d'Estaing"
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|d)[-’'][A-Z]")


def is_cap(t: Tok) -> bool:
    c = t.text[0]
    if c.isupper():
        return t.text not in FUNCTION_CAPS
    return bool(_NAME_PARTICLE.match(t.text))


def np_word(t: Tok) -> bool:
    low = t.low
    return is_cap(t) or base_form(low) in ROLE_NOUNS or low in MODIFIERS or (
        "-" in low and bool(_HELD.search(low)))


#: "rebel-held", "Kurdish-led", "UK-based": participle modifiers inside a noun phrase
_HELD = re.compile(r"\w-(?:held|controlled|led|backed|based|run|allied|linked|affiliated)$")
#: "a number of officials said", "some of the residents said": the officials speak
_QUANTIFIERS = _words("number some one two three many several most all dozens hundreds members "
                      "each any both none majority few")
#: a noun phrase right after one of these is an object, not the subject of the next verb
_PREPOSITIONS = _words("to with against by from at on into of for about over near than like "
                       "toward towards under")


def _is_head(t: Tok) -> bool:
    return is_cap(t) or base_form(t.low) in ROLE_NOUNS


def _trim(toks: list[Tok]) -> list[Tok]:
    """Drop determiners/connectors at the edges and modifiers after the head."""
    while toks and (toks[0].low in DETERMINERS or toks[0].low in CONNECTORS):
        toks = toks[1:]
    while toks and not _is_head(toks[-1]):
        toks = toks[:-1]
    return toks


def _newline_between(a: Tok, b: Tok, text: str) -> bool:
    return "\n" in text[a.end:b.start]


def np_before(toks: list[Tok], i: int, text: str = "", *, object_ok: bool = False) -> list[Tok]:
    """The speaker noun phrase ending just before token ``i`` (may be empty).

    "an activist in Homs said" keeps the locative: the speaker is
    "activist in Homs", not the town.
    """
    j = i
    if i > 0 and toks[i - 1].low in {"and", "&"}:
        return []  # "... inside Syria and says": a coordinated verb, not a subject
    while j > 0:
        t = toks[j - 1]
        if text and j < i and _newline_between(t, toks[j], text):
            break
        if np_word(t) or t.low in CONNECTORS or (
                t.low in DETERMINERS and j - 2 >= 0 and toks[j - 2].low in CONNECTORS):
            j -= 1
            continue
        break
    np = _trim(toks[j:i])
    if not np:
        return np
    k = next(n for n in range(j, i) if toks[n] is np[0])
    d = k - 1 if k >= 1 and toks[k - 1].low in DETERMINERS else k
    if d >= 3 and toks[d - 1].low in {"in", "at"} and toks[d - 2].low in {"based",
                                                                          "headquartered"}:
        # "a monitoring group based in the UK said": the group speaks, not the country
        head = np_before(toks, d - 2, text)
        if head:
            return head
    if d >= 2 and toks[d - 1].low in {"in", "from", "at"} and \
            base_form(toks[d - 2].low) in ROLE_NOUNS:
        head = np_before(toks, d - 1, text)
        if head:
            return head + toks[d - 1:i]
    p = k - 1
    while p >= 0 and toks[p].low in DETERMINERS:
        p -= 1
    if not object_ok and p >= 0 and toks[p].low in _PREPOSITIONS and not (
            toks[p].low == "of" and p > 0 and toks[p - 1].low in _QUANTIFIERS):
        return []  # "opponents of Assad said", "spoke to the media said": an object
    return np


def np_after(toks: list[Tok], i: int) -> list[Tok]:
    """The speaker noun phrase starting at token ``i`` (may be empty)."""
    return _trim(toks[i:_np_after_stop(toks, i)])


def _np_after_stop(toks: list[Tok], i: int) -> int:
    """Index of the first token after the noun phrase that `np_after` reads from ``i``."""
    j = i
    if j < len(toks) and toks[j].low in DETERMINERS:
        j += 1
    k = j
    while k < len(toks):
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        inner = nxt is not None and (np_word(nxt) or nxt.low in DETERMINERS)
        # a determiner only inside "of the", "for the": "According to SANA the army..." stops
        det_ok = t.low in DETERMINERS and k > j and toks[k - 1].low in CONNECTORS
        if np_word(t) or inner and (t.low in CONNECTORS or det_ok):
            k += 1
        else:
            break
    return k


def np_after_text(text: str, start: int, end: int, window: int = 256) -> tuple[int, int] | None:
    """Offsets of the noun phrase `np_after` finds at ``text[start:end]``, or None.

    Tokenises a growing window instead of the whole rest of the sentence, so that
    asking at every cue of a very long sentence stays linear.  The answer equals
    ``np_after(tokens(text, start, end), 0)``: a window is accepted only when the
    phrase stops two tokens before its edge (the stop looks one token ahead, and
    the last token of a window may be cut).
    """
    while True:
        stop = min(end, start + window)
        toks = tokens(text, start, stop)
        k = _np_after_stop(toks, 0)
        if stop == end or k + 2 < len(toks):
            np = _trim(toks[:k])
            return (np[0].start, np[-1].end) if np else None
        window *= 4


# speaker names repeat within and across articles, and these are pure functions of
# the name: caching them takes most of the per-attribution cost away
@functools.lru_cache(maxsize=8192)
def is_media(name: str) -> bool:
    low = name.lower().replace("’", "'")
    if low in OUTLETS:
        return True
    words = low.split()
    if any(w in OUTLETS for w in words) and (len(words) <= 3 or any(w in MEDIA_HEADS
                                                                     for w in words)):
        return True
    return bool(words) and words[-1] in MEDIA_HEADS or bool(_MULTIWORD_OUTLET.search(low))


#: any multi-word outlet name as a substring (what ``o in low`` tests, in one scan)
_MULTIWORD_OUTLET = re.compile("|".join(re.escape(o) for o in sorted(
    (o for o in OUTLETS if " " in o), key=lambda o: (-len(o), o))))


@functools.lru_cache(maxsize=8192)
def looks_like_person(name: str) -> bool:
    """A personal name or a singular person's role: who "he" or "she" can refer to."""
    words = name.replace("'s", "").split()
    if not words or is_media(name):
        return False
    if words[-1].lower() in PERSON_ROLES:
        return True
    return len(words) >= 2 and all(w[0].isupper() or _NAME_PARTICLE.match(w) for w in words) \
        and not any(w.lower() in ORG_WORDS or w.isupper() for w in words)


@functools.lru_cache(maxsize=8192)
def speaker_name(text: str) -> str:
    """Readable speaker: one line, ASCII apostrophes, outlets under one spelling."""
    name = " ".join(text.replace("’", "'").replace(",", " ").split()).strip(" ;:.-–—\"“”")
    low = name.lower()
    if low in OUTLET_NAMES:
        return OUTLET_NAMES[low]
    words = name.split()
    # "Sputnik news", "RT News" -> the outlet's own name
    if len(words) > 1 and words[-1].lower() == "news":
        rest = " ".join(words[:-1])
        if rest.lower() in OUTLETS or rest.isupper():
            return rest
    return name
