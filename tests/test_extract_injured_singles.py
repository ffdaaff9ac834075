"""One or a few hurt people told without a digit: found hurt ("a second man was found
wounded"), treated and released ("both victims were treated and released"), and a plural
subject whose aside lists its people ("the victims, a 19-year-old and a 21-year-old, ...")."""

from __future__ import annotations

import pytest

from casualty_fixtures import summary


@pytest.mark.parametrize(("text", "expected"), [
    ("A jogger's brother was killed on the trail. A second man was found wounded in the brush.",
     [("killed", 1, "A jogger's brother was killed"),
      ("injured", 1, "A second man was found wounded")]),
    ("Deputies say a teenager was found injured behind the bowling alley.",
     [("injured", 1, "a teenager was found injured")]),
    ("Both passengers were treated and released on Tuesday.",
     [("injured", 2, "Both passengers were treated and released")]),
    ("The neighbor was treated and released from the clinic.",
     [("injured", 1, "The neighbor was treated and released")]),
    ("The victims, a 30-year-old and a 41-year-old, were taken to a hospital.",
     [("injured", 2, "The victims, a 30-year-old and a 41-year-old, were taken to a hospital")]),
    ("Officers said the victims, a woman, 58, her grandson and a neighbor, were wounded.",
     [("injured", 3, "the victims, a woman, 58, her grandson and a neighbor, were wounded")]),
])
def test_extract_injured_singles_reads_people(text: str, expected: list[tuple]) -> None:
    assert sorted(summary(text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    # found shot, then dead: the one person the report says died
    "A grocer was found shot inside his store. He died at the scene.",
    # "treated" in other senses hurts no one
    "The guests were treated to a concert and released balloons.",
    # an aside that lists no people
    "The victims, whose names were not released, were wounded.",
    # "found" of a thing, not a person
    "Investigators found shell casings near the wounded tree line.",
])
def test_extract_injured_singles_no_extra_injury(text: str) -> None:
    assert [c for c in summary(text) if c[0] == "injured"] == []
