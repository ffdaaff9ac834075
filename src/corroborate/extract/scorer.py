"""A learned choice of the headline killed and injured figures.

The rules (`casualties`, `incidents`) read casualty mentions and pick each
outcome's headline figure.  Where they leave the headline incident without a
figure for an outcome, this module lists the article's *candidate* figures for
it -- every casualty mention the rules read, bare numbers near the top that no
rule attached, a count of one from an outcome word, those shot less the dead,
and 0 -- describes each with features of the words around it, and lets a small
conditional logit (`FigureModel`, coefficients shipped as JSON in
``corroborate/data/models/figures.json``) choose among them.  A figure the
rules did not produce enters the incident as a `Casualty` whose span (built
with `Doc.char_span`) is its evidence.

The features read the language, not rows: outcome words come from
`corroborate.lang.en.outcomes`, victim nouns from `corroborate.lang.en.victims`,
number words from `corroborate.lang.en.numbers`, and each feature is a question
a reader asks of a number ("is it an age?", "is there a death word right after
it?", "is it in the title?").  The model is rebuilt by ``corroborate evaluate
train-figures`` (`corroborate.evaluate.figures`); some features describe the
rules' own reading, so it is retrained when the casualty rules change.

A missing or unreadable model file is error ``E230``, a file of another
format, version or feature set ``E231``: extraction never falls back to the
rules silently once the scorer is asked for.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import numpy as np

from ..config import Settings
from ..doc import Doc
from ..errors import error
from ..lang.en.numbers import TENS, UNITS, VAGUE
from ..lang.en.outcomes import (
    AFTER_TRIGGERS,
    DEATH_STATES,
    HOSPITALIZED,
    INJURY_NOUNS,
    INJURY_STATES,
    NOUN_TRIGGERS,
    WOUNDING_VERBS,
)
from ..lang.en.speech import DETERMINERS
from ..lang.en.victims import AGE_NOUN, SINGULAR_PERSONS, VICTIM_NOUNS
from ..models import Casualty, Incident, Outcome, Span
from ..pipeline import Component, component
from .incidents import figure
from .numbers import NumberMention, find_numbers

#: the model file's format: `load_model` refuses any other
MODEL_FORMAT = "corroborate-figures"
MODEL_VERSION = 1
OUTCOMES: tuple[Outcome, Outcome] = ("killed", "injured")

#: bare numbers are candidates only in the title and the first body sentences (the headline
#: figure is stated early; scanning every sentence of a long report costs time and adds noise)
RAW_SENTENCES = 6
#: a bare number above this is no one incident's toll in the reports the model was trained on
RAW_MAX = 1000


def _words(phrases: Any) -> frozenset[str]:
    return frozenset(w for p in phrases for w in p.split())


#: the words that join a lexicon phrase ("recovering in the hospital", "fighting for his
#: life"): they say nothing of an outcome on their own, so a phrase gives only its others
_PHRASE_GLUE = DETERMINERS | {"in", "at", "on", "to", "for", "from", "after", "being", "but",
                              "and", "area"}
#: words that say people died / were hurt (single words of the outcome lexicons)
_DEATH_WORDS = frozenset(
    {w for w, o in AFTER_TRIGGERS.items() if o == "killed"}
    | {w for w, o in NOUN_TRIGGERS.items() if o == "killed"}
    | (_words(DEATH_STATES) - {"has", "had", "have", "is", "was", "his", "her", "to", "and",
                               "down", "found", "pronounced", "declared", "shot", "stabbed",
                               "beaten", "burned", "gunned", "lost"})
    | {"kill", "kills", "killing", "fatal", "fatally", "deaths", "death", "homicide", "homicides",
       "murder", "murders", "lives", "life"})
_HURT_WORDS = frozenset(
    {w for w, o in AFTER_TRIGGERS.items() if o == "injured"}
    | {w for w, o in NOUN_TRIGGERS.items() if o == "injured"}
    | (_words(WOUNDING_VERBS) - {"shot", "and"}) | set(HOSPITALIZED) | set(INJURY_NOUNS)
    | _words(INJURY_STATES) - _PHRASE_GLUE - {"condition", "good", "fair", "stable", "shot"}
    | {"hospital", "grazed", "injuring", "wounding", "condition"})
_SHOT_WORDS = frozenset({"shot", "shooting", "shootings", "gunshot", "gunfire"})
_VICTIM_WORDS = VICTIM_NOUNS
_ONE_PERSON = frozenset(p for p in SINGULAR_PERSONS if " " not in p) | {"he", "she", "his", "her"}
#: outcome nouns that name several deaths or casualties: never one person's
_PLURAL_OUTCOME_NOUNS = frozenset({"fatalities", "deaths", "bodies", "corpses", "martyrs",
                                   "homicides", "murders", "lives", "casualties"})
#: words that make an outcome word's subject a group: number words, plural victim nouns
_PLURAL_SUBJECT = frozenset(
    {w for w in UNITS if UNITS[w] != 1} | set(TENS) | set(VAGUE)
    | {w for w in VICTIM_NOUNS if w.endswith("s") or w in ("people", "police", "men", "women",
                                                            "children")}
    | {"both", "all", "several", "many", "they", "them", "their", "others", "dozen", "few"})
_OUTCOME_WORD_FINDERS: dict[str, re.Pattern[str]] = {}
#: what may follow a figure that counts people: a person noun ("two men", "3 teens"), a verb
#: or outcome of its own ("two were shot", "4 wounded"), "of them", "others", "more"
_PERSON_NOUNS = VICTIM_NOUNS | frozenset(SINGULAR_PERSONS)
_PERSON_NEXT = (_PERSON_NOUNS
                | {"were", "was", "are", "is", "have", "has", "had", "remain", "remained",
                   "remains", "of", "others", "other", "more", "victims", "people"})
_NEGATION = frozenset({"no", "not", "none", "never", "nobody", "without"})
_HEDGE = frozenset({"may", "might", "could", "possibly", "feared", "unconfirmed", "if"})


def _word_finder(words: frozenset[str]) -> re.Pattern[str]:
    # one C-level search for any of the words (longest first, ties by text: no hash order)
    alts = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![a-z])(?:{alts})(?![a-z])")


_TOK = re.compile(r"[a-z][a-z'’]*(?:-[a-z]+)*|\d[\d,.:]*|[$%]")
_AGE_AFTER = re.compile(r"\s*(?:-|\s)?(?:" + "|".join(re.escape(a).replace(r"\ ", r"[\s-]")
                                                        for a in AGE_NOUN) + r")|\s*,?\s*(?:years?|"
                        r"yrs?)\s+old\b|\s*\)")
_CLOCK_AFTER = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|o'clock|:\d\d|hours?\b|minutes?\b|days?\b|"
                          r"weeks?\b|months?\b|years?\b)")
_MONEY_BEFORE = re.compile(r"[$£€#]\s*$|\b(?:no\.|number|block|route|highway|interstate|"
                           r"ages?|aged)\s*$")
_APPOSITION_AGE = re.compile(r"[A-Z][a-z]+,\s*$")
_DIGIT = re.compile(r"\d")

FEATURES: tuple[str, ...] = (
    # what the candidate is
    "is_zero", "is_rule", "is_mention", "is_raw", "is_word", "is_minus_killed",
    "equals_rule", "rule_is_zero_x_zero", "equals_other_outcome_rule",
    "log_value", "value_one", "value_2_5", "value_6_plus",
    # where it is said
    "in_title", "lead_sentence", "second_sentence", "sentence_3_5", "sentence_6_plus",
    "relative_position", "in_headline_incident",
    # how the rules read it (mentions)
    "qual_exact", "qual_at_least", "qual_about", "qual_range", "vague",
    "victims_civilian", "victims_noncivilian", "children_or_women", "no_digit",
    "same_outcome_mention",
    # its neighbours
    "repeats", "is_largest", "is_smallest",
    "n_mentions_x_zero", "n_raw_x_zero", "other_rule_x_zero", "other_rule_x_word",
    "other_rule_x_figure",
    # the words around it
    "death_word_after", "death_word_before", "hurt_word_after", "hurt_word_before",
    "shot_word_after", "shot_word_before", "victim_noun_after", "death_word_in_span",
    "hurt_word_in_span", "shot_word_in_span", "negation_before", "hedge_near",
    "age_like", "clock_or_duration", "money_or_address",
    "outcome_word_after", "outcome_word_before", "other_outcome_after",
    "other_outcome_before", "one_person_before", "name_before", "plural_victim_near",
)
_F = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One figure the article might give for an outcome, with where it says so."""

    outcome: Outcome
    value: int
    source: str  # zero | rule | mention | raw | word | minus_killed
    start: int = -1  # evidence offsets into doc.text (-1 for zero and rule candidates)
    end: int = -1
    casualty: Casualty | None = None
    number: NumberMention | None = None


