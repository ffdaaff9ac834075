"""How many people a sentence counts when it does not say it with one digit.

Each class of wording has sentences that should count and sentences, close to them,
that should not; all are written for these tests.
"""

from __future__ import annotations

import pytest

from casualty_fixtures import mentions
from corroborate.config import Settings
from corroborate.extract import default_pipeline, extract
from corroborate.models import Article

_PIPE = default_pipeline(Settings())


def _mentions(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(c.outcome, c.min, c.qualifier) for c in mentions(text)]


def _toll(text: str, title: str = "") -> tuple[int | None, int | None]:
    ext = extract(Article(id="t", title=title, text=text, published="2016-05-01"), _PIPE)
    if not ext.incidents:
        return None, None
    t = ext.incidents[0].toll
    return t["killed"]["total"], t["injured"]["total"]


# -- vague counts: "several" is more than two, "multiple" and "a few" more than one ------------

@pytest.mark.parametrize(("text", "outcome", "least"), [
    ("Several people were wounded when gunmen opened fire on the market.", "injured", 3),
    ("Two men died and multiple others were injured.", "injured", 2),
    ("A few bystanders were hurt by flying glass.", "injured", 2),
    ("The blast killed several soldiers at the checkpoint.", "killed", 3),
])
def test_extract_vague_count_is_a_lower_bound(text: str, outcome: str, least: int) -> None:
    assert (outcome, least, "at_least") in _mentions(text)


@pytest.mark.parametrize("text", [
    # one person's wounds, not several people
    "He suffered multiple gunshot wounds and was taken to a hospital.",
    "The victim had several stab wounds.",
    "She was shot multiple times.",
    "Police fired several rounds at the car.",
    # a larger figure this reading does not take apart
    "Several hundred people were evacuated.",
])
def test_extract_vague_count_not_of_people(text: str) -> None:
    assert not [m for m in _mentions(text) if m[2] == "at_least" and (m[1] or 0) <= 3]


def test_extract_vague_count_gives_way_to_a_figure() -> None:
    # a precise figure later in the report refines the vague one
    assert _toll("Several people were killed in the attack on Sunday. Officials later said "
                 "that at least 7 people had been killed.")[0] == 7


# -- ordinals: "a third person" is one more of those counted before ----------------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("A gunman wounded two men and then wounded a third person outside the bar.", None, 3),
    ("One man was killed at the scene. The second victim died later at the hospital.", 2, None),
    ("Two men were killed and a third was wounded.", 2, 1),
    ("A third person, a 28-year-old man, was also killed in the attack.", 3, None),
])
def test_extract_ordinal_counts_one_more(text: str, killed: int | None,
                                         injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


def test_extract_ordinal_also_after_another_outcome_is_one() -> None:
    # after "A man was killed", "A second person was also injured" is one injured
    assert _toll("A man was killed in the shooting. A second person was also injured.") == (1, 1)


@pytest.mark.parametrize("text", [
    # a fraction, not a person
    "A third of the town was destroyed in the fighting.",
    # an ordinal of a different outcome adds nothing to the other count
    "Two men were wounded in the attack. A third man was killed.",
])
def test_extract_ordinal_not_one_more(text: str) -> None:
    killed, injured = _toll(text)
    assert (killed or 0) <= 1 and (injured or 0) <= 2


@pytest.mark.parametrize(("title", "killed"), [
    ("Toddler becomes fourth to die in weekend shooting", 4),
    ("Teen is the second person to die after the Main Street shooting", 2),
])
def test_extract_nth_to_die(title: str, killed: int) -> None:
    assert _toll("", title=title)[0] == killed


def test_extract_nth_to_die_of_a_city_is_not_the_incident() -> None:
    # a count over a city or a week, not this incident's dead
    got = _mentions("The boy was the third child to die from Chicago gunfire this week.")
    assert not [m for m in got if m[1] == 3]


# -- a death by one's own hand after killing others ---------------------------------------------

@pytest.mark.parametrize(("text", "killed"), [
    ("A man shot and killed his wife and two children before killing himself.", 4),
    ("Two people were killed before the gunman killed himself.", 3),
    ("Police said he fatally shot his girlfriend and then took his own life.", 2),
    # "turned the gun on himself" beside his killings: the killer is one more dead
    ("Investigators say a man killed his girlfriend and her daughter, then turned the gun on "
     "himself.", 3),
    ("A man fatally shot his wife in an apparent murder-suicide on Sunday.", 2),
])
def test_extract_killer_who_kills_himself_is_one_more_dead(text: str, killed: int) -> None:
    assert _toll(text)[0] == killed


@pytest.mark.parametrize(("text", "killed"), [
    # the suicide alone
    ("A man killed himself at his home on Sunday, police said.", 1),
    # the others' deaths are in another sentence: not said to be his doing
    ("Two people were killed in a crash on Route 9. Days later, a man killed himself.", 2),
])
def test_extract_suicide_alone_adds_nothing(text: str, killed: int) -> None:
    assert _toll(text)[0] == killed


@pytest.mark.parametrize(("text", "killed"), [
    # alone, "turned the gun on himself" does not say that he died
    ("Police said the man turned the gun on himself.", None),
    # the victims are the subject: the killer is among them, not one more
    ("A man and his daughter died in a murder-suicide.", 2),
    # those shot are not said to be dead: nothing to add one to
    ("A man shot his wife and then turned the gun on himself.", None),
])
def test_extract_turned_the_gun_adds_only_to_a_killing(text: str, killed: int | None) -> None:
    assert _toll(text)[0] == killed


# -- everyone counted before dies: "killing both" ----------------------------------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("The gunman shot a man and his wife, killing both.", 2, None),
    ("A drone struck a vehicle near the town, killing both fighters inside.", 2, None),
])
def test_extract_killing_both(text: str, killed: int, injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


def test_extract_both_of_something_else_is_no_count() -> None:
    assert _toll("Gunmen attacked both sides of the village, killing a farmer.")[0] == 1


# -- a total, then those of them who died, in the next sentence --------------------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Police said three people were shot. One died at the hospital.", 1, 2),
    ("Four people were shot on Sunday night. Two of them died.", 2, 2),
])
def test_extract_total_then_who_died(text: str, killed: int, injured: int) -> None:
    assert _toll(text) == (killed, injured)


