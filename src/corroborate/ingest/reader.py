"""Reading inputs: files, folders and standard input to `Article` records.

`iter_inputs` is the streaming form (one `Article` or one `CorroborateError`
at a time, for progress bars and bounded memory); `read_inputs` collects a
deduplicated `IngestBatch`.  Neither touches a store: `ingest_into` writes a
stream to one in chunks, each chunk one transaction.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import CorroborateError, error
from ..models import Article, Provenance, unique_id
from .decode import decode_bytes, decode_checked
from .fetch import URL_LINE, FetchPolicy, url_lines
from .records import (
    check_mapping,
    clean_str,
    detect_columns,
    parse_date,
    slugify,
    storable,
)
from .text import parse_text
from .web import read_feed, read_html

if TYPE_CHECKING:
    from ..store.base import Store

#: default cap on one article's text, in UTF-8 bytes.  Real news articles are
#: well under 1 MB; 10 MiB leaves room for transcripts and reports while
#: keeping a runaway input (a whole dump in one cell) out of the store.
DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024

STDIN_SOURCE = "<stdin>"

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".csv": "csv", ".tsv": "csv",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".urls": "urls",
}

Item = Article | CorroborateError


@dataclass
class IngestBatch:
    """Articles read from the inputs, deduplicated by content, and what was rejected.

    ``rejects`` may name records that were still kept (E015: a record with an
    unreadable date is stored without the date; its error says ``kept``).
    """

    articles: list[Article] = field(default_factory=list)
    rejects: list[CorroborateError] = field(default_factory=list)
    read: int = 0  # records that became an article, duplicates included
    duplicates: int = 0  # records whose text was already in the batch


@dataclass
class IngestReport:
    """Outcome of `ingest_into`: counts, new ids and the rejects."""

    read: int = 0
    added: list[str] = field(default_factory=list)
    duplicates: int = 0  # records already in the store or earlier in the input
    rejects: list[CorroborateError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "added": len(self.added), "duplicates": self.duplicates,
                "rejected": len(self.rejects), "added_ids": self.added,
                "rejects": [r.to_dict() for r in self.rejects]}


# --- public entry points --------------------------------------------------------

def iter_inputs(paths: Iterable[str | Path], *, mapping: Mapping[str, str] | None = None,
                stdin: TextIO | None = None, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                fetch: FetchPolicy | None = None) -> Iterator[Item]:
    """Yield one `Article` (with one provenance entry) or one error per input record.

    Folders are walked recursively (sorted, hidden files skipped, only known
    extensions); ``-`` reads standard input.  A URL list (``.urls``, or a ``.txt``
    whose every line is an http(s) URL) has its pages fetched under ``fetch``
    (default: public addresses only).  Raises E018 at once for an unknown
    ``mapping`` field, since that is a usage error, not bad data.
    """
    if mapping:
        check_mapping(mapping)
    reader = _Reader(mapping or {}, max_bytes, fetch or FetchPolicy())
    for source in iter_sources(paths):
        if isinstance(source, CorroborateError):
            yield source
        elif isinstance(source, str):
            yield from reader.stdin(stdin if stdin is not None else sys.stdin)
        else:
            yield from _read_file(reader, *source)


#: `iter_sources`' stand-in for standard input (``-``)
STDIN = "-"


def iter_sources(paths: Iterable[str | Path]
                 ) -> Iterator[tuple[Path, bool] | CorroborateError | str]:
    """The inputs `iter_inputs` reads, in its order: ``(file, explicit)`` for each file
    (``explicit``: named by the caller rather than found in a folder, so an unknown
    extension is sniffed), `STDIN`, or an error for a folder entry that cannot be read.
    What the Dask engine reads in partitions (`read_source`)."""
    for path in paths:
        if str(path) == "-":
            yield STDIN
            continue
        p = Path(path)
        if p.is_dir():
            yield from ((f, False) if isinstance(f, Path) else f for f in _walk(p))
        else:
            yield p, True


def read_source(path: Path, explicit: bool, *, mapping: Mapping[str, str] | None = None,
                max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                fetch: FetchPolicy | None = None) -> list[Item]:
    """The articles and errors of one file of `iter_sources`, as `iter_inputs` yields them."""
    return list(_read_file(_Reader(mapping or {}, max_bytes, fetch or FetchPolicy()), path,
                           explicit))


def _read_file(reader: _Reader, p: Path, explicit: bool) -> Iterator[Item]:
    problem = _not_regular(p)
    if problem is not None:
        yield problem
    else:
        yield from reader.file(p, explicit=explicit)


def read_inputs(paths: Iterable[str | Path], *, mapping: Mapping[str, str] | None = None,
                stdin: TextIO | None = None, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
                fetch: FetchPolicy | None = None) -> IngestBatch:
    """Read every input into one deduplicated batch (see `iter_inputs`)."""
    batch = IngestBatch()
    dedupe = Deduplicator()
    for item in iter_inputs(paths, mapping=mapping, stdin=stdin, max_bytes=max_bytes,
                            fetch=fetch):
        if isinstance(item, CorroborateError):
            batch.rejects.append(item)
        else:
            batch.read += 1
            if not dedupe.add(item):
                batch.duplicates += 1
    batch.articles = dedupe.articles
    return batch


def ingest_into(store: Store, paths: Iterable[str | Path], *,
                mapping: Mapping[str, str] | None = None, stdin: TextIO | None = None,
                max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, chunk_size: int = 500,
                wrap: Callable[[Iterator[Item]], Iterable[Item]] | None = None,
                fetch: FetchPolicy | None = None) -> IngestReport:
    """Read inputs and add them to ``store`` in chunks of ``chunk_size`` articles.

    Each chunk is one transaction, so an interrupted run leaves whole chunks
    behind, and re-running it adds only what is missing (articles dedupe on
    content, provenance on article, file and row).  ``wrap`` lets a caller put
    a progress bar around the record stream.
    """
    stream: Iterable[Item] = iter_inputs(paths, mapping=mapping, stdin=stdin,
                                         max_bytes=max_bytes, fetch=fetch)
    if wrap is not None:
        stream = wrap(iter(stream))
    return store_items(store, stream, chunk_size=chunk_size)


def store_items(store: Store, stream: Iterable[Item], *, chunk_size: int = 500) -> IngestReport:
    """Add a stream of `iter_inputs` items to ``store``, ``chunk_size`` articles per
    transaction; errors become the report's rejects."""
    report = IngestReport()
    chunk: list[Article] = []

    def flush() -> None:
        if chunk:
            result = store.add_articles(chunk)
            report.added.extend(result.added)
            chunk.clear()

    for item in stream:
        if isinstance(item, CorroborateError):
            report.rejects.append(item)
            continue
        report.read += 1
        chunk.append(item)
        if len(chunk) >= chunk_size:
            flush()
    flush()
    report.duplicates = report.read - len(report.added)
    return report


