"""How news gives a person's age.

"A 14-year-old boy", "the man, 35 years old", "a woman aged 61", "Zurana Horton,
34, was killed": the victims and the suspect of one shooting are given the same
ages by every report of it, and two shootings in one city rarely involve people of
the same ages.
"""

from __future__ import annotations

#: words after a number that make it an age ("14-year-old", "35 years old", "2 yr old")
AGE_UNITS: tuple[str, ...] = ("year", "yr")

#: the word after the unit ("-old")
AGE_AFTER: tuple[str, ...] = ("old",)

#: words before a number that make it an age ("aged 61")
AGE_BEFORE: tuple[str, ...] = ("aged",)

#: ages a report gives differ from another report's ages of the same people by at most
#: this many years (a birthday between two reports, an age in years read from a birth date)
SAME_AGE_SLACK = 1
