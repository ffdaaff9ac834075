"""``corroborate evaluate extraction``: headline-incident accuracy against the FA-KES crowd facts."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.table import Table

from .common import JSON_OPTION, console, out, print_json


def _shared() -> Path:
    return Path(os.environ.get("CORROBORATE_SHARED", "../shared"))


CROWD_OPTION = typer.Option(None, "--crowd", help="Crowd facts CSV (row, nb_civilians, ...). "
                            "Default: $CORROBORATE_SHARED/data/fa-kes/crowd_dev.csv.")
DATA_OPTION = typer.Option(None, "--data", help="FA-KES-Dataset.csv. "
                           "Default: $CORROBORATE_SHARED/data/fa-kes/FA-KES-Dataset.csv.")
MISSES_OPTION = typer.Option(None, "--misses", help="Write every miss as CSV "
                             "(row, field, expected, got, evidence).")
LIMIT_OPTION = typer.Option(None, "--limit", min=1, help="Only the first N crowd rows.")


def register(app: typer.Typer) -> None:
    """Add sub-commands to the `evaluate` group."""

    @app.command("extraction")
    def extraction(
        crowd: Path | None = CROWD_OPTION,
        data: Path | None = DATA_OPTION,
        misses: Path | None = MISSES_OPTION,
        limit: int | None = LIMIT_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Per-field accuracy of the headline incident (joint killed match first) and the
        naive "first number before killed" baseline."""
        from ..evaluate.extraction import evaluate_crowd, write_misses

        fa = _shared() / "data" / "fa-kes"
        data = data or fa / "FA-KES-Dataset.csv"
        crowd = crowd or fa / "crowd_dev.csv"
        with console.status("extracting"):
            result = evaluate_crowd(data, crowd, limit=limit)
        if misses is not None:
            write_misses(result["misses"], misses)
            console.print(f"{len(result['misses'])} misses written to {misses}")
        if as_json:
            print_json({k: v for k, v in result.items() if k != "misses"})
            return
        table = Table(title=f"Extraction vs crowd facts ({result['n_rows']} rows)")
        table.add_column("field")
        table.add_column("accuracy", justify="right")
        table.add_column("correct", justify="right")
        for name, f in result["fields"].items():
            label = "killed (joint)" if name == "killed" else name
            acc = "-" if f["accuracy"] is None else f"{f['accuracy']:.3f}"
            table.add_row(label, acc, f"{f['correct']}/{f['n']}")
        base = result["baseline_joint_killed_match"]
        table.add_row("baseline killed (joint)", "-" if base is None else f"{base:.3f}", "")
        out.print(table)
        out.print(f"{result['articles_per_second']} articles/s "
                  f"(pipeline: {', '.join(result['pipeline'])})")
