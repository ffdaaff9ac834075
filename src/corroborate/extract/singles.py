"""Victims counted without a digit: one person named by a noun, a name or a pronoun.

A singular noun phrase, a personal name or "he"/"she" that is the subject of an
outcome ("a man was shot dead", "Shane Simpson, 16, was killed", "she died from
her injuries", "the victim was pronounced dead") or the object of a killing or
wounding verb ("fatally shot his wife", "killing a father and son") counts
people: one, or two for a relation pair or two coordinated names ("X and Y were
killed").  "the shooting death of an 18-year-old" counts one killed.

Transitive outcome verbs need their auxiliary: "a man was killed" counts a
victim, "a man killed his wife" names a killer.  Stative outcomes ("died",
"dead", "shot dead", "pronounced dead") do not.  A headline may drop both the
article and the auxiliary: "Teen dies after accidental shooting", "2-year-old
killed"; that form is read only at the start of a sentence.

"Shot" of a person not said to be dead is an injury; such weak injuries
(`lang.en.outcomes.WEAK_INJURY`) give way to a death in the same report, since
"the man was shot ... he died in hospital" is one person.  The words come from
`corroborate.lang.en`; every match keeps its character span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import safe_lower
from ..lang.en import numbers as N
from ..lang.en import outcomes as O
from ..lang.en import victims as V
from ..lang.en.names import NOT_NAMES
from ..models import Outcome
from .scan import alternation, finditer_at_words


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace (as a
    trie, `scan.alternation`: these patterns are tried at most words of a window)."""
    return alternation(words)


_NOUN = _alt(V.SINGULAR_PERSONS)
_AGE = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[-\s](?:year|month|week|day)s?[-\s]old"
_MOD = rf"(?:{_AGE}|(?!(?:who|was|were|is|has|had|and|a|an|the|his|her|their|left|leaving)\b)[a-z][\w'’-]*,?)"
_AUX = rf"(?:(?:{_alt(O.AUXILIARIES)})\s+)"
_DEATH_STATE = _alt(O.DEATH_STATES)
_DEATH_PASSIVE = _alt(O.DEATH_PASSIVES)
_INJ_PASSIVE = _alt(O.INJURY_PASSIVES)
_INJ_STATE = _alt(O.INJURY_STATES)
#: a wound said with its cause after a person: "suffered a gunshot wound", "who had sustained
#: a bullet wound to the leg", "(found a man) with a gunshot wound" (no digit: one person)
_WOUND = (rf"(?:(?:{_alt(O.SUFFERING_VERBS)})(?:\s+from)?|with)\s+(?:(?:a|an|one|two|multiple|several|"
          rf"single|apparent)\s+)*(?:(?!(?:no|fatal|mortal)\b)[a-z-]+\s+){{0,2}}?"
          rf"(?:{_alt(O.INJURY_CAUSES)})\s+(?:{_alt(O.INJURY_NOUNS)})\b")
#: "suffered a fatal gunshot wound": a death
_FATAL_WOUND = (rf"(?:{_alt(O.SUFFERING_VERBS)})\s+(?:a\s+|an\s+)?(?:fatal|mortal)\s+"
                rf"(?:[a-z-]+\s+){{0,2}}?(?:{_alt(O.INJURY_NOUNS)})\b")
#: after a subject: a state needs no auxiliary, a passive needs one
_PRED = (rf"(?:{_AUX}{{0,3}}(?P<ds>{_DEATH_STATE})\b"
         rf"|{_AUX}{{1,3}}(?P<dp>{_DEATH_PASSIVE})\b(?!\s+(?:a|an|his|her|the|their|himself|herself)\b)"
         rf"|{_AUX}{{1,3}}(?P<ip>{_INJ_PASSIVE})\b(?!\s+(?:dead|to\s+death|and\s+killed|a|an|his|her|the|their|him|them)\b)"
         rf"|{_AUX}{{1,3}}(?P<is>{_INJ_STATE})\b"
         rf"|{_AUX}{{0,3}}(?P<iw>{_WOUND})|{_AUX}{{0,3}}(?P<dw>{_FATAL_WOUND}))")
#: a headline without article or auxiliary: "Teen dies", "2-year-old killed", "Man shot"
_OBJ_NEXT = r"(?!\s+(?:a|an|his|her|the|their|its|him|them|one|two|three)\b)"
_HEAD_PRED = (rf"(?:(?P<hds>{_DEATH_STATE}|{_DEATH_PASSIVE})\b{_OBJ_NEXT}"
              rf"|(?P<his>{_INJ_STATE})\b"
              rf"|(?P<hip>{_INJ_PASSIVE})\b(?!\s+(?:dead|to\s+death|and\s+killed)\b){_OBJ_NEXT})")
