"""Victims counted without a digit: nouns, ages, names, pronouns, pairs and multiples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualty_fixtures import casualty_doc, mentions
from corroborate.extract.singles import find_singles


def _singles(text: str, headline: bool = False) -> list[tuple[str, int, str]]:
    return [(s.outcome, s.count, text[s.start:s.end])
            for s in find_singles(text, 0, len(text), headline=headline)]


def _cas(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.outcome, c.min, c.span.text) for c in mentions(text, published="2017-03-02")]


@pytest.mark.parametrize(("text", "expected"), [
    # a singular noun phrase as the subject of a death
    ("A man was shot dead on Main Street.", [("killed", 1, "A man was shot dead")]),
    ("A 15-year-old girl was shot to death near the park.",
     [("killed", 1, "A 15-year-old girl was shot to death")]),
    ("A drug trafficker was killed in the raid.", [("killed", 1, "A drug trafficker was killed")]),
    ("Police said the victim was pronounced dead at the scene.",
     [("killed", 1, "the victim was pronounced dead")]),
    ("a person was found dead in the car", [("killed", 1, "a person was found dead")]),
    ("An 18-month-old boy was shot and killed.",
     [("killed", 1, "An 18-month-old boy was shot and killed")]),
    # a bare age is the person
    ("A 2-year-old is dead after the shooting.", [("killed", 1, "A 2-year-old is dead")]),
    # pronouns
    ("She died from her injuries on Sunday.", [("killed", 1, "She died")]),
    # names, with an age in apposition; two names are two
    ("Shane Simpson, 16, was killed on Friday.", [("killed", 1, "Shane Simpson, 16, was killed")]),
    ("John Smith was fatally shot Monday night.", [("killed", 1, "John Smith was fatally shot")]),
    ("Ann Lee and Bo Park were found dead in the house.",
     [("killed", 2, "Ann Lee and Bo Park were found dead")]),
    # objects of a killing verb; a relation pair is two
    ("The gunman opened fire, killing a father and son.",
     [("killed", 2, "killing a father and son")]),
    ("He fatally shot his wife before turning the gun on himself.",
     # (the killer's own death: `casualties` counts it only as one more beside the killing)
     [("killed", 1, "fatally shot his wife"), ("killed", 1, "turning the gun on himself")]),
    ("A child and a woman were killed by a rocket.",
     [("killed", 2, "A child and a woman were killed")]),
    ("The attacks left a child and a woman dead.", [("killed", 2, "left a child and a woman dead")]),
    # "the shooting death of" names its victim
    ("He was charged in the shooting death of a teenager.",
     [("killed", 1, "shooting death of a teenager")]),
    # injuries: shot and not dead, a hospital condition
    ("A man was shot in the abdomen.", [("injured", 1, "A man was shot")]),
    ("The boy remains in critical condition.",
     [("injured", 1, "The boy remains in critical condition")]),
    # multiples
    ("Man booked in Metairie triple murder", [("killed", 3, "triple murder")]),
    # shot, then died; a headline's comma for "and"
    ("A woman was shot and died at the scene.", [("killed", 1, "A woman was shot and died")]),
    # a relative clause between the subject and its death
    ("A 16-year-old boy who was critically wounded in a shooting on Friday died on Saturday.",
     [("killed", 1, "A 16-year-old boy who was critically wounded in a shooting on Friday "
                    "died")]),
    # an aside between the subject and its predicate
    ("The second victim, a 23-year-old woman, died at the hospital.",
     [("killed", 1, "The second victim, a 23-year-old woman, died")]),
    # a life taken, a body found, a possessive death
    ("The fire claimed the life of a woman.", [("killed", 1, "claimed the life of a woman")]),
    ("The body of a young man was found by the river.",
     [("killed", 1, "body of a young man")]),
    ("Mom charged in 4-year-old's accidental shooting death",
     [("killed", 1, "4-year-old's accidental shooting death")]),
    ("Police investigate fatal shooting of 16-year-old boy",
     [("killed", 1, "fatal shooting of 16-year-old")]),
    # the object of a killing by its manner: "beat ... to death"
    ("Militia members beat a village chief to death.",
     [("killed", 1, "beat a village chief to death")]),
    ("A mob lynched a suspected thief in the market.",
     [("killed", 1, "lynched a suspected thief")]),
    # one person and a counted group: "a woman and two children" is three
    ("A shell hit the house, killing a woman and two children.",
     [("killed", 3, "killing a woman and two children")]),
    ("Gunmen killed a pastor and his wife in the village.",
     [("killed", 2, "killed a pastor and his wife")]),
    # "both" after a killing verb is two
    ("The drone struck the car, killing both fighters inside.",
     [("killed", 2, "killing both fighters")]),
])
def test_singles_count_victims_without_a_digit(text: str, expected: list) -> None:
    assert _singles(text) == expected


@pytest.mark.parametrize("text", [
    "The officer was not injured.",               # negated
    "Police said the man was taken into custody.",
    "Fighters from the Nusra Front were also killed.",  # a group, not a person named Front
    "People died of their wounds.",
    "Four were killed.",                          # a number word is a figure, not a single
    "The regime killed the commander of the brigade.",  # "of": a title, not one victim
    "the five-shot revolver was found next to him",
    "The plan was executed on Monday.",           # no person
    "Assad killed thousands of people.",
    # a speaker's relative clause is no subject of the death it reports
    "A man who said the victim had worked for him died of a heart attack years ago.",
    "The suspect's murder trial begins Monday.",  # no victim in the possessive
    "The court sentenced him to life in prison.",  # "life" is no life taken
    "The body of water near the town froze.",      # no person after "body of"
    "Gunmen attacked both sides of the road.",     # "both" of no people
    "A third of the city was without power.",      # a fraction
])
def test_singles_ignore_negations_groups_and_non_persons(text: str) -> None:
    assert _singles(text) == []


def test_singles_active_verb_names_the_killer_not_a_victim() -> None:
    # "a man killed ..." is active: the victim is the object
    assert _singles("A man killed his wife on Monday.") == [("killed", 1, "killed his wife")]


@pytest.mark.parametrize(("title", "expected"), [
    ("Teen Dies After Accidental Shooting", [("killed", 1, "Teen Dies")]),
    ("2-year-old killed in accidental shooting", [("killed", 1, "2-year-old killed")]),
    ("Man shot in Chicago", [("injured", 1, "Man shot")]),
    ("Pontiac boy, 15, shot by friend", [("injured", 1, "Pontiac boy, 15, shot")]),
    # a headline's comma (or "and") between a person and more people
    ("Father, two daughters shot to death in Hazel Crest",
     [("killed", 3, "Father, two daughters shot to death")]),
    ("Man, Toddler Found Dead In Their Home",
     [("killed", 2, "Man, Toddler Found Dead")]),
    ("Boy, 2, and man killed in shooting", [("killed", 2, "Boy, 2, and man killed")]),
])
def test_singles_headline_drops_article_and_auxiliary(title: str, expected: list) -> None:
    assert _singles(title, headline=True) == expected


@pytest.mark.parametrize("title", [
    "Man, woman arrested after shooting",  # no outcome: the list is the suspects
    "Police, firefighters respond to crash",
    "Man, 25, charged in killing of two",  # an age, then an active verb
])
def test_singles_headline_list_needs_an_outcome(title: str) -> None:
    assert [g for g in _singles(title, headline=True) if g[1] > 1] == []


def test_singles_headline_form_only_opens_a_sentence() -> None:
    assert _singles("Police said man killed in the crash", headline=False) == []
    # "A man killed ..." at the start is active, headline or not
    assert _singles("A man killed 3 people", headline=True) == []


def test_singles_weak_injury_gives_way_to_a_death() -> None:
    got = _cas("A man was shot on Elm Street. He died at the hospital.")
    assert [g[:2] for g in got] == [("killed", 1)]
    # an explicit wound of someone else stays
    got = _cas("A man was killed and a woman was wounded on Elm Street.")
    assert sorted(g[:2] for g in got) == [("injured", 1), ("killed", 1)]


def test_singles_spans_point_at_the_phrase() -> None:
    text = "Witnesses said a man was shot dead outside."
    (c,) = list(casualty_doc(text, published=None).get("casualties"))
    assert text[c.span.start:c.span.end] == "a man was shot dead" == c.span.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["a", "man", "was", "shot", "dead", "killed", "the", "victim",
                                 "John", "Smith", ",", "16", "and", "his", "wife", "died",
                                 "triple", "murder", "Teen", "x", "  "]), max_size=14)
       .map(" ".join), st.integers(0, 6), st.integers(0, 6))
def test_singles_spans_lie_in_the_window(text: str, lo: int, cut: int) -> None:
    end = max(lo, len(text) - cut)
    prev = lo
    for s in find_singles(text, lo, end, headline=True):
        assert lo <= s.start < s.end <= end and s.start >= prev
        assert s.count >= 1
        prev = s.end


@pytest.mark.parametrize(("text", "expected"), [
    # a wound said with its cause: one person hurt
    ("A teenager suffered a gunshot wound to the shoulder.",
     [("injured", 1, "A teenager suffered a gunshot wound")]),
    ("Officers found a woman with a bullet wound in her side.",
     [("injured", 1, "a woman with a bullet wound")]),
    ("Dana Reyes sustained a gunshot wound to the hip.",
     [("injured", 1, "Dana Reyes sustained a gunshot wound")]),
    # ... unless the wound is said to be fatal
    ("A clerk suffered a fatal gunshot wound during the robbery.",
     [("killed", 1, "A clerk suffered a fatal gunshot wound")]),
    # alive and gravely hurt
    ("A toddler is fighting for his life at the children's hospital.",
     [("injured", 1, "A toddler is fighting for his life")]),
    ("The driver remains on life support.", [("injured", 1, "The driver remains on life support")]),
    # a shot at oneself in a limb is a wound
    ("Cleaning a rifle, the hunter ended up shooting himself in the left hand.",
     [("injured", 1, "shooting himself in the left hand")]),
    # "both" with a victim noun is two
    ("Both passengers in the van were wounded.",
     [("injured", 2, "Both passengers in the van were wounded")]),
    ("Both of them died at the scene.", [("killed", 2, "Both of them died")]),
    # an aside after a name
    ("Maria Lopez, a 30-year-old nurse, was killed on her way home.",
     [("killed", 1, "Maria Lopez, a 30-year-old nurse, was killed")]),
])
def test_singles_wounds_states_both_and_asides(text: str, expected: list) -> None:
    assert _singles(text) == expected


@pytest.mark.parametrize("text", [
    "A man with a gun robbed the store.",            # a weapon, not a wound
    "The clerk suffered no gunshot wounds.",          # negated wound
    "The suspect shot himself in the head.",         # head: a reader cannot tell
    "Both suspects were arrested on Friday.",         # "both" without an outcome
    "Both teams were fighting for the title.",        # no person, no life
    "Lee Park, a city spokesman, said the road was closed.",  # an aside, then speech
])
def test_singles_wounds_need_a_person_a_cause_and_no_negation(text: str) -> None:
    assert _singles(text) == []


def test_singles_two_names_share_one_age() -> None:
    assert _singles("Rosa Diaz and Amy Chen, both 19, were wounded near the park.") == [
        ("injured", 2, "Rosa Diaz and Amy Chen, both 19, were wounded")]


@pytest.mark.parametrize(("text", "expected"), [
    # a death in a reduced relative clause
    ("Police named the man killed in the crash on Route 9.", [("killed", 1, "the man killed")]),
    ("A teen shot and killed Sunday night has been identified.",
     [("killed", 1, "A teen shot and killed")]),
    # an ordinal there counts the dead, as "the fifth to die" does
    ("She was the third person killed in the shooting.",
     [("killed", 3, "the third person killed")]),
    # a possessive fatal shooting
    ("Police arrest a suspect in the girl's fatal shooting.",
     [("killed", 1, "the girl's fatal shooting")]),
])
def test_singles_reduced_relative_and_possessive_deaths(text: str, expected: list) -> None:
    assert _singles(text) == expected


@pytest.mark.parametrize("text", [
    "A man killed his neighbour's dog.",         # active, with an object (the dog is no person)
    "The man killed two deer last season.",       # active, with a counted object
    "A woman shot at the fleeing car.",           # shot at, not shot
    "The man's fatal mistake was to wait.",       # no shooting
])
def test_singles_reduced_relative_needs_no_object_after(text: str) -> None:
    # the subject is the killer or the shooter, never counted as a victim
    assert not any(s[2].lower().startswith(("a man", "the man", "a woman"))
                   for s in _singles(text))
