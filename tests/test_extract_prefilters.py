"""The cheap pre-filters of attribution and framing never change their output.

Both components skip sentences that hold none of their trigger words; these
properties check that skipping is invisible, on texts built from the words the
patterns look for (so that matches are common) in random case and spacing.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc
from corroborate.extract import attribution, framing, sentences
from corroborate.models import Article

FRAGMENTS = [
    "said", "Said", "SAID", "says", "told", "claimed", "denied", "Denied", "admitted",
    "according to", "According to", "cited by", "reported", "via", "adding that",
    "released a statement saying", "issued a communiqué , saying", "as Washington claims",
    "by mistake", "deliberate", "Deliberately", "intentional", "unintentional", "unintended",
    "not a mistake", "in error", "erroneously", "misidentified", "did not intend",
    "rejected the claims", "had nothing to do with", "fabricated", "fake news", "baseless",
    "false reports", "admits", "admission", "acknowledged responsibility",
    "claimed responsibility", "wilful", "on purpose", "purposely", "knowingly", "accident",
    "car accident", "inadvertently", "denials", "denied access", "the ministry", "Reuters",
    "AFP", "officials", "Foreign Minister Walid Harb", "He", "they", "the army", "ſaid",
    "İdlib", "ıntentional", "KNOWINGLY", ".", ",", ":", "“", "”", "\"", "(", ")", "-", "—",
    "\n", "\n\n", "if", "whether", "nobody", "no group", "by", "from the", "state television",
]

texts = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "", "  ", "\n"])),
                 min_size=1, max_size=60).map(lambda parts: "".join(a + b for a, b in parts))


def _run(text: str) -> Doc:
    doc = sentences.create()(Doc(Article(id="t", text=text, title="")))
    doc = attribution.create()(doc)
    return framing.create()(doc)


def _dump(doc: Doc) -> tuple[list[dict[str, object]], list[object], list[dict[str, object]]]:
    return ([asdict(a) for a in doc.get("attributions")], list(doc.get("attribution_scopes")),
            [asdict(f) for f in doc.get("framing")])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_extract_prefilters_do_not_change_output(text: str) -> None:
    if not text.strip():
        return
    filtered = _dump(_run(text))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(attribution, "_trigger_sentences", lambda text, sents: sents)
        mp.setattr(framing, "_fold", lambda text: None)
        unfiltered = _dump(_run(text))
    assert filtered == unfiltered


@settings(max_examples=300, deadline=None)
@given(texts)
def test_extract_every_cue_match_holds_a_cue_word(text: str) -> None:
    folded = framing._fold(text)
    for (_label, rx, _neg), words in zip(framing.CUES, framing.CUE_WORDS, strict=True):
        for m in rx.finditer(text):
            window = (folded or text.lower())[m.start():m.end()]
            assert folded is None or any(w in window for w in words), (rx.pattern, m.group())


def test_extract_cue_words_cover_every_cue() -> None:
    assert len(framing.CUE_WORDS) == len(framing.CUES)
    assert all(words and all(w == w.lower() for w in words) for words in framing.CUE_WORDS)
