"""Incident assembly and tolls, on docs with hand-built annotations, and the full pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualty_fixtures import casualty_doc
from corroborate.config import Settings
from corroborate.doc import Doc
from corroborate.extract import default_pipeline, extract, incidents
from corroborate.extract.incidents import compute_toll
from corroborate.models import Article, Attribution, Casualty, Cause, DateClaim, Place, Span

_INC = incidents.create(requires=("sentences", "casualties"))


def _span(doc: Doc, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return doc.char_span(start, start + len(needle))


def _doc(text: str, title: str = "", published: str | None = "2016-09-20") -> Doc:
    return casualty_doc(text, title=title, published=published)


def _cas(outcome: str, value: int, victims: str = "unspecified", *, start: int = 0,
         children: bool = False, text: str = "x") -> Casualty:
    return Casualty(outcome, value, value, "exact", Span(start, start + len(text), text),  # type: ignore[arg-type]
                    victims, children=children)  # type: ignore[arg-type]


def test_incidents_toll_categories_and_total() -> None:
    toll = compute_toll([_cas("killed", 62, "noncivilian"), _cas("injured", 100)])
    assert toll["killed"] == {"total": 62, "civilian": None, "noncivilian": 62,
                              "children": None, "women": None}
    assert toll["injured"]["total"] == 100


def test_incidents_toll_sums_distinct_categories_not_duplicates() -> None:
    toll = compute_toll([_cas("killed", 3, "civilian"), _cas("killed", 2, "noncivilian")])
    assert toll["killed"]["total"] == 5
    toll = compute_toll([_cas("killed", 12), _cas("killed", 12)])
    assert toll["killed"]["total"] == 12


def test_incidents_toll_children_only_figure_counts_as_civilians() -> None:
    toll = compute_toll([_cas("killed", 4, "civilian", children=True)])
    assert toll["killed"]["children"] == 4
    assert toll["killed"]["total"] == 4 and toll["killed"]["civilian"] == 4


def test_incidents_lead_figure_wins_over_later_unrelated_figure() -> None:
    doc = _INC(_doc("At least 15 people were killed in the market bombing. "
                    "Elsewhere, 26 people were killed in clashes."))
    assert doc.get("incidents")[0].toll["killed"]["total"] == 15


def test_incidents_later_breakdown_fills_categories() -> None:
    doc = _INC(_doc("Nine people were killed in the strike. Four civilians had been killed, "
                    "the monitor said. Five rebel fighters were killed too."))
    t = doc.get("incidents")[0].toll["killed"]
    assert (t["total"], t["civilian"], t["noncivilian"]) == (9, 4, 5)


def test_incidents_update_raises_the_toll() -> None:
    doc = _INC(_doc("A car bomb killed 20 people on Monday. By evening the death toll rose to 35."))
    assert doc.get("incidents")[0].toll["killed"]["total"] == 35


def test_incidents_roundup_gives_one_incident_per_place() -> None:
    doc = _doc("In Aleppo, shelling killed 5 people. In Idlib, an airstrike killed 7 people.")
    doc.set("places", [
        Place("Aleppo", _span(doc, "Aleppo"), admin1="Aleppo", country="SY", kind="city"),
        Place("Idlib", _span(doc, "Idlib"), admin1="Idlib", country="SY", kind="city"),
    ])
    doc.set("causes", [Cause("shelling", _span(doc, "shelling")),
                       Cause("airstrike", _span(doc, "airstrike"))])
    got = incidents.create()(doc).get("incidents")
    assert [(i.place.name, i.cause.category, i.toll["killed"]["total"]) for i in got] == [
        ("Aleppo", "shelling", 5), ("Idlib", "airstrike", 7)]


def test_incidents_district_and_city_stay_one_incident() -> None:
    doc = _doc("Shelling killed 5 people in Salihiyah. Hasakeh officials said 3 more died later.")
    doc.set("places", [
        Place("Salihiyah", _span(doc, "Salihiyah"), admin1="Al Hasakah", country="SY",
              kind="district"),
        Place("Al Hasakah", _span(doc, "Hasakeh"), admin1="Al Hasakah", country="SY", kind="city"),
    ])
    assert len(incidents.create()(doc).get("incidents")) == 1


def test_incidents_event_date_beats_dateline() -> None:
    doc = _doc("Sat 17 Sep 2016 Strike kills 62. The strike on 16 September killed 62 soldiers.")
    dl = DateClaim("2016-09-17", "day", _span(doc, "Sat 17 Sep 2016"))
    ev = DateClaim("2016-09-16", "day", _span(doc, "16 September"))
    doc.set("dates", [dl, ev])
    got = incidents.create()(doc).get("incidents")[0]
    assert got.date is ev


def test_incidents_attribution_fills_attributed_to() -> None:
    doc = _doc("Five people were killed, the Observatory said.")
    doc.set("attributions", [Attribution("Syrian Observatory for Human Rights", "said",
                                         _span(doc, "the Observatory said"))])
    inc = incidents.create()(doc).get("incidents")[0]
    assert inc.casualties[0].attributed_to == "Syrian Observatory for Human Rights"
    assert len(inc.attributions) == 1


def test_incidents_background_total_is_not_the_headline() -> None:
    doc = _INC(_doc("Shelling killed 4 civilians in Douma. More than 300,000 people have been "
                    "killed since the war began."))
    assert doc.get("incidents")[0].toll["killed"]["total"] == 4


def test_incidents_no_figures_no_places_gives_no_incident() -> None:
    assert _INC(_doc("The talks resumed in Geneva on Monday.")).get("incidents") == []


def test_incidents_default_pipeline_validates_and_runs() -> None:
    pipe = default_pipeline(Settings())
    # the learned figure scorer (extract/scorer.py) follows the incidents it rescores
    assert pipe.names[:2] == ["boilerplate", "sentences"] and pipe.names[-2:] == ["incidents",
                                                                              "figures"]
    assert default_pipeline(Settings(), figures=False).names[-1] == "incidents"
    ext = extract(Article(id="a", title="", text=""), pipe)
    assert ext.incidents == [] and ext.to_dict()["id"] == "a"


def _seed(seeds_dir: Path, name: str) -> Article:
    raw = next(p for p in seeds_dir.iterdir() if name in p.name).read_text(encoding="utf-8")
    return Article(id=name, text=raw)


def test_incidents_seeds_headline_tolls(seeds_dir: Path) -> None:
    pipe = default_pipeline(Settings())
    rt = extract(_seed(seeds_dir, "rt-2016-09-27"), pipe).incidents[0]
    assert rt.toll["killed"]["noncivilian"] == 62 and rt.toll["killed"]["total"] == 62
    assert rt.toll["injured"]["total"] == 100
    inj = [c for c in rt.casualties if c.outcome == "injured"]
    assert (inj[0].min, inj[0].qualifier) == (100, "at_least")
    cc = extract(_seed(seeds_dir, "centcom"), pipe).incidents[0]
    assert cc.toll["killed"]["total"] == 80 and cc.toll["killed"]["noncivilian"] == 80
    first = [c for c in cc.casualties if c.outcome == "killed"][0]
    assert (first.max, first.qualifier) == (80, "at_most")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Five people were killed.", "In Aleppo", "shelling", "at least",
                                 "12 soldiers died", "\n\n", "since 2011", "the death toll rose to 30",
                                 "a child was wounded", "Idlib", "on Monday"]), max_size=25))
def test_incidents_full_pipeline_spans_are_valid(parts: list[str]) -> None:
    art = Article(id="h", title="Strike kills 5", text=" ".join(parts))
    doc = Doc(art)
    ext = extract(art, _PIPE)
    for inc in ext.incidents:
        spans = [c.span for c in inc.casualties] + [a.span for a in inc.actors]
        spans += [x.span for x in (inc.place, inc.cause, inc.date) if x is not None]
        for s in spans:
            assert doc.text[s.start:s.end] == s.text and s.text.strip()


_PIPE = default_pipeline(Settings())


def test_incidents_dateline_and_foreign_places_are_not_the_incident_place() -> None:
    doc = _doc("BEIRUT (Reuters) - Shelling killed 5 people in Douma. Talks resumed in Geneva.")
    doc.set("places", [
        Place("Beirut", _span(doc, "BEIRUT"), admin1="Beirut", country="LB", kind="city"),
        Place("Douma", _span(doc, "Douma"), admin1="Rif Dimashq", country="SY", kind="city"),
        Place("Geneva", _span(doc, "Geneva"), admin1="Geneva", country="CH", kind="city"),
        Place("Syria", _span(doc, "Douma"), country="SY", kind="country"),
    ])
    inc = incidents.create()(doc).get("incidents")[0]
    assert inc.place is not None and inc.place.name == "Douma"


def test_incidents_home_country_place_beats_a_foreign_one_in_the_same_sentence() -> None:
    doc = _doc("Officials in Moscow said strikes killed 12 people in Idlib on Monday.")
    doc.set("places", [
        Place("Moscow", _span(doc, "Moscow"), admin1="Moscow", country="RU", kind="city"),
        Place("Idlib", _span(doc, "Idlib"), admin1="Idlib", country="SY", kind="city"),
        Place("Aleppo", _span(doc, "Monday"), admin1="Aleppo", country="SY", kind="city"),
    ])
    inc = incidents.create()(doc).get("incidents")[0]
    assert inc.place is not None and inc.place.name == "Idlib"


def test_incidents_civilians_among_a_larger_toll_imply_combatants() -> None:
    doc = _INC(_doc("At least 20 people, including 13 civilians, were killed in the raids."))
    t = doc.get("incidents")[0].toll["killed"]
    assert (t["total"], t["civilian"], t["noncivilian"]) == (20, 13, 7)


def test_incidents_civilians_object_of_their_own_verb_are_not_a_breakdown() -> None:
    doc = _INC(_doc("Tanks shelled the city on Monday killing four civilians, a day after "
                    "security forces killed 80 there."))
    t = doc.get("incidents")[0].toll["killed"]
    assert (t["total"], t["civilian"], t["noncivilian"]) == (80, 4, None)


def _head_place(text: str, title: str = "") -> str | None:
    ext = extract(Article(id="p", title=title, text=text, published="2017-04-16"), _PIPE)
    head = ext.incidents[0]
    return head.place.name if head.place else None


def test_incidents_place_named_by_a_country_as_actor_is_not_home() -> None:
    # the United States named twice (as the coalition's leader and a partner), Syria once and
    # one Syrian town: a town weighs twice a country name, so Syria is the home country
    text = ("Aircraft of the coalition led by the United States struck Syrian army units near "
            "Deir ez-Zor on Saturday, killing 62 soldiers. The spokesman said the United States "
            "refused to cooperate in Syria.")
    assert _head_place(text) == "Deir ez-Zor"


def test_incidents_place_from_the_earliest_sentence_of_the_incident() -> None:
    # the scene is set before a later anchor that names another town
    text = ("At least 126 people were killed on Saturday. The buses had stopped at a "
            "crossing west of Aleppo. The bombing was condemned as a massacre in Hama.")
    assert _head_place(text) == "Aleppo"
    # an anchor that names its place first keeps it
    text = ("A car bomb killed 43 people in Homs on Saturday. Later, officials met in Hama.")
    assert _head_place(text) == "Homs"


def test_incidents_restated_toll_stays_one_incident() -> None:
    # the second sentence is dated two days earlier but restates the same toll: one incident
    text = ("Air strikes killed 26 people in Idlib on 27 April 2017. "
            "The strikes on 25 April 2017 killed 26 people in a town in Hama, a monitor said.")
    art = Article(id="r", title="", text=text, published="2017-04-27")
    assert len(extract(art, _PIPE).incidents) == 1
    # a different toll at a date three days apart is another incident
    text = ("Air strikes killed 26 people in Idlib on 27 April 2017. "
            "Strikes on 24 April 2017 killed 9 people in a town in Hama, a monitor said.")
    art = Article(id="r", title="", text=text, published="2017-04-27")
    assert len(extract(art, _PIPE).incidents) == 2


def test_incidents_also_killed_adds_to_the_headline_toll() -> None:
    doc = _INC(_doc("Over 12 civilians were killed in the shelling on Monday. Five civilians were "
                    "also killed by sniper fire in the same district."))
    t = doc.get("incidents")[0].toll["killed"]
    assert (t["total"], t["civilian"]) == (17, 17)
    # without "also" a later figure is not added (it may restate or break down the headline)
    doc = _INC(_doc("Over 12 civilians were killed in the shelling on Monday. Five civilians were "
                    "killed by sniper fire in the same district."))
    t = doc.get("incidents")[0].toll["killed"]
    assert (t["total"], t["civilian"]) == (12, 12)


def test_incidents_first_place_of_a_list_leads() -> None:
    # a list of governorates: the first one named, not the most specific of any of them
    assert _head_place("Ten civilians were injured in rocket attacks in Daraa countryside, "
                       "Aleppo and Damascus on Sunday.") == "Daraa"
    # within one governorate the more specific place still wins
    assert _head_place("An air strike killed 20 people in Idlib province in the town of "
                       "Khan Shaykhun.") == "Khan Shaykhun"


def test_incidents_seeds_headline_place_and_date(seeds_dir: Path) -> None:
    # through real ingest, so the seeds' date markers set the publication dates
    from corroborate.ingest import read_inputs

    pipe = default_pipeline(Settings())
    heads = {a.id: extract(a, pipe).incidents[0] for a in read_inputs([seeds_dir]).articles}
    assert len(heads) == 2
    for inc in heads.values():
        # "Deir al-Zor military airport" (17 Sep) and "Deir ez-Zor" (27 Sep) are one place;
        # "United States Central Command" is a command, not a place
        assert inc.place is not None and inc.place.admin1 == "Deir ez-Zor"
        assert inc.place.country == "SY" and inc.place.lat is not None
        assert inc.date is not None and inc.date.value == "2016-09-17"


def test_incidents_non_english_text_gets_a_warning() -> None:
    art = Article(id="es", title="Ataque en Alepo", language="es",
                  text="Al menos doce personas murieron en un ataque en Alepo, dijeron activistas.")
    ext = extract(art)
    assert ext.language == "es"
    assert any("English" in w for w in ext.warnings)
    assert not any("English" in w for w in extract(Article(id="en", text="Rain fell.",
                                                           language="en")).warnings)


def _headline_killed(title: str, text: str) -> dict:
    ex = extract(Article(id="t", title=title, text=text, published="2016-08-25"))
    return ex.incidents[0].toll["killed"]


def test_incidents_roundup_title_gives_way_to_the_lead_incident() -> None:
    # a title naming two governorates sums several incidents; the lead states the first
    killed = _headline_killed(
        "Eight civilians killed in rocket attacks in Aleppo and Homs",
        "Six civilians were killed on Thursday in rocket attacks on Aleppo city. "
        "In Homs, two civilians were killed by a car bomb.")
    assert killed["total"] == 6


def test_incidents_single_place_title_still_wins_over_lead() -> None:
    killed = _headline_killed(
        "Eight civilians killed in rocket attacks on Aleppo",
        "Six civilians were killed on Thursday in rocket attacks on Aleppo city. "
        "Two more died later of their wounds.")
    assert killed["total"] == 8


def test_incidents_vague_lead_toll_refined_by_later_precise_figure() -> None:
    killed = _headline_killed(
        "Tests point to sarin exposure",
        "Tests on victims of an attack which killed dozens of people in Idlib province "
        "point to sarin, the ministry said on Thursday. It said 31 people hurt in the "
        "attack were treated in hospitals and three people had died since. "
        "At least 86 people were killed early on Tuesday in Khan Sheikhoun.")
    assert killed["total"] == 86


def test_incidents_vague_toll_not_refined_by_figure_out_of_its_range() -> None:
    # 500 is far above "dozens": another count, so the vague toll itself stays
    killed = _headline_killed(
        "Attack in Idlib",
        "An attack killed dozens of people in Idlib province on Tuesday. "
        "More than 500 people have been killed in the province since January.")
    assert killed["total"] == 24


def test_incidents_vague_toll_in_title_is_not_refined_upwards() -> None:
    # headline writers round: a title's "dozens" does not pull in a later larger figure
    killed = _headline_killed(
        "Dozens killed in air strikes on Idlib",
        "Air strikes killed 12 people in Idlib province on Tuesday. "
        "At least 30 people were killed in Aleppo on Monday.")
    assert killed["total"] == 12


def test_incidents_children_and_women_stated_together_add_up() -> None:
    killed = _headline_killed(
        "Air strikes kill 10 children in Aleppo",
        "Ten children and five women have been killed in air strikes in Aleppo province.")
    assert (killed["total"], killed["children"], killed["women"]) == (15, 10, 5)
    killed = _headline_killed(
        "Air strikes kill 10 children in Aleppo",
        "Ten children have been killed in air strikes in Aleppo province. "
        "Among them were five girls.")
    assert killed["total"] == 10


def test_incidents_headline_victims_among_a_larger_toll() -> None:
    killed = _headline_killed(
        "10 dead after strikes on hospitals in Idlib",
        "Air strikes on two hospitals in Idlib on Thursday left 10 people dead. "
        "They were among 19 people killed in strikes across the province on Thursday.")
    assert killed["total"] == 19
    killed = _headline_killed(
        "10 dead after strikes on hospitals in Idlib",
        "Air strikes on two hospitals in Idlib on Thursday left 10 people dead. "
        "Last month 19 people were killed in strikes across the province.")
    assert killed["total"] == 10


def test_incidents_counted_women_not_replaced_by_later_vague_figure() -> None:
    killed = _headline_killed(
        "Three women killed while attending funeral in Madaya",
        "Shells hit a funeral in Madaya on Thursday, killing at least three women. "
        "Residents say dozens die of hunger every month under the siege.")
    assert (killed["total"], killed["women"]) == (3, 3)
    # with no women or children counted first, the vague figure is the toll
    killed = _headline_killed(
        "Shelling hits a funeral in Madaya",
        "Shells hit a funeral in Madaya on Thursday, killing dozens of mourners.")
    assert killed["total"] == 24


def test_incidents_others_add_to_the_children_counted_before_them() -> None:
    killed = _headline_killed(
        "Syrian children killed in attack on school",
        "Air raids hit a school in al-Mayadin, killing nine children and 14 others.")
    assert (killed["total"], killed["children"]) == (23, 9)
    # "others" in another sentence are another count
    killed = _headline_killed(
        "Syrian children killed in attack on school",
        "Air raids hit a school in al-Mayadin, killing nine children. "
        "In Raqqa, 14 others were killed by shelling.")
    assert killed["total"] == 9


def test_incidents_children_also_killed_add_to_the_lead_toll() -> None:
    text = ("Heavy bombing has killed three rescue workers in Douma while six children "
            "were also killed in the air raids.")
    killed = _headline_killed("Rescue workers killed in Douma", text)
    assert (killed["total"], killed["children"]) == (9, 6)
    # a title total that already holds both groups is not raised again
    killed = _headline_killed("Nine killed in Douma air raids", text)
    assert killed["total"] == 9


def test_incidents_group_dying_after_the_attack_is_not_the_toll() -> None:
    text = ("Tests on victims of Tuesday's attack show sarin, the minister said on Thursday. "
            "The bodies of three people who died after being taken across the border were "
            "examined. The monitor says 86 people were killed in the town, 30 of them children.")
    assert _headline_killed("Autopsies show sarin was used in Idlib", text)["total"] == 86
    # without the relative clause the three are the lead's toll
    text = text.replace(" who died after being taken across the border", "")
    assert _headline_killed("Autopsies show sarin was used in Idlib", text)["total"] == 3


def test_incidents_title_bound_is_refined_only_by_a_close_figure() -> None:
    assert _headline_killed(
        "More than 200 killed in Aleppo",
        "At least 213 people were killed in Aleppo this week, the monitor said.")["total"] == 213
    # "over 20" is not refined by a 100 of another report in the same sentence
    killed = _headline_killed(
        "Coalition kills over 20 militants plotting attacks",
        "Syrian airstrikes kill over 100 militants in Hama while the coalition has killed "
        "more than 20 militants plotting attacks, the secretary said.")
    assert killed["total"] == 20
    # a title counting one group of the dead is refined by the lead's whole toll
    killed = _headline_killed(
        "At least five police officers killed in Damascus blast",
        "Fifteen people died in a blast in Damascus on Monday, the ministry said.")
    assert killed["total"] == 15


def test_incidents_lead_total_beats_a_title_listing_groups() -> None:
    title = "22 children 6 teachers killed in strikes on a school in Idlib"
    killed = _headline_killed(
        title, "Air strikes on a school in Idlib killed 22 children, UNICEF said. Six teachers "
        "also died, while the monitor said 35 people in total had died.")
    assert (killed["total"], killed["children"]) == (35, 22)
    # without a stated total the title's groups add up
    killed = _headline_killed(
        title, "Air strikes on a school in Idlib killed 22 children, UNICEF said. Six teachers "
        "also died, while the monitor said 35 people died in Aleppo.")
    assert (killed["total"], killed["children"]) == (28, 22)


def test_incidents_restated_figure_with_a_victim_noun_classifies_the_toll() -> None:
    text = ("Kurdish fighters killed 83 in a failed offensive near Afrin on Thursday. "
            "A video shows the corpses. An activist wrote that the fighters held the town. "
            "He said that the attack was repelled. Later he said 83 extremists died.")
    killed = _headline_killed("Kurds kill 83 near Afrin", text)
    assert (killed["total"], killed["noncivilian"]) == (83, 83)
    killed = _headline_killed("Kurds kill 83 near Afrin", text.replace("83 extremists",
                                                                         "90 extremists"))
    assert (killed["total"], killed["noncivilian"]) == (83, None)


def test_incidents_later_restated_toll_with_civilians_implies_combatants() -> None:
    title = "At least 20 dead in bombings near Damascus"
    lead = ("Suicide bombers struck outside a shrine near Damascus on Saturday, leaving at "
            "least 20 people dead. ")
    killed = _headline_killed(
        title, lead + "The monitor said at least 20 people were killed, including 13 civilians.")
    assert (killed["total"], killed["civilian"], killed["noncivilian"]) == (20, 13, 7)
    killed = _headline_killed(title, lead + "The monitor said 13 civilians were among the dead.")
    assert (killed["total"], killed["civilian"], killed["noncivilian"]) == (20, 13, None)


def test_incidents_killing_in_an_after_clause_is_not_among_the_dead() -> None:
    title = "Regime revenge attack kills dozens in Qalamoun"
    killed = _headline_killed(
        title, "The regime has killed at least 43 people in the town of Jayrud after a downed "
        "pilot was killed by rebels.")
    assert (killed["total"], killed["noncivilian"]) == (43, None)
    killed = _headline_killed(
        title, "The regime has killed at least 43 people in the town of Jayrud, and a pilot was "
        "killed by rebels.")
    assert (killed["total"], killed["noncivilian"]) == (43, 1)


def test_incidents_single_killing_with_its_own_verb_is_no_breakdown() -> None:
    title = "Regime shelling kills dozens in Jayrud"
    killed = _headline_killed(
        title, "Regime shelling killed at least 43 people in Jayrud on Saturday. "
        "Rebels had killed a pilot there on Friday.")
    assert (killed["total"], killed["noncivilian"]) == (43, None)
    killed = _headline_killed(
        title, "Regime shelling killed at least 43 people in Jayrud on Saturday. "
        "Two rebels were among the dead.")
    assert (killed["total"], killed["noncivilian"]) == (43, 2)


def test_incidents_update_in_the_lead_sentence_raises_the_toll() -> None:
    killed = _headline_killed(
        "Air raids kill 12 civilians in Aleppo",
        "Air strikes killed 12 civilians in Aleppo on Monday, bringing to 45 the number "
        "killed in 24 hours of bombardment.")
    assert killed["total"] == 45
    killed = _headline_killed(
        "Air raids kill 12 civilians in Aleppo",
        "Air strikes killed 12 civilians in Aleppo on Monday, a monitor said. Rebels said 45 "
        "fighters died in clashes near Hama.")
    assert killed["total"] == 12


def test_incidents_lead_bound_refined_by_the_next_sentence() -> None:
    text = ("Regime air raids killed more than 30 people in and around Aleppo on Friday. "
            "At least {n} people have been killed by regime raids in eastern Aleppo, the "
            "White Helmets said.")
    assert _headline_killed("Regime airstrikes kill dozens in Aleppo",
                            text.format(n=31))["total"] == 31
    # a figure far above the bound is another count
    assert _headline_killed("Regime airstrikes kill dozens in Aleppo",
                            text.format(n=45))["total"] == 30


def test_incidents_nationwide_sum_gives_way_to_the_first_local_figure() -> None:
    title = "Syria air strikes kill 32, monitor says"
    rest = (" killed at least 32 people on Monday, a monitoring group said. In Jassem in the "
            "southern province of Daraa, 15 civilians were killed in four air strikes.")
    killed = _headline_killed(title, "Government air strikes on towns across the country" + rest)
    assert (killed["total"], killed["civilian"]) == (15, 15)
    # without "across the country" the lead's figure is the incident's own
    killed = _headline_killed(title, "Government air strikes on the town of Jassem" + rest)
    assert killed["total"] == 32


def test_incidents_toll_over_a_period_is_no_update() -> None:
    lead = ("A civil defence worker said at least 32 people were killed in rebel-held parts of "
            "Aleppo during the air strikes on Sunday. ")
    title = "Aircraft step up bombing of Aleppo city"
    killed = _headline_killed(title, lead + "The death toll over the whole weekend was 44.")
    assert killed["total"] == 32
    killed = _headline_killed(title, lead + "The death toll later rose to 44.")
    assert killed["total"] == 44


def test_incidents_range_headline_is_the_low_end() -> None:
    from corroborate.extract.incidents import figure

    c = Casualty("killed", 43, 52, "range", Span(0, 5, "x"))
    assert figure(c) == 43 and (c.min, c.max) == (43, 52)
    assert figure(Casualty("killed", None, 80, "at_most", Span(0, 5, "x"))) == 80


@pytest.mark.parametrize(("title", "body", "killed"), [
    # a title naming one victim; the lead counts the incident's dead
    ("Local man killed in airport shooting",
     "One of the five people shot and killed on Friday at the airport was a local man.", 5),
    # a title with a digit keeps its figure
    ("1 killed in airport shooting", "Five people were shot and killed on Friday.", 1),
    # the same single victim in the lead keeps the title's one
    ("Man killed in shooting", "A man was shot dead on Main Street on Friday.", 1),
])
def test_incidents_title_single_victim_refined_by_the_lead(title: str, body: str,
                                                           killed: int) -> None:
    ext = extract(Article(id="t", title=title, text=body, published="2017-01-07"),
                  default_pipeline(Settings()))
    assert ext.incidents[0].toll["killed"]["total"] == killed


@pytest.mark.parametrize(("body", "children"), [
    # a breakdown of the dead shortly after the lead counts the children among them
    ("Air strikes killed 85 civilians on Tuesday, the monitor said. The strikes hit three "
     "villages. At least 56 civilians including 11 children were killed in the first raid.", 11),
    # a child counted with no part-of cue is another group, not a breakdown
    ("Air strikes killed 85 civilians on Tuesday, the monitor said. The strikes hit three "
     "villages. In another town 2 children were killed by a mine.", None),
    # beyond the breakdown's reach it is about something else
    ("Air strikes killed 85 civilians on Tuesday. A. B. C. D. E. F. At least 56 civilians "
     "including 11 children were killed there in 2014.", None),
])
def test_incidents_children_from_a_breakdown_after_the_lead(body: str,
                                                            children: int | None) -> None:
    ext = extract(Article(id="t", title="", text=body, published="2016-07-20"),
                  default_pipeline(Settings()))
    assert ext.incidents[0].toll["killed"]["children"] == children


# A roundup written as sections, each opening with a verbless "Place, date." heading.
_SECTIONS = ("A bad week in the north. Here is what happened.\n\n"
             "Saraqib, 3 May. Jets struck the market in Idlib province, killing 14 people.\n\n"
             "Tal Rifaat, 6 May. Shells fell on the town in Aleppo province overnight. Medics "
             "said the barrage killed five people.")


def test_incidents_section_headings_open_their_own_incidents() -> None:
    ext = extract(Article(id="s", title="", text=_SECTIONS, published="2017-05-09"), _PIPE)
    got = sorted((i.date.value if i.date else None, i.toll["killed"]["total"])
                 for i in ext.incidents)
    # "the barrage killed five people" names no date or place: its heading's date rules
    assert got == [("2017-05-03", 14), ("2017-05-06", 5)]


@pytest.mark.parametrize("text", [
    # a date inside a sentence with a verb is no heading: the follow-up stays one incident
    "Jets struck the market in Saraqib in Idlib province, killing 14 people. The funeral "
    "was held in Saraqib, 6 May. Medics said the strike killed 14 people.",
    # a heading with the same day as the incident opens nothing new
    "Saraqib, 3 May. Jets struck the market in Idlib province, killing 14 people.\n\n"
    "Saraqib, 3 May. Medics said the strike killed five children among them.",
])
def test_incidents_without_a_new_dated_heading_stay_one(text: str) -> None:
    ext = extract(Article(id="s", title="", text=text, published="2017-05-09"), _PIPE)
    assert len(ext.incidents) == 1


def test_incidents_seat_of_government_is_not_the_place() -> None:
    text = ("Two weeks of fighting have strained ties with the government in Damascus. "
            "Jets struck a market in Saraqib in Idlib province, killing 14 people.")
    ext = extract(Article(id="g", title="", text=text, published="2017-05-09"), _PIPE)
    place = ext.incidents[0].place
    assert place is not None and place.admin1 == "Idlib"


def test_incidents_authorities_in_a_place_keep_it() -> None:
    # in local news "authorities in Dallas" are the police where it happened
    text = "Authorities in Dallas said a man was shot and killed late Thursday."
    ext = extract(Article(id="d", title="", text=text, published="2017-05-09"), _PIPE)
    place = ext.incidents[0].place
    assert place is not None and place.name == "Dallas"


def _headline_toll(text: str, outcome: str) -> int | None:
    ex = extract(Article(id="t", title="", text=text, published="2016-08-25"))
    return ex.incidents[0].toll[outcome]["total"]


def test_incidents_people_named_one_by_one_are_those_counted() -> None:
    # after a counted group, people named one by one are its members, "also" or not
    assert _headline_toll(
        "Three men were shot outside a bar on Sunday. A 20-year-old was shot in the leg, "
        "a 24-year-old in the arm. Another man was also shot in the hand.", "injured") == 3
    # ... but one more person said with "also" right after the count is one more
    assert _headline_toll(
        "Two soldiers were killed in the ambush on Sunday. A driver was also killed.",
        "killed") == 3


def _headline_toll_titled(title: str, text: str) -> dict:
    ex = extract(Article(id="t", title=title, text=text, published="2016-08-25"))
    return {o: ex.incidents[0].toll[o]["total"] for o in ("killed", "injured")}


_SEPARATE_BODY = ("Three people died and nine were hurt when gunfire broke out across the city on "
                  "Saturday night. Police said a 40-year-old man was killed and two teenagers "
                  "were wounded outside a gas station on Elm Road.")


def test_incidents_several_shootings_title_gives_way_to_the_first_account() -> None:
    # the title sums separate shootings; the body restates the sum, then tells one of them
    toll = _headline_toll_titled("3 dead, 9 hurt in separate weekend shootings", _SEPARATE_BODY)
    assert toll == {"killed": 1, "injured": 2}
    toll = _headline_toll_titled("Violent night leaves 3 dead, 9 hurt", _SEPARATE_BODY)
    assert toll == {"killed": 1, "injured": 2}
    toll = _headline_toll_titled("Nine hurt, three dead in 4 shootings", _SEPARATE_BODY)
    assert toll == {"killed": 1, "injured": 2}


def test_incidents_one_shooting_title_keeps_its_sum() -> None:
    # one attack (a bare plural is shots of one attack, "attacks" are an offensive's parts)
    for title in ("3 dead, 9 hurt in Elm Road shootings", "3 dead, 9 hurt in gas station shooting",
                  "3 dead, 9 hurt in militant attacks"):
        assert _headline_toll_titled(title, _SEPARATE_BODY) == {"killed": 3, "injured": 9}
    # a part named beside the sum ("including 4 juveniles") is not another shooting's figure
    toll = _headline_toll_titled(
        "9 people, including 4 teenagers, hurt in separate shootings",
        "Nine people, including 4 teenagers, were hurt in the city on Friday night. No one "
        "was killed, police said.")
    assert toll["injured"] == 9


def test_incidents_several_events_title_reads_event_counts_not_victim_counts() -> None:
    from corroborate.extract.incidents import _SEVERAL_EVENTS

    for title in ("2 dead in separate shootings", "Six hurt in 3 unrelated stabbings",
                  "Violent weekend in Dayton", "Five shot in multiple East Side shootings"):
        assert _SEVERAL_EVENTS.search(title), title
    # a number before an outcome word counts victims ("17 injured in shootings")
    for title in ("17 injured in shootings", "4 people wounded in Oak Park shootings",
                  "12 killed as gunmen launch attacks", "Violent crime falls"):
        assert not _SEVERAL_EVENTS.search(title), title
