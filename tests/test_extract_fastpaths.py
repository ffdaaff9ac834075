"""The fast paths of extraction give exactly what the plain code they replace gives.

Each speed-up keeps the simple form it replaced as the reference: the sentence
splitter's two prefix-scanned patterns against the one alternation, the
Aho-Corasick sentence pre-filter against a regex search per sentence, the
folding table against the substitution, attribution's tokeniser against
``finditer``, the word-anchored searches of `extract.scan` against the
patterns' own ``search``/``finditer``, the key patterns against ``any(k in s)``,
the cached ``Doc.title_end`` against ``Article.title_end``, the lower-cased ASCII
searches of boilerplate phrases and place cues against their IGNORECASE patterns, the
one-victim scan's skip of windows without an opening word against the full scan, and the
shared ``Doc.lower`` against ``safe_lower`` of the present text, the trie-shaped
alternation of `extract.scan` against the flat one, longest phrase first, the one-victim
scan's word gates (headlines, names, words a pattern also needs) against running every
pattern, the backward read of a qualifier's last word against the word list, and the
title test of ``Article.full_text`` on the text's head against the whole normalised text.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.doc import Doc, safe_lower
from corroborate.extract import (
    attribution,
    boilerplate,
    casualty_filters,
    casualty_left,
    casualty_phrases,
    framing,
    gazetteer,
    numbers,
    places,
    scan,
    sentences,
    singles,
    speakers,
)
from corroborate.models import Article, _normalised_starts_with, normalise_for_hash

# characters the sentence patterns branch on, with letters, so that every path is hit
_SPLIT_ALPHABET = st.sampled_from(list(".!?…\"'”’)] \t\u00a0\r\nAa1(") + ["...", "\r\n", "  \n"])
split_texts = st.lists(_SPLIT_ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(split_texts, st.integers(0, 5), st.integers(0, 5))
def test_extract_split_candidates_match_the_alternation(text: str, lo: int, cut: int) -> None:
    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - cut)
    ref = [(m.span(), m.group("stop"), m.group("close"), m.group("gap"), m.group("nl"))
           for m in sentences._CANDIDATE.finditer(text, start, end)]
    got = []
    for m, is_nl in sentences._candidates(text, start, end):
        g = m.groupdict()
        assert is_nl == ("nl" in g)
        got.append((m.span(), g.get("stop"), g.get("close"), g.get("gap"), g.get("nl")))
    assert got == ref


# trigger words of both components, glued and spaced in random ways
_WORDS = st.sampled_from(["said", "say", "saying", "according", "via", "trivia", "reports",
                          "fake news", "fake", "news", "mistake", "deny", "denial", "x",
                          ".", " ", "\n"])
trigger_texts = st.lists(_WORDS, min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(trigger_texts, st.data())
def test_extract_sentences_with_matches_a_search_per_sentence(text: str, data: st.DataObject,
                                                              ) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    # disjoint sorted sentences (some empty, some touching), then arbitrary ones
    sents = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    messy = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))),
                               max_size=5))
    for sents_ in (sents, messy):
        for words, rx in ((attribution._TRIGGER_LIST, attribution._TRIGGER),
                          (framing._TRIGGER_WORDS, framing._TRIGGER)):
            ref = [n for n, (s, e) in enumerate(sents_) if rx.search(text, s, e)]
            assert sentences.sentences_with(words, text, sents_) == ref


def test_extract_fold_table_matches_the_substitution_on_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert every.translate(gazetteer._FOLD_TABLE) == gazetteer._NON_ALNUM.sub(" ", every)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab AB\n\t\r\u00a0ﬁİßΣσς\u0301e\u0308\u1100\u1161가…\u2028.,")),
                max_size=160).map("".join), st.integers(0, 60), st.booleans())
def test_models_title_test_normalises_only_the_head_it_needs(text: str, k: int, own: bool) -> None:
    # the title either opens the text (most cases) or is any short string
    title = text[:k] if own else text[k:k + 30][::-1]
    prefix = normalise_for_hash(title)
    assert _normalised_starts_with(text, prefix) == normalise_for_hash(text).startswith(prefix)
    long = text + " word" * 200
    assert _normalised_starts_with(long, prefix) == normalise_for_hash(long).startswith(prefix)


def test_extract_doc_title_end_is_the_articles() -> None:
    for title, text in (("Strike kills 5", "Body."), ("", "Body."), ("Body", "Body. More."),
                        ("  ", "x"), (" Title ", ""), ("", ""), ("ﬁre", "FIRE at dawn")):
        article = Article(id="t", text=text, title=title)
        doc = Doc(article)
        assert doc.title_end == article.title_end
        assert doc.text == article.full_text


_TOKEN_ALPHABET = st.sampled_from(list("aZ9_.,'’-\u00a0\t\n “”") + ["U.S.", "Mr.", "al-", "'s",
                                                                  "ı", "İ", "é"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKEN_ALPHABET, max_size=40).map("".join), st.integers(0, 4), st.integers(0, 4))
def test_extract_attribution_tokens_match_finditer(text: str, lo: int, cut: int) -> None:
    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - cut)
    ref = [(m.group(), m.start(), m.end(), m.group().lower())
           for m in speakers._TOKEN.finditer(text, start, end)]
    got = [(t.text, t.start, t.end, t.low) for t in speakers.tokens(text, start, end)]
    assert got == ref


# every word of the pattern, so that its branches (and near misses) are common
def _vocab(pattern: re.Pattern[str]) -> list[str]:
    """The words of a pattern's source (escapes such as ``\\b`` taken out first)."""
    return sorted(set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", pattern.pattern.lower()))))


_LEFT_VOCAB = _vocab(casualty_left._LEFT)
_LEFT_PIECES = st.sampled_from([*_LEFT_VOCAB, "KILLED", "\u212aill", "Toll", "12", "," , ", ",
                                " ", "  ", "\n", ".", "the lives of", "death toll"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_LEFT_PIECES, st.sampled_from([" ", "", ", "])), max_size=14)
       .map(lambda parts: "".join(a + b for a, b in parts)), st.integers(0, 30),
       st.integers(0, 10))
