"""Error buckets of a linking problem (`corroborate evaluate linking --errors`)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.config import Settings
from corroborate.evaluate.link_errors import (
    APART_ABOVE,
    APART_BELOW,
    JOINED_ABOVE,
    JOINED_BELOW,
    error_buckets,
    problem_errors,
)
from corroborate.link import Linker, LinkItem

# no coordinates: the distance rule cannot fire, the countries' can
HOUSTON = {"place_name": "Houston", "place_kind": "city", "admin1": "Texas", "country": "US"}
PARIS_FR = {"place_name": "Paris", "place_kind": "city", "admin1": "Ile-de-France",
            "country": "FR"}


class Fixed(Linker):
    """A pair model that answers from a table: the buckets depend on scores alone."""

    def __init__(self, table: dict[tuple[int, int], float]) -> None:
        super().__init__(Settings())
        self.table = table

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        return [self.table.get((min(p), max(p)), 0.0) for p in pairs]


def item(aid: str, text: str, **kw: object) -> LinkItem:
    return LinkItem(aid, 0, text=text, **kw)  # type: ignore[arg-type]


def test_evaluate_link_errors_one_incident_held_apart_by_its_countries() -> None:
    # one gold incident whose two reports name places in different countries: the claim
    # rule keeps them apart, and the bucket names the rule
    items = [item("a", "A car bomb exploded outside the central market, killing four.",
                  date="2016-09-17", **HOUSTON),
             item("b", "A car bomb exploded outside the central market, killing four.",
                  date="2016-09-17", **PARIS_FR)]
    gold = {it.key: "one" for it in items}
    got = problem_errors(Fixed({(0, 1): 0.99}), items, gold)
    assert got == {"apart: different countries": 1}


def test_evaluate_link_errors_scores_decide_without_a_rule() -> None:
    # one wording, so that blocking makes every pair a candidate and the table decides
    items = [item(aid, "Gunfire near the school on Elm Street wounded two teenagers.")
             for aid in "abc"]
    gold = {items[0].key: "x", items[1].key: "x", items[2].key: "y"}
    # a and b (one incident) score low; a and c (two incidents) score high and join
    got = problem_errors(Fixed({(0, 2): 0.99}), items, gold)
    assert got == {APART_BELOW: 1, JOINED_ABOVE: 1}
    # everything right: nothing counted
    assert not problem_errors(Fixed({(0, 1): 0.99}), items, gold)


def test_evaluate_link_errors_sums_problems_of_a_corpus() -> None:
    items = [item(aid, "Gunfire near the school on Elm Street wounded two teenagers.")
             for aid in "ab"]
    apart = {it.key: "x" for it in items}
    joined = {items[0].key: "x", items[1].key: "y"}
    linker = Fixed({(0, 1): 0.99})
    got = error_buckets({"gva": [(items, apart), (items, joined)]}, linker)
    assert got == {"gva": {JOINED_ABOVE: 1}}
    # the labels are distinct, so no bucket can stand for another
    assert len({APART_ABOVE, APART_BELOW, JOINED_ABOVE, JOINED_BELOW}) == 4
