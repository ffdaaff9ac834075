"""Injuries said through the hospital or an injury noun: "were hospitalized", "taken to the
hospital", "suffered non-life-threatening injuries", "treated for gunshot wounds"."""

from __future__ import annotations

import pytest

from casualty_fixtures import summary


@pytest.mark.parametrize("text,expected", [
    ("Five men were hospitalized after the gunfire on Elm Street.",
     [("injured", 5, "Five men were hospitalized")]),
    ("Two other people were rushed to a hospital by friends.",
     [("injured", 2, "Two other people were rushed to a hospital")]),
    ("Three bystanders were transported to an area hospital.",
     [("injured", 3, "Three bystanders were transported to an area hospital")]),
    ("Four adults suffered non-life-threatening injuries in the exchange of fire.",
     [("injured", 4, "Four adults suffered non-life-threatening injuries")]),
    ("Six teens were treated for gunshot wounds and released.",
     [("injured", 6, "Six teens were treated for gunshot wounds")]),
    ("One woman died and two men were taken to the hospital.",
     [("killed", 1, "One woman died"), ("injured", 2, "two men were taken to the hospital")]),
    ("A neighbour was taken to the hospital with a wound to the leg.",
     [("injured", 1, "A neighbour was taken to the hospital")]),
    ("A man was shot and critically wounded during the robbery.",
     [("injured", 1, "A man was shot and critically wounded")]),
    ("The two were taken to a hospital, where they were pronounced dead.",
     [("killed", 2, "two were taken to a hospital, where they were pronounced dead")]),
    ("Three men suffered fatal gunshot wounds.",
     [("killed", 3, "Three men suffered fatal gunshot wounds")]),
    ("Two teens were hospitalized with gunshot wounds.",
     [("injured", 2, "Two teens were hospitalized")]),
])
def test_extract_hospital_reads_injury(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize("text", [
    "Two suspects were taken to the police station for questioning.",
    "Three men were taken to task by the judge.",
    "The owner was taken to the county jail.",
    "Four families suffered losses when the factory closed.",
    "Five nurses were treated to lunch by the mayor.",
    "Ten people were hospitalized with the flu last winter.",
    # the perfect of "shoot" is active: the two are the shooters
    "Police said two men had shot at the house.",
])
def test_extract_hospital_other_senses_are_not_injuries(text: str) -> None:
    assert not [c for c in summary(text) if c[0] == "injured"]
