"""Claim features for the credibility classifier, computed from extraction output only.

Four families, all automatic (no crowd columns, no dataset metadata):

* **claims** of the article's most salient incident: which figures it gives
  (killed by category, injured), how precise they are (exact, at least,
  about...), how many distinct killed figures the article states, cause,
  perpetrator kind, framing, attributions and relays;
* **style**: hedging words per 100 words ("reportedly", "allegedly"...), length;
* **cross-article consistency** (`CorpusIndex`): the other articles of the
  corpus that report an incident on the same date (± a window) at the same
  place (town, or governorate when either names only that), and whether this article's killed figure agrees with theirs.  Articles
  with the same text are never compared with one another (a reprint is not a
  second witness, and in FA-KES the same text can carry two labels);
* **context** (`context_features`): from the claim verdicts of the incidents the
  pipeline already linked (nothing is linked here), how many other independent
  origins agree or disagree on each claim, overall and with outlets of the same
  and of the other camp (`outlet_camp`), and how the report compares with a
  reference database (UCDP GED) when one was checked.

Every feature has a stable name (`FEATURE_NAMES`), so a trained model can
explain itself feature by feature.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
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

    def affected_by(self, changed: Iterable[ClaimSummary]) -> set[str]:
        """Ids of the indexed articles whose `neighbours` hold one of ``changed`` (or
        would, were it indexed): the articles whose consistency features a change of
        those summaries can change.  The test of `neighbours`, read from the other side
        (it is symmetric but for ``me`` needing a place)."""
        out: set[str] = set()
        for s in changed:
            if not s.date:
                continue  # never a neighbour: `neighbours` looks up by day
            day = date.fromisoformat(s.date).toordinal()
            for d in range(day - CONSISTENCY_WINDOW, day + CONSISTENCY_WINDOW + 1):
                for me in self.by_day.get(d, ()):
                    if (not (me.place or me.admin1) or me.content_hash == s.content_hash
                            or not _same_place(me, s)
                            or (me.cause and s.cause and me.cause != s.cause)):
                        continue
                    out.add(me.article_id)
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


#: cross-source and reference features: what the other independent origins of the linked
#: incident say about each claim (overall and by outlet camp) and how the report compares with
#: a reference database
CONTEXT_CLAIMS = ("killed", "date", "place", "perpetrator")
#: the claims whose judgements feed the overall and camp features
_CONTEXT_FROM = (*CONTEXT_CLAIMS, "injured")
CONTEXT_FEATURES = (
    *(f"cs_{c}_{w}" for c in CONTEXT_CLAIMS for w in ("agree", "disagree")),
    "cs_other_origins", "cs_corroborated_frac", "cs_contradicted_any", "cs_unlinked",
    "cs_other_camp_agree", "cs_other_camp_disagree", "cs_same_camp_agree", "cs_same_camp_disagree",
    "ref_match", "ref_partial", "ref_no_match", "ref_no_reference", "ref_score",
    "ref_killed_relative",
)


def _no_context() -> dict[str, float]:
    f = dict.fromkeys(CONTEXT_FEATURES, 0.0)
    f["cs_unlinked"] = 1.0
    f["ref_no_reference"] = 1.0
    return f


def context_features(claims: Iterable[Mapping[str, Any]],
                     reference: Iterable[Mapping[str, Any]] = (),
                     camp_of: Callable[[str | None], str | None] | None = None
                     ) -> dict[str, dict[str, float]]:
    """Cross-source and reference features of each article, by article id.

    ``claims`` are the `claim_verdicts` of incidents the pipeline already linked
    (nothing is linked here); ``reference`` the `verify_extractions` verdicts;
    ``camp_of`` names an outlet's camp (`outlet_camp`), for agreement with
    outlets of the same and of the other camp.
    """
    out: dict[str, dict[str, float]] = {}
    for v in claims:
        f = _no_context()
        f["cs_unlinked"] = 0.0
        d = v.get("details") or {}
        mine = camp_of((d.get("source_reliability") or {}).get("outlet")) if camp_of else None
        origins: set[str] = set()
        said: list[str] = []
        for c in d.get("claims") or []:
            if c.get("claim") not in _CONTEXT_FROM:
                continue  # category figures repeat the total's evidence
            o = c.get("origins") or {}
            if c.get("claim") in CONTEXT_CLAIMS:
                f[f"cs_{c['claim']}_agree"] += _log(o.get("agree", 0))
                f[f"cs_{c['claim']}_disagree"] += _log(o.get("disagree", 0))
            said.append(str(o.get("status")))
            for e in o.get("evidence") or []:
                origins.add(str(e.get("origin_id")))
                if camp_of is None or mine is None:
                    continue
                theirs = camp_of(e.get("outlet"))
                if theirs is None:
                    continue
                side = "same" if theirs == mine else "other"
                f[f"cs_{side}_camp_{'agree' if e.get('agrees') else 'disagree'}"] += 1.0
        judged = [s for s in said if s != "unrecorded"]
        f["cs_other_origins"] = _log(len(origins))
        f["cs_corroborated_frac"] = judged.count("corroborated") / len(judged) if judged else 0.0
        f["cs_contradicted_any"] = float("contradicted" in judged)
        for k in ("cs_other_camp_agree", "cs_other_camp_disagree", "cs_same_camp_agree",
                  "cs_same_camp_disagree"):
            f[k] = _log(f[k])
        out[str(v["article_id"])] = f
    for r in reference:
        f = out.setdefault(str(r["article_id"]), _no_context())
        label = str(r.get("label"))
        # the feature keeps its pre-2.0 name ``ref_no_match`` for the label ``disagrees``:
        # the shipped model's recorded feature names must stay as they were trained
        for lab, name in (("match", "ref_match"), ("partial", "ref_partial"),
                          ("disagrees", "ref_no_match"), ("no_reference", "ref_no_reference")):
            f[name] = float(label == lab)
        f["ref_score"] = float(r["score"]) if r.get("score") is not None else 0.0
        killed = next((x for x in (r.get("details") or {}).get("fields") or []
                       if x.get("field") == "killed"), None)
        f["ref_killed_relative"] = min(3.0, float(killed.get("relative") or 0.0)) if killed else 0.0
    return out


def _camps() -> dict[str, str]:
    from importlib import resources

    path = Path(str(resources.files("corroborate"))) / "data" / "outlets" / "camps.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {r["outlet"].strip().lower(): r["camp"].strip() for r in rows}


_CAMPS: dict[str, str] = {}


def outlet_camp(outlet: str | None) -> str | None:
    """The camp of an outlet in the Syrian war (``data/outlets/camps.tsv``); None when unknown."""
    if not outlet:
        return None
    if not _CAMPS:
        _CAMPS.update(_camps())
    return _CAMPS.get(outlet.strip().lower())


def _names() -> list[str]:
    demo = claim_features({"incidents": []}, "")
    demo.update(CorpusIndex().consistency(ClaimSummary("", "", None, None, None, None, None)))
    demo.update(_no_context())
    return list(demo)


#: every feature name, in the column order models use
FEATURE_NAMES: list[str] = _names()


def feature_matrix(rows: Sequence[tuple[Mapping[str, Any], str, str | None, str]],
                   index: CorpusIndex, context: Mapping[str, Mapping[str, float]] | None = None
                   ) -> list[list[float]]:
    """Feature vectors of ``(extraction, text, published, content_hash)`` rows against ``index``
    (and the `context_features` of their corpus, by article id)."""
    out = []
    for extraction, text, published, chash in rows:
        f = claim_features(extraction, text, published)
        f.update(index.consistency(ClaimSummary.from_extraction(extraction, chash)))
        f.update((context or {}).get(str(extraction.get("id")), _no_context()))
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
    "cs_other_origins": lambda v: f"{round(math.expm1(v))} other independent origin(s) of "
                                  "the linked incident",
    "cs_corroborated_frac": lambda v: f"{v:.0%} of the judged claims corroborated by other origins",
    "ref_killed_relative": lambda v: f"killed figure {v:.0%} off the reference record",
}


def describe(name: str, value: float) -> str:
    """A readable rendering of one feature value, for reasons."""
    if name in _GLOSS:
        return f"{_GLOSS[name](value)} [{name}]"
    if name.endswith("_log"):
        return f"{name[:-4]}={round(math.expm1(value))}"
    if name.startswith("n_") or name in ("xc_same_incident", "xc_others_with_figure"):
        return f"{name}={round(math.expm1(value))}"
    if name.startswith(("cs_", "xc_same", "xc_others")) and name.endswith(("agree", "disagree")):
        return f"{name}={round(math.expm1(value))}"
    if name.startswith(("has_", "cause_", "framing_", "perpetrator_", "xc_has", "xc_is",
                        "xc_no_", "date_after", "cs_contradicted_any", "cs_unlinked", "ref_match",
                        "ref_partial", "ref_no_")):
        return f"{name}={'yes' if value else 'no'}"
    return f"{name}={value:.2g}"
