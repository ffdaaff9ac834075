"""CLI commands for the credibility stage: ``verify`` and the ``credibility`` group.

Each command parses options, calls one function of `corroborate.credibility`
and renders what it returns (a rich table, JSON or a file).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..errors import error
from . import evaluate_credibility as ec
from .common import (
    DB_OPTION,
    JSON_OPTION,
    QUIET_OPTION,
    console,
    make_app,
    out,
    print_json,
    progress,
)


def _parse_map(items: list[str] | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise error("E018", f"--map expects field=column, got {item!r}", field=item)
        k, v = item.split("=", 1)
        mapping[k.strip()] = v.strip()
    return mapping


def _shared_default(*parts: str) -> Path:
    base = os.environ.get("CORROBORATE_SHARED")
    root = Path(base) if base else Path.cwd().parent / "shared"
    return root.joinpath(*parts)


def _verdict_table(verdicts: list[dict[str, Any]], title: str, reasons: int = 3) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column("article")
    table.add_column("kind")
    table.add_column("label")
    table.add_column("score", justify="right")
    table.add_column("reasons")
    for v in verdicts:
        score = "" if v.get("score") is None else f"{v['score']:.2f}"
        shown = v.get("reasons", [])[:reasons]
        more = len(v.get("reasons", [])) - len(shown)
        text = "\n".join(shown) + (f"\n… {more} more" if more > 0 else "")
        table.add_row(v["article_id"], v["kind"], v["label"], score, text)
    return table


def _emit(verdicts: list[dict[str, Any]], *, as_json: bool, output: Path | None, title: str) -> None:
    if output is not None:
        output.write_text(json.dumps(verdicts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {len(verdicts)} verdict(s) to {output}")
    if as_json:
        print_json(verdicts)
    elif output is None:
        out.print(_verdict_table(verdicts, title))


def batch_context(articles: list[Any], extractions: list[dict[str, Any]], corr: Any
                  ) -> dict[str, dict[str, float]]:
    """Cross-source features of a batch to classify: linked and compared once, with the
    app's settings, as ``analyze`` does."""
    from ..analyze import link_and_compare
    from ..credibility.claims import claim_verdicts
    from ..credibility.features import context_features, outlet_camp

    exs = {e["id"]: e for e in extractions}
    incidents = link_and_compare(corr, exs, {a.id: a for a in articles})
    return context_features(claim_verdicts(incidents), (), outlet_camp)


