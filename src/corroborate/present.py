"""How figures are worded for a reader: shared by the HTML report and the web pages.

Kept out of the compare stage, which produces data; this module only presents it.
"""

from __future__ import annotations


def display_range(lo: int | None, hi: int | None) -> str:
    """A figure range as reports word it: "up to 80", "at least 90", "62", "62–90"."""
    if lo is None and hi is not None:
        return f"up to {hi}"
    if hi is None and lo is not None:
        return f"at least {lo}"
    if lo == hi:
        return str(lo)
    return f"{lo}–{hi}"
