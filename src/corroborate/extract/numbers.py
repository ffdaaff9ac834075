"""Numbers in news copy: digits, words, vague quantities, qualifiers and ranges.

`find_numbers` scans a text once with a single compiled regex built from word
tables (no per-token Python work), then turns each match into a `NumberMention`
with a value range and a qualifier.

Conventions (documented in ``docs/evaluation.md``):

==========================  =====  =====  ==========
phrase                      min    max    qualifier
==========================  =====  =====  ==========
"62", "Sixty-two"           62     62     exact
"at least 70", "over 100",  70     None   at_least
"more than 100"             (the stated figure, not +1)
"up to 80", "as many as"    None   80     at_most
"about 50", "some 170",     50     50     about
"nearly 90", "almost"
"between 62 and 83",        62     83     range
"62 to 83", "62-83",
"500 to well over 1000"     500    1000   range
"a dozen" / "two dozen"     12/24  12/24  about
"dozens" / "tens"           24/20  None   at_least
"scores"                    40     None   at_least
"hundreds" / "thousands"    200/2000 None at_least
"several"                   3      None   at_least
"multiple", "a few"         2      None   at_least
==========================  =====  =====  ==========

Pathological values (negative counts, more than `MAX_COUNT`) are reported as
invalid so that callers drop them with a warning rather than store them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..doc import safe_lower
from ..lang.en.numbers import FEW, QUALIFIERS, SCALES, TENS, UNITS, VAGUE, Qualifier

#: Larger counts are not casualty figures of one incident (world population scale).
MAX_COUNT = 10_000_000

_U = "|".join(sorted(UNITS, key=lambda w: (-len(w), w)))
_T = "|".join(TENS)
#: scale words after the hundreds ("thousand" ... "quintillion"), longest first
_S = "|".join(sorted((w for w in SCALES if w != "hundred"), key=lambda w: (-len(w), w)))
_WORD_0_99 = rf"(?:(?:{_T})(?:[-\s](?:{_U}))?|{_U})"
_WORD_NUM = (
    rf"(?:{_WORD_0_99}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD_0_99})?)?"
    rf"(?:\s+(?:{_S})(?:\s+(?:and\s+)?{_WORD_0_99}(?:\s+hundred(?:\s+(?:and\s+)?"
    rf"{_WORD_0_99})?)?)?)?|a\s+hundred|a\s+thousand)"
)
_DIGIT_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|{_S}))?"
_ONE_NUM = rf"(?:{_DIGIT_NUM}|{_WORD_NUM})"
_FEW = "|".join(r"\s+".join(w.split()) for w in sorted(FEW, key=lambda w: (-len(w), w)))
_VAGUE = (
    r"(?:(?:a|one|two|three|four|five|several|a\s+few)\s+dozen|"
    r"(?:dozens|tens|scores|hundreds|thousands|millions)(?:\s+of\s+(?:thousands|millions))?|"
    # "several people" (but "several hundred" is a larger figure this table does not read)
    rf"(?:{_FEW})"
    r"(?!\s+(?:hundred|thousand|million|dozen)))"
)

_QUALIFIERS = QUALIFIERS
#: qualifier phrases by their last word, longest first, for the backwards lookup
_QUAL_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _q in sorted(_QUALIFIERS, key=lambda q: -len(q.split())):
    _QUAL_BY_LAST.setdefault(_q.split()[-1], []).append(tuple(_q.split()))
_QUAL_RE = "|".join(r"\s+".join(re.escape(w) for w in q.split())
                    for q in sorted(_QUALIFIERS, key=lambda w: (-len(w), w)))

NUMBER = re.compile(
    rf"""(?<![\w.,])(?<!\w-)(?<![\^*])(?<![\^*]\s)
    (?:(?P<qual>{_QUAL_RE})\s+)?
    (?:
      between\s+(?P<b1>{_ONE_NUM})\s+and\s+(?P<b2>{_ONE_NUM})
    | (?P<vague>{_VAGUE})
    | (?P<n1>{_ONE_NUM})(?:(?:\s*[-–]\s*|\s+to\s+(?:(?:well\s+)?(?:over|more\s+than|above)\s+)?
       |\s+or\s+)(?P<n2>{_ONE_NUM}))?
    )
    (?![\w])(?!,\d)(?!\.\d)(?!\s*(?:\^|\*\*))
    """,
    re.VERBOSE | re.IGNORECASE,
)

@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int  # including any qualifier ("at least 70")
    end: int
    num_start: int  # the figure itself
    min: int | None
    max: int | None
    qualifier: Qualifier
    vague: bool = False  # "dozens", "hundreds"
    spelled: bool = False  # written in words
    negative: bool = False  # "-5"
    is_digit: bool = False

    @property
    def value(self) -> int | None:
        """The single figure a toll uses: the stated figure (upper bound of a range)."""
        return self.max if self.max is not None else self.min

    @property
    def valid(self) -> bool:
        v = self.value
        return not self.negative and v is not None and 0 <= v <= MAX_COUNT


# a pure function of a short phrase, called for every figure: the same few hundred
# phrases ("two", "1,200", "dozens") make most of them
@lru_cache(maxsize=4096)
def parse_number(s: str) -> int | None:
    """Value of one number phrase ("1,200", "Sixty-two", "two hundred and five", "3.5 million")."""
    s = s.strip().lower()
    if not s:
        return None
    if s[0].isdigit():
        parts = s.split()
        try:
            # exact decimals: 1.1 million is 1,100,000, not 1,100,000.0000000002
            base = Decimal(parts[0].replace(",", ""))
        except InvalidOperation:
            return None
        for p in parts[1:]:
            base *= SCALES.get(p, 1)
        if base != int(base):
            return None  # "3.5 civilians": a fraction of a person is no head count
        return int(base)
    total = 0
    current = 0
    for w in re.split(r"[\s-]+", s):
        if w == "and":
            continue
        if w == "a":
            current = 1
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
    return total + current


def _vague(s: str) -> tuple[int, Qualifier, int | None]:
    s = " ".join(s.lower().split())
    if s.endswith("dozen"):
        head = s[: -len("dozen")].strip()
        n = {"a": 1, "one": 1, "several": 3, "a few": 2}.get(head) or UNITS.get(head, 1)
        return 12 * n, "about", 12 * n
    if s in FEW:
        return FEW[s], "at_least", None
    words = s.split()
    lo = VAGUE[words[0]]
    if len(words) == 3:  # "tens of thousands"
        lo = lo * SCALES[words[2].rstrip("s")]
    return lo, "at_least", None


def mention_from_match(m: re.Match[str], text: str) -> NumberMention | None:
    qual_word = m.group("qual")
    num_start = m.start("qual") if qual_word is None else m.end("qual")
    num_start = m.start() if qual_word is None else num_start
    while num_start < m.end() and text[num_start].isspace():
        num_start += 1
    negative = m.start() > 0 and text[m.start() - 1] in "-−" and (
        m.start() < 2 or not text[m.start() - 2].isalnum())
    qualifier: Qualifier = "exact"
    lo: int | None
    hi: int | None
    vague = spelled = False
    is_digit = False
    if m.group("b1") is not None:
        lo, hi = parse_number(m.group("b1")), parse_number(m.group("b2"))
        qualifier = "range"
    elif m.group("vague") is not None:
        lo, qualifier, hi = _vague(m.group("vague"))
        vague = True
    else:
        n1 = m.group("n1")
        spelled = not n1[0].isdigit()
        is_digit = not spelled
        lo = hi = parse_number(n1)
        if m.group("n2") is not None:
            hi2 = parse_number(m.group("n2"))
            sep = text[m.end("n1"):m.start("n2")].strip().lower()
            if lo is not None and hi2 is not None and hi2 > lo and (sep != "-" or hi2 < 10 * max(lo, 1)):
                hi = hi2
                qualifier = "range"
            elif sep in ("-", "–", "") and lo is not None and hi2 is not None:
                return None  # "2-1", a score or an id, not a count
            else:
                hi = hi2 if hi2 is not None else hi
                lo = hi
    if lo is None and hi is None:
        return None
    if qual_word is not None and qualifier in ("exact", "about"):
        qualifier = _QUALIFIERS.get(" ".join(qual_word.lower().split()), qualifier)
        if qualifier == "at_least":
            hi = None
        elif qualifier == "at_most":
            lo = None
    return NumberMention(m.start(), m.end(), num_start, lo, hi, qualifier, vague, spelled,
                         negative, is_digit)


_DIGITS = re.compile(r"[0-9]+")
_WORD_BACK = re.compile(r"[A-Za-z.]+")
_WORD_BACK_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _qualifier_start(text: str, p: int, floor: int) -> int:
    """Start of a qualifier phrase ("at least", "up to") that ends just before ``p`` (> 0)."""
    if not text[p - 1].isspace():
        return p  # most figures follow a space; the rest ("(5", "$5") have no qualifier
    lo = max(floor, p - 24)
    # the last word before the figure, read backwards: unless it can end a qualifier, the
    # words before it do not matter (most figures)
    j = p - 1
    while j >= lo and text[j] not in _WORD_BACK_CHARS:
        j -= 1
    i = j
    while i >= lo and text[i] in _WORD_BACK_CHARS:
        i -= 1
    if i == j or text[i + 1:j + 1].lower() not in _QUAL_BY_LAST:
        return p
    words = [(m.start(), m.group().lower()) for m in _WORD_BACK.finditer(text, lo, p)]
    if not words or words[-1][0] + len(words[-1][1]) > p or not text[p - 1].isspace():
        return p
    options = _QUAL_BY_LAST.get(words[-1][1])
    if not options:
        return p
    for q in options:
        k = len(q)
        if len(words) >= k and tuple(w for _s, w in words[-k:]) == q:
            return words[-k][0]
    return p
_CANDIDATE_WORDS = (*UNITS, *TENS, *VAGUE, *FEW, "dozen", "between", "a hundred", "a thousand",
                    "a dozen", "a few dozen", "several dozen")


@lru_cache(maxsize=8)
def word_automaton(words: tuple[str, ...]) -> Any:
    """An Aho-Corasick automaton over ``words`` (value: the word's length), built once.

    Used to find candidate positions in one C-speed pass: trying the full `NUMBER`
    regex at every character of an article costs more than the rest of casualty
    extraction; trying it only where a digit or a number word starts makes the scan
    about ten times cheaper.
    """
    import ahocorasick  # C extension, imported on first use

    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def candidates(text: str, start: int = 0, end: int | None = None,
               lower: str | None = None) -> list[int]:
    """Sorted offsets where a number mention may start (a digit run or a number word)."""
    end = len(text) if end is None else end
    lower = safe_lower(text) if lower is None else lower
    out = [m.start() for m in _DIGITS.finditer(text, start, end)]
    # iterate over the slice: the automaton converts its whole input on every call
    for e, n in word_automaton(_CANDIDATE_WORDS).iter(lower[start:end]):
        e += start
        s = e - n + 1
        if (s > 0 and lower[s - 1].isalpha()) or (e + 1 < len(lower) and lower[e + 1].isalpha()):
            continue
        out.append(s)
    out.sort()
    return out


def find_numbers(text: str, start: int = 0, end: int | None = None,
                 lower: str | None = None) -> list[NumberMention]:
    """Every number mention in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    out: list[NumberMention] = []
    last = start
    for p in candidates(text, start, end, lower):
        if p < last:
            continue
        q = _qualifier_start(text, p, last) if p > 0 else p
        m = NUMBER.match(text, q, end)
        if m is None and q != p:
            m = NUMBER.match(text, p, end)
        if m is None:
            continue
        nm = mention_from_match(m, text)
        last = m.end()
        if nm is not None:
            out.append(nm)
    return out
