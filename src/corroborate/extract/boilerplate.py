"""The ``boilerplate`` component: page furniture blanked out of the body.

Crawled pages carry login walls, newsletter widgets, cookie banners, redirect
notices, video playlists and station promotions (``lang/en/boilerplate``).  A
paragraph that opens with such a phrase, a short one that contains it, or a
playlist line, is blanked: its characters become spaces in ``doc.text``
(newlines kept), so every later component reads the same offsets as
``Article.full_text`` but finds nothing there.  When every paragraph of the body
is furniture (or a short label beside it) the title is all the report there is,
and the document says so in a warning.

Spans stay exact: the title and the paragraphs that are kept are unchanged, and
no sentence crosses a newline, so no span can reach into a blanked paragraph.
"""

from __future__ import annotations

import re
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..lang.en import boilerplate as lex
from ..pipeline import Component, component

_PHRASE = re.compile("|".join(f"(?:{p})" for p in lex.PHRASES), re.IGNORECASE)
#: the same phrases matched case-sensitively, for lower-cased ASCII paragraphs: IGNORECASE
#: makes `re` try every branch at every offset, this form is about four times faster.  On
#: ASCII text it finds what `_PHRASE` finds (no "K"/"ſ"-style folds there), provided the
#: lexicon writes its phrases in lower case; when one does not, `_phrase` keeps to `_PHRASE`.
_PHRASE_LOWER = (re.compile("|".join(f"(?:{p})" for p in lex.PHRASES))
                 if all(p == p.lower() for p in lex.PHRASES) else None)
#: phrases of ASCII only: a paragraph with other characters can then be lower-cased too
#: (`_folds_as_lower`)
_ASCII_PHRASES = all(p.isascii() for p in lex.PHRASES)


def required_literal(pattern: str) -> str | None:
    """The longest run of plain characters that every match of ``pattern`` contains (outside
    groups and classes, without a character a quantifier makes optional), or None when there
    is none of three characters or more, or the pattern has a top-level alternation."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" or c == "[":
            runs.append("".join(run))
            run = []
            if c == "\\":
                i += 2
                continue
            # a class: skip to its closing bracket (one right after "[" or "[^" is a member)
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if i < n and pattern[i] == "]" else 0
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c in "?*+{":
            if run:
                run.pop()  # "clicks?": the "s" may be absent
            runs.append("".join(run))
            run = []
            if c == "{":
                close = pattern.find("}", i)
                i = n if close < 0 else close
        elif c == "(":
            depth += 1
            runs.append("".join(run))
            run = []
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return None
        elif c in ".^$|" or depth > 0:
            runs.append("".join(run))
            run = []
        else:
            run.append(c)
        i += 1
    runs.append("".join(run))
    best = max(runs, key=len)
    return best if len(best) >= 3 else None


#: for each phrase, a literal its every match holds: a paragraph holding none of them holds
#: no phrase, which a few substring tests tell far faster than the alternation's search
_LITERALS: tuple[str, ...] | None = tuple(
    lit for lit in (required_literal(p) for p in lex.PHRASES) if lit is not None)
if _LITERALS is not None and len(_LITERALS) < len(lex.PHRASES):
    _LITERALS = None  # a phrase without one: search always
_PLAYLIST = re.compile(lex.PLAYLIST_ITEM)
_PARAGRAPH = re.compile(r"[^\n]+")
#: a paragraph shorter than this that contains a furniture phrase anywhere is furniture
_SHORT = 300
#: how far into a longer paragraph its furniture phrase may start
_OPENING = 60

TITLE_ONLY = "the body is page furniture (a login wall, a widget, a playlist): only the title was read"


def _phrase(para: str, end: int) -> re.Match[str] | None:
    """``_PHRASE.search(para, 0, end)``, faster on a paragraph that lower-cases safely."""
    if _PHRASE_LOWER is not None:
        low = para.lower()
        if para.isascii() or (_ASCII_PHRASES and _folds_as_lower(para, low)):
            if _LITERALS is not None:
                head = low[:end]
                if not any(lit in head for lit in _LITERALS):
                    return None
            return _PHRASE_LOWER.search(low, 0, end)
    return _PHRASE.search(para, 0, end)


def _folds_as_lower(para: str, low: str) -> bool:
    """Whether an IGNORECASE search of ASCII phrases in ``para`` finds what a case-sensitive
    search of them finds in ``low``: the only characters outside ASCII that IGNORECASE
    matches to an ASCII letter are "ı" and "ſ" (lower-cased, they stay), "İ" (lower-cased,
    it is two characters) and the Kelvin sign (lower-cased, it is "k")."""
    return len(low) == len(para) and "ı" not in low and "ſ" not in low


def _paragraphs(text: str, start: int, end: int) -> list[tuple[tuple[int, int], bool]]:
    found = []
    for m in _PARAGRAPH.finditer(text, start, end):
        para = m.group(0).strip()
        if para:
            # a long paragraph is furniture only if it opens with the phrase: search its
            # opening, not the whole of it
            hit = _phrase(para, len(para) if len(para) < _SHORT else _OPENING + 80)
            found.append(((m.start(), m.end()), _PLAYLIST.match(para) is not None,
                          hit is not None and (len(para) < _SHORT or hit.start() < _OPENING)))
    # one paragraph opening with a clock time ("9:30 Police were called") is a report; a
    # run of clip durations and headlines is a playlist
    playlist = sum(clip for _span, clip, _phrase in found) >= 2
    return [(span, phrase or (clip and playlist)) for span, clip, phrase in found]


def blank(doc: Doc) -> tuple[str, list[tuple[int, int]], bool]:
    """The text with the body's furniture blanked, the blanked ranges, and whether the
    body was nothing but furniture."""
    text = doc.text
    paragraphs = _paragraphs(text, doc.title_end, len(text))
    ranges = [span for span, is_furniture in paragraphs if is_furniture]
    if not ranges:
        return text, [], False
    title_only = all(is_furniture or (e - s) <= lex.LABEL_MAX_CHARS
                     for (s, e), is_furniture in paragraphs)
    if title_only:
        ranges = [span for span, _is in paragraphs]
    parts, last = [], 0
    for s, e in ranges:
        parts.append(text[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts), ranges, title_only


def create(settings: Settings | None = None) -> Component:
    @component("boilerplate", assigns=("boilerplate",))
    def boilerplate(doc: Doc) -> Doc:
        text, ranges, title_only = blank(doc)
        if ranges:
            doc.text = text
            if title_only and doc.title_end:
                warnings = list(doc.get("warnings") or [])
                warnings.append(TITLE_ONLY)
                doc.set("warnings", warnings)
        doc.set("boilerplate", ranges)
        return doc

    return cast(Component, boilerplate)
