"""Number mentions: digits, words, vague quantities, qualifiers, ranges, bad values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.numbers import MAX_COUNT, find_numbers, parse_number


def _one(text: str) -> tuple[int | None, int | None, str, str]:
    found = find_numbers(text)
    assert len(found) == 1, found
    n = found[0]
    return n.min, n.max, n.qualifier, text[n.start:n.end]


@pytest.mark.parametrize("text,expected", [
    ("62", (62, 62, "exact")),
    ("1,200", (1200, 1200, "exact")),
    ("Sixty-two", (62, 62, "exact")),
    ("twenty five", (25, 25, "exact")),
    ("one hundred and twenty", (120, 120, "exact")),
    ("3.5 million", (3_500_000, 3_500_000, "exact")),
    ("a dozen", (12, 12, "about")),
    ("two dozen", (24, 24, "about")),
    ("dozens", (24, None, "at_least")),
    ("scores", (40, None, "at_least")),
    ("hundreds", (200, None, "at_least")),
    ("thousands", (2000, None, "at_least")),
    ("tens of thousands", (20000, None, "at_least")),
    ("more than 100", (100, None, "at_least")),
    ("over 100", (100, None, "at_least")),
    ("at least 70", (70, None, "at_least")),
    ("up to 80", (None, 80, "at_most")),
    ("as many as 80", (None, 80, "at_most")),
    ("nearly 90", (90, 90, "about")),
    ("about 50", (50, 50, "about")),
    ("some 170", (170, 170, "about")),
    ("between 62 and 83", (62, 83, "range")),
    ("62 to 83", (62, 83, "range")),
    ("two or three", (2, 3, "range")),
])
def test_numbers_values_and_qualifiers(text: str, expected: tuple[int | None, int | None, str]) -> None:
    lo, hi, qual, span = _one(text)
    assert (lo, hi, qual) == expected
    assert span == text


def test_numbers_score_like_pairs_are_not_counts() -> None:
    assert find_numbers("the match ended 2-1") == []


def test_numbers_pathological_values_are_flagged_invalid() -> None:
    big = find_numbers("1,000,000,000 killed")[0]
    assert big.value == 1_000_000_000 and not big.valid
    neg = find_numbers("a toll of -5 killed")[0]
    assert neg.negative and not neg.valid
    assert find_numbers(f"{MAX_COUNT} killed")[0].valid


def test_numbers_parse_number_rejects_garbage() -> None:
    assert parse_number("") is None
    assert parse_number("banana") is None
    assert parse_number("forty-two") == 42


def test_numbers_inside_words_and_ids_are_not_numbers() -> None:
    assert find_numbers("someone often attended") == []
    assert [n.value for n in find_numbers("an F-16 jet")] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["killed", "at least", "62", "Sixty-two", "dozens", "between",
                                 "and", "1,200", "up to", "-", "one", "x", ",", "2013"]),
                max_size=30))
def test_numbers_spans_are_inside_and_ordered(words: list[str]) -> None:
    text = " ".join(words)
    prev = 0
    for n in find_numbers(text):
        assert prev <= n.start <= n.num_start < n.end <= len(text)
        assert text[n.start:n.end].strip() == text[n.start:n.end]
        prev = n.end


def test_numbers_range_upper_bound_with_its_own_qualifier() -> None:
    # "from 500 to well over 1000": the upper figure's qualifier is part of the range
    assert _one("500 to well over 1000") == (500, 1000, "range", "500 to well over 1000")
    assert _one("500 to more than 1000") == (500, 1000, "range", "500 to more than 1000")
    # a qualifier that is not an "over"-type bound still ends the first number
    assert [n.value for n in find_numbers("500 to about 1000")] == [500, 1000]


# --- figures the attack run broke (issue 13, item 15) -------------------------------


def _valid_values(text: str) -> list[int | None]:
    return [m.value for m in find_numbers(text) if m.valid]


@pytest.mark.parametrize("text", ["The strike killed 10^400 people.",
                                  "The strike killed 10 ^ 400 people.",
                                  "The strike killed 10**400 people."])
def test_numbers_exponent_notation_is_not_a_count(text: str) -> None:
    # neither the base nor the exponent is the toll
    assert _valid_values(text) == []


@pytest.mark.parametrize("text", ["It killed nine hundred ninety nine quintillion people.",
                                  "It killed two trillion people.",
                                  "It killed 5 billion people."])
def test_numbers_scale_words_beyond_a_count_are_read_whole_and_invalid(text: str) -> None:
    # the whole figure is read (not the "999" before an unknown scale word) and is
    # far beyond any casualty count
    assert _valid_values(text) == []
    assert all(m.value is None or m.value > MAX_COUNT for m in find_numbers(text))


@pytest.mark.parametrize("text", ["3.5 civilians were killed.", "It killed 2.5 people."])
def test_numbers_fractional_head_count_is_not_a_count(text: str) -> None:
    assert _valid_values(text) == []


@pytest.mark.parametrize(("text", "value"), [("3.5 million people fled.", 3_500_000),
                                             ("2.5 thousand were displaced.", 2_500),
                                             ("It killed 35 civilians.", 35),
                                             ("Nine hundred ninety nine died.", 999)])
def test_numbers_decimal_with_scale_still_counts(text: str, value: int) -> None:
    assert _valid_values(text) == [value]


@pytest.mark.parametrize(("phrase", "value"), [("1.1 million", 1_100_000), ("2.3 thousand", 2_300),
                                               ("0.5 million", 500_000), ("3.5", None)])
def test_numbers_parse_number_decimals_are_exact(phrase: str, value: int | None) -> None:
    assert parse_number(phrase) == value
