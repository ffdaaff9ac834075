"""Sentence splitting: offsets, abbreviations, paragraphs, datelines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import sentences
from corroborate.extract.sentences import split_sentences
from corroborate.models import Article


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_split_on_stops_and_keep_closing_quotes() -> None:
    text = 'He said "It is over." Then he left! Did he? Yes.'
    assert _texts(text) == ['He said "It is over."', "Then he left!", "Did he?", "Yes."]


def test_sentences_abbreviations_do_not_split() -> None:
    text = "Gen. Smith met Mr. Jones at No. 5 Street. The U.S. Army said 3.5 tons fell."
    assert _texts(text) == ["Gen. Smith met Mr. Jones at No. 5 Street.",
                            "The U.S. Army said 3.5 tons fell."]


def test_sentences_abbreviation_can_end_a_sentence() -> None:
    assert _texts("Strikes were carried out by the U.S. The army denied it.") == [
        "Strikes were carried out by the U.S.", "The army denied it."]


def test_sentences_paragraph_break_always_splits() -> None:
    assert _texts("A headline without a stop\n\nThe body starts here") == [
        "A headline without a stop", "The body starts here"]


def test_sentences_hard_wrapped_line_does_not_split() -> None:
    assert _texts("Five people were\nkilled in the raid.") == ["Five people were\nkilled in the raid."]


def test_sentences_fakes_dateline_is_its_own_sentence() -> None:
    text = "Fri 07 Apr 2017 at 0914 Governor says attack caused deaths. A strike hit."
    assert _texts(text)[0] == "Fri 07 Apr 2017 at 0914"
    text = "Posted on April 19 2017 by Asharq Al-Awsat English Six Killed in Aleppo"
    assert _texts(text)[0] == "Posted on April 19 2017 by Asharq Al-Awsat English"
    assert _texts("12-02-2015 At least 5 killed.")[0] == "12-02-2015"


def test_sentences_component_keeps_title_separate() -> None:
    doc = Doc(Article(id="a", title="Five killed in Idlib", text="Five people were killed."))
    sentences.create()(doc)
    got = [doc.text[s:e] for s, e in doc.get("sentences")]
    assert got == ["Five killed in Idlib", "Five people were killed."]


def test_sentences_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'U.S0123,")), max_size=200))
def test_sentences_offsets_are_tight_ordered_and_inside(text: str) -> None:
    prev_end = 0
    for s, e in split_sentences(text):
        assert 0 <= prev_end <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        prev_end = e
