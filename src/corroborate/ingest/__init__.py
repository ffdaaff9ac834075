"""Ingest: files, folders, feeds and standard input to deduplicated `Article` records.

Formats: plain text (seeds format), Markdown (front matter), CSV/TSV, JSONL,
JSON, HTML pages, RSS/Atom feeds, URL lists (pages fetched), and ``-`` for
standard input.  Bad input
never stops a run: each bad file or row becomes a `CorroborateError` with a
catalogue code, and the good records are kept.
"""

from __future__ import annotations

from ..models import unique_id
from .decode import decode_bytes
from .fetch import FetchPolicy
from .reader import (
    DEFAULT_MAX_ARTICLE_BYTES,
    Deduplicator,
    IngestBatch,
    IngestReport,
    detect_language,
    ingest_into,
    iter_inputs,
    read_inputs,
)
from .records import (
    FIELDS,
    SYNONYMS,
    detect_columns,
    parse_date,
    parse_mapping,
    slugify,
)
from .text import parse_text, split_front_matter
from .web import html_to_text

__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES", "FIELDS", "FetchPolicy", "SYNONYMS", "Deduplicator", "IngestBatch",
    "IngestReport", "decode_bytes", "detect_columns", "detect_language", "html_to_text",
    "ingest_into", "iter_inputs", "parse_date", "parse_mapping", "parse_text", "read_inputs",
    "slugify", "split_front_matter", "unique_id",
]