#: ("his brother was wounded": a possessive names someone, as "the" does)
_DET = r"(?:a|an|one|another|the|this|that|his|her|their)"
_POSS = r"(?:a|an|one|the|his|her|their|its)"
_AGE_NOUN = rf"(?P<age>{_AGE})"
_ORD = _alt(list(N.ORDINALS))
#: an ordinal with its noun left out names one more person: "two men were killed and a
#: third was wounded" ("a third of the city" is no person)
_PERSON = rf"(?:(?P<noun>{_NOUN})|{_AGE_NOUN}|(?P<ord>{_ORD})(?!\s+(?:of|{_NOUN})\b)(?=\s|,|$))"
#: a short aside between a subject and its predicate: "The second victim, a 23-year-old
#: woman, died", "the victim, identified as ..., 25, was pronounced dead"
_APPOS = r"(?:,\s+[^,.;:!?]{1,40},(?:\s*\d{1,3},)?)"
#: a counted group after "and": "a woman and two children", "a man and his two sons"
_GROUP = (rf"(?P<pn>\d{{1,3}}|{_alt(list(N.UNITS))})\s+(?:of\s+(?:his|her|their|the)\s+)?"
          rf"(?:{_MOD}\s+){{0,2}}?"
          rf"(?:{_alt(sorted(V.VICTIM_NOUNS - {'members_of_armed'}))})")
#: a personal name: one to three capitalised words, optionally with an age in commas
_NAME_WORD = r"(?-i:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+(?-i:(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|Jr\.?|Sr\.?|II|III)))" \
        rf"{{0,3}}(?:,\s*\d{{1,3}},)?"
#: capitalised words that never name one person (`lang.en.names`), and every victim noun
_NOT_NAMES = frozenset(NOT_NAMES) | V.VICTIM_NOUNS | {
    w for p in V.SINGULAR_PERSONS for w in p.split()}

# _SUBJECT, _LEFT_ONE, _HEADLINE, _OBJECT and _MULTIPLE read the lower-cased text (same
# offsets, `numbers.safe_lower`): without IGNORECASE their alternations match several times
# faster; _NAMED and _DEATH_OF read capitals and run on the text itself
_SUBJECT = re.compile(
    rf"""\b(?:(?P<det>{_DET})\s+(?:{_MOD}\s+){{0,3}}?{_PERSON}(?:,\s*\d{{1,3}},|{_APPOS})?
         # "a man and a woman"; a list, "A 59-year-old man, a 49-year-old woman and a
         # 53-year-old man", one person per item
         (?:(?P<pair>(?P<more>(?:,\s+(?:{_DET}\s+)?(?:{_MOD}\s+){{0,2}}?(?:{_NOUN}|{_AGE})){{0,4}})
          (?(more),?\s+and\s+(?:{_DET}\s+)?|\s+and\s+{_DET}\s+)(?:{_MOD}\s+){{0,2}}?(?:{_NOUN}|{_AGE}))
          |\s+and\s+(?:(?:his|her|their)\s+)?(?P<group>{_GROUP}))?
         |(?P<pron>he|she)
         # "a police officer was killed and another was seriously injured"
         |(?P<another>another))
         \s+{_PRED}""", re.VERBOSE)
#: a subject, a relative clause about it, then its death: "A 16-year-old boy who was
#: critically wounded in a shooting on Friday died on Saturday" (a clause that reports
#: speech is another sentence's subject: "a man who said the victim died")
_SUBJECT_WHO = re.compile(
    rf"""\b(?P<det>{_DET})\s+(?:{_MOD}\s+){{0,3}}?{_PERSON}(?:,\s*\d{{1,3}},)?,?\s+who\s+
         (?:(?!\b(?:said|says|told|say|and\s+(?:a|an|the)|who)\b)[^.;:!?]){{1,100}}?,?\s+
         (?:(?:later|then|subsequently|eventually|also)\s+)?
         (?P<ds>died|has\s+died|succumbed|was\s+pronounced\s+dead|was\s+declared\s+dead)\b""",
    re.VERBOSE)
