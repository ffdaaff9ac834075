"""Blocking (`Linker.pairs`): which items are compared at all."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem, items_from_extractions
from corroborate.models import Article


def item(aid: str, k: int = 0, **kw: object) -> LinkItem:
    return LinkItem(article_id=aid, incident_index=k, **kw)  # type: ignore[arg-type]


class OnePartition(Linker):
    """The blocks run over the whole batch as one partition: the blocking rules alone,
    whatever the partitions (which keep apart reports that could never be linked)."""

    def partitions(self, items: Sequence[LinkItem]) -> list[np.ndarray]:
        return [np.arange(len(items))]


def test_link_pairs_same_region_within_window_meet() -> None:
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Deir ez-Zor", country="SY",
             text="alpha beta gamma"),
        item("b", date="2016-09-20", date_precision="day", admin1="Deir ez-Zor", country="SY",
             text="delta epsilon zeta"),
    ]
    assert OnePartition(Settings()).pairs(items) == [(0, 1)]
    # nothing the two say could make them one incident: they are not even partners
    assert Linker(Settings()).pairs(items) == []


def test_link_pairs_never_cross_regions_or_windows_without_shared_text() -> None:
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Deir ez-Zor", country="SY",
             text="convoy ambushed outside town"),
        # same day, other region, unrelated words: different blocks
        item("b", date="2016-09-17", date_precision="day", admin1="Idlib", country="SY",
             text="market fire destroyed stalls"),
        # same region, two months later, unrelated words
        item("c", date="2016-11-20", date_precision="day", admin1="Deir ez-Zor", country="SY",
             text="bridge collapsed after flood"),
    ]
    assert Linker(Settings()).pairs(items) == []


def test_link_pairs_published_date_stands_in_with_wider_window() -> None:
    # the event is on the 17th; a report published ten days later without an
    # extracted event date must still meet it (window 3 days, published window 14)
    s = Settings()
    s.link.date_window_days = 3
    s.link.published_window_days = 14
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Deir ez-Zor",
             published="2016-09-17", text="one two three"),
        item("b", published="2016-09-27", admin1="Deir ez-Zor", text="four five six"),
        item("c", published="2016-10-27", admin1="Deir ez-Zor", text="seven eight nine"),
    ]
    assert OnePartition(s).pairs(items) == [(0, 1)]


def test_link_pairs_text_block_meets_items_without_place() -> None:
    text = "Coalition aircraft struck army positions near the airport, killing dozens of soldiers"
    items = [
        item("a", published="2016-09-17", text=text),
        item("b", published="2016-09-19", text=text + " according to officials"),
        item("c", published="2016-09-18", text="Football club wins the national cup final"),
    ]
    assert Linker(Settings()).pairs(items) == [(0, 1)]


def test_link_pairs_cap_neighbours_in_crowded_block() -> None:
    s = Settings()
    s.link.max_block_neighbours = 3
    s.link.text_k = 2
    words = [f"w{i}x" for i in range(400)]
    items = [item(f"a{i}", date="2016-09-17", date_precision="day", admin1="Aleppo",
                  text=f"{words[2 * i]} {words[2 * i + 1]}") for i in range(200)]
    pairs = OnePartition(s).pairs(items)
    # the full block would give 19,900 pairs; the cap keeps it linear
    assert 0 < len(pairs) <= 200 * 3


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Aleppo", "Idlib", None]),
                          st.integers(0, 60), st.sampled_from(["day", "month", None]),
                          st.sampled_from(["bomb blast market", "air strike hospital", ""])),
                min_size=0, max_size=25))
def test_link_pairs_are_ordered_unique_and_in_range(rows: list[tuple]) -> None:
    items = [item(f"a{i}", admin1=a, date=None if p is None else f"2016-01-{1 + d % 28:02d}",
                  date_precision=p, published=f"2016-02-{1 + d % 28:02d}", text=t)
             for i, (a, d, p, t) in enumerate(rows)]
    pairs = Linker(Settings()).pairs(items)
    assert len(set(pairs)) == len(pairs)
    assert all(0 <= i < j < len(items) for i, j in pairs)


def test_link_items_from_extractions_one_item_per_incident() -> None:
    art = Article(id="x1", title="Strike hits town", text="Body of the report.", outlet="Outlet",
                  published="2016-09-18")
    ex = {
        "id": "x1", "outlet": "Outlet", "published": "2016-09-18", "title": "Strike hits town",
        "incidents": [
            {"date": "2016-09-17", "date_precision": "day",
             "place": {"name": "Deir ez-Zor", "admin1": "Deir ez-Zor", "country": "SY",
                       "lat": 35.3, "lon": 40.1},
             "actors": [{"name": "US-led coalition", "role": "perpetrator"},
                        {"name": "Syrian Army", "role": "victim"}],
             "casualties": [{"outcome": "killed", "min": 62, "max": 80},
                            {"outcome": "injured", "min": 100, "max": None}],
             "toll": {"killed": {"total": 62}, "injured": {"total": 100}},
             "cause": {"category": "airstrike"}},
            {"date": None, "place": None, "actors": [], "casualties": [], "cause": None},
        ],
    }
    items = items_from_extractions([ex], {"x1": art})
    assert [it.key for it in items] == [("x1", 0), ("x1", 1)]
    first = items[0]
    assert (first.place_name, first.admin1, first.country) == ("Deir ez-Zor", "Deir ez-Zor", "SY")
    assert first.perpetrators == ["US-led coalition"]
    assert first.actors == ["US-led coalition", "Syrian Army"]
    assert (first.killed_min, first.killed_max) == (62, 80)
    assert first.cause == "airstrike"
    assert first.text == art.full_text
    assert items[1].killed_min is None and items[1].place_name is None
