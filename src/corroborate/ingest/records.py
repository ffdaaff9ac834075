"""Field mapping, dates, ids: turning one input record into an `Article`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ..errors import error

#: the article fields an input column can fill
FIELDS: tuple[str, ...] = ("id", "title", "text", "published", "outlet", "url")

#: header synonyms per field, most specific first.  Headers are compared after
#: `normalise_header`, so "Article Content" and "article-content" both match.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "document_id", "guid", "uid"),
    "title": ("title", "article_title", "headline", "heading", "head", "subject"),
    "text": ("text", "article_content", "content", "body", "article_text", "full_text",
             "article_body", "story", "article", "description", "summary"),
    "published": ("published", "date", "published_at", "publication_date", "pub_date",
                  "pubdate", "date_published", "datetime", "timestamp", "time"),
    "outlet": ("outlet", "source", "publisher", "source_name", "site", "site_name", "media",
               "newspaper", "publication"),
    "url": ("url", "link", "href", "source_url", "article_url", "permalink"),
}


def normalise_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "published=day"]`` -> ``{"text": "body", ...}``; E018 on a bad field."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise error("E018", f"expected FIELD=COLUMN, got {pair!r}", field=field or None)
        mapping[field] = column.strip()
    check_mapping(mapping)
    return mapping


def check_mapping(mapping: Mapping[str, str]) -> None:
    for field in mapping:
        if field not in FIELDS:
            raise error("E018", f"unknown field {field!r}; known fields: {', '.join(FIELDS)}",
                        field=field)


def detect_columns(headers: Iterable[str], mapping: Mapping[str, str] | None = None,
                   *, source: str) -> dict[str, str]:
    """Field -> header for one file.  Explicit ``mapping`` entries win over synonyms.

    Raises E007 when the mapping names a column the file lacks and E010 when no
    column can hold the text.
    """
    headers = [h for h in headers if h is not None]
    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalise_header(h), h)
    found: dict[str, str] = {}
    for field, column in (mapping or {}).items():
        if column in headers:
            found[field] = column
        elif normalise_header(column) in by_norm:
            found[field] = by_norm[normalise_header(column)]
        else:
            raise error("E007", f"--map {field}={column}: no column {column!r} "
                        f"(columns: {', '.join(headers)})", file=source, field=field)
    used = set(found.values())
    for field in FIELDS:
        if field in found:
            continue
        for syn in SYNONYMS[field]:
            header = by_norm.get(syn)
            if header is not None and header not in used:
                found[field] = header
                used.add(header)
                break
    if "text" not in found:
        raise error("E010", f"no text column among {', '.join(headers) or 'no columns'}; "
                    "name one with --map text=COLUMN", file=source)
    return found


# --- dates ------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)")
_TIME = re.compile(r"[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")
_SLASH = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")


def parse_date(raw: Any, *, source: str | None = None, row: int | None = None,
               field: str = "published") -> str | None:
    """An input date as ISO ``YYYY-MM-DD``; None for an empty value, E015 if unparseable.

    Slash dates are read month first (``4/7/17`` is 7 April 2017, the FA-KES and
    US convention) unless the first number cannot be a month.  Two-digit years
    are 20xx below 70, else 19xx.  Anything else goes to dateparser with
    relative expressions ("yesterday") switched off, because a publication date
    must not depend on the day the file was read.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    s = str(raw).strip()
    if not s:
        return None
    try:
        m = _ISO.match(s)
        if m:
            iso = _checked(int(m[1]), int(m[2]), int(m[3]))
            t = _TIME.match(s, m.end(3))
            # a time part must be a real time too: "2016-09-17T25:99:00" is no date
            if t and (int(t[1]) > 23 or int(t[2]) > 59 or int(t[3] or 0) > 60):
                raise ValueError(f"no time {t[0].strip()!r}")
            return iso
        m = _SLASH.match(s)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            if y < 100:
                y += 2000 if y < 70 else 1900
            month, day = (a, b) if a <= 12 else (b, a)
            return _checked(y, month, day)
        parsed = _dateparser(s)
        if parsed is not None:
            return _checked(parsed.year, parsed.month, parsed.day)
    except ValueError:
        pass
    raise error("E015", f"cannot read {s[:60]!r} as a date; the record is kept without it",
                file=source, row=row, field=field, kept=True)


def _checked(y: int, m: int, d: int) -> str:
    if not 1800 <= y <= 2200:
        raise ValueError(f"year {y} out of range")
    return date(y, m, d).isoformat()


#: languages dateparser tries for written-out dates: those of most conflict
#: reporting.  Letting it try all 200 locales costs seconds on the first miss.
DATE_LANGUAGES = ["en", "fr", "es", "de", "ar", "ru", "uk", "tr", "fa", "it", "pt", "nl"]


def _dateparser(s: str) -> datetime | None:
    import dateparser

    return dateparser.parse(s, languages=DATE_LANGUAGES, settings={
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


# --- ids ----------------------------------------------------------------------

def slugify(name: str) -> str:
    """The id form of a file stem: lowercase ``[a-z0-9-]``."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "article"


#: characters no store can hold: NUL (PostgreSQL text refuses it) and lone UTF-16
#: surrogates (from JSON escapes such as ``\ud800``; not encodable as UTF-8)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: Any) -> tuple[Any, bool]:
    """``value`` with NUL and lone surrogates replaced by U+FFFD, and whether any were.

    One character for one, so offsets into the cleaned text stay those of the
    input.  Dicts (keys too) and lists are cleaned recursively.
    """
    if isinstance(value, str):
        cleaned = _UNSTORABLE.sub("\ufffd", value)
        return cleaned, cleaned != value
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        changed = False
        for k, v in value.items():
            k2, c1 = storable(k)
            v2, c2 = storable(v)
            out[k2] = v2
            changed = changed or c1 or c2
        return out, changed
    if isinstance(value, list):
        items = [storable(v) for v in value]
        return [v for v, _ in items], any(c for _, c in items)
    return value, False


def clean_str(value: Any) -> str | None:
    """A field value as a stripped string, None when empty."""
    if value is None:
        return None
    s = str(value).strip()
    return s or None
