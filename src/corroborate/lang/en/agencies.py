"""Local public agencies written after the name of the place they serve.

"Tucson police said", "the Lubbock Police Department", "Boyle County Sheriff's
Office", "Gainesville Fire Rescue": US local news names the town or county by
its police, sheriff or fire service.  The name before such a noun is the
jurisdiction, a place, even at the start of a sentence and even when a person
could carry it ("Salem Police", "Jackson police").
"""

from __future__ import annotations

#: nouns (matched case-insensitively, whole words) that name an agency of the place before
#: them; "sheriff" is here only as "Sheriff's Office/Department" or "County Sheriff" (a
#: capitalised "Sheriff" alone before a name is a title, `person_titles.TITLES`)
AFTER_PLACE: tuple[str, ...] = (
    "police", "police department", "police dept.", "police dept", "pd",
    "sheriff's office", "sheriff's department", "sheriff’s office", "sheriff’s department",
    "fire department", "fire rescue", "fire-rescue", "firefighters",
)