def test_extract_next_sentence_with_its_own_people_is_not_a_part() -> None:
    # "Two men died" names its own people: the figure of those shot is not split by it
    assert ("injured", 3, "exact") in _mentions(
        "Three people were shot in the north. Two men died in a crash.")
    # a killing, not a death, may be another report's: "Two killed" is not "two of them"
    assert ("injured", 3, "exact") in _mentions(
        "Three people were shot in the north. Two killed in the south.")


# -- a multiple shooting counts everyone hit: the dead told apart come off ---------------------

@pytest.mark.parametrize(("title", "text", "killed", "injured"), [
    ("Triple shooting in Fresno", "One man was killed and two others were wounded on Sunday.",
     1, 2),
    ("4 shot outside nightclub", "A 22-year-old man died at the scene, police said.", 1, 3),
])
def test_extract_shot_total_less_the_dead(title: str, text: str, killed: int,
                                          injured: int) -> None:
    assert _toll(text, title=title) == (killed, injured)


@pytest.mark.parametrize(("title", "text", "killed", "injured"), [
    # "wounded" already counts only the living
    ("4 wounded outside nightclub", "A 22-year-old man died at the scene, police said.", 1, 4),
    # split in its own sentence already
    ("", "Five people were shot, one fatally, at a party.", 1, 4),
])
def test_extract_shot_total_not_taken_twice(title: str, text: str, killed: int,
                                            injured: int) -> None:
    assert _toll(text, title=title) == (killed, injured)


# -- "another": one more person, of the outcome of its own predicate ---------------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("A police officer was killed and another was seriously injured.", 1, 1),
    ("Militants ambushed a patrol, killing one soldier and wounding another.", 1, 1),
])
def test_extract_another_is_one_more_person(text: str, killed: int, injured: int) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize("text", [
    "The two sides accused one another of the attack, which killed 3 people.",
    "Gunmen killed 3 people. Another attack hit the market on Monday.",
])
def test_extract_another_without_a_predicate_is_no_person(text: str) -> None:
    assert _toll(text) == (3, None)