class Deduplicator:
    """Merge records with the same `content_hash`; keep ids unique within a batch.

    The first occurrence keeps its id and later ones only add provenance.  A
    different text that wants a taken id gets ``-<6 hex of its hash>`` appended.
    """

    def __init__(self) -> None:
        self._by_hash: dict[str, Article] = {}
        self._ids: set[str] = set()

    @property
    def articles(self) -> list[Article]:
        return list(self._by_hash.values())

    def add(self, article: Article) -> bool:
        """Add a record; False when its text was already there (a duplicate)."""
        kept = self._by_hash.get(article.content_hash)
        if kept is not None:
            seen = {(p.source, p.row) for p in kept.provenance}
            kept.provenance.extend(p for p in article.provenance if (p.source, p.row) not in seen)
            return False
        article_id = unique_id(article.id, article.content_hash, self._ids.__contains__)
        if article_id != article.id:
            article = replace(article, id=article_id, provenance=list(article.provenance))
        self._ids.add(article_id)
        self._by_hash[article.content_hash] = article
        return True


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for tiny texts."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    import numpy as np

    ident = _language_identifier()
    fv = ident.instance2fv(sample)
    # py3langid's own classify multiplies the dense feature vector by the whole
    # model; multi-threaded BLAS makes that 20x slower on a loaded machine.  Only
    # the few hundred features present matter, so use just those rows.
    present = np.flatnonzero(fv)
    scores = fv[present].astype(np.float32) @ ident.nb_ptc[present] + ident.nb_pc
    return str(ident.nb_classes[int(np.argmax(scores))])


@functools.cache
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE)


# --- internals ---------------------------------------------------------------------

def _walk(folder: Path) -> Iterator[Path | CorroborateError]:
    """Files of known formats under ``folder``, sorted; hidden ones skipped.

    A sub-folder that cannot be listed is an E001 naming it, not a silent gap.
    """
    problems: list[CorroborateError] = []
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(error("E001", f"cannot read folder: {exc.strerror or exc}",
                              file=printable_path(str(exc.filename))))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files
                     if not f.startswith(".") and Path(f).suffix.lower() in FORMATS)
    yield from problems
    yield from sorted(found)


