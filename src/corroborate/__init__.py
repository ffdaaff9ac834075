"""Corroborate: extract, link and cross-check claims in conflict-incident reports.

The public API is deliberately thin; heavy modules load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Article": "corroborate.models",
    "Doc": "corroborate.doc",
    "Corroborate": "corroborate.app",
    "Settings": "corroborate.config",
    "CorroborateError": "corroborate.errors",
    "open_store": "corroborate.store",
    "read_inputs": "corroborate.ingest",
    "extract": "corroborate.extract",
    "default_pipeline": "corroborate.extract",
    "Linker": "corroborate.link",
    "compare_incidents": "corroborate.compare",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")
