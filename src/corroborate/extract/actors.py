"""The ``actors`` component: who acted, who was hit, with canonical names.

Mentions come from one Aho-Corasick pass over the alias table
(``data/actors/actors.tsv`` plus the user's files from
``Settings.actor_aliases``; format in ``docs/extending.md``).  Each mention then
gets a role from its local syntax, within its sentence (the ``sentences``
annotation when present, else the clause around it):

* perpetrator: "X bombed/struck/shelled/killed ...", "X may have hit ...", "X
  airstrike", "X's shelling", "X warplanes", "carried out by X", "bombing of
  ... by X", "by the Russian and regime forces", "X claimed responsibility",
  "blamed X", "accused X of launching ...";
* target: "bombed/hit/targeted X", "attack on X", "offensive against X",
  "positions of X", "X soldiers were killed", a participle with no object
  ("40 militants killed in clashes"), a means of attack that was hit ("a
  Russian helicopter that was shot down"), and the subject of a passive attack
  verb ("X ... were bombed by Y": X target, Y perpetrator);
* mentioned otherwise: the agent of a stative participle ("villages besieged
  by X") and acts "in the past" are not this incident's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..errors import error
from ..models import Actor, Role
from ..pipeline import Component, component
from .gazetteer import fold_key, fold_text, folded, read_user_table, row_aliases, row_country

DATA = Path(__file__).resolve().parents[1] / "data" / "actors" / "actors.tsv"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    kind: str | None
    country: str | None
    crowd: str | None


@dataclass(frozen=True, slots=True)
class _Alias:
    actor: int
    surface: str
    #: "exact" (ALL-CAPS alias), "cap" (Capitalised alias) or "any"
    case: str
    #: a capital standing for its government ("Damascus"): needs a verb after it
    metonym: bool
    #: the alias names the means of attack ("Russian airstrikes"): its actor acts
    attack: bool = False


class ActorTable:
    def __init__(self, entries: list[ActorEntry], aliases: list[_Alias]):
        import ahocorasick

        self.entries = entries
        self.by_name = {e.name: e for e in entries}
        self.index = index = {e.name: i for i, e in enumerate(entries)}
        #: "Syrian" -> index of "Syrian government forces", for "Syrian and Russian jets"
        self.adjectives = {adj: index[name] for adj, name in ATTACK_ADJECTIVES.items()
                           if name in index and adj[:1].isupper()}
        by_key: dict[str, list[_Alias]] = {}
        for a in aliases:
            # keep "U.S.-led" (two separators) and "US-led" both matchable
            for k in {fold_key(a.surface), fold_text(a.surface).strip()}:
                if len(k) >= 2:
                    by_key.setdefault(k, []).append(a)
        self._auto = ahocorasick.Automaton()
        for k, al in by_key.items():
            # a later file's alias wins over an earlier one for the same surface
            self._auto.add_word(f" {k} ", (len(k), tuple(reversed(al))))
        if not by_key:
            self._auto.add_word(" \x00 ", (1, ()))
        self._auto.make_automaton()

    def mentions(self, text: str, folded: str) -> list[tuple[int, int, _Alias]]:
        padded = f" {folded} "
        # (start, -length, end, aliases) sorts leftmost-longest first without a key
        # function; no two keys share a span, so the aliases are never compared
        raw = [(end_idx - 1 - klen, -klen, end_idx - 1, als)
               for end_idx, (klen, als) in self._auto.iter(padded)]
        raw.sort()
        out: list[tuple[int, int, _Alias]] = []
        last = -1
        for start, _neg, end, als in raw:
            if start < last:
                continue
            surface = text[start:end]
            alias = next((a for a in als if _case_ok(a, surface)), None)
            if alias is None:
                continue
            if alias.metonym and not _metonym_ok(text, start, end):
                continue
            out.append((start, end, alias))
            last = end
        return out


def _case_ok(alias: _Alias, surface: str) -> bool:
    if alias.case == "exact":
        return surface.replace(".", "") == alias.surface.replace(".", "")
    if alias.case == "cap":
        return surface[:1].isupper()
    return True


_VERB_AFTER = re.compile(
    r"\s+(?:has|have|had|will|would|could|can|did|does|also|then|later|"
    r"said|says|denied|denies|claims|claimed|accused|accuses|blamed|blames|insists|"
    r"[a-z]{2,}ed|[a-z]{3,}s)\b")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|at|into|towards?|across|of|north|south|east|west)\s+$",
    re.IGNORECASE)


def _metonym_ok(text: str, start: int, end: int) -> bool:
    if _LOCATIVE_BEFORE.search(text, max(0, start - 12), start):
        return False  # "two towns near Damascus besieged by ...": the city, not its government
    if _VERB_AFTER.match(text, end):
        return not text[end:end + 5].lstrip().startswith("'s")
    return _BY_BEFORE.search(text, max(0, start - 12), start) is not None


ACTOR_COLUMNS = ("canonical", "kind", "country", "crowd", "aliases")


def _read(path: Path) -> tuple[list[ActorEntry], list[list[str]]]:
    entries: list[ActorEntry] = []
    aliases: list[list[str]] = []
    for row_no, row in read_user_table(path, "actor alias", ("canonical",), ACTOR_COLUMNS):
        name = row.get("canonical", "")
        if not name:
            raise error("E050", "empty canonical name", file=path, row=row_no, field="canonical")
        entries.append(ActorEntry(name, row.get("kind") or None, row_country(row, path, row_no),
                                  row.get("crowd") or None))
        aliases.append(row_aliases(row))
    return entries, aliases


def _key(paths: Iterable[Path]) -> tuple[tuple[str, float], ...]:
    return tuple((str(Path(p).resolve()), Path(p).stat().st_mtime if Path(p).exists() else -1.0)
                 for p in paths)


def load(extra: Iterable[Path] = ()) -> ActorTable:
    """The bundled alias table plus the user's files, built once per set of files."""
    return _load(_key(extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[tuple[str, float], ...]) -> ActorTable:
    entries: list[ActorEntry] = []
    index: dict[str, int] = {}
    aliases: list[_Alias] = []
    for path in [DATA, *(Path(p) for p, _ in extra)]:
        more, more_aliases = _read(path)
        for e, als in zip(more, more_aliases, strict=True):
            if e.name in index:  # a user file may extend or re-describe an actor
                i = index[e.name]
                old = entries[i]
                entries[i] = ActorEntry(e.name, e.kind or old.kind, e.country or old.country,
                                        e.crowd or old.crowd)
            else:
                index[e.name] = i = len(entries)
                entries.append(e)
            for surface in [e.name, *als]:
                metonym = surface.startswith("~")
                surface = surface.lstrip("~")
                letters = [c for c in surface if c.isalpha()]
                case = ("exact" if letters and all(c.isupper() for c in letters)
                        else "cap" if surface[:1].isupper() else "any")
                attack = surface.rsplit(" ", 1)[-1].lower() in _MEANS
                aliases.append(_Alias(i, surface, case, metonym, attack))
    # "Russian airstrikes", "regime helicopters": the adjective names who attacks
    for adjective, canonical in ATTACK_ADJECTIVES.items():
        if canonical not in index:
            continue
        case = "cap" if adjective[:1].isupper() else "any"
        for noun in ATTACK_NOUNS:
            aliases.append(_Alias(index[canonical], f"{adjective} {noun}", case, False, True))
    return ActorTable(entries, aliases)


#: adjective -> actor, combined with `ATTACK_NOUNS` into aliases ("Russian air raids")
ATTACK_ADJECTIVES = {
    "Russian": "Russian forces", "Syrian": "Syrian government forces",
    "regime": "Syrian government forces", "government": "Syrian government forces",
    "pro-government": "Syrian government forces", "Syrian regime": "Syrian government forces",
    "Syrian government": "Syrian government forces", "Assad regime": "Syrian government forces",
    "Turkish": "Turkish forces", "Israeli": "Israel", "Iraqi": "Iraqi forces",
    "US": "US-led coalition", "U.S.": "US-led coalition", "American": "US-led coalition",
    "coalition": "US-led coalition", "US-led coalition": "US-led coalition",
    "French": "French forces", "British": "British forces", "Jordanian": "Jordanian forces",
    "Saudi": "Saudi-led coalition", "Saudi-led coalition": "Saudi-led coalition",
    "Iranian": "Iranian forces", "rebel": "Syrian opposition", "opposition": "Syrian opposition",
    "Kurdish": "YPG", "Egyptian": "Egyptian forces", "Pakistani": "Pakistani forces",
    "Ukrainian": "Ukrainian forces",
}
ATTACK_NOUNS = (
    "air strikes", "airstrikes", "air strike", "airstrike", "air raids", "air raid", "raids",
    "strikes", "warplanes", "war planes", "planes", "jets", "fighter jets", "aircraft",
    "helicopters", "helicopter gunships", "bombers", "drones", "drone strikes", "bombing",
    "bombings", "bombardment", "shelling", "artillery", "artillery fire", "missiles",
    "missile strikes", "rockets", "mortars", "tanks", "snipers", "air force", "aviation",
    "barrel bombs", "gunboats", "fire", "gunfire", "rocket fire", "mortar fire", "rocket attack",
    "rocket attacks", "mortar attack", "mortar attacks", "attack", "attacks", "raid",
)
#: last words of an alias that make it a means of attack
_MEANS = frozenset(w.rsplit(" ", 1)[-1] for w in ATTACK_NOUNS)


# --- roles -------------------------------------------------------------------

_VERBS_PAST = (
    r"bombed|bombarded|struck|shelled|attacked|targeted|killed|hit|raided|pounded|shot|"
    r"executed|massacred|ambushed|stormed|destroyed|fired|opened\s+fire|"
    r"launched|carried\s+out|conducted|detonated|kidnapped|abducted|besieged|blew\s+up|"
    r"gassed|shot\s+down|slaughtered|beheaded|assassinated|murdered|invaded|seized|captured|"
    r"overran|dropped|used|committed|perpetrated|set\s+off|planted"
)
_VERBS_PRESENT = (
    r"bomb|bombs|bombard|bombards|strike|strikes|shell|shells|attack|attacks|target|targets|"
    r"kill|kills|hit|hits|raid|raids|pound|pounds|bombing|bombarding|striking|shelling|"
    r"attacking|targeting|killing|hitting|raiding|pounding|executing|storming|besieging|"
    r"destroy|destroys|destroying|execute|executes|behead|beheads|capture|captures|recapture|"
    r"recaptures|seize|seizes|kidnap|kidnaps|abduct|abducts|ambush|ambushes|storm|storms|"
    r"massacre|massacres|shoot|shoots|fires"
)
_NOUNS = (
    r"air\s*strikes?|airstrikes?|strikes?|air\s+raids?|raids?|shelling|bombings?|bombardment|"
    r"attacks?|offensive|assault|warplanes?|war\s+planes|jets?|fighter\s+jets|aircraft|"
    r"helicopters?|drones?|missiles?|artillery|rockets?|mortars?|barrel\s+bombs?|snipers?|"
    r"gunfire|fire|operation|bombers?|gunships?|tanks?|ambush|massacre|siege|incursion|"
    r"suicide\s+(?:bombings?|attacks?|blasts?|bomb(?:\s+attacks?)?)|car\s+bombs?|"
    r"(?:group\s+)?suicide\s+(?:bombings?|attacks?|blasts?|bomb(?:\s+attacks?)?)"
)
_CARRIERS = (
    r"warplanes|war\s+planes|jets|aircraft|forces|troops|fighters|militants|artillery|drones?|"
    r"helicopters|units|soldiers|gunmen|militias?|members|aviation|air\s+force|and\s+its\s+allies|"
    r"suicide\s+bombers?|suicide\s+attackers?|gunman|bombers?|insurgents|jihadists"
)
_ADVERBS = (r"(?:(?:have|has|had|reportedly|also|allegedly|then|later|again|repeatedly|"
            r"deliberately|mistakenly|immediately|apparently|on\s+\w+day|"
            r"may|might|could|would|will|did|[a-z]{3,}ly|"
            r"(?:begins?|began|continues?|continued|tries|tried|attempted)\s+to)\s+)*")

_P_AFTER_VERB = re.compile(
    rf"(?:\s*['’]s|\s*\))?\s+(?:(?:{_CARRIERS})\s+)?{_ADVERBS}(?:{_VERBS_PAST}|{_VERBS_PRESENT})\b",
    re.IGNORECASE)
_P_AFTER_NOUN = re.compile(rf"(?:\s*['’]s)?(?:-led)?\s+(?:{_NOUNS})\b", re.IGNORECASE)
_P_CLAIM = re.compile(r"\s+(?:has\s+|have\s+)?claimed\s+(?:responsibility|the\s+attack|credit)",
                      re.IGNORECASE)

# Words before a mention are checked as word lists, not regex searches: a search
# anchored at the end of a window retries at every offset and dominated the cost.
_PAST = frozenset({
    "bombed", "bombarded", "struck", "shelled", "attacked", "targeted", "killed", "hit",
    "raided", "pounded", "shot", "executed", "massacred", "ambushed", "stormed", "destroyed",
    "fired", "launched", "carried", "conducted", "detonated", "kidnapped", "abducted",
    "besieged", "gassed", "slaughtered", "beheaded", "assassinated", "murdered", "invaded",
    "seized", "captured", "overran", "dropped", "used", "perpetrated", "committed", "claimed",
})
_PRESENT = frozenset(_VERBS_PRESENT.split("|"))
_NOUN_WORDS = frozenset({
    "airstrike", "airstrikes", "strike", "strikes", "raid", "raids", "shelling", "bombing",
    "bombings", "bombardment", "attack", "attacks", "offensive", "assault", "warplanes",
    "warplane", "planes", "jets", "jet", "aircraft", "helicopters", "helicopter", "drone",
    "drones", "missile", "missiles", "artillery", "rocket", "rockets", "mortar", "mortars",
    "bombs", "snipers", "sniper", "gunfire", "fire", "operation", "bombers", "ambush",
    "massacre", "siege", "incursion", "responsibility", "killing", "killings", "fighting",
    "war", "battle", "campaign", "counter-offensive", "crackdown",
})
#: words that precede "by X" in a claim but do not make "on X" an attack on X
_NOT_ATTACKS = frozenset({"responsibility", "claimed", "committed", "perpetrated", "used"})
_SKIP = frozenset({"the", "a", "an", "several", "dozens", "of", "its", "their", "his", "her"})
_TARGET_PREP = frozenset({"against", "on", "at", "upon", "of", "targeting"})
_HOLDERS = frozenset({"positions", "bases", "posts", "areas", "strongholds", "headquarters",
                      "convoy", "members", "fighters", "soldiers", "troops", "held", "by"})
_AND_OR = frozenset({"and", "or"})
#: "villages besieged by rebels": a standing situation, not the act being reported
_STATIVE = frozenset({"besieged", "held", "controlled", "encircled", "surrounded", "backed",
                      "led", "supported", "occupied", "run", "dominated"})
_WORD = re.compile(r"[\w'’-]+")


def _before_role(window: str) -> Role | None:
    """Role implied by the (up to 8) words right before a mention."""
    words = [w.lower() for w in _WORD.findall(window)[-8:]]
    if not words:
        return None
    # "bombed by X", "airstrike by the X", "carried out ... by X"
    k = len(words) - 1
    if words[k] == "the" and k > 0:
        k -= 1
    by = k if words[k] == "by" else k - 1 if k > 0 and words[k - 1] == "by" else -1
    if by < 0 and (words[k] in _AND_OR or (k > 0 and words[k - 1] in _AND_OR)):
        # "by the Russian and regime forces", "by Russia and the regime": a coordinated agent
        conj = k if words[k] in _AND_OR else k - 1
        by = next((j for j in range(conj - 1, max(-1, conj - 4), -1) if words[j] == "by"), -1)
    if by >= 0:
        if by > 0 and (words[by - 1] in _STATIVE or words[by - 1] not in _PAST
                       and words[by - 1].endswith(("ed", "en"))):
            # "units encircled by X", "areas held by X": the agent of another participle
            return None
        if any(w in _PAST or w in _NOUN_WORDS for w in words[max(0, by - 5):by]):
            return "perpetrator"
        return None
    # "hit X", "targeted the X", "struck positions of X"
    k = len(words) - 1
    while k >= 0 and (words[k] in _SKIP or words[k].isdigit() or words[k] in _HOLDERS):
        k -= 1
    if k >= 0 and (words[k] in _PAST or words[k] in _PRESENT):
        return "target"
    # "attack on X", "offensive against the positions of X", "bombing of X"
    if k >= 0 and words[k] in _TARGET_PREP:
        if words[k] == "targeting":
            return "target"
        if any((w in _NOUN_WORDS or w in _PAST) and w not in _NOT_ATTACKS
               for w in words[max(0, k - 4):k]):
            return "target"
    return None


_T_PASSIVE_AFTER = re.compile(
    r"(?:\s+(?:soldiers|troops|fighters|members|personnel|servicemen|service\s+men|militants|"
    r"positions|convoy|base|bases|checkpoints?|headquarters|officers|commanders?))?"
    rf"\s+(?:were|was|have\s+been|has\s+been|had\s+been|being|are|is)\s+(?:\w+ly\s+)?"
    rf"(?:{_VERBS_PAST}|wounded|injured)\b", re.IGNORECASE)
#: past participles that, with no object after them, report what was done *to* the noun
#: before them: "40 militants killed in clashes", "Jihadists Killed by Syrian Army"
_PARTICIPLES = (
    r"killed|wounded|injured|executed|captured|kidnapped|abducted|massacred|slaughtered|"
    r"beheaded|assassinated|murdered|targeted|ambushed|arrested|detained|eliminated|slain|"
    r"shot(?:\s+(?:dead|down))?|downed|bombed|shelled|besieged|gassed|destroyed|neutralized|neutralised"
)
_T_BARE_PARTICIPLE = re.compile(
    rf"(?:\s+(?:{_CARRIERS}))?\s+(?:{_PARTICIPLES})"
    r"(?=\s*(?:$|[.,;:!?)\n]|(?:in|by|at(?!\s+(?:least|most))|on|near|outside|during|as|when|after|while|amid|"
    r"overnight|today|yesterday|since|following|and\s+(?:wounded|injured))\b))",
    re.IGNORECASE)
#: "blamed (President Bashar al-)Assad's forces", "accused the regime of launching ...": the
#: party blamed for an attack is its (alleged) perpetrator
_BLAME_BEFORE = re.compile(
    r"\b(?:blamed|blames|blame|blaming|accused|accuses|accuse|accusing)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*\s+){0,3}(?:al-|el-)?$")
_ACCUSED_OF = re.compile(
    r"(?:\s*['’]s)?(?:\s+(?:forces|troops|regime|government|army|military|jets|warplanes))?"
    r"\s+(?:of|for)\s+(?:\w+\s+){0,3}?(?:launch|carr|conduct|bomb|attack|kill|shell|target|"
    r"strik|struck|us(?:e|ed|ing)\b|commit|perpetrat|gas|massacr|behind|raid|air|deliberate)",
    re.IGNORECASE)
_STATIVE_BY = re.compile(
    r"\b(?:besieged|held|controlled|encircled|surrounded|backed|supported|occupied|run|"
    r"dominated)\s+by\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_HABITUAL = re.compile(
    r"\bin\s+the\s+past\b(?!\s+(?:[\w-]+\s+){0,2}?(?:hours?|days?|weeks?|months?|years?|"
    r"decades?)\b)|\bpreviously\b", re.IGNORECASE)
_MEANS_HIT = re.compile(
    rf"\s+(?:(?:that|which)\s+)?(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
    rf"(?:{_PARTICIPLES})\b", re.IGNORECASE)
_PASSIVE = re.compile(
    rf"\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:{_VERBS_PAST})\b",
    re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:said|says|told|tells|claimed|claims|reported|reports|added|stated|announced|accused|"
    r"denied|denies|confirmed|warned|that|who|which|while|whereas)\b|[,;:]\s+(?:and|but)\b",
    re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;\n]")


def _clause(text: str, start: int, end: int, sentences: list[tuple[int, int]] | None,
            ) -> tuple[int, int]:
    if sentences:
        # the first sentence ending after `start` holds it, unless `start` falls in a gap
        lo = bisect_right(sentences, start, key=itemgetter(1))
        if lo < len(sentences) and sentences[lo][0] <= start:
            return sentences[lo]
    lo = max(0, start - 300)
    s = max(max(text.rfind(c, lo, start) for c in ".!?;\n") + 1, lo)
    m = _CLAUSE_END.search(text, end, min(len(text), end + 300))
    return s, (m.start() if m else min(len(text), end + 300))


def assign_roles(text: str, spans: list[tuple[int, int]],
                 sentences: list[tuple[int, int]] | None = None,
                 attack: list[bool] | None = None) -> list[Role]:
    """Role of each actor mention ``(start, end)`` from the words around it.

    ``attack[i]`` says the mention itself names a means of attack ("Russian
    warplanes"): its actor is the perpetrator whatever the verb."""
    roles: list[Role] = ["mentioned"] * len(spans)
    clauses = [_clause(text, s, e, sentences) for s, e in spans]
    for i, (s, e) in enumerate(spans):
        if attack and attack[i]:
            # "a Russian helicopter was shot down": the means of attack is what was hit
            hit = _MEANS_HIT.match(text, e, min(len(text), e + 60)) or \
                _T_BARE_PARTICIPLE.match(text, e, min(len(text), e + 60))
            roles[i] = "target" if hit else "perpetrator"
            continue
        cs, ce = clauses[i]
        after_end = min(ce, e + 120)
        before = _before_role(text[max(cs, s - 80):s])
        if before is None and (m := _BLAME_BEFORE.search(text, max(cs, s - 60), s)) and (
                m.group().lower().startswith("blam") or _ACCUSED_OF.match(text, e, after_end)):
            before = "perpetrator"
        if _HABITUAL.search(text, e, after_end) or _STATIVE_BY.search(text, max(cs, s - 40), s):
            # "IS has carried out several bombings in the area in the past": background;
            # "a district controlled by rebels killed five": the agent is not the subject
            continue
        noun = _P_AFTER_NOUN.match(text, e, after_end)
        if before != "perpetrator" and (_T_BARE_PARTICIPLE.match(text, e, after_end) or noun and (
                _MEANS_HIT.match(text, noun.end(), after_end)
                or _T_BARE_PARTICIPLE.match(text, noun.end(), after_end))):
            # a participle with no object is passive ("militants killed in ..."), not an act;
            # "a Russian helicopter that was shot down": the means of attack was hit
            roles[i] = "target"
        elif (before == "perpetrator" or _P_AFTER_VERB.match(text, e, after_end)
                or noun
                or _P_CLAIM.match(text, e, after_end)):
            roles[i] = "perpetrator"
        elif before == "target" or _T_PASSIVE_AFTER.match(text, e, after_end):
            roles[i] = "target"
    # "X ... were bombed by Y": the first mention before a passive attack verb is its target
    by_clause: dict[tuple[int, int], list[int]] = {}
    for i, clause in enumerate(clauses):
        by_clause.setdefault(clause, []).append(i)
    for (_cs, ce), members in by_clause.items():
        first = members[0]
        if roles[first] != "mentioned":
            continue
        m = _PASSIVE.search(text, spans[first][1], ce)
        # "X said Y were killed": X is the speaker, not the subject of the passive
        if m and not _FINITE.search(text, spans[first][1], m.start()):
            roles[first] = "target"
    return roles


#: "the Coalition" is the Syrian opposition's National Coalition in stories that name it
_NATIONAL_COALITION = "Syrian National Coalition"
_BARE_COALITION = frozenset({"coalition", "the coalition"})


def _coalition_sense(table: ActorTable,
                     found: list[tuple[int, int, _Alias]]) -> list[tuple[int, int, _Alias]]:
    snc = table.index.get(_NATIONAL_COALITION)
    if snc is None or not any(a.actor == snc for _, _, a in found):
        return found
    return [(s, e, _Alias(snc, a.surface, a.case, a.metonym)
             if a.surface.lower() in _BARE_COALITION else a) for s, e, a in found]


_COORDINATED = re.compile(r"\b([A-Z][\w.-]*(?:\s+(?:regime|government))?)\s+(?:and|or)\s+$")


def _coordinated(text: str, table: ActorTable,
                 found: list[tuple[int, int, _Alias]]) -> list[tuple[int, int, _Alias]]:
    """ "Syrian and Russian warplanes": the first adjective is an attacker too."""
    out: list[tuple[int, int, _Alias]] = []
    for s, e, alias in found:
        if alias.attack:
            m = _COORDINATED.search(text, max(0, s - 30), s)
            if m and out and out[-1][1] == m.end(1):
                # "Syrian regime or Russian air strikes": the matched "Syrian regime" acts too
                ps, pe, prev = out[-1]
                out[-1] = (ps, pe, _Alias(prev.actor, prev.surface, prev.case, prev.metonym, True))
            elif m and (actor := table.adjectives.get(m.group(1))) is not None and not (
                    out and out[-1][1] > m.start(1)):
                out.append((m.start(1), m.end(1), _Alias(actor, m.group(1), "cap", False, True)))
        out.append((s, e, alias))
    return out


#: canonical actors that describe attackers without naming them
GENERIC_ACTORS = frozenset({"Gunmen", "Jihadists", "Armed groups (unspecified)"})
_OF_GROUP = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")


def find_actors(doc: Doc, table: ActorTable) -> list[Actor]:
    text = doc.text
    found = table.mentions(text, folded(text))
    if not found:
        return []
    found = _coordinated(text, table, _coalition_sense(table, found))
    spans = [(s, e) for s, e, _ in found]
    roles = assign_roles(text, spans, doc.get("sentences"), [a.attack for _, _, a in found])
    # "Jihadists from the Islamic State have executed ...": the description is the named
    # group's; the group takes its role and the description is not a second actor
    drop = set()
    for i in range(len(found) - 1):
        (_s, e, a), (s2, _e2, b) = found[i], found[i + 1]
        if table.entries[a.actor].name in GENERIC_ACTORS and \
                table.entries[b.actor].name not in GENERIC_ACTORS and \
                _OF_GROUP.fullmatch(text, e, s2):
            if roles[i + 1] == "mentioned":
                roles[i + 1] = roles[i]
            drop.add(i)
    out = []
    for k, ((s, e, alias), role) in enumerate(zip(found, roles, strict=True)):
        if k in drop:
            continue
        entry = table.entries[alias.actor]
        out.append(Actor(name=entry.name, span=doc.char_span(s, e), role=role, kind=entry.kind,
                         country=entry.country))
    return out


def create(settings: Settings) -> Component:
    """The ``actors`` component; extra alias files come from ``Settings.actor_aliases``."""
    table = load(list(settings.actor_aliases))

    @component("actors", assigns=("actors",))
    def actors(doc: Doc) -> Doc:
        doc.set("actors", find_actors(doc, table))
        return doc

    return cast(Component, actors)


def crowd_actor(name: str | Actor | None, table: ActorTable | None = None) -> str:
    """The FA-KES crowd ``actor`` category of a canonical actor ("unknown" if none)."""
    if name is None:
        return "unknown"
    if isinstance(name, Actor):
        name = name.name
    entry = (table or load()).by_name.get(name)
    return (entry.crowd if entry and entry.crowd else "unknown")


def crowd_category(value: object, field: str | None = None) -> str:
    """Map a `Place`, `Actor` or `Cause` (or a canonical string with ``field`` one of
    "location", "actor", "cause") to the FA-KES crowd annotation vocabulary."""
    from ..models import Cause, Place
    from .cause import crowd_cause
    from .places import crowd_location

    if isinstance(value, Place) or field == "location":
        if isinstance(value, str):
            return crowd_location_name(value)
        return crowd_location(value if isinstance(value, Place) else None)
    if isinstance(value, Actor) or field == "actor":
        return crowd_actor(value if isinstance(value, Actor | str) else None)
    if isinstance(value, Cause) or field == "cause":
        return crowd_cause(value if isinstance(value, Cause | str) else None)
    raise TypeError(f"no crowd category for {type(value).__name__}; pass field=")


def crowd_location_name(admin1_or_name: str) -> str:
    """`crowd_location` for a bare governorate or place name ("Deir ez-Zor" -> "deir ezzor")."""
    from .places import _CROWD_LOCATION

    key = fold_key(admin1_or_name)
    return _CROWD_LOCATION.get(key, key)