#: "the fourth to die", "the third person to be killed": as many dead as the ordinal says
_NTH_TO_DIE = re.compile(
    rf"""\b(?P<nth>{_ORD})\s+(?:(?:{_NOUN}|people|victims?)\s+)?to\s+(?:die|be\s+killed)
         # of this incident ("in the shooting"), not a city's or a week's count ("the third
         # child to die from Chicago gunfire this week")
         (?=\s+(?:in|from|after|following)\s+(?:(?:the|a|an|this|that|[a-z]+['’]s)\s+)?
         (?:[a-z-]+\s+){{0,3}}?(?:shooting|attack|blast|explosion|bombing|crash|fire|massacre|
         ambush|rampage|stabbing|incident|strike|raid)s?\b)""",
    re.VERBOSE)
#: "the 4-year-old's accidental shooting death", "the man's slaying": the possessor died
_POSS_DEATH = re.compile(
    rf"""(?<![\w-])(?:{_POSS}\s+(?:{_MOD}\s+){{0,2}}?)?(?:(?P<noun>{_NOUN})|{_AGE_NOUN})['’]s\s+
         (?:(?!(?:{_alt(O.POSSESSIVE_DEATHS)})\b)[a-z-]+\s+){{0,2}}?
         (?P<ds>{_alt(O.POSSESSIVE_DEATHS)})\b(?!\s+(?:trial|case|charges?|investigation))""",
    re.VERBOSE)
#: "HUNTING ACCIDENT CLAIMS LIFE", "the crash claimed a life": one life taken
_LIFE = re.compile(
    rf"""\b(?P<ds>(?:{_alt(O.LIFE_TAKING_VERBS)})\s+(?:a\s+|one\s+)?life)\b
         (?!\s+(?:of|sentence|in|imprisonment|term|savings|insurance)\b)""", re.VERBOSE)
#: "shot a man and his wife, killing both", "killing both fighters": two people
_BOTH = re.compile(
    rf"""\b(?:(?P<kv>{_alt(O.KILLING_VERBS)})|(?P<wv>{_alt(O.WOUNDING_VERBS)}))\s+(?P<both>both)
         (?:\s+(?:of\s+)?(?:(?:the|his|her|their|them)\s+)?(?:{_MOD}\s+){{0,2}}?
         (?:{_alt(sorted(V.VICTIM_NOUNS - {'members_of_armed'}))})\b|(?=\s*(?:[.,;:!?)]|$)))""",
    re.VERBOSE)
#: "Both men inside the car were killed", "both of them died": two people
_BOTH_SUBJECT = re.compile(
    rf"""\b(?P<both>both)(?:\s+of\s+them|\s+(?:of\s+)?(?:(?:the|his|her|their)\s+)?(?:{_MOD}\s+){{0,2}}?
         (?:{_alt(sorted(V.VICTIM_NOUNS - {'members_of_armed'}))})
         # a short place phrase: "both men inside the car"
         (?:\s+(?:in|inside|outside|at|near|on|from)\s+(?:(?:the|a|an|their|his|her)\s+)?
          (?:[a-z-]+\s+){{0,2}}?[a-z-]+)?)
         # (a bare "were both shot" after a subject repeats people counted there)
         \s+{_PRED}""", re.VERBOSE)
#: a plural subject whose people an aside lists, one per item: "The victims, a 19-year-old and
#: a 21-year-old, were taken to a hospital", "the two men, a father and his son, died"
_ITEM = rf"(?:{_DET}\s+)?(?:{_MOD}\s+){{0,2}}?(?:{_NOUN}|{_AGE})(?:,\s*\d{{1,3}})?"
_LISTED_SUBJECT = re.compile(
    rf"""\b(?:the|both|all)\s+(?:(?:two|three|four|five)\s+)?(?:{_MOD}\s+){{0,2}}?
         (?:{_alt(sorted(V.VICTIM_NOUNS - {'members_of_armed'}))}),\s+
         (?P<list>{_ITEM}(?:,\s+{_ITEM}){{0,4}},?\s+and\s+{_ITEM}),\s+{_PRED}""", re.VERBOSE)
#: a death in a reduced relative clause: "the man killed in the crash", "A teen shot and
#: killed Sunday has been identified", "the woman killed was 25" (what follows is a
#: preposition, a time, a verb or a stop, never an object: "a man killed his wife" is active)
_REDUCED = re.compile(
    rf"""\b(?P<det>{_DET})\s+(?:{_MOD}\s+){{0,3}}?{_PERSON}\s+
         (?P<dp>shot\s+and\s+killed|fatally\s+shot|shot\s+dead|shot\s+to\s+death|killed|slain)
         (?=\s*[,.;]|\s+(?:in|on|at|while|as|by|was|is|were|has|had|after|during|near|outside|
         inside|when|earlier|overnight|last|early|late|this|sunday|monday|tuesday|wednesday|
         thursday|friday|saturday)\b)""", re.VERBOSE)
