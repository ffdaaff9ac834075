"""Divisions the cities' admin-1 column does not give (ISO 3166-2, ``subdivisions.tsv``).

A province with no town of 15,000 people was unknown, so a text naming it read a town of
the same name abroad ("Lac" in Chad as Laç in Albania) or nothing at all.  These
divisions are read only where the text marks them ("Lac province", "Bol, Lac", "in
Northern Samar" in a story set there), and a named country still outweighs them.
Every sentence is written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.config import Settings
from corroborate.doc import Doc
from corroborate.errors import CorroborateError
from corroborate.extract import gazetteer, places
from corroborate.models import Article

_COMP = places.create(Settings())


def _where(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.span.text, p.name, p.admin1, p.country)
            for p in _COMP(Doc(Article(id="t", text=text))).get("places")]


@pytest.mark.parametrize(("text", "surface", "name", "admin1", "country"), [
    ("Gunmen raided a village in Bamingui-Bangoran prefecture, killing three herders.",
     "Bamingui-Bangoran prefecture", "Bamingui-Bangoran", "Bamingui-Bangoran", "CF"),
    ("Clashes in Bujumbura Rural province of Burundi left two dead.",
     "Bujumbura Rural province", "Bujumbura Rural", "Bujumbura Rural", "BI"),
    ("Boko Haram attacked an army post in Lac province, Chad, killing five soldiers.",
     "Lac province", "Lac", "Lac", "TD"),
    ("Chad: fighters killed four fishermen near Bol, Lac.", "Lac", "Lac", "Lac", "TD"),
    ("An IED exploded in Lac region (Chad) on Monday.", "Lac region", "Lac", "Lac", "TD"),
    # a compound province name is one name, not a direction and a town elsewhere
    ("NPA rebels killed a soldier in Northern Samar, Philippines.",
     "Northern Samar", "Northern Samar", "Eastern Visayas", "PH"),
    ("Fighting in Northern Samar left three dead.",
     "Northern Samar", "Northern Samar", "Eastern Visayas", "PH"),
])
def test_places_subdivisions_marked_division_is_read(text: str, surface: str, name: str,
                                                     admin1: str, country: str) -> None:
    assert (surface, name, admin1, country) in _where(text)


def test_places_subdivisions_named_country_outweighs_the_division() -> None:
    # "Lac, Albania": the town in Albania, not Chad's province
    assert ("Lac", "Laç", "Lezhe", "AL") in _where("A man was shot in Lac, Albania.")


@pytest.mark.parametrize("text", [
    "Lac is quiet tonight.",  # no mark: a bare word is not read as Chad's province
    "The festival moved to Bamingui last year.",  # part of a division's name is not it
    "Samara police said a man was shot.",  # the Russian city is still the city
])
def test_places_subdivisions_unmarked_name_is_not_a_division(text: str) -> None:
    assert not [w for w in _where(text) if w[3] in ("TD", "CF", "PH")]


def test_places_subdivisions_province_named_as_a_town_is_left_to_the_town() -> None:
    gaz = gazetteer.load()
    # Bari is a province of the Apulia region and its capital: one reading, the city
    bari = [e for e in gaz.lookup("Bari") if e.country == "IT"]
    assert bari and all(e.kind == "city" for e in bari)
    samar = [e for e in gaz.lookup("Northern Samar") if e.country == "PH"]
    assert [(e.kind, e.admin1) for e in samar] == [("district", "Eastern Visayas")]


def test_places_subdivisions_file_rejects_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "subdivisions.tsv"
    bad.write_text("code\tcountry\tname\tkind\tadmin1\nXX-1\tXX\tSomewhere\tcity\tSomewhere\n",
                   encoding="utf-8")
    with pytest.raises(CorroborateError) as e:
        gazetteer._with_subdivisions([], [], [], bad)
    assert e.value.code == "E050" and e.value.row == 0


def test_places_subdivisions_division_named_by_a_common_word_is_not_read() -> None:
    # Tanzania's "Coast" region: in English copy the word is a coast
    assert not [w for w in _where('The "Coast to Coast" seat belt drive starts in Ohio.')
                if w[3] == "TZ"]


def test_places_subdivisions_marked_only_reading_keeps_the_names_country() -> None:
    # the Bahamas' Long Island district is read only where a text marks it: a bare "Long
    # Island" still gives its story the United States as context
    gaz = gazetteer.load()
    assert "BS" in {e.country for e in gaz.lookup("Long Island")}
    hits = [h for h in gaz.hits("Shots near Long Island's campus.") if h.key == "long island"]
    assert [h.country for h in hits] == ["US"]
