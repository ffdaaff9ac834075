"""Claim features for the credibility classifier, computed from extraction output only.

Three families, all automatic (no crowd columns, no dataset metadata):

* **claims** of the article's most salient incident: which figures it gives
  (killed by category, injured), how precise they are (exact, at least,
  about...), how many distinct killed figures the article states, cause,
  perpetrator kind, framing, attributions and relays;
* **style**: hedging words per 100 words ("reportedly", "allegedly"...), length;
* **cross-article consistency** (`CorpusIndex`): the other articles of the
  corpus that report an incident on the same date (± a window) at the same
  place (town, or governorate when either names only that), and whether this article's killed figure agrees with theirs.  Articles
  with the same text are never compared with one another (a reprint is not a
  second witness, and in FA-KES the same text can carry two labels).

Every feature has a stable name (`FEATURE_NAMES`), so a trained model can
explain itself feature by feature.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .reference import cause_key, iso_or_none, place_key

CAUSES = ("airstrike", "shelling", "barrel_bomb", "chemical", "car_bomb", "suicide_bombing",
          "explosion", "shooting", "ground_attack", "other")
ACTOR_KINDS = ("state_forces", "armed_group", "coalition", "foreign_state", "police", "other")
FRAMINGS = ("deliberate", "mistake", "denial", "admission")
QUALIFIERS = ("exact", "at_least", "at_most", "about", "range")

HEDGES = ("reportedly", "allegedly", "alleged", "purportedly", "apparently", "unconfirmed",
          "unverified", "rumour", "rumor", "claimed", "claims", "said to", "may have",
          "might have", "possibly", "it is believed", "according to")
_HEDGE_RX = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.I)
_WORD_RX = re.compile(r"\w+")

#: the window (days) and tolerance used to call two articles' figures consistent
CONSISTENCY_WINDOW = 3
CONSISTENCY_TOLERANCE = 0.2


def _log(v: int | float | None) -> float:
    return math.log1p(v) if v is not None and v > 0 else 0.0


def _main(extraction: Mapping[str, Any]) -> Mapping[str, Any]:
    incs = extraction.get("incidents") or []
    return incs[0] if incs else {}


def _killed_total(inc: Mapping[str, Any]) -> int | None:
    k = (inc.get("toll") or {}).get("killed") or {}
    if k.get("total") is not None:
        return int(k["total"])
    parts = [int(k[c]) for c in ("civilian", "noncivilian") if k.get(c) is not None]
    return sum(parts) if parts else None


def _cause(inc: Mapping[str, Any]) -> str | None:
    c = inc.get("cause") or {}
    key = cause_key(c.get("category")) if c.get("category") else None
    if key is None:
        return None
    return key if key in CAUSES else "other"


@dataclass(frozen=True)
class ClaimSummary:
    """What cross-article consistency needs of one article: tiny, text-free."""

    article_id: str
    content_hash: str
    date: str | None
    place: str | None  # place_key of the town (None when only a governorate/country is named)
    admin1: str | None  # place_key of the governorate
    cause: str | None
    killed: int | None

    @classmethod
    def from_extraction(cls, extraction: Mapping[str, Any], content_hash: str) -> ClaimSummary:
        inc = _main(extraction)
        place = inc.get("place") or {}
        # a governorate or country named as the place is not a town: keep it as admin1 only
        town = place.get("name") if place.get("kind") not in ("admin1", "country") else None
        admin1 = place.get("admin1") or (place.get("name") if place.get("kind") == "admin1" else None)
        return cls(str(extraction.get("id")), content_hash, iso_or_none(inc.get("date")),
                   place_key(town) if town else None,
                   place_key(admin1) if admin1 else None,
                   _cause(inc), _killed_total(inc))

    def to_list(self) -> list[Any]:
        return [self.article_id, self.content_hash, self.date, self.place, self.admin1,
                self.cause, self.killed]

    @classmethod
    def from_list(cls, v: Sequence[Any]) -> ClaimSummary:
        return cls(*v)


def _same_place(a: ClaimSummary, b: ClaimSummary) -> bool:
    """Same town when both name a town; else the same governorate."""
    if a.place and b.place:
        return a.place == b.place
    return bool(a.admin1 and a.admin1 == b.admin1)


class CorpusIndex:
    """Other articles' claims, indexed by date, for cross-article consistency."""

    def __init__(self, summaries: Iterable[ClaimSummary] = ()) -> None:
        self.by_day: dict[int, list[ClaimSummary]] = defaultdict(list)
        self.n = 0
        self.extend(summaries)

    def extend(self, summaries: Iterable[ClaimSummary]) -> None:
        for s in summaries:
            if s.date:
                self.by_day[date.fromisoformat(s.date).toordinal()].append(s)
            self.n += 1

    def neighbours(self, me: ClaimSummary) -> list[ClaimSummary]:
        """Articles with another text reporting an incident at the same place within the window."""
        if not me.date or not (me.place or me.admin1):
            return []
        day = date.fromisoformat(me.date).toordinal()
        out = []
        seen: set[str] = set()
        for d in range(day - CONSISTENCY_WINDOW, day + CONSISTENCY_WINDOW + 1):
            for s in self.by_day.get(d, ()):
                if s.content_hash == me.content_hash or s.article_id in seen:
                    continue
                if not _same_place(me, s) or (me.cause and s.cause and me.cause != s.cause):
                    continue
                seen.add(s.article_id)
                out.append(s)
        return out

    def consistency(self, me: ClaimSummary) -> dict[str, float]:
        nb = self.neighbours(me)
        figures = [s.killed for s in nb if s.killed is not None]
        f: dict[str, float] = {
            "xc_same_incident": _log(len(nb)),
            "xc_has_others": float(bool(nb)),
            "xc_others_with_figure": _log(len(figures)),
            "xc_agree_frac": 0.0, "xc_disagree_frac": 0.0, "xc_deviation": 0.0,
            "xc_abs_deviation": 0.0, "xc_is_max": 0.0, "xc_is_min": 0.0, "xc_no_figure_to_check": 0.0,
        }
        if me.killed is None or not figures:
            f["xc_no_figure_to_check"] = 1.0
            return f
        agree = sum(abs(me.killed - v) <= max(2.0, CONSISTENCY_TOLERANCE * max(v, me.killed))
                    for v in figures)
        med = statistics.median(figures)
        dev = (me.killed - med) / max(med, 1.0)
        f.update({
            "xc_agree_frac": agree / len(figures),
            "xc_disagree_frac": 1 - agree / len(figures),
            "xc_deviation": max(-3.0, min(3.0, dev)),
            "xc_abs_deviation": min(3.0, abs(dev)),
            "xc_is_max": float(me.killed > max(figures)),
            "xc_is_min": float(me.killed < min(figures)),
        })
        return f