# -- a note's "Fatalities: 8", a counted family, a possessive before a figure ------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Israeli airstrikes targeted militia positions near Al-Bukamal. Fatalities: 8.", 8, None),
    ("An airstrike hit a house in Saada, killing an entire family of six.", 6, None),
    ("Shelling killed a woman and injured her two daughters.", 1, 2),
    ("Gunmen killed 6 aid workers and 2 local guides near the reserve.", 8, None),
])
def test_extract_note_wordings(text: str, killed: int, injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize("text", [
    # a family's size is no toll without a killing verb
    "The strike hit the house of a family of six. No casualties were reported.",
    # "Fatalities" with no figure after the colon
    "Clashes broke out near the town. Fatalities: unknown.",
])
def test_extract_note_wordings_without_a_toll(text: str) -> None:
    assert not _toll(text)[0]


# -- people in a place, then their predicate; "the shooting of N people" -----------------------

@pytest.mark.parametrize(("text", "outcome", "n"), [
    ("Three other men inside the home were subsequently injured.", "injured", 3),
    ("Two people in the car were killed when the gunman opened fire.", "killed", 2),
    ("Police are trying to learn what led to the shooting of three people on Saturday.",
     "injured", 3),
    ("Police are investigating the wounding of four men outside a bar.", "injured", 4),
])
def test_extract_people_before_a_place_phrase_and_shootings_of(text: str, outcome: str,
                                                               n: int) -> None:
    assert (outcome, n, "exact") in _mentions(text)


@pytest.mark.parametrize("text", [
    # the place phrase is followed by another verb, not an outcome
    "Two men in the house were arrested after the shooting.",
    # "the shooting of" in a past year is background (the report is from 2016)
    "The shooting of two officers in 2014 is still unsolved.",
])
def test_extract_place_phrase_and_shootings_of_without_a_count(text: str) -> None:
    assert _mentions(text) == []


# -- a group and one more person named with a possessive ----------------------------------------

@pytest.mark.parametrize(("text", "killed"), [
    ("A bomb exploded near the market, killing 2 children and their father.", 3),
    ("Two children and their father were killed in the blast.", 3),
])
def test_extract_group_and_their_parent(text: str, killed: int) -> None:
    assert _toll(text)[0] == killed


def test_extract_group_and_their_animal_is_the_group() -> None:
    assert _toll("The gunman killed two men and their dog.")[0] == 2


# -- one more person hurt beside the dead: "also", "another", an ordinal ------------------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    # "also" beside a subject that is not the one person told: someone else was hit
    ("A woman was shot and killed on Friday night. Her brother was also shot and is expected "
     "to survive.", 1, 1),
    ("A teen was shot and killed on Elm Street. Marcus Reed, 19, was also shot.", 1, 1),
    # "another" and an ordinal name one more person than the dead
    ("Three people were found dead in the house. Another woman was rushed to a hospital.", 3, 1),
    ("Two men died at the scene. A third victim remains hospitalized.", 2, 1),
    # the auxiliary said once for both clauses
    ("One man was killed and another wounded in the shooting on Sunday.", 1, 1),
    ("Officers found one man dead and another critically injured.", 1, 1),
    # ... with a possessive and its person noun in place of "another"
    ("A man was killed and his brother wounded in a shooting on Saturday.", 1, 1),
    # another possessive phrase is another person
    ("A woman was killed and her brother wounded. Her cousin was also shot.", 1, 2),
])
def test_extract_one_more_hurt_beside_the_dead(text: str, killed: int, injured: int) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # "also" of the one person told adds a wound, not a person
    ("A man was stabbed and killed on Friday. The victim was also shot in the leg.", 1, None),
    ("A man was killed on Friday. He was also shot in the arm.", 1, None),
    # a shot person with no marker may be the one the report says died
    ("A man was shot on Elm Street. The man died at the hospital.", 1, None),
    # "another" that is no outcome's subject
    ("One man was killed and another fled the scene.", 1, None),
    # a possessive without a person noun, or a person with another predicate
    ("A man was killed and his car damaged in the crash.", 1, None),
    ("A man was killed and his brother arrested on Saturday.", 1, None),
    # the same possessive phrase told hurt again with "also" is the same person
    ("A shooting left a boy dead and his father wounded. His father, a 30-year-old, was also "
     "shot, police said.", 1, 1),
    # those hit beside the dead restated after the injured were counted: no one more
    ("A man was killed and two others were injured. Another man was shot in the leg and a "
     "woman was shot in the arm.", 1, 2),
    # one of those a multiple shooting counts
    ("Police said it was a double shooting, in which a young woman was also shot.", None, 2),
    # the one more person hurt is the one a pronoun right after says died
    ("A man was killed on Friday. His brother was also shot. He died at the hospital on "
     "Saturday.", 1, None),
])
def test_extract_one_more_hurt_not_added(text: str, killed: int, injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # hurt first, dead after, in one predicate
    ("A man was shot and later died at the hospital.", 1, None),
    ("A 16-year-old boy was critically wounded and subsequently died on Saturday.", 1, None),
    # "also" after a woman or a child told before: one more dead than her
    ("A woman was killed on Friday. Her husband was also shot and later died.", 2, None),
    ("A 46-year-old woman died on Saturday. Marcus Hill, 24, was also killed in the shooting.",
     2, None),
    # "others" shot are other than the dead: nothing comes off them
    ("A woman died on Saturday. A man was also killed. Four others were shot.", 2, 4),
])
def test_extract_hurt_then_dead_and_also_after_a_woman(text: str, killed: int,
                                                       injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("A man was shot and later released from the hospital.", None, 1),
    # no "also": the woman's figure alone is the toll's (and a "shot" without it may be the
    # dead woman's own wound)
    ("A woman was killed on Friday. Her mother was shot in the arm.", 1, None),
    # those shot without "others" hold the dead
    ("Four people were shot on Saturday. One man died at the scene.", 1, 3),
    # an active "also shot" hurts no subject
    ("A man was killed on Friday. Steven also shot at the car.", 1, None),
])
def test_extract_hurt_then_dead_not_misread(text: str, killed: int | None,
                                            injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("title", "injured"), [
    ("Man accidentally shoots himself in leg at gun range", 1),
    ("Girl, 16, shoots self in hand while playing with gun", 1),
])
def test_extract_headline_wound_to_oneself(title: str, injured: int) -> None:
    assert _toll("Police were called to the home on Sunday.", title=title) == (None, injured)


