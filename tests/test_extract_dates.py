"""Dates: absolute and relative forms, resolution against the publication date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import dates
from corroborate.models import Article


def _dates(text: str, published: str | None = "2016-09-19") -> list[tuple[str, str, str, bool]]:
    doc = dates.create()(Doc(Article(id="t", text=text, published=published)))
    return [(d.span.text, d.value, d.precision, d.relative) for d in doc.get("dates")]


def _seed(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", raw)
    assert m, f"{path} has no date marker"
    return Article(id=path.stem, text=raw[m.end():].strip(), published=m.group(1))


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("killed on September 17.", "2016-09-27", ("September 17", "2016-09-17", "day", False)),
    ("on 17 Sep 2016 at noon", None, ("17 Sep 2016", "2016-09-17", "day", False)),
    ("struck on 4 April, officials said", "2017-04-06", ("4 April", "2017-04-04", "day", False)),
    ("the raid in April 2017", None, ("April 2017", "2017-04-01", "month", False)),
    ("report dated 2016-09-17 says", None, ("2016-09-17", "2016-09-17", "day", False)),
    ("since 2011 the war", None, ("2011", "2011-01-01", "year", False)),
    ("fighting in September", "2016-10-02", ("September", "2016-09-01", "month", False)),
    ("since mid-September", "2016-10-02", ("mid-September", "2016-09-01", "month", False)),
    ("Early December raids", "2017-01-02", ("Early December", "2016-12-01", "month", False)),
    ("Saturday, 17 September 2016", None,
     ("Saturday, 17 September 2016", "2016-09-17", "day", False)),
])
def test_dates_absolute_forms(text: str, published: str | None, expected: tuple) -> None:
    assert _dates(text, published) == [expected]


def test_dates_fakes_dateline() -> None:
    assert _dates("Wed 05 Apr 2017 Syria attack symptoms", None)[0][:2] == (
        "Wed 05 Apr 2017", "2017-04-05")


@pytest.mark.parametrize(("text", "published", "value", "precision"), [
    ("killed on Saturday", "2016-09-19", "2016-09-17", "day"),  # a Monday
    ("killed on Saturday", "2016-09-17", "2016-09-17", "day"),  # same weekday: that day
    ("killed last Saturday", "2016-09-17", "2016-09-10", "day"),
    ("on Tuesday night", "2016-09-19", "2016-09-13", "day"),
    ("talks next Friday", "2016-09-19", "2016-09-23", "day"),
    ("clashes yesterday", "2016-09-19", "2016-09-18", "day"),
    ("clashes today", "2016-09-19", "2016-09-19", "day"),
    ("shelling overnight", "2016-09-19", "2016-09-18", "approximate"),
    ("raids last week", "2016-09-19", "2016-09-12", "approximate"),
    ("raids last month", "2016-09-19", "2016-08-20", "approximate"),
    ("earlier this month", "2016-09-19", "2016-09-01", "approximate"),
    ("over the weekend", "2016-09-19", "2016-09-17", "approximate"),
    ("three days ago", "2016-09-19", "2016-09-16", "approximate"),
    ("3 days ago", "2016-09-19", "2016-09-16", "day"),
])
def test_dates_relative_resolved(text: str, published: str, value: str, precision: str) -> None:
    (found,) = _dates(text, published)
    assert found[1:] == (value, precision, True)


def test_dates_one_week_earlier_counts_from_previous_date() -> None:
    found = _dates("The strike on September 17 came one week earlier than planned.", "2016-09-27")
    assert [f[1] for f in found] == ["2016-09-17", "2016-09-10"]


def test_dates_yearless_takes_year_before_publication() -> None:
    assert _dates("the December 31 attack", "2017-01-02")[0][1] == "2016-12-31"
    # +1 day tolerance: a piece dated the day before the event's time zone
    assert _dates("on January 3", "2017-01-02")[0][1] == "2017-01-03"
    assert _dates("on January 5", "2017-01-02")[0][1] == "2016-01-05"


def test_dates_relative_without_publication_dropped() -> None:
    assert _dates("killed on Saturday and yesterday", None) == []


@pytest.mark.parametrize("text", [
    "two F-16 jets", "UN Resolution 2254 was adopted", "a boy aged 17", "17 people died",
    "they may 5 times", "May God have mercy", "the 2000 fighters", "march on the city",
    "Russia Today reported", "the 2016-17 season", "31 February 2016", "September is hot",
])
def test_dates_non_dates_ignored(text: str) -> None:
    assert _dates(text) == []


def test_dates_sorted_by_offset() -> None:
    found = dates.create()(Doc(Article(id="t", text="On Saturday, after 4 April and in 2013.",
                                       published="2016-09-19"))).get("dates")
    assert [d.span.start for d in found] == sorted(d.span.start for d in found)


def test_dates_seeds_give_event_date(seeds_dir: Path) -> None:
    comp = dates.create()
    by_seed = {}
    for path in sorted(seeds_dir.iterdir()):
        doc = comp(Doc(_seed(path)))
        by_seed[path.name] = [(d.span.text, d.value) for d in doc.get("dates")]
    centcom = next(v for k, v in by_seed.items() if "centcom" in k)
    rt = next(v for k, v in by_seed.items() if k.startswith("rt-"))
    assert ("Saturday", "2016-09-17") in centcom
    assert ("September 17", "2016-09-17") in rt


_WORDS = st.sampled_from([
    "on Saturday", "September 17", "17 Sep 2016", "yesterday", "in 2013", "2016-09-17",
    "three days ago", "one week earlier", "Wed 05 Apr 2017", "May", "F-16", " ", ", ", ".",
    "\n", "Tuesday night", "last month", "Sept.", "2254",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=12),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_dates_spans_match_text(parts: list[str], published: str | None) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    doc = dates.create()(Doc(Article(id="h", text=text, published=published)))
    for d in doc.get("dates"):
        assert 0 <= d.span.start < d.span.end <= len(doc.text)
        assert doc.text[d.span.start:d.span.end] == d.span.text
        assert d.precision in ("day", "month", "year", "approximate")


@pytest.mark.slow
def test_dates_fakes_datelines_found(fakes_csv: Path) -> None:
    """Every FA-KES text that opens with a "Wed 05 Apr 2017" dateline yields that date first."""
    import csv

    with open(fakes_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    comp = dates.create()
    dateline = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d\d) ([A-Z][a-z]{2}) (\d{4})\b")
    n = 0
    for i, row in enumerate(rows):
        doc = comp(Doc(Article(id=str(i), text=row["article_content"])))
        for d in doc.get("dates"):
            assert doc.text[d.span.start:d.span.end] == d.span.text
        m = dateline.match(row["article_content"])
        if m:
            n += 1
            first = doc.get("dates")[0]
            assert first.span.start == 0, row["article_content"][:40]
            assert first.value.startswith(m.group(3))
    assert n > 0
