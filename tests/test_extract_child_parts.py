"""Children and women counted as part of a toll: "six of them were children", "Of those
killed, two were women", "killed 3 people, including a child", "The victims included 51
children", and the children of two groups of one sentence. Sentences written for these tests."""

from __future__ import annotations

import pytest

from casualty_fixtures import mentions
from corroborate.config import Settings
from corroborate.extract import default_pipeline, extract
from corroborate.models import Article

_PIPE = default_pipeline(Settings())


def _killed(text: str) -> dict[str, int | None]:
    ext = extract(Article(id="c", text=text, published="2016-05-01"), _PIPE)
    return ext.incidents[0].toll["killed"]


@pytest.mark.parametrize(("text", "children", "women"), [
    ("Air strikes on the town killed 25 civilians, a monitor said. Of those killed, six were "
     "children.", 6, None),
    ("Shelling killed 12 people in the village. Five of the dead were children.", 5, None),
    ("Shelling killed 12 people in the village, four of them were women.", None, 4),
    ("The strike killed 3 people, including a child.", 1, None),
    ("The bombing left 4 dead, including a woman.", None, 1),
    ("Clashes between two clans resulted in 3 fatalities, including a child.", 1, None),
    ("Bombing killed 270 civilians in the city. The victims included 51 children and 28 "
     "women.", 51, 28),
    ("Air raids killed 18 civilians. Eleven civilians including four children were killed in "
     "one district and seven others including a baby were killed in another.", 5, None),
])
def test_extract_child_parts_fill_children_and_women(text: str, children: int | None,
                                                     women: int | None) -> None:
    toll = _killed(text)
    assert (toll["children"], toll["women"]) == (children, women)
    # a part never adds people to the toll it is part of
    assert toll["total"] == max(c.max or 0 for c in mentions(text) if not (c.children or c.women))


@pytest.mark.parametrize("text", [
    # the predicate names no children or women, or the group is not the dead
    "Shelling killed 12 people in the village. Two of the guards were women.",
    "Shelling killed 12 people in the village, five of them were fighters.",
    "The strike killed 3 people, including a commander.",
    # the same children restated by a second group that is not "others"
    "Air raids killed 18 civilians including four children. Ten civilians including four "
    "children were killed in one district.",
])
def test_extract_child_parts_other_words_add_no_part(text: str) -> None:
    toll = _killed(text)
    assert toll["women"] is None
    assert toll["children"] in (None, 4)


def test_extract_child_parts_spans_point_at_the_part() -> None:
    text = "Shelling killed 12 people in the village. Five of the dead were children."
    part = next(c for c in mentions(text) if c.children)
    assert (part.min, part.span.text) == (5, "Five of the dead were children")
