"""Verbs of saying and the words a speaker's noun phrase is built from (attribution).

"62 soldiers were killed, the ministry said": the verbs that attribute a claim, with the
tense each is reported in; the role nouns and modifiers of a speaker phrase ("a senior
military official", "activists in Homs"); the capitalised words that open a clause but
never name a speaker; and which roles are one person ("he" or "she" can refer to them).
"""

from __future__ import annotations


def word_set(s: str) -> frozenset[str]:
    """The whitespace-separated words of ``s``."""
    return frozenset(s.split())


_words = word_set

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
BARE = {"say", "claim", "allege", "admit", "acknowledge", "deny", "confirm", "report",
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

#: (the outlet lexicons live in `corroborate.lang.en.outlets`, shared with `compare`)


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
