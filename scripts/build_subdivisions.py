"""Build ``src/corroborate/data/gazetteer/subdivisions.tsv``: the first-level divisions of
every country whose divisions the bundled gazetteer does not curate, from ISO 3166-2.

    pip install pycountry==26.2.16   # only this script needs it (development time)
    .venv/bin/python scripts/build_subdivisions.py

The gazetteer knows a country's divisions from its cities' admin-1 column: a division
without a city of 15,000 people ("Bamingui-Bangoran", "Bujumbura Rural", Chad's "Lac")
was not there at all, so a text naming one read a town of the same name abroad instead.
ISO 3166-2 lists them all.  Kept:

* the first-level divisions of each country (a region, province, state, prefecture...,
  not a municipality, city or commune: those are towns the city rows already hold);
* the provinces inside a first-level *region* (the Philippines, Burkina Faso, Morocco...),
  as districts of that region: the press names the province ("Northern Samar", "Soum").

A division named by a common word or a compass point ("Coast", "Centre") is left out.
Countries whose divisions ``geonames.tsv`` already lists as places (the conflict countries,
with the press's spellings) are left out.  A bracketed note is dropped from a name
("Ilocos (Region I)" is "Ilocos").  Every division is read only where the text marks it
(``gazetteer._with_subdivisions``).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "gazetteer"
#: ISO subdivision types that are towns or wards, not divisions the press names as such
TOWN_TYPES = frozenset({
    "Municipality", "City", "Local council", "Quarter", "Parish", "Commune",
    "City with county rights", "Popularate", "Administrative atoll", "Capital city",
    "Capital district", "Town council", "Urban municipality", "Autonomous city",
    "Autonomous municipality", "City municipality", "Metropolitan city", "Metropolitan region",
    "Town", "Borough", "Ward", "Special municipality", "Special city", "Metropolitan department",
    "Outlying area", "Arctic region", "Dependency",
})


#: a division named by a common noun or a compass point ("Coast", "Lakes", "Centre") is
#: written in English text as that word far more often than as the division: left out
_GENERIC_WORDS = """
    bay capital center central centre coast east eastern est gulf highlands interior island
    islands lakes littoral lower lowlands maritime midlands mountains nord norte north
    northern ouest plateau river savanes savannah south southern sud sur upper valley west
    western
"""
GENERIC = frozenset(_GENERIC_WORDS.split())


def _clean(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def main() -> None:
    curated = set()
    with (OUT / "geonames.tsv").open(encoding="utf-8") as fh:
        lines = (ln for ln in fh if not ln.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("kind") == "admin1" and row.get("country"):
                curated.add(row["country"])
    by_code = {s.code: s for s in pycountry.subdivisions}
    rows = []
    for s in pycountry.subdivisions:
        cc = s.country_code
        if cc in curated or s.type in TOWN_TYPES or _clean(s.name).lower() in GENERIC:
            continue
        if s.parent_code is None:
            rows.append((s.code, cc, _clean(s.name), "admin1", _clean(s.name)))
            continue
        parent = by_code.get(s.parent_code)
        if s.type == "Province" and parent is not None and parent.parent_code is None \
                and parent.type == "Region":
            rows.append((s.code, cc, _clean(s.name), "district", _clean(parent.name)))
    rows.sort()
    with (OUT / "subdivisions.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# First-level divisions (and the provinces of first-level regions) from ISO 3166-2\n"
                 "# (pycountry 26.2.16), for the countries geonames.tsv does not curate.\n"
                 "# Built by scripts/build_subdivisions.py; read by corroborate.extract.gazetteer.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(["code", "country", "name", "kind", "admin1"])
        w.writerows(rows)
    sys.stdout.write(f"{len(rows)} divisions written ({len(curated)} curated countries left out)\n")


if __name__ == "__main__":
    main()
