"""English number words and the qualifiers that bound a figure."""

from __future__ import annotations

from typing import Literal

Qualifier = Literal["exact", "at_least", "at_most", "about", "range"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          # never a casualty count, but read whole so that "999 quintillion" is not "999"
          "trillion": 10**12, "quadrillion": 10**15, "quintillion": 10**18,
          "sextillion": 10**21}
#: Vague plurals and their lower bound.  "tens of thousands" multiplies.
VAGUE = {"dozens": 24, "tens": 20, "scores": 40, "hundreds": 200, "thousands": 2000,
         "millions": 2_000_000}
#: counts a multiple-victim noun states: "a double shooting" is two people shot
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
#: Vague small counts and the least each word can mean: "several" is more than two,
#: "multiple" and "a few" more than one.  A careful reader knows that people were hurt
#: but not how many, so these give a lower bound only (``at_least``), never an exact figure.
FEW = {"several": 3, "multiple": 2, "a few": 2}
#: what a vague small count (`FEW`) may count that is not people: "multiple blunt force
#: injuries", "several gunshot wounds" are one person's, "fired several shots" no one's
FEW_NOT_PEOPLE = ("wound", "wounds", "injuries", "shots", "rounds", "bullets", "gunshots",
                  "times", "occasions")
#: ordinals that count people: "a third person was wounded" is the third one hit; "the
#: fourth to die" means four dead
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}

QUALIFIERS: dict[str, Qualifier] = {
    **dict.fromkeys(
        ["at least", "no fewer than", "no less than", "not less than", "a minimum of",
         "more than", "over", "upwards of", "in excess of", "above", "exceeding", "exceeded"],
        "at_least"),
    **dict.fromkeys(
        ["up to", "as many as", "as much as", "at most", "no more than", "fewer than",
         "less than", "under", "a maximum of"], "at_most"),
    **dict.fromkeys(
        ["about", "around", "some", "approximately", "roughly", "an estimated", "estimated",
         "nearly", "almost", "close to", "circa", "approx.", "approx", "just under", "just over",
         "more or less"], "about"),
}
