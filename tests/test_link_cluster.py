"""Clustering (`Linker.cluster` / `Linker.link`): constraints and the extension contract."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem

STRIKE = "Coalition jets struck army positions near the airport, killing dozens of soldiers"


def item(aid: str, k: int = 0, **kw: object) -> LinkItem:
    return LinkItem(article_id=aid, incident_index=k, **kw)  # type: ignore[arg-type]


def flat(clusters: list[list[int]]) -> list[int]:
    return sorted(i for c in clusters for i in c)


def test_link_near_identical_reports_merge() -> None:
    items = [
        item("a", date="2016-09-17", date_precision="day", place_name="Deir ez-Zor",
             admin1="Deir ez-Zor", cause="airstrike", killed_min=62, killed_max=62, text=STRIKE),
        item("b", date="2016-09-17", date_precision="day", place_name="Deir ez-Zor",
             admin1="Deir ez-Zor", cause="airstrike", killed_min=80, killed_max=80,
             text=STRIKE + " on Saturday"),
    ]
    assert Linker(Settings()).link(items) == [[0, 1]]


def test_link_two_incidents_of_one_article_never_merge() -> None:
    # a round-up listing ten incidents: even identical wording, date and place
    roundup = [item("roundup", k, date="2016-09-17", date_precision="day", admin1="Aleppo",
                    place_name="Aleppo", cause="shelling", text=STRIKE) for k in range(10)]
    other = [item(f"o{k}", date="2016-09-17", date_precision="day", admin1="Aleppo",
                  place_name="Aleppo", cause="shelling", text=STRIKE) for k in range(3)]
    items = roundup + other
    clusters = Linker(Settings()).link(items)
    assert flat(clusters) == list(range(len(items)))
    for c in clusters:
        arts = [items[i].article_id for i in c]
        assert len(arts) == len(set(arts))
    # the round-up's incidents land in ten different clusters
    assert len({next(n for n, c in enumerate(clusters) if k in c) for k in range(10)}) == 10


def test_link_day_dates_beyond_window_never_merge() -> None:
    # identical wording, but firm event dates (day precision, matching their
    # reports' publication) six weeks apart: the hard constraint keeps them apart
    class Always(Linker):
        def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
            return [1.0] * len(pairs)

    items = [
        item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
             admin1="Aleppo", text=STRIKE),
        item("b", date="2016-10-30", date_precision="day", published="2016-10-31",
             admin1="Aleppo", text=STRIKE),
    ]
    pairs = [(0, 1)]
    assert Always(Settings()).cluster(items, pairs, [1.0]) == [[0], [1]]
    assert Linker(Settings()).link(items) == [[0], [1]]


def test_link_unchecked_dates_are_no_hard_constraint() -> None:
    # without a published date the extracted date cannot be checked: two such dates six
    # weeks apart neither keep the reports apart nor veto their link (the score decides)
    class Always(Linker):
        def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
            return [1.0] * len(pairs)

    items = [item("a", date="2016-09-17", date_precision="day", text=STRIKE),
             item("b", date="2016-10-30", date_precision="day", text=STRIKE)]
    assert Always(Settings()).cluster(items, [(0, 1)], [1.0]) == [[0, 1]]
    # checked against their reports' days, the same dates are two incidents
    checked = [item("a", date="2016-09-17", date_precision="day", published="2016-09-17",
                    text=STRIKE),
               item("b", date="2016-10-30", date_precision="day", published="2016-10-30",
                    text=STRIKE)]
    assert Always(Settings()).cluster(checked, [(0, 1)], [1.0]) == [[0], [1]]


def test_link_cluster_average_linkage_stops_chaining() -> None:
    # A~B and B~C are strong, A~C is known to be a non-match: C must not be chained in
    items = [item(x, text="") for x in "abc"]
    s = Settings()
    s.link.threshold = 0.5
    clusters = Linker(s).cluster(items, [(0, 1), (1, 2), (0, 2)], [0.9, 0.8, 0.0])
    assert clusters == [[0, 1], [2]]


def test_link_cluster_scores_pairs_blocking_skipped() -> None:
    class Const(Linker):
        def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
            return [0.0] * len(pairs)

    items = [item(x, text="") for x in "abc"]
    s = Settings()
    s.link.threshold = 0.5
    # (0, 2) was never a candidate; merging {0, 1} with 2 scores it (0.0): mean 0.4 < 0.5
    assert Const(s).cluster(items, [(0, 1), (1, 2)], [0.9, 0.8]) == [[0, 1], [2]]


def test_link_subclass_score_is_honoured_by_link() -> None:
    class Everything(Linker):
        def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
            return [1.0] * len(pairs)

    class Nothing(Linker):
        def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
            return [0.0] * len(pairs)

    items = [item(f"a{k}", published="2016-09-17", admin1="Aleppo", text=f"w{k}q unrelated")
             for k in range(4)]
    assert Everything(Settings()).link(items) == [[0, 1, 2, 3]]
    assert Nothing(Settings()).link(items) == [[0], [1], [2], [3]]


def test_link_subclass_pairs_is_honoured_by_link() -> None:
    class NoPairs(Linker):
        def pairs(self, items: Sequence[LinkItem]) -> list[tuple[int, int]]:
            return []

    items = [item(x, text=STRIKE) for x in "ab"]
    assert NoPairs(Settings()).link(items) == [[0], [1]]


def test_link_empty_and_single() -> None:
    assert Linker(Settings()).link([]) == []
    assert Linker(Settings()).link([item("a", text=STRIKE)]) == [[0]]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["Aleppo", "Homs", None]),
                          st.integers(0, 40), st.sampled_from([STRIKE, "market blast", ""])),
                max_size=30))
def test_link_every_item_in_exactly_one_cluster(rows: list[tuple]) -> None:
    counts: dict[int, int] = {}
    items = []
    for a, region, d, text in rows:
        k = counts.get(a, 0)
        counts[a] = k + 1
        items.append(item(f"art{a}", k, admin1=region, date=f"2016-09-{1 + d % 28:02d}",
                          date_precision="day", text=text))
    clusters = Linker(Settings()).link(items)
    assert flat(clusters) == list(range(len(items)))
    for c in clusters:
        arts = [items[i].article_id for i in c]
        assert len(arts) == len(set(arts))


def test_link_unknown_weight_is_a_catalogue_error() -> None:
    import pytest

    from corroborate.errors import CorroborateError

    s = Settings()
    s.link.weights = {"text_cosine": 1.0}
    with pytest.raises(CorroborateError) as exc:
        Linker(s)
    assert exc.value.code == "E054"


class _Table(Linker):
    """Pair scores read from a table keyed by the two reports' article ids."""

    def __init__(self, settings: Settings, table: dict[frozenset[str], float]) -> None:
        super().__init__(settings)
        self.table = table

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        return [self.table[frozenset({items[a].article_id, items[b].article_id})]
                for a, b in pairs]


