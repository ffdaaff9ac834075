"""Exports from the web list and the HTTP API: same filters, every matching incident."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema

from corroborate.schema import validate
from corroborate.store import DEFAULT_SORT, IncidentQuery, open_store

GEOJSON_SCHEMA = Path(__file__).parent / "data" / "geojson" / "FeatureCollection.json"


def _ids(db: Path, **filters: Any) -> list[str]:
    filters.setdefault("sort", DEFAULT_SORT)  # what the web and API default to
    with open_store(str(db)) as s:
        rows, _ = s.list_incidents(IncidentQuery(limit=500, **filters))
    return [r["id"] for r in rows]


def test_web_export_api_geojson_validates_and_links_here(make_client: Any, demo_db: Path) -> None:
    r = make_client().get("/api/v1/export/geojson")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/geo+json"
    assert 'filename="incidents.geojson"' in r.headers["content-disposition"]
    doc = r.json()
    jsonschema.Draft7Validator(json.loads(GEOJSON_SCHEMA.read_text())).validate(doc)
    validate(doc, "export-geojson")
    assert [f["id"] for f in doc["features"]] == _ids(demo_db)
    first = doc["features"][0]
    assert first["properties"]["url"] == f"http://testserver/incidents/{first['id']}"


def test_web_export_api_filters_and_max_rows(make_client: Any, demo_db: Path) -> None:
    client = make_client()
    r = client.get("/api/v1/export/csv", params={"has_contradictions": "true", "sort": "-killed"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    want = _ids(demo_db, has_contradictions=True, sort="-killed")
    assert want and [row["id"] for row in rows] == want
    r = client.get("/api/v1/export/ucdp", params={"max_rows": 2})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 2
    assert client.get("/api/v1/export/shp").status_code == 422
    assert client.get("/api/v1/export/kml", params={"grade": "great"}).status_code == 422


def test_web_export_needs_read_access_when_private(make_client: Any) -> None:
    client = make_client(private=True)
    assert client.get("/api/v1/export/geojson").status_code == 401
    assert client.get("/export/geojson").status_code == 401


def test_web_export_list_links_carry_the_filters(make_client: Any, demo_db: Path) -> None:
    client = make_client()
    page = client.get("/incidents", params={"place": "Aleppo", "limit": 25}).text
    assert 'href="/export/kml?place=Aleppo"' in page
    assert 'href="/export/claims-csv?place=Aleppo"' in page
    assert 'href="/map?place=Aleppo"' in page
    r = client.get("/export/kml", params={"place": "Aleppo"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(
        "application/vnd.google-earth.kml+xml")
    from lxml import etree

    tree = etree.fromstring(r.content)
    ids = [m.get("id") for m in tree.iter("{http://www.opengis.net/kml/2.2}Placemark")]
    assert ids == _ids(demo_db, place="Aleppo") and ids


def test_web_export_bad_filter_fails_instead_of_widening(make_client: Any) -> None:
    r = make_client().get("/export/csv", params={"date_from": "yesterday"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    r = make_client().get("/export/shapefile")
    assert r.status_code == 400 and "E150" in r.text
