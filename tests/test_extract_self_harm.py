"""Deaths by one's own hand and other one-victim death wordings of US local news:
"killed himself", "took her own life", "found shot to death", "one deceased"."""

from __future__ import annotations

import pytest

from casualty_fixtures import summary


@pytest.mark.parametrize("text,expected", [
    ("The gunman then killed himself in the parking lot.", [("killed", 1, "killed himself")]),
    ("Deputies say the teen fatally shot herself with her father's rifle.",
     [("killed", 1, "fatally shot herself")]),
    ("The suspect later took his own life.", [("killed", 1, "took his own life")]),
    ("A man shot his neighbour and then killed himself.", [("killed", 1, "killed himself")]),
    ("A 30-year-old woman was found shot to death in her car.",
     [("killed", 1, "A 30-year-old woman was found shot to death")]),
    ("Officers found one wounded and one deceased.",
     [("injured", 1, "one wounded"), ("killed", 1, "one deceased")]),
])
def test_extract_self_harm_counts_one_death(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize("text", [
    "He took himself to the hospital after the crash.",
    "She took her own car to work that morning.",
    "The boy nearly hurt himself climbing the fence.",
    "The deceased man's family spoke to reporters.",
])
def test_extract_self_harm_other_senses_count_nobody(text: str) -> None:
    assert not [c for c in summary(text) if c[0] == "killed"]
