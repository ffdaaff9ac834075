"""``corroborate evaluate linking``: B³ of the incident linker on ECB+, the FA-KES dev gold and
the GVA dev corpus, per half of the fixed dev split, beside a TF-IDF baseline."""

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
GVA_OPTION = typer.Option(None, "--gva", help="GVA dev folder (docs.jsonl, incidents.jsonl): "
                          "scored on its hard blocks (several incidents in one state and month).")
HALF_OPTION = typer.Option("both", "--half", help="Which half of the fixed by-incident dev split: "
                           "tune, test, both (each on its own) or all (not split).")
BASELINE_OPTION = typer.Option(True, "--baseline/--no-baseline",
                               help="Also score a TF-IDF average-linkage baseline (its threshold "
                               "picked on the tune half).")
ERRORS_OPTION = typer.Option(False, "--errors", help="Instead of B³, count the pairs the linker "
                             "got wrong by why: pairs of one incident held apart (by which claim "
                             "rule, or scored below the threshold) and pairs of different "
                             "incidents joined.")


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
        gva_dir: Path | None = GVA_OPTION,
        half: str = HALF_OPTION,
        baseline: bool = BASELINE_OPTION,
        errors: bool = ERRORS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """B³ precision/recall/F1 of linking: ECB+ within each topic and across topics,
        the FA-KES dev gold and GVA hard blocks, on each half of the dev split."""
        from ..config import Settings
        from ..evaluate.linking import DevData, evaluate_dev, tune_linking

        halves = {"tune": ("tune",), "test": ("test",), "both": ("tune", "test"),
                  "all": ("all",)}.get(half)
        if halves is None:
            raise typer.BadParameter("--half must be tune, test, both or all")
        if ecbplus is None and fakes is None and gva_dir is None:
            shared = _default_shared()
            ecbplus = shared / "data" / "ecbplus"
            fakes = shared / "data" / "fa-kes" / "FA-KES-Dataset.csv"
            gold = gold or Path("benchmarks/data/fakes_link_gold.csv")
            gva_dir = shared / "data" / "gva-dev"
        if fakes is not None and gold is None:
            raise typer.BadParameter("--fakes needs --gold (row,incident,note)")
        settings = Settings.load(config)
        with console.status("building items"):
            data = DevData.load(ecbplus=ecbplus, fakes=fakes, gold=gold, gva_dir=gva_dir,
                                settings=settings,
                                use_extraction=not no_extract)
        if fit:
            tuned = tune_linking(data, settings)
            if as_json:
                print_json(tuned)
                return
            _render_fit(tuned)
            return
        if errors:
            from ..evaluate.link_errors import errors_report
            from ..link.linker import Linker

            buckets = errors_report(data, Linker(settings), halves)
            if as_json:
                print_json(buckets)
            else:
                _render_errors(buckets)
            return
        report = evaluate_dev(data, settings, halves=halves, baseline=baseline)  # type: ignore[arg-type]
        if as_json:
            print_json(report)
        else:
            _render(report)


def _row(table: Table, name: str, b: dict[str, Any]) -> None:
    table.add_row(name, f"{b['precision']:.3f}", f"{b['recall']:.3f}", f"{b['f1']:.3f}",
                  str(b["n"]))


def _render(report: dict[str, Any]) -> None:
    sections = [(h, report[h]) for h in ("tune", "test") if h in report]
    if "ecbplus" in report or "fakes" in report or "gva" in report:
        sections.append(("all", report))
    for name, sec in sections:
        table = Table(title=f"Linking B³, {name} half (threshold {report['threshold']}, "
                            f"extraction {'on' if report['extraction'] else 'off'})"
                      if name != "all" else f"Linking B³, all dev data (threshold "
                      f"{report['threshold']}, extraction {'on' if report['extraction'] else 'off'})")
        for col in ("set", "precision", "recall", "F1", "n"):
            table.add_column(col, justify="left" if col == "set" else "right")
        base = sec.get("baseline") or {}
        if "ecbplus" in sec:
            e = sec["ecbplus"]
            _row(table, "ECB+ within topic (micro)", e["within_topic_micro"])
            _row(table, "ECB+ within topic (macro, n=topics)", e["within_topic_macro"])
            _row(table, "ECB+ across topics", e["across_topics"])
        if "fakes" in sec:
            _row(table, "FA-KES dev gold", sec["fakes"])
        if "gva" in sec:
            _row(table, f"GVA hard blocks ({sec['gva']['blocks']} blocks)", sec["gva"])
        for key, label in (("ecbplus_within_topic_micro", "ECB+ within topic"),
                           ("ecbplus_across_topics", "ECB+ across topics"),
                           ("fakes", "FA-KES dev gold"), ("gva", "GVA hard blocks")):
            if key in base:
                _row(table, f"baseline TF-IDF avg-linkage {base['threshold']}: {label}", base[key])
        out.print(table)


def _render_errors(buckets: dict[str, Any]) -> None:
    names = {"ecbplus": "ECB+ within topic", "fakes": "FA-KES dev gold", "gva": "GVA hard blocks"}
    for which, corpora in buckets.items():
        table = Table(title=f"Linking errors in item pairs, {which} half")
        for col in ("set", "why", "pairs"):
            table.add_column(col, justify="right" if col == "pairs" else "left")
        for corpus, counts in corpora.items():
            for why, n in counts.items():
                table.add_row(names.get(corpus, corpus), why, str(n))
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
