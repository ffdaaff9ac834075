"""Corrections are gold: export the reviewed values, and score the extractor on them.

`export_gold` writes one JSON line per reviewed report incident (the article's
title and text, so that the file is self-contained, and each corrected field's
value; docs/schema/review-gold.schema.json).  `score_gold` extracts each article
again and counts, per field, how often the extractor's value for that incident
equals the reviewer's: the measurement behind ``evaluate extraction --gold``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import error
from .fields import FIELDS, read_value
from .state import load_state

GOLD_VERSION = "1.0"


def iter_gold(store: Any) -> Iterator[dict[str, Any]]:
    """The gold records of the store's current corrections, by article and incident."""
    state = load_state(store)
    by_report: dict[tuple[str, int], dict[str, Any]] = {}
    for (article_id, index, name), v in sorted(state.values.items()):
        by_report.setdefault((article_id, index), {})[name] = v.get("value")
    for (article_id, index), fields in sorted(by_report.items()):
        article = store.get_article(article_id)
        if article is None:
            continue
        yield {"version": GOLD_VERSION, "article_id": article_id, "incident_index": index,
               "title": article.title, "text": article.text, "outlet": article.outlet,
               "published": article.published,
               "fields": {f: fields[f] for f in FIELDS if f in fields}}


def export_gold(store: Any, path: str | Path | None = None) -> list[dict[str, Any]]:
    """Write the gold records as JSON lines to ``path`` (when given) and return them."""
    records = list(iter_gold(store))
    if path is not None:
        with Path(path).open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold records from a JSON-lines file; E145 naming the line of a bad record."""
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"gold file not found: {p}", file=p)
    out: list[dict[str, Any]] = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error("E145", f"line {n} is not JSON ({exc.msg})", file=p, row=n) from None
        if not isinstance(rec, dict) or not isinstance(rec.get("fields"), dict) \
                or not isinstance(rec.get("text"), str) or not rec.get("article_id"):
            raise error("E145", f"line {n} needs article_id, text and fields", file=p, row=n)
        bad = [f for f in rec["fields"] if f not in FIELDS]
        if bad:
            raise error("E145", f"line {n}: unknown field(s) {', '.join(bad)}", file=p, row=n,
                        field=bad[0])
        out.append(rec)
    return out


def _same(name: str, got: Any, want: Any) -> bool:
    if isinstance(got, list) or isinstance(want, list):
        return {str(x).casefold() for x in got or []} == {str(x).casefold() for x in want or []}
    if name == "place" and isinstance(got, str) and isinstance(want, str):
        return got.casefold() == want.casefold()
    return bool(got == want)


def score_gold(path: str | Path, settings: Settings) -> dict[str, Any]:
    """Per-field accuracy of the extractor, built with the caller's ``settings``, against
    exported corrections."""
    from ..extract import default_pipeline, extract
    from ..models import Article

    records = read_gold(path)
    pipe = default_pipeline(settings)
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for rec in records:
        art = Article(id=rec["article_id"], text=rec["text"], title=rec.get("title") or "",
                      outlet=rec.get("outlet"), published=rec.get("published"))
        incs = extract(art, pipe).to_dict()["incidents"]
        index = int(rec.get("incident_index") or 0)
        inc = incs[index] if 0 <= index < len(incs) else {}
        for name, want in rec["fields"].items():
            got = read_value(inc, name)
            seen[name] += 1
            if _same(name, got, want):
                hits[name] += 1
            else:
                misses.append({"article_id": rec["article_id"], "incident_index": index,
                               "field": name, "expected": want, "got": got})
    fields = {f: {"accuracy": hits[f] / seen[f], "n": seen[f], "correct": hits[f]}
              for f in FIELDS if seen[f]}
    total = sum(seen.values())
    return {"n_reports": len(records), "n_values": total,
            "accuracy": sum(hits.values()) / total if total else None,
            "fields": fields, "misses": misses}
