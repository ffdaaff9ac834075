"""Nouns for a state's governing body, written "<noun> in <capital>".

"The government in Damascus", "the regime in Damascus", "the administration in
Washington": the place names the seat of a government (metonymy for the state), not
where anything happened.  A place right after one of these and "in" is not an
incident's place.
"Authorities" and "officials" are left out: in local news "authorities in Washington
state" are the police of the place where it happened.
"""

from __future__ import annotations

#: "the <noun> in Damascus" speaks of a government, not of a place where events happen
GOVERNING_NOUNS: tuple[str, ...] = (
    "government", "regime", "leadership", "administration", "junta", "rulers",
)
