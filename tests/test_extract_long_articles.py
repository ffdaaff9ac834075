"""Attribution and framing stay linear in the length of an article.

No timings here (those are in ``benchmarks/bench_long_article.py``): the tests
count work instead.  Two counters, both deterministic:

* characters handed to the components' compiled regexes (``search``/``finditer``
  scan their whole range, ``match`` counts what it matched), which catches a
  pattern rescanning a sentence or the text once per match;
* Python lines executed inside ``attribution.py``, ``speakers.py`` and ``framing.py``, which
  catches a loop over every earlier attribution or sentence per candidate.

Doubling an article must roughly double both.  The texts repeat a hand-written
paragraph, once as paragraphs and once as a single endless sentence (the shape
that made per-sentence rescans quadratic).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

import pytest

from corroborate.doc import Doc
from corroborate.extract import attribution, extract, framing, sentences, speakers
from corroborate.models import Article

PARAGRAPH = (
    "Government officials said on Tuesday that 12 civilians were killed in the airstrike "
    "near the town. \u201cIt was a deliberate attack, not a mistake as Washington claims,\u201d "
    "said the ministry spokesman. According to Reuters, the coalition denied the reports and "
    "called them fabricated. The army later released a statement saying the strike was "
    "carried out by mistake, adding that an investigation was under way. Local activists "
    "told AFP the raid killed 8 fighters, but the command acknowledged responsibility for "
    "the strike. The accounts were denied by state television. He added that nobody had "
    "claimed responsibility, and Foreign Minister Walid Harb said the raid was intentional."
)


def _article(size: int, *, one_sentence: bool) -> Article:
    para = PARAGRAPH.replace(". ", ", ") if one_sentence else PARAGRAPH
    sep = " " if one_sentence else "\n\n"
    unit = para + sep
    return Article(id=f"long-{size}", title="A long report",
                   text=(unit * (size // len(unit) + 1))[:size])


class _CountingPattern:
    """A compiled regex that adds the characters it is asked to scan to a counter."""

    def __init__(self, rx: re.Pattern[str], counter: list[int]) -> None:
        self.rx = rx
        self.counter = counter

    def _scan(self, string: str, pos: int, endpos: int | None) -> None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self.counter[0] += max(0, end - pos)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._scan(string, pos, endpos)
        return self.rx.search(string, pos, sys.maxsize if endpos is None else endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._scan(string, pos, endpos)
        return self.rx.finditer(string, pos, sys.maxsize if endpos is None else endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._scan(string, pos, endpos)
        return self.rx.findall(string, pos, sys.maxsize if endpos is None else endpos)

    def _anchored(self, method: str, string: str, pos: int, endpos: int | None) -> Any:
        m = getattr(self.rx, method)(string, pos, sys.maxsize if endpos is None else endpos)
        self.counter[0] += 1 + (m.end() - pos if m else 0)
        return m

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._anchored("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._anchored("fullmatch", string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rx, name)


def _count_regex(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counter = [0]
    for mod in (attribution, speakers, framing):
        for name, value in list(vars(mod).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(mod, name, _CountingPattern(value, counter))
    monkeypatch.setattr(framing, "CUES", [(label, _CountingPattern(rx, counter), neg)
                                          for label, rx, neg in framing.CUES])
    return counter


def _count_lines(fn: Callable[[], object]) -> int:
    files = {attribution.__file__, speakers.__file__, framing.__file__}
    n = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal n
        if event == "line":
            n += 1
        return local

    def calls(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename in files else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return n


def _attribute_and_frame(article: Article) -> Doc:
    doc = sentences.create()(Doc(article))
    doc = attribution.create()(doc)
    return framing.create()(doc)


@pytest.mark.parametrize("one_sentence", [False, True], ids=["paragraphs", "one-sentence"])
def test_extract_long_article_work_grows_linearly(monkeypatch: pytest.MonkeyPatch,
                                                  one_sentence: bool) -> None:
    size = 60_000
    _attribute_and_frame(_article(size // 4, one_sentence=one_sentence))  # warm the caches
    counter = _count_regex(monkeypatch)
    work = []
    for n in (size, 2 * size):
        article = _article(n, one_sentence=one_sentence)
        counter[0] = 0
        docs: list[Doc] = []
        lines = _count_lines(lambda a=article, out=docs: out.append(_attribute_and_frame(a)))
        work.append((counter[0], lines, len(docs[0].get("attributions")),
                     len(docs[0].get("framing"))))
    (chars1, lines1, attrs1, frames1), (chars2, lines2, attrs2, frames2) = work
    # the outputs double with the input, so the work may double too, and no more
    assert attrs1 > 100 and frames1 > 50
    assert 1.9 < attrs2 / attrs1 < 2.1 and 1.9 < frames2 / frames1 < 2.1
    assert chars2 / chars1 < 2.2, (chars1, chars2)
    assert lines2 / lines1 < 2.2, (lines1, lines2)


@pytest.mark.slow
def test_extract_one_megabyte_article_is_well_formed(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _article(1_000_000, one_sentence=False)
    counter = _count_regex(monkeypatch)
    doc = _attribute_and_frame(article)
    # every character is scanned by a bounded number of patterns, not once per match
    assert counter[0] < 80 * len(article.full_text), counter[0]
    attrs, scopes = doc.get("attributions"), doc.get("attribution_scopes")
    assert len(attrs) == len(scopes) > 5_000
    for a in attrs[:: max(1, len(attrs) // 500)]:
        assert article.full_text[a.span.start:a.span.end] == a.span.text
    monkeypatch.undo()
    data = extract(article).to_dict()
    assert data["id"] == article.id and data["incidents"]
    json.dumps(data)
