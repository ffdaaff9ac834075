"""Incident assembly and tolls, on docs with hand-built annotations, and the full pipeline."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import casualties, default_pipeline, extract, incidents, sentences
from corroborate.extract.incidents import compute_toll
from corroborate.models import Article, Attribution, Casualty, Cause, DateClaim, Place, Span

_SENT = sentences.create()
_CAS = casualties.create()
_INC = incidents.create(requires=("sentences", "casualties"))


def _span(doc: Doc, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return doc.char_span(start, start + len(needle))


def _doc(text: str, title: str = "", published: str | None = "2016-09-20") -> Doc:
    return _CAS(_SENT(Doc(Article(id="t", title=title, text=text, published=published))))


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
    pipe = default_pipeline()
    assert pipe.names[0] == "sentences" and pipe.names[-1] == "incidents"
    ext = extract(Article(id="a", title="", text=""), pipe)
    assert ext.incidents == [] and ext.to_dict()["id"] == "a"


def _seed(seeds_dir: Path, name: str) -> Article:
    raw = next(p for p in seeds_dir.iterdir() if name in p.name).read_text(encoding="utf-8")
    return Article(id=name, text=raw)


def test_incidents_seeds_headline_tolls(seeds_dir: Path) -> None:
    pipe = default_pipeline()
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


_PIPE = default_pipeline()


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

    pipe = default_pipeline()
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
