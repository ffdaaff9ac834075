"""How US news writes the states after a city: "PUYALLUP, Wash. —", "Jackson, Miss.",
"Memphis, TN".

AP style abbreviates most state names in datelines and after a city; eight are
never abbreviated (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah) and
are matched by their own name.  Postal codes follow a city in many local
outlets.  Each maps to the state's name as the gazetteer spells it.
"""

from __future__ import annotations

#: AP-style abbreviation (as written, with its full stops) -> state
AP: dict[str, str] = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Cal.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana",
    "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "W. Va.": "West Virginia", "Wis.": "Wisconsin", "Wisc.": "Wisconsin", "Wyo.": "Wyoming",
    "D.C.": "District of Columbia",
}

#: USPS postal code -> state (only read right after "City, ")
POSTAL: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia",
}

#: the cities AP style lets stand alone, without their state, in datelines and text: a US
#: report names any other town of another state with its state ("Tulsa, Oklahoma"), so a
#: bare town name is one of its own state, or a neighbourhood ("Austin" in a Chicago story)
AP_STANDALONE: frozenset[str] = frozenset({
    "Atlanta", "Baltimore", "Boston", "Chicago", "Cincinnati", "Cleveland", "Dallas",
    "Denver", "Detroit", "Honolulu", "Houston", "Indianapolis", "Las Vegas", "Los Angeles",
    "Miami", "Milwaukee", "Minneapolis", "New Orleans", "New York", "Oklahoma City",
    "Philadelphia", "Phoenix", "Pittsburgh", "St. Louis", "Saint Louis", "Salt Lake City",
    "San Antonio", "San Diego", "San Francisco", "Seattle", "Washington",
})
