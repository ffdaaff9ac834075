"""The map page and its SVG: TopoJSON decoding, the fitted view, marks, escaping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from corroborate.web import mapsvg

#: a square of arcs (quantized, delta-encoded) and a triangle sharing no arcs
TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.1, 0.1], "translate": [30.0, 30.0]},
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}},
        {"type": "MultiPolygon", "arcs": [[[~2]]], "properties": {"name": "Tri"}},
        {"type": "Point", "coordinates": [0, 0]},
    ]}},
    "arcs": [
        [[0, 0], [100, 0], [0, 100]],        # (30,30) -> (40,30) -> (40,40)
        [[100, 100], [-100, 0], [0, -100]],  # (40,40) -> (30,40) -> (30,30)
        [[200, 0], [10, 0], [0, 10], [-10, -10]],
    ],
}


def test_web_map_decodes_topojson_arcs_and_reversal() -> None:
    square, tri = list(mapsvg.decode(TOPO, "countries"))
    assert square.name == "Square"
    assert [tuple(round(v, 6) for v in p) for p in square.rings[0]] == [
        (30, 30), (40, 30), (40, 40), (30, 40), (30, 30)]
    assert square.bbox == (30.0, 30.0, 40.0, 40.0)
    assert [round(a, 6) for a in square.anchor] == [35, 35]
    # ~2 is arc 2 walked backwards
    assert [tuple(round(v, 6) for v in p) for p in tri.rings[0]] == [
        (50, 30), (51, 31), (51, 30), (50, 30)]


def test_web_map_vendored_boundaries_load_without_antimeridian_stripes() -> None:
    found = {c.name: c for c in mapsvg.countries()}
    assert {"Syria", "Iraq", "Turkey", "Lebanon", "Russia", "Fiji"} <= set(found)
    west, south, east, north = found["Syria"].bbox
    assert 35 < west < 36.5 and 41.5 < east < 43 and 32 < south < 33 and 37 < north < 38
    for c in found.values():
        for ring in c.rings:
            assert all(abs(a[0] - b[0]) < 180 for a, b in zip(ring, ring[1:], strict=False)), c.name


def _row(i: int, lon: float, lat: float, **kw: Any) -> dict[str, Any]:
    return {"id": f"inc-{i}", "label": f"L{i}", "date": "2016-01-01", "place": "P",
            "admin1": None, "country": "SY", "longitude": lon, "latitude": lat,
            "killed_min": 1, "killed_max": 2, "killed_conservative": 1, "injured_min": None,
            "injured_max": None, "grade": "fair", "contradictions": 0,
            "contradicted_fields": [], "n_reports": 1, "n_origins": 1, **kw}


def test_web_map_view_fits_most_marks_and_counts_the_rest() -> None:
    rows = [_row(i, 36 + (i % 10) * 0.5, 33 + (i // 10) * 0.5) for i in range(40)]
    rows.append(_row(99, -90.0, 38.0))  # one far-off incident
    view = mapsvg.fitted_view(rows)
    assert view.contains(38.0, 34.0) and not view.contains(-90.0, 38.0)
    assert mapsvg.outside(rows, view) == 1
    every = mapsvg.fitted_view(rows, fit_all=True)
    assert mapsvg.outside(rows, every) == 0
    # a lone incident still gets a regional view, not a street
    lone = mapsvg.View.fit([(40.0, 35.0)])
    assert lone.east - lone.west >= mapsvg.MIN_SPAN and lone.north - lone.south >= mapsvg.MIN_SPAN
    x, y = lone.xy(40.0, 35.0)
    assert abs(x - mapsvg.WIDTH / 2) < 1 and abs(y - mapsvg.HEIGHT / 2) < 1


def test_web_map_marks_sized_coloured_and_escaped() -> None:
    assert mapsvg.radius(None) == mapsvg.radius(0) < mapsvg.radius(1) < mapsvg.radius(100)
    assert mapsvg.radius(10**6) == 30.0
    rows = [_row(1, 36.2, 36.2, killed_conservative=100, grade="contested", contradictions=2,
                 contradicted_fields=["killed"]),
            _row(2, 37.2, 35.2, label='<script>alert(1)</script>', place='"><b>x',
                 killed_conservative=None)]
    svg = str(mapsvg.draw(rows, "grade"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and '"><b>' not in svg
    circles = re.findall(r'<circle cx="[^"]+" cy="[^"]+" r="([^"]+)" fill="([^"]+)"', svg)
    # biggest first, so the small one is on top; unknown killed is hollow
    assert circles[0] == (f"{mapsvg.radius(100):.1f}", mapsvg.GRADE_COLOURS["contested"])
    assert circles[1][1] == "#ffffff"
    by_contra = str(mapsvg.draw(rows, "contradictions"))
    assert f'fill="{mapsvg.CONTRA_COLOURS["yes"]}"' in by_contra
    assert 'href="/incidents/inc-1"' in svg and 'data-contradictions="killed"' in svg


def test_web_map_page_filters_colour_and_notices(make_client: Any, demo_db: Path) -> None:
    client = make_client()
    page = client.get("/map").text
    total = page.count('class="map-mark"')
    assert total > 3 and '<svg class="map"' in page and "Natural Earth" in page
    assert '<g class="admin1"' in page and "admin-1" in page
    narrowed = client.get("/map", params={"has_contradictions": "yes"}).text
    assert 0 < narrowed.count('class="map-mark"') < total
    by_contra = client.get("/map", params={"colour": "contradictions", "place": "Aleppo"}).text
    assert '<strong aria-current="true">contradiction</strong>' in by_contra
    assert 'name="colour" value="contradictions"' in by_contra  # the form keeps the colouring
    assert 'href="/incidents?place=Aleppo"' in by_contra
    bad = client.get("/map", params={"colour": "rainbow", "date_from": "soon"}).text
    assert "colour: grade or contradictions" in bad and "use YYYY-MM-DD" in bad
    # no script, style or data from elsewhere
    assert "http" not in re.sub(r'(href|xmlns)="[^"]*"', "", page).replace(
        "api/v1/openapi.json", "")
