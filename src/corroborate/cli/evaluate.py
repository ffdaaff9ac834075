"""``corroborate evaluate``: quality measurements on the shared datasets."""

from __future__ import annotations

import typer

from . import evaluate_credibility, evaluate_extraction, evaluate_figures, evaluate_linking


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Measure extraction, linking and credibility quality on dev data.", no_args_is_help=True)
    evaluate_extraction.register(group)
    evaluate_linking.register(group)
    evaluate_credibility.register(group)
    evaluate_figures.register(group)
    app.add_typer(group, name="evaluate")
