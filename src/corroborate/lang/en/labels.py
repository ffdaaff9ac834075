"""Readable English names for the pipeline's enum values, one table per vocabulary.

The records keep machine values (``car_bomb``, ``single_source``,
``killed_civilian``); readers see these words.  The web app, the HTML report
and the CLI tables all read this one table, so a value is named the same way
everywhere.  A value missing from its table is shown with underscores turned
into spaces (`label`), never as the raw identifier.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: vocabulary -> machine value -> what a reader sees
LABELS: dict[str, dict[str, str]] = {
    # extract.cause.CATEGORIES
    "cause": {
        "airstrike": "airstrike", "shelling": "shelling", "barrel_bomb": "barrel bomb",
        "car_bomb": "car bomb", "suicide_bombing": "suicide bombing",
        "ied": "roadside bomb (IED)", "explosion": "explosion", "chemical": "chemical attack",
        "shooting": "shooting", "execution": "execution", "massacre": "massacre",
        "landmine": "landmine", "drone_strike": "drone strike",
        "missile_strike": "missile strike",
    },
    # month numbers ("01".."12") as a month-precision date is shown ("March 2011")
    "month": {
        "01": "January", "02": "February", "03": "March", "04": "April", "05": "May",
        "06": "June", "07": "July", "08": "August", "09": "September", "10": "October",
        "11": "November", "12": "December",
    },
    # compare.grade labels
    "grade": {
        "confirmed": "confirmed", "fair": "fair", "weak": "weak", "contested": "contested",
        "single_source": "single source",
    },
    # the claims matrix columns (compare.CLAIMS)
    "claim": {
        "date": "Date", "place": "Place", "perpetrator": "Perpetrator", "killed": "Killed",
        "killed_civilian": "Civilians killed", "killed_noncivilian": "Non-civilians killed",
        "killed_children": "Children killed", "injured": "Injured", "cause": "Cause",
        "framing": "Framing",
    },
    # compare.group_origins kinds
    "origin_kind": {
        "independent": "independent", "wire": "wire story", "relay": "relay",
        "duplicate_text": "duplicate text", "same_outlet": "same outlet",
    },
    # models.FramingLabel
    "framing": {
        "deliberate": "deliberate", "mistake": "mistake", "denial": "denial",
        "admission": "admission",
    },
    # contradiction notes
    "note": {"rising_toll": "rising toll"},
    # credibility verdict kinds and labels
    "verdict_kind": {"claims": "claims", "reference": "reference", "consensus": "consensus",
                     "classifier": "classifier"},
    "verdict": {
        "match": "matches the reference", "partial": "partly matches the reference",
        "disagrees": "a record was found; its figures disagree", "no_reference": "no reference",
        "consistent": "consistent", "contradicted": "contradicted",
        "uncorroborated": "uncorroborated", "credible": "credible", "fake": "fake",
        "corroborated": "corroborated", "unrecorded": "no record",
    },
}


#: how a report with no known outlet is named, in every page, table, chart and export
NO_OUTLET = "(no outlet)"


def outlet_name(outlet: Any) -> str:
    """An outlet as shown to a reader: `NO_OUTLET` when there is none."""
    name = str(outlet).strip() if outlet is not None else ""
    return name or NO_OUTLET


def label(vocabulary: str, value: Any) -> str:
    """What a reader sees for ``value`` of ``vocabulary`` ("—" for nothing)."""
    if value is None or value == "":
        return "—"
    text = str(value)
    return LABELS.get(vocabulary, {}).get(text) or text.replace("_", " ")


def incident_title(inc: Mapping[str, Any]) -> str:
    """An incident's label (``date · place · cause``) with its cause in words."""
    title = str(inc.get("label") or inc.get("id") or "")
    cause = inc.get("cause")
    if cause and title.endswith(f" · {cause}"):
        title = title[: -len(cause)] + label("cause", cause)
    elif cause and title == cause:
        title = label("cause", cause)
    return title


def _without_prefix(text: str, prefixes: list[str]) -> str:
    for prefix in prefixes:
        if prefix and text.casefold().startswith(prefix.casefold()):
            return text[len(prefix):].lstrip()
    return text


def contradiction_detail(c: Mapping[str, Any]) -> str:
    """A contradiction's summary without the claim name it opens with ("Killed: ...").

    Pages print the claim's title as the heading of each contradiction; the summary
    the compare stage writes starts with the claim too, and printing both gave
    "Killed: Killed: TASS says 62 ..."."""
    field = str(c.get("field") or "")
    summary = str(c.get("summary") or "")
    spoken = field.replace("_", " ").replace("killed ", "killed: ")
    return _without_prefix(summary, [f"{spoken}: ", f"{label('claim', field)}: "])


def grade_rule(grade: Mapping[str, Any]) -> str:
    """The rule behind a grade without the grade's own name in front of it."""
    name = str(grade.get("label") or "")
    rule = str(grade.get("rule") or "")
    return _without_prefix(rule, [f"{name}: ", f"{label('grade', name)}: "])