def rule_value(inc: Incident | None, outcome: str) -> int:
    """The rules' headline figure of one outcome: the toll total or its parts, nulls as 0."""
    if inc is None:
        return 0
    t = inc.toll[outcome]
    return max(t["total"] or 0, (t["civilian"] or 0) + (t["noncivilian"] or 0))


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    return list(doc.get("sentences") or [(0, len(doc.text))])


def _body_sentence_index(starts: list[int], title_end: int, pos: int) -> int:
    """-1 in the title, else 0 for the first body sentence, 1 for the next ..."""
    if pos < title_end:
        return -1
    first_body = bisect.bisect_left(starts, title_end)
    return max(0, bisect.bisect_right(starts, pos) - 1 - first_body)


def candidates(doc: Doc, outcome: Outcome) -> list[Candidate]:
    """The candidate figures of one outcome: 0, the rules' figure, each mention, bare numbers."""
    incidents: list[Incident] = list(doc.get("incidents") or [])
    head = incidents[0] if incidents else None
    out = [Candidate(outcome, 0, "zero")]
    rv = rule_value(head, outcome)
    if rv > 0:
        out.append(Candidate(outcome, rv, "rule"))
    casualties: list[Casualty] = list(doc.get("casualties") or [])
    taken: list[tuple[int, int]] = []
    for c in casualties:
        taken.append((c.span.start, c.span.end))
        v = figure(c)
        if c.outcome != outcome or v is None or v <= 0:
            continue
        out.append(Candidate(outcome, v, "mention", c.span.start, c.span.end, casualty=c))
    text = doc.text
    lower = doc.lower
    sentences = _sentence_bounds(doc)
    starts = [a for a, _ in sentences]
    first_body = bisect.bisect_left(starts, doc.title_end)
    last = min(len(sentences), first_body + RAW_SENTENCES)
    lo, hi = 0, sentences[last - 1][1] if last > 0 else len(text)
    taken.sort()
    for n in _numbers(doc, lo, hi, lower):
        v = n.min if n.min is not None else n.max
        if v is None or v <= 0 or v > RAW_MAX or not n.valid:
            continue
        k = bisect.bisect_right(taken, (n.num_start, len(text))) - 1
        if k >= 0 and taken[k][0] <= n.num_start < taken[k][1]:
            continue  # a rule already read this number
        if outcome == "injured" and not _counts_people(lower, n.end):
            # "two homes were struck", "3 cars were hit": things take hits and damage too,
            # where only the living are killed
            continue
        out.append(Candidate(outcome, v, "raw", n.start, n.end, number=n))
    # one person, no figure: an outcome word the rules did not read ("Smith died", "the
    # victim was pronounced dead") may count one
    finder = _OUTCOME_WORD_FINDERS.get(outcome)
    if finder is None:
        words = _DEATH_WORDS if outcome == "killed" else _HURT_WORDS | _SHOT_WORDS
        # "an unknown number of fatalities" counts no one person
        finder = _OUTCOME_WORD_FINDERS[outcome] = _word_finder(
            frozenset(w for w in words - _PLURAL_OUTCOME_NOUNS if w.isascii() and w.isalpha()))
    seen_word = 0
    for m in finder.finditer(lower, lo, hi):
        k = bisect.bisect_right(taken, (m.start(), len(text))) - 1
        if k >= 0 and taken[k][0] <= m.start() < taken[k][1]:
            continue
        subject = _tokens(lower[max(lo, m.start() - 40):m.start()])[-4:]
        if not _PLURAL_SUBJECT.isdisjoint(subject) or any(t[0].isdigit() for t in subject):
            continue  # "8,000 people were killed", "both were wounded": a group, not one
        out.append(Candidate(outcome, 1, "word", m.start(), m.end()))
        seen_word += 1
        if seen_word >= 3:  # the first few say as much as all of them
            break
    if outcome == "injured":
        # "four people were shot, one of them fatally": those shot minus the dead are the hurt
        killed = rule_value(head, "killed")
        if killed > 0:
            for cand in list(out):
                if cand.source not in ("mention", "raw"):
                    continue
                said = _tokens(lower[cand.start:cand.end + 30])[:8]
                if not _SHOT_WORDS.isdisjoint(said) and _HURT_WORDS.isdisjoint(said):
                    # only those *shot* include the dead; those wounded or hospitalized do not.
                    # The total is the figure written (a rule may already have split it)
                    written = cand.number or next(iter(find_numbers(text, cand.start, cand.end,
                                                                    lower)), None)
                    total = written.min if written is not None else None
                    if total is not None and total > killed:
                        out.append(Candidate(outcome, total - killed, "minus_killed", cand.start,
                                             cand.end, casualty=cand.casualty, number=written))
    return out


