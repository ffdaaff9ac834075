"""Dates keep the precision they were reported with, end to end: a year ("since
2011") or a month ("in March 2016") is never shown, sorted, filtered or linked
as if it were its first day (docs/comparison.md, "Dates and their precision")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare_fixtures import bundle, report
from corroborate import schema
from corroborate.analyze import summary_row
from corroborate.compare import compare_incidents, incidents_document
from corroborate.doc import Doc
from corroborate.extract import dates
from corroborate.models import Article, date_interval
from corroborate.present import display_date, display_date_range
from corroborate.report import render_report
from corroborate.store import open_store

TEXT = "Coalition aircraft struck Deir ez-Zor, killing 80 soldiers, a monitor said."


def _claim(text: str, published: str | None = "2016-09-19") -> tuple[str, str]:
    doc = dates.create()(Doc(Article(id="t", text=text, published=published)))
    (claim,) = doc.get("dates")
    return claim.value, claim.precision


@pytest.mark.parametrize(("text", "shown", "precision"), [
    ("Fighting has raged there since 2011.", "2011", "year"),
    ("The town fell in March 2016.", "March 2016", "month"),
    ("The jets struck on 17 September 2016.", "2016-09-17", "day"),
    ("Strikes resumed in September.", "September 2016", "month"),
])
def test_present_dates_shown_at_their_precision(text: str, shown: str, precision: str) -> None:
    value, prec = _claim(text)
    assert prec == precision
    assert display_date(value, prec) == shown


def test_present_dates_display_edge_cases() -> None:
    assert display_date(None, None) == "undated"
    assert display_date(None, None, "—") == "—"
    # an incident stored before precision was kept reads as a day
    assert display_date("2016-09-17", None) == "2016-09-17"
    assert display_date("2016-09-12", "approximate") == "about 2016-09-12"


def test_models_date_interval_covers_the_period() -> None:
    assert date_interval("2016-01-01", "year") == ("2016-01-01", "2016-12-31")
    assert date_interval("2016-02-01", "month") == ("2016-02-01", "2016-02-29")
    assert date_interval("2015-12-01", "month") == ("2015-12-01", "2015-12-31")
    assert date_interval("2016-09-17", "day") == ("2016-09-17", "2016-09-17")
    assert date_interval("2016-09-17", None) == ("2016-09-17", "2016-09-17")


def _dated(aid: str, date: str | None, precision: str | None, published: str = "2016-09-20",
           outlet: str = "Example Wire") -> tuple[Article, dict[str, Any], Any]:
    art, ext, item = report(aid, TEXT, outlet=outlet, published=published, date=date, killed=80)
    ext["incidents"][0]["date_precision"] = precision
    return art, ext, item


def _one(*reports: tuple[Article, dict[str, Any], Any]) -> dict[str, Any]:
    (inc,) = compare_incidents(*bundle(*reports))
    return inc


def test_compare_incident_keeps_a_year_date_as_a_year() -> None:
    inc = _one(_dated("a", "2011-01-01", "year"))
    assert (inc["date"], inc["date_precision"]) == ("2011-01-01", "year")
    assert inc["date_range"] == ["2011-01-01", "2011-12-31"]
    assert inc["label"].startswith("2011 · ")
    assert inc["reports"][0]["date_precision"] == "year"
    assert display_date_range(inc) is None
    assert summary_row(inc)["date"] == "2011"
    schema.validate(incidents_document([inc]), "incidents")


def test_compare_day_date_wins_over_a_compatible_year() -> None:
    # "since 2011" in two reports does not outvote "17 March 2011" in one: it fits it
    inc = _one(_dated("a", "2011-01-01", "year", outlet="One"),
               _dated("b", "2011-01-01", "year", outlet="Two"),
               _dated("c", "2011-03-17", "day", outlet="Three"))
    assert (inc["date"], inc["date_precision"]) == ("2011-03-17", "day")
    cells = [row["cells"]["date"] for row in inc["matrix"]["rows"]]
    assert [c["display"] for c in cells] == ["2011", "2011", "2011-03-17"]
    assert not any(c["disagrees"] for c in cells)
    assert display_date_range(inc) == "reports say 2011-01-01 to 2011-12-31"
    schema.validate(incidents_document([inc]), "incidents")


def test_compare_day_dates_outside_a_month_still_disagree() -> None:
    inc = _one(_dated("a", "2016-03-01", "month", outlet="One"),
               _dated("b", "2016-04-20", "day", outlet="Two"))
    cells = {row["article_id"]: row["cells"]["date"] for row in inc["matrix"]["rows"]}
    assert cells["a"]["disagrees"] and cells["a"]["display"] == "March 2016"


def test_report_shows_a_year_date_as_the_year() -> None:
    a = _dated("a", "2011-01-01", "year")
    inc = _one(a)
    html = render_report([inc], {a[0].id: a[0]})
    assert "2011-01-01" not in html
    assert ">2011<" in html


def _stored(tmp_path: Path, incs: list[dict[str, Any]]) -> Any:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.replace_incidents(incs)
    return store


def test_web_incident_page_and_list_show_a_year(tmp_path: Path, make_client: Any) -> None:
    a = _dated("a", "2011-01-01", "year")
    inc = _one(a)
    store = _stored(tmp_path, [inc])
    store.add_articles([a[0]])
    store.close()
    client = make_client(db=tmp_path / "store.db")
    for url in ("/incidents", f"/incidents/{inc['id']}"):
        html = client.get(url).text
        assert "2011-01-01" not in html, url
        assert ">2011<" in html or ">2011 " in html, url


T_YEAR = "An airstrike killed 80 civilians in Raqqa in 2013, a monitor said."
T_MONTH = "In March 2016 an airstrike killed 80 civilians in Raqqa, a monitor said."


@pytest.mark.parametrize(("text", "value", "precision", "shown"), [
    (T_YEAR, "2013-01-01", "year", "2013"),
    (T_MONTH, "2016-03-01", "month", "March 2016"),
])
def test_extraction_json_keeps_the_precision(text: str, value: str, precision: str,
                                             shown: str) -> None:
    from corroborate.extract import extract

    d = extract(Article(id="y", text=text, published="2016-09-19")).to_dict()
    schema.validate(d, "extraction")
    (inc,) = d["incidents"]
    assert (inc["date"], inc["date_precision"]) == (value, precision)
    assert inc["date_evidence"]["precision"] == precision
    assert display_date(inc["date"], inc["date_precision"]) == shown


def test_web_article_page_names_a_year_date_as_the_year(tmp_path: Path,
                                                       make_client: Any) -> None:
    from corroborate.extract import extract

    art = Article(id="y", text=T_YEAR, published="2016-09-19")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.add_articles([art])
    store.put_extractions([extract(art).to_dict()])
    store.close()
    html = make_client(db=tmp_path / "store.db").get("/articles/y").text
    # the extracted-values table (the review panel's edit form keeps the ISO value)
    assert '<span class="ev k-date">date</span></td><td>2013</td><td>precision year</td>' in html


def test_present_display_range_words_each_figure_shape() -> None:
    from corroborate.present import display_range

    assert display_range(62, 62) == "62"
    assert display_range(62, 90) == "62–90"
    assert display_range(90, None) == "at least 90"
    assert display_range(None, 80) == "up to 80"
    # no figure at all: the caller's word for it, a dash by default (never "None")
    assert display_range(None, None) == "—"
    assert display_range(None, None, missing="unknown") == "unknown"
