"""English words that bound a noun phrase: where the people a figure counts stop being named
("62 soldiers *in* Idlib were killed") and the function words a phrase may not be read
through."""

from __future__ import annotations

from .speech import DETERMINERS as _DETERMINERS

#: words that end the noun phrase after a figure: prepositions, conjunctions, relative
#: pronouns, speech verbs and auxiliaries ("12 people *in* the village", "30 civilians *and*
#: 4 soldiers", "8 fighters *who* ...")
NP_BREAKS = (
    "in", "on", "at", "after", "before", "when", "while", "during", "by", "with", "as", "near",
    "outside", "inside", "across", "from", "since", "for", "that", "which", "who", "whom",
    "said", "says", "say", "amid", "amidst", "including", "among", "and", "or", "but",
    "than", "to", "into", "were", "was", "are", "is", "have", "has", "had", "been", "be",
    "being",
)
#: determiners (`speech.DETERMINERS`, the one list) and "of": a phrase that holds one is not a
#: bare plural noun ("the dead")
DETERMINERS = (*sorted(_DETERMINERS), "of")
#: words opening an apposition after the people counted ("35 civilians *mostly* schoolchildren
#: and teachers were killed"): the outcome word is read past it
APPOSITION_OPENERS = ("mostly", "mainly", "most", "including", "many", "among", "all")
#: prepositions of a short place phrase after the people counted ("two men *inside* the home")
PLACE_PREPOSITIONS = ("in", "inside", "outside", "at", "near", "on", "aboard")