@pytest.mark.parametrize("title", [
    # the head says nothing a reader can count on
    "Man shoots himself in head at gun range",
    # "self-defense" is no self
    "Man shoots self-defense instructor in argument",
])
def test_extract_headline_wound_to_oneself_not_read(title: str) -> None:
    assert _toll("Police were called to the home on Sunday.", title=title)[1] is None


# -- people in an injury state, hit by gunfire, listed, or counted around an aside -------------

@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Three people are in critical condition after the shooting.", None, 3),
    ("Two men were listed in stable condition on Sunday.", None, 2),
    ("Two children are fighting for their lives.", None, 2),
    ("Two children were hit by gunfire on Wednesday night.", None, 2),
    ("Three people were struck by stray bullets outside the store.", None, 3),
    ("A 9-year-old boy was hit in the head and is recovering.", None, 1),
    ("A man was killed on Friday. A 60-year-old man, a 45-year-old woman and a 19-year-old man "
     "were wounded.", 1, 3),
    ("A 60-year-old man, 45-year-old woman and 19-year-old man suffered gunshot wounds.",
     None, 3),
    ("Five people, including a 15-year-old boy, were injured in the shooting.", None, 5),
    # a list of people hit after a counted group names those counted ("another" among them)
    ("Four people were shot outside the bar. A woman was shot in the neck, a man in the leg, "
     "and another man was hit in the foot.", None, 4),
])
def test_extract_injury_states_hits_and_lists(text: str, killed: int | None,
                                              injured: int) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # hit by what is no gunfire, or things hit
    ("A man was hit by a car on Main Street.", None, None),
    ("Two homes were struck by bullets overnight.", None, None),
    ("Police said two cars were hit by gunfire.", None, None),
    # a state that is no injury
    ("The two victims were in good spirits.", None, None),
    # one named person hit, the one the report says died
    ("A teen was shot and killed on Friday. Police said Webb was struck in the stomach.", 1, None),
])
def test_extract_injury_states_hits_not_misread(text: str, killed: int | None,
                                                injured: int | None) -> None:
    assert _toll(text) == (killed, injured)


def test_extract_struck_span_takes_the_wound_site() -> None:
    found = [(c.outcome, c.span.text) for c in mentions("The girl was hit in the right calf.")]
    assert found == [("injured", "The girl was hit in the right calf")]


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # recovering from a wound, or in a hospital: alive and hurt
    ("An 11-year-old boy is recovering in the hospital after the shooting.", None, 1),
    ("Two men are recovering from gunshot wounds.", None, 2),
    ("A woman was taken to a nearby hospital with a wound to the arm.", None, 1),
    # the object of an active "shot" is no subject hurt
    ("A boy is recovering in the hospital after his father accidentally shot him.", None, 1),
])
def test_extract_recovering_and_nearby_hospital(text: str, killed: int | None,
                                                injured: int) -> None:
    assert _toll(text) == (killed, injured)


@pytest.mark.parametrize(("text", "subject"), [
    # recovering from what is no wound
    ("The family is recovering from the shock of the loss.", "The family"),
    ("Police are recovering evidence from the scene of the shooting.", "Police"),
    # an active "shot" of a pronoun: the subject shot someone, no one hurt is the subject
    ("Police said the suspect accidentally shot him during the argument.", "the suspect"),
])
def test_extract_recovering_not_a_wound(text: str, subject: str) -> None:
    at = text.index(subject)
    assert not [c for c in mentions(text) if c.outcome == "injured" and c.span.start == at]