def _two_groups(inside: float, across: float) -> tuple[list[LinkItem], _Table]:
    # reports a1..a3 tell one event, b1..b3 another of the same kind: every pair inside
    # a group scores `inside`, every pair across the groups `across`
    ids = ["a1", "a2", "a3", "b1", "b2", "b3"]
    table = {frozenset({x, y}): (inside if x[0] == y[0] else across)
             for k, x in enumerate(ids) for y in ids[k + 1:]}
    s = Settings()
    s.link.threshold = 0.25
    return [item(x, text=STRIKE) for x in ids], _Table(s, table)


def _cluster_all(linker: Linker, items: list[LinkItem]) -> list[list[int]]:
    pairs = [(a, b) for a in range(len(items)) for b in range(a + 1, len(items))]
    return linker.cluster(items, pairs, linker.score(items, pairs))


def test_link_cluster_two_tight_groups_joined_by_their_kind_stay_apart() -> None:
    # two title fights of one boxer: each fight's reports agree on the opponent and the
    # round (0.9 inside), and the two fights share only the champion's name (0.35
    # across, above the pair threshold): the join is the resemblance of kind
    items, linker = _two_groups(inside=0.9, across=0.35)
    assert _cluster_all(linker, items) == [[0, 1, 2], [3, 4, 5]]


def test_link_cluster_groups_as_alike_across_as_within_merge() -> None:
    # the early and the late reports of one launch: as alike across the two groups as
    # inside them, so the cohesion test does not hold them apart
    items, linker = _two_groups(inside=0.9, across=0.6)
    assert _cluster_all(linker, items) == [[0, 1, 2, 3, 4, 5]]


def test_link_cluster_loosely_knit_groups_merge_at_a_lower_mean() -> None:
    # short, differently worded reports of one storm score low with one another
    # (0.4 inside): a join of 0.3 is most of that, and they merge
    items, linker = _two_groups(inside=0.4, across=0.3)
    assert _cluster_all(linker, items) == [[0, 1, 2, 3, 4, 5]]


def test_link_cluster_without_cohesion_ratio_joins_on_the_mean_alone() -> None:
    items, linker = _two_groups(inside=0.9, across=0.35)
    linker.cfg.cohesion_ratio = None
    assert _cluster_all(linker, items) == [[0, 1, 2, 3, 4, 5]]


def test_link_cluster_a_single_report_is_no_group_for_the_cohesion_test() -> None:
    # one report that fits a tight group only loosely (a brief with few details) joins
    # it on the mean alone: a single report has no cohesion of its own to compare
    s = Settings()
    s.link.threshold = 0.25
    ids = ["a1", "a2", "a3", "brief"]
    table = {frozenset({x, y}): (0.3 if "brief" in (x, y) else 0.9)
             for k, x in enumerate(ids) for y in ids[k + 1:]}
    items = [item(x, text=STRIKE) for x in ids]
    assert _cluster_all(_Table(s, table), items) == [[0, 1, 2, 3]]


def test_link_cluster_pair_given_twice_keeps_its_last_score() -> None:
    # a caller may list a pair twice, either way round: the later score is the one used
    items = [item(x, text="") for x in "ab"]
    s = Settings()
    s.link.threshold = 0.5
    assert Linker(s).cluster(items, [(0, 1), (1, 0)], [0.9, 0.1]) == [[0], [1]]
    assert Linker(s).cluster(items, [(1, 0), (0, 1)], [0.1, 0.9]) == [[0, 1]]
