"""Attribution: who says each claim, and through which outlet it reached us.

News copy attributes almost every contested fact ("62 soldiers were killed, the
ministry said").  This component finds those attributions with shallow,
language-general syntax rather than a parser:

* speaker before the verb: "X said", "X said on Tuesday that", "X told Reuters",
  "X also claimed", "as X claims", "X, a spokesman for Y, said";
* verb before the speaker after a quote or comma: "..., said X";
* prepositional: "according to X", "as cited by X", "quoted by X", "via X";
* statements: "X has released a statement admitting ...";
* pronouns ("They claim", "he added") resolved to the latest named speaker;
  coordinated verbs ("... acknowledge responsibility, but claimed ...") share
  the subject of the earlier verb in the sentence;
* relays: an outlet as speaker ("Sputnik news reports:", "AFP reported",
  "cited by Sputnik Arabic"), a "(Reuters) -" dateline and a trailing
  "Source: RT News" line.

A speaker is a noun phrase of capitalised words, role nouns ("spokesman",
"officials", "activists", "source") and a few modifiers ("military", "local",
"state"), read by `speakers` with the words of `corroborate.lang.en.speech`, so
it works for any country's names without a gazetteer.  Speakers that are news
outlets give ``kind="relay"``; everyone else ``"statement"``.

Each `Attribution` also gets a *scope* (the characters whose claims it covers),
kept in ``doc.annotations["attribution_scopes"]`` beside the list, which the
framing component uses to pick the speaker of a framing cue.

Cost is linear in the text: one scan of the lower-cased text picks the sentences
that hold a trigger word (only those are tokenised), look-ups of earlier speakers
and quotes are dictionaries and bisects, and no pattern rescans a sentence from
its start per match (``tests/test_extract_long_articles.py`` counts the work).
"""


from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..config import Settings
from ..doc import Doc
from ..errors import CorroborateError
from ..lang.en.speech import BARE as _BARE
from ..lang.en.speech import DETERMINERS, FUNCTION_CAPS, PARTICIPLES, ROLE_NOUNS, VERBS
from ..lang.en.speech import word_set as _words
from ..models import Attribution
from ..pipeline import Component, component
from .sentences import sentences_with
from .speakers import (
    Tok,
    base_form,
    is_cap,
    is_media,
    looks_like_person,
    np_after,
    np_before,
    np_word,
    speaker_name,
    tokens,
)

# --- matching -------------------------------------------------------------------

#: words allowed between the subject and its verb ("X also said", "X has said")
_GAP = _words(
    "also later earlier previously further again has have had was were is are did does do "
    "once then separately publicly reportedly repeatedly subsequently initially officially "
    "yesterday today immediately long since so far however though always still"
)
#: -ly words that are not adverbs
_LY_NOUNS = _words("family ally rally assembly italy july only supply monopoly anomaly reply "
                   "daily weekly monthly bully")


def _is_gap(t: Tok) -> bool:
    """Adverbs and auxiliaries between a subject and its verb ("has categorically denied")."""
    return t.low in _GAP or (t.text.islower() and t.low.endswith("ly") and len(t.low) > 4
                             and t.low not in _LY_NOUNS)


_CONTENT_OPENERS = _words("that on in to by the a an this last yesterday earlier late")
_EVENT_NOUNS = _words("attack attacks strike strikes use death deaths killing killings cases case "
                      "incident incidents casualties")
_PASSIVE = _words("is are was were be been being")
_PRONOUN_CAP = {"He", "She", "They", "It", "We"}
_CLAUSE_END = frozenset({".", ",", ";", "!", "?", "”", '"', ":", ")"})
_CLAUSE_MARKS = frozenset({",", ";", "–", "—", ":", "“", "("})
_PARAGRAPH = re.compile(r"\S[\s\S]*?(?:\n\s*\n|$)")
_BLANK_LINE = re.compile(r"\n\s*\n")
_NON_SPACE = re.compile(r"\S")
#: "X released a statement saying": the participle continues X's statement
_STATEMENT_BEFORE = re.compile(r"(?:released|issued|published|put out|made)\s+(?:a|an)\s+"
                               r"(?:\w+\s+)?(?:statement|communiqu[eé]|report|announcement)"
                               r"\s*,?\s*$")
