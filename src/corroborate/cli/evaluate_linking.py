"""`corroborate evaluate` sub-commands for linking (placeholder until the stage lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add sub-commands to the `evaluate` group."""
