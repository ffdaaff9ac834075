"""A hurt person said to live is not the person the report says died: a weak injury ("was
shot", "was taken to a hospital") gives way to a death unless its own sentence says the
person survives (`lang.en.outcomes.SURVIVAL`)."""

from __future__ import annotations

import pytest

from casualty_fixtures import summary


def _outcomes(text: str) -> list[tuple[str, int | None]]:
    return sorted(c[:2] for c in summary(text))


@pytest.mark.parametrize("text", [
    "A clerk was shot dead behind the diner. A 20-year-old customer was taken to a hospital "
    "with non-life-threatening wounds to his hand.",
    "One man died at the gas station. A motorist was shot in the knee and is expected to "
    "recover.",
    "A guard was killed during the heist. The driver was hit by a bullet and was treated and "
    "released.",
    "A hunter died on the ridge on Sunday. His nephew was grazed and is in good condition.",
])
def test_extract_survivors_injury_that_lives_stays_beside_a_death(text: str) -> None:
    assert _outcomes(text) == [("injured", 1), ("killed", 1)]


@pytest.mark.parametrize("text", [
    # the one shot is the one who died
    "A clerk was shot behind the counter. He died at the hospital.",
    # alive at first, dead later in the same sentence: still the one person
    "A guard was killed on Friday. A man was taken to a hospital in stable condition but "
    "died on Sunday.",
    # a critical condition says nothing of surviving
    "A driver was killed on the ramp. The woman was taken to a hospital in critical "
    "condition.",
])
def test_extract_survivors_without_survival_the_injury_gives_way(text: str) -> None:
    assert ("injured", 1) not in _outcomes(text)
