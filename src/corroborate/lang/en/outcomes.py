"""English outcome words: how a casualty figure says what happened to the people counted."""

from __future__ import annotations

from ...models import Outcome

#: outcome words that follow a figure ("62 soldiers were killed", "22 dead")
AFTER_TRIGGERS: dict[str, Outcome] = {
    **dict.fromkeys(
        [
            "killed", "dead", "died", "die", "dies", "slain", "perished", "massacred", "executed",
            "murdered", "martyred", "assassinated", "beheaded", "deceased"
        ], "killed"),
    **dict.fromkeys(["wounded", "injured", "hurt", "maimed"], "injured"),
    **dict.fromkeys(["missing", "disappeared", "unaccounted"], "missing"),
}
#: nouns that are themselves the outcome ("100 bodies", "N martyrs")
NOUN_TRIGGERS: dict[str, Outcome] = {
    **dict.fromkeys(["bodies", "corpses", "martyrs", "deaths", "fatalities", "fatality", "dead"],
                    "killed"),
    **dict.fromkeys(["injuries", "wounded", "injured"], "injured"),
}

#: one victim's death, said without an auxiliary: "she died", "a man shot dead by police",
#: "the victim was pronounced dead" (the auxiliary is allowed, not needed)
DEATH_STATES = (
    "dead", "died", "dies", "has died", "had died", "have died", "is dead", "was dead",
    "succumbed", "lost his life", "lost her life", "shot dead", "shot to death", "found dead",
    "found shot dead", "found shot to death", "pronounced dead", "declared dead", "stabbed to death",
    "beaten to death", "burned to death", "gunned down and killed", "hacked to death",
)
#: a death by one's own hand: "killed himself", "fatally shot herself", "took his own life"
SELF_KILLING_VERBS = ("killed", "kills", "killing", "fatally shot", "fatally shoots",
                      "fatally shooting", "shot and killed")
SELF_KILLING_LIFE = ("took", "takes", "taking")
#: one victim's death in a passive that needs its auxiliary ("a man was killed"): without it
#: the verb is active and the noun is the killer ("a man killed his wife")
DEATH_PASSIVES = (
    "killed", "shot and killed", "fatally shot", "fatally wounded", "fatally injured",
    "fatally stabbed", "slain", "murdered", "martyred", "executed", "beheaded", "assassinated",
    "gunned down", "lynched",
    # one shot who then died: "a woman was shot and died at the scene"; a headline's comma
    # for "and": "Teen shot, killed at home"
    "shot and died", "shot, killed", "stabbed and killed",
    # hurt first, dead after: "her husband was also shot and later died at the hospital"
    *(f"{hurt} and {then}died" for hurt in ("shot", "wounded", "injured", "stabbed")
      for then in ("", "later ", "then ", "subsequently ", "eventually ", "ultimately ")
      if (hurt, then) != ("shot", "")),
)
#: "taken to the hospital": a person carried to a hospital was hurt (`HOSPITAL_VERBS` + "to"
#: + a hospital)
HOSPITAL_VERBS = ("taken", "transported", "rushed", "airlifted", "flown")
#: a figure hospitalized: "Three people were hospitalized"
HOSPITALIZED = ("hospitalized", "hospitalised")
#: "suffered non-life-threatening injuries", "treated for gunshot wounds": the verb before an
#: injury noun (`INJURY_NOUNS`) a few words on
SUFFERING_VERBS = ("suffered", "sustained", "suffering", "sustaining", "treated")
INJURY_NOUNS = ("injuries", "injury", "wounds", "wound")
#: what an injury noun says hurt someone: "hospitalized with gunshot wounds", "a man with a
#: bullet wound" (an injury noun after one of these is a wound, not an illness)
INJURY_CAUSES = ("gunshot", "gunshots", "gunfire", "treatment", "bullet", "stab", "handgun",
                 "shotgun", "rifle", "gun", "graze")
