"""Claim features and cross-article consistency, on hand-built extraction dicts."""

from __future__ import annotations

from typing import Any

from corroborate.config import Settings
from corroborate.credibility.features import (
    FEATURE_NAMES,
    ClaimSummary,
    CorpusIndex,
    claim_features,
    describe,
    feature_matrix,
)


def ex(aid: str, *, date: str | None = "2017-04-04", place: str | None = "Khan Shaykhun",
       admin1: str = "Idlib", killed: int | None = 80, cause: str | None = "chemical", framing: tuple[str, ...] = (),
       relays: int = 0) -> dict[str, Any]:
    cats = ("total", "civilian", "noncivilian", "children", "women")
    return {"id": aid, "incidents": [{
        "date": date, "place": {"name": place, "admin1": admin1} if place else None,
        "actors": [{"name": "Syrian government", "role": "perpetrator", "kind": "state_forces"}],
        "casualties": ([{"outcome": "killed", "min": killed, "max": killed, "qualifier": "about"}]
                       if killed is not None else []),
        "toll": {"killed": {**dict.fromkeys(cats), "total": killed, "civilian": killed},
                 "injured": dict.fromkeys(cats)},
        "cause": {"category": cause} if cause else None,
        "attributions": [{"speaker": f"S{i}", "verb": "reported", "kind": "relay"} for i in range(relays)],
        "framing": [{"label": f} for f in framing], "salience": 0.9,
    }]}


def test_credibility_features_claims_of_main_incident() -> None:
    f = claim_features(ex("a", framing=("deliberate",), relays=2),
                       "Reportedly 80 died, activists allegedly said.", "2017-04-06")
    assert f["has_killed"] == 1 and f["has_killed_civilian"] == 1 and f["has_killed_women"] == 0
    assert f["cause_chemical"] == 1 and f["cause_airstrike"] == 0
    assert f["perpetrator_state_forces"] == 1 and f["framing_deliberate"] == 1
    assert f["qualifier_about"] == 1
    assert describe("killed_log", f["killed_log"]) == "killed=80"
    assert describe("n_relays", f["n_relays"]) == "n_relays=2"
    assert describe("report_delay_log", f["report_delay_log"]) == "report_delay=2"
    # 2 hedges in 6 words
    assert abs(f["hedges_per_100w"] - 100 * 2 / 6) < 1e-9


def test_credibility_features_empty_extraction_has_every_feature() -> None:
    [row] = feature_matrix([({"id": "x", "incidents": []}, "", None, "h")], CorpusIndex())
    assert len(row) == len(FEATURE_NAMES)
    assert row[FEATURE_NAMES.index("xc_no_figure_to_check")] == 1.0


def test_credibility_features_cross_article_consistency() -> None:
    others = [ClaimSummary.from_extraction(ex("b", killed=82), "hb"),
              ClaimSummary.from_extraction(ex("c", killed=84, date="2017-04-06"), "hc"),
              # too far in time, another place, another cause: not the same incident
              ClaimSummary.from_extraction(ex("d", killed=5, date="2017-04-20"), "hd"),
              ClaimSummary.from_extraction(ex("e", killed=5, place="Homs", admin1="Homs"), "he"),
              ClaimSummary.from_extraction(ex("f", killed=5, cause="airstrike"), "hf")]
    index = CorpusIndex(others)
    agree = index.consistency(ClaimSummary.from_extraction(ex("a", killed=80), "ha"))
    assert agree["xc_has_others"] == 1 and agree["xc_agree_frac"] == 1.0
    assert agree["xc_is_min"] == 1.0
    off = index.consistency(ClaimSummary.from_extraction(ex("z", killed=200), "hz"))
    assert off["xc_disagree_frac"] == 1.0 and off["xc_is_max"] == 1.0
    assert off["xc_deviation"] > 1


def test_credibility_features_same_text_is_not_a_second_witness() -> None:
    index = CorpusIndex([ClaimSummary.from_extraction(ex("b", killed=80), "same")])
    me = ClaimSummary.from_extraction(ex("a", killed=80), "same")
    assert index.neighbours(me) == []
    assert index.consistency(me)["xc_has_others"] == 0


def test_credibility_features_summary_round_trip() -> None:
    s = ClaimSummary.from_extraction(ex("a"), "h")
    assert ClaimSummary.from_list(s.to_list()) == s
    assert s.place == "khan shaykhun" and s.cause == "chemical" and s.killed == 80


def test_credibility_features_context_from_the_analyzed_seeds(seeds_dir: Any, tmp_path: Any) -> None:
    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.credibility.features import CONTEXT_FEATURES, context_features, outlet_camp

    app = Corroborate(Settings.load(db=str(tmp_path / "s.db")))
    analyze(app, [seeds_dir])
    # the claims verdicts analyze stored are the context: nothing is linked again
    table = context_features(app.store.iter_verdicts("claims"), (), outlet_camp)
    assert len(table) == 2
    for f in table.values():
        assert set(f) == set(CONTEXT_FEATURES)
        # 62 against (up to) 80: each report's toll is contradicted by the other origin
        assert f["cs_killed_disagree"] > 0 and f["cs_killed_agree"] == 0
        assert f["cs_contradicted_any"] == 1.0 and f["cs_unlinked"] == 0.0
    app.close()


def test_credibility_features_towns_and_governorates() -> None:
    def summary(aid: str, place: str, admin1: str, kind: str = "city") -> ClaimSummary:
        e = ex(aid, place=place, admin1=admin1, date="2016-09-17", cause="airstrike")
        e["incidents"][0]["place"]["kind"] = kind
        return ClaimSummary.from_extraction(e, "h" + aid)

    city = summary("a", "Deir ez-Zor", "Deir ez-Zor")
    town = summary("b", "Mayadin", "Deir ez-Zor")
    governorate = summary("c", "Deir ez-Zor", "Deir ez-Zor", kind="admin1")
    # two towns of one governorate are two places; a report naming only the governorate fits both
    assert CorpusIndex([town]).neighbours(city) == []
    assert CorpusIndex([governorate]).neighbours(city) == [governorate]
    assert CorpusIndex([governorate]).neighbours(town) == [governorate]
    country = summary("d", "United States", "", kind="country")
    assert CorpusIndex([city, town, governorate]).neighbours(country) == []


def test_credibility_features_affected_by_a_new_report_are_its_neighbours_only() -> None:
    def summary(aid: str, *, place: str | None = "Khan Shaykhun", day: str = "2017-04-04",
                cause: str | None = "chemical", text: str | None = None) -> ClaimSummary:
        return ClaimSummary.from_extraction(ex(aid, place=place, date=day, cause=cause),
                                            text or "h" + aid)

    stored = [summary("same-town"), summary("two-days-later", day="2017-04-06"),
              summary("a-week-later", day="2017-04-11"), summary("other-town", place="Maarat"),
              summary("other-cause", cause="airstrike"), summary("same-text", text="hnew"),
              summary("no-cause", cause=None)]
    index = CorpusIndex(stored)
    new = summary("new", text="hnew")
    got = index.affected_by([new])
    # those whose consistency features the new report enters, as `neighbours` finds it
    assert got == {s.article_id for s in stored if new in CorpusIndex([new]).neighbours(s)}
    assert got == {"same-town", "two-days-later", "no-cause"}
    # a report without a date is nobody's neighbour
    assert index.affected_by([summary("undated", day="")]) == set()
