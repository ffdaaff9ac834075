"""``corroborate ingest``, ``articles`` and ``show``: read inputs into the store, browse them."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..ingest import (
    DEFAULT_MAX_ARTICLE_BYTES,
    FetchPolicy,
    IngestReport,
    ingest_into,
    parse_mapping,
)
from ..store.views import article_detail, list_articles
from .common import (
    DB_OPTION,
    JSON_OPTION,
    PATHS_ARG,
    QUIET_OPTION,
    console,
    make_app,
    out,
    print_json,
    progress,
)

MAP_OPTION = typer.Option([], "--map", metavar="FIELD=COLUMN",
                          help="Read FIELD (id, title, text, published, outlet, url) from COLUMN "
                               "of a CSV/JSONL file. Repeatable.")
REJECTS_OPTION = typer.Option(None, "--rejects", help="Write rejects to this file as JSONL.")
MAX_BYTES_OPTION = typer.Option(DEFAULT_MAX_ARTICLE_BYTES, "--max-bytes", min=1,
                                help="Largest article text accepted, in UTF-8 bytes.")
OUTLET_OPTION = typer.Option(None, "--outlet", help="Only this outlet (case-insensitive).")
Q_OPTION = typer.Option(None, "--q", help="Full-text search over titles and texts (all words).")
SINCE_OPTION = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD.")
UNTIL_OPTION = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD.")
LIMIT_OPTION = typer.Option(50, "--limit", min=1, help="Rows to show.")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="Rows to skip.")
ID_ARG = typer.Argument(..., help="Article id.")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""
    app.command("ingest")(ingest_cmd)
    app.command("articles")(articles_cmd)
    app.command("show")(show_cmd)


def ingest_cmd(
    paths: list[str] = PATHS_ARG,
    db: str | None = DB_OPTION,
    map_: list[str] = MAP_OPTION,
    rejects: Path | None = REJECTS_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
    quiet: bool = QUIET_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Read articles (files, folders, feeds, URL lists, - for stdin) into the store; exit 1
    if any input was rejected."""
    mapping = parse_mapping(map_)
    with make_app(db, create=True) as corr:
        report = ingest_into(corr.store, paths, mapping=mapping, max_bytes=max_bytes,
                             wrap=lambda items: progress(items, None, "reading", quiet or as_json),
                             fetch=FetchPolicy.from_settings(corr.settings))
    if rejects is not None:
        write_rejects(report, rejects)
    if as_json:
        print_json(report.to_dict())
    else:
        for r in report.rejects:
            console.print(f"[red]{escape(r.code)}[/red]{escape(str(r)[len(r.code):])}",
                          highlight=False, soft_wrap=True)
        if not quiet:
            out.print(f"read {report.read} · stored new {len(report.added)} · "
                      f"duplicates {report.duplicates} · rejected {len(report.rejects)}",
                      highlight=False)
    if report.rejects:
        raise typer.Exit(1)


def write_rejects(report: IngestReport, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in report.rejects:
            fh.write(json.dumps({"code": r.code, "file": r.file, "row": r.row,
                                 "field": r.field, "message": r.message,
                                 "kept": bool(r.context.get("kept"))},
                                ensure_ascii=False) + "\n")


def articles_cmd(
    db: str | None = DB_OPTION,
    outlet: str | None = OUTLET_OPTION,
    q: str | None = Q_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List stored articles, newest first."""
    with make_app(db) as corr:
        page = list_articles(corr.store, outlet=outlet, q=q, since=since, until=until,
                             limit=limit, offset=offset)
    if as_json:
        print_json(page.to_dict())
        return
    table = Table(title=f"{len(page.rows)} of {page.total} articles", title_justify="left")
    for col in ("id", "published", "outlet", "title", "lang", "seen"):
        table.add_column(col, overflow="fold" if col in ("id", "title") else "ellipsis")
    for row in page.rows:
        table.add_row(escape(row["id"]), row["published"] or "", escape(row["outlet"] or ""),
                      escape(row["title"] or row["snippet"][:60]), row["language"] or "",
                      str(row["occurrences"]))
    out.print(table)


def show_cmd(
    article_id: str = ID_ARG,
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one article: metadata, provenance, linked incidents, verdicts and its text."""
    with make_app(db) as corr:
        detail = article_detail(corr.store, article_id)
    if as_json:
        print_json(detail)
        return
    a = detail["article"]
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for key in ("id", "title", "outlet", "published", "url", "language", "content_hash"):
        meta.add_row(key, escape(str(a.get(key) or "")))
    for p in a["provenance"]:
        where = p["source"] + (f" row {p['row']}" if p["row"] is not None else "")
        extra = f"  {json.dumps(p['metadata'], ensure_ascii=False)}" if p["metadata"] else ""
        meta.add_row("seen in", escape(where + extra))
    n = len((detail["extraction"] or {}).get("incidents") or [])
    meta.add_row("extraction", f"{n} incident(s)" if detail["extraction"] else "not extracted")
    for inc in detail["incidents"]:
        meta.add_row("incident", escape(f"{inc['id']}  {inc.get('label') or ''}"))
    for v in detail["verdicts"]:
        meta.add_row("verdict", escape(f"{v.get('kind')}: {v.get('label')}"))
    out.print(meta)
    out.print()
    out.print(escape(a["text"]), highlight=False)