#: "accidentally shot himself in the leg": a wound to oneself, not said to be a death
_SELF_WOUND = re.compile(
    rf"""\b(?P<wv>shot|shoots|shooting)\s+(?:himself|herself|itself|self)\s+in\s+(?:(?:the|his|her|its)\s+)?
         (?:(?:left|right|upper|lower)\s+)?(?:{_alt(O.SELF_WOUND_SITES)})\b""", re.VERBOSE)
#: "beat a CNL member to death", "hacked a village chief to death"
_TO_DEATH = re.compile(
    rf"""\b(?P<kv>{_alt(O.TO_DEATH_VERBS)})\s+(?:(?:the|his|her|their|its)|a|an|one)\s+
         (?:{_MOD}\s+){{0,3}}?{_PERSON}
         (?P<pair>\s+and\s+(?:{_POSS}\s+)?(?:{_MOD}\s+){{0,2}}?(?:{_NOUN}|{_AGE}))?
         \s+to\s+death\b""", re.VERBOSE)
#: "leaving a child and a woman dead", "left one man injured"
_LEFT_ONE = re.compile(
    rf"""\b(?:left|leaving|leave|leaves)\s+(?:(?:a|an|one)\s+)?{_PERSON}
         (?P<pair>\s+and\s+(?:(?:a|an|one)\s+)?(?:{_NOUN}|{_AGE}))?
         \s+(?:(?P<ds>dead)|(?P<ip>injured|wounded|hurt))\b""", re.VERBOSE)
_HEADLINE = re.compile(
    rf"""(?!(?:a|an|the|this|that|one|another|his|her|their)\s)(?:{_MOD}\s+){{0,2}}?{_PERSON}
         (?:,\s*\d{{1,3}},)?\s+(?:{_AUX}{{0,2}}){_HEAD_PRED}""", re.VERBOSE)
#: a headline's comma for "and" between a person and more people: "Father, two daughters
#: shot to death", "Man, Toddler Found Dead"
_HEADLINE_LIST = re.compile(
    rf"""(?!(?:a|an|the|this|that|one|another|his|her|their)\s)(?:{_MOD}\s+)?(?:{_NOUN}|{_AGE})
         (?:,\s*\d{{1,3}})?(?:\s*,\s+(?:and\s+)?|\s+and\s+)
         (?:(?P<group>{_GROUP})|(?P<pair>(?:{_MOD}\s+)?(?:{_NOUN}|{_AGE})))
         (?:,\s*\d{{1,3}})?\s+(?:{_AUX}{{0,2}}){_HEAD_PRED}""", re.VERBOSE)
_OBJECT = re.compile(
    rf"""\b(?:(?P<kv>{_alt(O.KILLING_VERBS)})|(?P<wv>{_alt(O.WOUNDING_VERBS)}))\s+
         (?:(?:(?P<det_the>the|his|her|their|its)|a|an|one)\s+(?:{_MOD}\s+){{0,3}}?{_PERSON}
         (?:\s+and\s+(?:(?:his|her|their)\s+)?(?P<group>{_GROUP})
          |(?P<pair>\s+and\s+(?:{_POSS}\s+)?(?:{_MOD}\s+){{0,2}}?(?:{_NOUN}|{_AGE})))?
          # "killing one soldier and wounding another": one more person
          |(?P<another>another)(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|at|on|near|when|during|after|
           before|as|with|and)\b))\b
         (?(det_the)(?!\s+of\b))""",  # "the commander of ..." is a title; "a member of" one
    re.VERBOSE)
_NAMED = re.compile(
    # "Erica Robinson, a 26-year-old resident, was killed": an aside after the name
    # "Ann Lee and Bo Park, both 16, were killed": one age for both
    rf"""(?<![\w.’'-])(?P<name>{_NAME})(?:\s+and\s+(?P<name2>{_NAME})(?:,\s*both\s+\d{{1,3}},)?
    |{_APPOS})?\s+{_PRED}""",
    re.IGNORECASE | re.VERBOSE)
#: `_NAMED` with its predicate cut to the word it must open with (an auxiliary, a stative
#: outcome or a wound's verb): the name and its aside cost little, the predicate's many
#: branches much, and few capitals are followed by one of these words at all
_NAMED_GATE: re.Pattern[str] | None = re.compile(
    rf"""(?<![\w.’'-]){_NAME}(?:\s+and\s+{_NAME}(?:,\s*both\s+\d{{1,3}},)?|{_APPOS})?\s+
    (?:{_alt([p.split()[0] for p in (*O.AUXILIARIES, *O.DEATH_STATES, *O.SUFFERING_VERBS,
                                      "with")])})""",
    re.IGNORECASE | re.VERBOSE)
