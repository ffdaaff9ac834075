"""Exports: each format validates against its schema or opens in a real parser."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corroborate import export as exports
from corroborate.errors import CorroborateError
from corroborate.schema import validate
from corroborate.store import IncidentQuery, Store, open_store

DATA = Path(__file__).parent / "data"
GEOJSON_SCHEMA = DATA / "geojson" / "FeatureCollection.json"
KML_NS = "{http://www.opengis.net/kml/2.2}"


def example_incidents() -> list[dict[str, Any]]:
    """The example incident, one without coordinates, and one whose text would run as a
    spreadsheet formula and break naive XML."""
    base = json.loads((DATA / "incidents_example.json").read_text(encoding="utf-8"))["incidents"][0]
    nowhere = copy.deepcopy(base)
    nowhere["id"] = "inc-0000000001"
    nowhere["place"] = None
    nowhere["grade"] = {**nowhere["grade"], "label": "single_source"}
    nowhere["contradictions"] = []
    hostile = copy.deepcopy(base)
    hostile["id"] = "inc-0000000002"
    hostile["date"] = "2017-04-04"
    hostile["date_range"] = ["2017-04-04", "2017-04-05"]
    hostile["label"] = "=HYPERLINK(\"x\") <b>&</b> \x01"
    hostile["place"] = {**hostile["place"], "name": "-Khan <Shaykhun>", "lat": -12.5, "lon": -77.25}
    hostile["reports"][0]["outlet"] = "@evil & co"
    return [base, nowhere, hostile]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = str(tmp_path / "x.db") if request.param == "sqlite" else \
        request.getfixturevalue("pg_schema_url")
    s = open_store(url)
    s.replace_incidents(example_incidents())
    yield s
    s.close()


def run(store: Store, fmt: str, **kw: Any) -> tuple[str, exports.ExportStats]:
    out = io.StringIO()
    stats = exports.export(store, IncidentQuery(), fmt, out, **kw)
    return out.getvalue(), stats


def test_export_geojson_validates_against_rfc7946_and_own_schema(store: Store) -> None:
    text, stats = run(store, "geojson", base_url="http://localhost:8000/")
    doc = json.loads(text)
    jsonschema.Draft7Validator(json.loads(GEOJSON_SCHEMA.read_text())).validate(doc)
    validate(doc, "export-geojson")
    by_id = {f["id"]: f for f in doc["features"]}
    assert stats.incidents == 3 and stats.without_coordinates == 1
    # RFC 7946: longitude first
    assert by_id["inc-3f9a1c2b7d"]["geometry"] == {"type": "Point", "coordinates": [40.145, 35.336]}
    assert by_id["inc-0000000001"]["geometry"] is None
    props = by_id["inc-3f9a1c2b7d"]["properties"]
    assert (props["killed_min"], props["killed_max"], props["killed_conservative"]) == (62, 80, 62)
    assert props["contradicted_fields"] == [c["field"] for c in example_incidents()[0]["contradictions"]]
    assert "killed" in props["contradicted_fields"]
    assert props["n_origins"] == 2 and props["grade"] == "confirmed"
    assert props["url"] == "http://localhost:8000/incidents/inc-3f9a1c2b7d"


def test_export_geojson_schema_rejects_swapped_or_missing_parts(store: Store) -> None:
    doc = json.loads(run(store, "geojson")[0])
    bad = copy.deepcopy(doc)
    located = next(f for f in bad["features"] if f["id"] == "inc-3f9a1c2b7d")
    located["geometry"]["coordinates"] = [40.145, 135.0]  # latitude out of range
    with pytest.raises(CorroborateError) as err:
        validate(bad, "export-geojson")
    assert err.value.code == "E070"
    bad = copy.deepcopy(doc)
    del bad["features"][0]["properties"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(json.loads(GEOJSON_SCHEMA.read_text())).validate(bad)


def _kml_schema() -> Any:
    from importlib import resources

    from lxml import etree

    xsd = Path(str(resources.files("fastkml"))) / "schema" / "ogckml22.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def test_export_kml_validates_against_ogc_kml22_xsd(store: Store, tmp_path: Path) -> None:
    from fastkml import KML
    from lxml import etree

    text, _ = run(store, "kml", base_url="http://localhost:8000")
    tree = etree.fromstring(text.encode("utf-8"))
    schema = _kml_schema()
    assert schema.validate(tree), schema.error_log
    marks = tree.findall(f".//{KML_NS}Placemark")
    # date order, then id
    assert [m.get("id") for m in marks] == ["inc-0000000001", "inc-3f9a1c2b7d", "inc-0000000002"]
    # the incident without coordinates is listed, not drawn
    assert [m.find(f"{KML_NS}Point") is None for m in marks] == [True, False, False]
    assert marks[1].findtext(f".//{KML_NS}coordinates") == "40.145,35.336"
    assert marks[2].findtext(f"{KML_NS}name") == "=HYPERLINK(\"x\") <b>&</b> "
    (tmp_path / "x.kml").write_text(text, encoding="utf-8")
    parsed = KML.parse(tmp_path / "x.kml", validate=True)
    doc = next(iter(parsed.features))
    assert len(list(doc.features)) == 3


def test_export_kml_schema_check_can_fail(store: Store) -> None:
    from lxml import etree

    text, _ = run(store, "kml")
    # a Point before the description breaks the order KML 2.2 prescribes
    broken = text.replace("<description>", "<Point><coordinates>1,2</coordinates></Point>"
                          "<description>", 1)
    assert not _kml_schema().validate(etree.fromstring(broken.encode("utf-8")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=st.text(max_size=40), place=st.text(min_size=1, max_size=30))
@example(label="\r", place="a\r\nb")
def test_export_kml_any_text_stays_valid_xml(label: str, place: str) -> None:
    from lxml import etree

    inc = example_incidents()[0]
    inc["label"] = label
    inc["place"]["name"] = place
    text = "".join(exports.kml_chunks([inc]))
    tree = etree.fromstring(text.encode("utf-8"))
    assert _kml_schema().validate(tree)
    name = tree.find(f".//{KML_NS}Placemark/{KML_NS}name").text or ""
    assert name == exports._XML_INVALID.sub("", label or inc["id"])


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_csv_incident_rows_and_formula_defusing(store: Store) -> None:
    text, _ = run(store, "csv")
    rows = _rows(text)
    assert list(rows[0]) == list(exports.INCIDENT_COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert by_id["inc-3f9a1c2b7d"]["latitude"] == "35.336"
    assert by_id["inc-0000000001"]["latitude"] == ""
    hostile = by_id["inc-0000000002"]
    assert hostile["label"].startswith("'=HYPERLINK")
    assert hostile["place"] == "'-Khan <Shaykhun>"
    assert hostile["longitude"] == "-77.25"  # numbers are never defused
    assert hostile["outlets"] == "'@evil & co; Example TV"


def test_export_claims_csv_one_row_per_report_claim_span(store: Store) -> None:
    rows = _rows(run(store, "claims-csv")[0])
    assert list(rows[0]) == list(exports.CLAIM_COLUMNS)
    inc = example_incidents()[0]
    want = sum(max(1, len(c["evidence"])) for r in inc["matrix"]["rows"]
               for c in r["cells"].values() if c["value"] is not None)
    assert len([r for r in rows if r["incident_id"] == inc["id"]]) == want
    killed = [r for r in rows if r["incident_id"] == inc["id"] and r["claim"] == "killed"
              and r["article_id"] == "example-wire-2016-09-17"]
    assert killed == [{**killed[0], "value": "up to 80", "disagrees": "true", "span_no": "1",
                       "start": "140", "end": "170", "text": "up to 80 soldiers were killed"}]
    # a claim the report does not make has no row
    assert not [r for r in rows if r["claim"] == "killed_civilian"
                and r["article_id"] == "example-wire-2016-09-17"]


def test_export_acled_and_ucdp_rows(store: Store) -> None:
    acled = {r["event_id_cnty"]: r for r in _rows(run(store, "acled")[0])}
    assert list(next(iter(acled.values()))) == list(exports.ACLED_COLUMNS)
    a = acled["inc-3f9a1c2b7d"]
    assert (a["event_date"], a["country"], a["admin1"], a["location"], a["fatalities"]) == (
        "2016-09-17", "Syria", "Deir ez-Zor", "Deir ez-Zor", "62")
    assert a["source"] == "Example TV; Example Wire"
    assert "contradict" in a["notes"] and "killed 62–80" in a["notes"]
    ucdp = {r["id"]: r for r in _rows(run(store, "ucdp")[0])}
    assert list(next(iter(ucdp.values()))) == list(exports.UCDP_COLUMNS)
    u = ucdp["inc-3f9a1c2b7d"]
    assert (u["low"], u["best"], u["high"], u["adm_1"], u["where_coordinates"]) == (
        "62", "62", "80", "Deir ez-Zor", "Deir ez-Zor")
    assert u["source_article"].split(";")[0] == (
        '"Example Wire,2016-09-17,Coalition says strike on Syrian troops was an error"')
    assert ucdp["inc-0000000002"]["date_end"] == "2017-04-05"
    assert ucdp["inc-0000000001"]["latitude"] == ""


def test_export_filters_and_limit(store: Store) -> None:
    out = io.StringIO()
    stats = exports.export(store, IncidentQuery(grade="single_source"), "csv", out)
    assert stats.incidents == 1 and _rows(out.getvalue())[0]["id"] == "inc-0000000001"
    out = io.StringIO()
    assert exports.export(store, IncidentQuery(sort="-date"), "csv", out, max_rows=2).incidents == 2
    assert [r["id"] for r in _rows(out.getvalue())][0] == "inc-0000000002"


def test_export_reads_the_store_a_page_at_a_time(store: Store) -> None:
    calls: list[tuple[int, int]] = []
    real = store.list_incidents

    def spy(query: IncidentQuery) -> tuple[list[dict[str, Any]], int]:
        calls.append((query.limit, query.offset))
        return real(query)

    store.list_incidents = spy  # type: ignore[method-assign]
    ids = [i["id"] for i in exports.iter_incidents(store, IncidentQuery(), page_size=2)]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert calls == [(2, 0), (2, 2)]


def test_export_fails_when_incidents_are_replaced_midway(store: Store) -> None:
    pages = exports.iter_incidents(store, IncidentQuery(), page_size=1)
    next(pages)
    store.replace_incidents(example_incidents()[:2])
    with pytest.raises(CorroborateError) as err:
        list(pages)
    assert err.value.code == "E151"


def test_export_unknown_format_is_e150(store: Store) -> None:
    with pytest.raises(CorroborateError) as err:
        run(store, "shapefile")
    assert err.value.code == "E150"


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_export_demo_store_every_format_parses(fmt: str, demo_db_template: Path) -> None:
    from lxml import etree

    s = open_store(str(demo_db_template))
    try:
        text, stats = run(s, fmt)
        total = s.list_incidents(IncidentQuery(limit=1))[1]
    finally:
        s.close()
    assert stats.incidents == total > 0
    if fmt == "geojson":
        doc = json.loads(text)
        jsonschema.Draft7Validator(json.loads(GEOJSON_SCHEMA.read_text())).validate(doc)
        validate(doc, "export-geojson")
        assert len(doc["features"]) == total
    elif fmt == "kml":
        assert _kml_schema().validate(etree.fromstring(text.encode("utf-8")))
    else:
        rows = _rows(text)
        assert rows and (fmt == "claims-csv" or len(rows) == total)
