"""Core records: articles, evidence spans and the claims extracted from them.

These are plain dataclasses.  Pydantic lives at the edges (config, HTTP); the
pipeline passes these records between stages, and `to_dict()` gives the JSON
shape documented in ``docs/schema/``.

Coordinates: every offset is a character offset into ``Article.full_text``,
which is the title, a blank line, then the body (or just the body when the
article has no title, or when the body already starts with the title).  The
substring at ``[start:end]`` is the evidence for the value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any, Literal

TITLE_SEP = "\n\n"


def normalise_for_hash(text: str) -> str:
    """Whitespace- and Unicode-normalised text, so trivial reformatting dedupes."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


_ASCII_SPACE = re.compile(r"[ \t\n\r]")


def _normalised_starts_with(text: str, prefix: str) -> bool:
    """``normalise_for_hash(text).startswith(prefix)``, normalising only as much of ``text``
    as the test needs (every article's full text asks it of its whole body).

    A cut just before an ASCII space or line break changes nothing: no Unicode
    composition or reordering reaches across such a character, and no token of the
    whitespace split spans it, so the normalised head is a prefix of the normalised
    whole; once that head is as long as ``prefix`` it decides the test.
    """
    reach = 2 * len(prefix) + 64
    while reach < len(text):
        cut = _ASCII_SPACE.search(text, reach)
        if cut is None:
            break
        head = normalise_for_hash(text[:cut.start()])
        if len(head) >= len(prefix):
            return head.startswith(prefix)
        reach = 2 * cut.start()
    return normalise_for_hash(text).startswith(prefix)


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def unique_id(article_id: str, digest: str, taken: Callable[[str], bool]) -> str:
    """``article_id``, or it with a hash suffix when another text holds it."""
    if not taken(article_id):
        return article_id
    for n in range(6, len(digest) + 1, 2):
        candidate = f"{article_id}-{digest[:n]}"
        if not taken(candidate):
            return candidate
    raise ValueError(f"cannot make a unique id from {article_id!r}")  # pragma: no cover


@dataclass
class Provenance:
    """One occurrence of an article in the input: where it came from."""

    source: str  # file path, "<stdin>", an URL or "api"
    row: int | None = None  # 0-based data row for CSV/JSONL/feeds, None for whole files
    metadata: dict[str, Any] = field(default_factory=dict)  # e.g. FA-KES labels, unit_id

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Article:
    """One news report.  The single document object every stage refers to."""

    id: str
    text: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None
    content_hash: str = ""
    provenance: list[Provenance] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The body identifies a report: the same body under a re-encoded or
        # re-worded headline is the same article (FA-KES has such pairs).
        if not self.content_hash:
            self.content_hash = content_hash(self.text if self.text.strip() else self.full_text)

    @property
    def full_text(self) -> str:
        """Title and body in one string: the coordinate system of every span."""
        title = (self.title or "").strip()
        if not title or _normalised_starts_with(self.text, normalise_for_hash(title)):
            return self.text
        return title + TITLE_SEP + self.text

    @property
    def title_end(self) -> int:
        """Offset in `full_text` where the body starts (0 when no separate title)."""
        title = (self.title or "").strip()
        if self.full_text is self.text or not title:
            return 0
        return len(title) + len(TITLE_SEP)

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        d = {
            "id": self.id,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "content_hash": self.content_hash,
            "provenance": [p.to_dict() for p in self.provenance],
        }
        if with_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"],
            text=d["text"],
            title=d.get("title") or "",
            outlet=d.get("outlet"),
            url=d.get("url"),
            published=d.get("published"),
            language=d.get("language"),
            content_hash=d.get("content_hash") or "",
            provenance=[Provenance(**p) for p in d.get("provenance", [])],
        )