_DEATH_OF = re.compile(
    # a headline drops the article before an age: "fatal shooting of 16-year-old boy"
    rf"""\b(?:{_alt(O.DEATH_NOUNS)})\s+of\s+(?:(?:(?:{_POSS}\s+|(?={_AGE}))(?:{_MOD}\s+){{0,3}}?{_PERSON})
         |(?:{_AGE}\s+)?(?P<ofname>{_NAME}))""", re.IGNORECASE | re.VERBOSE)


#: one more person after a death or an injury, the auxiliary left to the first clause: "one man
#: was killed and another wounded", "found one man dead and another injured", "a man was
#: killed and his brother wounded" (a possessive needs its person noun)
_ANOTHER_ELLIPTIC = re.compile(
    rf"""(?<=\band\s)(?P<another>another|(?:his|her|their)(?=\s+(?:{_MOD}\s+){{0,2}}?{_NOUN}\s))
         (?:\s+(?:{_MOD}\s+){{0,2}}?(?P<noun>{_NOUN}))?\s+
         (?:(?:critically|seriously|severely|badly|slightly|gravely)\s+)?
         (?P<ip>wounded|injured|hurt)\b""", re.VERBOSE)
#: "killed himself", "took her own life": the one who dies is the subject, counted once
_SELF = re.compile(
    # (a headline's "fatally shoots self"; "self-defense" is no self)
    rf"""\b(?P<kv>(?:{_alt(O.SELF_KILLING_VERBS)})\s+(?:himself|herself|self(?!-))
         |(?:{_alt(O.SELF_KILLING_LIFE)})\s+(?:his|her)\s+own\s+life)\b""", re.VERBOSE)
#: a killer's own death told with the killing: "killed his girlfriend and her daughter, then
#: turned the gun on himself", "shot his wife in a murder-suicide"; counted only as one more
#: than those the killer killed (`casualties`), never alone ("turned the gun on himself"
#: does not say that he died)
_SELF_AFTER = re.compile(
    r"""\b(?P<ds>(?:turned|turns|turning|turn)\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:gun|weapon|rifle|
         pistol|shotgun|handgun)\s+on\s+(?:himself|herself)|murder[-\s]suicide)\b""", re.VERBOSE)
#: "a triple homicide" is three killed, "a quadruple shooting" four shot
_MULTIPLE = re.compile(
    rf"""\b(?P<mult>{_alt(list(N.MULTIPLES))})[-\s](?:(?P<mk>{_alt(O.MULTIPLE_DEATHS)})
         |(?P<mi>{_alt(O.MULTIPLE_SHOOTINGS)}))\b""", re.VERBOSE)
_NOUN_NEXT = re.compile(rf"\s+(?:{_alt([*V.SINGULAR_PERSONS, *V.VICTIM_NOUNS, 'teens'])})\b",
                       re.IGNORECASE)
_PLURAL_VERB = re.compile(r"\s(?:were|are|have)\s", re.IGNORECASE)


def _words_of(*phrases: str, first: bool = True) -> frozenset[str]:
    return frozenset(w for p in phrases for w in (p.lower().split()[:1] if first else
                                                   _WORDS.findall(p.lower())))


_WORDS = re.compile(r"[a-z]+")
#: a word that can name the person: a singular noun (its last word) or an age ("-old")
_PERSON_WORDS = frozenset(p.split()[-1] for p in V.SINGULAR_PERSONS) | {"old"} | frozenset(
    N.ORDINALS)
