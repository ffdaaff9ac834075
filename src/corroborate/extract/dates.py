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
from functools import lru_cache
from typing import Any, cast

from ..config import Settings
from ..doc import Doc
from ..models import DateClaim, Precision
from ..pipeline import Component, component
from .gazetteer import folded

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
_NUM = (r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|"
        r"several|couple\s+of)")

_MONTH_FWD = re.compile(
    rf"(?P<m>{_MONTH})(?:\s+(?P<d>{_DAY}))?(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?")
_DMY_BACK = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY}|{_WEEKDAY_ABBR}),?\s+)?\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?$")
_MONTH_CUE_BACK = re.compile(
    r"(?:\b(?:in|since|during|until|by|through|throughout)\s+(?:(?P<cue>early|late|mid-?)\s*)?"
    r"|(?P<cue2>\b(?:[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]nd\s+of|[Bb]eginning\s+of)\s*))$")
_WD_BACK = re.compile(rf"\b(?P<wd>{_WEEKDAY}),?\s+$")
_WD_FWD = re.compile(
    rf"(?P<wd>{_WEEKDAY})(?P<date>,?\s+(?:{_DAY}\s+)?{_MONTH})?"
    r"(?P<part>\s+(?:night|morning|evening|afternoon))?")
_WMOD_BACK = re.compile(r"\b(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+$")
_AGO_BACK = re.compile(rf"\b(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+$")
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_YEAR_CUE_BACK = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|during|until|by|early|late|summer\s+of|spring\s+of|autumn\s+of"
    r"|winter\s+of|fall\s+of)\s+|\b[Mm]id-)$")

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr",
               "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_KEYS = (
    "yesterday", "today", "tonight", "overnight", "last night", "this morning",
    "this afternoon", "this evening", "earlier today", "earlier this week",
    "earlier this month", "earlier this year", "earlier in the week", "earlier in the month",
    "earlier in the year", "last week", "last weekend", "last month", "last year", "past week",
    "past weekend", "past month", "past year", "previous week", "previous weekend",
    "previous month", "previous year", "over the weekend", "at the weekend",
    "during the weekend", "over the week end", "at the week end", "during the week end",
    "this weekend", "this week", "this month", "this year",
)
_AGO_KEYS = ("ago", "earlier", "before", "later")
MONTH, WEEKDAY, RELATIVE, AGO, YEAR = range(5)


