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
"state"), so it works for any country's names without a gazetteer.  Speakers
that are news outlets give ``kind="relay"``; everyone else ``"statement"``.

Each `Attribution` also gets a *scope* (the characters whose claims it covers),
kept in ``doc.annotations["attribution_scopes"]`` beside the list, which the
framing component uses to pick the speaker of a framing cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Settings
from ..doc import Doc
from ..errors import CorroborateError
from ..models import Attribution
from ..pipeline import Component, component

# --- lexicon ----------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: surface verb -> normalised verb (past tense, or the preposition for relays)
VERBS: dict[str, str] = {}
for _norm, _forms in {
    "said": "said says say saying stated added adds adding noted notes "
            "emphasized emphasised emphasizes emphasises stressed stresses insisted insists "
            "explained explains declared declares wrote writes tweeted tweets argued argues "
            "asserted asserts maintained maintains warned warns commented comments",
    "told": "told tells",
    "claimed": "claimed claims claim claiming alleged alleges allege alleging",
    "admitted": "admitted admits admit admitting",
    "acknowledged": "acknowledged acknowledges acknowledge acknowledging",
    "denied": "denied denies deny denying rejected rejects rejecting dismissed dismisses "
              "refuted refutes",
    "confirmed": "confirmed confirms confirm confirming",
    "reported": "reported reports report reporting",
    "announced": "announced announces announce announcing",
    "accused": "accused accuses accuse accusing blamed blames blame blaming",
}.items():
    for _f in _forms.split():
        VERBS[_f] = _norm

#: present participles that continue the previous speaker's statement (", adding that")
PARTICIPLES = {v for v in VERBS if v.endswith("ing")}
#: bare plural forms that need a plural-looking subject ("officials say")
_BARE = {"say", "claim", "allege", "admit", "acknowledge", "deny", "confirm", "report",
         "announce", "accuse", "blame"}

