"""The ``corroborate`` command line.

Each command module registers thin commands: parse options, call one plain
library function that returns data, render it with rich (or JSON).  Modules are
owned by pipeline stage, so adding a command never touches another stage.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .. import __version__
from . import analyze, common, credibility, evaluate, export, extract, ingest, review, web

app = typer.Typer(
    name="corroborate",
    help="Extract, link and cross-check claims in news reports of armed-conflict incidents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corroborate {__version__}")
        raise typer.Exit()


CONFIG_OPTION = typer.Option(
    None, "--config", envvar="CORROBORATE_CONFIG", exists=True, dir_okay=False,
    help="TOML settings file: extra gazetteers and actor aliases, linking thresholds, "
         "token (see docs/extending.md).")


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Corroborate: ingest → extract → link → compare → credibility → present."""
    if config is not None:
        # every command builds its Settings through Settings.load, which reads this
        os.environ["CORROBORATE_CONFIG"] = str(config)


for _mod in (ingest, extract, analyze, evaluate, credibility, export, review, web):
    _mod.register(app)


def main() -> None:
    common.run(app)