_STATEMENT_NOUNS = ("statement", "communique", "communiqué", "report", "announcement")


def _statement_tail(text: str, s: int, end: int) -> bool:
    """Whether ``text[s:end]`` ends like _STATEMENT_BEFORE (noun, ``\\s*,?\\s*``).

    The full pattern scans from the sentence start, which is quadratic when a long
    sentence has many participles; this O(1) test lets it run only when it can match.
    """
    while end > s and text[end - 1].isspace():
        end -= 1
    if end > s and text[end - 1] == ",":
        end -= 1
        while end > s and text[end - 1].isspace():
            end -= 1
    return text.endswith(_STATEMENT_NOUNS, s, end)


def _chunks_back(text: str, s: int, end: int, n: int) -> int:
    """Start of the ``n``-th whitespace-separated chunk before ``end`` (``s`` at most).

    A _STATEMENT_BEFORE match ending at ``end`` spans at most six chunks (verb, "out",
    article, adjective, noun, comma), so searching from here finds the same leftmost
    match as searching from the sentence start, without rescanning the sentence.
    """
    i = end
    for _ in range(n):
        while i > s and text[i - 1].isspace():
            i -= 1
        while i > s and not text[i - 1].isspace():
            i -= 1
    return i


@dataclass
class Found:
    """An attribution, the characters it covers, and where its verb is."""

    attribution: Attribution
    scope: tuple[int, int]
    verb_pos: int