def test_extract_left_search_matches_the_pattern_search(text: str, pos: int, cut: int) -> None:
    end = max(0, len(text) - cut)
    for args in ((text,), (text, pos), (text, pos, end)):
        ref = casualty_left._LEFT.search(*args)
        got = casualty_left._left_search(*args)
        assert (got and (got.span(), got.groupdict())) == (ref and (ref.span(), ref.groupdict()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["kil", "kill", "toll", "war", "of whom", "of", "whom", "rais",
                                 "took", " ", "x", "since", "ſince"]), max_size=12).map("".join),
       st.integers(0, 20))
def test_extract_key_patterns_find_what_any_in_finds(text: str, pos: int) -> None:
    for keys in (casualty_left._LEFT_KEYS, casualty_left._LEFT_EXTRA_KEYS,
                 casualty_left._SUBSET_KEYS,
                 casualty_filters._BACKGROUND_KEYS):
        found = casualty_phrases._any_of(keys).search(text, pos) is not None
        assert found == any(k in text[pos:] for k in keys)


@pytest.mark.parametrize(("pattern", "first"), [
    (casualty_left._LEFT, casualty_left._LEFT_FIRST),
    # the one-victim patterns, each with the opening words find_singles gives it
    *((pat, needs if first is None else first) for pat, needs, _p, first in singles._GATED),
    # a pattern outside the components, with a one-word opener and a lookahead
    (re.compile(r"\bin\s+the\s+past\b(?!\s+years)|\bpreviously\b", re.IGNORECASE),
     frozenset({"in", "previously"}))])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_extract_word_searches_match_the_pattern(pattern: re.Pattern[str], first: frozenset[str],
                                                 data: st.DataObject) -> None:
    vocab = sorted(set(_vocab(pattern)) | set(first))
    pieces = st.sampled_from([*vocab, "Assad", "the", "\u212a", "ſ", "x", ",", ".", "\n", "  "])
    words = data.draw(st.lists(st.tuples(pieces, st.sampled_from([" ", "", ", "])), max_size=12))
    text = "".join(a + b for a, b in words)
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    ref = pattern.search(text, pos, end)
    got = scan.search_at_words(pattern, first, text, pos, end)
    assert (got and (got.span(), got.groups())) == (ref and (ref.span(), ref.groups()))
    refs = [(m.span(), m.groups()) for m in pattern.finditer(text, pos, end)]
    gots = [(m.span(), m.groups()) for m in scan.finditer_at_words(pattern, first, text, pos, end)]
    assert gots == refs


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_extract_singles_opener_skip_finds_what_the_full_scan_finds(data: st.DataObject) -> None:
    # clauses each gated pattern reads, with noise: the skips must never drop one of them
    pieces = st.sampled_from([
        "a man was killed", "he died", "killing a man", "the death of a boy",
        "a triple homicide", "shot himself in the leg", "turned the gun on himself",
        "both men were killed", "the fourth to die in the shooting", "claimed a life",
        "beat a man to death", "leaving a man dead", "Ann Lee was shot", "the man killed in",
        "a boy who was shot died", "another was wounded", "took his own life",
        "killing both", "the", "police", "\u212aILLED", "ſhot", "’s", "self-", "16", ",", ".",
        # headlines, names with asides, and the words the extra gates look for
        "Man killed", "Teen dies", "Woman, 2 children shot", "Ann Lee and Bo Park were shot",
        "Ann Lee, a nurse, died", "Ann Lee, 16, was hit by a bullet", "OF", "of", "Of",
        "Death", "died", "dead", "and", "and another wounded", "Who", "critically", "wounds",
        "in critical condition", "ſuccumbed", "hurt", "İ"])
    words = data.draw(st.lists(st.tuples(pieces, st.sampled_from([" ", "", ", "])), max_size=14))
    text = "".join(a + b for a, b in words)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    headline = data.draw(st.booleans())
    low = safe_lower(text)
    got = singles.find_singles(text, start, end, headline=headline, lower=low)
    skips = (singles._OPENERS, singles._ALSO_NEEDS, singles._HEAD_PRED_WORDS,
             singles._NAMED_GATE)
    # no skip: every gated pattern runs, at every headline and every name
    singles._OPENERS = singles._ALSO_NEEDS = (None,) * len(singles._GATED)
    singles._HEAD_PRED_WORDS = singles._NAMED_GATE = None
    try:
        ref = singles.find_singles(text, start, end, headline=headline, lower=low)
    finally:
        (singles._OPENERS, singles._ALSO_NEEDS, singles._HEAD_PRED_WORDS,
         singles._NAMED_GATE) = skips
    assert got == ref


