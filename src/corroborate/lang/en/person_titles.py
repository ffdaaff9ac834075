"""Words around a name that make it a person, not a place.

"Gov. Asa Hutchinson", "Rep. Raul Labrador", "President Bush", "Hutchinson said",
"Cheney's office": a title before a name, a verb of saying or a possessive after
it, say that "Hutchinson", "Labrador", "Cheney" or "Bush" is someone, although a
town carries the name.
"""

from __future__ import annotations

#: titles and offices written before a person's name (matched with their case)
TITLES: tuple[str, ...] = (
    "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.", "Rev.", "Sr.", "Jr.",
    "Rep.", "Reps.", "Sen.", "Sens.", "Gov.", "Lt. Gov.", "Del.", "Assemblyman",
    "Assemblywoman", "Councilman", "Councilwoman", "Congressman", "Congresswoman",
    "Senator", "Representative", "Governor", "President", "Vice President", "Mayor",
    "Sheriff", "Deputy", "Officer", "Trooper", "Detective", "Det.", "Sgt.", "Sergeant",
    "Lt.", "Lieutenant", "Capt.", "Captain", "Cpl.", "Corporal", "Chief", "Commissioner",
    "Judge", "Justice", "Attorney", "Prosecutor", "Secretary", "Minister", "Prime Minister",
    "Speaker", "Gen.", "General", "Col.", "Colonel", "Maj.", "Major", "Adm.", "Admiral",
    "Pvt.", "Private", "Spc.", "Pastor", "Father", "Bishop", "Imam", "Sheikh", "King",
    "Queen", "Prince", "Princess", "Emir", "Ambassador", "Spokesman", "Spokeswoman",
)

#: verbs of saying (and a few of stating) that follow a person's name: "Hutchinson said"
SAYING_VERBS: tuple[str, ...] = (
    "said", "says", "told", "tells", "added", "adds", "stated", "states", "wrote", "writes",
    "tweeted", "argued", "argues", "explained", "explains", "noted", "notes", "insisted",
    "insists", "asked", "asks", "replied", "responded", "declared", "announced", "admitted",
    "testified", "recalled", "commented", "remarked", "urged", "warned",
)
