"""Review: people correct what the machine extracted and linked, with an audit trail.

The stage's public API.  Every operation is a plain function over the `Store`
that appends one entry to the append-only review log; `corroborate.analyze`
applies the logged decisions on every run (extract → review values → link →
review placements → compare), so re-analysis never overwrites them.  See
docs/review.md.
"""

from __future__ import annotations

from .edit import (
    current_value,
    incident_version,
    log,
    merge,
    move,
    refresh,
    resolve_incident,
    set_status,
    set_value,
    split,
    undo,
)
from .fields import FIELDS, parse_value, read_value
from .gold import export_gold, score_gold
from .state import STATUSES, ReviewState, load_state

__all__ = [
    "FIELDS", "STATUSES", "ReviewState", "current_value", "export_gold", "incident_version",
    "load_state", "log", "merge", "move", "parse_value", "read_value",
    "refresh", "resolve_incident", "score_gold", "set_status", "set_value", "split", "undo",
]