@pytest.mark.parametrize("text", [
    "Ann Lee was shot", "Ann Lee and Bo Park, both 16, were killed", "Ann Lee, a nurse, died",
    "ANN LEE WAS SHOT", "Ann Lee \u212aILLED", "Ann Lee, 16, suffered a gunshot wound",
    "Ann Lee with a gunshot wound", "Ann Lee Jr. has been killed"])
def test_extract_singles_name_gate_passes_every_named_victim(text: str) -> None:
    # the gate is `_NAMED` cut short: wherever the whole pattern matches, so does the gate
    assert singles._NAMED_GATE is not None
    m = singles._NAMED.match(text)
    assert m is None or singles._NAMED_GATE.match(text) is not None
    assert singles._NAMED.match("Ann Lee said the man was shot") is None
    assert singles._NAMED_GATE.match("Ann Lee said the man was shot") is None


def _qualifier_start_reference(text: str, p: int, floor: int) -> int:
    if not text[p - 1].isspace():
        return p
    words = [(m.start(), m.group().lower())
             for m in numbers._WORD_BACK.finditer(text, max(floor, p - 24), p)]
    if not words:
        return p
    for q in numbers._QUAL_BY_LAST.get(words[-1][1], ()):
        if len(words) >= len(q) and tuple(w for _s, w in words[-len(q):]) == q:
            return words[-len(q)][0]
    return p


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["at", "least", "Least", "up", "to", "more", "than", "nearly",
                                 "about", "some", "over", "x", "a.", ".", ",", " ", "  ", "\n",
                                 "(", "é", "ſ", "1"]), max_size=12).map("".join),
       st.integers(0, 30))
