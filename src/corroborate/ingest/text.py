"""Plain-text and Markdown articles: the seeds format and front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .records import clean_str

#: a derived title is the first line of the body when it is at most this long
MAX_DERIVED_TITLE = 200

_DATE_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_SOURCE_LINE = re.compile(r"\A[ \t]*Source:[ \t]*(\S.*?)[ \t]*\Z")
_FM_LINE = re.compile(r"\A([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*\Z")
_HEADING = re.compile(r"\A#[ \t]+(\S.*?)[ \t#]*\n+")

#: front-matter keys that fill article fields; the rest go to provenance metadata
FM_FIELDS = {"id": "id", "title": "title", "outlet": "outlet", "source": "outlet",
             "published": "published", "date": "published", "url": "url", "link": "url"}


@dataclass
class ParsedText:
    """A text file split into article fields (dates still raw strings)."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


def split_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """``(keys, body)`` when ``text`` opens with a ``---`` block of ``key: value`` lines.

    Returns None when there is no well-formed block (no closing ``---``), so the
    whole file is then read as body rather than silently losing lines.
    """
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    keys: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return keys, "\n".join(lines[i + 1:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _FM_LINE.match(line)
        if m is None:
            return None
        keys[m[1].lower()] = _unquote(m[2])
    return None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_text(text: str, *, markdown: bool = False) -> ParsedText:
    """Read a text or Markdown article.

    Front matter (any file) sets fields and metadata.  Without it, the seeds
    format applies: a leading ``date YYYY-MM-DD`` marker sets the publication
    date and is dropped from the body; a last line ``Source: NAME`` sets the
    outlet and stays in the body.  A Markdown ``# heading`` on the first line
    becomes the title.  Otherwise the first line is the title when short, and it
    stays in the body so that `Article.full_text` equals the file's text.
    """
    fields: dict[str, str] = {}
    metadata: dict[str, Any] = {}
    fm = split_front_matter(text)
    if fm is not None:
        keys, text = fm
        for key, value in keys.items():
            target = FM_FIELDS.get(key)
            if target is not None and value:
                fields.setdefault(target, value)
            elif target is None:
                metadata[key] = value
    else:
        m = _DATE_MARKER.match(text)
        if m:
            fields["published"] = m[1]
            text = text[m.end():]
    text = text.strip()
    lines = text.split("\n")
    last = lines[-1] if lines else ""
    sm = _SOURCE_LINE.match(last)
    if sm and "outlet" not in fields:
        fields["outlet"] = sm[1]
    if "title" not in fields:
        hm = _HEADING.match(text) if markdown else None
        if hm:
            fields["title"] = hm[1]
            text = text[hm.end():].strip()
        else:
            first = clean_str(lines[0]) if lines else None
            if first and len(first) <= MAX_DERIVED_TITLE and len(lines) > 1:
                fields["title"] = first
    return ParsedText(text=text, fields=fields, metadata=metadata)