class _Finder:
    """One pass over a document's sentences, remembering speakers for pronouns."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.found: list[Found] = []
        self._taken: set[int] = set()  # verb token starts already used
        self.last_speaker: str | None = None
        self.last_person: str | None = None
        # last word -> the latest multi-word person speaker ending with it, for _full_name
        self._persons: dict[str, str] = {}
        self._is_person: dict[str, bool] = {}
        # the current sentence: token starts (for bisect) and where its statements are
        self._starts: list[int] = []
        self._first = 0
        self._last_statement = -1
        self._clause_ends: list[int] | None = None
        # (paragraph start, where its closing blank line begins, paragraph end)
        self._para: tuple[int, int, int] | None = None
        # every opening and straight quote of the text, for "where does this quote start"
        self._curly = [m.start() for m in re.finditer("“", self.text)]
        self._straight = [m.start() for m in re.finditer('"', self.text)]

    def add(self, speaker: str, verb: str, start: int, end: int, scope: tuple[int, int],
            verb_pos: int, kind: str | None = None) -> None:
        if verb_pos in self._taken or not speaker:
            return
        speaker = self._full_name(speaker)
        try:
            span = self.doc.char_span(start, end)
        except CorroborateError:
            return
        self._taken.add(verb_pos)
        k = kind or ("relay" if is_media(speaker) else "statement")
        self.found.append(Found(Attribution(speaker=speaker, verb=verb, span=span,
                                            kind=k),  # type: ignore[arg-type]
                                scope, verb_pos))
        if k == "statement":
            self._last_statement = len(self.found) - 1
        person = self._person(speaker)
        if person and " " in speaker:
            self._persons[speaker.rsplit(" ", 1)[1]] = speaker
        if k == "statement":
            self.last_speaker = speaker
            if person:
                self.last_person = speaker

    def _person(self, name: str) -> bool:
        known = self._is_person.get(name)
        if known is None:
            known = self._is_person[name] = looks_like_person(name)
        return known

    def _full_name(self, speaker: str) -> str:
        """"Muallem" after "Foreign Minister Walid Muallem" is the same speaker."""
        if " " in speaker or not speaker[:1].isupper():
            return speaker
        # the latest earlier person speaker whose last word this is (a dict, not a scan
        # of every earlier attribution: long articles have thousands)
        return self._persons.get(speaker, speaker)

    def _paragraph_end(self, e: int) -> int:
        """End of the paragraph that starts after ``e`` (at its blank line), else ``e``.

        Remembers the last answer: a later query whose paragraph starts before that
        blank line gets the same end without scanning to it again.
        """
        first = _NON_SPACE.search(self.text, e)
        if first is None:
            return e
        f = first.start()
        if self._para is not None and self._para[0] <= f < self._para[1]:
            return self._para[2]
        para = _PARAGRAPH.match(self.text, f)
        if para is None:  # pragma: no cover - \S matched at f, so the pattern does
            return e
        brk = _BLANK_LINE.search(self.text, f + 1, para.end())
        self._para = (f, brk.start() if brk else para.end(), para.end())
        return para.end()

    def _last_quote(self, start: int, end: int, straight_end: int | None = None) -> int:
        """Offset of the last "“" in ``[start, end)``, or of the last '"' in
        ``[start, straight_end)`` when that is later; -1 when there is none."""
        best = -1
        n = bisect_left(self._curly, end) - 1
        if n >= 0 and self._curly[n] >= start:
            best = self._curly[n]
        if straight_end is not None:
            n = bisect_left(self._straight, straight_end) - 1
            if n >= 0 and self._straight[n] >= start:
                best = max(best, self._straight[n])
        return best

    def _index(self, start: int) -> int:
        """Index of the current sentence's token that starts at ``start`` (0 if none)."""
        n = bisect_left(self._starts, start)
        return n if n < len(self._starts) and self._starts[n] == start else 0

    def _clause_start(self, toks: list[Tok], k: int, s: int) -> int:
        """End of the last clause mark among ``toks[:k]``, else the sentence start."""
        if self._clause_ends is None:
            # prefix table built once per sentence that needs it: entry n is the answer
            # for toks[:n]
            ends = [s]
            for x in toks:
                ends.append(x.end if x.text in _CLAUSE_MARKS else ends[-1])
            self._clause_ends = ends
        return self._clause_ends[k]

    def sentence(self, s: int, e: int) -> None:
        text = self.text
        toks = tokens(text, s, e)
        first_in_sentence = len(self.found)
        self._starts = [t.start for t in toks]
        self._first = first_in_sentence
        self._last_statement = -1
        self._clause_ends = None
        trigger = _TRIGGER_WORDS
        # only these tokens can start an attribution; the rest are context
        for i in [n for n, x in enumerate(toks) if x.low in trigger]:
            t = toks[i]
            low = t.low
            # "according to X" / "(as) cited by X" / "quoted by X" / "via X" / "reported by X"
            if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
                np = np_after(toks, i + 2)
                if np:
                    self.add(speaker_name(text[np[0].start:np[-1].end]), "according to",
                             t.start, np[-1].end, (s, e), t.start)
                continue
            if low in ("cited", "quoted", "reported") and i + 1 < len(toks) and \
                    toks[i + 1].low == "by":
                np = np_after(toks, i + 2)
                if np:
                    verb = {"cited": "cited by", "quoted": "quoted by"}.get(low, "reported")
                    begin = toks[i - 1].start if i > 0 and toks[i - 1].low == "as" else t.start
                    self.add(speaker_name(text[np[0].start:np[-1].end]), verb, begin,
                             np[-1].end, (s, e), t.start)
                continue
            if low == "via":
                np = np_after(toks, i + 1)
                # "Comment via Facebook", "Share via Twitter" are page furniture
                if np and is_media(text[np[0].start:np[-1].end]) and not (
                        i > 0 and toks[i - 1].low.endswith(("comment", "share", "follow",
                                                            "subscribe"))):
                    self.add(speaker_name(text[np[0].start:np[-1].end]), "via", t.start,
                             np[-1].end, (s, e), t.start, kind="relay")
                continue
            if low not in VERBS or t.text != low:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and (low == "alleged" and nxt.text.isalpha() and nxt.text.islower()
                                    and nxt.low not in _CONTENT_OPENERS
                                    or low == "reported" and nxt.low in _EVENT_NOUNS):
                continue  # adjectival: "the alleged attack", "reported cases"
            self._verb(toks, i, VERBS[low], s, e, first_in_sentence)

    def _scope_after(self, toks: list[Tok], i: int, s: int, e: int, subj_start: int) -> tuple[int, int]:
        """Forward scope when content follows the verb, else the text before the subject."""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.text in {".", ",", ";", "!", "?", ")"}:
            k = self._index(subj_start)
            if k > 0 and toks[k - 1].low in {"as", "like"}:
                # "..., not a mistake as Washington claims": only the clause before "as"
                return (self._clause_start(toks, k - 1, s), toks[k - 1].start)
            # "..., officials said."  -> covers what came before; a quote if it ends just before
            text = self.text
            r = subj_start
            while r > s and text[r - 1] in " ,":
                r -= 1
            q = self._last_quote(s, subj_start, s + max(0, r - s - 1))
            return (q if q >= 0 else s, subj_start)
        if nxt.text == ":" and i + 2 >= len(toks):
            # "Sputnik news reports:" introduces the next paragraph
            return (toks[i].end, self._paragraph_end(e))
        return (toks[i].end, e)

    def _verb(self, toks: list[Tok], i: int, verb: str, s: int, e: int, first: int) -> None:
        t = toks[i]
        text = self.text
        low = t.low
        # 1. participle continuing a statement: "..., adding that", "released a statement saying"
        if low in PARTICIPLES:
            m = _STATEMENT_BEFORE.search(text, _chunks_back(text, s, t.start, 8), t.start) \
                if _statement_tail(text, s, t.start) else None
            if m:
                j = bisect_left(self._starts, m.start())
                while j > 0 and _is_gap(toks[j - 1]):
                    j -= 1
                np = self._subject(toks, j)
                if np:
                    name = speaker_name(text[np[0].start:np[-1].end])
                    self.add(name, verb, np[0].start, t.end, (t.end, e), t.start)
                return
            # every attribution of this sentence so far has its verb before this token
            if len(self.found) > first and i > 0 and toks[i - 1].text == ",":
                last = self.found[-1].attribution
                self.add(last.speaker, verb, t.start, t.end, (t.end, e), t.start, kind=last.kind)
            return
        # 2. inversion after a quote or comma: '..." said the ministry spokesman'
        if i > 0 and toks[i - 1].text in {",", "”", '"', "’", "'"} and low not in _BARE:
            np = np_after(toks, i + 1)
            after = self._index(np[-1].start) + 1 if np else 0
            if np and (after >= len(toks) or toks[after].text in _CLAUSE_END):
                name = speaker_name(text[np[0].start:np[-1].end])
                q = self._last_quote(s, t.start)
                self.add(name, verb, t.start, np[-1].end,
                         (q if q >= 0 else s, toks[i - 1].start), t.start)
                return
        # 3. subject before the verb, over adverbs/auxiliaries and "on Tuesday"
        j = i
        while j > 0 and _is_gap(toks[j - 1]):
            j -= 1
        if any(x.low in _PASSIVE for x in toks[j:i]):
            return  # "X is accused of", "it was reported": X is not the speaker
        relative = j > 1 and toks[j - 1].low in {"which", "who"}
        if relative:
            # "the government, which denied ...": the relative's antecedent speaks
            j -= 2 if toks[j - 2].text == "," else 1
        if j >= 2 and toks[j - 2].low == "on" and toks[j - 1].text in FUNCTION_CAPS:
            j -= 2  # "X on Tuesday said"
        if j > 0 and toks[j - 1].text == ")":
            # "The Islamic State group (IS) claimed": skip a short parenthesis
            opening = next((n for n in range(j - 2, max(-1, j - 8), -1) if toks[n].text == "("),
                           None)
            if opening is not None:
                j = opening
        if j > 0 and toks[j - 1].text in _PRONOUN_CAP | {"he", "she", "they", "we", "it"}:
            pron = toks[j - 1].low
            who = self.last_person if pron in ("he", "she") else self.last_speaker
            if pron in ("it", "we") or not who:
                return
            if low in _BARE and pron not in ("they",):
                return
            self.add(who, verb, toks[j - 1].start, t.end,
                     self._scope_after(toks, i, s, e, toks[j - 1].start), t.start)
            return
        np = self._subject(toks, j, object_ok=relative)
        if np:
            head = base_form(np[-1].low)
            if low in _BARE and not (head.endswith("s") or head in {"police", "media", "military"}
                                     or is_cap(np[-1])):
                return
            if low in {"report", "reports", "reported"} and not (
                    is_media(text[np[0].start:np[-1].end]) or head in ROLE_NOUNS
                    or is_cap(np[-1])):
                return  # "a report", "reports": a noun, not a relay
            name = speaker_name(text[np[0].start:np[-1].end])
            self.add(name, verb, np[0].start, t.end,
                     self._scope_after(toks, i, s, e, np[0].start), t.start)
            return
        # 4. coordinated verb sharing the earlier subject: "..., but claimed that"
        if j > 0 and toks[j - 1].low in {"but", "and", "yet"} and low not in _BARE \
                and self._last_statement >= first:
            a = self.found[self._last_statement].attribution
            self.add(a.speaker, verb, toks[j - 1].start, t.end, (t.end, e), t.start)

    def _subject(self, toks: list[Tok], j: int, object_ok: bool = False) -> list[Tok]:
        np = np_before(toks, j, self.text, object_ok=object_ok)
        if np:
            return np
        # apposition: "Hadiya Abbas, the speaker of parliament, said"
        if j >= 2 and toks[j - 1].text == ",":
            k = j - 2
            while k >= 0 and toks[k].text not in {",", ".", ";", "“", "”", '"'}:
                k -= 1
            if k >= 1 and toks[k].text == ",":
                appos = toks[k + 1:j - 1]
                if appos and appos[0].low in DETERMINERS | {"who"} or appos and np_word(appos[0]):
                    name = np_before(toks, k, self.text)
                    if name and looks_like_person(" ".join(x.text for x in appos)) and all(
                            is_cap(x) for x in appos) and not is_cap(name[-1]):
                        # "a coalition spokesman, Turki al-Maliki, said": title and name
                        return name + appos
                    if name and any(is_cap(x) for x in name):
                        return name
        return []

    def relays(self) -> None:
        text = self.text
        # dateline: "BEIRUT (Reuters) -", "(AFP) —"
        m = re.search(r"\(([A-Z][\w.&' -]{0,40}?)\)\s*[-–—]", text[:600])
        if m and is_media(m.group(1)):
            self.add(speaker_name(m.group(1)), "dateline", m.start(), m.end(),
                     (m.end(), len(text)), m.start(), kind="relay")
        # trailing "Source: RT News"
        for m in re.finditer(r"(?im)^[ \t]*source[ \t]*:[ \t]*(\S[^\n]{0,80}?)[ \t]*$", text):
            if len(text) - m.end() < 400:
                self.add(speaker_name(m.group(1)), "source", m.start(), m.end(),
                         (0, m.start()), m.start(), kind="relay")


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    sents = doc.get("sentences")
    if sents is None:
        from .sentences import split_sentences

        sents = split_sentences(doc.text)
    return list(sents)


