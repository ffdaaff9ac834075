"""Those "shot" are everyone hit: the dead said later in the same sentence are among them
("2 teens shot, 1 killed" is one injured), while "wounded" already leaves the dead out."""

from __future__ import annotations

import pytest

from casualty_fixtures import mentions


def _by_outcome(text: str) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {}
    for c in mentions(text):
        out.setdefault(c.outcome, []).append(c.min)
    return out


@pytest.mark.parametrize("text,killed,injured", [
    ("3 men shot near a bar, 1 killed", [1], [2]),
    ("A quadruple shooting left one man dead.", [1], [3]),
    ("Five people were shot at the party and one woman was killed.", [1], [4]),
])
def test_extract_shot_totals_take_the_dead_out(text: str, killed: list[int],
                                               injured: list[int]) -> None:
    got = _by_outcome(text)
    assert got["killed"] == killed and got["injured"] == injured


@pytest.mark.parametrize("text,killed,injured", [
    # "wounded" counts only the living
    ("Five people were wounded and one woman was killed.", [1], [5]),
    # the dead belong to another sentence's story
    ("Five people were shot at the party. Across town, one woman was killed.", [1], [5]),
])
def test_extract_shot_totals_keep_hurt_figures(text: str, killed: list[int],
                                               injured: list[int]) -> None:
    got = _by_outcome(text)
    assert got["killed"] == killed and got["injured"] == injured