def claim_features(extraction: Mapping[str, Any], text: str, published: str | None = None
                   ) -> dict[str, float]:
    """Features of one article's own claims and style (no other article involved)."""
    incs = extraction.get("incidents") or []
    inc = _main(extraction)
    toll = inc.get("toll") or {}
    killed = toll.get("killed") or {}
    injured = toll.get("injured") or {}
    cas = [c for i in incs for c in i.get("casualties") or []]
    main_cas = inc.get("casualties") or []
    f: dict[str, float] = {
        "n_incidents": _log(len(incs)),
        "has_date": float(bool(inc.get("date"))),
        "has_place": float(bool(inc.get("place"))),
        "has_cause": float(bool(inc.get("cause"))),
        "has_killed": float(_killed_total(inc) is not None),
        "killed_log": _log(_killed_total(inc)),
        "has_injured": float(injured.get("total") is not None),
        "injured_log": _log(injured.get("total")),
        "n_casualty_mentions": _log(len(cas)),
        "n_killed_figures": _log(len({(c.get("min"), c.get("max")) for c in main_cas
                                      if c.get("outcome") == "killed"})),
        "salience": float(inc.get("salience") or 0.0),
    }
    for cat in ("civilian", "noncivilian", "children", "women"):
        f[f"has_killed_{cat}"] = float(killed.get(cat) is not None)
        f[f"killed_{cat}_log"] = _log(killed.get(cat))
    for q in QUALIFIERS:
        f[f"qualifier_{q}"] = float(sum(c.get("qualifier") == q for c in main_cas))
    f["attributed_figures"] = float(sum(bool(c.get("attributed_to")) for c in main_cas))
    cause = _cause(inc)
    for c in CAUSES:
        f[f"cause_{c}"] = float(cause == c)
    actors = inc.get("actors") or []
    perps = [a for a in actors if a.get("role") == "perpetrator"]
    f["n_actors"] = _log(len(actors))
    f["has_perpetrator"] = float(bool(perps))
    for k in ACTOR_KINDS:
        f[f"perpetrator_{k}"] = float(any((a.get("kind") or "other") == k
                                          or (k == "other" and a.get("kind") not in ACTOR_KINDS)
                                          for a in perps))
    f["n_victim_actors"] = _log(sum(a.get("role") in ("victim", "target") for a in actors))
    labels = {fr.get("label") for fr in inc.get("framing") or []}
    for fl in FRAMINGS:
        f[f"framing_{fl}"] = float(fl in labels)
    atts = inc.get("attributions") or []
    f["n_attributions"] = _log(len(atts))
    f["n_relays"] = _log(sum(a.get("kind") == "relay" for a in atts))
    f["n_speakers"] = _log(len({a.get("speaker") for a in atts}))
    words = len(_WORD_RX.findall(text))
    f["words_log"] = _log(words)
    f["hedges_per_100w"] = 100.0 * len(_HEDGE_RX.findall(text)) / max(words, 1)
    gap = 0.0
    event, pub = iso_or_none(inc.get("date")), iso_or_none(published)
    if event and pub:
        gap = float((date.fromisoformat(pub) - date.fromisoformat(event)).days)
    f["report_delay_log"] = _log(max(gap, 0.0))
    f["date_after_published"] = float(gap < 0)
    return f


