"""Consensus, contradictions, origins and grade on hand-built reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare_fixtures import T80, bundle, casualty, report, seeds_like
from corroborate import schema
from corroborate.compare import (
    Figure,
    causes_compatible,
    compare_incidents,
    compatible,
    figure_sides,
    incident_id,
    incidents_document,
    same_outlet,
    same_party,
    wire_name,
)

HERE = Path(__file__).parent


def one(*reports):
    incs = compare_incidents(*bundle(*reports))
    assert len(incs) == 1
    return incs[0]


def test_compare_example_file_validates():
    doc = json.loads((HERE / "data" / "incidents_example.json").read_text())
    schema.validate(doc, "incidents")


def test_compare_seeds_like_toll_and_framing_contradictions():
    inc = one(*seeds_like())
    fields = {c["field"]: c for c in inc["contradictions"]}
    assert set(fields) == {"killed", "framing"}
    killed = fields["killed"]
    assert [s["value"] for s in killed["sides"]] == ["62", "up to 80"]
    ev = {e["article_id"]: e["text"] for s in killed["sides"] for e in s["evidence"]}
    assert ev == {"tv-27": "62 soldiers dead", "wire-17": "As many as 80 troops died"}
    framing = fields["framing"]
    assert [s["value"] for s in framing["sides"]] == ["deliberate", "mistake"]
    assert framing["sides"][0]["evidence"][0]["text"] == "intentional"
    assert framing["sides"][1]["evidence"][0]["text"] == "by mistake"
    schema.validate(incidents_document([inc]), "incidents")


def test_compare_evidence_offsets_point_into_article_text():
    arts = {a.id: a for a, _, _ in seeds_like()}
    inc = one(*seeds_like())
    for c in inc["contradictions"]:
        for s in c["sides"]:
            for e in s["evidence"]:
                assert arts[e["article_id"]].full_text[e["start"]:e["end"]] == e["text"]


def test_compare_consensus_conservative_range_median():
    inc = one(*seeds_like())
    k = inc["consensus"]["killed"]
    assert (k["conservative"], k["min"], k["max"], k["median"]) == (62, 62, 80, 71)
    assert (k["n_reports"], k["n_origins"]) == (2, 2)
    assert [(v["display"], v["origins"]) for v in k["values"]] == [("62", 1), ("up to 80", 1)]
    assert inc["consensus"]["injured"]["conservative"] == 100
    assert inc["consensus"]["perpetrator"]["value"] == "US-led coalition"
    # one origin says deliberate, one says mistake: no majority
    assert inc["consensus"]["framing"]["value"] is None


def test_compare_timeline_ordered_by_publication():
    inc = one(*seeds_like())
    assert [(t["published"], t["killed_min"], t["killed_max"]) for t in inc["timeline"]] == [
        ("2016-09-17", None, 80), ("2016-09-27", 62, 62)]


def test_compare_matrix_flags_disagreeing_cells():
    inc = one(*seeds_like())
    rows = {r["article_id"]: r["cells"] for r in inc["matrix"]["rows"]}
    assert inc["matrix"]["claims"][:4] == ["date", "place", "perpetrator", "killed"]
    # tie of one origin each: measured against the side holding the conservative figure
    assert rows["tv-27"]["killed"]["disagrees"] is False
    assert rows["wire-17"]["killed"]["disagrees"] is True
    assert rows["wire-17"]["killed"]["display"] == "up to 80"
    assert rows["wire-17"]["killed"]["value"] == {"min": None, "max": 80, "qualifier": "at_most"}
    assert rows["tv-27"]["place"]["disagrees"] is False
    assert rows["tv-27"]["framing"]["disagrees"] and rows["wire-17"]["framing"]["disagrees"]
    assert rows["tv-27"]["injured"]["display"] == "at least 100"


def test_compare_grade_confirmed_when_admission_and_no_denial():
    inc = one(*seeds_like())
    assert inc["grade"]["label"] == "confirmed"
    assert "US Central Command" in inc["grade"]["rule"]


def test_compare_admission_by_another_party_does_not_confirm():
    a, b = seeds_like()
    for f in b[1]["incidents"][0]["framing"]:
        f["speaker"] = "Russian defence ministry"
    inc = one(a, b)
    # the accused (the coalition) did not admit anything; the framing dispute remains
    assert inc["grade"]["label"] == "contested"


@pytest.mark.parametrize("speaker,perp,same", [
    ("Washington", "US-led coalition", True), ("the Pentagon", "United States", True),
    ("Kremlin", "Russian forces", True), ("Damascus", "Syrian government forces", True),
    ("Damascus", "Syrian government", True), ("Syrian Observatory for Human Rights", "Syrian government", False),
    ("ISIL", "Islamic State", True), ("Russian officials", "US-led coalition", False)])
def test_compare_same_party(speaker, perp, same):
    assert same_party(speaker, perp) is same


def test_compare_grade_contested_on_denial():
    a, b = seeds_like()
    b[1]["incidents"][0]["framing"] = [{"label": "denial", "speaker": "Pentagon",
                                        **{"start": 0, "end": 11, "text": T80[:11]}}]
    inc = one(a, b)
    assert inc["grade"]["label"] == "contested"
    assert "denial" in inc["grade"]["rule"]


def test_compare_grade_contested_on_perpetrator():
    t1 = "Russian jets bombed the market in Idlib, killing 12 people."
    t2 = "Coalition jets bombed the market in Idlib, killing 12 people, a monitor said."
    a = report("a", t1, outlet="A", published="2017-01-02", place="Idlib", admin1="Idlib",
               killed=12, perps=[("Russia", "Russian jets")])
    b = report("b", t2, outlet="B", published="2017-01-02", place="Idlib", admin1="Idlib",
               killed=12, perps=[("US-led coalition", "Coalition jets")])
    inc = one(a, b)
    assert [c["field"] for c in inc["contradictions"]] == ["perpetrator"]
    assert inc["grade"]["label"] == "contested"


def test_compare_grade_fair_weak_single():
    t1 = "Shelling hit a school in Homs, killing 7 people, residents said."
    t2 = "Seven people died when shells struck a school in Homs, a medic said on Monday."
    a = report("a", t1, outlet="A", published="2017-01-02", place="Homs", admin1="Homs", killed=7,
               perps=[("Syrian government", "Shelling")])
    b = report("b", t2, outlet="B", published="2017-01-03", place="Homs", admin1="Homs", killed=7,
               perps=[("Syrian government", "shells")])
    assert one(a, b)["grade"]["label"] == "fair"
    assert one(a)["grade"]["label"] == "single_source"
    # b relays a's outlet: one origin, two reports
    b2 = report("b", t2, outlet="B", published="2017-01-03", place="Homs", admin1="Homs", killed=7,
                relays=[("A News", "a medic")])
    inc = one(a, b2)
    assert inc["grade"]["label"] == "weak"
    assert [o["kind"] for o in inc["origins"]] == ["relay"]
    assert inc["origins"][0]["label"] == "A"


def test_compare_origins_near_identical_text_grouped():
    body = ("A car bomb exploded near a checkpoint in the town of Azaz on Sunday, killing at least "
            "nine people and wounding dozens, according to local activists and a war monitor. ")
    a = report("a", body + "The blast shook the market.", outlet="Paper A", published="2017-01-08",
               place="Azaz", admin1="Aleppo", killed=9)
    b = report("b", body + "No group claimed it.", outlet="Paper B", published="2017-01-08",
               place="Azaz", admin1="Aleppo", killed=9)
    inc = one(a, b)
    assert len(inc["origins"]) == 1
    assert inc["origins"][0]["kind"] == "duplicate_text"
    assert inc["consensus"]["killed"]["n_origins"] == 1
    assert inc["grade"]["label"] == "weak"


def test_compare_origins_one_outlet_is_one_origin():
    a = report("a", "Shelling killed 5 people in Azaz on Sunday, local medics said.",
               outlet="Paper A", published="2017-01-08", place="Azaz", admin1="Aleppo", killed=5)
    b = report("b", "The toll from Sunday's shelling of Azaz rose to 8, hospital staff said.",
               outlet="Paper A", published="2017-01-09", place="Azaz", admin1="Aleppo", killed=8)
    c = report("c", "Rockets hit a market in Azaz on Sunday, killing 6, a monitor reported.",
               outlet="Paper C", published="2017-01-08", place="Azaz", admin1="Aleppo", killed=6)
    inc = one(a, b, c)
    kinds = sorted(o["kind"] for o in inc["origins"])
    assert kinds == ["independent", "same_outlet"]
    same = next(o for o in inc["origins"] if o["kind"] == "same_outlet")
    assert sorted(same["article_ids"]) == ["a", "b"] and "Paper A" in same["reasons"][0]
    assert inc["consensus"]["killed"]["n_origins"] == 2
    # without an outlet nothing is grouped
    d = report("d", "Shelling killed 5 people in Azaz on Sunday, medics said.", outlet=None,
               published="2017-01-08", place="Azaz", admin1="Aleppo", killed=5)
    e = report("e", "Rockets killed 7 in Azaz on Sunday, a resident said.", outlet=None,
               published="2017-01-08", place="Azaz", admin1="Aleppo", killed=7)
    assert [o["kind"] for o in one(d, e)["origins"]] == ["independent", "independent"]


def test_compare_origins_shared_wire_credit():
    t1 = "Nine people were killed in Azaz on Sunday, Reuters reported."
    t2 = "In Azaz a bomb killed nine on Sunday (AFP and Reuters)."
    a = report("a", t1, outlet="Paper A", published="2017-01-08", place="Azaz", admin1="Aleppo",
               killed=9, relays=[("Reuters", "Reuters")])
    b = report("b", t2, outlet="Paper B", published="2017-01-08", place="Azaz", admin1="Aleppo",
               killed=9, relays=[("Reuters", "Reuters"), ("AFP", "AFP")])
    inc = one(a, b)
    assert [(o["kind"], o["label"]) for o in inc["origins"]] == [("wire", "Reuters")]


def test_compare_rising_at_least_tolls_do_not_contradict():
    t = "At least {n} people were killed in the attack in Khan Shaykhun."
    reps = [report(f"r{n}", t.format(n=n), outlet=f"O{n}", published=f"2017-04-0{d}",
                   place="Khan Shaykhun", admin1="Idlib", killed=n,
                   casualties=[casualty(t.format(n=n), f"At least {n} people were killed", mn=n,
                                        qualifier="at_least")])
            for n, d in ((58, 4), (72, 5), (86, 6))]
    inc = one(*reps)
    assert inc["contradictions"] == []
    assert [t["killed_min"] for t in inc["timeline"]] == [58, 72, 86]
    assert inc["consensus"]["killed"]["conservative"] == 58


def test_compare_outlier_figure_not_credible():
    t = "{n} people were killed in the strike on Raqqa."
    reps = [report(f"r{n}", t.format(n=n), outlet=f"O{n}", published="2017-05-01", place="Raqqa",
                   admin1="Raqqa", killed=n) for n in (20, 22, 400)]
    # the lowest is always the conservative; an outlier far *below* is left out too
    reps.append(report("r2", t.format(n=2), outlet="O2", published="2017-05-01", place="Raqqa",
                       admin1="Raqqa", killed=2))
    k = one(*reps)["consensus"]["killed"]
    assert k["conservative"] == 20
    assert k["min"] == 2 and k["max"] == 400
    flags = {v["value"]: v["credible"] for v in k["values"]}
    assert flags == {2: False, 20: True, 22: True, 400: False}


def test_compare_superseded_early_count_same_origin():
    t = "{n} people were killed in Idlib."
    a = report("a1", t.format(n=3), outlet="Outlet A", published="2017-04-04", place="Idlib",
               admin1="Idlib", killed=3)
    a2 = report("a2", t.format(n=58) + " Later figures.", outlet="Outlet A",
                published="2017-04-05", place="Idlib", admin1="Idlib", killed=58)
    other = report("b", t.format(n=70) + " Elsewhere.", outlet="Outlet B",
                   published="2017-04-05", place="Idlib", admin1="Idlib", killed=70)
    inc = one(a, a2, other)
    k = inc["consensus"]["killed"]
    assert k["conservative"] == 58 and k["min"] == 3
    assert [v["credible"] for v in k["values"]] == [False, True, True]
    # two reports only (the outlier rule needs three): the outlet's own later count wins
    alone = one(a, a2)["consensus"]["killed"]
    assert alone["conservative"] == 58
    assert "superseded" in alone["values"][0]["excluded_because"]


def test_compare_incident_id_stable_and_order_free():
    keys = [("b", 0), ("a", 1)]
    assert incident_id(keys) == incident_id(reversed(keys))
    assert incident_id(keys).startswith("inc-") and len(incident_id(keys)) == 14
    first = compare_incidents(*bundle(*seeds_like()))[0]["id"]
    second = compare_incidents(*bundle(*reversed(seeds_like())))[0]["id"]
    assert first == second


def test_compare_skips_unknown_members_and_singletons():
    reps = seeds_like()
    clusters, items, exts, arts = bundle(*reps)
    incs = compare_incidents([[0], [1]], items, list(exts.values()), arts)
    assert [i["grade"]["label"] for i in incs] == ["single_source", "single_source"]
    del exts["tv-27"]
    assert len(compare_incidents(clusters, items, exts, arts)[0]["reports"]) == 1


@pytest.mark.parametrize("a,b,same", [("Sputnik Arabic", "Sputnik", True), ("RT News", "RT", True),
                                      ("Reuters", "AFP", False), ("Al Jazeera", "Al Arabiya", False),
                                      (None, "RT", False)])
def test_compare_same_outlet(a, b, same):
    assert same_outlet(a, b) is same


def test_compare_wire_name():
    assert wire_name("Agence France-Presse") == "AFP"
    assert wire_name("the Associated Press") == "AP"
    assert wire_name("Sputnik") is None


figures = st.builds(
    lambda n, q, w: Figure(n, None if q == "at_most" else n, None if q == "at_least" else n + w, q),
    st.integers(0, 5000), st.sampled_from(["exact", "at_least", "at_most", "about"]),
    st.integers(0, 0))


@given(st.lists(figures, min_size=1, max_size=8))
def test_compare_figure_sides_partition_and_compatibility(figs):
    fmap = dict(enumerate(figs))
    sides = figure_sides(fmap)
    assert sorted(i for s in sides for i in s) == list(fmap)
    for s in sides:
        assert all(compatible(fmap[i], fmap[j]) for i in s for j in s)


@given(figures, figures)
def test_compare_compatible_is_symmetric(a, b):
    assert compatible(a, b) == compatible(b, a)


def test_compare_tolerance_boundaries():
    assert compatible(Figure(100, 100, 100, "exact"), Figure(110, 110, 110, "exact"))
    assert not compatible(Figure(100, 100, 100, "exact"), Figure(112, 112, 112, "exact"))
    assert compatible(Figure(3, 3, 3, "exact"), Figure(5, 5, 5, "exact"))
    assert not compatible(Figure(62, 62, 62, "exact"), Figure(80, None, 80, "at_most"))
    assert compatible(Figure(50, 50, None, "at_least"), Figure(80, 80, 80, "exact"))
    assert not compatible(Figure(90, 90, None, "at_least"), Figure(62, 62, 62, "exact"))



@pytest.mark.parametrize("a,b,ok", [("explosion", "car_bomb", True), ("car_bomb", "explosion", True),
                                    ("explosion", "execution", False), ("airstrike", "shelling", False),
                                    (None, "airstrike", True), ("attack", "shooting", True)])
def test_compare_causes_compatible(a, b, ok):
    assert causes_compatible(a, b) is ok


def test_compare_generic_cause_not_flagged_against_specific():
    t1 = "A car bomb killed 5 people in Azaz."
    t2 = "An explosion killed 5 people in Azaz."
    a = report("a", t1, outlet="A", published="2017-01-08", place="Azaz", admin1="Aleppo", killed=5,
               cause=("car_bomb", "car bomb"))
    b = report("b", t2, outlet="B", published="2017-01-08", place="Azaz", admin1="Aleppo", killed=5,
               cause=("explosion", "explosion"))
    inc = one(a, b)
    assert inc["cause"] == "car_bomb"
    assert not any(r["cells"]["cause"]["disagrees"] for r in inc["matrix"]["rows"])


def test_compare_relayer_of_two_outlets_does_not_merge_them():
    ta = "Shelling killed 4 in Homs, Outlet A said."
    tb = "Four people died in Homs shelling, Outlet B said on Monday."
    tc = "Roundup: Outlet A and Outlet B reported 4 dead in Homs."
    a = report("a", ta, outlet="Outlet A", published="2017-01-02", place="Homs", admin1="Homs", killed=4)
    b = report("b", tb, outlet="Outlet B", published="2017-01-03", place="Homs", admin1="Homs", killed=4)
    c = report("c", tc, outlet="Outlet C", published="2017-01-04", place="Homs", admin1="Homs", killed=4,
               relays=[("Outlet A", "Outlet A"), ("Outlet B", "Outlet B")])
    inc = one(a, b, c)
    groups = sorted(sorted(o["article_ids"]) for o in inc["origins"])
    assert groups == [["a", "c"], ["b"]]


def test_compare_rising_toll_noted_but_falling_toll_not():
    t = "{n} people were killed in the attack in Homs."
    reps = [report(f"r{n}", t.format(n=n), outlet=f"O{n}", published=f"2017-04-0{d}", place="Homs",
                   admin1="Homs", killed=n) for n, d in ((20, 4), (40, 5), (80, 6))]
    (c,) = one(*reps)["contradictions"]
    assert c["note"] == "rising_toll" and "rising toll" in c["summary"]
    assert [s["value"] for s in c["sides"]] == ["20", "40", "80"]
    # the seeds' order is the other way round: up to 80 first, 62 ten days later
    killed = next(c for c in one(*seeds_like())["contradictions"] if c["field"] == "killed")
    assert "note" not in killed


_TEXT = "Shelling killed people in Homs, officials said, calling it deliberate or a mistake."
_report_args = st.fixed_dictionaries({
    "outlet": st.sampled_from([None, "Reuters", "RT", "Sputnik Arabic", "AFP"]),
    "published": st.sampled_from([None, "2017-01-01", "2017-01-03", "2017-01-09"]),
    "date": st.sampled_from([None, "2017-01-01", "2017-01-02", "2016-12-20"]),
    "place": st.sampled_from([None, "Homs"]),
    "killed": st.one_of(st.none(), st.integers(0, 3000)),
    "injured": st.one_of(st.none(), st.integers(0, 300)),
    "qualifier": st.sampled_from(["exact", "at_least", "at_most", "about", "range"]),
    "perps": st.lists(st.sampled_from([("Russia", "Shelling"), ("Islamic State", "Homs"),
                                       ("US-led coalition", "officials")]), max_size=2, unique=True),
    "framing": st.lists(st.sampled_from([("deliberate", "deliberate", "Damascus"),
                                         ("mistake", "mistake", None),
                                         ("denial", "officials said", "Russia"),
                                         ("admission", "calling it", "US-led coalition")]),
                        max_size=3, unique=True),
    "relays": st.lists(st.sampled_from([("Reuters", "officials"), ("Sputnik", "officials")]),
                       max_size=1),
})


@given(st.lists(_report_args, min_size=1, max_size=5))
def test_compare_any_reports_give_a_valid_incident(args):
    reps = []
    for k, a in enumerate(args):
        q, n = a.pop("qualifier"), a["killed"]
        cas = ([casualty(_TEXT, "killed people", mn=None if q == "at_most" else n,
                         mx=None if q == "at_least" else n, qualifier=q)] if n is not None else [])
        reps.append(report(f"r{k}", _TEXT, casualties=cas, cause=("shelling", "Shelling"), **a))
    (inc,) = compare_incidents(*bundle(*reps))
    schema.validate(incidents_document([inc]), "incidents")
    assert len(inc["reports"]) == len(reps) == len(inc["matrix"]["rows"]) == len(inc["timeline"])
    assert sorted(a for o in inc["origins"] for a in o["article_ids"]) == sorted(r[0].id for r in reps)
    k = inc["consensus"]["killed"]
    if k["n_reports"]:
        assert k["min"] <= k["conservative"] <= k["max"]
    if len(reps) == 1:
        assert inc["grade"]["label"] == "single_source"


def test_compare_quantity_word_not_conservative_beside_counts():
    vague = "Dozens of people were killed when a car bomb hit buses in Aleppo."
    counted = "At least 39 people were killed when a car bomb hit buses in Aleppo."
    k = one(
        report("v", vague, outlet="Agency V", published="2017-04-15", place="Aleppo",
               admin1="Aleppo", killed=24,
               casualties=[casualty(vague, "Dozens of people were killed", mn=24,
                                    qualifier="at_least")]),
        report("c", counted, outlet="Agency C", published="2017-04-15", place="Aleppo",
               admin1="Aleppo", killed=39,
               casualties=[casualty(counted, "At least 39 people were killed", mn=39,
                                    qualifier="at_least")]),
    )["consensus"]["killed"]
    assert k["conservative"] == 39 and k["min"] == 24
    reasons = {v["value"]: v.get("excluded_because") for v in k["values"]}
    assert reasons[24] and "quantity word" in reasons[24] and reasons[39] is None


def test_compare_quantity_word_used_when_no_report_counts():
    vague = "Dozens of people were killed when a car bomb hit buses in Aleppo."
    k = one(report("v", vague, outlet="Agency V", published="2017-04-15", place="Aleppo",
                   admin1="Aleppo", killed=24,
                   casualties=[casualty(vague, "Dozens of people were killed", mn=24,
                                        qualifier="at_least")]))["consensus"]["killed"]
    assert k["conservative"] == 24


def _perp_report(aid, names):
    text = "Jets of " + " and ".join(names) + " bombed the market in Idlib, killing 12 people."
    return report(aid, text, outlet=aid.upper(), published="2017-01-02", place="Idlib",
                  admin1="Idlib", killed=12, perps=[(n, n) for n in names])


def test_compare_perpetrator_sides_never_share_a_name():
    # a tie (no majority perpetrator): Russia, Syria, and a report naming both, plus Iran
    a = _perp_report("a", ["Russia"])
    b = _perp_report("b", ["Russia", "Syria"])
    c = _perp_report("c", ["Iran"])
    d = _perp_report("d", ["Iran"])
    e = _perp_report("e", ["Syria"])
    inc = one(a, b, c, d, e)
    contra = [x for x in inc["contradictions"] if x["field"] == "perpetrator"]
    assert contra
    values = [set(s["value"].split(" / ")) for s in contra[0]["sides"]]
    for i, v in enumerate(values):
        for w in values[i + 1:]:
            assert not v & w, values


def test_compare_perpetrator_joint_attack_is_no_dispute():
    # "Russian and Syrian jets" beside "Russian jets" and "Syrian jets": every report is
    # consistent with a joint raid, so nothing is disputed
    a = _perp_report("a", ["Russia", "Syria"])
    b = _perp_report("b", ["Syria"])
    c = _perp_report("c", ["Russia"])
    inc = one(a, b, c)
    assert [x for x in inc["contradictions"] if x["field"] == "perpetrator"] == []
