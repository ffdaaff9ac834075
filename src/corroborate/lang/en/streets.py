"""Street nouns: a place name before one names a street, not the place.

"Denison Street", "Sugar Hill Street", "Lake Park Drive", "the Winchester Road
exit": streets are named after towns far away, so the town's name there says
nothing of where the story happens.  The same holds for a name joined by "and"
to a street at an intersection ("at 46th Avenue and Roosevelt", "near Fern and
Olive streets").
"""

from __future__ import annotations

#: written after the name, capitalised as part of it ("Denison Street", "Elm St."); in lower
#: case only after "on" ("on Denison street"): "a Memphis street" is a street in Memphis
AFTER: tuple[str, ...] = (
    "street", "streets", "st.", "road", "roads", "rd.", "avenue", "avenues", "ave.", "av.",
    "boulevard", "blvd.", "blvd", "drive", "lane", "ln.", "terrace", "pike", "parkway",
    "pkwy.", "expressway", "freeway", "turnpike", "apartments", "apts.",
)

#: the words that end the first street of an intersection ("46th Avenue and ...")
BEFORE_AND: tuple[str, ...] = (
    "street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "blvd.", "drive", "lane",
    "broadway",
)