#: consensus features: the article's consensus verdict after linking and comparing the corpus
CONSENSUS_FEATURES = ("cons_other_origins", "cons_contradicted", "cons_consistent",
                      "cons_uncorroborated", "cons_score", "cons_killed_deviation",
                      "cons_killed_abs_deviation")


def _no_consensus() -> dict[str, float]:
    f = dict.fromkeys(CONSENSUS_FEATURES, 0.0)
    f["cons_uncorroborated"] = 1.0
    return f


def consensus_table(rows: Sequence[tuple[str, str, str | None, str | None, Mapping[str, Any]]]
                    ) -> dict[str, dict[str, float]]:
    """Consensus features of every article after linking and comparing them all.

    ``rows`` are ``(article_id, full_text, published, outlet, extraction)``.  The
    project's own linker and compare stage group the reports into incidents and
    independent origins; `consensus_verdicts` then scores each report against
    the other origins.  Articles outside every multi-report incident get the
    "uncorroborated" defaults.
    """
    from ..compare import compare_incidents
    from ..config import Settings
    from ..link import Linker, items_from_extractions
    from ..models import Article
    from .consensus import consensus_verdicts

    # spans index full_text, so the article is rebuilt with full_text as its body
    articles = {aid: Article(id=aid, text=text, published=pub, outlet=outlet)
                for aid, text, pub, outlet, _ in rows}
    extractions = {aid: {**dict(ex), "id": aid} for aid, _, _, _, ex in rows}
    items = items_from_extractions(list(extractions.values()), articles)
    clusters = Linker(Settings()).link(items) if items else []
    incidents = [inc for c in clusters if len(c) > 1
                 for inc in compare_incidents([c], items, extractions, articles)]
    out: dict[str, dict[str, float]] = {}
    for v in consensus_verdicts(incidents):
        d = v["details"]
        killed = next((c for c in d["checks"] if c["field"] == "killed"), None)
        dev = killed["deviation"] if killed and killed["deviation"] is not None else 0.0
        out[v["article_id"]] = {
            "cons_other_origins": _log(d["other_origins"]),
            "cons_contradicted": float(v["label"] == "contradicted"),
            "cons_consistent": float(v["label"] == "consistent"),
            "cons_uncorroborated": float(v["label"] == "uncorroborated"),
            "cons_score": float(v["score"]) if v["score"] is not None else 0.0,
            "cons_killed_deviation": max(-3.0, min(3.0, dev)),
            "cons_killed_abs_deviation": min(3.0, abs(dev)),
        }
    return out


