"""Rule-based sentence splitting with character offsets.

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets)
followed by whitespace and something that can open a sentence (a capital, a
digit or an opening quote), unless the word before the stop is a known
abbreviation ("U.S.", "Gen.", "Mr.", "No. 5") or a single initial.  Line breaks
are paragraph boundaries in news copy, so a newline always splits unless the
next line starts in lower case (hard-wrapped text).  A leading dateline such as
"Fri 07 Apr 2017 at 0914", "Posted on April 19 2017 by ..." or "12-02-2015"
becomes its own sentence, so the title that FA-KES repeats after it is not glued
to a date.

The splitter is a single compiled regex scan plus a few checks per candidate,
which keeps it far below a millisecond on a typical news article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..pipeline import Component, component
from .numbers import word_automaton

#: Words that end with a full stop without ending the sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
        "adm", "gov", "sen", "rep", "rev", "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "etc",
        "approx", "dept", "est", "inc", "ltd", "co", "corp", "bros", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "al", "op", "ed", "vol",
        "art", "sec", "u.s", "u.n", "u.k", "u.a.e", "e.u", "a.m", "p.m", "i.e", "e.g", "d.c"
    ]
)
#: Abbreviations that are normally followed by a number ("No. 5", "Art. 3").
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "sec", "vol", "fig", "op"})
#: Abbreviations that may legitimately end a sentence when a capital follows.
_FINAL_ABBREVIATIONS = frozenset({"u.s", "u.n", "u.k", "u.a.e", "e.u", "etc", "a.m", "p.m", "d.c"})

_CANDIDATE = re.compile(
    r"""(?P<stop>[.!?]+|…)(?P<close>["'”’)\]]*)(?P<gap>[ \t\u00a0]+|(?=\n))"""
    r"""|(?P<nl>[ \t]*\r?\n\s*)"""
)
#: `_CANDIDATE` as two patterns, each opening with a character class: `re` then skips
#: to the next possible first character in C instead of trying the pattern at every
#: offset (an alternation of groups gets no such prefix scan), which halves the cost
#: of splitting.  `_candidates` merges their matches into what `_CANDIDATE` finds.
#: ``[.!?…](?:(?<=[.!?])[.!?]*)?`` is ``[.!?]+|…``; the lookbehinds pick the branch
#: that the first character allows.
_STOP_CANDIDATE = re.compile(
    r"""(?P<stop>[.!?…](?:(?<=[.!?])[.!?]*)?)(?P<close>["'”’)\]]*)(?P<gap>[ \t\u00a0]+|(?=\n))""")
_NL_CANDIDATE = re.compile(
    r"""(?P<nl>[ \t\r\n](?:(?<=[ \t])[ \t]*\r?\n|(?<=\r)\n|(?<=\n))\s*)""")
_OPENER = re.compile(r"""["'“‘(\[]?[A-Z0-9À-Ý]""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
#: A dateline at the start of a body: "Sun 16 Apr 2017", "Published July 5 2015",
#: "Posted on April 19 2017 by Asharq Al-Awsat English", "12-02-2015", "03.04.2017(...)".
DATELINE = re.compile(
    rf"""(?:(?:Posted|Published|Updated)(?:\s+on)?:?\s+)?(?:{_WEEKDAY}\s+)?
    (?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[-./]\d{{1,2}}[-./]\d{{4}})
    (?:,?\s+(?:at\s+)?\d{{1,2}}:?\d{{2}}(?:\s*(?:GMT|UTC|am|pm))?)?
    (?:\s+by\s+(?:Asharq\s+Al-Awsat\s+English|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}}))?
    """,
    re.VERBOSE,
)


def _nl_search(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``_NL_CANDIDATE.search(text, pos, end)``: every match holds a line break, and the
    leftmost one starts at the spaces (and "\\r") right before the first "\\n" after
    ``pos``; finding that in C beats trying the pattern at every space of the text."""
    nl = text.find("\n", pos, end)
    if nl < 0:
        return None
    q = nl
    if q > pos and text[q - 1] == "\r":
        q -= 1
    while q > pos and text[q - 1] in " \t":
        q -= 1
    return _NL_CANDIDATE.match(text, q, end)


