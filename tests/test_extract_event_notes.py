"""Short conflict-event notes (one paragraph, many countries): the headline killed figure.

The notes are written for these tests in the style of event-data coders (a date, the
actors, the place, the outcome), one language class per case; none is copied from a dataset.
"""

from __future__ import annotations

import pytest

from corroborate.config import Settings
from corroborate.extract import default_pipeline, extract
from corroborate.models import Article

_PIPE = default_pipeline(Settings())


def _toll(text: str) -> tuple[int | None, int | None]:
    ext = extract(Article(id="n", text=text, published="2020-12-31"), _PIPE)
    head = ext.incidents[0] if ext.incidents else None
    if head is None:
        return None, None
    return head.toll["killed"]["total"], head.toll["injured"]["total"]


@pytest.mark.parametrize(("note", "killed"), [
    # "N <victim> fatalities"
    ("On 3 March 2020, militants attacked a checkpoint near Bama, resulting in 6 rebel "
     "fatalities.", 6),
    ("On 21 January 2020, the SDF clashed with IS militants near Hajin. 3 fatalities were "
     "reported.", 3),
    # a group name written with a slash
    ("On 22 February 2020, 56 BH/IS fighters were killed by Chadian troops near Lake Chad.", 56),
    # members of a named unit
    ("On 6 January 2020, 2 members of the regime's Air Force Intelligence were killed by an IED "
     "in Daraa.", 2),
    # groups of one kind under one predicate add up
    ("On 1 November 2020, forty GNA soldiers and eight LNA soldiers were killed in clashes south "
     "of Tripoli.", 48),
    ("On 15 October 2020, AQIM militants clashed with FAMa soldiers near Boulkessi. 12 militants "
     "and 3 soldiers were killed.", 15),
    # a total with its breakdown in brackets is the total
    ("On 16 May 2020, regime forces shelled Kafr Nabl, killing 5 civilians (2 men, 2 women and 1 "
     "child).", 5),
    # captives killed later
    ("On 7 October 2020, ISWAP fighters abducted 9 soldiers near Monguno and later killed them.",
     9),
    # a range: the low end is the headline figure
    ("On 4 December 2020, Boko Haram militants attacked Kwarangulum village, killing between 43 "
     "and 52 farmers.", 43),
    # one victim without a digit
    ("On 9 April 2020, a man was shot dead by unidentified gunmen in Karachi.", 1),
    ("On 8 November 2020, a landmine explosion killed a shepherd in Tal Afar district.", 1),
    ("On 13 September 2020, a Houthi missile struck a house in Taiz, killing a woman and her son.",
     2),
    ("On 19 July 2020, police fired on protesters in Conakry, killing one protester.", 1),
    ("On 27 March 2020, a civilian died from injuries sustained in an airstrike in Saraqib.", 1),
    ("On 17 December 2020, rival cattle herders clashed in Jonglei state; 7 people were killed "
     "and 11 wounded.", 7),
    # "shot dead" before its figure; a singular "fatality"; "a member of" is one person
    ("On 3 May 2020, police shot dead 2 suspected robbers in Kisumu county.", 2),
    ("On 9 May 2020, factions shelled positions near Ain Issa. 1 fatality.", 1),
    ("On 18 April 2020, unidentified gunmen killed a member of the SDF in Thiban.", 1),
])
def test_event_notes_killed_where_someone_died(note: str, killed: int) -> None:
    assert _toll(note)[0] == killed


@pytest.mark.parametrize("note", [
    "On 11 August 2020, protesters gathered in front of the parliament in Beirut to demand the "
    "resignation of the government.",
    "On 18 September 2020, military forces shelled rebel positions in Idlib. No casualties were "
    "reported.",
    "On 30 July 2020, an IED exploded near a military patrol in Kirkuk, wounding 2 soldiers. No "
    "fatalities.",
    "On 23 May 2020, gunmen kidnapped 3 aid workers on the Maiduguri-Damboa road.",
    "On 2 April 2020, security forces arrested 15 protesters in Algiers.",
    # captives released, not killed
    "On 7 October 2020, ISWAP fighters abducted 9 soldiers near Monguno and later released them.",
    "On 3 August 2020, unknown assailants attacked a herder near Bankass and stole 40 cattle. The "
    "herder was injured.",
    # a commemoration of a past massacre is not a death today
    "On 11 July 2020, residents commemorated the 1995 Srebrenica massacre, in which about 8,000 "
    "people were killed.",
    "On 25 April 2020, a drone strike hit a vehicle in Marib, resulting in an unknown number of "
    "fatalities.",
])
def test_event_notes_no_false_death(note: str) -> None:
    assert not _toll(note)[0]


def test_event_notes_injured_only() -> None:
    assert _toll("On 4 July 2020, a bomb exploded in a mosque in Kabul, injuring 8 worshippers.") \
        == (None, 8)
