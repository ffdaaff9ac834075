"""Casualty figures: patterns, victims, subsets, non-claims, bad input, span invariants."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualty_fixtures import CAS, SENT, casualty_doc
from corroborate.doc import Doc
from corroborate.models import Article, Casualty


def _run(text: str, published: str | None = "2016-09-27") -> Doc:
    return casualty_doc(text, published=published)


def _cas(text: str) -> list[Casualty]:
    return list(_run(text).get("casualties"))


def _summary(text: str) -> list[tuple]:
    return [(c.outcome, c.min, c.max, c.qualifier, c.victims) for c in _cas(text)]


@pytest.mark.parametrize("text,expected", [
    ("Five people were killed in the raid.", [("killed", 5, 5, "exact", "unspecified")]),
    ("The strike killed 12 people.", [("killed", 12, 12, "exact", "unspecified")]),
    ("22 dead in heavy raids", [("killed", 22, 22, "exact", "unspecified")]),
    ("The death toll rose to 112 on Sunday.", [("killed", 112, 112, "exact", "unspecified")]),
    ("There were 40 deaths.", [("killed", 40, 40, "exact", "unspecified")]),
    ("The attack claimed the lives of 8 people.", [("killed", 8, 8, "exact", "unspecified")]),
    ("At least 30 were wounded.", [("injured", 30, None, "at_least", "unspecified")]),
    ("Rescuers recovered 100 bodies.", [("killed", 100, 100, "exact", "unspecified")]),
    ("There were 7 fatalities.", [("killed", 7, 7, "exact", "unspecified")]),
    ("The shelling left 9 dead.", [("killed", 9, 9, "exact", "unspecified")]),
    ("State media reported 12 martyrs.", [("killed", 12, 12, "exact", "unspecified")]),
    ("Six people are missing.", [("missing", 6, 6, "exact", "unspecified")]),
    ("Up to 80 Syrian service men were killed.", [("killed", None, 80, "at_most", "noncivilian")]),
    ("Between 62 and 83 soldiers died.", [("killed", 62, 83, "range", "noncivilian")]),
    ("Dozens of civilians were killed.", [("killed", 24, None, "at_least", "civilian")]),
    ("A bomb killed at least 25 members of the Nusra Front.",
     [("killed", 25, None, "at_least", "noncivilian")]),
    ("The army eliminated over 75 militants.", [("killed", 75, None, "at_least", "noncivilian")]),
    ("Troops destroyed 60 terrorists near the city.", [("killed", 60, 60, "exact", "noncivilian")]),
    ("More than 1400 are estimated to have been killed.",
     [("killed", 1400, None, "at_least", "unspecified")]),
    ("Around 15 young villagers are martyred.", [("killed", 15, 15, "about", "unspecified")]),
    ("8 persons killed 58 others injured in rocket attacks",
     [("killed", 8, 8, "exact", "unspecified"), ("injured", 58, 58, "exact", "unspecified")]),
    ("Strikes kill 47 people, most of them civilians, and wound dozens more.",
     [("killed", 47, 47, "exact", "unspecified"), ("injured", 24, None, "at_least", "unspecified")]),
    ("At least 70 regime and rebel fighters have been killed.",
     [("killed", 70, None, "at_least", "noncivilian")]),
    ("A helicopter was downed, killing all five people on board.",
     [("killed", 5, 5, "exact", "unspecified")]),
])
def test_casualties_patterns(text: str, expected: list[tuple]) -> None:
    assert _summary(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("A mortar shell left a child dead.", ("killed", True, "civilian")),
    ("The raid killed the terrorist commander Abu Taha.", ("killed", False, "noncivilian")),
    ("Child killed in Damascus shelling", ("killed", True, "civilian")),
    ("A woman was wounded by sniper fire.", ("injured", False, "civilian")),
])
def test_casualties_one_named_person(text: str, expected: tuple) -> None:
    cs = _cas(text)
    assert [(c.outcome, c.min, c.children, c.victims) for c in cs] == [
        (expected[0], 1, expected[1], expected[2])]


def test_casualties_killing_and_wounding() -> None:
    assert _summary("A bomb exploded, killing 5 and wounding 12.") == [
        ("killed", 5, 5, "exact", "unspecified"), ("injured", 12, 12, "exact", "unspecified")]


def test_casualties_coordinated_categories_inherit_the_outcome() -> None:
    assert _summary("The strikes killed 3 civilians and 2 soldiers.") == [
        ("killed", 3, 3, "exact", "civilian"), ("killed", 2, 2, "exact", "noncivilian")]


def test_casualties_soldiers_killed_and_over_100_injured() -> None:
    got = _summary("Sixty-two soldiers were killed and over 100 injured in the airstrike.")
    assert got == [("killed", 62, 62, "exact", "noncivilian"),
                   ("injured", 100, None, "at_least", "unspecified")]


def test_casualties_children_subset() -> None:
    cs = _cas("At least 11 civilians, including three children, were killed.")
    assert [(c.min, c.victims, c.children) for c in cs] == [(11, "civilian", False),
                                                          (3, "civilian", True)]


def test_casualties_women_subset_after_among_them() -> None:
    cs = _cas("The attack killed 8 people, among them 3 women.")
    assert [(c.min, c.women) for c in cs] == [(8, False), (3, True)]


def test_casualties_among_the_dead() -> None:
    assert [(c.min, c.women) for c in _cas("Among the dead were 4 women.")] == [(4, True)]
    cs = _cas("Two children and a woman were among those killed.")
    # the children, and the three people together
    assert [(c.outcome, c.min, c.children) for c in cs] == [("killed", 2, True),
                                                             ("killed", 3, False)]


def test_casualties_coordinated_unknown_plural_noun() -> None:
    got = _summary("An attack killed 5 Hezbollah fighters and 3 Iranian advisers.")
    # (two groups under one verb are different people: their sum is a figure too)
    assert got == [("killed", 5, 5, "exact", "noncivilian"), ("killed", 8, 8, "exact", "unspecified"),
                   ("killed", 3, 3, "exact", "unspecified")]
    assert _summary("The raid killed 5 people and 3 houses were destroyed.") == [
        ("killed", 5, 5, "exact", "unspecified")]


def test_casualties_n_of_them_children() -> None:
    cs = _cas("The strike killed 12 people, five of them children.")
    assert [(c.min, c.children) for c in cs] == [(12, False), (5, True)]


def test_casualties_single_child() -> None:
    cs = _cas("A child was killed in the shelling.")
    assert [(c.outcome, c.min, c.children) for c in cs] == [("killed", 1, True)]


@pytest.mark.parametrize("text", [
    "No one was killed.",
    "There were no casualties.",
    "Five people were not killed.",
    "A 12-year-old boy aged 12 was seen.",
    "Resolution 2254 was adopted.",
    "More than 230,000 people have been killed in Syria since 2011.",
    "The war, which has killed more than 300,000 people, goes on.",
    "Twelve people were killed in the conflict last year.",
    # a span of weeks or months of violence sums many events: its toll is no incident's
    "Two weeks of violence in Syria have killed hundreds of civilians.",
    "Months of fighting across the north have left 300 dead.",
    "They were killed in 2013.",
    "Gunmen killed on 17 September fled.",
    "The convoy carried 5000 people.",
    "The army destroyed 5 positions.",
    "Three civilians were rescued and 20 others suffered from suffocation.",
    "Rebels threatened to kill 5 hostages.",
])
def test_casualties_non_claims(text: str) -> None:
    assert _summary(text) == []


@pytest.mark.parametrize("text,expected", [
    # the period is not the subject: the strike's toll is one incident's
    ("After two weeks of fighting, a strike on Tuesday killed 12 people.", 12),
    # days of fighting in one place are one battle, as event data codes it
    ("Two days of fighting in Aleppo killed 40 people.", 40),
])
def test_casualties_period_not_subject_keeps_the_toll(text: str, expected: int) -> None:
    assert [(c.outcome, c.min) for c in _cas(text)] == [("killed", expected)]


def test_casualties_pathological_figures_are_dropped_with_a_warning() -> None:
    doc = _run("He said 1,000,000,000 were killed. Another said -5 killed.")
    assert doc.get("casualties") == []
    warnings = doc.get("warnings")
    assert len(warnings) == 2
    assert "1,000,000,000" in warnings[0] and "-5" in warnings[1]


def test_casualties_empty_and_non_english_text() -> None:
    assert _cas("") == []
    assert _cas("قتل خمسة أشخاص في غارة جوية على حلب") == []


def test_casualties_large_article_reads_every_paragraph() -> None:
    # a 5 MB article of short paragraphs: every paragraph's two figures are read (the
    # windowed scans must not lose any far from the start)
    para = ("Officials said the market was busy. At least 12 people were killed and 30 "
            "injured when a car bomb exploded. ")
    n = 5_000_000 // (len(para) + 2)
    cs = _cas((para + "\n\n") * n)
    assert Counter((c.outcome, c.min) for c in cs) == {("killed", 12): n, ("injured", 30): n}


def _seed(seeds_dir: Path, name: str) -> Article:
    raw = next(p for p in seeds_dir.iterdir() if name in p.name).read_text(encoding="utf-8")
    return Article(id=name, text=raw)


def test_casualties_seed_rt_62_soldiers(seeds_dir: Path) -> None:
    doc = CAS(SENT(Doc(_seed(seeds_dir, "rt-2016-09-27"))))
    got = {(c.outcome, c.min, c.max, c.qualifier, c.victims) for c in doc.get("casualties")}
    assert ("killed", 62, 62, "exact", "noncivilian") in got
    assert any(o == "injured" and lo == 100 and q == "at_least" for o, lo, _h, q, _v in got)


def test_casualties_seed_centcom_up_to_80(seeds_dir: Path) -> None:
    doc = CAS(SENT(Doc(_seed(seeds_dir, "centcom"))))
    got = [(c.outcome, c.min, c.max, c.qualifier) for c in doc.get("casualties")]
    assert got[0] == ("killed", None, 80, "at_most")


_WORDS = ["killed", "killing", "wounded", "at least", "62", "Sixty-two", "dozens", "people",
          "soldiers", "civilians", "including", "children", "and", "were", "the death toll rose to",
          ".", ",", "\n\n", "since 2011", "a child was killed", "-5", "1,200", "over", "bodies"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_casualties_spans_match_the_text(words: list[str]) -> None:
    doc = _run(" ".join(words))
    for c in doc.get("casualties"):
        s = c.span
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end] == s.text and s.text.strip()
        assert c.min is not None or c.max is not None
        assert all(v is None or v >= 0 for v in (c.min, c.max))


@pytest.mark.parametrize("text,expected", [
    ("Medics put the toll at 48.", [("killed", 48, 48, "exact", "unspecified")]),
    ("It earlier gave a toll of 112.", [("killed", 112, 112, "exact", "unspecified")]),
    ("The monitor put the death toll at 30 people.", [("killed", 30, 30, "exact", "unspecified")]),
])
def test_casualties_toll_at_and_toll_of(text: str, expected: list[tuple]) -> None:
    assert _summary(text) == expected


def test_casualties_toll_on_places_is_not_a_figure() -> None:
    assert _summary("The fighting took a heavy toll on 5 towns.") == []


def test_casualties_is_acronym_inside_the_victim_phrase() -> None:
    assert _summary("Thirty one IS militants were killed in clashes.") == [
        ("killed", 31, 31, "exact", "noncivilian")]
    # the lower-case verb still ends the phrase: no victim noun, no combatants
    assert all(v != "noncivilian" for *_, v in _summary("Of those killed, 5 is a low count."))


def test_casualties_according_to_between_verb_and_figure() -> None:
    assert _summary("Rockets hit the city killing according to the latest toll 44 civilians.") \
        == [("killed", 44, 44, "exact", "civilian")]
    assert _summary("The strike killed, according to the monitor, 12 people.") == [
        ("killed", 12, 12, "exact", "unspecified")]
    # "according to" with no outcome verb before it attaches nothing on the left
    assert _summary("According to the monitor 12 people were evacuated.") == []


def test_casualties_n_of_them_apposition_before_the_verb() -> None:
    cs = _cas("At least 58 people, 11 of them children, died on Tuesday.")
    assert [(c.min, c.qualifier, c.children) for c in cs] == [(58, "at_least", False),
                                                               (11, "exact", True)]
    # without the apposition the head attaches the same way
    assert [(c.min, c.children) for c in _cas("At least 58 people died on Tuesday.")] == [
        (58, False)]


def test_casualties_killed_and_injured_combined_count_is_not_a_toll() -> None:
    # one figure for both outcomes ("19 killed and injured") is no death toll
    assert [c for c in _cas("19 killed and injured in an attack on the city.")
            if c.outcome == "killed"] == []
    assert [c for c in _cas("Twelve dead or wounded after the shelling.")
            if c.outcome == "killed"] == []


def test_casualties_killed_then_injured_others_keeps_the_toll() -> None:
    # "killed N X and injured others": two figures, the killed one stands
    killed = [c for c in _cas("The brigade said it killed six fighters and injured several others.")
              if c.outcome == "killed"]
    assert [(c.min, c.victims) for c in killed] == [(6, "noncivilian")]
    killed = [c for c in _cas("At least 4 people killed and 15 others injured in the blast.")
              if c.outcome == "killed"]
    assert [c.min for c in killed] == [4]


def _killed(text: str) -> list[tuple]:
    return [(c.min, c.max, c.victims, c.children) for c in _cas(text) if c.outcome == "killed"]


def test_casualties_bringing_the_toll_to_is_a_toll() -> None:
    assert _killed("People died of their wounds, bringing the toll to 61 people.") == [
        (61, 61, "unspecified", False)]
    assert (45, 45, "unspecified", False) in _killed(
        "Raids killed 12 civilians on Monday, bringing to 45 the number killed in two days.")
    # "bringing to N" followed by anything but a count of the dead states no toll
    assert _killed("Shells fell on Monday, bringing to 45 the attacks this week.") == []


def test_casualties_subset_list_goes_on_after_and() -> None:
    cs = _cas("Several died of wounds, bringing the toll to 61 people including five children "
              "and three policemen.")
    # ("several" is a figure of its own: at least three)
    assert [(c.min, c.victims, c.children) for c in cs] == [
        (3, "unspecified", False), (61, "unspecified", False), (5, "civilian", True),
        (3, "noncivilian", False)]
    # the next figure is no subset when it has an outcome of its own
    cs = _cas("The blast killed 20 people including five children and 30 were wounded.")
    assert [(c.outcome, c.min) for c in cs] == [("killed", 20), ("killed", 5), ("injured", 30)]


def test_casualties_in_total_between_figure_and_verb() -> None:
    assert _killed("The monitor said 35 people in total had died.") == [
        (35, 35, "unspecified", False)]
    # (a short place phrase is part of the people: "35 people in the town had died" counts
    # them; another verb after it does not)
    assert _killed("The monitor said 35 people in the town had fled.") == []


def test_casualties_headline_list_without_and_shares_the_verb() -> None:
    assert _killed("40 Civilians 25 YPG Fighters Killed 110 Injured by Turkey") == [
        (40, 40, "civilian", False), (25, 25, "noncivilian", False)]
    # a number before a non-victim noun is not part of the list
    assert _killed("Jets hit 3 villages 25 fighters killed") == [(25, 25, "noncivilian", False)]
    # nor is a group that is the object of its own verb
    assert _killed("Strikes killed 12 civilians 30 people were wounded") == [
        (12, 12, "civilian", False)]


def test_casualties_bare_figure_after_a_non_casualty_verb_is_its_object() -> None:
    assert _killed("Daesh kidnapped 900 Executed 18 People in Aleppo") == [
        (18, 18, "unspecified", False)]
    assert _killed("900 Executed in Aleppo") == [(900, 900, "unspecified", False)]


def test_casualties_outcome_word_before_a_figure_heads_that_figure() -> None:
    cs = _cas("Kurds kill 83 Injured 100 ISIS Terrorists in 2 Days")
    assert [(c.outcome, c.min) for c in cs] == [("killed", 83), ("injured", 100)]
    # "N persons killed M others injured": both figures keep their own outcome word
    cs = _cas("8 persons killed 58 others injured in rocket attacks")
    assert [(c.outcome, c.min) for c in cs] == [("killed", 8), ("injured", 58)]


def test_casualties_killing_nominalised_with_of() -> None:
    assert _killed("ISIL Claims Beheading of 18 Syrians") == [(18, 18, "unspecified", False)]
    assert _killed("A video showed the beheadings of at least 18 men.") == [
        (18, None, "unspecified", False)]
    assert _killed("A video showed the arrest of 18 men.") == []


def test_casualties_pair_of_verbs_before_the_figure() -> None:
    assert _killed("Militants killed and crucified five civilians in the town.") == [
        (5, 5, "civilian", False)]
    assert _killed("ISIL Kills Crucifies 5 Syrians in Deir Ezzor") == [
        (5, 5, "unspecified", False)]
    # "killed and wounded N" counts both outcomes: not a death toll
    assert _killed("The strike killed and wounded 30 people.") == []


def test_casualties_pair_of_verbs_after_the_figure() -> None:
    assert _killed("Around 41 rebels were rounded up and executed by the group.") == [
        (41, 41, "noncivilian", False)]
    assert _killed("Around 41 rebels were rounded up and released by the group.") == []


def test_casualties_killed_from_n_to_m_is_a_range() -> None:
    assert _killed("Opponents said the attack killed from 500 to well over 1000 people.") == [
        (500, 1000, "unspecified", False)]
    # after a verb of change, "from N to M" gives the new figure
    assert _killed("The death toll rose from 10 to 15.") == [(15, 15, "unspecified", False)]


def test_casualties_named_revolution_is_not_a_background_scope() -> None:
    assert _killed("Activists of the Syrian Revolution General Commission said at least 640 "
                   "people were killed.") == [(640, None, "unspecified", False)]
    assert _killed("At least 5000 people were killed in the Syrian revolution.") == []


def test_casualties_subset_after_including_is_not_coordinated_with_the_next() -> None:
    cs = _cas("The monitor said at least 20 people were killed including 13 civilians and "
              "more than 30 wounded in the blasts.")
    assert [(c.outcome, c.min, c.victims) for c in cs] == [
        ("killed", 20, "unspecified"), ("killed", 13, "civilian"), ("injured", 30, "unspecified")]
    # with no figure before it, "13 civilians and more than 30 wounded" share the verb
    cs = _cas("13 civilians and more than 30 soldiers were wounded.")
    assert [c.outcome for c in cs] == ["injured", "injured"]


def test_casualties_aside_between_coordinated_groups() -> None:
    assert _killed("Clashes left 23 civilians - including nine children - and 16 fighters "
                   "dead.") == [(23, 23, "civilian", False), (9, 9, "civilian", True),
                                (16, 16, "noncivilian", False)]
    assert _killed("Clashes left 23 civilians and 16 fighters dead.") == [
        (23, 23, "civilian", False), (16, 16, "noncivilian", False)]


def test_casualties_extremists_and_combattants_are_combatants() -> None:
    assert _killed("83 extremists died in the assault.") == [(83, 83, "noncivilian", False)]
    assert _killed("16 combattants were killed.") == [(16, 16, "noncivilian", False)]


def test_casualties_another_named_person_also_killed() -> None:
    assert _killed("Another rebel commander was also killed in the raid.") == [
        (1, 1, "noncivilian", False)]
    assert _killed("Another rebel commander was arrested in the raid.") == []


def _outcomes(text: str) -> list[tuple[str, int | None]]:
    return sorted((c.outcome, c.min) for c in _cas(text))


@pytest.mark.parametrize(("text", "expected"), [
    # shot and not said dead is injured
    ("Four people were shot outside a bar early Sunday.", [("injured", 4)]),
    ("4 shot outside bar", [("injured", 4)]),
    ("Two men were shot and killed on Elm Street.", [("killed", 2)]),
    ("Two men were shot and wounded on Elm Street.", [("injured", 2)]),
    ("Twenty people were fatally shot in the attack.", [("killed", 20)]),
    # a total split by outcome
    ("Twelve people were shot, one of them died.", [("injured", 11), ("killed", 1)]),
    ("Seven people were shot, two fatally, on Friday.", [("injured", 5), ("killed", 2)]),
    ("Five people were shot, including one who died at the hospital.",
     [("injured", 4), ("killed", 1)]),
    ("Four people were injured in the shooting. One of the men later died.",
     [("injured", 3), ("killed", 1)]),
    # an age adjective inside the phrase is no count of its own
    ("Three people, including a 10-year-old girl, were hurt when gunfire erupted.",
     [("injured", 1), ("injured", 3)]),
    ("Two 15-year-old boys were shot near a school.", [("injured", 2)]),
    # "of them" / "of whom" points back to the group counted across the rest of its clause
    ("Twelve people were shot at a party in Chicago; one of them died.",
     [("injured", 11), ("killed", 1)]),
    ("Police said three people were shot on Elm Street, one of whom died.",
     [("injured", 2), ("killed", 1)]),
])
def test_casualties_shot_is_injured_and_deaths_split_off(text: str, expected: list) -> None:
    assert _outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "Six people were shot on Main Street. Two of them are in critical condition.",
    "Six people were shot on Main Street. Two men were arrested later.",
    # the part said after the clause is hurt, not dead
    "Six people were shot on Main Street, two of them critically.",
    "Six people were shot on Main Street, police said; two of them are in critical condition.",
    "Six people were shot on Main Street, none of whom died.",
])
def test_casualties_shot_total_kept_without_a_death(text: str) -> None:
    assert _outcomes(text) == [("injured", 6)]


@pytest.mark.parametrize(("text", "expected"), [
    # an age in apposition to a name or a person noun is not a count
    ("Shane Simpson, 16, was killed in the shooting.", [("killed", 1)]),
    ("A boy, 15, was shot in the leg.", [("injured", 1)]),
    # the digits after a clock's colon are not a count
    ("0:41 Woman dies crossing the river", []),
    ("At 10:41 p.m. two men were shot dead.", [("killed", 2)]),
    # a bare figure after a comma in a list of places still counts
    ("In Aleppo, 16 were killed.", [("killed", 16)]),
    ("Assad's forces killed 16, the monitor said.", [("killed", 16)]),
])
def test_casualties_ages_and_clock_times_are_not_counts(text: str, expected: list) -> None:
    assert _outcomes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # groups of different kinds keep their own figures (the toll adds them up)
    ("Shelling killed 5 civilians and 2 soldiers.", [("killed", 2), ("killed", 5)]),
    # children counted beside adults are not summed into one figure here
    ("Shelling killed 16 civilians and three children.", [("killed", 3), ("killed", 16)]),
    # same kind: a summed figure is added
    ("The raid killed 3 fighters and 4 soldiers.", [("killed", 3), ("killed", 4), ("killed", 7)]),
])
def test_casualties_coordinated_groups_of_one_kind_are_summed(text: str, expected: list) -> None:
    assert _outcomes(text) == expected


@pytest.mark.parametrize("text,expected", [
    # those treated or sent to a hospital were hurt
    ("Two men were treated at a hospital and released.",
     [("injured", 2, 2, "exact", "unspecified")]),
    ("Four bystanders were treated and released.", [("injured", 4, 4, "exact", "unspecified")]),
    ("The blast sent 11 people to the hospital.", [("injured", 11, 11, "exact", "unspecified")]),
    # the object of an active "shot" is everyone hit; the dead of the same clause come off
    ("A gunman shot three people outside the bar.", [("injured", 3, 3, "exact", "unspecified")]),
    ("He shot two children, one of them fatally.",
     [("injured", 1, 1, "exact", "civilian"), ("killed", 1, 1, "exact", "civilian")]),
    # ... and so do the dead told in another sentence
    ("A gunman shot five people at a party. Three people were killed.",
     [("injured", 2, 2, "exact", "unspecified"), ("killed", 3, 3, "exact", "unspecified")]),
    ("He shot four people on the farm. Four people were found dead.",
     [("killed", 4, 4, "exact", "unspecified")]),
])
def test_casualties_hospital_treatment_and_those_shot(text: str, expected: list[tuple]) -> None:
    assert _summary(text) == expected


@pytest.mark.parametrize("text", [
    "The suspect was shot 3 times by officers and survived.",   # shots, not people
    "He shot 2 rounds into the air.",
    "Three people were treated at the scene for smoke.",        # no hospital, no wound
    "The city sent 4 inspectors to the building.",              # not to a hospital
    "Two men were found guilty of the shooting.",
])
def test_casualties_shots_and_errands_are_not_counts(text: str) -> None:
    assert [c for c in _summary(text) if c[1] is not None and c[1] > 1] == []


@pytest.mark.parametrize("text", [
    # an age in apposition, shared ("both 16") or closed by a dash
    "Two friends, both 17, were killed in the crash.",
    "Two cousins – Ana Ruiz, 19, and Luz Ortiz, 15 – died in the fire.",
    "The girl, whom officers first said was 14, died on Sunday.",
    "A boy under the age of 12 was killed.",
    # a date's day after a month's abbreviation; a year before one person
    "The man shot on Nov. 3 has died.",
    "Archive: March 2, 2016 Woman dead after a fire on Elm Street.",
])
def test_casualties_ages_dates_and_years_are_not_counts(text: str) -> None:
    assert [c for c in _summary(text) if c[1] is not None and c[1] > 2] == []


@pytest.mark.parametrize("text,expected", [
    # a figure is still read after a month said in full, or after "both" with a noun
    ("In May, 14 people died in the floods.", [("killed", 14, 14, "exact", "unspecified")]),
    ("Both 12 people were killed.", [("killed", 12, 12, "exact", "unspecified")]),
    ("Two brothers, aged 9 and 11, and 3 neighbours were killed.",
     [("killed", 3, 3, "exact", "unspecified")]),
])
def test_casualties_counts_beside_ages_and_months(text: str, expected: list[tuple]) -> None:
    assert [c for c in _summary(text) if c[1] is not None and c[1] > 2] == expected


@pytest.mark.parametrize("text,expected", [
    # a bare age after a counted group is one more person
    ("Three adults and a 4-year-old were shot on the porch.", 4),
    ("Two teens and a 9-year-old girl were wounded.", 3),
    # a headline's "self": the killer is one more dead
    ("Father kills two children, then fatally shoots self", 3),
])
def test_casualties_one_more_by_age_or_self(text: str, expected: int) -> None:
    assert max(c[1] or 0 for c in _summary(text)) == expected


@pytest.mark.parametrize("text", [
    "He said he acted in self-defense when he killed two men.",  # no self killed
    "Two dogs and a 3-year-old horse were hurt.",                 # no people counted
])
def test_casualties_self_defense_and_animals_add_no_one(text: str) -> None:
    assert max((c[1] or 0 for c in _summary(text)), default=0) <= 2


@pytest.mark.parametrize("text,expected", [
    # ages listed between commas are the people's ages: the count is the head figure
    ("Two girls, 12 and 14, were taken to a hospital.", [("injured", 2, 2, "exact", "civilian")]),
    ("Three men, ages 20, 22 and 31, were wounded.", [("injured", 3, 3, "exact", "unspecified")]),
    ("Five teens, ages 14 to 17, suffered gunshot wounds.",
     [("injured", 5, 5, "exact", "unspecified")]),
    # ... while counts listed between commas are still the head figure's parts
    ("Seven people, 4 men and 3 women, were shot.",
     [("injured", 7, 7, "exact", "unspecified"), ("injured", 4, 4, "exact", "unspecified"),
      ("injured", 3, 3, "exact", "civilian")]),
])
def test_casualties_ages_listed_after_the_people(text: str, expected: list[tuple]) -> None:
    assert _summary(text) == expected


def test_casualties_killer_after_those_he_shot_are_said_dead() -> None:
    # those he shot are said dead in another sentence: the killer who turns the gun on
    # himself is one more dead
    text = ("A man killed his wife and her son at their home. Police said he shot his wife and "
            "her son, then turned the gun on himself.")
    assert max(c[1] or 0 for c in _summary(text) if c[0] == "killed") == 3


@pytest.mark.parametrize("text,expected", [
    # the killer and the others are one verb's objects: all of them are dead
    ("A suicide bomber blew himself up at a checkpoint, killing himself and 2 police officers.",
     3),
    ("He killed himself and his two children.", 3),
    # a suicide alone, or others joined to another verb, add no one
    ("A man killed himself and nobody else was hurt.", 1),
    ("He killed himself, and two officers were wounded.", 1),
])
def test_casualties_killer_counted_with_the_others_he_killed(text: str, expected: int) -> None:
    assert max(c[1] or 0 for c in _summary(text) if c[0] == "killed") == expected


@pytest.mark.parametrize("text,expected", [
    # an officer shot is not the suspect told dead: one hurt, one dead
    ("An officer was shot in the shoulder and the suspect was killed.",
     [("injured", 1), ("killed", 1)]),
    ("The deputy was shot in the arm. The gunman was killed by return fire.",
     [("injured", 1), ("killed", 1)]),
    # the same person, or a death with no role told: the one shot is the one who died
    ("The officer was shot in the chest. The officer died at the hospital.", [("killed", 1)]),
    ("The man was shot in the chest. He died at the hospital.", [("killed", 1)]),
    ("The officer was shot on Elm Street. Two people were killed in the attack.",
     [("killed", 2)]),
])
def test_casualties_opposed_roles_are_two_people(text: str, expected: list) -> None:
    assert _outcomes(text) == expected


def test_casualties_killer_after_wounding_adds_no_death() -> None:
    # nobody he shot is said dead: turning the gun on himself says no death at all
    text = "A man shot his wife and her son, then turned the gun on himself. Both survived."
    assert [c for c in _summary(text) if c[0] == "killed"] == []


@pytest.mark.parametrize("text,expected", [
    # a clock time is no count, even after an outcome word
    ("He died of a gunshot wound about 7:30 p.m. on Saturday.", []),
    ("Police said the blast wounded about 12:15 diners.", []),
    # ... and a count after a clock time is still read
    ("Shots rang out at 11:45 and 3 people were hurt.", [("injured", 3, 3, "exact", "unspecified")]),
])
def test_casualties_clock_times_are_not_counts(text: str, expected: list[tuple]) -> None:
    assert [c for c in _summary(text) if c[1] is not None and c[1] > 1] == expected
