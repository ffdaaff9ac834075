"""Killing verbs in a headline's present tense, lives a killing claims, and the name of a
group or a place after "of"/"from" inside the phrase a figure counts (issue 10)."""

from __future__ import annotations

import pytest

from casualty_fixtures import mentions, summary


def _victims(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.outcome, c.min, c.victims) for c in mentions(text)]


@pytest.mark.parametrize("text,head", [
    # a headline tells a past killing in the present tense
    ("Insurgents execute 14 border guards near the dam", ("killed", 14, "execute 14 border guards")),
    ("Extremists behead 2 aid workers in desert video",
     ("killed", 2, "behead 2 aid workers")),
    ("Army executes 6 prisoners, rights group says", ("killed", 6, "executes 6 prisoners")),
    ("Warlord's men massacre 31 villagers in river town",
     ("killed", 31, "massacre 31 villagers")),
    ("Bandits murder 4 traders on highway", ("killed", 4, "murder 4 traders")),
    ("Raiders slay 11 herders at dawn", ("killed", 11, "slay 11 herders")),
    ("Troops shoot dead 2 farmers at the crossing", ("killed", 2, "shoot dead 2 farmers")),
    # "claim" takes lives: "claimed 20 lives", a headline's "claims 9 lives"
    ("The mudslide of shelling claimed 17 lives in the old quarter.",
     ("killed", 17, "claimed 17 lives")),
    ("Night raids claim 9 civilian lives in border villages", ("killed", 9, "claim 9 civilian lives")),
])
def test_extract_group_phrases_present_tense_kills(text: str, head: tuple) -> None:
    assert summary(text)[0] == head


@pytest.mark.parametrize("text", [
    # a threat or a plan is no death
    "The kidnappers threatened to execute 14 hostages unless paid.",
    "The court will execute 3 convicts next month, the ministry said.",
    "Rebels vowed to behead 5 captured pilots.",
    # "claim" without lives is speech or ownership
    "The faction claimed 3 bombings in the capital.",
    # a noun, not a verb: "the massacre" some years on
    "Families marked the massacre 25 years on with a vigil.",
])
def test_extract_group_phrases_no_death_without_a_killing(text: str) -> None:
    assert [c for c in summary(text) if c[0] == "killed"] == []


@pytest.mark.parametrize("text,expected", [
    # a group's own name after "of" stays in the counted phrase
    ("Seven militants of Ansaru were killed in an ambush.", ("killed", 7, "noncivilian")),
    ("Four fighters of Liwa al-Quds died in the clashes.", ("killed", 4, "noncivilian")),
    ("Five members of Ahrar al-Sham were killed near the crossing.",
     ("killed", 5, "noncivilian")),
    # a place after "of"/"from": where the people were from
    ("Nine residents of Tell Rifaat were wounded by the rockets.", ("injured", 9, "unspecified")),
    ("Twelve students from Kano Polytechnic were killed in the stampede of gunfire.",
     ("killed", 12, "civilian")),
    # a title-case headline: the outcome word after the name is no part of it
    ("6 Fighters Of Jaish al-Izza Killed In Hama", ("killed", 6, "noncivilian")),
])
def test_extract_group_phrases_name_after_of(text: str, expected: tuple) -> None:
    assert _victims(text)[0] == expected


def test_extract_group_phrases_name_span_ends_at_outcome() -> None:
    c = mentions("3 Soldiers Of Operation Hadin Kai Killed In Attack")[0]
    assert (c.min, c.span.text) == (3, "3 Soldiers Of Operation Hadin Kai Killed")


@pytest.mark.parametrize("text", [
    # a name after "of" with no outcome after it counts nobody
    "Ten residents of Kafr Zita fled to the border.",
    # a lowercase phrase after "of" is no name: the figure is a number of weeks
    "Four members of staff were praised for their courage during 3 weeks of shelling.",
])
def test_extract_group_phrases_name_without_outcome(text: str) -> None:
    assert summary(text) == []


@pytest.mark.parametrize("text,expected", [
    # "of them" points back at people told before (here taken, not hurt): the predicate after
    # it is the figure's own
    ("Raiders seized 14 fishermen off the coast; 6 of them were later found dead.",
     ("killed", 6, "6 of them were later found dead")),
    ("Bandits kidnapped eleven travellers. Three of them were killed in captivity.",
     ("killed", 3, "Three of them were killed")),
])
def test_extract_group_phrases_of_them_after_captives(text: str, expected: tuple) -> None:
    assert summary(text) == [expected]


@pytest.mark.parametrize("text", [
    # "of them" with a predicate that is no outcome counts nobody
    "Soldiers detained 30 men at the market; 9 of them were released at dusk.",
    "Rangers rescued 25 hikers, 4 of them teenagers.",
])
def test_extract_group_phrases_of_them_without_outcome(text: str) -> None:
    assert summary(text) == []


def test_extract_group_phrases_of_them_part_of_shot_total() -> None:
    # the dead "of them" are among those shot, not more people
    got = summary("Nine people were shot outside the hall, 2 of them died.")
    assert sorted(got) == [("injured", 7, "Nine people were shot"),
                           ("killed", 2, "2 of them died")]


@pytest.mark.parametrize("text,count", [
    # one person and a group after a long opening clause: the group's words lie well past the
    # killing verb, and are still its object
    ("Gunmen on motorbikes stormed Tungan Bako hamlet, killing the village head and three of "
     "his sons.", 4),
    ("A rocket hit the bakery queue in the old town, killing the imam and two of his nephews.",
     3),
])
def test_extract_group_phrases_one_and_group_far_from_verb(text: str, count: int) -> None:
    assert max(c[1] for c in summary(text) if c[0] == "killed") == count


def test_extract_group_phrases_pronoun_opens_its_own_clause() -> None:
    # a caption: the death after "he" is his, not the sons'
    got = summary("Pictured: Dale Ortiz with his three sons at the lake he was killed near.")
    assert [c for c in got if c[1] == 3] == []
    got = summary("Eli with two cousins on the day she was shot (family photo)")
    assert [c for c in got if c[1] == 2] == []


def test_extract_group_phrases_place_phrase_still_skipped() -> None:
    # without a pronoun the short place phrase still belongs to the people counted
    assert summary("Two daughters in the truck were wounded.") == [
        ("injured", 2, "Two daughters in the truck were wounded")]

