"""Faster `re` searches for patterns that can only open with one of a few words.

A long alternation such as "killed|killing|...|the deaths of" has no literal or
character-class prefix, so ``pattern.search`` tries it at every offset of the
window.  When each branch of a pattern starts with ``\\b``, one of a known set
of words, and then a non-word character, a match can only start at a word that
(lower-cased) is in that set.  `search_at_words` and `finditer_at_words` let
`re` find the words (in C) and try the pattern only there, in order, so they
return exactly what ``search`` and ``finditer`` return, several times faster.

Words with non-ASCII letters are always tried: under IGNORECASE, "K" (Kelvin)
matches "k" and "ſ" matches "s", which ``str.lower`` does not give.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_WORD_START = re.compile(r"\b\w+")


def search_at_words(pattern: re.Pattern[str], first: Collection[str], text: str, pos: int = 0,
                    endpos: int | None = None) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` for a pattern whose matches open with a word
    in ``first`` (lower case; see the module docstring for the precondition)."""
    end = len(text) if endpos is None else endpos
    match = pattern.match
    for w in _WORD_START.finditer(text, pos, end):
        word = w.group()
        if word.isascii() and word.lower() not in first:
            continue
        m = match(text, w.start(), end)
        if m is not None:
            return m
    return None


def finditer_at_words(pattern: re.Pattern[str], first: Collection[str], text: str, pos: int,
                      end: int) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, pos, end))`` under the precondition of `search_at_words`
    (the pattern never matches the empty string, as a word must open each match)."""
    out: list[re.Match[str]] = []
    while True:
        m = search_at_words(pattern, first, text, pos, end)
        if m is None:
            return out
        out.append(m)
        pos = m.end()  # finditer goes on after the match
