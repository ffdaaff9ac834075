"""The analysed document: an `Article` plus the annotations pipeline components add.

Like spaCy's ``Doc``, it is the one object every extraction component reads and
writes.  Evidence spans are only ever made through `Doc.char_span`, which checks
them, so an extracted value can never point outside its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .errors import error
from .models import TITLE_SEP, Article, Span


@dataclass
class Doc:
    article: Article
    text: str = ""
    #: component name -> annotations it assigned (lists of mention records)
    annotations: dict[str, Any] = field(default_factory=dict)
    #: (text, its `safe_lower`): the lower-cased text, made once per text (see `lower`)
    _lower: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text:
            article = self.article
            self.text = article.full_text
            # what `Article.title_end` would recompute from a second `full_text` (which
            # normalises the whole text again): the title and separator, unless the
            # full text is just the body
            title = (article.title or "").strip()
            self.__dict__["title_end"] = (
                0 if self.text is article.text or not title else len(title) + len(TITLE_SEP))

    @property
    def id(self) -> str:
        return self.article.id

    @cached_property
    def title_end(self) -> int:
        """`Article.title_end`, computed once per document (set when the text is the
        article's full text): every call of the property re-normalises the whole text,
        and several components need it."""
        return self.article.title_end

    @property
    def lower(self) -> str:
        """`safe_lower` of the text, computed once and shared by the components that
        read lower-cased text (kept with the text it was made from: the boilerplate
        component replaces ``text``)."""
        cached = self._lower
        if cached is None or cached[0] is not self.text:
            cached = self._lower = (self.text, safe_lower(self.text))
        return cached[1]

    def char_span(self, start: int, end: int, *, strip: bool = True) -> Span:
        """The checking constructor for evidence.

        Raises E020 if the offsets fall outside the text and E021 if the span is
        empty or only whitespace.  With ``strip`` (the default) surrounding
        whitespace and trailing punctuation are trimmed, so spans are tight.
        """
        text = self.text
        n = len(text)
        if not (0 <= start < end <= n):
            raise error("E020", f"span [{start}:{end}] outside text of length {n}",
                        field=f"article {self.article.id}")
        if strip:
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            # a stripped non-empty span starts with a non-space: no need to strip it again
            empty = start >= end
        else:
            empty = not text[start:end].strip()
        if empty:
            raise error("E021", f"span [{start}:{end}] is empty", field=f"article {self.article.id}")
        return Span(start, end, text[start:end])

    def check_span(self, span: Span) -> Span:
        """Verify a span made elsewhere (e.g. loaded from JSON) against this text."""
        if not (0 <= span.start < span.end <= len(self.text)):
            raise error("E020", f"span [{span.start}:{span.end}] outside text")
        if self.text[span.start:span.end] != span.text:
            raise error("E022", f"span [{span.start}:{span.end}] text {span.text!r} differs")
        return span

    def get(self, key: str, default: Any = None) -> Any:
        return self.annotations.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.annotations[key] = value


def safe_lower(text: str) -> str:
    """``text.lower()`` with the same length, so offsets into it are offsets into ``text``
    (a few characters, such as "İ", lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
