"""Framing: labels, negation, hedges and speakers, on hand-built sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import attribution, framing
from corroborate.models import Article, Attribution, Framing, Span
from corroborate.pipeline import Pipeline


def frames(text: str) -> list[tuple[str, str | None, str]]:
    doc = Pipeline([attribution.create(), framing.create()])(Doc(Article(id="t", text=text)))
    return [(f.label, f.speaker, f.span.text) for f in doc.get("framing")]


def test_extract_framing_component_needs_attributions() -> None:
    comp = framing.create()
    assert comp.name == "framing"
    assert comp.requires == ("attributions",)
    assert comp.assigns == ("framing",)


@pytest.mark.parametrize(("text", "label", "speaker"), [
    ("The ministry said the shelling was a deliberate attack on civilians.", "deliberate",
     "ministry"),
    ("Witnesses said the gunmen opened fire on purpose.", "deliberate", "Witnesses"),
    ("The coalition said the jet hit the wedding party by mistake.", "mistake", "coalition"),
    ("A navy spokesman said the sinking was accidental.", "mistake", "navy spokesman"),
    ("The rebels denied any role in the ambush.", "denial", "rebels"),
    ("The government rejected claims that it used chlorine.", "denial", "government"),
    ("The militia said it had nothing to do with the killings.", "denial", "militia"),
    ("The group claimed responsibility for the bombing.", "admission", "group"),
    ("Police admitted that officers fired live rounds.", "admission", "Police"),
])
def test_extract_framing_labels_and_speakers(text: str, label: str, speaker: str) -> None:
    assert [(lbl, who) for lbl, who, _ in frames(text)] == [(label, speaker)]


@pytest.mark.parametrize(("text", "label", "evidence"), [
    ("Officials insisted it was not an accident.", "deliberate", "not an accident"),
    ("The army said the shooting was not deliberate.", "mistake", "not deliberate"),
    ("The governor said this was no mistake.", "deliberate", "no mistake"),
    ("The commander said the troops did not intend to hit the school.", "mistake",
     "did not intend"),
    ("The general never admitted the raid took place.", "denial", "never admitted"),
])
def test_extract_framing_negation_flips_the_label(text: str, label: str, evidence: str) -> None:
    assert [(lbl, ev) for lbl, _, ev in frames(text)] == [(label, evidence)]


@pytest.mark.parametrize("text", [
    "If the strike was a mistake, the commander must resign.",
    "Investigators are examining whether the fire was deliberate.",
    "He died in a car accident on the highway.",
    "She was admitted to hospital with shrapnel wounds.",
    "It would be a mistake to abandon the talks.",
    "The refugees were denied entry at the border.",
    "No group has claimed responsibility for the blast so far.",
    "Nobody has yet claimed responsibility.",
    "The world, intentionally or unintentionally, looked away.",
    "The strikes aim to deny the militants the ability to move fuel.",
    "The world bears responsibility for the siege.",
])
def test_extract_framing_nothing_from_hedges_and_other_senses(text: str) -> None:
    assert frames(text) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("The government has categorically denied the allegations.", "government"),
    ("A watchdog based in the UK reported that jets mistakenly hit the camp.", "watchdog"),
    ("The ministry, which denied the accusations, called for an inquiry.", "ministry"),
    ("The reports were denied by Kenyan state radio.", "Kenyan state radio"),
    ("A number of local officials stated that the shelling was intentional.", "local officials"),
    ("Anger grew at the militia which denied any role.", "militia"),
    ("The Jund group (JG) on Friday claimed responsibility for the ambush.",
     "Jund group"),
    ("Tayebs government has always denied carrying out the raid.", "Tayebs government"),
    ("Moscow backed up denials from the Syrian defence ministry.", "Syrian defence ministry"),
    ("The government of President Omar al-Tayeb denied any role in the shelling.",
     "government of President Omar al-Tayeb"),
])
def test_extract_framing_speaker_over_adverbs_and_clauses(text: str, speaker: str) -> None:
    assert [who for _, who, _ in frames(text)] == [speaker]


def test_extract_framing_rejected_claim_keeps_its_own_speaker() -> None:
    got = frames("The minister said the raid was a deliberate act, not a mistake as the army "
                 "claims.")
    assert ("deliberate", "minister", "deliberate act") in got
    assert ("deliberate", "minister", "not a mistake") in got
    assert ("mistake", "army", "mistake as the army claims") in got
    assert len(got) == 3


def test_extract_framing_quote_speaker() -> None:
    got = frames("The town was quiet on Friday. “This was no accident,” the governor said.")
    assert got == [("deliberate", "governor", "no accident")]


def test_extract_framing_without_attribution_has_no_speaker() -> None:
    assert frames("The deliberate targeting of hospitals continued.") == [
        ("deliberate", None, "deliberate targeting")]


def test_extract_framing_uses_sentence_when_scopes_are_missing() -> None:
    # attributions from another component carry no scopes: the sentence is the scope
    text = "Rebels said the blast was deliberate. Nobody else commented."
    doc = Doc(Article(id="t", text=text))
    doc.set("attributions", [Attribution("Rebels", "said", Span(0, 11, "Rebels said"))])
    got = framing.create()(doc).get("framing")
    assert got == [Framing("deliberate", Span(26, 36, "deliberate"), "Rebels")]


def _seed_frames(seeds_dir: Path, stem: str) -> list[tuple[str, str | None, str]]:
    path = next(seeds_dir.glob(f"*{stem}*.txt"))
    return frames(path.read_text(encoding="utf-8"))


def test_extract_framing_seed_rt_deliberate_per_syrian_officials(seeds_dir: Path) -> None:
    got = _seed_frames(seeds_dir, "rt-2016")
    deliberate = {who for lbl, who, _ in got if lbl == "deliberate"}
    assert deliberate == {"People's Council speaker", "Syrian Foreign Minister Walid Muallem"}
    mistake = [(who, ev) for lbl, who, ev in got if lbl == "mistake"]
    # Washington apologised for the mistake, and Washington's claim Muallem rejects
    assert [who for who, _ in mistake] == ["Washington", "Washington"]
    assert any("Washington claims" in ev for _, ev in mistake)
    assert ("deliberate", "Syrian Foreign Minister Walid Muallem", "not a mistake") in got


def test_extract_framing_seed_centcom_mistake_per_us_military(seeds_dir: Path) -> None:
    got = _seed_frames(seeds_dir, "centcom")
    mistake_by = {who for lbl, who, _ in got if lbl == "mistake"}
    assert {"United States Central Command", "US military officials"} <= mistake_by
    assert ("admission", "US military officials", "acknowledge responsibility") in got
    assert not any(lbl == "deliberate" for lbl, _, _ in got)
    # the Russian ministry's conditional ("If this airstrike ... due to an error") frames nothing
    assert not any(who and "Russian" in who for _, who, _ in got)


_WORDS = ["said", "not", "a", "mistake", "deliberate", "accident", "denied", "admitted", "if",
          "as", "Washington", "claims", "officials", "“", "”", ",", ".", "no", "error",
          "responsibility", "claimed", "nothing", "to", "do", "with", "fake", "news", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
                 st.text(max_size=200)))
def test_extract_framing_spans_hold_over_arbitrary_text(text: str) -> None:
    doc = Pipeline([attribution.create(), framing.create()])(Doc(Article(id="h", text=text or "x")))
    for f in doc.get("framing"):
        assert 0 <= f.span.start < f.span.end <= len(doc.text)
        assert doc.text[f.span.start:f.span.end] == f.span.text
        assert f.label in ("deliberate", "mistake", "denial", "admission")
        assert f.speaker is None or f.speaker.strip()