@dataclass(frozen=True)
class Span:
    """Evidence: ``text == doc.text[start:end]``.  Build it with `Doc.char_span`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


# --- claims ---------------------------------------------------------------
# Each claim carries its evidence span.  `to_dict()` flattens the span into
# "start", "end" and "text" keys beside the value, the shape the schema documents.

Outcome = Literal["killed", "injured", "missing"]
Qualifier = Literal["exact", "at_least", "at_most", "about", "range"]
Victims = Literal["civilian", "noncivilian", "unspecified"]
Role = Literal["perpetrator", "target", "victim", "mentioned"]
Precision = Literal["day", "month", "year", "approximate"]
FramingLabel = Literal["deliberate", "mistake", "denial", "admission"]


def _flat(obj: Any) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, Span):
            d.update(v.to_dict())
        elif hasattr(v, "to_dict"):
            d[f.name] = v.to_dict()
        else:
            d[f.name] = v
    return d


def date_interval(value: str, precision: str | None) -> tuple[str, str]:
    """The first and last day (ISO) a date of this precision stands for.

    A date's ``value`` is the first day of its period ("since 2011" is stored as
    2011-01-01 with precision "year"), so a reader must widen it to the whole
    period before sorting, filtering or comparing it with a day.  "day" and
    "approximate" dates are single days here (linking adds its own slack to the
    approximate ones); an unknown precision (older stored data) is a day.
    """
    first = _date.fromisoformat(value[:10])
    if precision == "year":
        return f"{first.year:04d}-01-01", f"{first.year:04d}-12-31"
    if precision == "month":
        nxt = _date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return (_date(first.year, first.month, 1).isoformat(),
                _date.fromordinal(nxt.toordinal() - 1).isoformat())
    return first.isoformat(), first.isoformat()


@dataclass
class DateClaim:
    value: str  # ISO date of the event, e.g. 2016-09-17 (first day for month/year)
    precision: Precision
    span: Span
    relative: bool = False  # resolved from "on Saturday", "yesterday"...

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Place:
    name: str
    span: Span
    admin1: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"  # city | admin1 | country | district | landmark
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Actor:
    name: str  # canonical, e.g. "Islamic State"
    span: Span
    role: Role = "mentioned"
    kind: str | None = None  # state_forces | armed_group | coalition | police | ...
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Casualty:
    outcome: Outcome
    min: int | None
    max: int | None
    qualifier: Qualifier
    span: Span
    victims: Victims = "unspecified"
    children: bool = False  # the figure counts children only
    women: bool = False  # the figure counts women only
    attributed_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Cause:
    category: str  # airstrike | shelling | barrel_bomb | car_bomb | suicide_bombing | ...
    span: Span
    weapon: str | None = None  # platform or weapon named, e.g. "F-16"

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Attribution:
    speaker: str
    verb: str  # said | claimed | admitted | denied | according to | reported | cited by
    span: Span
    kind: Literal["statement", "relay"] = "statement"

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Framing:
    label: FramingLabel
    span: Span
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


TOLL_KEYS = ("total", "civilian", "noncivilian", "children", "women")


def empty_toll() -> dict[str, dict[str, int | None]]:
    return {o: {k: None for k in TOLL_KEYS} for o in ("killed", "injured")}


@dataclass
class Incident:
    """One incident as one article reports it."""

    date: DateClaim | None = None
    place: Place | None = None
    actors: list[Actor] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    toll: dict[str, dict[str, int | None]] = field(default_factory=empty_toll)
    cause: Cause | None = None
    attributions: list[Attribution] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    salience: float = 0.0

    def perpetrators(self) -> list[str]:
        return [a.name for a in self.actors if a.role == "perpetrator"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.value if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "date_evidence": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "actors": [a.to_dict() for a in self.actors],
            "casualties": [c.to_dict() for c in self.casualties],
            "toll": self.toll,
            "cause": self.cause.to_dict() if self.cause else None,
            "attributions": [a.to_dict() for a in self.attributions],
            "framing": [f.to_dict() for f in self.framing],
            "salience": round(self.salience, 4),
        }


@dataclass
class ArticleExtraction:
    """Everything extraction found in one article."""

    article_id: str
    outlet: str | None
    published: str | None
    title: str
    incidents: list[Incident] = field(default_factory=list)
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "warnings": self.warnings,
            "incidents": [i.to_dict() for i in self.incidents],
        }
