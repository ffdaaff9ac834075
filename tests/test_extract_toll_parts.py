"""What a figure counts within a toll: a part said after its group ("22 people, 6 of them
civilians"; "8 people: 5 soldiers and 3 civilians"; "8 people, 5 soldiers and 3 civilians",
whose list adds up to the group), a side's loss ("troops lost 7 men"), a killing in an
"after ..." clause of a restated toll, and groups named by staff or crew. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from casualty_fixtures import mentions
from corroborate.config import Settings
from corroborate.extract import default_pipeline, extract
from corroborate.models import Article

_PIPE = default_pipeline(Settings())


def _killed(text: str) -> tuple[int | None, int | None, int | None]:
    ext = extract(Article(id="p", text=text, published="2016-05-01"), _PIPE)
    t = ext.incidents[0].toll["killed"] if ext.incidents else {}
    return t.get("total"), t.get("civilian"), t.get("noncivilian")


@pytest.mark.parametrize(("text", "toll"), [
    # a part after a comma and "of them" says who some of the dead were
    ("The blast killed 8 people, 5 of them soldiers.", (8, None, 5)),
    ("At least 22 people were killed, 6 of them civilians.", (22, 6, 16)),
    # a breakdown after a colon, or a comma list that adds up to the group
    ("The attack killed 8 people: 5 soldiers and 3 civilians.", (8, 3, 5)),
    ("The attack killed 8 people, 5 soldiers and 3 civilians.", (8, 3, 5)),
    # groups of their own still add up
    ("Rebels killed 3 civilians, 2 soldiers and 4 policemen.", (9, 3, 6)),
    ("An air strike on a hospital killed 4 medical staff and 6 patients.", (10, 6, None)),
    # a side's own dead
    ("The army lost at least 20 soldiers in the battle for the hill.", (20, None, 20)),
    ("Government troops lost 7 men in the assault.", (7, None, None)),
    ("Clashes broke out near the checkpoint. 4 soldiers and 7 Taliban were killed.",
     (11, None, 11)),
    # a group "also killed" after the lead keeps its kind
    ("Air strikes killed 15 civilians in the town on Monday. The monitor said 4 rebels were "
     "also killed in clashes nearby.", (19, 15, 4)),
    ("Air strikes killed 15 people in the town on Monday. The monitor said 4 rebels were "
     "also killed in clashes nearby.", (19, None, 4)),
    # a breakdown in brackets
    ("Militants attacked a post in the town, killing 3 (2 gendarmes and 1 civilian).",
     (3, 1, 2)),
    # a side's own dead beside those it killed, under one subject
    ("Military forces killed 14 Boko Haram fighters, and lost 2 soldiers, near the town.",
     (16, None, 16)),
    ("The army killed 14 militants. It lost 2 soldiers in the fighting.", (14, None, 14)),
    # a relative clause between the people counted and their predicate
    ("Nine fighters who were guarding the checkpoint were killed.", (9, None, 9)),
    ("The monitor said nine members of the Army of Conquest rebel alliance who were working in "
     "the clinic were killed.", (9, None, 9)),
    ("Five civilians who had fled the town were killed by shelling.", (5, 5, None)),
    # a toll named by its event before it rose
    ("The toll from Saturday's car bomb in the town rose to 43, the monitor said.",
     (43, None, None)),
])
def test_extract_toll_parts_headline(text: str, toll: tuple) -> None:
    assert _killed(text) == toll


@pytest.mark.parametrize("text", [
    "The rebels lost 7 tanks in the battle.",
    "The family lost 2 homes in the fire.",
    # a loss that is no armed side's dead of this incident
    "A mother who lost 2 sons to gun violence spoke at the vigil.",
    # the clause's own verb is no predicate of the figure
    "Three men who were arrested in the town had guns.",
    # a toll that rose is no count without a figure of people
    "The toll of the storm rose to new heights, officials said.",
])
def test_extract_toll_parts_losses_of_things_count_nobody(text: str) -> None:
    assert mentions(text) == []


def test_extract_toll_parts_killing_before_the_attack_is_not_its_dead() -> None:
    text = ("Shelling killed at least 43 people in the town on Saturday, a monitor said. At "
            "least 43 people have been killed by shelling in the town after a downed pilot "
            "was executed by rebels.")
    assert _killed(text) == (43, None, None)


def test_extract_toll_parts_spans_point_at_the_part() -> None:
    text = "At least 22 people were killed, 6 of them civilians."
    part = next(c for c in mentions(text) if c.victims == "civilian")
    assert (part.min, part.span.text) == (6, "6 of them civilians")