ROLE_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen official officials source sources
    minister ministry ministries activist activists resident residents witness witnesses
    eyewitness eyewitnesses police army military media monitor monitors group groups observatory
    command council president commander commanders leader leaders general governor mayor doctor
    doctors medic medics paramedic paramedics rescuer rescuers volunteer volunteers agency
    agencies authorities authority government statement chief head envoy ambassador diplomat
    diplomats representative representatives analyst analysts expert experts investigator
    investigators correspondent reporter reporters journalist journalists survivor survivors
    villager villagers locals coalition forces troops soldiers fighters militants rebels
    opposition regime office department website channel television tv news outlet newspaper
    daily network service organisation organization organisations organizations committee
    commission ngo ngos charity hospital directorate administration presidency parliament
    speaker secretary deputy adviser advisor aide aides officer officers colonel brigade
    battalion unit team campaign watchdog staff board body militia militias insurgents
    family families relatives junta commissioner inspector chairman chairwoman director
    administrator coordinator superintendent worker workers center centre radio broadcaster
    jihadists islamists police sheikh imam cleric priest bishop prosecutor judge court
    spokesperson lawmaker lawmakers mp mps senator senators congressman congresswoman
    """
)
MODIFIERS = _words(
    """
    military security local senior medical government state official opposition rebel
    pro-government anti-government human rights civil defense defence foreign interior health
    intelligence diplomatic western regional provincial district tribal independent several
    some two three four five many unnamed anonymous top high-ranking former press
    international humanitarian relief rescue field citizen activist army police defence
    navy naval air force chief deputy acting regime monitoring rural northern southern
    eastern western central northeastern northwestern southeastern southwestern federal national
    municipal county presidential parliamentary royal east west north south armed
    """
)
DETERMINERS = _words("the a an this that these those its their his her our")
CONNECTORS = _words("of for de del al el bin ibn van von der la le du and &")
#: capitalised words that begin sentences or clauses but never a speaker
FUNCTION_CAPS = _words(
    """
    But And However Meanwhile Also So Yet In On At No None Nobody Other Others Another Further
    More Several Earlier Later Then Now Still Separately
    Elsewhere Last This That There Here When While After Before As If Although Though Since
    Because Moreover Furthermore Additionally Indeed Instead Thus Therefore During Despite
    According Today Yesterday Tomorrow It Its We Our You Your Not Nor Or Both Such Some
    Many Most All Only Even What Which Who Whom Whose Where Why How Asked Speaking
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    """
)

#: news outlets and wire agencies (lower-cased); with the generic heads below,
#: a speaker that names one is a relay, not a first-hand statement
OUTLETS = _words(
    """
    reuters afp ap rt sputnik tass sana xinhua anadolu bbc cnn interfax irna isna fars tasnim
    yonhap kyodo efe ansa dpa bernama pti ians aljazeera al-jazeera wafa ria upi ani nhk
    sky fox abc nbc cbs npr
    """
) | {
    "associated press", "agence france-presse", "agence france presse", "al jazeera",
    "al arabiya", "press tv", "ria novosti", "russia today", "sputnik arabic", "sputnik news",
    "rt news", "enab baladi", "al-masdar news", "al masdar news", "orient news", "step news",
    "smart news", "hawar news", "anha", "al-mayadeen", "al mayadeen", "the guardian",
    "new york times", "washington post", "wall street journal", "the independent",
    "daily mail", "the telegraph", "le monde", "der spiegel", "haaretz", "times of israel",
    "the times", "financial times", "deutsche welle", "voice of america", "france 24",
    "euronews", "al-akhbar", "asharq al-awsat", "syrian arab news agency", "state media",
    "state television", "state tv", "official news agency",
}
MEDIA_HEADS = _words(
    "news agency media television tv channel radio newspaper daily website outlet network "
    "broadcaster press wire"
)
#: readable names for outlets that appear under several spellings
OUTLET_NAMES = {
    "rt news": "RT", "russia today": "RT", "sputnik news": "Sputnik",
    "agence france-presse": "AFP", "agence france presse": "AFP",
    "syrian arab news agency": "SANA",
}

# --- tokens -------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Brig|Adm|Cpl|Rep|Sen|Gov|Prof|St|Jr|Sr)\."
    r"|\w+(?:[’'\-]\w+)*(?:[’']s)?"
    r"|[^\w\s]"
)


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


#: lower-case particles that start a name part: "al-Assad", "el-Sisi", "bin-Salman", "d'Estaing"
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|d)[-’'][A-Z]")


def _is_cap(t: Tok) -> bool:
    c = t.text[0]
    if c.isupper():
        return t.text not in FUNCTION_CAPS
    return bool(_NAME_PARTICLE.match(t.text))


def _np_word(t: Tok) -> bool:
    low = t.low
    base = re.sub(r"[’']s$", "", low)
    return _is_cap(t) or base in ROLE_NOUNS or low in MODIFIERS or bool(_HELD.search(low))


#: "rebel-held", "Kurdish-led", "UK-based": participle modifiers inside a noun phrase
_HELD = re.compile(r"\w-(?:held|controlled|led|backed|based|run|allied|linked|affiliated)$")
#: "a number of officials said", "some of the residents said": the officials speak
_QUANTIFIERS = _words("number some one two three many several most all dozens hundreds members "
                      "each any both none majority few")
#: a noun phrase right after one of these is an object, not the subject of the next verb
_PREPOSITIONS = _words("to with against by from at on into of for about over near than like "
                       "toward towards under")


def _is_head(t: Tok) -> bool:
    base = re.sub(r"[’']s$", "", t.low)
    return _is_cap(t) or base in ROLE_NOUNS


def _trim(toks: list[Tok]) -> list[Tok]:
    """Drop determiners/connectors at the edges and modifiers after the head."""
    while toks and (toks[0].low in DETERMINERS or toks[0].low in CONNECTORS):
        toks = toks[1:]
    while toks and not _is_head(toks[-1]):
        toks = toks[:-1]
    return toks


def _newline_between(a: Tok, b: Tok, text: str) -> bool:
    return "\n" in text[a.end:b.start]


def np_before(toks: list[Tok], i: int, text: str = "", *, object_ok: bool = False) -> list[Tok]:
    """The speaker noun phrase ending just before token ``i`` (may be empty).

    "an activist in Homs said" keeps the locative: the speaker is
    "activist in Homs", not the town.
    """
    j = i
    if i > 0 and toks[i - 1].low in {"and", "&"}:
        return []  # "... inside Syria and says": a coordinated verb, not a subject
    while j > 0:
        t = toks[j - 1]
        if text and j < i and _newline_between(t, toks[j], text):
            break
        if _np_word(t) or t.low in CONNECTORS or (
                t.low in DETERMINERS and j - 2 >= 0 and toks[j - 2].low in CONNECTORS):
            j -= 1
            continue
        break
    np = _trim(toks[j:i])
    if not np:
        return np
    k = next(n for n in range(j, i) if toks[n] is np[0])
    d = k - 1 if k >= 1 and toks[k - 1].low in DETERMINERS else k
    if d >= 3 and toks[d - 1].low in {"in", "at"} and toks[d - 2].low in {"based",
                                                                          "headquartered"}:
        # "a monitoring group based in the UK said": the group speaks, not the country
        head = np_before(toks, d - 2, text)
        if head:
            return head
    if d >= 2 and toks[d - 1].low in {"in", "from", "at"} and \
            re.sub(r"[’']s$", "", toks[d - 2].low) in ROLE_NOUNS:
        head = np_before(toks, d - 1, text)
        if head:
            return head + toks[d - 1:i]
    p = k - 1
    while p >= 0 and toks[p].low in DETERMINERS:
        p -= 1
    if not object_ok and p >= 0 and toks[p].low in _PREPOSITIONS and not (
            toks[p].low == "of" and p > 0 and toks[p - 1].low in _QUANTIFIERS):
        return []  # "opponents of Assad said", "spoke to the media said": an object
    return np


def np_after(toks: list[Tok], i: int) -> list[Tok]:
    """The speaker noun phrase starting at token ``i`` (may be empty)."""
    j = i
    if j < len(toks) and toks[j].low in DETERMINERS:
        j += 1
    k = j
    while k < len(toks):
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        inner = nxt is not None and (_np_word(nxt) or nxt.low in DETERMINERS)
        # a determiner only inside "of the", "for the": "According to SANA the army..." stops
        det_ok = t.low in DETERMINERS and k > j and toks[k - 1].low in CONNECTORS
        if _np_word(t) or inner and (t.low in CONNECTORS or det_ok):
            k += 1
        else:
            break
    return _trim(toks[i:k])


def is_media(name: str) -> bool:
    low = name.lower().replace("’", "'")
    if low in OUTLETS:
        return True
    words = low.split()
    if any(w in OUTLETS for w in words) and (len(words) <= 3 or any(w in MEDIA_HEADS
                                                                     for w in words)):
        return True
    return bool(words) and words[-1] in MEDIA_HEADS or any(
        o in low for o in OUTLETS if " " in o)


PERSON_ROLES = _words(
    """spokesman spokeswoman spokesperson minister president commander leader general governor
    mayor doctor medic paramedic rescuer volunteer chief head envoy ambassador diplomat
    representative analyst expert investigator correspondent reporter journalist survivor
    villager resident witness eyewitness activist official source speaker secretary deputy
    adviser advisor aide officer colonel sheikh imam cleric priest bishop prosecutor judge
    lawmaker mp senator congressman congresswoman commissioner inspector chairman chairwoman
    director administrator coordinator superintendent"""
)
ORG_WORDS = (ROLE_NOUNS - PERSON_ROLES) | _words(
    """crescent cross nations union international amnesty watch helmets front state army
    party movement brigades network foundation institute center centre rights defence defense
    republic kingdom states"""
)


def looks_like_person(name: str) -> bool:
    """A personal name or a singular person's role: who "he" or "she" can refer to."""
    words = name.replace("'s", "").split()
    if not words or is_media(name):
        return False
    if words[-1].lower() in PERSON_ROLES:
        return True
    return len(words) >= 2 and all(w[0].isupper() or _NAME_PARTICLE.match(w) for w in words) \
        and not any(w.lower() in ORG_WORDS or w.isupper() for w in words)


