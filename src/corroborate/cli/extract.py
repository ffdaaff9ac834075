"""``corroborate extract``: claims with evidence, from files or from a store.

Stateless by default: ``corroborate extract PATH...`` reads anything ingest
reads and prints one extraction per article (``docs/extraction.md``).  With
``--db URL`` and no PATH it extracts the stored articles and writes the results
back to the store.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import CorroborateError
from ..models import Article
from ..present import display_date
from . import common


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)


def extract_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, folders or '-' (stdin), in any format ingest reads. "
             "Leave out with --db to extract the stored articles.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to FILE, not stdout.")] = None,
    quiet: bool = common.QUIET_OPTION,
    engine: Annotated[EngineName, typer.Option(
        "--engine", help="local: this process; dask: a dask.bag over partitions "
                         "(pip install 'corroborate[distributed]').")] = EngineName.local,
    partitions: Annotated[int | None, typer.Option(
        "--partitions", min=1, help="dask partitions (default: CPU count).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="dask scheduler: processes, threads, synchronous, or "
                            "tcp://HOST:8786 of a dask.distributed cluster.")] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="FIELD=COLUMN for CSV/JSON inputs, as in ingest (repeatable).")] = None,
    rejects: Annotated[Path | None, typer.Option(
        "--rejects", help="Write rejected inputs to this file as JSONL, as ingest does.")] = None,
    db: str | None = common.DB_OPTION,
) -> None:
    """Extract dates, places, actors, casualties, cause, attributions and framing, with evidence."""
    if not paths:
        if db is None:
            raise typer.BadParameter("give PATH... to extract files, or --db URL (and no PATH) "
                                     "to extract the stored articles")
        _extract_stored(db, quiet=quiet, engine=engine.value, partitions=partitions,
                        scheduler=scheduler)
        return
    if db is not None:
        raise typer.BadParameter("--db extracts the stored articles and takes no PATH; "
                                 "run `corroborate ingest PATH --db URL` first")
    from ..ingest import FetchPolicy, parse_mapping, read_inputs

    app = common.make_app()
    batch = read_inputs(paths, mapping=parse_mapping(mapping or []), stdin=sys.stdin,
                        fetch=FetchPolicy.from_settings(app.settings))
    _report_rejects(batch.rejects, rejects)
    results = _run(batch.articles, app.settings, engine=engine.value, partitions=partitions,
                   scheduler=scheduler, quiet=quiet)
    n_incidents = 0
    with ExitStack() as stack:
        fh: TextIO = (stack.enter_context(open(output, "w", encoding="utf-8")) if output
                      else sys.stdout)
        for count in write(results, fmt, fh):
            n_incidents += count
    if not quiet:
        common.console.print(f"extracted {len(batch.articles)} article(s), {n_incidents} "
                             f"incident(s); {len(batch.rejects)} rejected", highlight=False)
    if batch.rejects:
        raise typer.Exit(1)


def _report_rejects(rejects: list[CorroborateError], path: Path | None) -> None:
    """As ``corroborate ingest`` does: one line per reject on stderr, optionally a JSONL file."""
    from ..ingest import IngestReport
    from .ingest import write_rejects

    for r in rejects:
        common.console.print(f"[red]{escape(r.code)}[/red]{escape(str(r)[len(r.code):])}",
                             highlight=False, soft_wrap=True)
    if path is not None:
        write_rejects(IngestReport(rejects=rejects), path)


def _run(articles: list[Article], settings: Any, *, engine: str, partitions: int | None,
         scheduler: str | None, quiet: bool) -> Iterator[dict[str, Any]]:
    from ..extract.run import extract_distributed, iter_extract

    if engine == "dask":
        yield from extract_distributed(articles, settings, partitions=partitions,
                                       scheduler=scheduler)
        return
    yield from iter_extract(common.progress(articles, len(articles), "extracting", quiet),
                            settings)


def write(results: Iterable[dict[str, Any]], fmt: Format, fh: TextIO) -> Iterator[int]:
    """Render extraction dicts to ``fh``; yields each article's incident count as it goes."""
    if fmt is Format.jsonl:
        for d in results:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            yield len(d["incidents"])
        return
    items = list(results)
    if fmt is Format.json:
        fh.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        # a pipe or file gets a wide table rather than rich's 80-column fallback
        Console(file=fh, width=None if fh.isatty() else 200).print(extraction_table(items))
    for d in items:
        yield len(d["incidents"])


def _framing_cell(inc: dict[str, Any]) -> str:
    seen: list[str] = []
    for f in inc["framing"]:
        cell = f["label"] + (f" ({f['speaker']})" if f["speaker"] else "")
        if cell not in seen:
            seen.append(cell)
    return "; ".join(seen)


def _count(v: int | None) -> str:
    return "" if v is None else str(v)


def extraction_table(extractions: list[dict[str, Any]]) -> Table:
    """One row per (article, incident); articles with no incident get one empty row."""
    t = Table(show_lines=False)
    for col in ("article", "incident", "date", "place", "killed", "injured", "perpetrator",
                "cause", "framing"):
        t.add_column(col, overflow="fold",
                     justify="right" if col in ("incident", "killed", "injured") else "left")
    for d in extractions:
        if not d["incidents"]:
            t.add_row(d["id"], "", "", "", "", "", "", "", "")
        for i, inc in enumerate(d["incidents"]):
            place = inc["place"]["name"] if inc["place"] else ""
            perps = sorted({a["name"] for a in inc["actors"] if a["role"] == "perpetrator"})
            t.add_row(d["id"], str(i), display_date(inc["date"], inc["date_precision"], ""), place,
                      _count(inc["toll"]["killed"]["total"]), _count(inc["toll"]["injured"]["total"]),
                      ", ".join(perps), inc["cause"]["category"] if inc["cause"] else "",
                      _framing_cell(inc))
    return t


def _extract_stored(db: str, *, quiet: bool, engine: str, partitions: int | None,
                    scheduler: str | None) -> None:
    from ..extract.run import extract_store

    with common.make_app(db) as app:
        n = extract_store(app.store, app.settings,
                          progress=lambda items, total: common.progress(items, total,
                                                                        "extracting", quiet),
                          engine=engine,  # type: ignore[arg-type]
                          partitions=partitions, scheduler=scheduler)
    if not quiet:
        common.console.print(f"extracted {n} stored article(s) into {db}", highlight=False)
