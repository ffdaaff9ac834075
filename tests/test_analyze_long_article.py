"""A long article reporting many incidents: no stage may re-read it once per incident."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.compare import common
from corroborate.config import Settings

PARAGRAPHS = [
    "An air strike killed 7 civilians in Aleppo on 2 October 2016, medics said.",
    "Shelling killed 12 people in Idlib on 9 October 2016, rescuers said.",
    "A car bomb killed 9 people in Azaz on 16 October 2016, a local council said.",
    "Barrel bombs killed 5 civilians in Daraa on 23 October 2016, activists said.",
]


class CountingPattern:
    """The shingle tokenizer's regex, counting the texts it reads."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.reads: list[int] = []

    def findall(self, text: str) -> list[Any]:
        self.reads.append(len(text))
        return self.pattern.findall(text)


def test_analyze_long_article_shingles_each_text_once(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    for name, body in (("long.txt", text), ("other.txt", "\n\n".join(reversed(PARAGRAPHS)))):
        (tmp_path / name).write_text(body, encoding="utf-8")
    counter = CountingPattern(common._WORD)
    monkeypatch.setattr(common, "_WORD", counter)
    if hasattr(common, "_shingles"):
        common._shingles.cache_clear()
    with Corroborate(Settings(db=str(tmp_path / "x.db"))) as app:
        result = analyze(app, [tmp_path / "long.txt", tmp_path / "other.txt"])
    multi = [i for i in result.incidents if len({r["article_id"] for r in i["reports"]}) > 1]
    assert len(multi) >= 2, "fixture: the long article must share several incidents"
    # each article body is tokenised once, however many incidents it reports
    assert counter.reads.count(len(text)) <= 1
