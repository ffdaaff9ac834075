"""Framing: how each side characterises an incident, and who says so.

Four labels, from lexical cues:

* ``deliberate`` -- "deliberate act", "intentional", "on purpose", "premeditated",
  and any *negated* mistake cue ("not a mistake", "was no accident");
* ``mistake`` -- "by mistake", "accident", "unintentional", "error", "mistakenly",
  "did not intend", and a negated deliberate cue ("was not deliberate");
* ``denial`` -- "denied", "rejected claims", "had nothing to do with",
  "fabricated", "fake news";
* ``admission`` -- "admitted", "acknowledged responsibility", "claimed
  responsibility" (a negated admission, "never admitted", is a denial).

Cues inside a conditional or an open question ("if this strike was due to an
error", "investigating whether it was deliberate") frame nothing and are skipped.

The speaker comes from the attributions (component ``attribution``): the
attribution whose own words are the cue ("X admitted"), else the statement
whose scope covers the cue with the narrowest scope (a quote's speaker, then
the "X said that ..." clause), else a relaying outlet.  "a deliberate attack,
not a mistake as Washington claims" gives two framings: *deliberate* for the
sentence's speaker and *mistake* for Washington, whose claim is being rejected.

Cost is linear in the text: the cue patterns run only on sentences that contain
one of their cue words (`CUE_WORDS`), and the speaker look-ups are indexed rather
than scans of every attribution per cue.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..config import Settings
from ..doc import Doc
from ..errors import CorroborateError
from ..models import Attribution, Framing, FramingLabel, Span
from ..pipeline import Component, component
from .attribution import trie_pattern
from .numbers import word_automaton
from .sentences import sentences_with

_F = re.IGNORECASE

#: (label, pattern, negation_built_in).  Order matters only for overlaps: the
#: longest match at a position wins.
CUES: list[tuple[FramingLabel, re.Pattern[str], bool]] = [
    ("deliberate", re.compile(r"\bdeliberate(?:ly)?(?:\s+(?:act|attack|strike|airstrike|bombing|"
                              r"targeting|aggression|provocation|killing|massacre)s?)?\b", _F),
     False),
    ("deliberate", re.compile(r"\bintentional(?:ly)?\b", _F), False),
    ("deliberate", re.compile(r"\bon purpose\b", _F), False),
    ("deliberate", re.compile(r"\bpremeditated\b", _F), False),
    ("deliberate", re.compile(r"\bpurpose(?:ful(?:ly)?|ly)\b", _F), False),
    ("deliberate", re.compile(r"\bwill?ful(?:ly)?\b", _F), False),
    ("deliberate", re.compile(r"\bknowingly\b", _F), False),
    ("mistake", re.compile(r"\bby mistake\b", _F), False),
    ("mistake", re.compile(r"\bmistaken(?:ly)?\b", _F), False),
    ("mistake", re.compile(r"\bmistakes?\b(?! to\b)", _F), False),
    ("mistake", re.compile(r"(?<!\bcar )(?<!\broad )(?<!\btraffic )(?<!\bindustrial )"
                           r"\baccident(?:al(?:ly)?)?\b", _F), False),
    ("mistake", re.compile(r"\bunintentional(?:ly)?\b|\bunintended\b", _F), True),
    ("mistake", re.compile(r"\binadvertent(?:ly)?\b", _F), True),
    ("mistake", re.compile(r"\b(?:in )?error\b|\berroneous(?:ly)?\b", _F), False),
    ("mistake", re.compile(r"\bmisidentif\w*", _F), False),
    ("mistake", re.compile(r"\b(?:did not|didn't|never|had not|hadn't)\s+intend(?:ed)?\b"
                           r"|\bnot intended\b", _F), True),
    ("denial", re.compile(r"\bden(?:y|ies|ied|ying|ials?)\b(?!\s+(?:access|entry|permission|"
                          r"visas?|passage|bail|aid)\b)(?!(?:\s+\w+){1,3}\s+(?:the\s+|any\s+)?(?:ability|"
                          r"chance|opportunity|access|use|freedom|sanctuary|safe\s+haven)\b)", _F),
     False),
    ("denial", re.compile(r"\b(?:reject|dismiss|refut)(?:s|es|ed|ing)?\s+(?:the\s+|these\s+|"
                          r"such\s+|all\s+|any\s+)?(?:\w+\s+)?(?:claims?|accusations?|"
                          r"allegations?|reports?|charges?)\b", _F), False),
    ("denial", re.compile(r"\b(?:had|has|have)\s+nothing\s+to\s+do\s+with\b", _F), True),
    ("denial", re.compile(r"\bfabricat\w*", _F), False),
    ("denial", re.compile(r"\bfake news\b|\bbaseless\b|\bunfounded\b", _F), False),
    ("denial", re.compile(r"\bfalse\s+(?:claims?|allegations?|reports?|accusations?)\b", _F),
     False),
    ("admission", re.compile(r"\badmit(?:s|ted|ting)?\b(?!\s+(?:to|into)\s+(?:\w+\s+)?"
                             r"(?:hospitals?|clinics?))", _F), False),
    ("admission", re.compile(r"\badmission\b", _F), False),
    ("admission", re.compile(r"\backnowledg(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?(?:responsibility|"
                             r"the\s+fact|involvement|role|(?:air\s*)?strikes?|attack|bombing|"
                             r"raid|mistake|error)\b", _F), False),
    # not "bears responsibility": that is blame laid by someone else
    ("admission", re.compile(r"\b(?:claim|take|accept|assume)(?:s|ed|ing)?\s+(?:full\s+|"
                             r"sole\s+)?responsibility\b|\btook\s+(?:full\s+)?"
                             r"responsibility\b", _F), False),
]

#: for each entry of CUES, words one of which every match of it contains (lower case):
#: a sentence is tried on a cue pattern only when it holds one of them
CUE_WORDS: list[tuple[str, ...]] = [
    ("deliberate",), ("intentional",), ("purpose",), ("premeditated",), ("purpose",),
    ("wilful", "willful"), ("knowingly",), ("mistake",), ("mistake",), ("mistake",),
    ("accident",), ("unintentional", "unintended"), ("inadvertent",), ("error", "erroneous"),
    ("misidentif",), ("intend",), ("deny", "denies", "denied", "denying", "denial"),
    ("reject", "dismiss", "refut"), ("nothing",), ("fabricat",),
    ("fake news", "baseless", "unfounded"), ("false",), ("admit",), ("admission",),
    ("acknowledg",), ("responsibility",),
]
#: any cue word, in folded text: one scan finds the few sentences worth trying
_TRIGGER_WORDS = tuple(sorted({w for ws in CUE_WORDS for w in ws}))
#: the same test as one regex: a sentence it finds nothing in is one `sentences_with` skips
_TRIGGER = re.compile(trie_pattern(list(_TRIGGER_WORDS)))
#: characters that IGNORECASE matches to an ASCII letter but str.lower() keeps
_ODD_FOLDS = str.maketrans({"ı": "i", "ſ": "s"})


def _fold(text: str) -> str | None:
    """``text`` lower-cased offset for offset, so that a cue matched case-insensitively
    shows its cue word there; None when lower-casing changes the length ("İ")."""
    low = text.lower()
    if "ı" in low or "ſ" in low:
        low = low.translate(_ODD_FOLDS)
    return low if len(low) == len(text) else None

_NEGATION = re.compile(r"(?:\b(?:not|never|no|nor|without)\b|n't|\brather\s+than|\binstead\s+of)"
                       r"(?:\s+\w+){0,2}\s*$", _F)
_HEDGE = re.compile(r"\b(?:if|whether|unless)\b", _F)
#: "intentionally or unintentionally", "deliberate or not": no side taken
_EITHER = re.compile(r"\b(?:intentional(?:ly)?|deliberate(?:ly)?|on purpose)\s+or\s+(?:not|"
                     r"unintentional(?:ly)?|accidental(?:ly)?|by (?:mistake|accident))\b", _F)
#: "no group has claimed responsibility": nobody admits anything, and nobody denies
_NOBODY = re.compile(r"\b(?:no(?:\s+\w+)?|nobody|none)\s+(?:\w+\s+){0,3}$", _F)
_CLAUSE_BREAK = re.compile(r"[,;:(“\"—–]|\s-\s")
_FLIP: dict[str, FramingLabel | None] = {"deliberate": "mistake", "mistake": "deliberate",
                                         "admission": "denial", "denial": None}


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    sents = doc.get("sentences")
    if sents is None:
        from .sentences import split_sentences

        sents = split_sentences(doc.text)
    return list(sents)


def find_cues(text: str, start: int, end: int,
              folded: str | None = None) -> list[tuple[FramingLabel, int, int, bool]]:
    """Cue matches ``(label, start, end, built_in_negation)`` without overlaps.

    ``folded`` (`_fold` of ``text``) lets patterns whose cue words are absent be skipped.
    """
    if folded is None:
        cues = CUES
    else:
        window = folded[start:end]
        # the cue words in the window, from one automaton pass: a group is tried when one
        # of its words is there (what ``any(w in window for w in words)`` tests)
        present = {window[last - n + 1:last + 1]
                   for last, n in word_automaton(_TRIGGER_WORDS).iter(window)}
        cues = [c for c, words in zip(CUES, CUE_WORDS, strict=True)
                if not present.isdisjoint(words)]
    hits = [(label, m.start(), m.end(), neg) for label, rx, neg in cues
            for m in rx.finditer(text, start, end)]
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    kept: list[tuple[FramingLabel, int, int, bool]] = []
    for h in hits:
        if kept and h[1] < kept[-1][2]:
            continue
        kept.append(h)
    return kept


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    last = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, pos):
        last = m.end()
    return last


def _cue_sentences(folded: str | None, sents: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the sentences that can hold a cue (all of them without folded text)."""
    if folded is None:
        return list(range(len(sents)))
    return sentences_with(_TRIGGER_WORDS, folded, sents)