def _candidates(text: str, start: int, end: int) -> Iterator[tuple[re.Match[str], bool]]:
    """``(match, is_newline)`` for each match of ``_CANDIDATE.finditer(text, start, end)``.

    The two patterns never match at the same offset (their first characters differ), so
    the leftmost of the next match of each is the next match of the alternation.
    """
    stop = _STOP_CANDIDATE.search(text, start, end)
    nl = _nl_search(text, start, end)
    while stop is not None or nl is not None:
        if nl is None or (stop is not None and stop.start() < nl.start()):
            m, is_nl = stop, False
        else:
            m, is_nl = nl, True
        assert m is not None
        yield m, is_nl
        pos = m.end()
        # a pending match that starts at or after ``pos`` is still the next one of its kind
        if stop is not None and stop.start() < pos:
            stop = _STOP_CANDIDATE.search(text, pos, end)
        if nl is not None and nl.start() < pos:
            nl = _nl_search(text, pos, end)


def _is_abbreviation(text: str, stop_at: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, stop_at - 12), stop_at)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy"
    return word in ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence offsets ``(start, end)`` in ``text[start:end]``, whitespace-trimmed."""
    end = len(text) if end is None else end
    bounds: list[tuple[int, int]] = []
    sent_start = start
    # A dateline at the top of the body is a sentence of its own.
    lead = start
    while lead < end and text[lead].isspace():
        lead += 1
    m = DATELINE.match(text, lead, end)
    if m and m.end() < end and (text[m.end()].isspace() or text[m.end()] in "(-—–:"):
        bounds.append((lead, m.end()))
        sent_start = m.end()
    for m, is_nl in _candidates(text, sent_start, end):
        if is_nl:
            nxt = m.end()
            if nxt < end and text[nxt].islower() and "\n\n" not in m.group("nl").replace("\r", ""):
                continue  # a hard-wrapped line, not a paragraph
            cut, nxt_start = m.start(), m.end()
        else:
            nxt = m.end()
            if nxt < end and not _OPENER.match(text, nxt):
                continue
            stop = m.group("stop")
            if stop == "." and _is_abbreviation(text, m.start()):
                word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
                w = word.group(1).lower().rstrip(".") if word else ""
                if w in _NUMBER_ABBREVIATIONS or w not in _FINAL_ABBREVIATIONS:
                    continue
                # "U.S." ends a sentence only when a new sentence clearly starts:
                # a capitalised function word, not a name ("U.S. Army").
                if not re.match(r"(?:The|A|An|It|He|She|They|We|In|On|At|But|This|That|"
                                r"There|Its|His|Her|Their)\b", text[nxt:nxt + 6]):
                    continue
            if stop == "." and m.start() > 0 and text[m.start() - 1].isdigit() and nxt < end \
                    and text[nxt].isdigit() and not m.group("gap").strip(" \t\u00a0"):
                continue
            cut, nxt_start = m.start() + len(stop) + len(m.group("close")), m.end()
        _push(text, bounds, sent_start, cut)
        sent_start = nxt_start
    _push(text, bounds, sent_start, end)
    return bounds


def sentences_with(words: tuple[str, ...], folded: str,
                   sents: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the sentences ``(s, e)`` where one of ``words`` occurs in ``folded[s:e]``.

    The same answer as searching each sentence for the words (a trie regex of them), from
    one Aho-Corasick pass over the text: the per-sentence searches scanned every sentence
    and were a visible part of the attribution and framing run time.
    """
    ends = [e for _, e in sents]
    starts = [s for s, _ in sents]
    if any(s > e for s, e in sents) or any(e > s for e, s in zip(ends, starts[1:], strict=False)):
        # not sorted and disjoint: an occurrence is not in one findable sentence
        return [n for n, (s, e) in enumerate(sents) if any(w in folded[s:e] for w in words)]
    keep = [False] * len(sents)
    for last, n in word_automaton(words).iter(folded):
        # an occurrence ``folded[last - n + 1:last + 1]``: only the last sentence starting
        # at or before it can hold it
        k = bisect_right(starts, last - n + 1) - 1
        if k >= 0 and last < ends[k]:
            keep[k] = True
    return [n for n, k in enumerate(keep) if k]


def _push(text: str, bounds: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        bounds.append((s, e))


def create(settings: Settings | None = None) -> Component:
    @component("sentences", requires=(), assigns=("sentences",))
    def sentences(doc: Doc) -> Doc:
        title_end = doc.title_end
        spans: list[tuple[int, int]] = []
        if title_end:
            # The title is always its own sentence, whatever its punctuation.
            spans.extend(split_sentences(doc.text, 0, title_end))
        spans.extend(split_sentences(doc.text, title_end))
        doc.set("sentences", spans)
        return doc

    return cast(Component, sentences)
