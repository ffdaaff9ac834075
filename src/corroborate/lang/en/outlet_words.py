"""Words that make the tail of a headline the outlet's name, not the story's.

Crawled titles often end with the page's branding after a dash or a bar:
"Man shot in Galvez - WAFB 9 News Baton Rouge, Louisiana News, Weather, Sports",
"... | KVOA.com | Tucson, Arizona".  A place there is where the outlet is.
"""

from __future__ import annotations

#: separators between a headline and its branding
SEPARATORS: tuple[str, ...] = (" - ", " | ", " – ", " — ", " :: ")
#: a tail holding one of these (matched as whole words, with their case) is branding
WORDS: tuple[str, ...] = (
    "News", "NEWS", "TV", "Television", "Radio", "Weather", "Sports", "Times", "Herald",
    "Tribune", "Gazette", "Post", "Journal", "Daily", "Press", "Channel", "Online", "Media",
    "Broadcasting", "Courier", "Chronicle", "Observer", "Examiner", "Register", "Sentinel",
)
#: web addresses in a tail ("WALB.com", "KVOA.com")
DOMAINS: tuple[str, ...] = (".com", ".net", ".org", ".tv")
