"""``corroborate export``: stored incidents as GeoJSON, KML, CSV, ACLED or UCDP GED rows."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import typer

from .. import export as exports
from ..errors import error
from ..store import IncidentQuery
from .analyze import GRADES, SORT_HELP, SORTS
from .common import DB_OPTION, QUIET_OPTION, console, make_app


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""
    app.command("export")(export_cmd)


def export_cmd(
    fmt: str = typer.Option(..., "--format", "-f",
                            help="geojson, kml, csv (incidents), claims-csv (one row per "
                                 "report x claim x evidence span), acled or ucdp."),
    output: str = typer.Option("-", "--output", "-o",
                               help="File to write, or - for standard output."),
    db: str | None = DB_OPTION,
    q: str | None = typer.Option(None, "--q", help="Full-text search over the reports' titles and texts."),
    place: str | None = typer.Option(None, "--place", help="Place name or admin-1 region (substring)."),
    actor: str | None = typer.Option(None, "--actor", help="Actor named (substring)."),
    cause: str | None = typer.Option(None, "--cause", help="Cause (airstrike, shelling, ...)."),
    grade: str | None = typer.Option(None, "--grade",
                                     help="confirmed, fair, weak, contested or single_source."),
    since: str | None = typer.Option(None, "--since", help="Incident date on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Incident date on or before YYYY-MM-DD."),
    contradictions: bool = typer.Option(False, "--contradictions",
                                        help="Only incidents whose reports contradict each other."),
    sort: str = typer.Option("date", "--sort", help=SORT_HELP),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many incidents."),
    base_url: str | None = typer.Option(None, "--base-url",
                                        help="Address of the web app (e.g. http://127.0.0.1:8000): "
                                             "each incident then links to its page."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Export the incidents matching the filters (all of them by default), streamed."""
    exports.check_format(fmt)
    if sort not in SORTS:
        raise typer.BadParameter(f"one of {', '.join(SORTS)}", param_hint="--sort")
    if grade is not None and grade not in GRADES:
        raise typer.BadParameter(f"one of {', '.join(GRADES)}", param_hint="--grade")
    query = IncidentQuery(q=q, date_from=since, date_to=until, place=place, actor=actor,
                          cause=cause, grade=grade,
                          has_contradictions=True if contradictions else None, sort=sort)
    with make_app(db) as corr:
        if output == "-":
            stats = exports.export(corr.store, query, fmt, sys.stdout, max_rows=limit,
                                   base_url=base_url)
            sys.stdout.flush()
        else:
            stats = _to_file(Path(output), lambda fh: exports.export(
                corr.store, query, fmt, fh, max_rows=limit, base_url=base_url))
    if not quiet:
        where = "standard output" if output == "-" else output
        console.print(f"exported {stats.incidents} incident(s) as {fmt} to {where} "
                      f"({stats.without_coordinates} without coordinates)", highlight=False,
                      soft_wrap=True)


def _to_file(path: Path, write: Callable[[TextIO], exports.ExportStats]
             ) -> exports.ExportStats:
    """Write through a temporary file beside ``path``, renamed over it only when the
    export finished: a failed export never leaves a truncated file behind."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise error("E152", f"cannot write in {folder}: {exc.strerror}", file=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            stats = write(fh)
        os.replace(tmp, path)
    except OSError as exc:
        raise error("E152", f"cannot write {path}: {exc.strerror}", file=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats
