"""Nouns that mark a name as a first-level administrative division.

"Borno State", "Kharkiv oblast", "Idleb governorate", "the province of Helmand":
the noun after (or "<noun> of" before) a name says it is the division, not a
town of the same name, and lets a division name that is also an everyday word
or another place ("Delta", "Rivers", "Georgia") count as the division.
"County" and "district" are left out: they name second-level units in most
countries ("Berks County", "Arghandab district").
"""

from __future__ import annotations

#: written after the name ("Borno State", "Kharkiv Oblast", "Kandahar province")
AFTER: tuple[str, ...] = (
    "state", "province", "governorate", "region", "oblast", "prefecture", "department",
    "emirate", "wilaya", "wilayah", "muhafazah", "countryside",
)
#: written before the name with "of" ("the state of Borno", "province of Idlib")
BEFORE_OF: tuple[str, ...] = (
    "state", "province", "governorate", "region", "oblast", "prefecture", "department",
    "wilaya",
)

#: second-level nouns written capitalised after a name ("Berks County", "Orleans Parish"): the
#: name is that unit's, not a town's
SECOND_LEVEL_AFTER: tuple[str, ...] = ("County", "Parish", "Borough", "Co.")
#: countries whose counties are first-level divisions ("Kisumu County", "Bong County")
COUNTY_IS_ADMIN1: frozenset[str] = frozenset({"KE", "LR", "NO", "SE", "HR", "EE", "HU", "LT"})
#: nouns of units below a division, written before its name in brackets or after a comma
#: ("Kwatandashi village (Askira-Uba, Borno)", "Nyiragongo territory (North Kivu)")
LOWER_UNITS: tuple[str, ...] = (
    "village", "town", "city", "district", "county", "area", "camp", "LGA", "municipality",
    "sub-district", "subdistrict", "neighbourhood", "neighborhood", "township", "territory",
    "commune", "cercle", "locality", "tehsil", "upazila", "woreda", "zone", "barangay", "ward",
    "sub-county", "subcounty",
)
