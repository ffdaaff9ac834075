"""Places in US local news: the agency that names its town, counties, streets, the state a
bare town is in, names a person carries, and GeoNames alternate names of English-named
places.

Every sentence here is written for the test in the style of a local report; none is taken
from a dataset.
"""

from __future__ import annotations

import pytest

from corroborate.config import Settings
from corroborate.doc import Doc
from corroborate.extract import gazetteer, places
from corroborate.models import Article, Place

_COMP = places.create(Settings())


def _places(text: str) -> list[Place]:
    return _COMP(Doc(Article(id="t", text=text))).get("places")


def _where(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.span.text, p.admin1, p.country) for p in _places(text)]


# --- a local agency after a name: the town it serves ---------------------------------

@pytest.mark.parametrize(("text", "span", "admin1"), [
    ("Tucson police said the boy was hurt in his back yard.", "Tucson", "Arizona"),
    ("Officers from the Lubbock Police Department closed the street.", "Lubbock", "Texas"),
    ("Cheyenne Police are asking neighbours for video.", "Cheyenne", "Wyoming"),
    ("Jacksonville police said the girl would recover.", "Jacksonville", "Florida"),
])
def test_places_local_agency_after_names_its_town(text: str, span: str, admin1: str) -> None:
    assert (span, admin1, "US") in _where(text)


@pytest.mark.parametrize("text", [
    "Jacksonville said nothing more about the budget.",  # a sentence's first word, no agency
    "Jackson told the police he had heard nothing.",  # a person, and "police" is not after him
])
def test_places_local_no_agency_no_place(text: str) -> None:
    assert _where(text) == []


# --- US counties: "X County" says its state when one state has it ------------------------

@pytest.mark.parametrize(("text", "span", "admin1"), [
    ("The Tishomingo County Sheriff's Department took the call.", "Tishomingo County",
     "Mississippi"),
    ("SNOWVILLE, Box Elder County — A boy was hurt while hunting.", "Box Elder County",
     "Utah"),
    ("Deputies of the Ascension Parish Sheriff's Office found two bodies.", "Ascension Parish",
     "Louisiana"),
])
def test_places_local_county_of_one_state(text: str, span: str, admin1: str) -> None:
    assert (span, admin1, "US") in _where(text)


def test_places_local_county_of_many_states_needs_the_state() -> None:
    assert _where("A Washington County deputy was hurt in the crash.") == []
    assert ("Franklin County", "Virginia", "US") in _where(
        "A Franklin County girl was flown to a hospital in Roanoke, Va.")


def test_places_local_county_particle_written_apart_or_joined() -> None:
    for spelling in ("DeKalb County", "De Kalb County"):
        assert (spelling, "Georgia", "US") in _where(
            f"{spelling} deputies met the family in Decatur, Ga.")
    assert {e.admin1 for e in gazetteer.load().lookup("Leflore County")} == {
        "Mississippi", "Oklahoma"}


def test_places_local_county_gives_the_state_of_a_bare_town() -> None:
    # two towns called Marion are in the gazetteer; the county says which state
    found = _where("A Marion boy shot himself, Marion County deputies said. The family "
                   "lives on a farm outside Salina, Kansas.")
    assert ("Marion County", "Kansas", "US") in found


# --- a street is not the town it is named after -----------------------------------------

@pytest.mark.parametrize("text", [
    "Gunfire broke out on Sugar Hill Street after midnight.",
    "Officers closed Monroe Street for two hours.",
    "The car was found on Antelope street, deputies said.",
    "He was found near 12th Street and Monroe.",
    "Shots were reported near Broadway and Riverview.",
    "The shooting happened near Fern and Olive streets.",
])
def test_places_local_street_names_are_not_places(text: str) -> None:
    assert _where(text) == []


@pytest.mark.parametrize(("text", "span"), [
    ("The victim lives in Sugar Hill, deputies said.", "Sugar Hill"),
    ("Five people were shot at a Memphis apartment complex.", "Memphis"),
    ("Troopers said the crash on a Monroe street left two hurt.", "Monroe"),
])
def test_places_local_town_before_a_lowercase_noun_stays_a_place(text: str, span: str) -> None:
    assert span in [w[0] for w in _where(text)]


