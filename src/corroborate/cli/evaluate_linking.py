"""``corroborate evaluate linking``: B³ of the incident linker on ECB+ and the FA-KES dev gold."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from .common import JSON_OPTION, console, out, print_json


def _default_shared() -> Path:
    return Path(os.environ.get("CORROBORATE_SHARED", "../shared"))


ECBPLUS_OPTION = typer.Option(
    None, "--ecbplus", help="ECB+ folder (with ecbplus_doc_index.csv). "
    "Default: $CORROBORATE_SHARED/data/ecbplus when no dataset is named.")
FAKES_OPTION = typer.Option(None, "--fakes", help="FA-KES-Dataset.csv.")
GOLD_OPTION = typer.Option(None, "--gold", help="Linking gold CSV (row,incident,note) for --fakes.")
NO_EXTRACT_OPTION = typer.Option(False, "--no-extract",
                                 help="Text and published date only (skip extraction).")
FIT_OPTION = typer.Option(False, "--fit", help="Refit the pair model and tune the threshold on "
                          "these data; prints a [link] config table.")
CONFIG_OPTION = typer.Option(None, "--config", help="TOML settings file.")


def register(app: typer.Typer) -> None:
    """Add sub-commands to the `evaluate` group."""

    @app.command("linking")
    def linking(
        ecbplus: Path | None = ECBPLUS_OPTION,
        fakes: Path | None = FAKES_OPTION,
        gold: Path | None = GOLD_OPTION,
        no_extract: bool = NO_EXTRACT_OPTION,
        fit: bool = FIT_OPTION,
        config: Path | None = CONFIG_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """B³ precision/recall/F1 of linking: ECB+ within each topic and across topics,
        and the FA-KES dev gold."""
        from ..config import Settings
        from ..evaluate.linking import DevData, evaluate_dev, tune_linking

        if ecbplus is None and fakes is None:
            shared = _default_shared()
            ecbplus = shared / "data" / "ecbplus"
            fakes = shared / "data" / "fa-kes" / "FA-KES-Dataset.csv"
            gold = gold or Path("benchmarks/data/fakes_link_gold.csv")
        if fakes is not None and gold is None:
            raise typer.BadParameter("--fakes needs --gold (row,incident,note)")
        settings = Settings.load(config)
        with console.status("building items"):
            data = DevData.load(ecbplus=ecbplus, fakes=fakes, gold=gold,
                                use_extraction=not no_extract)
        if fit:
            tuned = tune_linking(data, settings)
            if as_json:
                print_json(tuned)
                return
            _render_fit(tuned)
            return
        report = evaluate_dev(data, settings)
        if as_json:
            print_json(report)
        else:
            _render(report)


def _row(table: Table, name: str, b: dict[str, Any]) -> None:
    table.add_row(name, f"{b['precision']:.3f}", f"{b['recall']:.3f}", f"{b['f1']:.3f}",
                  str(b["n"]))


def _render(report: dict[str, Any]) -> None:
    table = Table(title=f"Linking B³ (threshold {report['threshold']}, extraction "
                        f"{'on' if report['extraction'] else 'off'})")
    for col in ("set", "precision", "recall", "F1", "n"):
        table.add_column(col, justify="left" if col == "set" else "right")
    if "ecbplus" in report:
        e = report["ecbplus"]
        _row(table, "ECB+ within topic (micro)", e["within_topic_micro"])
        _row(table, "ECB+ within topic (macro, n=topics)", e["within_topic_macro"])
        _row(table, "ECB+ across topics", e["across_topics"])
    if "fakes" in report:
        _row(table, "FA-KES dev gold", report["fakes"])
    out.print(table)


def _render_fit(tuned: dict[str, Any]) -> None:
    lines = [f"# fitted on {tuned['pairs']} candidate pairs "
             f"({tuned['positive_pairs']} same incident)",
             "[link]", f"threshold = {tuned['threshold']}", f"intercept = {tuned['intercept']}",
             "[link.weights]"]
    lines += [f"{k} = {v}" for k, v in tuned["weights"].items()]
    lines += [f"# threshold {g['threshold']:.2f}: objective {g['objective']:.4f}"
              for g in tuned["grid"]]
    typer.echo("\n".join(lines))
