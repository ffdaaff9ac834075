"""English names that stand for a party to a conflict when a speaker is named.

"Washington admitted", "the Kremlin denied": the name of a capital, an office or a
people stands for a state.  Keys are lower-cased words joined by single spaces.
The actors of an incident (who did what) are listed in ``data/actors/actors.tsv``;
this lexicon says which state or group a *speaker* speaks for.
"""

from __future__ import annotations

#: names that stand for a state in reporting ("Washington admitted", "the Kremlin denied")
PARTY_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states",
    "united states": "united states", "american": "united states", "americans": "united states",
    "washington": "united states", "pentagon": "united states", "centcom": "united states",
    "central command": "united states", "white house": "united states",
    "state department": "united states", "us led coalition": "united states",
    "russia": "russia", "russian": "russia", "moscow": "russia", "kremlin": "russia",
    "syria": "syria", "syrian government": "syria", "syrian army": "syria", "damascus": "syria",
    # "Syrian" alone is left out: the Syrian Observatory for Human Rights is no party
    "assad": "syria", "syrian regime": "syria", "syrian authorities": "syria",
    "syrian state": "syria", "turkey": "turkey", "turkish": "turkey", "ankara": "turkey",
    "israel": "israel", "israeli": "israel", "iran": "iran", "iranian": "iran", "tehran": "iran",
    "islamic state": "islamic state", "isis": "islamic state", "isil": "islamic state",
    "daesh": "islamic state",
}