def test_extract_qualifier_start_matches_the_reference(before: str, floor: int) -> None:
    text = before + " 12"
    p = len(text) - 2
    floor = min(floor, p)
    assert numbers._qualifier_start(text, p, floor) == _qualifier_start_reference(text, p, floor)


_TRIE_PIECES = ["man", "mans", "ma", "m", "police", "police officer", "police  officer", "a",
                "ab", "b", "o", "of", "off", "officer", "a.b", "(x)"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TRIE_PIECES), min_size=1, max_size=6),
       st.lists(st.sampled_from([*_TRIE_PIECES, " ", "\n", ","]), max_size=8),
       st.sampled_from(["", r"\b", r"\s+officer", r"(?=\s)"]))
def test_extract_trie_alternation_matches_the_flat_one(phrases: list[str], pieces: list[str],
                                                        tail: str) -> None:
    flat = "|".join(r"\s+".join(map(re.escape, w.split()))
                    for w in sorted(set(phrases), key=lambda w: (-len(w), w)))
    ref = re.compile(f"(?:{flat}){tail}")
    got = re.compile(f"(?:{scan.alternation(phrases)}){tail}")
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        a, b = got.match(text, pos), ref.match(text, pos)
        assert (a and a.span()) == (b and b.span())


def test_extract_doc_lower_follows_the_text() -> None:
    doc = Doc(Article(id="a", title="İstanbul Blast", text="Two KILLED."))
    assert doc.lower == safe_lower(doc.text) and len(doc.lower) == len(doc.text)
    doc.text = doc.text.replace("Two", "Six")  # as the boilerplate component replaces it
    assert doc.lower == safe_lower(doc.text) and "six killed" in doc.lower


# phrases and cues in mixed case, with characters IGNORECASE folds that str.lower does not
_FOLD_PIECES = ["\u212a", "ſ", "İ", "ı", "é", "x", " ", "\n", ",", "."]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_extract_boilerplate_phrase_matches_the_ignorecase_search(data: st.DataObject) -> None:
    vocab = sorted(set(_vocab(boilerplate._PHRASE)))
    pieces = st.sampled_from([*vocab, *(w.upper() for w in vocab), *(w.title() for w in vocab),
                              "cookies", "Cookie Policy", "SIGN IN TO READ", "We use cookies",
                              "ALREADY A SUBSCRIBER", "accept all cookieſ", "ſign in to read", *_FOLD_PIECES])
    para = "".join(data.draw(st.lists(st.tuples(pieces, st.sampled_from([" ", ""])), max_size=14)
                             .map(lambda ws: [a + b for a, b in ws])))
    end = data.draw(st.integers(0, len(para)))
    ref = boilerplate._PHRASE.search(para, 0, end)
    got = boilerplate._phrase(para, end)
    assert (got and got.span()) == (ref and ref.span())


@pytest.mark.parametrize("pattern", [places._LOCATIVE, places._STRONG_LOCATIVE])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_extract_place_cue_matches_the_ignorecase_search(pattern: re.Pattern[str],
                                                         data: st.DataObject) -> None:
    vocab = sorted(set(_vocab(pattern)))
    pieces = st.sampled_from([*vocab, *(w.upper() for w in vocab), *(w.title() for w in vocab),
                              "the", "The", "of", "Idlib", "outſide", "ſuburbs", *_FOLD_PIECES])
    # the name the cue is read for starts right after the drawn words
    before = "".join(data.draw(st.lists(st.tuples(pieces, st.sampled_from([" ", "", "  "])),
                                        max_size=14).map(lambda ws: [a + b for a, b in ws])))
    text = before + "Idlib, Syria"
    assert places._cue_before(text, len(before), pattern) == (
        pattern.search(text[max(0, len(before) - 40):len(before)]) is not None)