def speaker_name(text: str) -> str:
    """Readable speaker: one line, ASCII apostrophes, outlets under one spelling."""
    name = " ".join(text.replace("’", "'").replace(",", " ").split()).strip(" ;:.-–—\"“”")
    low = name.lower()
    if low in OUTLET_NAMES:
        return OUTLET_NAMES[low]
    words = name.split()
    # "Sputnik news", "RT News" -> the outlet's own name
    if len(words) > 1 and words[-1].lower() == "news":
        rest = " ".join(words[:-1])
        if rest.lower() in OUTLETS or rest.isupper():
            return rest
    return name


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
            self.last_speaker = speaker
            if looks_like_person(speaker):
                self.last_person = speaker

    def _full_name(self, speaker: str) -> str:
        """"Muallem" after "Foreign Minister Walid Muallem" is the same speaker."""
        if " " in speaker or not speaker[:1].isupper():
            return speaker
        for f in reversed(self.found):
            full = f.attribution.speaker
            if full.endswith(" " + speaker) and looks_like_person(full):
                return full
        return speaker

    def sentence(self, s: int, e: int) -> None:
        text = self.text
        toks = tokens(text, s, e)
        first_in_sentence = len(self.found)
        for i, t in enumerate(toks):
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
            k = next((n for n, x in enumerate(toks) if x.start == subj_start), 0)
            if k > 0 and toks[k - 1].low in {"as", "like"}:
                # "..., not a mistake as Washington claims": only the clause before "as"
                clause = s
                for x in toks[:k - 1]:
                    if x.text in {",", ";", "–", "—", ":", "“", "("}:
                        clause = x.end
                return (clause, toks[k - 1].start)
            # "..., officials said."  -> covers what came before; a quote if it ends just before
            before = self.text[s:subj_start]
            q = max(before.rfind("“"), before.rfind('"', 0, max(0, len(before.rstrip(' ,')) - 1)))
            return (s + q if q >= 0 else s, subj_start)
        if nxt.text == ":" and i + 2 >= len(toks):
            # "Sputnik news reports:" introduces the next paragraph
            para = re.search(r"\S[\s\S]*?(?:\n\s*\n|$)", self.text[e:])
            return (toks[i].end, e + para.end() if para else e)
        return (toks[i].end, e)

    def _verb(self, toks: list[Tok], i: int, verb: str, s: int, e: int, first: int) -> None:
        t = toks[i]
        text = self.text
        low = t.low
        # 1. participle continuing a statement: "..., adding that", "released a statement saying"
        if low in PARTICIPLES:
            m = re.search(r"(?:released|issued|published|put out|made)\s+(?:a|an)\s+"
                          r"(?:\w+\s+)?(?:statement|communiqu[eé]|report|announcement)\s*,?\s*$",
                          text[s:t.start])
            if m:
                j = next(k for k, x in enumerate(toks) if x.start >= s + m.start())
                while j > 0 and _is_gap(toks[j - 1]):
                    j -= 1
                np = self._subject(toks, j)
                if np:
                    name = speaker_name(text[np[0].start:np[-1].end])
                    self.add(name, verb, np[0].start, t.end, (t.end, e), t.start)
                return
            prev = [f for f in self.found[first:] if f.verb_pos < t.start]
            if prev and i > 0 and toks[i - 1].text == ",":
                sp = prev[-1].attribution.speaker
                self.add(sp, verb, t.start, t.end, (t.end, e), t.start,
                         kind=prev[-1].attribution.kind)
            return
        # 2. inversion after a quote or comma: '..." said the ministry spokesman'
        if i > 0 and toks[i - 1].text in {",", "”", '"', "’", "'"} and low not in _BARE:
            np = np_after(toks, i + 1)
            after = np_end_index(toks, np) + 1 if np else 0
            if np and (after >= len(toks) or toks[after].text in _CLAUSE_END):
                name = speaker_name(text[np[0].start:np[-1].end])
                before = text[s:t.start]
                q = before.rfind("“")
                self.add(name, verb, t.start, np[-1].end,
                         (s + q if q >= 0 else s, toks[i - 1].start), t.start)
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
            head = re.sub(r"[’']s$", "", np[-1].low)
            if low in _BARE and not (head.endswith("s") or head in {"police", "media", "military"}
                                     or _is_cap(np[-1])):
                return
            if low in {"report", "reports", "reported"} and not (
                    is_media(text[np[0].start:np[-1].end]) or head in ROLE_NOUNS
                    or _is_cap(np[-1])):
                return  # "a report", "reports": a noun, not a relay
            name = speaker_name(text[np[0].start:np[-1].end])
            self.add(name, verb, np[0].start, t.end,
                     self._scope_after(toks, i, s, e, np[0].start), t.start)
            return
        # 4. coordinated verb sharing the earlier subject: "..., but claimed that"
        if j > 0 and toks[j - 1].low in {"but", "and", "yet"} and low not in _BARE:
            prev = [f for f in self.found[first:] if f.verb_pos < t.start
                    and f.attribution.kind == "statement"]
            if prev:
                a = prev[-1].attribution
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
                if appos and appos[0].low in DETERMINERS | {"who"} or appos and _np_word(appos[0]):
                    name = np_before(toks, k, self.text)
                    if name and looks_like_person(" ".join(x.text for x in appos)) and all(
                            _is_cap(x) for x in appos) and not _is_cap(name[-1]):
                        # "a coalition spokesman, Turki al-Maliki, said": title and name
                        return name + appos
                    if name and any(_is_cap(x) for x in name):
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


def np_end_index(toks: list[Tok], np: list[Tok]) -> int:
    return next(k for k, t in enumerate(toks) if t.start == np[-1].start)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    sents = doc.get("sentences")
    if sents is None:
        from .sentences import split_sentences

        sents = split_sentences(doc.text)
    return list(sents)


def find_attributions(doc: Doc) -> list[Found]:
    """Attributions in document order, each with the text span it covers."""
    f = _Finder(doc)
    for s, e in _sentences(doc):
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


__all__ = ["Attribution", "Found", "create", "find_attributions", "is_media",
           "speaker_name"]