#: "the shooting sent three people to the hospital": those sent to a hospital were hurt
SENDING_VERBS = ("sent", "sends", "sending", "send")
#: "Three others were treated and released": treated people were hurt
TREATED_RELEASED = ("treated and released",)
#: a hurt person said to live: "with non-life-threatening injuries", "is expected to survive",
#: "was treated and released", "listed in stable condition" -- the report's dead are others
SURVIVAL = (
    *(f"{neg}life{sep}threatening" for neg in ("non-", "non ", "non", "not ")
      for sep in ("-", " ")),
    "not considered life-threatening", "not believed to be life-threatening",
    *(f"expected to {v}" for v in ("survive", "recover", "live", "be ok", "be okay", "be fine",
                                    "make a full recovery")),
    "survived", "treated and released", "released from the hospital",
    "in stable condition", "in good condition", "in fair condition",
    "minor injuries", "minor wounds", "a minor injury", "a minor wound",
)
#: "hit" and "struck" hurt a person only with what hit them or where: "was hit by a stray
#: bullet", "was struck in the torso", "was hit twice" ("hit by a car", "struck a deal" are not
#: gunfire); `STRUCK_PASSIVES` are the phrases
STRUCK_VERBS = ("hit", "struck")
STRUCK_BY = ("gunfire", "the gunfire", "a bullet", "the bullet", "bullets", "a stray bullet",
             "stray bullets", "stray gunfire", "a round", "rounds", "shrapnel", "buckshot",
             "pellets", "a shotgun blast")
STRUCK_PASSIVES = tuple(
    [f"{v} by {x}" for v in STRUCK_VERBS for x in STRUCK_BY]
    + [f"{v} in the {side}".rstrip() for v in STRUCK_VERBS
       for side in ("", "left", "right", "upper", "lower")]
    + [f"{v} in {pos}" for v in STRUCK_VERBS for pos in ("his", "her")]
    + [f"{v} {times}" for v in STRUCK_VERBS for times in ("once", "twice", "multiple times",
                                                         "several times")])
#: one victim's injury in a passive ("a woman was wounded"); "shot" of someone not said to be
#: dead is an injury ("a man was shot in the arm")
INJURY_PASSIVES = (
    *STRUCK_PASSIVES,
    "wounded", "injured", "hurt", "grazed", "shot", "shot and wounded", "shot and injured",
    "hospitalized", "hospitalised", "stabbed",
    # a hurt person someone came upon: "a second man was found wounded nearby"
    "found wounded", "found injured", "found shot",
    # hurt, and alive: "both victims were treated and released"
    *TREATED_RELEASED,
    "shot and critically wounded", "shot and seriously wounded", "shot and critically injured",
    "shot and seriously injured", *(HOSPITAL_PASSIVES := tuple(
        f"{verb} to {det}hospital" for verb in HOSPITAL_VERBS
        for det in ("", "the ", "a ", "an area ", "a local ", "a nearby "))),
)
#: injury stated as a state: "(is / remains / was listed) in critical condition"
INJURY_STATES = (
    "in critical condition", "in serious condition", "in stable condition",
    "in fair condition", "in good condition", "in grave condition",
    "in critical but stable condition", "in serious but stable condition",
    # alive and gravely hurt: "a girl is fighting for her life", "remains on life support"
    "fighting for his life", "fighting for her life", "fighting for their lives",
    "fighting for life", "clinging to life", "on life support",
    # alive and healing from a wound: "the boy is recovering in the hospital", "is recovering
    # from his injuries" ("recovering from the shock" says nothing of a wound)
    *(f"recovering {place}hospital" for place in ("in the ", "in a ", "at the ", "at a ",
                                                  "in an area ", "at an area ")),
    *(f"recovering from {pos}{kind}" for pos in ("", "his ", "her ", "their ")
      for kind in ("injuries", "wounds", "gunshot wounds", "gunshot injuries")),
    "recovering from a gunshot wound", "recovering from a bullet wound",
    "recovering after being shot",
)
#: where a shot at oneself is a wound, not said to be a death: "accidentally shot himself in
#: the leg" (the head, chest or face are left out: a reader cannot tell)
SELF_WOUND_SITES = (
    "leg", "legs", "foot", "feet", "hand", "hands", "arm", "arms", "thigh", "knee", "shoulder",
    "hip", "finger", "fingers", "toe", "ankle", "wrist", "calf", "buttocks", "elbow", "shin",
    "groin",
)
#: injury outcomes that may be the same person a later sentence says died ("the man was shot
#: ... he died in hospital"): they give way to a death in the same report
WEAK_INJURY = ("shot", "grazed", "hospitalized", "hospitalised", "stabbed", *HOSPITAL_PASSIVES,
               "found shot", "found wounded", "found injured",
               *INJURY_STATES, *STRUCK_PASSIVES)
