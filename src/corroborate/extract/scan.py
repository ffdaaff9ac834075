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
from collections.abc import Collection, Iterable
from functools import lru_cache

#: ``re.IGNORECASE`` as a plain int: ``pattern.flags & re.IGNORECASE`` goes through the
#: ``enum`` machinery in Python, a visible cost at thousands of searches per article
_IGNORECASE = int(re.IGNORECASE)


@lru_cache(maxsize=128)
def _finder(first: frozenset[str], ignorecase: bool) -> re.Pattern[str]:
    """Where a match may open: a whole word of ``first`` (in the pattern's case rule), or
    any word with a non-ASCII character (tried always, see the module docstring).  Found
    by `re` in C rather than by testing every word of the window in Python."""
    alts = "|".join(re.escape(w) for w in sorted(first, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:(?:{alts})(?!\w)|(?=\w*[^\x00-\x7f]))",
                      re.IGNORECASE if ignorecase else 0)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (spaces in a phrase match any whitespace run),
    shaped as a trie: ``re`` tries the branches of a flat alternation one by one at every
    offset, and a trie shares their prefixes.

    It matches what the flat alternation with the longest phrase first matches: branches
    that part at a character can never both match at one offset, so their order is moot,
    and where one phrase is a prefix of another the trie tries the longer first (its
    optional tail is greedy), as the flat order by length does.
    """
    tree: dict[str, dict] = {}
    for phrase in set(phrases):
        node = tree
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [atom + emit(sub) for atom, sub in sorted(node.items()) if atom]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(alts) > 1 or len(body) > 1 else f"{body}?"

    return emit(tree)


def _atoms(phrase: str) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            out.append(r"\s+")
        out.extend(re.escape(ch) for ch in word)
    return out


def _finder_for(pattern: re.Pattern[str], first: Collection[str]) -> re.Pattern[str]:
    return _finder(first if isinstance(first, frozenset) else frozenset(first),
                   bool(pattern.flags & _IGNORECASE))


def search_at_words(pattern: re.Pattern[str], first: Collection[str], text: str, pos: int = 0,
                    endpos: int | None = None) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` for a pattern whose matches open with a word
    in ``first`` (lower case; see the module docstring for the precondition)."""
    end = len(text) if endpos is None else endpos
    match = pattern.match
    for w in _finder_for(pattern, first).finditer(text, pos, end):
        m = match(text, w.start(), end)
        if m is not None:
            return m
    return None


def finditer_at_words(pattern: re.Pattern[str], first: Collection[str], text: str, pos: int,
                      end: int) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, pos, end))`` under the precondition of `search_at_words`
    (the pattern never matches the empty string, as a word must open each match)."""
    out: list[re.Match[str]] = []
    match = pattern.match
    # one pass over the opening words: a word that starts inside the last match is skipped,
    # as a new search from that match's end would skip it (the finder's matches are whole
    # words or empty, so none spans a match's end into a word a new search would find)
    for w in _finder_for(pattern, first).finditer(text, pos, end):
        at = w.start()
        if at < pos:
            continue
        m = match(text, at, end)
        if m is not None:
            out.append(m)
            pos = m.end()  # finditer goes on after the match
    return out
