"""What the web app and the HTML report show beside the data, decided once for both:
how figures are worded, the grade's badge, which verdicts belong on an incident's page.

Kept out of the compare stage, which produces data; this module only presents it.
Plain functions over incident and verdict dicts; no HTML here (the templates draw it)
and no language data (that is `corroborate.lang.en.labels`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .lang.en.labels import label
from .models import date_interval


def display_range(lo: int | None, hi: int | None, missing: str = "—") -> str:
    """A figure range as reports word it: "up to 80", "at least 90", "62", "62–90";
    ``missing`` when there is no figure at all."""
    if lo is None and hi is None:
        return missing
    if lo is None and hi is not None:
        return f"up to {hi}"
    if hi is None and lo is not None:
        return f"at least {lo}"
    if lo == hi:
        return str(lo)
    return f"{lo}–{hi}"


def display_date(value: str | None, precision: str | None = "day",
                 missing: str = "undated") -> str:
    """A date as precisely as it was reported: "2011", "March 2011", "2016-09-17".

    The stored value of a month or year date is its first day; showing that day
    ("2011-01-01" for "since 2011") would claim a precision no report gave.
    "approximate" dates (resolved from "last week", "a few days ago") are marked
    "about".  ``precision`` None (older stored incidents) is read as a day.
    """
    if not value:
        return missing
    if precision == "year":
        return value[:4]
    if precision == "month":
        return f"{label('month', value[5:7])} {value[:4]}"
    if precision == "approximate":
        return f"about {value[:10]}"
    return value[:10]


def display_incident_date(inc: Mapping[str, Any], missing: str = "undated") -> str:
    """An incident's (or a report's) date at its precision (`display_date`)."""
    return display_date(inc.get("date"), inc.get("date_precision"), missing)


def display_date_range(inc: Mapping[str, Any]) -> str | None:
    """What the reports of an incident say about its date when it is more than the
    incident's date itself, else None: "reports say 2016-09-17 to 2016-09-19".

    The range runs over whole periods (a year date spans its year), so one report
    saying "in 2011" is not shown as a range around its own date."""
    rng = inc.get("date_range") or [None, None]
    when = inc.get("date")
    if not rng[0] or not rng[-1] or rng[0] == rng[-1]:
        return None
    if when and tuple(rng) == date_interval(when, inc.get("date_precision")):
        return None
    return f"reports say {rng[0]} to {rng[-1]}"


#: the claim a reader takes as the incident's headline figure
HEADLINE_CLAIMS = ("killed",)


def grade_badge(grade: str | None, disputed: Iterable[str] | None,
                n_contradictions: int = 0) -> dict[str, str]:
    """The badge of a grade: its CSS class, its words and a tooltip.

    A "confirmed" grade says who admitted the attack; it says nothing about how
    many died.  While the reports still contradict each other on the headline
    figure the badge is not the green "confirmed" one but "confirmed, toll
    disputed", so a reader never sees a green badge over an open dispute.
    ``disputed`` lists the contradicted claims; ``None`` means they are unknown
    (an older stored row), and then any contradiction counts.
    """
    name = grade or ""
    fields = list(disputed) if disputed is not None else None
    open_headline = (any(f in HEADLINE_CLAIMS for f in fields) if fields is not None
                     else n_contradictions > 0)
    if name == "confirmed" and open_headline:
        return {"css": "confirmed-disputed", "text": "confirmed, toll disputed",
                "title": "responsibility is confirmed, but the reports contradict each other "
                         "on the number killed"}
    return {"css": name, "text": label("grade", name), "title": ""}


def verdicts_for_incident(verdicts: Mapping[str, Sequence[Mapping[str, Any]]],
                          incident_id: str) -> dict[str, list[dict[str, Any]]]:
    """Each report's verdicts as they bear on this incident.

    A consensus or reference verdict is about one incident of its article
    (``details.incident_id``); an article that reports several incidents keeps
    a short result for each of the others in ``details.incidents``.  On the page
    of one incident only what concerns it is shown: the verdict itself when it is
    about this incident, the short result (label and score, no reasons) when the
    article's verdict is about another one, and nothing when neither mentions it.
    Verdicts about the whole article (the classifier) are kept as they are.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for article_id, items in verdicts.items():
        kept: list[dict[str, Any]] = []
        for v in items:
            details = v.get("details") or {}
            about = details.get("incident_id")
            if about is None or about == incident_id:
                kept.append(dict(v))
                continue
            for entry in details.get("incidents") or []:
                if entry.get("incident_id") == incident_id:
                    kept.append({**v, "label": entry.get("label"), "score": entry.get("score"),
                                 "reasons": [], "details": {**details, **entry}})
                    break
        if kept:
            out[article_id] = kept
    return out


def add_template_filters(env: Any) -> None:
    """The label and date filters every template of the report and the web app uses, so that
    both name a claim, a grade, an outlet or a date the same way."""
    from .lang.en.labels import (
        LABELS,
        contradiction_detail,
        grade_rule,
        incident_title,
        outlet_name,
    )

    titles = LABELS["claim"]
    env.filters["claim_title"] = lambda c: titles.get(c, c)
    env.filters["label"] = lambda value, vocabulary: label(vocabulary, value)
    env.filters["outlet"] = outlet_name
    env.filters["shown_date"] = display_incident_date
    env.filters["date_range"] = display_date_range
    env.filters["incident_title"] = incident_title
    env.filters["contradiction_detail"] = contradiction_detail
    env.filters["grade_rule"] = grade_rule
    env.globals["grade_badge"] = grade_badge