#: the words `_SUBJECT`'s branches open with
_SUBJECT_FIRST = frozenset(re.findall(r"[a-z]+", _DET)) | {"he", "she"}
#: (pattern, words one of which it needs, whether it needs a person word too, the words its
#: every match opens with).  Each branch of each pattern is ``\b``, one of those words, then a
#: non-word character, so `scan.finditer_at_words` tries it only at those words
_GATED = (
    (_SUBJECT, _PERSON_WORDS | {"he", "she", "another"}, False, _SUBJECT_FIRST),
    (_LEFT_ONE, frozenset({"left", "leaving", "leave", "leaves"}), True, None),
    (_OBJECT, _words_of(*O.KILLING_VERBS, *O.WOUNDING_VERBS), True, None),
    (_DEATH_OF, _words_of(*O.DEATH_NOUNS), False, None),
    (_MULTIPLE, frozenset(N.MULTIPLES), False, None),
    (_SELF, frozenset({"himself", "herself", "self", "own"}), False,
     _words_of(*O.SELF_KILLING_VERBS, *O.SELF_KILLING_LIFE)),
    (_SUBJECT_WHO, frozenset({"who"}), True, _SUBJECT_FIRST - {"he", "she"}),
    (_NTH_TO_DIE, frozenset({"die", "killed"}), False, frozenset(N.ORDINALS)),
    (_LIFE, frozenset({"life"}), False, _words_of(*O.LIFE_TAKING_VERBS)),
    (_TO_DEATH, frozenset({"death"}), True, _words_of(*O.TO_DEATH_VERBS)),
    (_BOTH, frozenset({"both"}), False, _words_of(*O.KILLING_VERBS, *O.WOUNDING_VERBS)),
    (_BOTH_SUBJECT, frozenset({"both"}), False, frozenset({"both"})),
    (_LISTED_SUBJECT, frozenset({"and"}), True, frozenset({"the", "both", "all"})),
    (_REDUCED, frozenset({"killed", "slain", "shot"}), True, _SUBJECT_FIRST - {"he", "she"}),
    (_SELF_WOUND, frozenset({"himself", "herself", "itself", "self"}), False,
     frozenset({"shot", "shoots", "shooting"})),
    (_ANOTHER_ELLIPTIC, frozenset({"another", "his", "her", "their"}), False,
     frozenset({"another", "his", "her", "their"})),
    (_SELF_AFTER, frozenset({"himself", "herself", "suicide"}), False,
     frozenset({"turned", "turns", "turning", "turn", "murder"})),
)
#: `_GATED` with each pattern's opening words when they are all plain letters: in an ASCII
#: window every word the scan could open a match at is then one of the window's words, so
#: a window without any of them cannot match (None: no such shortcut)
_OPENERS = tuple(
    (first if first is not None else needs)
    if all(re.fullmatch("[a-z]+", w) for w in (first if first is not None else needs))
    else None
    for _pat, needs, _np, first in _GATED)
#: the words a gated pattern also needs, one of them, in the window (None: no more than
#: `_GATED` says): a word every match holds whole, beside the opening words, which are
#: common ("the", "his").  "the death of", "a man who was shot died", "and another wounded"
_ALSO_NEEDS = tuple({
    _DEATH_OF: frozenset({"of"}),
    _SUBJECT_WHO: frozenset({"died", "succumbed", "dead"}),
    _ANOTHER_ELLIPTIC: frozenset({"wounded", "injured", "hurt"}),
}.get(pat) for pat, _needs, _np, _first in _GATED)
#: the words a headline's predicate (`_HEAD_PRED`) holds, one of them whole: the last word
#: of each of its outcome phrases (None: try every headline)
_HEAD_PRED_WORDS: frozenset[str] | None = frozenset(_WORDS.findall(p)[-1] for p in (
    *O.DEATH_STATES, *O.DEATH_PASSIVES, *O.INJURY_STATES, *O.INJURY_PASSIVES))
#: words a name's predicate holds (an auxiliary or a stative outcome)
_PRED_WORDS = _words_of(*O.AUXILIARIES, *O.DEATH_STATES, *O.SUFFERING_VERBS, "with",
                       first=False)
_ORD_WORD = re.compile(rf"\b(?:{_ORD})\b", re.IGNORECASE)
_POSS_DEATH_WORDS = _words_of(*O.POSSESSIVE_DEATHS, first=False)
_NAME_WORD_RE = re.compile(_NAME_WORD)
#: where a name may start: a capital not inside a word
_CAPITAL = re.compile(r"(?<![\w.’'-])[A-Z]")


@dataclass(frozen=True, slots=True)
class Single:
    """A count read without a digit: where, what happened, how many, and who."""

    start: int
    end: int
    outcome: Outcome
    count: int
    noun: str | None  # the singular noun (None for a name, pronoun or bare age)
    child: bool  # an age under 18 ("a 15-year-old")
    weak: bool  # an injury that may be a death told later ("was shot")
    #: the ordinal that names the person ("a third person", "the second victim")
    ordinal: int | None = None
    #: where a counted group inside the phrase starts ("a woman and two children"): that
    #: figure is part of this count, not another one
    group_at: int = -1
    #: a killer's own death that counts only beside the killing (`_SELF_AFTER`)
    after_killing: bool = False
    #: a weak injury of one more person than those told ("her brother was also shot"): not
    #: the dead told before it, but maybe the one a pronoun right after says died
    added: bool = False


