"""One report's figure for a numeric claim: its interval, qualifier and evidence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .common import ABOUT_TOL, _tol


@dataclass
class Figure:
    """One report's figure for one numeric claim, with its evidence."""

    stated: int  # the number the report gives
    low: int | None  # lower bound of the claim (None: open, as in "up to N")
    high: int | None  # upper bound (None: open, as in "at least N")
    qualifier: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    attribution: str | None = None
    #: stated only with a quantity word ("dozens", "hundreds"): a lower bound by
    #: convention, not an estimate (see `credible_figures`)
    vague: bool = False

    def interval(self) -> tuple[float, float]:
        """The interval the claim commits to, for compatibility checks.

        "up to N" is read as the count N (the toll the report gives), not as the
        open interval [0, N]: see docs/comparison.md.
        """
        n = self.stated
        if self.qualifier == "at_least":
            return n, float("inf")
        if self.qualifier == "about":
            return n * (1 - ABOUT_TOL), n * (1 + ABOUT_TOL)
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return self.low, self.high
        return n, n

    def display(self) -> str:
        q = self.qualifier
        if q == "range" and self.low is not None and self.high is not None and self.low != self.high:
            return f"{self.low}–{self.high}"
        return {"at_least": "at least ", "at_most": "up to ", "about": "about "}.get(q, "") + str(self.stated)

    def value(self) -> dict[str, Any]:
        return {"min": self.low, "max": self.high, "qualifier": self.qualifier}

    def point(self) -> float:
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return float(self.stated)


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be right, allowing the tolerance."""
    alo, ahi = a.interval()
    blo, bhi = b.interval()
    tol = _tol(a.stated, b.stated)
    return alo <= bhi + tol and blo <= ahi + tol


def _span(d: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not d or d.get("start") is None or d.get("end") is None:
        return None
    return {"start": int(d["start"]), "end": int(d["end"]), "text": str(d.get("text", ""))}


def figure_of(incident: Mapping[str, Any], outcome: str, category: str) -> Figure | None:
    """The report's figure for ``outcome``/``category``: the toll value, qualified and
    evidenced by the casualty mentions that state it."""
    toll = (incident.get("toll") or {}).get(outcome) or {}
    n = toll.get(category)
    if n is None:
        return None
    n = int(n)
    mentions = [c for c in incident.get("casualties") or [] if c.get("outcome") == outcome]

    def fits(c: Mapping[str, Any]) -> bool:
        if category == "civilian":
            return c.get("victims") == "civilian" and not c.get("children") and not c.get("women")
        if category == "noncivilian":
            return c.get("victims") == "noncivilian"
        if category in ("children", "women"):
            return bool(c.get(category))
        return not c.get("children") and not c.get("women")

    stating = [c for c in mentions if n in (c.get("min"), c.get("max")) and fits(c)]
    stating = stating or [c for c in mentions if n in (c.get("min"), c.get("max"))]
    # the first statement (the lead, usually) carries the qualifier the report gives the toll
    stating.sort(key=lambda c: (c.get("start") is None, c.get("start") or 0))
    if not stating:
        return Figure(n, n, n, "exact")
    best = stating[0]
    q = str(best.get("qualifier") or "exact")
    lo, hi = best.get("min"), best.get("max")
    if q == "at_most":
        low, high = None, n
    elif q == "at_least":
        low, high = n, None
    elif q == "range":
        low, high = lo if lo is not None else n, hi if hi is not None else n
    else:
        low, high = n, n
    evidence = [s for s in (_span(c) for c in stating) if s]
    vague = all(not _DIGIT.search(str(c.get("text", ""))) and _VAGUE.search(str(c.get("text", "")))
                for c in stating)
    return Figure(n, low, high, q, evidence, best.get("attributed_to"), vague)


_DIGIT = re.compile(r"\d")
# Quantity words that the numbers convention turns into a lower bound; none names
# a count ("a dozen" or "twelve" do, and are not listed).
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|several|many|numerous)\b", re.I)
