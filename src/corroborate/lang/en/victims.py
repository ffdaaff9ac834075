"""English victim nouns: who the dead and injured are.

``NONCIVILIAN`` heads name combatants, ``CIVILIAN`` heads civilians (``CHILDREN``
and ``WOMEN`` also mark a figure counting only those), ``UNSPECIFIED`` heads
anyone.  ``SINGULAR_PERSONS`` are singular nouns that name one person ("a man",
"the teenager"); ``KIN_PAIRS`` are relations that name two people together
("a father and son").
"""

from __future__ import annotations

NONCIVILIAN = frozenset(
    [
        "soldier", "soldiers", "troop", "troops", "serviceman", "servicemen", "servicemember",
        "servicemembers", "personnel", "fighter", "fighters", "militant", "militants", "rebel",
        "rebels", "insurgent", "insurgents", "terrorist", "terrorists", "jihadist", "jihadists",
        "jihadis", "gunman", "gunmen", "officer", "officers", "policeman", "policemen", "police",
        "guard", "guards", "militiaman", "militiamen", "militia", "militias", "combatant",
        "combatants", "mercenary", "mercenaries", "commander", "commanders", "recruits",
        "conscripts", "pilots", "pilot", "elements", "gunmen", "members_of_armed", "forces", "army",
        "troopers", "sniper", "snipers", "bodyguards", "paramilitaries", "paramilitary",
        "operatives", "attackers", "bombers", "extremists", "combattants", "gendarme",
        "gendarmes", "marine", "marines", "agents", "sergeant", "sergeants",
        # a movement's name as a count noun: "7 Taliban were killed"
        "taliban"
    ]
)
CIVILIAN = frozenset(
    [
        "civilian", "civilians", "child", "children", "kid", "kids", "baby", "babies", "infant",
        "infants", "woman", "women", "girl", "girls", "boy", "boys", "student", "students", "pupil",
        "pupils", "schoolchildren", "toddler", "toddlers", "minors", "minor", "worshippers",
        "worshipper", "patients", "patient", "doctors", "doctor", "nurses", "nurse", "medics",
        "medic", "paramedics", "journalists", "journalist", "refugees", "refugee", "teachers",
        "farmers", "shepherds", "mothers", "mother", "activists", "aid workers"
    ]
)
UNSPECIFIED = frozenset(
    [
        "people", "persons", "person", "individuals", "individual", "residents", "resident",
        "villagers", "villager", "men", "man", "members", "member", "others", "victims",
        "inhabitants", "citizens", "citizen", "passengers", "relatives", "family", "families",
        "workers", "worker", "youths", "youth",
        # US local news: "2 teens shot", "three adults were hospitalized"
        "teens", "teenagers", "adults", "bystanders", "males", "females", "juveniles",
        # event notes worldwide: "killing 4 herders", "2 Nigerien nationals"
        "herders", "herdsmen", "traders", "hunters", "fishermen", "miners", "migrants",
        "detainees", "prisoners", "inmates", "hostages", "protesters", "protestors",
        "demonstrators", "mourners", "shoppers", "nationals", "contractors", "employees",
        "customers", "guests", "occupants", "pilgrims", "travellers", "travelers", "drivers",
        "motorists", "pedestrians",
        # "4 medical staff and 6 patients", "the helicopter's five crew"
        "staff", "crew", "crewmen", "volunteers", "rescuers",
        # kin counted after a possessive: "a woman and her two daughters"
        "sons", "daughters", "grandchildren", "nephews", "cousins", "siblings"
    ]
)
CHILDREN = frozenset(
    [
        "child", "children", "kid", "kids", "baby", "babies", "infant", "infants", "girl", "girls",
        "boy", "boys", "schoolchildren", "toddler", "toddlers", "minor", "minors"
    ]
)
WOMEN = frozenset(["woman", "women", "mother", "mothers"])
VICTIM_NOUNS = NONCIVILIAN | CIVILIAN | UNSPECIFIED

