"""Reading UCDP GED and ACLED exports as references, and matching by distance and precision."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.credibility.databases import detect_database, split_place_type
from corroborate.credibility.geo import haversine_km, reference_radius_km, report_radius_km
from corroborate.credibility.matching import verify_extractions
from corroborate.credibility.reference import read_reference

GED_HEADER = ("id,date_start,date_end,date_prec,adm_1,adm_2,where_coordinates,latitude,longitude,"
              "side_a,side_b,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high,"
              "source_article\n")
# invented events around a fictional hill 6 km south-west of an airport
GED_ROWS = (
    '1,2016-09-17,2016-09-17,1,North Governorate,North district,Hill One,35.2566,40.1147,'
    'Side A,Side B,0,0,0,90,85,90,100,"""Monitor,2016-09-17,title one"";""Watch,2016-09-18,two"""\n'
    '2,2016-09-17,2016-09-17,1,North Governorate,North district,Far village,35.5200,40.1100,'
    'Side A,Side B,3,0,0,0,3,3,3,"""Monitor,2016-09-17,three"""\n'
    '3,2016-09-01,2016-09-30,4,North Governorate,,North Governorate,35.1,40.3,'
    'Side A,Side B,0,0,12,0,12,12,12,"""Monitor,2016-09-30,four"""\n'
)

ACLED = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,"
         "admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
         "SYR1,17 September 2016,1,Explosions/Remote violence,Air/drone strike,Coalition,Army,"
         "Syria,North,North,Hill One,35.2566,40.1147,1,Monitor,invented note,90\n")


def _ex(aid: str, *, killed: int | None, qualifier: str = "exact", lat: float | None,
        lon: float | None, kind: str, name: str, admin1: str | None = "North",
        date: str | None = "2016-09-17", precision: str = "day",
        perpetrator: str | None = None, gid: int | None = None) -> dict[str, Any]:
    cas = [] if killed is None else [{"outcome": "killed", "min": None if qualifier == "at_most"
                                      else killed, "max": killed, "qualifier": qualifier,
                                      "start": 0, "end": 5}]
    toll = {"killed": {"total": killed, "civilian": None, "noncivilian": None, "children": None,
                       "women": None}, "injured": {"total": None}}
    actors = [{"name": perpetrator, "role": "perpetrator"}] if perpetrator else []
    return {"id": aid, "outlet": "x", "published": "2016-09-20", "incidents": [{
        "date": date, "date_precision": precision, "toll": toll, "casualties": cas,
        "actors": actors, "cause": None,
        "place": {"name": name, "admin1": admin1, "country": "SY", "lat": lat, "lon": lon,
                  "kind": kind, "geonameid": gid}}]}


@pytest.fixture
def ged() -> Any:
    return read_reference(io.StringIO(GED_HEADER + GED_ROWS))


def test_credibility_databases_detects_layouts() -> None:
    assert detect_database(GED_HEADER.strip().split(",")) == "ged"
    assert detect_database(ACLED.splitlines()[0].split(",")) == "acled"
    # the issue-15 export layouts, without ids or precision columns
    assert detect_database(["date_start", "date_end", "adm_1", "where_coordinates", "latitude",
                            "longitude", "low", "best", "high", "source_article"]) == "ged"
    assert detect_database(["event_date", "country", "admin1", "location", "latitude",
                            "longitude", "fatalities", "notes", "source"]) == "acled"
    assert detect_database(["date", "place", "killed"]) is None


def test_credibility_databases_reads_ged_ranges_precision_and_sources(ged: Any) -> None:
    assert ged.format == "ged" and len(ged.incidents) == 3
    hill, village, gov = ged.incidents
    assert (hill.killed["total"], hill.killed_range) == (90, (85, 100))
    assert hill.sources == ["Monitor,2016-09-17,title one", "Watch,2016-09-18,two"]
    # 90 deaths of unknown status: no category is known
    assert hill.killed["civilian"] is None and hill.killed["noncivilian"] is None
    assert village.killed["noncivilian"] == 3 and village.place_type == "village"
    assert gov.where_prec == 4 and gov.date_end == "2016-09-30" and gov.admin1 == "North"


def test_credibility_databases_place_type_words() -> None:
    assert split_place_type("Deir ez Zor town") == ("Deir ez Zor", "town")
    assert split_place_type("Jabal Thurdah") == ("Jabal Thurdah", None)
    assert split_place_type("Homs Governorate") == ("Homs", "governorate")


def test_credibility_databases_nearby_site_matches_by_distance(ged: Any) -> None:
    # a report "near the airport", 6.4 km from the hill the database records
    v = verify_extractions([_ex("a", killed=62, lat=35.2854, lon=40.1760, kind="landmark",
                                name="Airport")], ged)[0]
    assert v["details"]["reference_id"] == "1"
    assert v["label"] == "disagrees"  # 62 is outside 85–100
    assert any("6.4 km apart, within 8 km" in r for r in v["reasons"])
    assert any("killed 62 vs reference 90 (low 85, high 100): off by 23" in r for r in v["reasons"])
    assert any("Monitor (2016-09-17); Watch (2016-09-18)" in r for r in v["reasons"])


def test_credibility_databases_figure_inside_the_range_agrees(ged: Any) -> None:
    v = verify_extractions([_ex("a", killed=86, lat=35.2566, lon=40.1147, kind="landmark",
                                name="Hill One")], ged)[0]
    assert v["label"] == "match" and v["details"]["reference_id"] == "1"


def test_credibility_databases_far_point_does_not_match() -> None:
    # a town 20 km from the only point event that day, in another governorate: no record
    only_village = read_reference(io.StringIO(GED_HEADER + GED_ROWS.splitlines(True)[1]))
    v = verify_extractions([_ex("a", killed=3, lat=35.70, lon=40.11, kind="city", name="Elsewhere",
                                admin1="South")], only_village)[0]
    assert v["label"] == "no_reference"


def test_credibility_databases_governorate_record_matches_by_containment(ged: Any) -> None:
    # a town of the governorate, far from both point events, on a day of the month-long record
    v = verify_extractions([_ex("a", killed=12, lat=34.9, lon=40.6, kind="city", name="Town",
                                date="2016-09-05")], ged)[0]
    assert v["details"]["reference_id"] == "3" and v["label"] == "match"
    assert any("only at North" in r for r in v["reasons"])


def test_credibility_databases_report_dated_to_a_month_meets_day_records(ged: Any) -> None:
    v = verify_extractions([_ex("a", killed=90, lat=35.2566, lon=40.1147, kind="landmark",
                                name="Hill One", date="2016-09-01", precision="month")], ged)[0]
    assert v["details"]["reference_id"] == "1"


def test_credibility_databases_perpetrator_among_sides_or_unrecorded(ged: Any) -> None:
    one = verify_extractions([_ex("a", killed=90, lat=35.2566, lon=40.1147, kind="landmark",
                                  name="Hill One", perpetrator="Side A")], ged)[0]
    other = verify_extractions([_ex("a", killed=90, lat=35.2566, lon=40.1147, kind="landmark",
                                    name="Hill One", perpetrator="Someone Else")], ged)[0]
    fields = {f["field"]: f["status"] for f in one["details"]["fields"]}
    assert fields["perpetrator"] == "match"
    fields = {f["field"]: f["status"] for f in other["details"]["fields"]}
    # the database records the sides of the conflict, not who caused the deaths
    assert fields["perpetrator"] == "unknown" and other["label"] == "match"


def test_credibility_databases_bad_rows_rejected_others_kept() -> None:
    text = GED_HEADER + GED_ROWS + ("4,2016-09-18,2016-09-18,1,North Governorate,,X village,"
                                    "35.2,40.1,A,B,0,0,0,0,1,n/a,1,\"\"\n")
    ref = read_reference(io.StringIO(text))
    assert len(ref.incidents) == 3
    assert [(e.code, e.row, e.field) for e in ref.rejects] == [("E190", 3, "best")]


def test_credibility_databases_ged_row_without_toll_is_unknown_not_rejected() -> None:
    # low, best and high all empty: the toll is unknown (a GED-shaped export of an incident
    # no report gives a figure for), read like ACLED's empty fatalities
    row = '6,2016-09-18,2016-09-18,1,North Governorate,,X village,35.2,40.1,A,B,,,,,,,,""\n'
    ref = read_reference(io.StringIO(GED_HEADER + row))
    assert not ref.rejects
    (inc,) = ref.incidents
    assert inc.killed["total"] is None and inc.killed_range is None


def test_credibility_databases_ged_range_without_best_rejected() -> None:
    # a range with no best figure is not an unknown toll but a broken row
    row = '7,2016-09-18,2016-09-18,1,North Governorate,,X village,35.2,40.1,A,B,,,,,3,,9,""\n'
    ref = read_reference(io.StringIO(GED_HEADER + row))
    assert not ref.incidents
    assert [(e.code, e.row, e.field) for e in ref.rejects] == [("E190", 0, "best")]


def test_credibility_databases_out_of_order_range_is_kept() -> None:
    row = ('5,2016-09-18,2016-09-18,1,North Governorate,,X village,35.2,40.1,A,B,0,0,0,40,'
           '20,40,20,""\n')
    ref = read_reference(io.StringIO(GED_HEADER + row))
    assert ref.incidents[0].killed_range == (20, 40) and not ref.rejects


def test_credibility_databases_reads_acled() -> None:
    ref = read_reference(io.StringIO(ACLED))
    inc = ref.incidents[0]
    assert ref.format == "acled" and inc.id == "SYR1" and inc.date == "2016-09-17"
    assert inc.sides == ["Coalition", "Army"] and inc.notes == "invented note"
    assert inc.killed["total"] == 90 and inc.killed_range is None  # one figure, no range
    v = verify_extractions([_ex("a", killed=90, lat=35.2854, lon=40.1760, kind="landmark",
                                name="Airport", perpetrator="Coalition")], ref)[0]
    assert v["label"] == "match"


def test_credibility_databases_acled_week_precision_widens_the_date() -> None:
    text = ACLED.replace("17 September 2016,1,", "2016-09-17,2,")
    inc = read_reference(io.StringIO(text)).incidents[0]
    assert (inc.date, inc.date_end, inc.date_prec) == ("2016-09-14", "2016-09-20", 3)


def test_credibility_databases_radii_follow_precision() -> None:
    assert report_radius_km("city", 300_000) > report_radius_km("city", 5_000)  # type: ignore[operator]
    assert report_radius_km("admin1") is None
    assert reference_radius_km(1, "village") == 2.0
    assert reference_radius_km(2, None) == 25.0
    assert reference_radius_km(4, None) is None
    assert haversine_km(35.0, 40.0, 35.0, 40.0) == 0.0
    assert 110 < haversine_km(35.0, 40.0, 36.0, 40.0) < 112


def test_credibility_databases_seeds_match_ged_event_with_no_options(seeds_dir: Path,
                                                                      shared_dir: Path) -> None:
    ged = shared_dir / "data" / "ucdp-ged-syria" / "ged_syria.csv"
    result = CliRunner().invoke(app, ["verify", str(seeds_dir), "--reference", str(ged), "--json"])
    assert result.exit_code == 0, result.output
    verdicts = {v["article_id"]: v for v in json.loads(result.stdout)}
    assert len(verdicts) == 2
    shown = {}
    for v in verdicts.values():
        assert v["details"]["reference_id"] == "227936"
        assert v["details"]["record"]["killed_range"] == [90, 90]
        killed = next(f for f in v["details"]["fields"] if f["field"] == "killed")
        assert killed["status"] == "miss" and killed["reference"] == 90
        shown[killed["report"]] = v["label"]
    assert sorted(shown) == ["62", "up to 80"]
    assert set(shown.values()) == {"disagrees"}
