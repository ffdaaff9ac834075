"""Plain functions behind ``corroborate articles`` and ``corroborate show`` (and the web)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import error
from ..models import Article
from .base import Store, check_filter_date

#: characters of text shown in a summary row
SNIPPET_CHARS = 160


def article_summary(article: Article) -> dict[str, Any]:
    """One listing row: metadata, provenance count and a text snippet."""
    text = " ".join(article.text.split())
    return {
        "id": article.id,
        "published": article.published,
        "outlet": article.outlet,
        "title": article.title,
        "language": article.language,
        "url": article.url,
        "occurrences": len(article.provenance),
        "snippet": text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else ""),
    }


@dataclass
class ArticlePage:
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "articles": self.rows}


def list_articles(store: Store, *, outlet: str | None = None, q: str | None = None,
                  since: str | None = None, until: str | None = None, limit: int = 50,
                  offset: int = 0) -> ArticlePage:
    """A page of article summaries (newest first) and the number matching."""
    filters = {"outlet": outlet, "q": q, "date_from": check_filter_date(since, "since"),
               "date_to": check_filter_date(until, "until")}
    rows = [article_summary(a) for a in store.list_articles(**filters, limit=limit,
                                                             offset=offset)]
    return ArticlePage(rows=rows, total=store.count_articles(**filters))


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """Everything stored about one article: record, provenance, extraction, incidents,
    verdicts.  Raises E043 when there is no such article."""
    article = store.get_article(article_id)
    if article is None:
        raise error("E043", f"no article with id {article_id!r}", field="id")
    extraction = store.get_extraction(article_id)
    return {
        "article": article.to_dict(),
        "extraction": extraction,
        "incidents": [{"id": i.get("id"), "label": i.get("label")}
                      for i in store.incidents_for_article(article_id)],
        "verdicts": store.get_verdicts(article_id),
    }
