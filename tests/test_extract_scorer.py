"""The learned headline-figure scorer: candidates and features read the language, the shipped
model's file format, coded errors, deterministic training, and output that still validates."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corroborate import schema
from corroborate.config import Settings
from corroborate.doc import Doc
from corroborate.errors import CorroborateError
from corroborate.evaluate.figures import Dataset, Group, beats_rules, fold_of, train
from corroborate.extract import default_pipeline, extract, scorer
from corroborate.extract.scorer import FEATURES, Candidate, FigureModel
from corroborate.models import Article

RULES = default_pipeline(Settings(), figures=False)


def _doc(text: str, title: str = "") -> Doc:
    return RULES(Doc(Article(id="t", title=title, text=text)))


def _cands(doc: Doc, outcome: str) -> list[tuple[Candidate, dict[str, float]]]:
    cs = scorer.candidates(doc, outcome)  # type: ignore[arg-type]
    X = scorer.features(doc, cs)
    return [(c, dict(zip(FEATURES, map(float, x), strict=True))) for c, x in zip(cs, X, strict=True)]


def _at(doc: Doc, outcome: str, text: str, source: str) -> dict[str, float]:
    for c, f in _cands(doc, outcome):
        if c.source == source and doc.text[c.start:c.end] == text:
            return f
    raise AssertionError(f"no {source} candidate {text!r} for {outcome}")


def _sources(doc: Doc, outcome: str) -> list[tuple[str, str]]:
    return [(c.source, doc.text[c.start:c.end] if c.start >= 0 else "") for c, _ in
            _cands(doc, outcome)]


# --- candidates --------------------------------------------------------------------------

def test_scorer_candidates_always_offer_zero() -> None:
    doc = _doc("The council met on Tuesday to discuss the budget.")
    assert [c.source for c, _ in _cands(doc, "killed")] == ["zero"]


def test_scorer_candidates_one_person_outcome_word() -> None:
    doc = _doc("Officers said the driver died at the scene on Friday night.")
    assert ("word", "died") in _sources(doc, "killed") or any(
        s == "mention" for s, _ in _sources(doc, "killed"))


def test_scorer_candidates_no_one_person_for_a_group() -> None:
    # a plural subject or a number before the outcome word: a group, not one person
    for text in ("Both brothers were wounded in the crossfire on Main Street.",
                 "Witnesses said several people were wounded in the crossfire."):
        doc = _doc(text)
        assert ("word", "wounded") not in _sources(doc, "injured"), text


def test_scorer_candidates_plural_outcome_noun_is_not_one_person() -> None:
    doc = _doc("The strike hit a truck near the border, causing an unknown number of fatalities.")
    assert ("word", "fatalities") not in _sources(doc, "killed")


def test_scorer_candidates_shot_total_less_the_dead() -> None:
    # those shot include the dead: the figure written, less the rules' dead
    doc = _doc("Five people were shot outside the bar early Sunday. Two of them died.")
    assert scorer.rule_value(doc.get("incidents")[0], "killed") == 2
    values = {c.value for c, _ in _cands(doc, "injured") if c.source == "minus_killed"}
    assert values == {3}


def test_scorer_candidates_hurt_total_is_not_reduced_by_the_dead() -> None:
    # those wounded do not include the dead: no "wounded minus killed" candidate
    doc = _doc("Two people were killed and five were wounded in the blast.")
    assert all(c.source != "minus_killed" for c, _ in _cands(doc, "injured"))


@pytest.mark.parametrize("text", [
    "Two homes on the block were struck by bullets overnight.",
    "Detectives said 3 cars in the lot were hit by gunfire.",
    "Witnesses heard 12 rounds before a woman was hurt.",
])
def test_scorer_candidates_a_count_of_things_is_no_injured_figure(text: str) -> None:
    # things take hits and damage as people do: a bare figure counts the hurt only when it
    # counts people
    doc = _doc(text)
    assert not [c for c in scorer.candidates(doc, "injured") if c.source == "raw"]


@pytest.mark.parametrize(("text", "value"), [
    ("Two young men ran from the party before the gunfire.", 2),
    ("Neighbors said 3 were inside when the gunfire began.", 3),
    ("Police said four other teens fled the scene.", 4),
])
def test_scorer_candidates_a_count_of_people_is_an_injured_figure(text: str, value: int) -> None:
    doc = _doc(text)
    assert any(c.value == value and c.source == "raw" for c in scorer.candidates(doc, "injured"))


# --- features ----------------------------------------------------------------------------

def test_scorer_features_age_in_apposition() -> None:
    doc = _doc("Officers said Marcus Lee, 17, was treated at a hospital for a leg wound.")
    assert _at(doc, "injured", "17", "raw")["age_like"] == 1.0


def test_scorer_features_count_is_not_an_age() -> None:
    doc = _doc("Deputies found 4 shell casings near the house, and one man was hurt.")
    f = _at(doc, "killed", "4", "raw")
    assert f["age_like"] == 0.0 and f["clock_or_duration"] == 0.0


def test_scorer_features_clock_time() -> None:
    doc = _doc("The shots were fired at about 11 p.m. on Saturday, and a woman was hurt.")
    feats = [f for c, f in _cands(doc, "killed") if c.source == "raw" and c.value == 11]
    assert feats and feats[0]["clock_or_duration"] == 1.0


def test_scorer_candidates_a_year_is_no_bare_figure() -> None:
    # a year is above any bare figure read (RAW_MAX); a small count of things is read
    doc = _doc("Neighbours recalled the flood of 1998 while a teen was wounded nearby.")
    assert all(c.value != 1998 for c in scorer.candidates(doc, "injured"))
    four = _doc("Deputies found 4 shell casings near the house, and one man was dead.")
    assert any(c.value == 4 and c.source == "raw" for c in scorer.candidates(four, "killed"))


def test_scorer_features_outcome_words_around_a_figure() -> None:
    doc = _doc("Police said on Monday that 3 were hospitalized after the fight downtown.")
    f = [f for c, f in _cands(doc, "injured") if c.value == 3 and c.source in ("mention", "raw")][0]
    assert f["hurt_word_after"] + f["hurt_word_in_span"] >= 1.0
    assert f["death_word_after"] == f["death_word_in_span"] == 0.0


def test_scorer_features_no_outcome_word_near_a_count_of_things() -> None:
    doc = _doc("Deputies found 4 shell casings near the house, and one man was hurt.")
    f = _at(doc, "killed", "4", "raw")
    assert f["hurt_word_after"] == f["death_word_after"] == f["outcome_word_after"] == 0.0


def _word_at(doc: Doc, word: str, outcome: str = "killed") -> dict[str, float]:
    """The features of a hand-built one-person candidate at ``word``."""
    start = doc.text.index(word)
    cands = [Candidate(outcome, 0, "zero"), Candidate(outcome, 1, "word", start, start + len(word))]  # type: ignore[arg-type]
    return dict(zip(FEATURES, map(float, scorer.features(doc, cands)[1]), strict=True))


def test_scorer_features_one_person_or_a_name_before_the_outcome_word() -> None:
    f = _word_at(_doc("Neighbours said a cousin of the owner died on the porch."), "died")
    assert f["one_person_before"] == 1.0 and f["is_word"] == 1.0
    g = _word_at(_doc("Neighbours said on Sunday that Jordan Reyes died on the porch."), "died")
    assert g["name_before"] == 1.0


def test_scorer_features_no_person_before_the_outcome_word() -> None:
    f = _word_at(_doc("Neighbours said the dog on the porch died overnight."), "died")
    assert f["one_person_before"] == 0.0 and f["name_before"] == 0.0


def test_scorer_features_negation_and_hedge() -> None:
    f = _word_at(_doc("Officials said no one was killed in the blast at the depot."), "killed")
    assert f["negation_before"] == 1.0
    g = _word_at(_doc("Officials feared a guard may have been killed in the blast."), "killed")
    assert g["hedge_near"] == 1.0 and g["negation_before"] == 0.0


def test_scorer_features_title_and_position() -> None:
    doc = _doc("Police said 7 were hurt near the stadium.", title="7 hurt in stadium crush")
    pos = [x for c, x in _cands(doc, "injured") if c.value == 7 and c.start >= 0]
    assert any(x["in_title"] == 1.0 for x in pos) and any(x["lead_sentence"] == 1.0 for x in pos)


def test_scorer_features_zero_candidate_counts_the_others() -> None:
    doc = _doc("Officers found 4 shell casings and 2 cars with broken windows, and a man was hurt.")
    zero = _cands(doc, "killed")[0][1]
    assert zero["is_zero"] == 1.0 and zero["n_raw_x_zero"] > 0


# --- applying a model --------------------------------------------------------------------

def _hand_model(prefer: str, use: tuple[str, ...] = ("killed", "injured")) -> FigureModel:
    n = len(FEATURES)
    coef = np.zeros(n)
    coef[FEATURES.index(prefer)] = 5.0
    return FigureModel({o: coef for o in scorer.OUTCOMES}, {o: 0.0 for o in scorer.OUTCOMES},
                       {o: np.zeros(n) for o in scorer.OUTCOMES},
                       {o: np.ones(n) for o in scorer.OUTCOMES},
                       {"use": {o: o in use for o in scorer.OUTCOMES}})


def test_scorer_apply_fills_a_missing_figure_with_its_evidence() -> None:
    text = "Officers said 4 teens ran from the house late on Friday."
    doc = _doc(text)
    assert not doc.get("incidents") or scorer.rule_value(doc.get("incidents")[0], "injured") == 0
    scorer.apply(doc, _hand_model("is_raw"))
    head = doc.get("incidents")[0]
    assert head.toll["injured"]["total"] == 4
    ev = [c for c in head.casualties if c.outcome == "injured"]
    assert ev and text[ev[0].span.start:ev[0].span.end] == ev[0].span.text == "4"


def test_scorer_apply_keeps_the_rules_figure() -> None:
    doc = _doc("Gunmen killed 12 villagers on Sunday, and 30 sheep were stolen.")
    before = doc.get("incidents")[0].toll["killed"]["total"]
    assert before == 12
    scorer.apply(doc, _hand_model("is_raw"))
    assert doc.get("incidents")[0].toll["killed"]["total"] == 12


def test_scorer_apply_only_switched_on_outcomes() -> None:
    doc = _doc("Officers found 4 shell casings near the house late on Friday.")
    scorer.apply(doc, _hand_model("is_raw", use=("killed",)))
    head = doc.get("incidents")[0]
    assert head.toll["killed"]["total"] == 4 and head.toll["injured"]["total"] is None


def test_scorer_apply_zero_changes_nothing_without_figures() -> None:
    doc = _doc("The council met on Tuesday to discuss the budget.")
    scorer.apply(doc, _hand_model("is_raw"))
    assert not doc.get("incidents")


# --- the shipped model ---------------------------------------------------------------------

def test_scorer_shipped_model_format_and_version() -> None:
    raw = json.loads(scorer.default_model_path().read_text(encoding="utf-8"))
    assert raw["format"] == scorer.MODEL_FORMAT and raw["version"] == scorer.MODEL_VERSION
    assert raw["features"] == list(FEATURES)
    for o in scorer.OUTCOMES:
        part = raw["outcomes"][o]
        assert len(part["coef"]) == len(part["mean"]) == len(part["scale"]) == len(FEATURES)
    assert raw["trained_on"]["half"] == "tune"
    cv = raw["cross_validation"]["accuracy"]
    # the switches follow the recorded cross-validation (held-out folds of the tune half)
    assert raw["use"] == beats_rules(cv)
    model = scorer.load_model()
    assert set(scorer.enabled(model)) == {o for o, u in raw["use"].items() if u}


def test_scorer_missing_model_is_e230(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError) as e:
        scorer.load_model(tmp_path / "nope.json")
    assert e.value.code == "E230"
    with pytest.raises(CorroborateError) as e:
        default_pipeline(Settings(figure_model=tmp_path / "nope.json"))
    assert e.value.code == "E230"


def test_scorer_unreadable_model_is_e230(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorroborateError) as e:
        scorer.load_model(bad)
    assert e.value.code == "E230"


@pytest.mark.parametrize("change", ["format", "version", "features", "coef"])
def test_scorer_mismatched_model_is_e231(tmp_path: Path, change: str) -> None:
    raw = json.loads(scorer.default_model_path().read_text(encoding="utf-8"))
    if change == "format":
        raw["format"] = "something-else"
    elif change == "version":
        raw["version"] = scorer.MODEL_VERSION + 1
    elif change == "features":
        raw["features"] = raw["features"][:-1]
    else:
        raw["outcomes"]["injured"]["coef"] = raw["outcomes"]["injured"]["coef"][:-1]
    p = tmp_path / f"{change}.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CorroborateError) as e:
        scorer.load_model(p)
    assert e.value.code == "E231"


def test_scorer_settings_switch_the_component() -> None:
    assert "figures" in default_pipeline(Settings(figure_scorer=True)).names
    assert "figures" not in default_pipeline(Settings(figure_scorer=False)).names


# --- training --------------------------------------------------------------------------------

def _synthetic(seed: int) -> Dataset:
    """Articles whose right figure is the candidate with a death word after it."""
    rng = np.random.default_rng(seed)
    ds = Dataset()
    n = len(FEATURES)
    for i in range(60):
        for outcome in scorer.OUTCOMES:
            values = [0, 1, 2, 3]
            X = np.zeros((4, n))
            X[0, FEATURES.index("is_zero")] = 1
            X[1:, FEATURES.index("is_raw")] = 1
            X[1:, FEATURES.index("log_value")] = np.log1p(values[1:])
            right = int(rng.integers(0, 4))
            if right:
                X[right, FEATURES.index("outcome_word_after")] = 1
            X[:, FEATURES.index("relative_position")] = rng.random(4)
            ds.groups.append(Group("synthetic", f"inc-{i}", outcome, values[right], 0, values, X))
    return ds


def test_scorer_training_is_deterministic() -> None:
    a = json.dumps(train(_synthetic(7)).to_json(), sort_keys=True)
    b = json.dumps(train(_synthetic(7)).to_json(), sort_keys=True)
    assert a == b
    assert fold_of("inc-3") == fold_of("inc-3")


def test_scorer_training_learns_the_cue_and_switches_on() -> None:
    model = train(_synthetic(11))
    assert model.coef["killed"][FEATURES.index("outcome_word_after")] > 0
    cv = model.meta["cross_validation"]["accuracy"]["killed"]["synthetic"]
    assert cv["model"] > cv["rules"] and model.meta["use"]["killed"] is True
    # written and read back, the model scores the same
    back = scorer.parse_model(json.loads(json.dumps(model.to_json())), "memory")
    X = _synthetic(11).groups[0].X
    assert np.allclose(back.scores("killed", X), model.scores("killed", X), atol=1e-6)


def test_scorer_beats_rules_needs_no_loss_on_any_corpus() -> None:
    cv = {"killed": {"a": {"n": 100, "rules": 0.5, "model": 0.7},
                     "b": {"n": 10, "rules": 0.9, "model": 0.8}},
          "injured": {"a": {"n": 100, "rules": 0.5, "model": 0.5}}}
    assert beats_rules(cv) == {"killed": False, "injured": False}


# --- output ------------------------------------------------------------------------------------

def test_scorer_extraction_output_validates_and_keeps_evidence() -> None:
    pipe = default_pipeline(Settings(figure_scorer=True))
    art = Article(id="s1", title="Shooting on Elm Street",
                  text="Jordan Reyes, 24, was hurt on Elm Street late Friday, police said. "
                       "Officers found 4 shell casings at about 11 p.m. near the store.")
    out = extract(art, pipe)
    d = out.to_dict()
    schema.validate(d, "extraction")
    full = art.full_text
    for inc in out.incidents:
        for c in inc.casualties:
            assert full[c.span.start:c.span.end] == c.span.text
