"""Common given names in English-language news (US, UK and wire copy).

A given name before a capitalised word makes the pair a person's name even at
the start of a sentence: "Robert Anderson, 49, was arrested", "Asa Hutchinson
signed", where "Anderson" and "Hutchinson" are also towns.  Names that are
mostly places or everyday words ("Georgia", "Jordan", "Austin", "Will") are left
out: they are read by the place rules.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


GIVEN_NAMES: frozenset[str] = _words("""
    Aaron Adam Alan Albert Alex Alexander Alice Amanda Amber Amy Andrea Andrew Angela Anna
    Anne Anthony Antonio Asa Ashley Barbara Benjamin Betty Beverly Bill Billy Bobby Brandon
    Brenda Brian Bruce Bryan Carl Carlos Carol Caroline Catherine Charles Cheryl Chris
    Christian Christina Christine Christopher Cindy Cody Cornell Craig Crystal Cynthia Daniel
    Danielle Darrell Darren David Deborah Debra Dennis Derek Derrick Diana Diane Donald Donna
    Doris Dorothy Douglas Dylan Edward Elizabeth Emily Emma Eric Erica Eugene Evelyn Frances
    Frank Gabriel Gary Gerald Gloria Gregory Hannah Harold Heather Helen Henry Jacob Jacqueline
    James Jamie Janet Janice Jason Jeffrey Jennifer Jeremy Jerry Jesse Jessica Joan Joe John
    Johnny Jonathan Jose Joseph Joshua Joyce Juan Judith Judy Julia Julie Justin Karen Katherine
    Kathleen Kathryn Kayla Keith Kelly Kenneth Kevin Kimberly Kyle Larry Laura Lauren Lawrence
    Linda Lisa Louis Luis Madison Margaret Maria Marie Marilyn Mark Martha Martin Mary Matthew
    Megan Melissa Michael Michelle Nancy Natalie Nathan Nicholas Nicole Noah Olivia Pamela
    Patricia Patrick Paul Peter Philip Rachel Ralph Randy Raul Raymond Rebecca Richard Robert
    Roger Ronald Rose Roy Russell Ruth Ryan Samantha Samuel Sandra Sara Sarah Scott Sean
    Sharon Shirley Stephanie Stephen Steven Susan Teresa Terry Thomas Timothy Tyler Victoria
    Vincent Walter Wayne William Willie Zachary
""")
