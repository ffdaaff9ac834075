"""Admin-1 boundary lines on the map: the build script (shapefile reading, merging,
simplifying, quantizing), the vendored file it wrote, and cutting lines to the view."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from corroborate.web import mapsvg

REPO = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_admin1",
                                                  REPO / "scripts" / "build_admin1.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_admin1"] = module
    spec.loader.exec_module(module)
    return module


build = _script()


def _shp(records: list[list[list[tuple[float, float]]]], kind: int = 3) -> bytes:
    """A PolyLine shapefile of ``records`` (each a list of parts), written by hand from
    the ESRI layout: big-endian header words, little-endian record bodies."""
    bodies = []
    for parts in records:
        pts = [p for part in parts for p in part]
        starts, at = [], 0
        for part in parts:
            starts.append(at)
            at += len(part)
        body = struct.pack("<i4d2i", kind, 0, 0, 0, 0, len(parts), len(pts))
        body += struct.pack(f"<{len(parts)}i", *starts)
        body += struct.pack(f"<{2 * len(pts)}d", *[v for p in pts for v in p])
        if kind == 13:  # z range and values, then m range and values
            body += struct.pack(f"<{2 + len(pts)}d", *([0.0] * (2 + len(pts)))) * 2
        bodies.append(body)
    recs = b"".join(struct.pack(">ii", i + 1, len(b) // 2) + b for i, b in enumerate(bodies))
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(recs)) // 2)
    header += struct.pack("<2i8d", 1000, kind, 0, 0, 0, 0, 0, 0, 0, 0)
    return header + recs


def test_web_map_admin1_build_reads_polyline_shapefiles() -> None:
    data = _shp([[[(1.0, 2.0), (3.0, 4.0)]], [[(5.0, 6.0), (7.0, 8.0), (9.0, 10.0)],
                                                [(0.5, 0.5), (1.5, 1.5)]]])
    assert list(build.read_polylines(data)) == [
        [(1.0, 2.0), (3.0, 4.0)], [(5.0, 6.0), (7.0, 8.0), (9.0, 10.0)],
        [(0.5, 0.5), (1.5, 1.5)]]
    # PolyLineZ: the same x/y, the z and m arrays after them skipped
    z = _shp([[[(1.0, 2.0), (3.0, 4.0)]]], kind=13)
    assert list(build.read_polylines(z)) == [[(1.0, 2.0), (3.0, 4.0)]]


def test_web_map_admin1_build_rejects_other_files() -> None:
    with pytest.raises(build.ShapefileError, match="shorter than a shapefile header"):
        list(build.read_polylines(b"\x00" * 40))
    with pytest.raises(build.ShapefileError, match="not a shapefile"):
        list(build.read_polylines(b"PK\x03\x04" + b"\x00" * 200))
    polygons = bytearray(_shp([[[(1.0, 2.0), (3.0, 4.0)]]]))
    polygons[32:36] = struct.pack("<i", 5)
    with pytest.raises(build.ShapefileError, match="expected a PolyLine"):
        list(build.read_polylines(bytes(polygons)))
    cut = _shp([[[(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]]])[:-20]
    with pytest.raises(build.ShapefileError, match="record 1 is cut short"):
        list(build.read_polylines(cut))


def test_web_map_admin1_build_merges_lines_where_two_ends_meet() -> None:
    a = [(0.0, 0.0), (1.0, 0.0)]
    b = [(2.0, 0.0), (1.0, 0.0)]       # joins a's end, drawn the other way
    c = [(2.0, 0.0), (3.0, 1.0)]       # joins b's start
    d = [(3.0, 1.0), (4.0, 1.0)]
    e = [(3.0, 1.0), (3.0, 2.0)]       # three ends meet at (3, 1): no join there
    assert build.merge([a, b, c, d, e]) == [
        [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 1.0)], d, e]
    # a closed ring is one line, not an endless walk
    ring = [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], [(1.0, 1.0), (0.0, 0.0)]]
    assert [len(x) for x in build.merge(ring)] == [4]


def test_web_map_admin1_build_simplifies_and_quantizes() -> None:
    wiggle = [(0.0, 0.0), (1.0, 0.004), (2.0, -0.004), (3.0, 0.0), (3.0, 1.0)]
    # the bumps lie within the tolerance, the corner does not
    assert build.simplify(wiggle, 0.01) == [(0.0, 0.0), (3.0, 0.0), (3.0, 1.0)]
    assert build.simplify(wiggle, 0.001) == wiggle
    assert build.quantize([(-180.0, -90.0), (-179.999, -89.999), (0.0, 0.0)], 0.005) == [
        (0, 0), (36000, 18000)]
    assert build.split_antimeridian([(179.0, 65.0), (179.9, 65.5), (-179.9, 65.6),
                                     (-179.0, 66.0)]) == [
        [(179.0, 65.0), (179.9, 65.5)], [(-179.9, 65.6), (-179.0, 66.0)]]


def test_web_map_admin1_build_writes_topojson_the_map_reads() -> None:
    lines = [[(36.0, 35.0), (36.5, 35.5), (37.0, 36.0)], [(10.0, 10.0), (10.001, 10.001)]]
    topo = build.topology(lines, 0.01, 0.005)
    # the second line is shorter than a grid cell: nothing of it is kept
    decoded = list(mapsvg.decode_lines(topo, "admin1"))
    assert len(decoded) == 1
    assert [tuple(round(v, 6) for v in p) for p in decoded[0].points] == [
        (36.0, 35.0), (37.0, 36.0)]
    assert decoded[0].bbox == pytest.approx((36.0, 35.0, 37.0, 36.0))


def test_web_map_admin1_vendored_file_loads_with_its_structure() -> None:
    path = resources.files("corroborate") / "data" / "geo" / "admin1-lines.topo.json"
    raw = path.read_bytes()
    assert len(raw) < 800_000  # well under 1 MB: it ships in every install
    topo = json.loads(raw)
    assert topo["type"] == "Topology" and topo["objects"]["admin1"]["type"] == "MultiLineString"
    assert topo["transform"]["translate"] == [-180.0, -90.0]
    lines = mapsvg.admin1_lines()
    assert len(lines) == len(topo["arcs"]) > 5000
    for line in lines:
        assert len(line.points) >= 2
        w, s, e, n = line.bbox
        assert -180 <= w <= e <= 180 and -90 <= s <= n <= 90
        assert all(abs(a[0] - b[0]) < 180 for a, b in zip(line.points, line.points[1:],
                                                          strict=False))


def _crossings(lat: float, west: float, east: float) -> list[float]:
    """Longitudes where an admin-1 line crosses the parallel ``lat`` in [west, east]."""
    out = []
    for line in mapsvg.admin1_lines():
        for (x0, y0), (x1, y1) in zip(line.points, line.points[1:], strict=False):
            if (y0 - lat) * (y1 - lat) <= 0 and y0 != y1:
                x = x0 + (x1 - x0) * (lat - y0) / (y1 - y0)
                if west <= x <= east:
                    out.append(x)
    return out


def test_web_map_admin1_syria_governorate_lines_drawn_in_a_syria_view() -> None:
    # along 36 N: the Idlib/Aleppo line near 36.9 E and the Aleppo/Raqqa one near 38.1 E
    assert any(36.7 < x < 37.1 for x in _crossings(36.0, 36.7, 37.1))
    assert any(37.9 < x < 38.3 for x in _crossings(36.0, 37.9, 38.3))
    syria = mapsvg.View.fit([(36.2, 33.5), (42.0, 37.2)])
    d = mapsvg.admin1_path(syria)
    starts = [tuple(map(int, m)) for m in re.findall(r"M(-?\d+),(-?\d+)", d)]
    # each run starts inside the frame or one segment outside it
    assert starts and all(-60 < x < mapsvg.WIDTH + 60 and -60 < y < mapsvg.HEIGHT + 60
                          for x, y in starts)
    # a line drawn at 36 N between 36.7 and 37.1 E: walk the path's steps
    lo = syria.xy(36.7, 36.0)
    hi = syria.xy(37.1, 36.0)
    hit = False
    for sub in re.findall(r"M(-?\d+),(-?\d+)l([^M]*)", d):
        x, y = int(sub[0]), int(sub[1])
        for step in sub[2].split():
            dx, dy = map(int, step.split(","))
            if (y - lo[1]) * (y + dy - lo[1]) <= 0 and lo[0] <= x <= hi[0]:
                hit = True
            x, y = x + dx, y + dy
    assert hit
    # a Syria map carries Syria's lines and its neighbours' edges, not the world's
    # provinces (2.6 KB measured; the vendored file is 672 KB)
    assert len(d) < 20_000
    # the open Pacific has no provinces, and the view cuts what it does not show
    assert mapsvg.admin1_path(mapsvg.View.fit([(-150.0, -20.0)])) == ""
    assert len(d) < len(mapsvg.admin1_path(mapsvg.View.fit([(-20.0, 30.0), (60.0, 40.0)])))


def test_web_map_admin1_clip_keeps_runs_inside_the_view() -> None:
    view = mapsvg.View(west=0.0, south=0.0, east=10.0, north=10.0, scale=10.0, k=1.0)
    line = [(-5.0, 5.0), (-1.0, 5.0), (2.0, 5.0), (5.0, 5.0), (12.0, 5.0), (15.0, 5.0),
            (15.0, 8.0), (8.0, 8.0), (8.0, 9.0)]
    assert mapsvg.clip(view, line) == [
        [(-1.0, 5.0), (2.0, 5.0), (5.0, 5.0), (12.0, 5.0)],
        [(15.0, 8.0), (8.0, 8.0), (8.0, 9.0)]]
    assert mapsvg.clip(view, [(20.0, 20.0), (30.0, 30.0)]) == []
