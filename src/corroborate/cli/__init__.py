"""The ``corroborate`` command line.

Each command module registers thin commands: parse options, call one plain
library function that returns data, render it with rich (or JSON).  Modules are
owned by pipeline stage, so adding a command never touches another stage.
"""

from __future__ import annotations

import typer

from .. import __version__
from . import analyze, common, credibility, evaluate, extract, ingest, web

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


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Corroborate: ingest → extract → link → compare → credibility → present."""


for _mod in (ingest, extract, analyze, evaluate, credibility, web):
    _mod.register(app)


def main() -> None:
    common.run(app)