@lru_cache(maxsize=1)
def _triggers() -> Any:
    """One automaton over the words a date expression turns on."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for kind, keys in ((MONTH, _MONTH_KEYS), (WEEKDAY, _WEEKDAY_KEYS),
                       (RELATIVE, _RELATIVE_KEYS), (AGO, _AGO_KEYS),
                       (YEAR, tuple(str(y) for y in range(1900, 2100)))):
        for k in keys:
            auto.add_word(f" {k} ", (len(k), kind, k))
    auto.make_automaton()
    return auto


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
    padded = " " + folded(text) + " "
    found = []
    for end_idx, (klen, kind, key) in _triggers().iter(padded):
        found.append((end_idx - 1 - klen, end_idx - 1, kind, key))
    found.sort(key=lambda r: (r[0], r[0] - r[1]))
    out: list[DateClaim] = []
    last_end = 0
    for start, end, kind, key in found:
        if start < last_end:
            continue
        try:
            got = _HANDLERS[kind](text, start, end, key, pub, out)
        except (ValueError, KeyError, OverflowError):
            continue  # "31 February", or beyond the calendar: not a date
        if got is None:
            continue
        value, precision, relative, s, e = got
        out.append(DateClaim(value.isoformat(), precision, doc.char_span(s, e), relative))
        last_end = e
    return out


_Found = tuple[date, Precision, bool, int, int] | None


def _month_date(text: str, start: int, end: int, key: str, pub: date | None,
                out: list[DateClaim]) -> _Found:
    if not text[start].isupper():
        return None  # "may", "march": verbs
    fwd = _MONTH_FWD.match(text, start)
    if fwd is None:
        return None
    mon = _month(fwd.group("m"))
    back = _DMY_BACK.search(text, max(0, start - 24), start)
    year = fwd.group("y")
    if back:  # 17 September (2016)
        day, s = _day(back.group("d")), back.start()
        e = fwd.end("y") if year else fwd.end("m")
    elif fwd.group("d"):  # September 17(, 2016)
        day, e = _day(fwd.group("d")), fwd.end()
        wd = _WD_BACK.search(text, max(0, start - 12), start)
        s = wd.start() if wd else start
    elif year:  # September 2016
        return date(int(year), mon, 1), "month", False, start, fwd.end()
    else:  # "in September", "mid-September": the month, in the year before publication
        cue = _MONTH_CUE_BACK.search(text, max(0, start - 24), start)
        anchor = pub or _anchor_year(out)
        if cue is None or anchor is None:
            return None
        value = _closest_year(mon, 1, anchor)
        s = next((cue.start(g) for g in ("cue2", "cue") if cue.group(g)), start)
        return (value, "month", False, s, fwd.end("m")) if value else None
    if year:
        return date(int(year), mon, day), "day", False, s, e
    anchor = pub or _anchor_year(out)
    if anchor is None:
        return None
    value = _closest_year(mon, day, anchor)
    return (value, "day", False, s, e) if value else None


def _weekday_date(text: str, start: int, end: int, key: str, pub: date | None,
                  out: list[DateClaim]) -> _Found:
    if pub is None or not text[start].isupper():
        return None
    m = _WD_FWD.match(text, start)
    if m is None or m.group("date"):
        return None  # "Saturday, 17 September": the month names the date
    mod = _WMOD_BACK.search(text, max(0, start - 6), start)
    word = mod.group("mod").lower() if mod else ""
    s = mod.start() if mod else start
    if word == "next":  # a planned event, but still a date the text names
        ahead = (WEEKDAYS[key] - pub.weekday()) % 7 or 7
        return pub + timedelta(days=ahead), "day", True, s, m.end()
    value = _weekday_before(pub, WEEKDAYS[key], last=word in ("last", "past"))
    return value, "day", True, s, m.end()


def _relative_date(text: str, start: int, end: int, key: str, pub: date | None,
                   out: list[DateClaim]) -> _Found:
    if pub is None:
        return None
    if key == "today" and text[start].isupper() and not _sentence_start(text, start):
        return None  # "Russia Today", "USA Today"
    value, precision = _relative(key.replace("week end", "weekend"), pub)
    return value, precision, True, start, end


def _ago_date(text: str, start: int, end: int, key: str, pub: date | None,
              out: list[DateClaim]) -> _Found:
    back = _AGO_BACK.search(text, max(0, start - 28), start)
    if back is None:
        return None
    anchor = pub
    if key != "ago" and out:
        # "one week earlier" counts from the last date the text named
        anchor = _parse_iso(out[-1].value) or pub
    if anchor is None:
        return None
    n_text = " ".join(back.group("n").lower().split())
    n = NUMBER_WORDS[n_text] if n_text in NUMBER_WORDS else int(n_text)
    unit = back.group("unit").lower()
    value = _shift(anchor, n if key == "later" else -n, unit)
    precision: Precision = "day" if unit.startswith("day") and n_text.isdigit() else "approximate"
    return value, precision, True, back.start(), end


def _year_date(text: str, start: int, end: int, key: str, pub: date | None,
               out: list[DateClaim]) -> _Found:
    iso = _ISO.match(text, start)
    if iso:
        value = date(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))
        return value, "day", False, start, iso.end()
    if end < len(text) and text[end] == "-":
        return None  # "2016-17", a season, or an ISO date we could not read
    if _YEAR_CUE_BACK.search(text, max(0, start - 16), start) is None:
        return None  # a bare number ("Resolution 2254", "2000 people")
    return date(int(key), 1, 1), "year", False, start, end


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


_HANDLERS = {MONTH: _month_date, WEEKDAY: _weekday_date, RELATIVE: _relative_date,
             AGO: _ago_date, YEAR: _year_date}


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
