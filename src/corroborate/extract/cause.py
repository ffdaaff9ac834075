"""The ``causes`` component: how people were killed, and with what.

One Aho-Corasick pass over the folded text (see `corroborate.extract.gazetteer`)
finds cause words ("airstrike", "shelling", "barrel bombs", "sarin", "shot
dead") and named weapons or platforms ("F-16", "Su-24", "Tomahawk").  A weapon
implies its category (an F-16 means an airstrike).  Weapons named together in
one sentence become one `Cause` ("two F-16s and two A-10s" -> weapon
"F-16, A-10"); a cause word takes the compatible weapons of its sentence.
Words that need context ("bombing", "strikes") are air attacks when the
sentence talks of aircraft, explosions otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from ..config import Settings
from ..doc import Doc
from ..models import Cause
from ..pipeline import Component, component
from .gazetteer import fold_key, folded

CATEGORIES = ("airstrike", "shelling", "barrel_bomb", "car_bomb", "suicide_bombing", "ied",
              "explosion", "chemical", "shooting", "execution", "massacre", "landmine",
              "drone_strike", "missile_strike")

#: category -> phrases (folded: lower case, punctuation as spaces; plurals added)
CAUSE_WORDS: dict[str, tuple[str, ...]] = {
    "airstrike": (
        "airstrike", "air strike", "air-strike", "air raid", "airraid", "aerial bombardment",
        "aerial bombing", "aerial attack", "aerial strike", "air attack", "air bombardment",
        "air campaign", "warplanes struck", "warplanes bombed", "warplanes targeted",
        "jets struck", "jets bombed", "bombed by warplanes", "bombed by jets",
        "raids by warplanes", "bombing raid", "carpet bombing", "aerial assault",
        "airstrikes", "air strikes", "air raids", "coalition strike", "coalition raid",
        "vacuum bomb", "cluster bomb", "bunker buster",
    ),
    "shelling": (
        "shelling", "shelled", "artillery fire", "artillery shelling", "artillery shell",
        "artillery barrage", "artillery", "mortar", "mortar shell", "mortar round", "mortar fire",
        "mortar attack", "rocket fire", "rocket attack", "rocket shell", "rockets", "rocket",
        "shells", "tank fire", "tank shell", "hell cannon", "gas cylinder bomb",
        "bombarded", "bombardment", "shelling attack", "missile shell", "projectile",
        "projectiles", "katyusha",
    ),
    "barrel_bomb": (
        "barrel bomb", "barrel bombs", "barrel bombing", "barrel bombed", "explosive barrel",
        "explosive barrels", "tnt barrel", "tnt barrels",
    ),
    "car_bomb": (
        "car bomb", "car bombing", "booby trapped car", "booby trapped vehicle",
        "booby trapped truck", "vehicle borne", "vbied", "truck bomb", "bomb laden car",
        "bomb laden truck", "explosive laden car", "explosive laden truck",
        "explosive laden vehicle", "car bomb attack", "car bombs",
    ),
    "suicide_bombing": (
        "suicide bomber", "suicide bombing", "suicide attack", "suicide attacker",
        "suicide blast", "suicide car bomb", "suicide bomb", "suicide vest", "explosive belt",
        "blew himself up", "blew herself up", "detonated his explosive",
        "suicide car bomber", "suicide truck bomb",
    ),
    "ied": (
        "ied", "ieds", "improvised explosive device", "roadside bomb", "explosive device",
        "sticky bomb", "booby trap", "booby trapped",
    ),
    "explosion": (
        "explosion", "blast", "bomb blast", "bomb attack", "bomb exploded", "bomb went off",
        "exploded", "detonated", "bombing", "bombings", "bomb", "bombs", "twin bombings",
        "twin blasts", "explosives",
    ),
    "chemical": (
        "chemical attack", "chemical weapon", "chemical weapons", "chemical agent",
        "chemical strike", "chemical gas", "chemical bombs", "chemical munitions", "sarin",
        "chlorine", "toxic gas", "toxic gases", "toxic substance", "toxic chemicals",
        "nerve agent", "nerve gas", "mustard gas", "poison gas", "poisonous gas", "vx",
        "gas attack", "organophosphorus", "chemical", "asphyxiation", "suffocation",
        # a gas released on people is a chemical agent ("releasing a gas that killed 86")
        "releasing a gas", "released a gas",
    ),
    "shooting": (
        "shooting", "shot dead", "shot and killed", "gunfire", "gunshot", "gunshots",
        "sniper", "sniper fire", "snipers", "opened fire", "machine gun", "machine gunned",
        "gunned down", "shootout", "live ammunition", "bullets", "bullet", "shot",
        "shooting attack",
    ),
    "execution": (
        "executed", "execution", "executions", "beheaded", "beheading", "beheadings",
        "firing squad", "summarily killed", "summary execution", "hanged", "crucified",
        "field execution", "execution style",
    ),
    "massacre": ("massacre", "massacres", "massacred"),
    "landmine": (
        "landmine", "land mine", "landmines", "land mines", "mine blast", "mine explosion",
        "mine exploded", "unexploded ordnance", "unexploded bomb", "unexploded bombs",
        "explosive remnants",
    ),
    "drone_strike": (
        "drone strike", "drone attack", "drone", "drones", "uav", "uavs",
        "unmanned aerial vehicle", "unmanned aircraft", "drone strikes",
    ),
    "missile_strike": (
        "missile strike", "missile attack", "cruise missile", "cruise missiles",
        "ballistic missile", "ballistic missiles", "missile", "missiles", "missile strikes",
        "surface to surface missile", "guided missile",
    ),
}

#: canonical weapon -> (category, folded phrases, needs a capital letter)
WEAPONS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "F-16": ("airstrike", ("f 16", "f16", "f 16s", "f16s"), False),
    "A-10": ("airstrike", ("a 10", "a10", "a 10s", "a10s"), False),
    "F-15": ("airstrike", ("f 15", "f15", "f 15s", "f 15e"), False),
    "F-35": ("airstrike", ("f 35", "f35", "f 35s"), False),
    "F/A-18": ("airstrike", ("f a 18", "fa 18", "f 18", "f18", "super hornet"), False),
    "B-52": ("airstrike", ("b 52", "b52", "b 52s"), False),
    "B-1": ("airstrike", ("b 1b", "b 1 bomber", "b 1 bombers"), False),
    "Tornado": ("airstrike", ("tornado jets", "tornado jet", "tornado aircraft"), False),
    "Rafale": ("airstrike", ("rafale", "rafales", "rafale jets"), True),
    "Su-22": ("airstrike", ("su 22", "su22", "sukhoi 22"), False),
    "Su-24": ("airstrike", ("su 24", "su24", "sukhoi 24", "su 24s"), False),
    "Su-25": ("airstrike", ("su 25", "su25", "sukhoi 25", "su 25s"), False),
    "Su-34": ("airstrike", ("su 34", "su34", "sukhoi 34", "su 34s"), False),
    "Su-35": ("airstrike", ("su 35", "su35", "sukhoi 35"), False),
    "Sukhoi": ("airstrike", ("sukhoi", "sukhois"), True),
    "MiG": ("airstrike", ("mig", "migs", "mig 21", "mig 23", "mig 25", "mig 29", "mig 21s",
                          "mig 23s", "mig 29s"), True),
    "Tu-22M3": ("airstrike", ("tu 22m3", "tu 22m3s", "tu 22", "tu 160", "tu 95"), False),
    "helicopter": ("airstrike", ("helicopter gunship", "helicopter gunships",
                                 "military helicopter", "military helicopters"), False),
    "cluster munitions": ("airstrike", ("cluster munitions", "cluster munition",
                                        "cluster bombs", "cluster bomb"), False),
    "white phosphorus": ("airstrike", ("white phosphorus", "phosphorus bombs",
                                       "phosphorous bombs"), False),
    "thermobaric bombs": ("airstrike", ("thermobaric", "vacuum bombs", "vacuum bomb"), False),
    "barrel bombs": ("barrel_bomb", ("barrel bomb", "barrel bombs", "explosive barrels"), False),
    "Tomahawk": ("missile_strike", ("tomahawk", "tomahawks", "tomahawk missiles",
                                    "tomahawk cruise missiles"), True),
    "Kalibr": ("missile_strike", ("kalibr", "kalibr missiles", "kalibr cruise missiles"), True),
    "Scud": ("missile_strike", ("scud", "scuds", "scud missiles"), True),
    "TOW": ("missile_strike", ("tow missile", "tow missiles"), False),
    "Hellfire": ("drone_strike", ("hellfire", "hellfire missiles", "hellfire missile"), True),
    "MQ-9 Reaper": ("drone_strike", ("mq 9", "mq9", "reaper drone", "reaper drones"), False),
    "MQ-1 Predator": ("drone_strike", ("mq 1", "predator drone", "predator drones"), False),
    "Grad": ("shelling", ("grad", "grad rockets", "grad rocket", "grad missiles"), True),
    "hell cannon": ("shelling", ("hell cannon", "hell cannons"), False),
    "mortar": ("shelling", ("mortar", "mortars", "mortar shells", "mortar rounds"), False),
    "sarin": ("chemical", ("sarin", "sarin gas"), False),
    "chlorine": ("chemical", ("chlorine", "chlorine gas", "chlorine bombs"), False),
    "mustard gas": ("chemical", ("mustard gas", "sulfur mustard", "sulphur mustard"), False),
    "VX": ("chemical", ("vx", "vx nerve agent"), True),
}

# Phrases that contain a cause word but are not a cause ("hunger strike").
NOT_CAUSES = (
    "hunger strike", "general strike", "chemical weapons convention", "chemical weapons watchdog",
    "organisation for the prohibition of chemical weapons",
    "organization for the prohibition of chemical weapons", "shot down", "shot at",
    "a shot", "big shot", "mug shot", "mortar board", "strike a deal", "striking a deal",
    "chemical weapons stockpile", "chemical weapons arsenal", "chemical weapons programme",
    "chemical weapons program", "barrel of oil", "barrels of oil", "barrels per day",
    "oil barrels", "drone footage", "press shot", "shot in the arm", "missile defense", "missile defence", "missile test",
    "missile launch", "surface to air missile", "anti aircraft missile", "air defence",
    "air defense", "rocket science", "blast wall", "bomb shelter", "bomb shelters",
)

#: cause words that are air attacks only when the sentence speaks of aircraft
_AIR_CONTEXT = re.compile(
    r"\b(?:warplanes?|war\s+planes|jets?|aircraft|air\s*strikes?|airstrikes?|air\s+raids?|"
    r"helicopters?|aerial|air\s+force|aviation|planes?|(?<!suicide\s)bombers?|sorties|coalition|Russian|"
    r"dropped)\b", re.IGNORECASE)
_CONTEXT_WORDS = {"bombing", "bombings", "bomb", "bombs", "bombed", "strike", "strikes", "struck",
                  "raid", "raids"}
_GROUND_BOMB = re.compile(
    r"\b(?:car|vehicle|truck|suicide|planted|device|IED|explosive|belt|roadside|booby|motorcycle|"
    r"market|bus)\b", re.IGNORECASE)
_EXPLOSIVES = {"car_bomb", "suicide_bombing", "ied", "barrel_bomb", "landmine"}
_SENTENCE_END = re.compile(r"[.!?\n]")
#: how close (characters) a weapon must be to lend its name to a cause word
_WEAPON_REACH = 400


@dataclass(frozen=True, slots=True)
class _Lex:
    category: str
    weapon: str | None
    cap: bool
    blocked: bool = False


def _plurals(phrase: str) -> set[str]:
    out = {phrase}
    if not phrase.endswith("s"):
        out.add(phrase + "s")
    return out


@lru_cache(maxsize=1)
def _automaton() -> Any:
    import ahocorasick

    table: dict[str, _Lex] = {}
    for cat, phrases in CAUSE_WORDS.items():
        for p in phrases:
            for k in _plurals(fold_key(p)):
                table.setdefault(k, _Lex(cat, None, False))
    for w in ("bombed", "strike", "strikes", "struck", "raid", "raids"):
        table.setdefault(w, _Lex("explosion" if w == "bombed" else "airstrike", None, False))
    for weapon, (cat, phrases, cap) in WEAPONS.items():
        for p in phrases:
            table[fold_key(p)] = _Lex(cat, weapon, cap)
    for p in NOT_CAUSES:
        table[fold_key(p)] = _Lex("", None, False, blocked=True)
    auto = ahocorasick.Automaton()
    for k, lex in table.items():
        auto.add_word(f" {k} ", (len(k), k, lex))
    auto.make_automaton()
    return auto


def _sentence(text: str, start: int, end: int, sentences: list[tuple[int, int]] | None,
              starts: list[int]) -> tuple[int, int]:
    if sentences:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i][1]:
            return sentences[i]
    lo = max(0, start - 400)
    s = max(max(text.rfind(c, lo, start) for c in ".!?\n") + 1, lo)
    m = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return s, (m.start() if m else min(len(text), end + 400))


def find_causes(doc: Doc) -> list[Cause]:
    text = doc.text
    padded = " " + folded(text) + " "
    # (start, -length, end, key, lexeme) sorts leftmost-longest first without a key
    # function; no two keys share a span, so the lexemes are never compared
    raw = [(end_idx - 1 - klen, -klen, end_idx - 1, key, lex)
           for end_idx, (klen, key, lex) in _automaton().iter(padded)]
    if not raw:
        return []
    raw.sort()
    hits: list[tuple[int, int, str, _Lex]] = []
    last = -1
    for start, _neg, end, key, lex in raw:
        if start < last:
            continue
        last = end
        if lex.blocked or (lex.cap and not text[start].isupper()):
            continue
        hits.append((start, end, key, lex))
    sentences = doc.get("sentences")
    starts = [s for s, _ in sentences] if sentences else []
    out: list[Cause] = []
    # weapons first: neighbours of one category in one sentence make one Cause
    weapons: list[tuple[int, int, str, str]] = []  # start, end, weapon, category
    for start, end, _key, lex in hits:
        if lex.weapon is None:
            continue
        sent = _sentence(text, start, end, sentences, starts)
        prev = weapons[-1] if weapons else None
        if (prev and prev[3] == lex.category and prev[0] >= sent[0]
                and lex.weapon not in prev[2].split(", ")):
            weapons[-1] = (prev[0], end, f"{prev[2]}, {lex.weapon}", lex.category)
        elif prev and prev[3] == lex.category and prev[0] >= sent[0]:
            weapons[-1] = (prev[0], max(prev[1], end), prev[2], lex.category)
        else:
            weapons.append((start, end, lex.weapon, lex.category))
    for start, end, weapon, cat in weapons:
        out.append(Cause(cat, doc.char_span(start, end), weapon))
    weapon_spans = [(s, e) for s, e, _, _ in weapons]
    # the article speaks of air attacks somewhere: a bare "bombing" is most likely one too
    doc_air = any(lex.category == "airstrike" and key not in _CONTEXT_WORDS
                  for _, _, key, lex in hits)
    words: list[tuple[int, int, str, tuple[int, int], bool]] = []
    for start, end, key, lex in hits:
        if lex.weapon is not None or any(s <= start < e for s, e in weapon_spans):
            continue
        cat = lex.category
        sent = _sentence(text, start, end, sentences, starts)
        if key in _CONTEXT_WORDS:
            air = (_AIR_CONTEXT.search(text, sent[0], sent[1]) is not None
                   or any(sent[0] <= ws < sent[1] and wc == "airstrike"
                          for ws, _, _, wc in weapons))
            if cat == "airstrike" and not air:
                continue  # "strikes" alone: a labour strike, a football strike...
            if not air and doc_air and cat == "explosion" and key.startswith("bomb"):
                air = _GROUND_BOMB.search(text, sent[0], sent[1]) is None
            cat = "airstrike" if air else "explosion"
        words.append((start, end, cat, sent, key in _CONTEXT_WORDS))
    specific = {sent for _, _, cat, sent, _ in words if cat in _EXPLOSIVES}
    explicit = {sent for _, _, _, sent, from_context in words if not from_context}
    for start, end, cat, sent, from_context in words:
        if cat == "explosion" and sent in specific:
            continue  # "a car bomb exploded": the car bomb says it all
        if from_context and sent in explicit:
            continue  # "a suicide bomber struck": "struck" adds nothing
        out.append(Cause(cat, doc.char_span(start, end), _nearby_weapon(weapons, cat, start, sent)))
    out.sort(key=lambda c: c.span.start)
    return out


def _nearby_weapon(weapons: list[tuple[int, int, str, str]], category: str, start: int,
                   sent: tuple[int, int]) -> str | None:
    best = None
    for ws, _we, weapon, wcat in weapons:
        if wcat != category:
            continue
        if sent[0] <= ws < sent[1]:
            return weapon
        if abs(ws - start) <= _WEAPON_REACH and best is None:
            best = weapon
    return best


def create(settings: Settings | None = None) -> Component:
    """The ``causes`` component."""
    _automaton()  # build once, at pipeline construction, not on the first document

    @component("causes", assigns=("causes",))
    def causes(doc: Doc) -> Doc:
        doc.set("causes", find_causes(doc))
        return doc

    return cast(Component, causes)


#: our categories -> the FA-KES crowd ``cause_of_death`` vocabulary
CROWD_CAUSE = {
    "airstrike": "shelling", "shelling": "shelling", "barrel_bomb": "shelling",
    "missile_strike": "shelling", "drone_strike": "shelling", "car_bomb": "explosion",
    "suicide_bombing": "explosion", "ied": "explosion", "explosion": "explosion",
    "landmine": "explosion", "chemical": "chemical and toxic gases", "shooting": "shooting",
    "execution": "execution", "massacre": "shooting",
}


def crowd_cause(cause: Cause | str | None) -> str:
    """The FA-KES crowd ``cause_of_death`` category ("unknown" if none)."""
    if cause is None:
        return "unknown"
    category = cause.category if isinstance(cause, Cause) else cause
    return CROWD_CAUSE.get(category, "unknown")
