"""``corroborate evaluate credibility``: the classifier on FA-KES's realigned labels."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import JSON_OPTION, QUIET_OPTION, make_app, out, print_json, progress


def _shared(*parts: str) -> Path:
    base = os.environ.get("CORROBORATE_SHARED")
    return (Path(base) if base else Path.cwd().parent / "shared").joinpath(*parts)


def run(data: Path | None, realigned: Path | None, reference: Path | None, no_reference: bool,
        kinds: str, folds: int, as_json: bool, quiet: bool, half: str = "all",
        c: float | None = None) -> None:
    from ..credibility.evaluation import evaluate, load_corpus, select_half

    data = data or _shared("data", "fa-kes", "FA-KES-Dataset.csv")
    realigned = realigned or data.parent / "labels_realigned_dev.csv"
    ref = None if no_reference else reference or _shared("data", "ucdp-ged-syria", "ged_syria.csv")
    # the command's own app (the root --config option flows through Settings.load)
    with make_app() as corr:
        corpus = load_corpus(data, realigned, settings=corr.settings, reference=ref,
                             progress=None if quiet else progress)
    corpus = select_half(corpus, half)
    names = [k.strip() for k in kinds.split(",") if k.strip()]
    result: dict[str, Any] = evaluate(corpus, kinds=names, folds=folds,
                                      params={"C": c} if c is not None else None)
    result.update({"data": str(data), "labels": str(realigned),
                   "reference": str(ref) if ref else None, "half": half, "C": c})
    if as_json:
        print_json(result)
        return
    table = Table(title=f"accuracy on {result['n']} FA-KES dev rows, realigned labels "
                        f"({result['credible']} credible / {result['fake']} fake; majority "
                        f"{result['majority_rate']:.3f})")
    table.add_column("model")
    halves = names if names and names[0] in result["halves"] else []
    for col in ("stratified CV", "each outlet held out", "within camp"):
        table.add_column(col, justify="right")
    if halves:
        table.add_column(f"test half ({result['halves']['sizes']['test']} rows)", justify="right")
    for k in names:
        s = result["schemes"]
        table.add_row(k, *(f"{s[x][k]['accuracy']:.3f}" for x in ("stratified", "by_outlet",
                                                                  "within_camp")),
                      *([f"{result['halves'][k]['test']:.3f}"] if k in halves else []))
    out.print(table)
    camps = Table(title="within each camp (5-fold CV inside the camp)")
    for col in ("camp", "rows", "majority", *names):
        camps.add_column(col)
    for camp, r in result["per_camp"].items():
        camps.add_row(camp, str(r["n"]), f"{r['majority_rate']:.3f}", *(f"{r[k]:.3f}" for k in names))
    out.print(camps)
    ctx = Table(title="reference and other-origin judgements against the label")
    for col in ("judgement", "credible", "fake"):
        ctx.add_column(col)
    for bucket, r in result["context_vs_label"].items():
        ctx.add_row(bucket, str(r["credible"]), str(r["fake"]))
    out.print(ctx)
    outlets = Table(title="within each outlet (stratified CV predictions of its rows)")
    for col in ("outlet", "rows", "majority", *names):
        outlets.add_column(col)
    for o, r in result["per_outlet"].items():
        outlets.add_row(o, str(r["n"]), f"{r['majority_rate']:.3f}", *(f"{r[k]:.3f}" for k in names))
    out.print(outlets)


DATA = Annotated[Path | None, typer.Option(
    "--data", help="FA-KES CSV (default: $CORROBORATE_SHARED/data/fa-kes/FA-KES-Dataset.csv).")]
LABELS = Annotated[Path | None, typer.Option(
    "--labels", help="Realigned labels of the dev rows (default: labels_realigned_dev.csv beside "
                     "the data).")]
REFERENCE = Annotated[Path | None, typer.Option(
    "--reference", help="Reference database for the reference features (default: the shared "
                        "UCDP GED Syria file).")]
NO_REFERENCE = Annotated[bool, typer.Option("--no-reference", help="No reference features.")]
KINDS = Annotated[str, typer.Option("--kinds", help="Baselines and models to compare.")]
FOLDS = Annotated[int, typer.Option("--folds")]
HALF = Annotated[str, typer.Option("--half", help="all | tune | test: measure on one by-incident "
                                                  "half only (choices are made on tune).")]
C_OPTION = Annotated[float | None, typer.Option("--c", help="Inverse regularisation of the "
                                                         "models (default 3, chosen on tune).")]


def register(group: typer.Typer) -> None:
    @group.command("credibility")
    def credibility(data: DATA = None, labels: LABELS = None, reference: REFERENCE = None,
                    no_reference: NO_REFERENCE = False, kinds: KINDS = "outlet,text,claims,logreg",
                    folds: FOLDS = 5, half: HALF = "all", c: C_OPTION = None,
                    as_json: bool = JSON_OPTION, quiet: bool = QUIET_OPTION) -> None:
        """Classifier accuracy on FA-KES's realigned dev labels: stratified CV, each outlet held
        out, within each outlet camp and on the untouched test half, beside the outlet-only
        and TF-IDF baselines."""
        run(data, labels, reference, no_reference, kinds, folds, as_json, quiet, half, c)