def _age_years(age: str | None) -> int | None:
    if not age:
        return None
    m = re.match(r"\d+", age)
    if m is None:
        return None
    unit = age.lower()
    return int(m.group()) if "year" in unit else 0


def _outcome(m: re.Match[str]) -> tuple[Outcome, bool] | None:
    g = m.groupdict()
    if g.get("ds") or g.get("dp") or g.get("hds") or g.get("kv") or g.get("dw"):
        return "killed", False
    if g.get("iw"):
        # a wound with its cause may be the same person a later sentence says died
        return "injured", True
    word = (g.get("ip") or g.get("hip") or g.get("wv") or g.get("is") or g.get("his")
            or "").lower()
    if not word:
        return None
    if m.re is _SELF_WOUND:
        return "injured", True
    word = " ".join(word.split())
    return "injured", word in O.WEAK_INJURY or word in O.INJURY_STATES


#: the auxiliary of a passive: "was also shot" hurts its subject, "also shot" (active) does not
_BE = re.compile(r"\b(?:was|were|is|are|been|being|got|remains|remained)\b", re.IGNORECASE)
_ADDED = re.compile(rf"\b(?:{_alt(V.ADDED_PERSON)})\b", re.IGNORECASE)
#: a definite subject with nothing but its noun: "the victim", "the 16-year-old"
_BARE_DEFINITE = re.compile(rf"(?:the|this|that)\s+(?:{_NOUN}|{_AGE})\s", re.IGNORECASE)


def _added(m: re.Match[str], det: str) -> bool:
    """Whether the subject is one more person ("another", or "also" beside a subject that
    does not name the one person already told: "Her brother was also shot", not "The victim
    was also shot in the leg", where "also" adds a wound)."""
    subject_end = m.start("ip") if m.groupdict().get("ip") else m.end()
    if m.groupdict().get("ip") and not _BE.search(m.string, m.start(), subject_end):
        return False  # "Steven also shot his stepdaughter": active, no one hurt here
    if det == "another" or m.groupdict().get("another"):
        return True
    if not _ADDED.search(m.string, m.start(), subject_end):
        return False
    return det not in ("the", "this", "that") or not _BARE_DEFINITE.match(m.string, m.start())


def _name_ok(name: str) -> bool:
    words = [w.strip(",.").lower() for w in name.split() if not w[:1].isdigit()]
    return bool(words) and words[0] not in _NOT_NAMES and not any(
        w in _NOT_NAMES for w in words[1:2] if len(words) == 2 and w in ("police", "officers"))