def _not_regular(path: Path) -> CorroborateError | None:
    """E001 for a missing path, E102 for one that is not a regular file (FIFO, device...).

    Reading a FIFO blocks for ever and a device such as /dev/zero never ends, so
    they are refused by their type before a byte is read.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return error("E001", None if isinstance(exc, FileNotFoundError)
                     else f"cannot read: {exc.strerror or exc}", file=printable_path(str(path)))
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    return error("E102", f"{kind}: only regular files are read",
                 file=printable_path(str(path)))


def sniff_format(data: bytes) -> str:
    """Guess the format of a file whose extension says nothing."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and (
            b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    return "text"


class _Reader:
    def __init__(self, mapping: Mapping[str, str], max_bytes: int,
                 fetch: FetchPolicy | None = None) -> None:
        self.mapping = mapping
        self.max_bytes = max_bytes
        self.fetch = fetch or FetchPolicy()

    # one file -> records
    def file(self, path: Path, explicit: bool = False) -> Iterator[Item]:
        source = str(path)
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:
            # the name is stored as provenance and printed: neither can hold these bytes
            yield error("E101", "file name is not valid UTF-8; rename the file",
                        file=printable_path(source))
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield error("E001", f"cannot read: {exc.strerror or exc}", file=source)
            return
        fmt = FORMATS.get(path.suffix.lower()) or sniff_format(data)
        if fmt in ("text", "markdown", "html") and len(data) > self.max_bytes * 4:
            # even at 4 bytes a character this text is over the limit: skip decoding
            yield self._too_large(len(data), source, None)
            return
        try:
            text, warning = decode_checked(data, source=source)
        except CorroborateError as exc:
            yield exc
            return
        if warning is not None:
            yield warning
        stem = slugify(path.stem)
        if fmt in ("urls", "text"):
            lines = url_lines(text, strict=fmt == "text")
            if lines is not None:
                yield from self._urls(lines, source=source)
                return
        if fmt in ("text", "markdown", "urls"):
            yield from self._text(text, source=source, row=None, default_id=stem,
                                  markdown=fmt == "markdown")
        elif fmt == "csv":
            yield from self._csv(text, source=source, stem=stem,
                                 delimiter="\t" if path.suffix.lower() == ".tsv" else None)
        elif fmt == "jsonl":
            yield from self._jsonl(text, source=source, stem=stem)
        elif fmt == "json":
            yield from self._json(text, source=source, stem=stem)
        elif fmt == "html":
            try:
                rec = read_html(text, source=source)
            except CorroborateError as exc:
                yield exc
                return
            yield from self._article(rec.fields, rec.metadata, source=source, row=None,
                                     default_id=stem)
        elif fmt == "feed":
            try:
                records, problems = read_feed(text, source=source)
            except CorroborateError as exc:
                yield exc
                return
            yield from problems
            for r in records:
                yield from self._article(r.fields, r.metadata, source=source, row=r.row,
                                         default_id=f"{stem}-{r.row}")
        else:  # pragma: no cover - FORMATS and sniff_format are closed sets
            yield error("E005", f"format {fmt!r}", file=source)

    def stdin(self, stream: TextIO) -> Iterator[Item]:
        raw = getattr(stream, "buffer", None)
        warning = None
        try:
            # bytes when we can get them, so a non-UTF-8 pipe is detected like a file
            if raw is not None:
                text, warning = decode_checked(raw.read(), source=STDIN_SOURCE)
            else:
                text = stream.read().replace("\r\n", "\n")
        except CorroborateError as exc:
            yield exc
            return
        if warning is not None:
            yield warning
        if not text.strip():
            yield error("E002", file=STDIN_SOURCE)
            return
        lines = [line for line in text.split("\n") if line.strip()]
        if all(line.lstrip().startswith("{") for line in lines):
            yield from self._jsonl(text, source=STDIN_SOURCE, stem="stdin")
        else:
            yield from self._text(text, source=STDIN_SOURCE, row=None, default_id="stdin-0",
                                  markdown=False)

    # formats
    def _text(self, text: str, *, source: str, row: int | None, default_id: str,
              markdown: bool) -> Iterator[Item]:
        parsed = parse_text(text, markdown=markdown)
        fields = dict(parsed.fields, text=parsed.text)
        yield from self._article(fields, parsed.metadata, source=source, row=row,
                                 default_id=default_id)

    def _csv(self, text: str, *, source: str, stem: str, delimiter: str | None) -> Iterator[Item]:
        first_line = text.split("\n", 1)[0]
        if delimiter is None:
            delimiter = max(",;\t|", key=first_line.count)
        # a cell may legitimately hold a whole long article
        csv.field_size_limit(max(csv.field_size_limit(), self.max_bytes * 2, 1 << 24))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except (StopIteration, csv.Error) as exc:
            yield error("E011", f"no header row ({exc})" if str(exc) else "no header row",
                        file=source)
            return
        header = [h.strip().lstrip("\ufeff") for h in header]
        if not any(header):
            yield error("E011", "the header row is empty", file=source)
            return
        try:
            columns = detect_columns(header, self.mapping, source=source)
        except CorroborateError as exc:
            yield exc
            return
        row = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield error("E011", f"CSV could not be parsed past this row: {exc}",
                            file=source, row=row)
                return
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
                cells = cells[:len(header)]  # trailing delimiters: nothing is lost
            if len(cells) != len(header):
                # a ragged row, or an unterminated quote that swallowed the lines after
                # it: which cell belongs to which column cannot be known
                yield error("E103", f"{len(cells)} cells under {len(header)} columns; the row "
                            "is skipped (check its quotes and delimiters)", file=source, row=row)
                row += 1
                continue
            record = dict(zip(header, cells, strict=True))
            yield from self._record(record, columns, source=source, row=row,
                                    default_id=f"{stem}-{row}")
            row += 1

    def _jsonl(self, text: str, *, source: str, stem: str) -> Iterator[Item]:
        rows: list[tuple[int, dict[str, Any]]] = []
        bad: list[CorroborateError] = []
        row = 0
        for line_no, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                bad.append(error("E013", f"line {line_no}: {exc.msg}", file=source, row=row))
            except RecursionError:
                bad.append(_too_deep(source, row, line_no))
            else:
                if isinstance(obj, dict):
                    rows.append((row, obj))
                else:
                    bad.append(error("E014", f"line {line_no} holds a {type(obj).__name__}",
                                     file=source, row=row))
            row += 1
        yield from bad
        yield from self._objects(rows, source=source, stem=stem)

    def _json(self, text: str, *, source: str, stem: str) -> Iterator[Item]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield error("E013", f"line {exc.lineno}: {exc.msg}", file=source)
            return
        except RecursionError:
            yield _too_deep(source, None, None)
            return
        if isinstance(data, dict) and not isinstance(data.get("articles"), list):
            record = data
            try:
                columns = detect_columns(record.keys(), self.mapping, source=source)
            except CorroborateError as exc:
                yield exc
                return
            yield from self._record(record, columns, source=source, row=None, default_id=stem)
            return
        items = data["articles"] if isinstance(data, dict) else data
        if not isinstance(items, list):
            yield error("E014", f"top level is a {type(data).__name__}", file=source)
            return
        rows: list[tuple[int, dict[str, Any]]] = []
        for row, obj in enumerate(items):
            if isinstance(obj, dict):
                rows.append((row, obj))
            else:
                yield error("E014", f"item holds a {type(obj).__name__}", file=source, row=row)
        yield from self._objects(rows, source=source, stem=stem)

    def _objects(self, rows: list[tuple[int, dict[str, Any]]], *, source: str,
                 stem: str) -> Iterator[Item]:
        """Records whose keys may differ line to line: columns are detected per key set."""
        if not rows:
            return
        union: dict[str, None] = {}
        for _, obj in rows:
            union.update(dict.fromkeys(obj))
        try:
            # a --map column that no record has is a usage error for the whole file
            detect_columns(union, self.mapping, source=source)
        except CorroborateError as exc:
            if exc.code == "E007":
                yield exc
                return
        cache: dict[frozenset[str], dict[str, str] | None] = {}
        for row, obj in rows:
            key = frozenset(obj)
            if key not in cache:
                mapping = {f: c for f, c in self.mapping.items() if c in obj}
                try:
                    cache[key] = detect_columns(obj.keys(), mapping, source=source)
                except CorroborateError:
                    cache[key] = None
            columns = cache[key]
            if columns is None:
                yield error("E012", f"no text field among keys {', '.join(obj) or '(none)'}",
                            file=source, row=row)
                continue
            yield from self._record(obj, columns, source=source, row=row,
                                    default_id=f"{stem}-{row}")

    def _record(self, record: Mapping[str, Any], columns: Mapping[str, str], *, source: str,
                row: int | None, default_id: str) -> Iterator[Item]:
        fields: dict[str, Any] = {}
        try:
            for fname, column in columns.items():
                value = record.get(column)
                fields[fname] = value if fname == "published" else _as_text(value)
        except RecursionError:
            yield _too_deep(source, row, None)
            return
        used = set(columns.values())
        metadata = {k: v for k, v in record.items() if k and k not in used}
        yield from self._article(fields, metadata, source=source, row=row,
                                 default_id=default_id)

    def _article(self, fields: Mapping[str, Any], metadata: dict[str, Any], *, source: str,
                 row: int | None, default_id: str) -> Iterator[Item]:
        names = [k for k, v in fields.items() if storable(v)[1]]
        if names:
            fields = {k: storable(v)[0] for k, v in fields.items()}
        metadata, dirty_meta = storable(metadata)
        if names or dirty_meta:
            where = ", ".join(names + (["metadata"] if dirty_meta else []))
            yield error("E100", f"NUL characters or lone surrogates in {where} were replaced "
                        "with U+FFFD; the record is kept", file=source, row=row,
                        field=(names or ["metadata"])[0], kept=True)
        text = fields.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            yield error("E012", file=source, row=row)
            return
        size = len(text.encode("utf-8"))
        if size > self.max_bytes:
            yield self._too_large(size, source, row)
            return
        published = None
        try:
            published = parse_date(fields.get("published"), source=source, row=row)
        except CorroborateError as exc:
            yield exc
        article_id = clean_str(fields.get("id")) or default_id
        yield Article(
            id=article_id,
            text=text,
            title=clean_str(fields.get("title")) or "",
            outlet=clean_str(fields.get("outlet")),
            url=clean_str(fields.get("url")),
            published=published,
            language=detect_language(text),
            provenance=[Provenance(source=source, row=row, metadata=metadata)],
        )

    def _urls(self, lines: list[tuple[int, str]], *, source: str) -> Iterator[Item]:
        """Each URL's page, read by the format its content type (or its bytes) says.

        The page's provenance is its URL, with the list and line in the metadata;
        errors name the list file and the line (as ``row``)."""
        from urllib.parse import urlsplit

        from .fetch import fetch, page_format

        policy = self.fetch
        if len(lines) > policy.max_urls:
            yield error("E009", f"{len(lines)} URLs in one list; only the first "
                        f"{policy.max_urls} are read", file=source, field="url")
            lines = lines[:policy.max_urls]

        def located(exc: CorroborateError, row: int) -> CorroborateError:
            exc.file, exc.row, exc.field = source, row, "url"
            return exc

        for row, url in lines:
            if not URL_LINE.match(url):
                yield error("E009", f"{url[:200]!r} is not an http(s) URL", file=source,
                            row=row, field="url")
                continue
            try:
                page = fetch(url, policy)
                text = decode_bytes(page.content, source=page.url)
            except CorroborateError as exc:
                yield located(exc, row)
                continue
            fmt = page_format(page) or sniff_format(page.content)
            parts = urlsplit(page.url)
            stem = slugify(f"{parts.hostname or ''} {parts.path}") or "page"
            meta: dict[str, Any] = {"url_list_line": row, "requested_url": url}
            if fmt == "feed":
                try:
                    records, problems = read_feed(text, source=page.url)
                except CorroborateError as exc:
                    yield located(exc, row)
                    continue
                yield from problems
                for r in records:
                    yield from self._article(r.fields, {**r.metadata, **meta}, source=page.url,
                                             row=r.row, default_id=f"{stem}-{r.row}")
            elif fmt == "html":
                try:
                    rec = read_html(text, source=page.url)
                except CorroborateError as exc:
                    yield located(exc, row)
                    continue
                yield from self._article({"url": page.url, **rec.fields},
                                         {**rec.metadata, **meta}, source=page.url, row=None,
                                         default_id=stem)
            else:
                parsed = parse_text(text, markdown=False)
                yield from self._article({"url": page.url, **parsed.fields, "text": parsed.text},
                                         {**parsed.metadata, **meta, "format": "text"},
                                         source=page.url, row=None, default_id=stem)

    def _too_large(self, size: int, source: str, row: int | None) -> CorroborateError:
        return error("E019", f"{size:,} bytes is over the limit of {self.max_bytes:,} "
                     "(raise it with --max-bytes)", file=source, row=row)


def printable_path(name: str) -> str:
    """A path as text that any terminal and store can hold: undecodable bytes as ``\\xff``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _too_deep(source: str, row: int | None, line_no: int | None) -> CorroborateError:
    where = f"line {line_no}: " if line_no is not None else ""
    return error("E013", f"{where}JSON nested too deeply to read", file=source, row=row)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
