"""Page furniture: what a crawled news page says that is not the report.

A login or paywall notice, a newsletter widget, a cookie banner, a redirect
page, a video player's "enable JavaScript" line, a station's promotion or a
playlist of other clips ("3:02 Woman parts with her dog Pause").  A paragraph
made of these says nothing about the incident, and when the whole body is made
of them the title is all the report there is.  Patterns are matched case-blind.
"""

from __future__ import annotations

#: phrases that only page furniture contains (regular expressions)
PHRASES: tuple[str, ...] = (
    # newsletter and notification widgets
    r"get email notifications on", r"your notification has been saved",
    r"there was a problem saving your notification", r"email notifications are only sent",
    r"posts new content, you'll get an email",
    # login walls and paywalls
    r"premium clicks? used", r"(?:log|sign) in to (?:continue|read|comment)",
    r"subscribe (?:now )?to (?:continue|read)", r"already a subscriber",
    r"you have reached your (?:free )?(?:article|story) limit", r"subscribers? only content",
    r"create a free account to continue",
    # cookie notices
    r"(?:we|this (?:web)?site) uses? cookies", r"accept (?:all )?cookies", r"cookie policy",
    # redirects and missing pages
    r"you are being redirected", r"if you are not redirected", r"this page has moved",
    r"the page you (?:are looking|requested) (?:for )?(?:could not be found|does not exist)",
    # video players
    r"please enable javascript to (?:watch|view) this video",
    r"your browser does not support (?:the )?(?:video|html5)",
    # a station or site promoting itself
    r"welcome to [^.!?\n]{1,60} on [\w.-]+\.(?:com|net|org)\b",
)

#: a playlist entry: a clip's duration, then its headline ("1:27 Mural festival opens")
PLAYLIST_ITEM = r"\d{1,2}:\d{2}\s+[A-Z\"'‘“]"

#: a paragraph this short beside furniture is a label of it ("CW Pittsburgh"), not a report
LABEL_MAX_CHARS = 40