#: auxiliaries and adverbs between a singular subject and its outcome
AUXILIARIES = (
    "was", "were", "is", "are", "has been", "had been", "have been", "has", "had", "got",
    "remains", "remained", "listed", "being", "been", "also", "reportedly", "later",
    "allegedly", "then", "apparently", "subsequently", "eventually", "who", "initially",
    "critically", "seriously", "severely", "badly", "slightly", "instantly", "immediately",
    "tragically", "accidentally", "each", "both", "all",
)
#: auxiliaries and adverbs between a counted noun phrase and its outcome word ("62 soldiers
#: *were reportedly* killed", "four people were *found* dead"), skipped on the way to it
FIGURE_AUXILIARIES = (
    "were", "was", "have", "has", "had", "been", "be", "being", "are", "is", "reportedly",
    "also", "all", "allegedly", "later", "subsequently", "now", "so", "far", "confirmed",
    "believed", "thought", "feared", "said", "to", "reported", "got", "remain", "remained",
    "remains", "still", "either", "both", "each", "instantly", "immediately", "apparently",
    "initially", "seriously", "critically", "severely", "lightly", "slightly", "badly", "gravely",
    "fatally", "mostly", "more", "estimated", "known", "likely", "understood", "presumed", "found",
)
#: "taken to the hospital", "hospitals in the area": the place a hurt person is brought to
HOSPITAL_NOUNS = ("hospital", "hospitals")
#: verbs whose object is one victim killed ("killing a father and son", "fatally shot his wife")
KILLING_VERBS = (
    "killed", "killing", "kills", "kill", "shot and killed", "fatally shot", "shot dead",
    "murdered", "murdering", "assassinated", "assassinating", "assassinates", "beheaded",
    "beheading", "beheads", "slew", "slaying", "fatally stabbed", "stabbed to death",
    "lynched", "lynching",
    # a death as a life taken: "the crash claimed the life of a woman"
    "claimed the life of", "claiming the life of", "claims the life of", "took the life of",
    "taking the life of", "takes the life of", "cost the life of", "costing the life of",
)
#: verbs whose object dies by the manner said after it: "beat a man to death", "hacked
#: a villager to death" (the object comes between the verb and "to death")
TO_DEATH_VERBS = ("beat", "beats", "beating", "beaten", "hacked", "hacking", "stabbed",
                  "stabbing", "stoned", "stoning", "burned", "burnt", "burning", "clubbed",
                  "bludgeoned", "shot", "shooting", "strangled", "kicked", "tortured")
#: "HUNTING ACCIDENT CLAIMS LIFE", "the blast claimed a life": one life taken
LIFE_TAKING_VERBS = ("claims", "claimed", "claiming", "takes", "took", "taking")
#: a side's own dead as its loss: "government troops lost 7 men" (only with a victim noun:
#: "lost 7 tanks" counts no people)
LOSING_VERBS = ("lost", "losing", "loses", "lose")
#: verbs whose object is one victim injured ("shot a woman in the leg")
WOUNDING_VERBS = (
    "wounded", "wounding", "wounds", "injured", "injuring", "injures", "shot and wounded",
    "shot and injured", "shot",
)
#: nouns naming one death, whose "of" phrase is the victim ("the shooting death of a teen")
DEATH_NOUNS = (
    "death", "killing", "murder", "slaying", "shooting death", "fatal shooting",
    "fatal stabbing", "gunshot death", "stabbing death",
    # a body is a death: "the body of a young man was found"
    "body",
)
#: nouns naming one death after a possessive: "the 4-year-old's accidental shooting death"
#: ("murder" is left out: "the suspect's murder trial" names no victim)
POSSESSIVE_DEATHS = ("death", "shooting death", "slaying", "killing", "stabbing death",
                     "fatal shooting", "fatal stabbing")
#: what a multiple ("double", "triple": `numbers.MULTIPLES`) counts: deaths ("a triple
#: homicide") or people shot ("a quadruple shooting", injured unless said dead)
MULTIPLE_DEATHS = ("homicide", "homicides", "murder", "murders", "killing", "killings", "slaying",
                   "slayings", "fatal shooting", "murder-suicide")
MULTIPLE_SHOOTINGS = ("shooting", "shootings", "stabbing")
#: the group a figure is said to be among, and its outcome: "two children were among those
#: killed", "among the dead", "among the wounded"
AMONG_THE: dict[str, Outcome] = {
    "killed": "killed", "dead": "killed", "victims": "killed", "fatalities": "killed",
    "wounded": "injured", "injured": "injured",
}
