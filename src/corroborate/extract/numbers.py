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
"62 to 83", "62-83"
"a dozen" / "two dozen"     12/24  12/24  about
"dozens" / "tens"           24/20  None   at_least
"scores"                    40     None   at_least
"hundreds" / "thousands"    200/2000 None at_least
==========================  =====  =====  ==========

Pathological values (negative counts, more than `MAX_COUNT`) are reported as
invalid so that callers drop them with a warning rather than store them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Qualifier = Literal["exact", "at_least", "at_most", "about", "range"]

#: Larger counts are not casualty figures of one incident (world population scale).
MAX_COUNT = 10_000_000

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: Vague plurals: (min, qualifier).  "tens of thousands" multiplies.
VAGUE = {"dozens": 24, "tens": 20, "scores": 40, "hundreds": 200, "thousands": 2000,
         "millions": 2_000_000}

_U = "|".join(sorted(UNITS, key=len, reverse=True))
_T = "|".join(TENS)
_WORD_0_99 = rf"(?:(?:{_T})(?:[-\s](?:{_U}))?|{_U})"
_WORD_NUM = (
    rf"(?:{_WORD_0_99}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD_0_99})?)?"
    rf"(?:\s+(?:thousand|million)(?:\s+(?:and\s+)?{_WORD_0_99}(?:\s+hundred(?:\s+(?:and\s+)?"
    rf"{_WORD_0_99})?)?)?)?|a\s+hundred|a\s+thousand)"
)
_DIGIT_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
_ONE_NUM = rf"(?:{_DIGIT_NUM}|{_WORD_NUM})"
_VAGUE = (
    r"(?:(?:a|one|two|three|four|five|several|a\s+few)\s+dozen|"
    r"(?:dozens|tens|scores|hundreds|thousands|millions)(?:\s+of\s+(?:thousands|millions))?)"
)

_AT_LEAST = (r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of|"
             r"more\s+than|over|upwards\s+of|in\s+excess\s+of|above|exceeding|exceeded")
_AT_MOST = (r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than|fewer\s+than|"
            r"less\s+than|under|a\s+maximum\s+of")
_ABOUT = (r"about|around|some|approximately|roughly|an\s+estimated|estimated|nearly|almost|"
          r"close\s+to|circa|approx\.?|just\s+under|just\s+over|more\s+or\s+less")

NUMBER = re.compile(
    rf"""(?<![\w.,])(?<!\w-)
    (?:(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+)?
    (?:
      between\s+(?P<b1>{_ONE_NUM})\s+and\s+(?P<b2>{_ONE_NUM})
    | (?P<vague>{_VAGUE})
    | (?P<n1>{_ONE_NUM})(?:(?:\s*[-–]\s*|\s+to\s+|\s+or\s+)(?P<n2>{_ONE_NUM}))?
    )
    (?![\w])(?!,\d)(?!\.\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_QUAL_KIND: list[tuple[re.Pattern[str], Qualifier]] = [
    (re.compile(rf"(?:{_AT_LEAST})$", re.I), "at_least"),
    (re.compile(rf"(?:{_AT_MOST})$", re.I), "at_most"),
    (re.compile(rf"(?:{_ABOUT})$", re.I), "about"),
]


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


def parse_number(s: str) -> int | None:
    """Value of one number phrase ("1,200", "Sixty-two", "two hundred and five", "3.5 million")."""
    s = s.strip().lower()
    if not s:
        return None
    if s[0].isdigit():
        parts = s.split()
        try:
            base = float(parts[0].replace(",", ""))
        except ValueError:
            return None
        for p in parts[1:]:
            base *= SCALES.get(p, 1)
        return int(round(base))
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
        for pat, kind in _QUAL_KIND:
            if pat.match(" ".join(qual_word.split())):
                qualifier = kind
                break
        if qualifier == "at_least":
            hi = None
        elif qualifier == "at_most":
            lo = None
    return NumberMention(m.start(), m.end(), num_start, lo, hi, qualifier, vague, spelled,
                         negative, is_digit)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number mention in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    out = []
    for m in NUMBER.finditer(text, start, end):
        nm = mention_from_match(m, text)
        if nm is not None:
            out.append(nm)
    return out
