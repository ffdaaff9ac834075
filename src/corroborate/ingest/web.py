"""HTML pages (main text via trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorroborateError, error
from .records import clean_str

_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "li", "ul", "ol", "h1", "h2",
               "h3", "h4", "h5", "h6", "pre", "table", "tr", "figure", "figcaption", "header",
               "footer", "aside", "dd", "dt"}


#: fewest words a page's main text must have to count as an article
MIN_HTML_WORDS = 8


@dataclass
class WebRecord:
    """One page or feed entry, as article fields (dates already ISO or None)."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


def read_html(html: str, *, source: str) -> WebRecord:
    """Main text, title, date, site name and canonical URL of a web page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    text = clean_str(getattr(doc, "text", None)) if doc is not None else None
    if text is None or len(text.split()) < MIN_HTML_WORDS:
        # below this, what trafilatura found is navigation residue, not an article
        raise error("E016", file=source)
    # trafilatura puts one paragraph per line; blank lines between paragraphs match
    # the other formats, so sentence splitting sees the same structure everywhere
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    fields = {"text": text}
    for key, attr in (("title", "title"), ("published", "date"), ("outlet", "sitename"),
                      ("url", "url")):
        value = clean_str(getattr(doc, attr, None))
        if value:
            fields[key] = value
    metadata: dict[str, Any] = {"format": "html"}
    author = clean_str(getattr(doc, "author", None))
    if author:
        metadata["author"] = author
    return WebRecord(text=text, fields=fields, metadata=metadata)


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment: block elements become paragraphs."""
    if "<" not in html:
        return _tidy(html)
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except ParserError:
        return ""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ("script", "style"):
            el.text = ""
        elif tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    paras = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(" ".join(line.strip() for line in p.split("\n") if line.strip())
                       for p in paras if p)


def read_feed(data: str, *, source: str) -> tuple[list[WebRecord], list[CorroborateError]]:
    """Entries of an RSS or Atom feed; rows without text come back as E012 errors."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        raise error("E017", f"no feed entries{f' ({reason})' if reason else ''}", file=source)
    feed = parsed.get("feed") or {}
    outlet = clean_str(feed.get("title"))
    records: list[WebRecord] = []
    problems: list[CorroborateError] = []
    for row, entry in enumerate(entries):
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value", "")
        if not html:
            html = entry.get("summary", "") or ""
        text = html_to_text(html)
        if not text:
            problems.append(error("E012", "feed entry has no content or summary", file=source,
                                  row=row))
            continue
        fields = {"text": text}
        title = clean_str(html_to_text(entry.get("title", "") or ""))
        if title:
            fields["title"] = title
        if outlet:
            fields["outlet"] = outlet
        link = clean_str(entry.get("link"))
        if link:
            fields["url"] = link
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            fields["published"] = time.strftime("%Y-%m-%d", stamp)
        elif entry.get("published") or entry.get("updated"):
            fields["published"] = entry.get("published") or entry.get("updated")
        metadata: dict[str, Any] = {"format": "feed"}
        if entry.get("id"):
            metadata["guid"] = entry["id"]
        records.append(WebRecord(text=text, fields=fields, metadata=metadata, row=row))
    return records, problems
