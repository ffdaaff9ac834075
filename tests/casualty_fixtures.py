"""The casualty tests' shared plumbing: the sentence and casualty components built once,
and a text's casualty mentions read back with every span checked against the text."""

from __future__ import annotations

from corroborate.doc import Doc
from corroborate.extract import casualties, sentences
from corroborate.models import Article, Casualty

SENT = sentences.create()
CAS = casualties.create()


def casualty_doc(text: str, *, title: str = "", published: str | None = "2016-05-01") -> Doc:
    """``text`` through sentence splitting and casualty reading."""
    return CAS(SENT(Doc(Article(id="t", title=title, text=text, published=published))))


def mentions(text: str, published: str | None = "2016-05-01") -> list[Casualty]:
    """The casualty mentions of ``text``; each must point at the words it was read from."""
    found = list(casualty_doc(text, published=published).get("casualties"))
    for c in found:
        assert text[c.span.start:c.span.end] == c.span.text
    return found


def summary(text: str) -> list[tuple[str, int | None, str]]:
    """(outcome, lowest figure, evidence) of each mention of ``text``."""
    return [(c.outcome, c.min, c.span.text) for c in mentions(text)]
