"""The analysed document: an `Article` plus the annotations pipeline components add.

Like spaCy's ``Doc``, it is the one object every extraction component reads and
writes.  Evidence spans are only ever made through `Doc.char_span`, which checks
them, so an extracted value can never point outside its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import error
from .models import Article, Span


@dataclass
class Doc:
    article: Article
    text: str = ""
    #: component name -> annotations it assigned (lists of mention records)
    annotations: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.article.full_text

    @property
    def id(self) -> str:
        return self.article.id

    def char_span(self, start: int, end: int, *, strip: bool = True) -> Span:
        """The checking constructor for evidence.

        Raises E020 if the offsets fall outside the text and E021 if the span is
        empty or only whitespace.  With ``strip`` (the default) surrounding
        whitespace and trailing punctuation are trimmed, so spans are tight.
        """
        n = len(self.text)
        if not (0 <= start < end <= n):
            raise error("E020", f"span [{start}:{end}] outside text of length {n}",
                        field=f"article {self.article.id}")
        if strip:
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
                end -= 1
        if start >= end or not self.text[start:end].strip():
            raise error("E021", f"span [{start}:{end}] is empty", field=f"article {self.article.id}")
        return Span(start, end, self.text[start:end])

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