def _counts_people(lower: str, end: int) -> bool:
    """Whether a bare figure counts people: the word after it is a person noun, an outcome
    or a verb of its own ("two teens", "3 hurt", "two were shot"), or one or two modifiers
    come before a person noun ("two young men", "three other victims")."""
    after = _tokens(lower[end:end + 50])[:3]
    if not after:
        return False
    if after[0] in _PERSON_NEXT or after[0] in _HURT_WORDS or after[0] in _DEATH_WORDS \
            or after[0] in _SHOT_WORDS:
        return True
    return any(t in _PERSON_NOUNS for t in after[1:3])


def _numbers(doc: Doc, lo: int, hi: int, lower: str) -> list[NumberMention]:
    # both outcomes read the same numbers: find them once per document
    key = (lo, hi)
    cached = doc.get("_figure_numbers")
    if not (isinstance(cached, tuple) and cached[0] == key):
        cached = (key, find_numbers(doc.text, lo, hi, lower))
        doc.set("_figure_numbers", cached)
    return cast(list[NumberMention], cached[1])


def _tokens(s: str) -> list[str]:
    return _TOK.findall(s)


def features(doc: Doc, cands: list[Candidate]) -> np.ndarray:
    """The feature matrix (one row per candidate, columns `FEATURES`)."""
    text = doc.text
    lower = doc.lower
    n_text = max(1, len(text))
    incidents: list[Incident] = list(doc.get("incidents") or [])
    head = incidents[0] if incidents else None
    head_ids = {id(c) for c in head.casualties} if head else set()
    outcome = cands[0].outcome if cands else "killed"
    other: Outcome = "injured" if outcome == "killed" else "killed"
    rv = rule_value(head, outcome)
    other_rv = rule_value(head, other)
    own_words, other_words = ((_DEATH_WORDS, _HURT_WORDS) if outcome == "killed"
                              else (_HURT_WORDS, _DEATH_WORDS))
    starts = [a for a, _ in _sentence_bounds(doc)]
    title_end = doc.title_end
    values = [c.value for c in cands if c.value > 0]
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    vmax, vmin = (max(values), min(values)) if values else (0, 0)
    n_mentions = sum(c.source == "mention" for c in cands)
    n_raw = sum(c.source == "raw" for c in cands)
    n_features = len(FEATURES)
    rows: list[list[Any]] = []
    for c in cands:
        # a plain list per row: item assignment into a numpy row costs more than the features
        row: list[Any] = [0.0] * n_features
        rows.append(row)
        v = c.value
        if c.source == "zero":
            row[_F["is_zero"]] = 1
            row[_F["equals_rule"]] = rv == 0
            row[_F["rule_is_zero_x_zero"]] = rv == 0
            row[_F["n_mentions_x_zero"]] = math.log1p(n_mentions)
            row[_F["n_raw_x_zero"]] = math.log1p(n_raw)
            row[_F["other_rule_x_zero"]] = other_rv > 0
            continue
        row[_F[f"is_{c.source}"]] = 1
        row[_F["other_rule_x_word"]] = other_rv > 0 and c.source == "word"
        row[_F["other_rule_x_figure"]] = other_rv > 0 and c.source != "word"
        row[_F["equals_rule"]] = v == rv
        row[_F["equals_other_outcome_rule"]] = v == other_rv
        row[_F["log_value"]] = math.log1p(v)
        row[_F["value_one"]] = v == 1
        row[_F["value_2_5"]] = 2 <= v <= 5
        row[_F["value_6_plus"]] = v >= 6
        row[_F["repeats"]] = math.log(counts.get(v, 1))
        row[_F["is_largest"]] = v == vmax
        row[_F["is_smallest"]] = v == vmin
        if c.source == "rule":
            row[_F["in_headline_incident"]] = 1
            continue
        s = _body_sentence_index(starts, title_end, c.start)
        row[_F["in_title"]] = s == -1
        row[_F["lead_sentence"]] = s == 0
        row[_F["second_sentence"]] = s == 1
        row[_F["sentence_3_5"]] = 2 <= s <= 4
        row[_F["sentence_6_plus"]] = s >= 5
        row[_F["relative_position"]] = c.start / n_text
        span_low = lower[c.start:c.end]
        span_toks = _tokens(span_low)
        row[_F["death_word_in_span"]] = not _DEATH_WORDS.isdisjoint(span_toks)
        row[_F["hurt_word_in_span"]] = not _HURT_WORDS.isdisjoint(span_toks)
        row[_F["shot_word_in_span"]] = not _SHOT_WORDS.isdisjoint(span_toks)
        row[_F["no_digit"]] = _DIGIT.search(span_low) is None
        cas = c.casualty
        if cas is not None:
            row[_F["in_headline_incident"]] = id(cas) in head_ids
            row[_F["same_outcome_mention"]] = cas.outcome == outcome
            row[_F["qual_exact"]] = cas.qualifier == "exact"
            row[_F["qual_at_least"]] = cas.qualifier == "at_least"
            row[_F["qual_about"]] = cas.qualifier in ("about", "at_most")
            row[_F["qual_range"]] = cas.qualifier == "range"
            row[_F["victims_civilian"]] = cas.victims == "civilian"
            row[_F["victims_noncivilian"]] = cas.victims == "noncivilian"
            row[_F["children_or_women"]] = cas.children or cas.women
        num = c.number
        if num is not None:
            row[_F["qual_exact"]] = num.qualifier == "exact"
            row[_F["qual_at_least"]] = num.qualifier == "at_least"
            row[_F["qual_about"]] = num.qualifier in ("about", "at_most")
            row[_F["qual_range"]] = num.qualifier == "range"
            row[_F["vague"]] = num.vague
            after_raw = text[c.end:c.end + 16]
            before_raw = text[max(0, c.start - 24):c.start]
            row[_F["age_like"]] = (_AGE_AFTER.match(after_raw) is not None
                                   or (_APPOSITION_AGE.search(before_raw) is not None
                                       and after_raw.lstrip().startswith(",")))
            row[_F["clock_or_duration"]] = _CLOCK_AFTER.match(lower, c.end) is not None
            row[_F["money_or_address"]] = _MONEY_BEFORE.search(lower[max(0, c.start - 12):c.start]) \
                is not None
        after = _tokens(lower[c.end:c.end + 60])[:6]
        before = _tokens(lower[max(0, c.start - 60):c.start])[-6:]
        near_after, near_before = after[:4], before[-4:]
        row[_F["death_word_after"]] = not _DEATH_WORDS.isdisjoint(near_after)
        row[_F["death_word_before"]] = not _DEATH_WORDS.isdisjoint(near_before)
        row[_F["hurt_word_after"]] = not _HURT_WORDS.isdisjoint(near_after)
        row[_F["hurt_word_before"]] = not _HURT_WORDS.isdisjoint(near_before)
        row[_F["shot_word_after"]] = not _SHOT_WORDS.isdisjoint(near_after)
        row[_F["shot_word_before"]] = not _SHOT_WORDS.isdisjoint(near_before)
        row[_F["victim_noun_after"]] = not _VICTIM_WORDS.isdisjoint(after[:3])
        row[_F["negation_before"]] = not _NEGATION.isdisjoint(before[-3:])
        row[_F["hedge_near"]] = not _HEDGE.isdisjoint(before + after)
        row[_F["outcome_word_after"]] = not own_words.isdisjoint(after)
        row[_F["outcome_word_before"]] = not own_words.isdisjoint(before)
        row[_F["other_outcome_after"]] = not other_words.isdisjoint(after)
        row[_F["other_outcome_before"]] = not other_words.isdisjoint(before)
        row[_F["one_person_before"]] = not _ONE_PERSON.isdisjoint(before[-4:])
        caps = text[max(0, c.start - 30):c.start].split()
        row[_F["name_before"]] = len(caps) >= 2 and caps[-1][:1].isupper() and \
            caps[-2][:1].isupper() and caps[-1].isalpha()
        row[_F["plural_victim_near"]] = any(t in _VICTIM_WORDS and t.endswith("s")
                                            for t in before[-4:] + after[:3])
    return np.asarray(rows, dtype=np.float64).reshape(len(cands), n_features)


