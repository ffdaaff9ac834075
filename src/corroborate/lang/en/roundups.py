"""English words by which a headline says it sums several incidents (a roundup title).

"2 dead, 8 wounded in separate shootings", "8 dead in weekend shootings across the city",
"Violent night leaves 2 dead, 6 injured": the title's figures add up the victims of
several attacks, so a report about one of them tells its own toll in the body.
"""

from __future__ import annotations

#: plural event nouns: a title counts victims of several of them
#: ("attacks" is not one: a war report's "air strikes and attacks" are one offensive's parts)
EVENT_NOUNS = ("shootings", "stabbings", "incidents", "scenes")
#: words before a plural event noun saying the events are several and distinct
#: ("separate shootings", "weekend shootings"); a bare plural ("Kalamazoo shootings") may
#: be one attack told as several shots
SEVERAL = ("separate", "multiple", "several", "different", "unrelated", "weekend", "overnight",
           "holiday", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
#: "violent weekend", "violent night": a period's violence, not one attack
VIOLENT_PERIODS = ("weekend", "night", "day", "afternoon", "evening", "morning", "holiday")
#: words that end the phrase before an event noun: "7 injured in shootings" counts victims,
#: "7 shootings" counts events
BREAKS = ("in", "as", "at", "on", "by", "after", "from", "during", "and", "shot", "dead", "killed",
          "injured", "wounded", "hurt")