class _Speakers:
    """Pick the speaker of a position from attributions and their scopes.


    Lookups are indexed (bisect over span starts, a sweep over scopes), so a long
    article with thousands of attributions and cues stays linear; each returns what
    a scan of the whole list in order would.
    """

    def __init__(self, doc: Doc, sents: Sequence[tuple[int, int]]) -> None:
        self.attrs: list[Attribution] = list(doc.get("attributions") or [])
        scopes = doc.get("attribution_scopes")
        if scopes is None or len(scopes) != len(self.attrs):
            # attributions from another component: a sentence is the best scope we know
            scopes = _sentences_of(sents, [a.span for a in self.attrs])
        self.scopes: list[tuple[int, int]] = [tuple(x) for x in scopes]  # type: ignore[misc]
        by_start = sorted(range(len(self.attrs)), key=lambda n: self.attrs[n].span.start)
        self._by_start = by_start
        self._starts = [self.attrs[n].span.start for n in by_start]
        self._longest = max((a.span.end - a.span.start for a in self.attrs), default=0)
        self._by_scope = sorted(range(len(self.attrs)), key=lambda n: self.scopes[n][0])
        self._reset_sweep()

    def _reset_sweep(self) -> None:
        self._next = 0  # next index into _by_scope to enter the heap
        self._heap: list[tuple[bool, int, int]] = []
        self._pos = -1

    def _starting(self, lo: int, hi: int) -> list[int]:
        """Indices (list order) of the attributions whose span starts in ``[lo, hi]``."""
        a, b = bisect_left(self._starts, lo), bisect_right(self._starts, hi)
        return sorted(self._by_start[a:b])

    def own(self, start: int, end: int) -> Attribution | None:
        """The attribution whose own span contains the cue ("X admitted")."""
        for n in self._starting(start - self._longest, start):
            a = self.attrs[n]
            if a.span.start <= start and end <= a.span.end + 40 and start < a.span.end:
                return a
        return None

    def covering(self, pos: int, exclude: Attribution | None = None) -> Attribution | None:
        """The statement (else relay) with the narrowest scope that contains ``pos``."""
        if pos < self._pos:
            self._reset_sweep()  # queries normally come in text order; restart if not
        self._pos = pos
        heap, order = self._heap, self._by_scope
        while self._next < len(order) and self.scopes[order[self._next]][0] <= pos:
            n = order[self._next]
            a, sc = self.attrs[n], self.scopes[n]
            heapq.heappush(heap, (a.kind != "statement", sc[1] - sc[0], n))
            self._next += 1
        held: list[tuple[bool, int, int]] = []
        found = None
        while heap:
            n = heap[0][2]
            if self.scopes[n][1] <= pos:
                heapq.heappop(heap)  # ended before pos, so before every later query too
                continue
            if self.attrs[n] is exclude:
                held.append(heapq.heappop(heap))
                continue
            found = self.attrs[n]
            break
        for h in held:
            heapq.heappush(heap, h)
        return found

    def as_claimed(self, text: str, end: int) -> Attribution | None:
        """'... a mistake as Washington claims': the attribution right after the cue."""
        for n in self._starting(end, end + 15):
            a = self.attrs[n]
            if end <= a.span.start <= end + 15 and _AS_CLAIMED.fullmatch(text, end,
                                                                         a.span.start):
                return a
        return None


