"""Shared CLI plumbing: console, app construction, error rendering, progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..app import Corroborate
from ..config import Settings
from ..errors import CorroborateError

console = Console(stderr=True)
out = Console()

T = TypeVar("T")

DB_OPTION = typer.Option(None, "--db", help="Store URL: sqlite:///file.db, postgresql://user@host/db, "
                         "or a bare path (SQLite). Default ./corroborate.db or $CORROBORATE_DB.")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress bars or summaries.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")
PATHS_ARG = typer.Argument(..., help="Files, folders (recursive), URL lists, or - for standard "
                                     "input.")


def make_app(db: str | None = None, *, create: bool = False, **overrides: Any) -> Corroborate:
    """The app for one command; only commands that write (``create``) may make a new store."""
    return Corroborate(Settings.load(db=db, **overrides), create=create)


def progress(items: Iterable[T], total: int | None, label: str, quiet: bool = False) -> Iterator[T]:
    """Wrap an iterable with a rich progress bar on stderr (nothing when quiet)."""
    if quiet or not console.is_terminal and not _force_progress():
        yield from items
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _force_progress() -> bool:
    import os

    return os.environ.get("CORROBORATE_PROGRESS") == "1"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def run(app: typer.Typer) -> None:
    """Run the typer app, turning catalogue errors into one clear line and exit 2."""
    try:
        app()
    except CorroborateError as exc:
        console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise SystemExit(2) from None
