"""Page furniture in crawled bodies: blanked, offsets kept, the title read alone.

Every body here is written for the test in the shapes such pages take (a
newsletter widget, a playlist of clips, a paywall counter, a cookie banner, a
redirect page, a station promotion); none is copied from a dataset.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import boilerplate, extract
from corroborate.models import Article

_COMP = boilerplate.create()


def _run(title: str, body: str) -> Doc:
    return _COMP(Doc(Article(id="b", title=title, text=body)))


@pytest.mark.parametrize("body", [
    "Close Get email notifications on Ann Lee daily!\n\nYour notification has been saved.\n\n"
    "There was a problem saving your notification.",
    "2:14 Crews battle a brush fire near the lake Pause\n\n1:05 City council approves budget\n\n"
    "0:48 Crash closes the highway, 3 dead",
    "4 of 5 Premium Clicks used this month",
    "We use cookies to improve your experience. By continuing you accept cookies.",
    "You are being redirected.\nClick here if you are not redirected within 5 seconds.",
    "WXYZ-TVWelcome to WXYZ-TV on CityNews.com! Join us for the news at six.\n\nWXYZ Radio",
    "Please enable Javascript to watch this video",
])
def test_boilerplate_body_of_furniture_leaves_the_title(body: str) -> None:
    doc = _run("Two wounded in shooting in Dayton", body)
    assert doc.text[:doc.title_end] == doc.article.full_text[:doc.title_end]
    assert not doc.text[doc.title_end:].strip()
    assert len(doc.text) == len(doc.article.full_text)
    assert doc.get("warnings") == [boilerplate.TITLE_ONLY]


def test_boilerplate_title_is_the_report_when_body_is_furniture() -> None:
    ext = extract(Article(id="t", title="4 injured by gunfire in Sacramento",
                          text="3:02 A dog and its owner find a home Pause\n\n"
                               "1:27 Festival paints the city\n\n0:20 Fiery crash kills 2"))
    inc = ext.incidents[0]
    assert inc.toll["injured"]["total"] == 4 and not inc.toll["killed"]["total"]
    assert inc.place is not None and inc.place.admin1 == "California"
    assert boilerplate.TITLE_ONLY in ext.warnings


def test_boilerplate_furniture_paragraph_blanked_report_kept() -> None:
    body = ("Please enable Javascript to watch this video\n\n"
            "DAYTON, Ohio - Two men were shot dead on Main Street on Friday.")
    doc = _run("Two killed in Dayton", body)
    full = doc.article.full_text
    kept = full.index("DAYTON")
    assert doc.text[kept:] == full[kept:]
    assert "Javascript" not in doc.text and doc.get("warnings") is None
    assert len(doc.get("boilerplate")) == 1


@pytest.mark.parametrize("body", [
    # a report that mentions cookies, subscribers or a clock time is still a report
    "The bakery sold cookies to raise money for the victims' families on Saturday.",
    "9:30 Police were called to a home on Elm Street, where a man had been shot.",
    "The newspaper's subscribers received the story on Friday. Police said the man was 19.",
    "Neighbours said they heard shots. The victim, 22, was taken to hospital.",
])
def test_boilerplate_reports_are_not_furniture(body: str) -> None:
    doc = _run("Man shot on Elm Street", body)
    assert doc.text == doc.article.full_text and doc.get("boilerplate") == []


def test_boilerplate_long_paragraph_with_a_late_phrase_is_kept() -> None:
    body = ("Police said a man was shot twice on Elm Street late on Friday and taken to "
            "hospital in serious condition; officers are still looking for the gunman, "
            "who fled in a grey car, and asked anyone with a camera on the street to come "
            "forward. The station's website, which says we use cookies, carried the appeal "
            "along with a number to call.")
    assert _run("Man shot", body).get("boilerplate") == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([
    "Your notification has been saved.", "1:02 Clip title", "Police said a man died.",
    "\n", "\n\n", " ", "We use cookies", "CW 9"]), max_size=12).map("".join))
def test_boilerplate_blanking_keeps_length_and_newlines(body: str) -> None:
    doc = _run("A title", body)
    full = doc.article.full_text
    assert len(doc.text) == len(full)
    for a, b in zip(doc.text, full, strict=True):
        assert a == b or (a == " " and b != "\n")