_AS_CLAIMED = re.compile(r"[\s,]*(?:as|like)\s+(?:the\s+|an?\s+)?", _F)


def _sentences_of(sents: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[tuple[int, int]]:
    """For each span, the first sentence that contains its start, else the span itself."""
    if all(sents[n][1] <= sents[n + 1][0] for n in range(len(sents) - 1)):
        starts = [s for s, _ in sents]
        out: list[tuple[int, int]] = []
        for sp in spans:
            n = bisect_right(starts, sp.start) - 1
            # sorted and disjoint: the only candidate is the last one starting at or before
            ok = n >= 0 and sents[n][0] <= sp.start < sents[n][1]
            out.append((sents[n][0], sents[n][1]) if ok else (sp.start, sp.end))
        return out
    return [next(((s, e) for s, e in sents if s <= sp.start < e), (sp.start, sp.end))
            for sp in spans]


_BY = re.compile(r"\s+(?:by|from)\s+(?:the\s+)?", _F)


def _passive_agent(text: str, end: int, sent_end: int) -> tuple[str, int] | None:
    """The agent of a passive or nominal cue ("denied by X", "denials from X"): (speaker, end)."""
    from .speakers import np_after_text, speaker_name

    m = _BY.match(text, end, sent_end)
    if m is None:
        return None
    np = np_after_text(text, m.end(), sent_end)
    if np is None:
        return None
    return speaker_name(text[np[0]:np[1]]), np[1]


def find_framing(doc: Doc) -> list[Framing]:
    text = doc.text
    sents = _sentences(doc)
    speakers = _Speakers(doc, sents)
    out: list[Framing] = []
    seen: set[tuple[str, int, int, str | None]] = set()

    def emit(label: FramingLabel, start: int, end: int, speaker: str | None) -> None:
        try:
            span: Span = doc.char_span(start, end)
        except CorroborateError:
            return
        key = (label, span.start, span.end, speaker)
        if key not in seen:
            seen.add(key)
            out.append(Framing(label=label, span=span, speaker=speaker))

    folded = _fold(text)
    for n in _cue_sentences(folded, sents):
        s, e = sents[n]
        cues = find_cues(text, s, e, folded)
        if not cues:
            continue
        either = [(m.start(), m.end()) for m in _EITHER.finditer(text, s, e)]
        # a hedge that ends before a cue ends before the sentence, so a scan of the
        # sentence finds the same ones as a scan of the text
        hedges = [m.span() for m in _HEDGE.finditer(text, s, e)]
        hedge_starts = [h[0] for h in hedges]
        # clause marks of the sentence, once: a cue starts a word, so no mark straddles it
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, s, e)]
        for label, cs, ce, built_in in cues:
            k = bisect_right(breaks, cs)
            clause = breaks[k - 1] if k else s
            h = bisect_left(hedge_starts, clause)
            if h < len(hedges) and hedges[h][1] <= cs or any(a <= cs < b for a, b in either):
                continue
            if label == "admission" and _NOBODY.search(text, max(clause, cs - 40), cs):
                continue
            neg = None if built_in else _NEGATION.search(text, max(clause, cs - 30), cs)
            own = speakers.own(cs, ce)
            claimed = speakers.as_claimed(text, ce)
            if neg is None:
                agent = _passive_agent(text, ce, e) if own is None and claimed is None else None
                if agent is not None:
                    # "the accounts were denied by state television"
                    emit(label, cs, agent[1], agent[0])
                    continue
                who = own or claimed or speakers.covering(cs)
                end = claimed.span.end if claimed is not None and own is None else ce
                emit(label, cs, end, who.speaker if who else None)
                continue
            flipped = _FLIP[label]
            if flipped is not None:
                who = own or speakers.covering(cs, exclude=claimed)
                emit(flipped, neg.start(), ce, who.speaker if who else None)
            if claimed is not None:
                # the claim being rejected keeps its own label and its own speaker
                emit(label, cs, claimed.span.end, claimed.speaker)
    out.sort(key=lambda f: (f.span.start, f.span.end, f.label))
    return out


def create(settings: Settings | None = None) -> Component:
    @component("framing", requires=("attributions",), assigns=("framing",))
    def framing(doc: Doc) -> Doc:
        doc.set("framing", find_framing(doc))
        return doc

    return framing  # type: ignore[return-value]


__all__ = ["CUES", "CUE_WORDS", "create", "find_cues", "find_framing"]
