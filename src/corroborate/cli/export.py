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
from . import filters
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
    q: str | None = filters.Q_OPTION,
    place: str | None = filters.PLACE_OPTION,
    actor: str | None = filters.ACTOR_OPTION,
    cause: str | None = filters.CAUSE_OPTION,
    grade: str | None = filters.GRADE_OPTION,
    since: str | None = filters.SINCE_OPTION,
    until: str | None = filters.UNTIL_OPTION,
    contradictions: bool = filters.CONTRADICTIONS_OPTION,
    sort: str = filters.sort_option("date"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many incidents."),
    base_url: str | None = typer.Option(None, "--base-url",
                                        help="Address of the web app (e.g. http://127.0.0.1:8000): "
                                             "each incident then links to its page."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Export the incidents matching the filters (all of them by default), streamed."""
    exports.check_format(fmt)
    query = filters.incident_query(q=q, place=place, actor=actor, cause=cause, grade=grade,
                                   since=since, until=until, contradictions=contradictions,
                                   sort=sort)
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