def trie_pattern(words: list[str]) -> str:
    """One regex alternation for ``words`` shaped as a trie, which `re` scans far faster
    than a flat alternation of 90 words."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


#: every word `_Finder.sentence` acts on, lower case: a sentence without one of them
#: (checked in the lower-cased text) yields no attribution and is not tokenised
_TRIGGER_LIST = tuple(sorted(set(VERBS) | {"according", "cited", "quoted", "reported", "via"}))
#: the same test as one regex: a sentence it finds nothing in is one `sentences_with` skips
_TRIGGER = re.compile(trie_pattern(list(_TRIGGER_LIST)))


_TRIGGER_WORDS = frozenset(VERBS) | {"according", "cited", "quoted", "via"}


def _trigger_sentences(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences that hold a trigger word, in order (all of them if unsure)."""
    folded = text.lower()
    if len(folded) != len(text):
        return sents  # "İ" lower-cases to two characters: offsets would shift
    return [sents[n] for n in sentences_with(_TRIGGER_LIST, folded, sents)]


def find_attributions(doc: Doc) -> list[Found]:
    """Attributions in document order, each with the text span it covers."""
    f = _Finder(doc)
    for s, e in _trigger_sentences(doc.text, _sentences(doc)):
        f.sentence(s, e)
    f.relays()
    return sorted(f.found, key=lambda x: (x.attribution.span.start, x.attribution.span.end))


def create(settings: Settings | None = None) -> Component:
    @component("attribution", assigns=("attributions", "attribution_scopes"))
    def attribution(doc: Doc) -> Doc:
        found = find_attributions(doc)
        doc.set("attributions", [x.attribution for x in found])
        doc.set("attribution_scopes", [x.scope for x in found])
        return doc

    return attribution  # type: ignore[return-value]


__all__ = ["Attribution", "Found", "create", "find_attributions"]
