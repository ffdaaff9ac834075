"""The US gun-violence dev corpus (``data/gva-dev``): articles and their incidents.

Each article belongs to one Gun Violence Archive incident, whose killed and
injured counts are for the whole incident (an article written before a victim
died, or a late follow-up, can disagree with them).  Articles become
`Article` records keyed ``gva-<doc_id>`` with the title as title, the content
as text and the publication date (``dct``) as ``published``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import error
from ..models import Article, Provenance


@dataclass(frozen=True)
class GvaIncident:
    incident_id: str
    date: date | None
    state: str
    city_or_county: str
    killed: int
    injured: int


@dataclass(frozen=True)
class GvaDoc:
    doc_id: str
    incident_id: str
    article: Article


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise error("E001", f"GVA file not found: {path}", file=path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error("E013", f"malformed JSON line: {exc.msg}", file=path, row=n) from None
            if not isinstance(rec, dict):
                raise error("E014", file=path, row=n)
            out.append(rec)
    return out


def _date(text: str | None) -> date | None:
    if not text:
        return None
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_incidents(folder: str | Path) -> dict[str, GvaIncident]:
    """``incidents.jsonl`` by incident id."""
    path = Path(folder) / "incidents.jsonl"
    out: dict[str, GvaIncident] = {}
    for n, rec in enumerate(_jsonl(path), 1):
        try:
            inc = GvaIncident(
                incident_id=str(rec["incident_id"]), date=_date(rec.get("date")),
                state=str(rec.get("state") or ""), city_or_county=str(rec.get("city_or_county") or ""),
                killed=int(rec["num_killed"]), injured=int(rec["num_injured"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise error("E013", f"incident record lacks a field or a count: {exc}", file=path, row=n) from None
        out[inc.incident_id] = inc
    return out


def read_docs(folder: str | Path) -> list[GvaDoc]:
    """``docs.jsonl`` as articles, in file order."""
    path = Path(folder) / "docs.jsonl"
    out = []
    for n, rec in enumerate(_jsonl(path), 1):
        try:
            doc_id, incident_id = str(rec["doc_id"]), str(rec["incident_id"])
        except KeyError as exc:
            raise error("E013", f"document record lacks {exc}", file=path, row=n) from None
        published = _date(rec.get("dct"))
        article = Article(
            id=f"gva-{doc_id}", text=str(rec.get("content") or ""), title=str(rec.get("title") or ""),
            published=published.isoformat() if published else None,
            provenance=[Provenance(str(path), row=n - 1)],
        )
        out.append(GvaDoc(doc_id=doc_id, incident_id=incident_id, article=article))
    return out
