"""Constants (the knobs docs/comparison.md names) and small helpers shared by the compare stage:
incident ids, outlet and wire names, text shingles, cause compatibility."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date as _date
from functools import lru_cache
from typing import Any

from ..lang.en.outlets import WIRES

VERSION = "1.4"

#: claim keys of the matrix, in column order
CLAIMS = ("date", "place", "perpetrator", "killed", "killed_civilian", "killed_noncivilian",
          "killed_children", "injured", "cause", "framing")
#: numeric claims -> (outcome, toll category)
NUMERIC_CLAIMS = {
    "killed": ("killed", "total"),
    "killed_civilian": ("killed", "civilian"),
    "killed_noncivilian": ("killed", "noncivilian"),
    "killed_children": ("killed", "children"),
    "injured": ("injured", "total"),
}
#: numeric claims checked for contradictions (noncivilian is left out: it nearly always
#: restates the total for attacks on armed forces and would flag the same dispute twice)
CONTRADICTION_CLAIMS = ("killed", "injured", "killed_civilian", "killed_children")

#: figures closer than this are the same claim: max(ABS_TOL, REL_TOL * larger figure)
ABS_TOL = 2
REL_TOL = 0.10
#: "about N" is read as N ± ABOUT_TOL * N
ABOUT_TOL = 0.15
#: with >= OUTLIER_MIN_REPORTS figures, one more than OUTLIER_FACTOR times above or below
#: the median of the others is taken to be about another scope and is not credible
OUTLIER_FACTOR = 5.0
OUTLIER_MIN_REPORTS = 3
#: near-identical bodies: word 5-gram shingles with Jaccard >= JACCARD or containment >= CONTAINMENT
SHINGLE = 5
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 15

#: words that do not identify an outlet ("Sputnik Arabic" is Sputnik, "RT News" is RT)
_OUTLET_NOISE = {"news", "agency", "the", "arabic", "english", "tv", "online", "international",
                 "service", "network", "com", "net", "org", "channel", "newspaper", "daily", "wire",
                 "website", "radio", "television", "media", "in", "de", "al"}
#: causes that name the kind of harm but not the means: compatible with any specific cause
#: ("explosion" in one report and "car_bomb" in another is no disagreement)
GENERIC_CAUSES = {"explosion", "bombing", "attack", "unknown", "other", "violence", "clashes"}
#: specific causes that are kinds of an explosion or a bombing
_EXPLOSIVE = {"car_bomb", "suicide_bombing", "ied", "barrel_bomb", "airstrike", "drone_strike",
              "shelling", "rocket", "missile", "mine", "explosion", "bombing"}
_CONTRARY_FRAMES = (("deliberate", "mistake"), ("admission", "denial"))
_WORD = re.compile(r"\w+")


def incident_id(keys: Iterable[tuple[str, int]]) -> str:
    """Stable id from the sorted member (article_id, incident_index) keys."""
    joined = "\n".join(f"{a}\t{i}" for a, i in sorted(keys))
    return "inc-" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]


def outlet_key(name: str | None) -> frozenset[str]:
    """Tokens that identify an outlet, so "Sputnik Arabic" matches "Sputnik"."""
    if not name:
        return frozenset()
    toks = [t for t in _WORD.findall(name.casefold()) if t not in _OUTLET_NOISE]
    return frozenset(toks)


def same_outlet(a: str | None, b: str | None) -> bool:
    ka, kb = outlet_key(a), outlet_key(b)
    return bool(ka and kb) and (ka <= kb or kb <= ka)


def _outlet_words(name: str) -> tuple[str, ...]:
    # all the words, generic ones included: "Sputnik" relays from "Sputnik Arabic" are
    # caught by `same_outlet`, but two reports only count as one newsroom's when the
    # names agree word for word ("Example TV" and "Example Wire" are two outlets)
    return tuple(_WORD.findall(name.casefold()))


def wire_name(speaker: str | None) -> str | None:
    if not speaker:
        return None
    s = " ".join(_WORD.findall(speaker.casefold()))
    if s in WIRES:
        return WIRES[s]
    for k, v in WIRES.items():
        # "Reuters news agency", "AFP correspondent": the agency named first
        if len(k) > 2 and s.startswith(k + " "):
            return v
    return None


def shingles(text: str, k: int = SHINGLE) -> frozenset[int]:
    """Hashes of the text's k-word shingles, computed once per text.

    One long article can report hundreds of incidents, and each incident compares
    its reports' whole bodies: without the cache every incident re-read the same
    megabytes (quadratic in the article's length; 96 s for a 9.5 MB article).
    """
    return _shingles(text, k)


@lru_cache(maxsize=64)
def _shingles(text: str, k: int) -> frozenset[int]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < k:
        return frozenset({hash(" ".join(words))} if words else ())
    return frozenset(hash(" ".join(words[i:i + k])) for i in range(len(words) - k + 1))


def text_overlap(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def _tol(a: float, b: float) -> float:
    return max(ABS_TOL, REL_TOL * max(abs(a), abs(b)))


def causes_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    if a in GENERIC_CAUSES and b in GENERIC_CAUSES:
        return True
    if a in GENERIC_CAUSES:
        return a not in ("explosion", "bombing") or b in _EXPLOSIVE
    if b in GENERIC_CAUSES:
        return b not in ("explosion", "bombing") or a in _EXPLOSIVE
    return False


def _days(a: str, b: str) -> int:
    return abs((_date.fromisoformat(a) - _date.fromisoformat(b)).days)


def _unique(xs: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out