@dataclass(frozen=True)
class FigureModel:
    """One logistic model per outcome: ``score = intercept + coef · standardised(x)``."""

    coef: dict[str, np.ndarray]
    intercept: dict[str, float]
    mean: dict[str, np.ndarray]
    scale: dict[str, np.ndarray]
    meta: dict[str, Any]

    def scores(self, outcome: str, X: np.ndarray) -> np.ndarray:
        z = (X - self.mean[outcome]) / self.scale[outcome]
        return cast(np.ndarray, z @ self.coef[outcome] + self.intercept[outcome])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "features": list(FEATURES),
            "outcomes": {o: {"intercept": self.intercept[o],
                             "coef": [round(float(x), 8) for x in self.coef[o]],
                             "mean": [round(float(x), 8) for x in self.mean[o]],
                             "scale": [round(float(x), 8) for x in self.scale[o]]}
                         for o in OUTCOMES},
            **self.meta,
        }


def default_model_path() -> Path:
    return Path(str(resources.files("corroborate") / "data" / "models" / "figures.json"))


def parse_model(data: Any, source: str) -> FigureModel:
    """A `FigureModel` from the JSON object of a model file (E231 when it does not fit)."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise error("E231", f"not a figures model (format {MODEL_FORMAT!r} expected)", file=source)
    if data.get("version") != MODEL_VERSION:
        raise error("E231", f"figures model version {data.get('version')!r}; this release reads "
                    f"version {MODEL_VERSION}", file=source, field="version")
    if data.get("features") != list(FEATURES):
        raise error("E231", "the model's features are not the ones this release computes "
                    "(retrain it with `corroborate evaluate train-figures`)", file=source,
                    field="features")
    coef: dict[str, np.ndarray] = {}
    mean: dict[str, np.ndarray] = {}
    scale: dict[str, np.ndarray] = {}
    intercept: dict[str, float] = {}
    outcomes = data.get("outcomes")
    for o in OUTCOMES:
        part = outcomes.get(o) if isinstance(outcomes, dict) else None
        try:
            arrays = [np.asarray(part[k], dtype=np.float64) for k in ("coef", "mean", "scale")]  # type: ignore[index]
            b = float(part["intercept"])  # type: ignore[index]
        except (TypeError, KeyError, ValueError):
            raise error("E231", f"the {o} model lacks numeric coef/mean/scale/intercept",
                        file=source, field=f"outcomes.{o}") from None
        if any(a.shape != (len(FEATURES),) or not np.all(np.isfinite(a)) for a in arrays) or \
                not math.isfinite(b) or np.any(arrays[2] <= 0):
            raise error("E231", f"the {o} model's arrays do not match its {len(FEATURES)} features",
                        file=source, field=f"outcomes.{o}")
        coef[o], mean[o], scale[o] = arrays
        intercept[o] = b
    meta = {k: v for k, v in data.items() if k not in ("format", "version", "features", "outcomes")}
    return FigureModel(coef, intercept, mean, scale, meta)


def load_model(path: str | Path | None = None) -> FigureModel:
    """The figures model at ``path`` (the shipped one by default); E230 if it cannot be read."""
    p = Path(path) if path is not None else default_model_path()
    return _load_cached(str(p.resolve()) if p.exists() else str(p))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> FigureModel:
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error("E230", f"cannot read the figures model: {exc.strerror or exc}",
                    file=path) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error("E230", f"the figures model is not JSON: {exc.msg} (line {exc.lineno})",
                    file=path) from None
    return parse_model(data, path)


def choose(doc: Doc, model: FigureModel, outcome: Outcome) -> tuple[Candidate, float] | None:
    """The best-scoring candidate of one outcome and its score (None: no candidates)."""
    cands = candidates(doc, outcome)
    if not cands:
        return None
    s = model.scores(outcome, features(doc, cands))
    # the first of equal scores: zero, then the rules' figure, then mentions in text order
    i = int(np.argmax(s))
    return cands[i], float(s[i])


def enabled(model: FigureModel) -> tuple[Outcome, ...]:
    """The outcomes whose model beat the rules in cross-validation (the file's ``use``)."""
    use = model.meta.get("use")
    return tuple(o for o in OUTCOMES if isinstance(use, dict) and use.get(o) is True)


def apply(doc: Doc, model: FigureModel, outcomes: tuple[Outcome, ...] | None = None) -> None:
    """Where the rules' headline incident has no figure for one of ``outcomes`` (default:
    `enabled`), set it to the model's choice (which may be 0: no credible figure)."""
    incidents: list[Incident] = list(doc.get("incidents") or [])
    head = incidents[0] if incidents else None
    for outcome in enabled(model) if outcomes is None else outcomes:
        if rule_value(head, outcome) > 0:
            continue  # the rules read a headline figure: the scorer was not trained to doubt it
        picked = choose(doc, model, outcome)
        if picked is None:
            continue
        cand, _score = picked
        if cand.source == "rule" or cand.value == rule_value(head, outcome):
            continue
        if head is None:
            if cand.value == 0:
                continue
            head = Incident()
            incidents.insert(0, head)
        _set_total(doc, head, cand)
    doc.set("incidents", incidents)


def _set_total(doc: Doc, inc: Incident, cand: Candidate) -> None:
    t = inc.toll[cand.outcome]
    v = cand.value
    if v == 0:
        for k in t:
            t[k] = None
        return
    t["total"] = v
    nonciv = t["noncivilian"] if t["noncivilian"] is not None and t["noncivilian"] <= v else None
    civ = t["civilian"] if t["civilian"] is not None and t["civilian"] + (nonciv or 0) <= v \
        else None
    t["civilian"], t["noncivilian"] = civ, nonciv
    for k in ("children", "women"):
        if t.get(k) is not None and (t[k] or 0) > v:
            t[k] = None
    if cand.source == "mention" and cand.casualty is not None:
        if all(c is not cand.casualty for c in inc.casualties):
            inc.casualties.append(cand.casualty)
    else:
        # a figure no rule stated as such (a bare number, one person's outcome word, those
        # shot less the dead): the words it was read from are its evidence
        num = cand.number
        qualifier = num.qualifier if cand.source == "raw" and num is not None else "exact"
        lo, hi = (num.min, num.max) if cand.source == "raw" and num is not None else (v, v)
        span: Span = doc.char_span(cand.start, cand.end)
        inc.casualties.append(Casualty(cand.outcome, lo, hi, qualifier, span))
    inc.casualties.sort(key=lambda c: c.span.start)


def create(settings: Settings) -> Component:
    """The ``figures`` component: the model (the settings' ``figure_model``, else the shipped
    one) rescoring the headline figures after `incidents`."""
    model = load_model(settings.figure_model)

    @component("figures", requires=("sentences", "casualties", "incidents"),
               assigns=("incidents",))
    def figures(doc: Doc) -> Doc:
        apply(doc, model)
        return doc

    return cast(Component, figures)


__all__ = ["FEATURES", "MODEL_FORMAT", "MODEL_VERSION", "Candidate", "FigureModel", "apply",
           "candidates", "choose", "create", "default_model_path", "features", "load_model",
           "parse_model", "rule_value"]