def find_singles(text: str, start: int, end: int, *, headline: bool = False,
                 lower: str | None = None) -> list[Single]:
    """Counts without a digit in ``text[start:end]`` (one sentence or window), leftmost first,
    not overlapping.  ``headline``: the window opens a sentence, where a bare noun may lead."""
    low = safe_lower(text) if lower is None else lower
    found: list[Single] = []
    # every pattern needs some words in the window: a set test is far cheaper than trying
    # the patterns at every offset
    words = set(_WORDS.findall(low, start, end))
    person = not words.isdisjoint(_PERSON_WORDS)
    if headline and (_HEAD_PRED_WORDS is None
                     or person and not words.isdisjoint(_HEAD_PRED_WORDS)):
        # (a headline's person and its outcome are whole words of the window)
        m = _HEADLINE_LIST.match(low, start, end) or _HEADLINE.match(low, start, end)
        if m is not None:
            found.extend(_from(m))
    ascii_low = low[start:end].isascii()
    ascii_text = text[start:end].isascii()
    for (pat, needs, needs_person, first), openers, also in zip(_GATED, _OPENERS, _ALSO_NEEDS,
                                                                strict=True):
        if (person or not needs_person) and not words.isdisjoint(needs) and (
                also is None or not words.isdisjoint(also)):
            on_text = pat is _DEATH_OF
            if openers is not None and (ascii_text if on_text else ascii_low) and \
                    words.isdisjoint(openers):
                continue
            for m in finditer_at_words(pat, needs if first is None else first,
                                       text if on_text else low, start, end):
                found.extend(_from(m))
    if ("'s" in low[start:end] or "’s" in low[start:end]) and not words.isdisjoint(
            _POSS_DEATH_WORDS):
        # rare: the pattern has no opening word to search for, so it runs only here
        for m in _POSS_DEATH.finditer(low, start, end):
            found.extend(_from(m))
    if not words.isdisjoint(_PRED_WORDS):
        for c in _CAPITAL.finditer(text, start, end):
            # a name whose first word never names a person ("The", "Police") gives nothing
            # (`_name_ok`): skip the costly match there
            w = _NAME_WORD_RE.match(text, c.start(), end)
            if w is None or w.group().strip(",.").lower() in _NOT_NAMES:
                continue
            if _NAMED_GATE is not None and _NAMED_GATE.match(text, c.start(), end) is None:
                continue
            m = _NAMED.match(text, c.start(), end)
            if m is not None:
                found.extend(_from(m))
    found.sort(key=lambda s: (s.start, -s.end))
    out: list[Single] = []
    for s in found:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def _from(m: re.Match[str]) -> list[Single]:
    g = m.groupdict()
    if g.get("mult") is not None:
        n = N.MULTIPLES[g["mult"].lower()]
        return [Single(m.start(), m.end(), "killed" if g.get("mk") else "injured", n, None,
                       False, False)]
    if m.re is _SELF_AFTER:
        return [Single(m.start(), m.end(), "killed", 1, None, False, False, after_killing=True)]
    if g.get("nth") is not None:
        return [Single(m.start(), m.end(), "killed", N.ORDINALS[g["nth"].lower()], None, False,
                       False)]
    if g.get("ofname") is not None:
        if not _name_ok(g["ofname"]) or _NOUN_NEXT.match(m.string, m.end()):
            return []  # "the murder of Oceanside teens": a place modifying the victims
        return [Single(m.start(), m.end(), "killed", 1, None, False, False)]
    if m.re is _DEATH_OF:
        oc: tuple[Outcome, bool] | None = ("killed", False)
    else:
        oc = _outcome(m)
    if oc is None:
        return []
    outcome, weak = oc
    count = 1
    if g.get("name") is not None:
        if not _name_ok(g["name"]):
            return []
        if g.get("name2") is not None:
            if not _name_ok(g["name2"]):
                return []
            count = 2
        elif _PLURAL_VERB.search(m.group(0), len(g["name"])):
            return []  # "Fighters from the Nusra Front were also killed": a group, not a person
    if g.get("pair") or g.get("both"):
        count = 2 + (g.get("more") or "").count(",")
    if g.get("list"):
        count = len(_LIST_SPLIT.split(g["list"]))
    group_at = -1
    if g.get("group"):
        pn = g["pn"].lower()
        count = 1 + (int(pn) if pn.isdigit() else N.UNITS[pn])
        group_at = m.start("group")
    ordinal = N.ORDINALS[g["ord"].lower()] if g.get("ord") else None
    if ordinal is None and g.get("noun"):
        # "a third person", "the second victim"
        mod = _ORD_WORD.search(m.string, m.start(), m.start("noun"))
        ordinal = N.ORDINALS[mod.group().lower()] if mod else None
    if ordinal is not None and m.re is _REDUCED:
        # "the fifth person killed in the shooting": as many dead as the ordinal says (as
        # "the fifth to die", `_NTH_TO_DIE`)
        count, ordinal = ordinal, None
    noun = g.get("noun")
    noun = " ".join(noun.lower().split()) if noun else None
    years = _age_years(g.get("age"))
    if years is None:
        age_mod = re.search(_AGE, m.group(0), re.IGNORECASE)
        years = _age_years(age_mod.group(0)) if age_mod else None
    child = years is not None and years < 18
    det = (g.get("det") or "").lower()
    if outcome == "injured" and (g.get("pron") or det in ("the", "this", "that")):
        # "he was wounded", "the girl was shot": someone already mentioned, who may be the
        # person the report says died
        weak = True
    added = bool(weak and outcome == "injured" and not g.get("pron")) and bool(
        (ordinal is not None and (g.get("noun") or det != "the")) or _added(m, det))
    if added:
        # "her brother was also shot", "another man was taken to a hospital", "a fourth
        # victim remains hospitalized": one more person than those told, so not the dead
        weak = False
    end = m.end()
    if g.get("ip") and _OPEN_SITE.search(g["ip"]):
        # "was hit in the right calf": the span takes in the place of the wound
        site = _SITE_WORD.match(m.string, end)
        end = site.end() if site else end
    return [Single(m.start(), end, outcome, count, noun, child, weak, ordinal, group_at,
                   added=added)]


#: the joints of a listed aside: ", a 21-year-old", " and a 21-year-old" (an age after a
#: comma, "a man, 20,", belongs to its item)
_LIST_SPLIT = re.compile(r",?\s+and\s+|,\s+(?!\d)")


#: a struck phrase that ends before the place of the wound ("hit in the", "struck in his")
_OPEN_SITE = re.compile(r"\b(?:the|his|her|left|right|upper|lower)$")
_SITE_WORD = re.compile(r"\s+[a-z]+")
