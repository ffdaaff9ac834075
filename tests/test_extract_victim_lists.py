"""A figure with its people listed between commas: "two victims, a 25-year-old man and a
30-year-old woman, died" counts two, and the listed parts are not more people."""

from __future__ import annotations

import pytest

from casualty_fixtures import summary


@pytest.mark.parametrize("text,head", [
    ("Two victims, a 19-year-old woman and a 40-year-old man, died on the porch.",
     ("killed", 2, "Two victims, a 19-year-old woman and a 40-year-old man, died")),
    ("Four people, a man and three teens, were shot outside the store.",
     ("injured", 4, "Four people, a man and three teens, were shot")),
    ("Three men, two brothers and a cousin, were hospitalized overnight.",
     ("injured", 3, "Three men, two brothers and a cousin, were hospitalized")),
])
def test_extract_victim_lists_head_counts_the_list(text: str, head: tuple) -> None:
    got = summary(text)
    assert got[0] == head
    # ages in the list are not counts; the parts stay within the head figure
    assert all(c[1] is not None and c[1] <= head[1] for c in got)


@pytest.mark.parametrize("text", [
    "Police questioned two men, a 20-year-old and a 22-year-old, and released them.",
    "Officers stopped three cars, a sedan and two trucks, on the bridge.",
])
def test_extract_victim_lists_without_outcome_count_nobody(text: str) -> None:
    assert summary(text) == []


@pytest.mark.parametrize("text,total", [
    ("Three men and a woman were wounded near the park.", 4),
    ("One woman and two men were rushed to a hospital.", 3),
    ("Two girls and a teen were shot on the playground.", 3),
])
def test_extract_victim_lists_group_and_one_more_person(text: str, total: int) -> None:
    injured = [c for c in summary(text) if c[0] == "injured"]
    assert max(c[1] or 0 for c in injured) == total


@pytest.mark.parametrize("text,most", [
    # a group and one more person with their own outcomes: nobody is added
    ("Three men were wounded and a woman was arrested.", 3),
    ("Three men were wounded, and one woman said she heard shots.", 3),
    # the single person is the shooter, not a victim of the same predicate
    ("Two men were shot by a man and a woman.", 2),
])
def test_extract_victim_lists_other_predicates_add_nobody(text: str, most: int) -> None:
    injured = [c for c in summary(text) if c[0] == "injured"]
    assert max(c[1] or 0 for c in injured) == most


@pytest.mark.parametrize("text,outcome,total", [
    ("The gunfire injured three adults and an 8-year-old girl.", "injured", 4),
    ("The gunman wounded two men and a woman outside the club.", "injured", 3),
])
def test_extract_victim_lists_verb_object_and_one_more(text: str, outcome: str,
                                                       total: int) -> None:
    got = [c for c in summary(text) if c[0] == outcome]
    assert max(c[1] or 0 for c in got) == total


@pytest.mark.parametrize("text,outcome,most", [
    ("The gunman wounded two men and a bystander said he ran.", "injured", 2),
    ("The shots wounded four people and a dog.", "injured", 4),
])
def test_extract_victim_lists_verb_object_and_no_person(text: str, outcome: str,
                                                        most: int) -> None:
    got = [c for c in summary(text) if c[0] == outcome]
    assert max(c[1] or 0 for c in got) == most
