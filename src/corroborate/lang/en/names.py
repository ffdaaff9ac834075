"""English words that open a capitalised phrase without naming a person.

A sentence opens with a capital ("Police said ...", "Four were killed"), and so do
titles and groups; none of these words starts the name of one victim.
"""

from __future__ import annotations

NOT_NAMES = (
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "their", "its", "our", "police", "officers", "officer", "authorities",
    "investigators", "deputies", "detectives", "troopers", "officials", "witnesses", "residents",
    "someone", "somebody", "nobody", "none", "no", "everyone", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "both", "all", "another",
    "each", "neither", "either", "many", "several", "some", "there", "here", "sheriff", "chief",
    "coroner", "medical", "but", "and", "or", "if", "when", "while", "after", "before", "as",
    "because", "since", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "update", "breaking", "video", "photos",
    "watch", "who", "what", "where", "why", "how", "at", "in", "on", "of", "by", "for", "with",
    "from", "to",
)
