"""``corroborate evaluate extraction``: headline-incident accuracy on FA-KES or GVA dev data."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..config import Settings
from .common import JSON_OPTION, console, out, print_json


def _shared() -> Path:
    return Path(os.environ.get("CORROBORATE_SHARED", "../shared"))


CROWD_OPTION = typer.Option(None, "--crowd", help="Crowd facts CSV (row, nb_civilians, ...) for "
                            "FA-KES. Default: $CORROBORATE_SHARED/data/fa-kes/crowd_dev.csv.")
DATA_OPTION = typer.Option("fakes", "--data", help="fakes, gva, or a PATH: a folder holding "
                           "docs.jsonl and incidents.jsonl is a GVA corpus, a file is "
                           "FA-KES-Dataset.csv. fakes/gva read $CORROBORATE_SHARED/data.")
HALF_OPTION = typer.Option("all", "--half", help="tune, test or all: the fixed by-incident "
                           "split (FA-KES by unit_id, GVA by incident_id).")
MISSES_OPTION = typer.Option(None, "--misses", help="Write every miss as CSV "
                             "(row, field, category, expected, got, evidence).")
LIMIT_OPTION = typer.Option(None, "--limit", min=1, help="Only the first N rows of the half.")


def resolve_data(data: str) -> tuple[str, Path]:
    """(``fakes`` or ``gva``, path) of a ``--data`` value."""
    if data == "fakes":
        return "fakes", _shared() / "data" / "fa-kes" / "FA-KES-Dataset.csv"
    if data == "gva":
        return "gva", _shared() / "data" / "gva-dev"
    path = Path(data)
    return ("gva" if path.is_dir() else "fakes"), path


def run_evaluation(data: str, half: str, settings: Settings, crowd: Path | None = None,
                   limit: int | None = None) -> dict[str, Any]:
    from ..evaluate.extraction import evaluate_crowd, evaluate_gva
    from ..evaluate.splits import HALVES

    if half not in (*HALVES, "all"):
        raise typer.BadParameter(f"--half must be tune, test or all, not {half!r}")
    kind, path = resolve_data(data)
    if kind == "gva":
        return evaluate_gva(path, settings, limit=limit, half=half)  # type: ignore[arg-type]
    crowd = crowd or _shared() / "data" / "fa-kes" / "crowd_dev.csv"
    return evaluate_crowd(path, crowd, settings, limit=limit, half=half)  # type: ignore[arg-type]
GOLD_OPTION = typer.Option(None, "--gold", help="Score against reviewers' corrections instead "
                           "(a `corroborate review export` JSON-lines file).")


def register(app: typer.Typer) -> None:
    """Add sub-commands to the `evaluate` group."""

    @app.command("extraction")
    def extraction(
        data: str = DATA_OPTION,
        half: str = HALF_OPTION,
        crowd: Path | None = CROWD_OPTION,
        misses: Path | None = MISSES_OPTION,
        limit: int | None = LIMIT_OPTION,
        gold: Path | None = GOLD_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Per-field accuracy of the headline incident (killed first) and a baseline: on FA-KES
        the naive "first number before killed", on GVA always answering 0; with --gold,
        per-field accuracy against exported review corrections."""
        from ..evaluate.extraction import write_misses

        # the root --config (exported as CORROBORATE_CONFIG) and CORROBORATE_* variables:
        # its gazetteers and actor aliases join the extraction being scored
        settings = Settings.load()
        if gold is not None:
            _gold(gold, settings, as_json)
            return
        with console.status("extracting"):
            result = run_evaluation(data, half, settings, crowd, limit)
        if misses is not None:
            write_misses(result["misses"], misses)
            console.print(f"{len(result['misses'])} misses written to {misses}")
        if as_json:
            shown = {k: v for k, v in result.items() if k != "misses"}
            shown["miss_categories"] = _categories(result["misses"])
            print_json(shown)
            return
        corpus = "GVA incident counts" if result["corpus"] == "gva" else "crowd facts"
        table = Table(title=f"Extraction vs {corpus} ({result['n_rows']} rows, half: {half})")
        table.add_column("field")
        table.add_column("accuracy", justify="right")
        table.add_column("correct", justify="right")
        for name, f in result["fields"].items():
            label = "killed (joint)" if name == "killed" and result["corpus"] == "fakes" else name
            acc = "-" if f["accuracy"] is None else f"{f['accuracy']:.3f}"
            table.add_row(label, acc, f"{f['correct']}/{f['n']}")
        if result["corpus"] == "gva":
            baselines = [("always 0: killed", result["baseline_killed_match"]),
                         ("always 0: injured", result["baseline_injured_match"])]
        else:
            baselines = [("baseline killed (joint)", result["baseline_joint_killed_match"])]
        for label, base in baselines:
            table.add_row(label, "-" if base is None else f"{base:.3f}", "")
        out.print(table)
        cats = _categories(result["misses"])
        if cats:
            out.print("misses by category: " + ", ".join(f"{k} {v}" for k, v in cats.items()))
        out.print(f"{result['articles_per_second']} articles/s "
                  f"(pipeline: {', '.join(result['pipeline'])})")


def _categories(misses: list[dict[str, Any]]) -> dict[str, int]:
    c = Counter(f"{m['field']}:{m['category']}" for m in misses)
    return dict(sorted(c.items()))


def _gold(path: Path, settings: Settings, as_json: bool) -> None:
    from ..review import score_gold

    with console.status("extracting"):
        result = score_gold(path, settings)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"Extraction vs review corrections ({result['n_reports']} reports)")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    table.add_column("correct", justify="right")
    for name, f in result["fields"].items():
        table.add_row(name, f"{f['accuracy']:.3f}", f"{f['correct']}/{f['n']}")
    out.print(table)