#: singular nouns naming one person: "a child was killed", "the teen died"
SINGULAR_PERSONS = (
    "child", "woman", "civilian", "soldier", "man", "boy", "girl", "person", "fighter",
    "policeman", "officer", "baby", "infant", "teenager", "journalist", "rebel", "militant",
    "doctor", "resident", "toddler", "mother", "member", "worker", "guard", "student",
    "commander", "leader", "imam", "sheikh", "emir", "chief", "official", "activist",
    "photographer", "reporter", "pilot", "general", "colonel", "priest", "judge", "mayor",
    "governor", "nurse", "paramedic", "volunteer",
    # US local news: "a teen", "the victim", "a father", "a bystander"
    "teen", "victim", "father", "son", "daughter", "husband", "wife", "brother", "sister",
    "grandmother", "grandfather", "bystander", "deputy", "trooper", "clerk", "driver",
    "motorist", "pedestrian", "suspect", "gunman", "shooter", "homeowner", "neighbor",
    "neighbour", "friend", "girlfriend", "boyfriend", "cousin", "uncle", "aunt", "nephew",
    "niece", "grandson", "granddaughter", "stepfather", "stepson", "employee", "customer",
    "security guard", "youth", "juvenile", "adult", "female", "male", "individual",
    "trafficker", "dealer", "smuggler", "shopkeeper", "farmer", "shepherd", "teacher",
    "engineer", "businessman", "cleric", "fisherman", "vendor", "passenger", "patient",
    "guest", "tenant", "landlord", "roommate", "relative", "stranger", "gang member",
    "herder", "herdsman", "protester", "protestor", "demonstrator", "worshipper", "villager",
    "aid worker", "health worker", "trader", "miner", "chief", "elder", "traditional leader",
    # event notes worldwide: "killed a gendarme", "a mob lynched a suspected thief"
    "gendarme", "marine", "sergeant", "pastor", "mukhtar", "thief", "informer", "informant",
    "lawyer", "politician", "councillor", "councilor", "lawmaker", "monk", "nun", "migrant",
    "refugee", "detainee", "prisoner", "inmate", "hostage", "motorcyclist", "hunter",
    "labourer", "laborer", "merchant", "village head",
)
#: singular nouns whose victim category differs from their own entry above
SINGULAR_AS = {
    "leader": "commander", "emir": "commander", "general": "commander", "colonel": "commander",
    "pilot": "pilot", "imam": "civilian", "sheikh": "civilian", "priest": "civilian",
    "judge": "civilian", "mayor": "civilian", "activist": "civilian", "reporter": "journalist",
    "photographer": "journalist", "volunteer": "civilian", "paramedic": "medic",
    "teen": "child", "juvenile": "child", "daughter": "girl", "son": "boy", "deputy": "officer",
    "trooper": "officer", "wife": "woman", "grandmother": "woman", "sister": "woman",
    "girlfriend": "woman", "aunt": "woman", "niece": "girl", "granddaughter": "girl",
    "shooter": "gunman", "suspect": "gunman", "gendarme": "policeman", "marine": "soldier",
    "sergeant": "soldier", "pastor": "civilian", "nun": "woman", "monk": "civilian",
}
#: roles of one shooting that are never the same person: an officer shot is not the
#: suspect the report says was killed ("An officer was shot in the shoulder and the suspect
#: was killed" is one hurt and one dead)
OPPOSED_ROLES: tuple[frozenset[str], ...] = (
    frozenset({"officer", "deputy", "trooper", "policeman", "sergeant", "gendarme"}),
    frozenset({"suspect", "gunman", "shooter", "thief"}),
)
#: relations naming two people together: "killing a father and son" is two
KIN_PAIRS = (
    ("father", "son"), ("father", "daughter"), ("mother", "son"), ("mother", "daughter"),
    ("husband", "wife"), ("man", "woman"), ("brother", "sister"), ("mother", "child"),
    ("grandmother", "grandson"), ("couple", None), ("brothers", None), ("sisters", None),
)
#: words after "N-year-old" / "N-month-old" that make it an age, not a noun ("a 15-year-old
#: girl" is one girl); a bare "the 15-year-old" is the person
AGE_NOUN = ("year-old", "month-old", "week-old", "day-old", "year old", "month old")
#: "service men", "security members": a neutral head (`ARMED_HEADS`) after one of
#: `ARMED_MODIFIERS` names combatants
ARMED_HEADS = ("men", "man", "members", "member", "personnel", "people", "elements")
ARMED_MODIFIERS = (
    "service", "security", "army", "military", "regime", "government", "pro-government",
    "pro-regime", "isis", "isil", "daesh", "nusra", "opposition", "fsa", "ypg", "sdf",
    "hezbollah", "militia", "armed",
)
#: words that make a person one more than those the report has told of: "her brother was
#: also shot", "another man was taken to a hospital" (not the dead told elsewhere)
ADDED_PERSON = ("also", "another")
