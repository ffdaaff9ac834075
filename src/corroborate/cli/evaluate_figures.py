"""``corroborate evaluate train-figures``: rebuild the headline-figure scorer from the tune halves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from .common import JSON_OPTION, QUIET_OPTION, console, out, print_json, progress

SHARED_OPTION = typer.Option(None, "--shared", help="The shared data folder (default: "
                             "$CORROBORATE_SHARED, else ../shared).")
OUT_OPTION = typer.Option(None, "--out", help="Where to write the model JSON (default: the "
                          "model shipped in the package, src/corroborate/data/models/figures.json).")
C_OPTION = typer.Option(None, "--c", min=1e-6, help="Inverse L2 strength (default: the shipped "
                        "model's).")


def register(app: typer.Typer) -> None:
    @app.command("train-figures")
    def train_figures(shared: Path | None = SHARED_OPTION, out_path: Path | None = OUT_OPTION,
                      c: float | None = C_OPTION, as_json: bool = JSON_OPTION,
                      quiet: bool = QUIET_OPTION) -> None:
        """Train the learned headline-figure scorer on the tune halves of the GVA and FA-KES dev
        sets (the test halves are never read), cross-validate it by incident against the rules
        and write it as JSON; an outcome's model is switched on only where it beat the rules."""
        from ..config import Settings
        from ..evaluate.figures import C, collect, train
        from ..extract.scorer import default_model_path

        folder = shared or Path(os.environ.get("CORROBORATE_SHARED", "../shared"))
        ds = collect(folder, Settings.load(), "tune",
                     progress=lambda items, n: progress(items, n, "reading tune halves", quiet))
        model = train(ds, c=C if c is None else c)
        target = out_path or default_model_path()
        target.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        report = {"model": str(target), "use": model.meta["use"],
                  "cross_validation": model.meta["cross_validation"]}
        if as_json:
            print_json(report)
            return
        if not quiet:
            console.print(f"model written to {target}")
        for outcome, per in report["cross_validation"]["accuracy"].items():
            for corpus, r in per.items():
                out.print(f"{outcome:8} {corpus:6} n={r['n']:5}  rules {r['rules']:.3f}  "
                          f"with scorer {r['model']:.3f}")
        out.print("switched on: " + (", ".join(o for o, u in report["use"].items() if u) or "none"))
