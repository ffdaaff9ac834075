"""What a reader sees of an incident, on the web page and in the HTML report:
readable labels, one heading per contradiction, the grade beside its
contradictions, only this incident's verdicts, and figures drawn as the docs
define them ("up to N" is the figure N)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from compare_fixtures import T62, T80, bundle, casualty, report, seeds_like
from corroborate.compare import compare_incidents
from corroborate.extract.cause import CATEGORIES
from corroborate.lang.en.labels import (
    LABELS,
    contradiction_detail,
    grade_rule,
    incident_title,
    label,
)
from corroborate.present import grade_badge, verdicts_for_incident
from corroborate.report import render_report
from corroborate.web import svg
from corroborate.web.data import GRADES

LONG = "Syrian Observatory for Human Rights, relayed by Al Arabiya English live coverage"


def seeds_incident() -> tuple[dict[str, Any], dict[str, Any]]:
    clusters, items, exts, arts = bundle(*seeds_like())
    return compare_incidents(clusters, items, exts, arts)[0], arts


def long_names_incident() -> tuple[dict[str, Any], dict[str, Any]]:
    """Three reports whose outlets have long names, one saying "up to 80"."""
    a = report("tv-27", T62, outlet=LONG, published="2016-09-27", killed=62,
               casualties=[casualty(T62, "62 soldiers dead", mn=62, mx=62)])
    b = report("wire-17", T80, outlet=LONG + " (second feed)", published="2016-09-17",
               killed=80, casualties=[casualty(T80, "As many as 80 troops died", mx=80,
                                               qualifier="at_most")])
    c = report("tv-18", T62.replace("62", "64"), outlet="A third outlet with a long name too",
               published="2016-09-17", killed=64,
               casualties=[casualty(T62.replace("62", "64"), "64 soldiers dead", mn=64, mx=64)])
    clusters, items, exts, arts = bundle(a, b, c)
    return compare_incidents(clusters, items, exts, arts)[0], arts


# --- labels ------------------------------------------------------------------------

def test_present_labels_cover_every_cause_and_grade() -> None:
    for cause in CATEGORIES:
        assert "_" not in label("cause", cause), cause
        assert cause in LABELS["cause"]
    for grade in GRADES:
        assert "_" not in label("grade", grade)
    assert label("cause", "car_bomb") == "car bomb"
    assert label("cause", None) == "—"
    # a value the table does not know yet is still not shown as an identifier
    assert label("cause", "vehicle_ramming") == "vehicle ramming"


def test_present_incident_title_names_the_cause_in_words() -> None:
    inc = {"id": "inc-1", "label": "2017-04-15 · Aleppo · car_bomb", "cause": "car_bomb"}
    assert incident_title(inc) == "2017-04-15 · Aleppo · car bomb"
    # a place that happens to contain the cause word is left alone
    assert incident_title({"label": "2017 · car_bomb town", "cause": "car_bomb"}) == \
        "2017 · car_bomb town"
    assert incident_title({"id": "inc-2", "label": None, "cause": None}) == "inc-2"


# --- headings ----------------------------------------------------------------------

@pytest.mark.parametrize("field, summary, detail", [
    ("killed", "Killed: A says 62; B says up to 80", "A says 62; B says up to 80"),
    ("killed_civilian", "Killed: civilian: A says 3; B says 9", "A says 3; B says 9"),
    ("framing", "Framing: deliberate (X) vs mistake (Y)", "deliberate (X) vs mistake (Y)"),
    ("perpetrator", "Perpetrator: US (A) vs Russia (B)", "US (A) vs Russia (B)"),
])
def test_present_contradiction_detail_drops_the_claim_name(field: str, summary: str,
                                                           detail: str) -> None:
    assert contradiction_detail({"field": field, "summary": summary}) == detail


def test_present_contradiction_detail_keeps_a_summary_without_prefix() -> None:
    # a summary that does not start with its claim is shown whole
    assert contradiction_detail({"field": "killed", "summary": "A says 62"}) == "A says 62"


def test_present_grade_rule_drops_the_grade_name() -> None:
    assert grade_rule({"label": "single_source",
                       "rule": "single_source: only one report of this incident"}) == \
        "only one report of this incident"
    assert grade_rule({"label": "fair", "rule": "two origins agree"}) == "two origins agree"


def test_present_pages_print_each_heading_once(make_client: Any) -> None:
    client = make_client()
    for row in client.get("/api/v1/incidents?limit=50").json()["incidents"]:
        html = client.get(f"/incidents/{row['id']}").text
        for title in ("Killed", "Framing", "Injured", "Perpetrator", "Children killed"):
            assert f"{title}</strong>: {title}:" not in html, row["id"]
            assert f"{title}: {title}:" not in html
        assert not re.search(r"<strong>(\w+)</strong></p>\s*<p class=\"why\">\1:", html)


# --- labels on the pages -------------------------------------------------------------

def test_present_pages_show_no_raw_cause_names(make_client: Any) -> None:
    client = make_client()
    listing = client.get("/incidents?limit=200").text
    assert "car bomb" in listing and "car_bomb" not in listing.replace('value="car_bomb"', "")
    assert "single source" in listing
    for row in client.get("/api/v1/incidents?limit=50").json()["incidents"]:
        html = client.get(f"/incidents/{row['id']}").text
        # credibility reasons name classifier features (cause_car_bomb=yes): left as they are
        html = re.sub(r'<div class="verdict[^"]*">.*?</div>', " ", html, flags=re.S)
        visible = re.sub(r"<[^>]+>", " ", html)
        for raw in ("car_bomb", "suicide_bombing", "single_source", "duplicate_text",
                    "same_outlet", "missile_strike"):
            assert raw not in visible, (row["id"], raw)


def test_present_report_shows_no_raw_cause_names(tmp_path: Any) -> None:
    a = report("x-1", "A car bomb killed 9 in Azaz.", outlet="Wire", published="2016-10-03",
               place="Azaz", admin1="Aleppo", killed=9, cause=("car_bomb", "car bomb"))
    clusters, items, exts, arts = bundle(a)
    incs = compare_incidents(clusters, items, exts, arts)
    html = render_report(incs, arts)
    body = html.split("<main", 1)[1].split("<script", 1)[0]
    visible = re.sub(r"<[^>]+>", " ", body)
    assert "car bomb" in visible
    assert "car_bomb" not in visible and "single_source" not in visible


# --- grade beside its contradictions ----------------------------------------------------

def test_present_grade_badge_never_green_over_a_disputed_toll() -> None:
    assert grade_badge("confirmed", ["killed", "framing"])["css"] == "confirmed-disputed"
    assert grade_badge("confirmed", ["framing"])["css"] == "confirmed"
    assert grade_badge("confirmed", [])["css"] == "confirmed"
    # an older stored row without the contradicted claims: any contradiction counts
    assert grade_badge("confirmed", None, 2)["css"] == "confirmed-disputed"
    assert grade_badge("confirmed", None, 0)["css"] == "confirmed"
    assert grade_badge("fair", ["killed"])["css"] == "fair"
    assert grade_badge("single_source", [])["text"] == "single source"


def test_present_incident_page_shows_rule_and_contradictions_together(
        make_client: Any) -> None:
    client = make_client()
    confirmed = [r for r in client.get("/api/v1/incidents?grade=confirmed").json()["incidents"]
                 if r["contradictions"]]
    assert confirmed  # the demo's Deir ez-Zor incident: confirmed, with disputed tolls
    for row in confirmed:
        inc = client.get(f"/api/v1/incidents/{row['id']}").json()
        html = client.get(f"/incidents/{row['id']}").text
        box = html.split('id="grade"', 1)[1].split("</div>", 1)[0]
        if any(c["field"] == "killed" for c in inc["contradictions"]):
            assert "g-confirmed-disputed" in html.split('id="grade"', 1)[0][-80:]
            assert "toll disputed" in box
        # every contradiction is named inside the grade box, next to the rule
        for c in inc["contradictions"]:
            assert {"killed": "Killed", "framing": "Framing", "injured": "Injured",
                    "perpetrator": "Perpetrator"}.get(c["field"], "") in box
        assert 'class="why"' in box
    listing = client.get("/incidents?grade=confirmed").text
    assert "g-confirmed-disputed" in listing


def test_present_report_grade_badge_not_green_over_disputed_toll() -> None:
    inc, arts = seeds_incident()
    assert inc["grade"]["label"] == "confirmed"
    assert any(c["field"] == "killed" for c in inc["contradictions"])
    html = render_report([inc], arts)
    assert 'class="grade grade-confirmed"' not in html
    assert 'class="grade grade-confirmed-disputed"' in html
    section = html.split(f'id="{inc["id"]}"', 1)[1]
    box = section.split('class="grade-box"', 1)[1].split("</div>", 1)[0]
    assert "open contradiction" in box and "Killed" in box


# --- verdicts of this incident only ---------------------------------------------------

def test_present_verdicts_for_incident_keeps_only_this_incident() -> None:
    v_other = {"article_id": "a", "kind": "consensus", "label": "uncorroborated", "score": None,
               "reasons": ["no other independent origin reports this incident"],
               "details": {"incident_id": "inc-b", "incidents": [
                   {"incident_id": "inc-b", "label": "uncorroborated", "score": None},
                   {"incident_id": "inc-a", "label": "contradicted", "score": 0.5}]}}
    v_unrelated = {"article_id": "a", "kind": "reference", "label": "match", "score": 1.0,
                   "reasons": ["x"], "details": {"incident_id": "inc-c"}}
    v_article = {"article_id": "a", "kind": "classifier", "label": "credible", "score": 0.7,
                 "reasons": ["y"], "details": {}}
    got = verdicts_for_incident({"a": [v_other, v_unrelated, v_article]}, "inc-a")["a"]
    assert [(v["kind"], v["label"]) for v in got] == [("consensus", "contradicted"),
                                                      ("classifier", "credible")]
    assert got[0]["reasons"] == []  # the reasons were about the other incident
    assert verdicts_for_incident({"a": [v_unrelated]}, "inc-a") == {}


def test_present_incident_page_hides_verdicts_about_other_incidents(make_client: Any) -> None:
    client = make_client()
    rows = client.get("/api/v1/incidents?limit=50").json()["incidents"]
    for row in rows:
        html = client.get(f"/incidents/{row['id']}").text
        # the round-up article reports two incidents; its reasons about the other one
        # ("no other independent origin reports this incident") are not shown here
        if row["n_reports"] > 1:
            assert "no other independent origin reports this incident" not in html, row["id"]


# --- charts ----------------------------------------------------------------------------

def _lines_at_row(chart: str, label_text: str) -> list[str]:
    group = chart.split(label_text, 2)[-1].split("</g>", 1)[0]
    return re.findall(r"<line [^>]*>", group)


def test_present_up_to_is_a_point_not_a_bar_from_zero() -> None:
    inc, _ = seeds_incident()
    chart = str(svg.range_chart(inc))
    wire = next(r for r in inc["reports"] if r["outlet"] == "Example Wire")
    label_text = f"Example Wire ({wire['published']}): up to 80"
    # the stated figure is drawn, and no bar runs from 0 to it
    assert _lines_at_row(chart, label_text) == []
    timeline = str(svg.timeline_chart(inc))
    group = timeline.split("Example Wire, ", 1)[1].split("</g>", 1)[0]
    assert "<line" not in group


def test_present_report_up_to_is_a_point_not_a_bar_from_zero() -> None:
    from corroborate.report import range_chart

    inc, _ = seeds_incident()
    spec = range_chart(inc)
    assert spec is not None
    row = next(r for r in spec["datasets"]["reports"] if r["figure"] == "up to 80")
    assert row["low"] == row["high"] == 80


def test_present_range_chart_labels_fit_their_column() -> None:
    inc, _ = long_names_incident()
    chart = str(svg.range_chart(inc))
    # the label column grew to hold the labels, and what still does not fit is shortened
    # with its full text in a title
    assert "…" in chart
    assert re.search(r'<text class="row-label" x="(\d+)"', chart)
    for m in re.finditer(r'<text class="row-label" x="(\d+)"[^>]*><title>([^<]*)</title>'
                         r"([^<]*)</text>", chart):
        x, shown = int(m.group(1)), m.group(3)
        assert svg.text_width(shown, 12) <= x, shown