def register(app: typer.Typer) -> None:
    """Add ``verify`` and the ``credibility`` group to the root app."""

    @app.command("verify")
    def verify(
        reference: Annotated[Path, typer.Option("--reference", "-r", help="Reference CSV: a UCDP GED or "
                                                "ACLED export, incident rows or victim rows "
                                                "(auto-detected).")],
        paths: Annotated[list[Path] | None, typer.Argument(
            help="Reports to check (files or folders). Without PATH, the extractions stored in "
                 "--db are checked.")] = None,
        db: str | None = DB_OPTION,
        date_window: Annotated[int, typer.Option("--date-window",
                                                 help="Days either side of the date.")] = 3,
        place_level: Annotated[str, typer.Option("--place-level",
                                                 help="city | admin1 | country.")] = "city",
        count_tolerance: Annotated[str, typer.Option(
            "--count-tolerance", help="Relative (0.1, 10%) or absolute (5) tolerance.")] = "0.1",
        mapping: Annotated[list[str] | None, typer.Option(
            "--map", help="field=column for the reference file.")] = None,
        as_json: bool = JSON_OPTION,
        output: Annotated[Path | None, typer.Option("--output", "-o",
                                                    help="Write verdicts as JSON.")] = None,
    ) -> None:
        """Match reported incidents against a reference database (the FA-KES method)."""
        from ..credibility import (
            Tolerances,
            load_articles,
            read_reference,
            verify_articles,
            verify_stored,
        )
        from ..credibility.reference import parse_tolerance

        if place_level not in ("city", "admin1", "country"):
            raise error("E051", f"--place-level must be city, admin1 or country, not {place_level!r}",
                        field="place-level")
        tol = Tolerances(date_window=date_window, place_level=place_level,  # type: ignore[arg-type]
                         count=parse_tolerance(count_tolerance))
        ref = read_reference(reference, mapping=_parse_map(mapping))
        for bad in ref.rejects:
            console.print(f"[yellow]rejected[/yellow] {bad}", highlight=False)
        with make_app(db, create=bool(paths)) as corr:
            if paths:
                articles, rejects = load_articles(paths)
                for r in rejects:
                    console.print(f"[yellow]skipped[/yellow] {r}", highlight=False)
                verdicts = verify_articles(articles, ref, tol, settings=corr.settings,
                                           store=corr.store if db is not None else None)
            else:
                verdicts = verify_stored(corr.store, ref, tol, settings=corr.settings)
        _emit(verdicts, as_json=as_json, output=output,
              title=f"reference verdicts ({len(ref.incidents)} reference incidents, "
                    f"{ref.format} rows)")
        if ref.rejects:
            raise typer.Exit(1)

    group = typer.Typer(help="Credibility: consensus verdicts, a trained classifier, outlet records.",
                        no_args_is_help=True)

    @group.command("train")
    def train(
        data: Annotated[Path, typer.Option("--data",
                                           help="Labelled CSV (FA-KES `labels` or `label`).")],
        model: Annotated[Path, typer.Option("--model", "-m",
                                            help="Output file.")] = Path("credibility.joblib"),
        dev: Annotated[Path | None, typer.Option(
            "--dev", help="Train only on the rows listed in this file's `row` column "
                          "(e.g. crowd_dev.csv).")] = None,
        kind: Annotated[str, typer.Option("--kind",
                                          help="text | claims | logreg | hgb.")] = "logreg",
        quiet: bool = QUIET_OPTION,
    ) -> None:
        """Train a credible/fake classifier and save it."""
        from ..credibility.training import train_model

        # the command's own app (the root --config option flows through Settings.load);
        # training reads files only, so its store is never opened
        with make_app() as corr:
            path, info = train_model(data, model, settings=corr.settings, dev=dev, kind=kind,
                                     progress=None if quiet else progress)
        console.print(f"trained {info['kind']} on {info['n_train']} articles "
                      f"({info['credible']} credible, {info['fake']} fake) -> {path} "
                      f"({path.stat().st_size / 1024:.0f} KiB)")

    @group.command("predict")
    def predict(
        paths: Annotated[list[Path], typer.Argument(help="Reports to classify (files or folders).")],
        model: Annotated[Path | None, typer.Option(
            "--model", "-m", help="Model file (default: the shipped model trained on FA-KES dev "
                                  "rows).")] = None,
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", help="Write CSV: id, label, probability, reasons.")] = None,
        db: str | None = DB_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Classify reports as credible (1) or fake (0), with the reasons."""
        from ..credibility import (
            CredibilityModel,
            load_articles,
            predict_articles,
            settings_model_path,
        )

        articles, rejects = load_articles(paths)
        for r in rejects:
            console.print(f"[yellow]skipped[/yellow] {r}", highlight=False)
        from ..credibility.classifier import extract_articles

        # verdicts on articles read from PATHS may go into a new store
        with make_app(db, create=True) as corr:
            m = CredibilityModel.load(model or settings_model_path(corr.settings))
            exs = extract_articles(articles, settings=corr.settings)
            verdicts = predict_articles(articles, m, settings=corr.settings, extractions=exs,
                                        store=corr.store if db is not None else None,
                                        context=batch_context(articles, exs, corr))
        if output is not None:
            with output.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["id", "label", "probability", "reasons"])
                for v in verdicts:
                    w.writerow([v["article_id"], 1 if v["label"] == "credible" else 0,
                                f"{v['score']:.4f}", "; ".join(v["reasons"])])
            console.print(f"wrote {len(verdicts)} prediction(s) to {output}")
        if as_json:
            print_json(verdicts)
        elif output is None:
            out.print(_verdict_table(verdicts, "classifier verdicts", reasons=5))

    @group.command("evaluate")
    def evaluate(data: ec.DATA = None, labels: ec.LABELS = None, reference: ec.REFERENCE = None,
                 no_reference: ec.NO_REFERENCE = False,
                 kinds: ec.KINDS = "outlet,text,claims,logreg", folds: ec.FOLDS = 5,
                 half: ec.HALF = "all", c: ec.C_OPTION = None,
                 as_json: bool = JSON_OPTION, quiet: bool = QUIET_OPTION) -> None:
        """The same as `corroborate evaluate credibility`."""
        ec.run(data, labels, reference, no_reference, kinds, folds, as_json, quiet, half, c)

    @group.command("consensus")
    def consensus(
        db: str | None = DB_OPTION,
        count_tolerance: Annotated[str, typer.Option("--count-tolerance")] = "0.1",
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Score each stored report against the other independent origins; store the verdicts."""
        from ..credibility import Tolerances, run_consensus
        from ..credibility.reference import parse_tolerance

        with make_app(db) as corr:
            verdicts = run_consensus(corr.store, Tolerances(count=parse_tolerance(count_tolerance)))
        _emit(verdicts, as_json=as_json, output=None, title="consensus verdicts")

    @group.command("show")
    def show(
        article_id: Annotated[str | None, typer.Argument(
            help="An article id (default: all verdicts).")] = None,
        db: str | None = DB_OPTION,
        kind: Annotated[str | None, typer.Option(
            "--kind", help="claims | reference | consensus | classifier.")] = None,
        outlets: Annotated[bool, typer.Option(
            "--outlets", help="Per-outlet track record instead.")] = False,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Show stored verdicts with their reasons, or the outlets' track record."""
        from ..credibility import outlet_records

        with make_app(db) as corr:
            if outlets:
                rows = outlet_records(corr.store)
                if as_json:
                    print_json(rows)
                    return
                table = Table(title="outlet track record against consensus (context, not a verdict)")
                for col in ("outlet", "reports", "compared", "above", "below", "within",
                            "contradicted", "mean deviation"):
                    table.add_column(col)
                for r in rows:
                    dev = "" if r["mean_deviation"] is None else f"{r['mean_deviation']:+.0%}"
                    table.add_row(r["outlet"], *(str(r[k]) for k in (
                        "reports", "compared", "above", "below", "within", "contradicted")), dev)
                out.print(table)
                return
            if article_id:
                if corr.store.get_article(article_id) is None:
                    raise error("E043", f"no article {article_id!r} in {corr.settings.db}",
                                field="article_id")
                verdicts = corr.store.get_verdicts(article_id)
                if kind:
                    verdicts = [v for v in verdicts if v.get("kind") == kind]
            else:
                verdicts = list(corr.store.iter_verdicts(kind))
        if as_json:
            print_json(verdicts)
        else:
            out.print(_verdict_table(verdicts, "stored verdicts", reasons=6))

    app.add_typer(group, name="credibility")
