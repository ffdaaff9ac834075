"""The error catalogue.

Every user-facing failure has a stable code so that scripts, rejects files and
issue reports can refer to it.  A `CorroborateError` carries the code, a
message and the context (file, row, field) that lets a user find the bad input.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

#: code -> short description.  The message template is filled with the context.
CATALOGUE: dict[str, str] = {
    # ingest
    "E001": "file not found",
    "E002": "file is empty",
    "E003": "file looks binary, not text",
    "E004": "bytes could not be decoded as text",
    "E005": "unsupported input format",
    "E007": "column named in --map is missing from the input",
    "E008": "URL could not be fetched",
    "E009": "URL refused: not http(s), a private address, or over the list limit",
    "E010": "CSV has no text column",
    "E011": "CSV header could not be read",
    "E012": "row has no text",
    "E013": "malformed JSON line",
    "E014": "JSON record is not an object",
    "E015": "unparseable date",
    "E016": "HTML page has no extractable main text",
    "E017": "feed could not be parsed",
    "E018": "unknown field in --map",
    "E019": "article text is too large",
    # spans / documents
    "E020": "span offsets outside the text",
    "E021": "span is empty or whitespace",
    "E022": "span text does not match the document",
    # pipeline
    "E030": "component requires an attribute that no earlier component assigns",
    "E031": "unknown pipeline component",
    # store
    "E040": "unsupported database URL",
    "E041": "database schema is newer than this version of corroborate",
    "E042": "optional database driver is not installed",
    "E043": "article not found",
    "E044": "incident not found",
    # config / user files
    "E050": "gazetteer or alias file is malformed",
    "E051": "reference file is malformed",
    "E052": "model file is missing or malformed",
    "E053": "labelled data has no label column",
    "E054": "unknown linking weight in the configuration",
    # web
    "E060": "upload too large",
    "E061": "upload type not allowed",
    "E062": "missing or wrong bearer token",
    # schemas / engines
    "E070": "document does not match its JSON Schema",
    "E071": "unknown JSON Schema name",
    "E072": "optional distributed engine (dask) is not installed",
    # hardening (issue 13)
    "E100": "text held NUL characters or lone surrogates, replaced with U+FFFD",
    "E101": "file name is not valid UTF-8",
    "E102": "not a regular file (a FIFO, device or socket)",
    "E103": "CSV row's columns do not line up with the header",
    "E104": "bytes are not valid UTF-8; decoded with a guessed encoding",
    "E105": "store does not exist",
    "E106": "database server could not be reached",
    "E107": "unparseable date in a filter",
    "E108": "text or parameter holds a NUL character",
    "E109": "request body nested too deeply",
    # presentation
    "E130": "analyze without PATHS: the store holds no articles to analyse",
    # review
    "E135": "unknown review field",
    "E136": "value does not fit the review field",
    "E137": "review conflict: the edit was based on an older version",
    "E138": "report not found: the article has no incident with that index",
    "E139": "split must leave reports on both sides",
    "E140": "merge or move needs two different incidents",
    "E141": "unknown review status",
    "E142": "this review entry cannot be undone",
    "E143": "reviewer tokens are malformed",
    "E144": "a review edit needs a reason",
    "E145": "gold corrections file is malformed",
    # exports
    "E150": "unknown export format",
    "E151": "incidents were replaced while being exported",
    "E152": "export output could not be written",
    # linking and incident ids
    "E180": "linking IDF table is missing or malformed",
    "E181": "incident id change is invalid (unknown id, or it would redirect an id to itself)",
    # credibility: reference databases
    "E190": "row of a reference database (UCDP GED, ACLED) is malformed",
    # the Dask engine
    "E200": "the dask scheduler cannot be reached",
    "E201": "unknown dask scheduler (not processes, threads, synchronous or an address)",
    "E202": "dask partitions must be at least 1",
    "E203": "unknown analysis engine (not local or dask)",
    # extraction: the learned figure scorer
    "E230": "figures model file is missing or unreadable",
    "E231": "figures model file has another format, version or feature set",
    # linking: the learned pair model
    "E250": "linking pair model (learned weights) is missing or malformed",
}


@dataclass
class CorroborateError(Exception):
    """An error with a catalogue code and the context that locates it."""

    code: str
    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    context: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown error code {self.code!r}")
        super().__init__(str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled by keyword fields, not by exception args: a Dask worker's rejects
        # travel back to the driver
        return (_rebuild, (self.code, self.message, self.file, self.row, self.field,
                           self.context))

    def location(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.file is not None:
            parts.append(("of " if parts else "") + str(self.file))
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return " ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        return f"{self.code}: {loc + ': ' if loc else ''}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "context": self.context,
            "error": str(self),
        }


def _rebuild(code: str, message: str, file: str | None, row: int | None, field: str | None,
             context: dict[str, Any]) -> CorroborateError:
    return CorroborateError(code, message, file=file, row=row, field=field, context=context)


def error(code: str, message: str | None = None, **ctx: Any) -> CorroborateError:
    """Build an error from the catalogue; the message defaults to the catalogue text."""
    file = ctx.pop("file", None)
    row = ctx.pop("row", None)
    fld = ctx.pop("field", None)
    return CorroborateError(
        code, message or CATALOGUE[code], file=None if file is None else str(file), row=row,
        field=fld, context=ctx,
    )