# the division pattern before its run of spaces and quotes was made atomic (the reference)
_ADMIN_AFTER_BACKTRACKING = re.compile(
    places._ADMIN_AFTER.pattern.replace("(?>[\\s']*)", "[\\s']*", 1), re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\n", "\t", "'", "’", "s", "S", "x", "State",
                                 "state", "stater", "province", "Province", "s province",
                                 "'s", "Governorate", "region", ",", "\u00a0"]),
                max_size=12).map("".join), st.integers(0, 4))
def test_extract_admin_after_matches_the_backtracking_pattern(text: str, pos: int) -> None:
    assert places._ADMIN_AFTER.pattern != _ADMIN_AFTER_BACKTRACKING.pattern
    pos = min(pos, len(text))
    got = places._ADMIN_AFTER.match(text, pos)
    ref = _ADMIN_AFTER_BACKTRACKING.match(text, pos)
    assert (got and got.span()) == (ref and ref.span())


def test_extract_admin_after_is_linear_on_a_blanked_run() -> None:
    # furniture blanked to spaces leaves long runs: one match must not try every split of it
    text = "Bloomfield" + " " * 5000 + "x"
    assert places._ADMIN_AFTER.match(text, len("Bloomfield")) is None
    assert places._ADMIN_AFTER.match("Borno" + " " * 5000 + "State", 5).end() == 5010


def _title_before_reference(text: str, start: int) -> bool:
    # a title and its name stand in one line
    words = text[max(0, start - 48):start].rsplit("\n", 1)[-1].split()[-4:]
    for n in range(1, 4):
        if n > len(words):
            break
        if not all(w[:1].isupper() for w in words[len(words) - n + 1:]):
            break
        title = words[-n]
        if title in places._TITLES or (n < len(words)
                                       and f"{words[-n - 1]} {title}" in places._TITLES):
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Gov.", "President", "Lt.", "Gov", "Sen.", "Mayor", "said",
                                 "Asa", "asa", "Hutchinson", "the", "Police", "Chief", "of",
                                 "former", "Vice", "vice", "", "\n"]), max_size=8))
def test_extract_title_before_matches_the_reference(words: list[str]) -> None:
    text = " ".join(words) + " Cheney"
    start = len(text) - len("Cheney")
    assert places._title_before(text, start) == _title_before_reference(text, start)


@pytest.mark.parametrize(("pattern", "literal"), [
    ("premium clicks? used", "premium click"),
    ("(?:log|sign) in to (?:continue|read)", " in to "),
    ("welcome to [^.!?\\n]{1,60} on [\\w.-]+\\.com", "welcome to "),
    ("ab[]c(]defg", "defg"),
    ("x{1,60}yzw", "yzw"),
])
def test_extract_required_literal_of_a_phrase(pattern: str, literal: str) -> None:
    assert boilerplate.required_literal(pattern) == literal


@pytest.mark.parametrize("pattern", ["cookies|banner", "ab(?:cdef)", "(?:we|you) u", "a\\.b"])
def test_extract_required_literal_none_without_a_mandatory_run(pattern: str) -> None:
    # a top-level alternation, a literal only inside a group, or runs under three characters
    assert boilerplate.required_literal(pattern) is None


def test_extract_every_furniture_phrase_has_a_literal_its_matches_hold() -> None:
    assert boilerplate._LITERALS is not None
    assert len(boilerplate._LITERALS) == len(boilerplate.lex.PHRASES)
    for phrase, literal in zip(boilerplate.lex.PHRASES, boilerplate._LITERALS, strict=True):
        for sample in ("premium click used", "log in to read", "accept all cookies",
                       "we use cookies", "this website uses cookies", "subscriber only content",
                       "subscribe now to read", "welcome to the news on x.com"):
            m = re.search(phrase, sample)
            assert m is None or literal in m.group()
