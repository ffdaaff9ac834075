"""The ``dates`` component: event-date candidates, resolved to ISO dates.

One compiled regular expression finds the forms news reports use: ISO dates,
"17 Sep 2016", "September 17", "on 4 April", "April 2017", "in 2013", the
FA-KES dateline ("Wed 05 Apr 2017"), weekdays ("on Saturday", "Tuesday night",
"last Friday"), and relative expressions ("yesterday", "overnight", "last
week", "earlier this month", "the weekend", "three days ago", "one week
earlier").  Relative and year-less expressions are resolved against the
publication date (``doc.article.published``); without one they are dropped,
since a date the reader cannot place is no evidence.

Month and weekday names must be capitalised ("may", "march" are verbs), and
bare numbers never become dates ("F-16", "Resolution 2254", "aged 17").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import cast

from ..config import Settings
from ..doc import Doc
from ..models import DateClaim, Precision
from ..pipeline import Component, component

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
    "several": 3, "couple of": 2,
}


def _cased(alternatives: list[str]) -> str:
    """Title-case and upper-case variants: months in datelines are often upper case."""
    out = []
    for a in alternatives:
        out.append(a)
        out.append(a.upper())
    return "|".join(out)


_MONTH = "(?:" + _cased([
    "Jan(?:uary)?", "Feb(?:ruary)?", "Mar(?:ch)?", "Apr(?:il)?", "May", "June?", "July?",
    "Aug(?:ust)?", "Sep(?:t(?:ember)?)?", "Oct(?:ober)?", "Nov(?:ember)?", "Dec(?:ember)?",
]) + r")(?![a-z])\.?"
_WEEKDAY = "(?:" + _cased([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]) + ")"
_WEEKDAY_ABBR = "(?:" + _cased(["Mon", "Tues?", "Wed", "Thu(?:rs?)?", "Fri", "Sat", "Sun"]) + ")"
_YEAR = r"(?:19|20)\d\d(?![\d-])"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple\s+of)"

_PATTERN = re.compile(
    r"\b(?:"
    # 2016-09-17
    rf"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?!\d)"
    # (Saturday,) 17 (of) September (2016) / Wed 05 Apr 2017
    rf"|(?:(?P<wd1>{_WEEKDAY}|{_WEEKDAY_ABBR}),?\s+)?(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?"
    # (Saturday,) September 17(th)(, 2016)
    rf"|(?:(?P<wd2>{_WEEKDAY}),?\s+)?(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?"
    # September 2016
    rf"|(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{_YEAR})"
    # in 2013
    rf"|(?:[Mm]id-|(?:[Ii]n|[Ss]ince|during|until|by|early|late|summer\s+of|spring\s+of"
    rf"|autumn\s+of|winter\s+of|fall\s+of)\s+)(?P<y4>{_YEAR})"
    # (last) Saturday (night)
    rf"|(?:(?P<wmod>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?(?P<wd>{_WEEKDAY})"
    r"(?P<wpart>\s+(?:night|morning|evening|afternoon))?"
    # relative words
    r"|(?P<rel>(?i:yesterday|today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|earlier\s+(?:this|in\s+the)\s+(?:week|month|year)|earlier\s+today"
    r"|(?:last|past|previous)\s+(?:week|weekend|month|year)"
    r"|(?:over|at|during)\s+the\s+(?:weekend|week-end)|this\s+(?:weekend|week|month|year)))"
    # three days ago / one week earlier
    rf"|(?P<ago>(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+"
    r"(?P<dir>(?i:ago|earlier|before|later)))"
    r")\b"
)

def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".")[:3].lower()]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))  # type: ignore[union-attr]


def _closest_year(month: int, day: int, pub: date) -> date | None:
    """The year putting the date closest to, and not after, publication (+1 day)."""
    best: date | None = None
    for y in (pub.year, pub.year - 1, pub.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= pub + timedelta(days=1) and (best is None or d > best):
            best = d
    return best


def _weekday_before(pub: date, weekday: int, *, last: bool) -> date:
    back = (pub.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return pub - timedelta(days=back)


def _shift(d: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return d + timedelta(days=30 * n)
    return d + timedelta(days=365 * n)


def find_dates(doc: Doc) -> list[DateClaim]:
    text = doc.text
    pub = _parse_iso(doc.article.published)
    out: list[DateClaim] = []
    for m in _PATTERN.finditer(text):
        g = m.group
        value: date | None = None
        precision: Precision = "day"
        relative = False
        start, end = m.start(), m.end()
        try:
            if g("iso"):
                value = date(int(g("iy")), int(g("im")), int(g("id")))
            elif g("m1") or g("m2"):
                mon = _month(g("m1") or g("m2"))
                day = _day(g("d1") or g("d2"))
                year = g("y1") or g("y2")
                if year:
                    value = date(int(year), mon, day)
                else:
                    anchor = pub or _anchor_year(out)
                    if anchor is None:
                        continue
                    value = _closest_year(mon, day, anchor)
            elif g("m3"):
                value, precision = date(int(g("y3")), _month(g("m3")), 1), "month"
            elif g("y4"):
                value, precision = date(int(g("y4")), 1, 1), "year"
                start = m.start("y4")
            elif g("wd"):
                if pub is None:
                    continue
                last = (g("wmod") or "").lower() in ("last", "past")
                value = _weekday_before(pub, WEEKDAYS[g("wd").lower()], last=last)
                relative = True
            elif g("rel"):
                if pub is None:
                    continue
                value, precision = _relative(" ".join(g("rel").lower().split()), pub)
                relative = True
            elif g("ago"):
                anchor_date = pub
                if g("dir").lower() in ("earlier", "before", "later") and out:
                    # "one week earlier" counts from the last date the text named
                    anchor_date = _parse_iso(out[-1].value) or pub
                if anchor_date is None:
                    continue
                n = NUMBER_WORDS.get(" ".join(g("n").lower().split()))
                n = n if n is not None else int(g("n"))
                sign = 1 if g("dir").lower() == "later" else -1
                value = _shift(anchor_date, sign * n, g("unit"))
                unit = g("unit").lower()
                precision = "day" if unit.startswith("day") and g("n").isdigit() else "approximate"
                relative = True
        except (ValueError, KeyError):
            continue  # "31 February", "Sept" typos: not a date
        if value is None:
            continue
        out.append(DateClaim(value.isoformat(), precision, doc.char_span(start, end), relative))
    return out


def _anchor_year(found: list[DateClaim]) -> date | None:
    for d in found:
        if not d.relative and d.precision in ("day", "month"):
            return _parse_iso(d.value)
    return None


def _relative(expr: str, pub: date) -> tuple[date, Precision]:
    if expr in ("today", "tonight", "earlier today") or expr.startswith("this "):
        if expr.endswith("week"):
            return pub - timedelta(days=pub.weekday()), "approximate"
        if expr.endswith("weekend"):
            return _weekday_before(pub, 5, last=False), "approximate"
        if expr.endswith("month"):
            return pub.replace(day=1), "month"
        if expr.endswith("year"):
            return pub.replace(month=1, day=1), "year"
        return pub, "day"
    if expr in ("yesterday", "last night"):
        return pub - timedelta(days=1), "day"
    if expr == "overnight":
        return pub - timedelta(days=1), "approximate"
    if expr.startswith("earlier"):
        if expr.endswith("week"):
            return pub - timedelta(days=3), "approximate"
        if expr.endswith("month"):
            return pub.replace(day=1), "approximate"
        return pub.replace(month=1, day=1), "approximate"
    if expr.endswith("weekend"):
        last = expr.split()[0] in ("last", "past", "previous")
        return _weekday_before(pub, 5, last=last), "approximate"
    if expr.endswith("week"):
        return pub - timedelta(days=7), "approximate"
    if expr.endswith("month"):
        return pub - timedelta(days=30), "approximate"
    # last year
    return date(pub.year - 1, 1, 1), "year"


def create(settings: Settings | None = None) -> Component:
    """The ``dates`` component (no settings yet: the forms are language facts)."""

    @component("dates", assigns=("dates",))
    def dates(doc: Doc) -> Doc:
        doc.set("dates", find_dates(doc))
        return doc

    return cast(Component, dates)