def _names() -> list[str]:
    demo = claim_features({"incidents": []}, "")
    demo.update(CorpusIndex().consistency(ClaimSummary("", "", None, None, None, None, None)))
    demo.update(_no_consensus())
    return list(demo)


#: every feature name, in the column order models use
FEATURE_NAMES: list[str] = _names()


def feature_matrix(rows: Sequence[tuple[Mapping[str, Any], str, str | None, str]],
                   index: CorpusIndex, consensus: Mapping[str, Mapping[str, float]] | None = None
                   ) -> list[list[float]]:
    """Feature vectors of ``(extraction, text, published, content_hash)`` rows against ``index``
    (and the ``consensus_table`` of their corpus, by article id)."""
    out = []
    for extraction, text, published, chash in rows:
        f = claim_features(extraction, text, published)
        f.update(index.consistency(ClaimSummary.from_extraction(extraction, chash)))
        f.update((consensus or {}).get(str(extraction.get("id")), _no_consensus()))
        out.append([f[n] for n in FEATURE_NAMES])
    return out


_GLOSS: dict[str, Any] = {
    "xc_abs_deviation": lambda v: f"killed figure {v:.0%} off the median of other reports of the incident",
    "xc_deviation": lambda v: f"killed figure {v:+.0%} against the median of other reports",
    "xc_agree_frac": lambda v: f"{v:.0%} of other reports' figures agree with this one",
    "xc_disagree_frac": lambda v: f"{v:.0%} of other reports' figures disagree with this one",
    "xc_others_with_figure": lambda v: f"{round(math.expm1(v))} other report(s) of the incident "
                                       "give a figure",
    "xc_same_incident": lambda v: f"{round(math.expm1(v))} other report(s) of the same incident",
    "xc_is_max": lambda v: "the highest figure among reports of the incident" if v
    else "not the highest figure among reports of the incident",
    "xc_is_min": lambda v: "the lowest figure among reports of the incident" if v
    else "not the lowest figure among reports of the incident",
    "hedges_per_100w": lambda v: f"{v:.1f} hedging words per 100 words",
    "cons_other_origins": lambda v: f"{round(math.expm1(v))} other independent origin(s) of "
                                    "the linked incident",
    "cons_killed_deviation": lambda v: f"killed figure {v:+.0%} against the other origins",
}


def describe(name: str, value: float) -> str:
    """A readable rendering of one feature value, for reasons."""
    if name in _GLOSS:
        return f"{_GLOSS[name](value)} [{name}]"
    if name.endswith("_log"):
        return f"{name[:-4]}={round(math.expm1(value))}"
    if name.startswith("n_") or name in ("xc_same_incident", "xc_others_with_figure"):
        return f"{name}={round(math.expm1(value))}"
    if name.startswith(("has_", "cause_", "framing_", "perpetrator_", "xc_has", "xc_is",
                        "xc_no_", "date_after", "cons_contradicted", "cons_consistent",
                        "cons_uncorroborated")):
        return f"{name}={'yes' if value else 'no'}"
    return f"{name}={value:.2g}"
