"""Partitions (`corroborate.link.partition`): linking each on its own is linking all at once."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem
from corroborate.link.partition import partition_items, prepare_items

STRIKE = "Coalition jets struck army positions near the airport, killing dozens of soldiers"
MARKET = "A car bomb exploded in the crowded vegetable market, killing eleven shoppers"
FLOOD = "Heavy rain flooded the camp and washed away tents of displaced families"


def item(aid: str, k: int = 0, **kw: object) -> LinkItem:
    return LinkItem(article_id=aid, incident_index=k, **kw)  # type: ignore[arg-type]


def link_by_partition(items: Sequence[LinkItem], s: Settings) -> list[list[int]]:
    """Each partition linked alone, clusters mapped back to ``items`` indices."""
    out: list[list[int]] = []
    for part in partition_items(items, s):
        out += [[part[i] for i in c] for c in Linker(s).link([items[i] for i in part])]
    return sorted((sorted(c) for c in out), key=lambda c: c[0])


def assert_partitions_exact(items: Sequence[LinkItem], s: Settings) -> list[list[int]]:
    parts = partition_items(items, s)
    assert sorted(i for p in parts for i in p) == list(range(len(items)))
    assert all(p == sorted(p) for p in parts)
    assert [p[0] for p in parts] == sorted(p[0] for p in parts)
    linker = Linker(s)
    whole = linker.link(items, explain=True)
    assert link_by_partition(items, s) == whole
    # as the pipeline links them: every partition taking its rows of the batch's arrays,
    # without partitioning each again; the same clusters, and the same merges' reasons
    prep = prepare_items(items, s)
    assert partition_items(items, s, prepared=prep) == parts
    got = Linker(s).link_partitions(items, parts, explain=True, prepared=prep)
    assert sorted((sorted(p[i] for i in c) for p, (cs, _) in zip(parts, got, strict=True)
                   for c in cs), key=lambda c: c[0]) == whole
    assert (sorted(json.dumps(r, sort_keys=True) for _, why in got for r in why)
            == sorted(json.dumps(r, sort_keys=True) for r in linker.reasons))
    # and no candidate pair crosses two partitions
    where = {i: n for n, p in enumerate(parts) for i in p}
    order = sorted(range(len(items)), key=lambda k: items[k].key)
    for a, b in Linker(s).pairs([items[k] for k in order]):
        assert where[order[a]] == where[order[b]]
    return parts


def test_link_partition_regions_stay_apart() -> None:
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE),
        item("b", date="2016-09-17", date_precision="day", admin1="Idlib", country="SY",
             text=MARKET),
        item("c", date="2016-09-17", date_precision="day", published="2016-09-18",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE + " today"),
    ]
    assert assert_partitions_exact(items, s) == [[0, 2], [1]]


def test_link_partition_one_region_holds_several_partitions() -> None:
    # a region is not one partition: its reports of other stories, or of the same
    # words months later, could never be linked with the strike, so they stand apart
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE),
        item("b", date="2016-09-18", date_precision="day", published="2016-09-18",
             admin1="Deir ez-Zor", country="SY", text=FLOOD),
        item("c", date="2016-09-17", date_precision="day", published="2016-09-18",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE + " today"),
        item("d", date="2017-03-02", date_precision="day", published="2017-03-02",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE),
    ]
    assert assert_partitions_exact(items, s) == [[0, 2], [1], [3]]


def test_link_partition_report_dated_by_its_year_meets_its_region_months_away() -> None:
    # b gives only the year, so its anchor is 1 January, months before a's day: no
    # text neighbour search looks that far, but b is the region's next report by date
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             place_name="Deir ez-Zor", admin1="Deir ez-Zor", country="SY", cause="airstrike",
             killed_min=30, killed_max=30, text=STRIKE),
        item("b", date="2016", date_precision="year", published="2016-11-20",
             place_name="Deir ez-Zor", admin1="Deir ez-Zor", country="SY", cause="airstrike",
             killed_min=30, killed_max=30, text="Looking back: " + STRIKE),
        item("c", date="2016-10-02", date_precision="day", published="2016-10-02",
             admin1="Deir ez-Zor", country="SY", text=FLOOD),
    ]
    assert assert_partitions_exact(items, s) == [[0, 1], [2]]
    assert Linker(s).link(items) == [[0, 1], [2]]


def test_link_partition_regionless_report_joins_the_region_it_matches() -> None:
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Deir ez-Zor", country="SY", cause="airstrike", text=STRIKE),
        item("b", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Idlib", country="SY", text=MARKET),
        # no place at all, same story as a: it must meet a, so it shares a's partition
        item("c", published="2016-09-18", cause="airstrike", text=STRIKE + " on Saturday"),
    ]
    assert assert_partitions_exact(items, s) == [[0, 2], [1]]
    assert Linker(s).link(items) == [[0, 2], [1]]


def test_link_partition_regionless_report_without_a_match_stays_alone() -> None:
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Aleppo", country="SY",
             text=STRIKE),
        item("b", published="2016-09-18", text="The football club won the national cup final"),
    ]
    assert assert_partitions_exact(items, s) == [[0], [1]]


def test_link_partition_regionless_report_never_joins_another_country() -> None:
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Nineveh", country="IQ",
             text=STRIKE),
        # names Syria only: the same words in Iraq are another incident
        item("b", date="2016-09-17", date_precision="day", country="SY", text=STRIKE),
    ]
    assert assert_partitions_exact(items, s) == [[0], [1]]


def test_link_partition_regionless_report_out_of_the_date_window_stays_alone() -> None:
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", admin1="Aleppo", country="SY",
             text=STRIKE),
        item("b", date="2016-12-20", date_precision="day", text=STRIKE),
    ]
    assert assert_partitions_exact(items, s) == [[0], [1]]


def test_link_partition_regionless_report_can_hold_two_regions_together() -> None:
    # one incident, read as two regions by two reports; a third without a region
    # matches both, so all three share a partition (as they would share a cluster)
    s = Settings()
    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Deir ez-Zor", country="SY", text=STRIKE),
        item("b", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Raqqa", country="SY", text=STRIKE + " today"),
        item("c", date="2016-09-17", date_precision="day", published="2016-09-18",
             text=STRIKE + " officials said"),
    ]
    assert assert_partitions_exact(items, s) == [[0, 1, 2]]


def test_link_partition_is_the_same_whatever_the_input_order() -> None:
    s = Settings()
    items = [item(f"r{i}", date=f"2016-09-{10 + i % 9:02d}", date_precision="day",
                  admin1=[None, "Aleppo", "Idlib"][i % 3], country=None if i % 5 == 0 else "SY",
                  text=[STRIKE, MARKET, FLOOD][i % 4 % 3]) for i in range(30)]
    parts = partition_items(items, s)
    shuffled = list(range(len(items)))
    random.Random(7).shuffle(shuffled)
    again = partition_items([items[k] for k in shuffled], s)
    assert sorted(sorted(items[shuffled[i]].key for i in p) for p in again) == sorted(
        sorted(items[i].key for i in p) for p in parts)


WORDS = ["strike", "airport", "soldiers", "market", "bomb", "shoppers", "flood", "camp",
         "tents", "convoy", "ambush", "hospital", "Aleppo", "Raqqa", "Idlib", "Assad"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from([None, "Aleppo", "Idlib", "Raqqa"]),  # admin-1
    st.sampled_from([None, "SY", "IQ"]),                  # country
    st.one_of(st.none(), st.integers(0, 90)),             # event day
    st.sampled_from(["day", "month"]),
    st.integers(0, 90),                                   # published day
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=8),
    st.sampled_from([None, "airstrike", "car bomb", "shelling"]),
    st.integers(0, 2),                                    # incident index
), min_size=0, max_size=28))
def test_link_partition_linking_each_alone_gives_the_clusters_of_all(rows: list[tuple]) -> None:
    from datetime import date, timedelta

    base = date(2016, 1, 1)
    items = [item(f"a{n // 2}", k, admin1=adm, country=cty,
                  date=None if ev is None else (base + timedelta(days=ev)).isoformat(),
                  date_precision=None if ev is None else prec,
                  published=(base + timedelta(days=pub)).isoformat(), cause=cause,
                  text=" ".join(words))
             for n, (adm, cty, ev, prec, pub, words, cause, k) in enumerate(rows)]
    # two rows may share an article id and incident index: keys must be unique
    seen: set[tuple[str, int]] = set()
    items = [it for it in items if not (it.key in seen or seen.add(it.key))]  # type: ignore[func-returns-value]
    assert_partitions_exact(items, Settings())


@pytest.mark.slow
def test_link_partition_fakes_linked_by_partition_is_linked_at_once(fakes_csv: Path) -> None:
    # every FA-KES article, extracted: the real mix of regions, countries and none
    from corroborate.evaluate.linking import fakes_row_count, items_for_articles, load_fakes_rows

    s = Settings()
    rows = load_fakes_rows(fakes_csv, range(fakes_row_count(fakes_csv)))
    items = items_for_articles([rows[k] for k in sorted(rows)], s)
    parts = assert_partitions_exact(items, s)
    # the regions keep it apart: not one partition for the whole corpus
    assert len(parts) > 10


HOUSTON_SHOT = "HOUSTON - Two people were shot dead at the Haverstock apartment complex on Sunday"


def test_link_partition_misread_region_joins_the_report_whose_place_it_names() -> None:
    # b's town was misread (a name read as Harvey, Illinois) but its dateline names
    # Houston: the claims fit, so b meets a in a's partition and joins its incident
    s = Settings()
    items = [
        item("a", date="2017-03-26", date_precision="day", published="2017-03-27",
             place_name="Houston", place_kind="city", admin1="Texas", country="US",
             lat=29.76, lon=-95.36, cause="shooting", text=HOUSTON_SHOT),
        item("b", date="2017-03-26", date_precision="day", published="2017-03-28",
             place_name="Harvey", place_kind="city", admin1="Illinois", country="US",
             lat=41.61, lon=-87.65, cause="shooting", text=HOUSTON_SHOT + ", police said"),
    ]
    assert assert_partitions_exact(items, s) == [[0, 1]]
    assert Linker(s).link(items) == [[0, 1]]


def test_link_partition_two_regions_neither_report_names_stay_apart() -> None:
    s = Settings()
    shot = "Two people were shot dead at an apartment complex on Sunday"
    items = [
        item("a", date="2017-03-26", date_precision="day", place_name="Houston",
             place_kind="city", admin1="Texas", country="US", lat=29.76, lon=-95.36, text=shot),
        item("b", date="2017-03-26", date_precision="day", place_name="Harvey",
             place_kind="city", admin1="Illinois", country="US", lat=41.61, lon=-87.65,
             text=shot),
    ]
    assert assert_partitions_exact(items, s) == [[0], [1]]


def brute_neighbours(items: Sequence[LinkItem], s: Settings, same_region: bool) -> list[list[int]]:
    """Each item's text neighbours by their definition, pair by pair: the ``text_k``
    compatible items of highest cosine (ties: lower index)."""
    import math

    from corroborate.link.partition import span_days

    prep = Linker(s).prepare(items)
    out = []
    for i in range(len(items)):
        scored = []
        for j in range(len(items)):
            if items[j].article_id == items[i].article_id:
                continue
            if same_region and not (prep.admin1[i] > 0 and prep.admin1[i] == prep.admin1[j]
                                    and prep.country[i] == prep.country[j]):
                continue
            gap = abs(prep.anchor[i] - prep.anchor[j])
            if not math.isnan(gap) and gap > span_days(s.link):
                continue
            cos = float((prep.X[i] @ prep.X[j].T).toarray()[0, 0])
            if cos >= s.link.text_min_sim:
                scored.append((-cos, j))
        out.append([j for _, j in sorted(scored)[:s.link.text_k]])
    return out


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from([None, "Aleppo", "Idlib"]),
    st.sampled_from([None, "SY", "IQ"]),
    st.one_of(st.none(), st.integers(0, 120)),            # published day (None: undated)
    st.lists(st.sampled_from(WORDS[:6]), min_size=1, max_size=4),
), min_size=2, max_size=40), st.integers(1, 7), st.integers(1, 9), st.integers(1, 5))
def test_link_partition_neighbours_are_the_best_of_every_pair(rows: list[tuple], q_chunk: int,
                                                              c_chunk: int, k: int) -> None:
    # few words, so many cosines tie (and ties at the k-th place decide who is kept);
    # small chunks, so the best are merged across chunks
    from datetime import date, timedelta
    from unittest import mock

    from corroborate.link import partition

    base = date(2016, 1, 1)
    items = [item(f"a{n // 3}", n % 3, admin1=adm, country=cty, text=" ".join(words),
                  published=None if pub is None else (base + timedelta(days=pub)).isoformat())
             for n, (adm, cty, pub, words) in enumerate(rows)]
    s = Settings()
    s.link.text_k = k
    prep = Linker(s).prepare(items)
    with mock.patch.object(partition, "QUERY_CHUNK", q_chunk), \
            mock.patch.object(partition, "CANDIDATE_CHUNK", c_chunk):
        for same_region in (False, True):
            got = partition.neighbours(prep, s.link, same_region=same_region)
            want = brute_neighbours(items, s, same_region)
            assert [[j for j in row if j >= 0] for row in got.tolist()] == want
