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
_PLAYLIST = re.compile(lex.PLAYLIST_ITEM)
_PARAGRAPH = re.compile(r"[^\n]+")
#: a paragraph shorter than this that contains a furniture phrase anywhere is furniture
_SHORT = 300
#: how far into a longer paragraph its furniture phrase may start
_OPENING = 60

TITLE_ONLY = "the body is page furniture (a login wall, a widget, a playlist): only the title was read"


def _phrase(para: str, end: int) -> re.Match[str] | None:
    """``_PHRASE.search(para, 0, end)``, faster on an ASCII paragraph."""
    if _PHRASE_LOWER is not None and para.isascii():
        return _PHRASE_LOWER.search(para.lower(), 0, end)
    return _PHRASE.search(para, 0, end)


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