@pytest.mark.parametrize(("text", "name"), [
    ("The South Carolina Highway Patrol said the driver was hurt.", "South Carolina"),
    ("The Michigan Court of Appeals heard the case.", "Michigan"),
])
def test_places_local_highway_patrol_and_court_are_no_streets(text: str, name: str) -> None:
    start = text.index(name)
    assert not places._street(text, start, start + len(name))


# --- one name, one referent: the person named in full -----------------------------------

def test_places_local_surname_of_a_named_person_is_not_a_town() -> None:
    text = ("Deputies Derrick Stafford and Paul Greene were charged on Monday. "
            "Stafford fired first, prosecutors said.")
    assert "Stafford" not in [w[0] for w in _where(text)]


def test_places_local_speakers_from_a_city_keep_it_a_place() -> None:
    text = "Activists from Aleppo told reporters the shelling went on. Families fled Aleppo."
    assert text.rindex("Aleppo") in [p.span.start for p in _places(text)]


def test_places_local_title_does_not_reach_across_a_line_break() -> None:
    text = "The march ended at the statue of Martin Luther King\nHouston police closed the road."
    assert ("Houston", "Texas", "US") in _where(text)


# --- a bare town is in the state the story is set in --------------------------------------

def test_places_local_bare_town_takes_the_datelines_state() -> None:
    found = _where("CHICAGO — Three men were wounded on a porch in Englewood late Monday.")
    assert ("Englewood", "Illinois", "US") in found


def test_places_local_bare_town_elsewhere_is_a_neighbourhood() -> None:
    # no Austin in Illinois is known: the neighbourhood is not the city in Texas
    assert _where("Chicago police said two men were shot in Austin on Friday.") == [
        ("Chicago", "Illinois", "US")]


@pytest.mark.parametrize("text", [
    "CHICAGO — A teenager from Austin, Texas, was wounded near the lake.",  # named with its state
    "Two men were shot in Austin on Friday, police said.",  # no other state in the story
])
def test_places_local_town_named_with_its_state_or_alone_keeps_it(text: str) -> None:
    assert ("Austin", "Texas", "US") in _where(text)


def test_places_local_other_states_bare_name_does_not_move_a_town() -> None:
    # "a man from Idaho": a state named alone says where someone is from, not the story
    found = _where("Tacoma police arrested a man from Idaho after the shooting.")
    assert ("Tacoma", "Washington", "US") in found


# --- foreign readings in a story the text sets in the US ---------------------------------

def test_places_local_alternate_name_abroad_yields_to_a_marked_state() -> None:
    assert _where("BATON ROUGE, La. — A woman was found dead at her home in Galvez.") == [
        ("BATON ROUGE", "Louisiana", "US")]


def test_places_local_alternate_name_abroad_stands_without_a_marked_state() -> None:
    assert [w[2] for w in _where("Two farmers were found dead in Galvez on Sunday.")] == ["AR"]


def test_places_local_metro_is_a_word() -> None:
    assert _where("Metro police said the driver fled north.") == []


# --- GeoNames alternate names of English-named places -------------------------------------

@pytest.mark.parametrize(("alternate", "own", "spelling"), [
    ("Ft. Myers", "Fort Myers", True),
    ("St. Louis", "Saint Louis", True),
    ("Salt Lake", "Salt Lake City", True),
    ("Kalispel", "Kalispell", True),
    ("Ridgeville", "Evanston", False),  # a former name
    ("Lake Park", "Spanaway", False),  # a neighbouring place
    ("Fordham Heights", "University Heights", False),  # only the generic word in common
])
def test_places_local_spelling_of_an_own_name(alternate: str, own: str, spelling: bool) -> None:
    assert gazetteer._spelling_of(alternate, own) is spelling


def test_places_local_alternate_name_of_a_us_town_is_not_read() -> None:
    gaz = gazetteer.load()
    assert "Evanston" not in [e.name for e in gaz.lookup("Ridgeville")]
    assert "Meriden" not in [e.name for e in gaz.lookup("Silver City")]
    assert "Fort Myers" in [e.name for e in gaz.lookup("Ft. Myers")]
