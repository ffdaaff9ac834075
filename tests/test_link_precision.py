"""Precision first: reports merge only when their claims fit one incident (docs/linking.md)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from corroborate.config import Settings
from corroborate.evaluate.linking import load_fakes_rows
from corroborate.link import Linker, LinkItem, items_from_extractions
from corroborate.link.features import VETOES

STRIKE = ("Coalition jets struck army positions near the town on Saturday, killing dozens of "
          "soldiers and wounding many more, a monitoring group said")

# coordinates as the gazetteer gives them
DEIR = {"place_name": "Deir ez-Zor", "place_kind": "city", "admin1": "Deir ez-Zor", "country": "SY",
        "lat": 35.33588, "lon": 40.14084}
AIRPORT = {"place_name": "Deir ez-Zor airport", "place_kind": "landmark", "admin1": "Deir ez-Zor",
           "country": "SY", "lat": 35.2854, "lon": 40.1760}
MAYADIN = {"place_name": "Al-Mayadin", "place_kind": "city", "admin1": "Deir ez-Zor", "country": "SY",
           "lat": 35.02, "lon": 40.45}
IDLIB_REGION = {"place_name": "Idlib", "place_kind": "admin1", "admin1": "Idlib", "country": "SY",
                "lat": 35.87347, "lon": 36.60968}


class Always(Linker):
    """Every candidate pair a certain match: only the claim rules can keep reports apart."""

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        return [1.0] * len(pairs)


def item(aid: str, k: int = 0, **kw: object) -> LinkItem:
    kw.setdefault("text", STRIKE)
    return LinkItem(article_id=aid, incident_index=k, **kw)  # type: ignore[arg-type]


def test_link_precision_one_place_or_one_inside_the_other_merges() -> None:
    # the city and its airport (6 km): one place; the governorate holds both
    items = [item("a", date="2016-09-17", date_precision="day", **DEIR),
             item("b", date="2016-09-17", date_precision="day", **AIRPORT),
             item("c", date="2016-09-17", date_precision="day", **{**DEIR, "place_name": "Deir ez-Zor",
                                                                    "place_kind": "admin1"})]
    assert Always(Settings()).link(items) == [[0, 1, 2]]


def test_link_precision_two_towns_apart_never_merge() -> None:
    # al-Mayadin lies some 45 km down the Euphrates from Deir ez-Zor: two towns, two strikes,
    # however alike the wording and the day
    items = [item("a", date="2016-09-17", date_precision="day", **DEIR),
             item("b", date="2016-09-17", date_precision="day", **MAYADIN)]
    linker = Always(Settings())
    assert linker.link(items) == [[0], [1]]
    assert linker.vetoes(items, [(0, 1)]) == [1 + VETOES.index("places too far apart")]


def test_link_precision_cluster_says_which_pairs_it_held_apart() -> None:
    # the city and its airport fit; al-Mayadin is too far from either
    items = [item("a", date="2016-09-17", date_precision="day", **DEIR),
             item("b", date="2016-09-17", date_precision="day", **AIRPORT),
             item("c", date="2016-09-17", date_precision="day", **MAYADIN)]
    linker = Always(Settings())
    assert linker.cluster(items, [(0, 1), (0, 2), (1, 2)], [1.0] * 3) == [[0, 1], [2]]
    far = 1 + VETOES.index("places too far apart")
    assert dict(linker.pair_veto) == {(0, 2): far, (1, 2): far}
    assert (0, 1) not in linker.pair_veto


def test_link_precision_shared_region_and_words_are_not_enough() -> None:
    # both name only the governorate: a chemical attack and an airstrike three weeks
    # apart are two incidents, whatever words they share
    chem = item("a", date="2017-04-04", date_precision="day", cause="chemical", **IDLIB_REGION)
    air = item("b", date="2017-04-27", date_precision="day", cause="airstrike", **IDLIB_REGION)
    assert Always(Settings()).link([chem, air]) == [[0], [1]]
    # same region, but different causes on the same day are still two incidents
    air_same_day = item("c", date="2017-04-04", date_precision="day", cause="airstrike", **IDLIB_REGION)
    assert Always(Settings()).link([chem, air_same_day]) == [[0], [1]]
    # a generic cause fits a specific one: "an explosion" and "a car bomb" can be one blast
    blast = item("d", date="2017-04-04", date_precision="day", cause="explosion", **IDLIB_REGION)
    bomb = item("e", date="2017-04-04", date_precision="day", cause="car_bomb", **IDLIB_REGION)
    assert Always(Settings()).link([blast, bomb]) == [[0, 1]]


def test_link_precision_dates_fit_their_precision() -> None:
    # "in September" covers the 17th; a day-precise date six weeks later, each checked
    # against its own report's day, does not fit it
    month = item("a", date="2016-09-01", date_precision="month", **DEIR)
    day = item("b", date="2016-09-17", date_precision="day", published="2016-09-18", **DEIR)
    later = item("c", date="2016-10-30", date_precision="day", published="2016-10-31", **DEIR)
    assert Always(Settings()).link([month, day]) == [[0, 1]]
    assert Always(Settings()).link([day, later]) == [[0], [1]]


def test_link_precision_rising_toll_is_no_veto() -> None:
    # an early count and a later, higher one of the same incident still merge
    early = item("a", date="2016-09-17", date_precision="day", killed_min=17, killed_max=17, **DEIR)
    late = item("b", date="2016-09-17", date_precision="day", killed_min=62, killed_max=62, **DEIR)
    assert Always(Settings()).link([early, late]) == [[0, 1]]


def test_link_precision_mention_of_an_earlier_event_gets_its_own_words() -> None:
    lead = "Gunmen opened fire at a mall in Tacoma on Friday, killing two people. "
    filler = "Police have not named a suspect. " * 20
    later = "In January a man was shot dead at a Seattle bar."
    text = lead + filler + later
    start = text.index("Seattle")
    ext = {"id": "art", "title": "", "incidents": [
        {"place": {"name": "Tacoma", "start": text.index("Tacoma"), "end": text.index("Tacoma") + 6}},
        {"place": {"name": "Seattle", "start": start, "end": start + 7}},
    ]}
    from corroborate.models import Article

    items = items_from_extractions([ext], {"art": Article(id="art", text=text)})
    assert items[0].text == text  # the headline incident reads the whole article
    assert "Seattle bar" in items[1].text and "mall in Tacoma" not in items[1].text


def test_link_precision_order_and_runs_do_not_change_clusters() -> None:
    rng = random.Random(7)
    items = [item(f"a{k}", date=f"2016-09-{1 + k % 9:02d}", date_precision="day",
                  text=f"{STRIKE} {['Aleppo', 'Homs', 'Hama'][k % 3]}", **DEIR) for k in range(30)]

    def keyed(its: list[LinkItem]) -> set[frozenset[tuple[str, int]]]:
        return {frozenset(its[i].key for i in c) for c in Linker(Settings()).link(its)}

    first = keyed(items)
    for _ in range(3):
        shuffled = items[:]
        rng.shuffle(shuffled)
        assert keyed(shuffled) == first


def test_link_precision_fakes_deir_ez_zor_strike_stays_one_event(fakes_csv: Path) -> None:
    # FA-KES rows (0-based): 245 and 633 report the 17 Sep 2016 coalition strike at Deir
    # ez-Zor (62 soldiers); 106 and 393 a strike on al-Mayadin (a school, 23 civilians);
    # 441 a political statement about 17 executed men; 622 a strike near Raqqa.  The
    # linker once joined all four events in one incident.
    rows = [106, 245, 393, 441, 622, 633]
    arts = load_fakes_rows(fakes_csv, rows)
    from corroborate.extract import default_pipeline, extract

    pipeline = default_pipeline(Settings())
    exts = [extract(arts[r], pipeline).to_dict() for r in rows]
    items = items_from_extractions(exts, {a.id: a for a in arts.values()})
    clusters = [{(items[i].article_id.removeprefix("fa-kes-dataset-"), items[i].incident_index)
                 for i in c} for c in Linker(Settings()).link(items)]
    strike = next(c for c in clusters if ("245", 0) in c)
    assert not {a for a, _ in strike} & {"106", "393", "441", "622"}
    assert "633" in {a for a, _ in strike}  # and the two reports of the strike still meet


def test_link_precision_a_year_date_covers_its_whole_year() -> None:
    # "in 2016" runs to 31 December of that leap year; the date window counts from there
    from datetime import date, timedelta

    from corroborate.config import LinkSettings
    from corroborate.link import FEATURES

    window = LinkSettings().date_window_days
    half = date(2016, 12, 31) + timedelta(days=window // 2)
    beyond = date(2016, 12, 31) + timedelta(days=window + 1)
    year = item("a", date="2016-01-01", date_precision="year", **DEIR)
    col = FEATURES.index("date_close")

    def close(d: str) -> float:
        other = item("b", date=d, date_precision="day", published=d, **DEIR)
        return float(Linker(Settings()).features([year, other], [(0, 1)])[0, col])

    assert close("2016-07-14") == 1.0
    assert close(half.isoformat()) == 0.5
    assert close(beyond.isoformat()) == 0.0
    # a year alone names no day, so it contradicts none: the score decides
    far = item("b", date=beyond.isoformat(), date_precision="day", published=beyond.isoformat(),
               **DEIR)
    assert Always(Settings()).vetoes([year, far], [(0, 1)]) == [0]
