"""A figure with its people listed between commas: "two victims, a 25-year-old man and a
30-year-old woman, died" counts two, and the listed parts are not more people."""

from __future__ import annotations

import pytest

from corroborate.doc import Doc
from corroborate.extract import casualties, sentences
from corroborate.models import Article

_SENT = sentences.create()
_CAS = casualties.create()


def _summary(text: str) -> list[tuple[str, int | None, str]]:
    doc = _CAS(_SENT(Doc(Article(id="t", text=text, published="2016-05-01"))))
    out = []
    for c in doc.get("casualties"):
        assert text[c.span.start:c.span.end] == c.span.text
        out.append((c.outcome, c.min, c.span.text))
    return out


@pytest.mark.parametrize("text,head", [
    ("Two victims, a 19-year-old woman and a 40-year-old man, died on the porch.",
     ("killed", 2, "Two victims, a 19-year-old woman and a 40-year-old man, died")),
    ("Four people, a man and three teens, were shot outside the store.",
     ("injured", 4, "Four people, a man and three teens, were shot")),
    ("Three men, two brothers and a cousin, were hospitalized overnight.",
     ("injured", 3, "Three men, two brothers and a cousin, were hospitalized")),
])
def test_extract_victim_lists_head_counts_the_list(text: str, head: tuple) -> None:
    got = _summary(text)
    assert got[0] == head
    # ages in the list are not counts; the parts stay within the head figure
    assert all(c[1] is not None and c[1] <= head[1] for c in got)


@pytest.mark.parametrize("text", [
    "Police questioned two men, a 20-year-old and a 22-year-old, and released them.",
    "Officers stopped three cars, a sedan and two trucks, on the bridge.",
])
def test_extract_victim_lists_without_outcome_count_nobody(text: str) -> None:
    assert _summary(text) == []
