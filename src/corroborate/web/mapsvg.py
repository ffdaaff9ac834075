"""The incident map, drawn on the server as SVG: no tiles, no CDN, no script needed.

Country boundaries come from the vendored Natural Earth TopoJSON
(``data/geo/countries-50m.topo.json``) and admin-1 (state and province) boundary
lines from ``data/geo/admin1-lines.topo.json`` (both described in that folder's
NOTICE.md), decoded here.  Admin-1 lines are cut to the view, so a map of one
region carries only that region's lines.  The
view is fitted to the incidents shown, in an equirectangular projection whose
horizontal scale is the cosine of the view's middle latitude (right for the
regional extents a set of incidents covers).  Each incident is a circle whose
area grows with its conservative killed figure, coloured by grade or by
contradiction, inside a link to its page; `static/app.js` turns a click into a
popup when scripts run.  Every piece of text goes through `escape`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..export import GRADE_COLOURS
from ..present import display_range

WIDTH, HEIGHT = 960, 560
#: smallest extent shown, in degrees, so one incident is not drawn at street scale
MIN_SPAN = 3.0
CONTRA_COLOURS = {"yes": "#cf222e", "no": "#2f6fb0"}
UNKNOWN_GRADE = "#6e7781"
COLOURINGS = ("grade", "contradictions")


@dataclass(frozen=True)
class Country:
    name: str
    #: rings of (lon, lat), outer and holes alike (drawn with the even-odd rule)
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north
    #: a point inside the largest ring, where the name goes
    anchor: tuple[float, float]


@cache
def countries() -> tuple[Country, ...]:
    """The vendored country boundaries, decoded from TopoJSON once per process."""
    path = resources.files("corroborate") / "data" / "geo" / "countries-50m.topo.json"
    topo = json.loads(path.read_text(encoding="utf-8"))
    return tuple(decode(topo, "countries"))


def _arcs(topo: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as absolute (lon, lat): TopoJSON stores quantized deltas."""
    transform = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indices: Sequence[int]
          ) -> tuple[tuple[float, float], ...]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their end point
        pts.extend(arc[1:] if pts else arc)
    return tuple(pts)


def decode(topo: Mapping[str, Any], name: str) -> Iterable[Country]:
    """The geometries of TopoJSON object ``name`` as `Country` records (Polygon and
    MultiPolygon; anything else is skipped)."""
    arcs = _arcs(topo)
    for geom in topo["objects"][name]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            polygons = [geom["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = tuple(_unwrap(_ring(arcs, r)) for poly in polygons for r in poly)
        rings = tuple(r for r in rings if len(r) >= 3)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        outer = max((poly[0] for poly in polygons), key=lambda r: _area(_ring(arcs, r)))
        anchor = _centroid(_ring(arcs, outer))
        yield Country(name=str((geom.get("properties") or {}).get("name") or ""),
                      rings=rings, bbox=(min(lons), min(lats), max(lons), max(lats)),
                      anchor=anchor)


def _unwrap(ring: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """A ring that crosses the antimeridian (Russia's far east, Fiji) jumps from +180 to
    -180; drawn as it is, it would stripe the whole map.  Its points on the far side
    move by 360 degrees, to where they lie beside the rest of the ring."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return ring
    east = sum(1 for p in ring if p[0] > 0) >= len(ring) / 2
    if east:
        return tuple((lon + 360 if lon < 0 else lon, lat) for lon, lat in ring)
    return tuple((lon - 360 if lon > 0 else lon, lat) for lon, lat in ring)


def _area(ring: Sequence[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                   in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return cx / (3 * a), cy / (3 * a)


@dataclass(frozen=True)
class Line:
    """An admin-1 boundary line: (lon, lat) points and their box."""

    points: tuple[tuple[float, float], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


@cache
def admin1_lines() -> tuple[Line, ...]:
    """The vendored admin-1 boundary lines (``scripts/build_admin1.py``), decoded once
    per process."""
    path = resources.files("corroborate") / "data" / "geo" / "admin1-lines.topo.json"
    return tuple(decode_lines(json.loads(path.read_text(encoding="utf-8")), "admin1"))


def decode_lines(topo: Mapping[str, Any], name: str) -> Iterable[Line]:
    """The lines of TopoJSON object ``name`` (a LineString, a MultiLineString or a
    GeometryCollection of them), one `Line` per line string."""
    arcs = _arcs(topo)
    obj = topo["objects"][name]
    geoms = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    for geom in geoms:
        kind = geom.get("type")
        if kind == "LineString":
            strings = [geom["arcs"]]
        elif kind == "MultiLineString":
            strings = geom["arcs"]
        else:
            continue
        for indices in strings:
            pts = _ring(arcs, indices)
            if len(pts) < 2:
                continue
            lons, lats = [p[0] for p in pts], [p[1] for p in pts]
            yield Line(points=pts, bbox=(min(lons), min(lats), max(lons), max(lats)))


@dataclass(frozen=True)
class View:
    """An equirectangular projection fitted to a lon/lat box in a WIDTH x HEIGHT frame."""

    west: float
    south: float
    east: float
    north: float
    scale: float
    k: float  # cos(middle latitude)

    @classmethod
    def fit(cls, points: Sequence[tuple[float, float]], *, trim: float = 0.0) -> View:
        """The view of ``points``; ``trim`` leaves out that share of the points at each
        end of either axis (a few far-off incidents then do not shrink the rest to a dot)."""
        if points:
            lons, lats = sorted(p[0] for p in points), sorted(p[1] for p in points)
            cut = max(1, int(len(points) * trim)) if trim else 0
            w, e = lons[cut], lons[len(lons) - 1 - cut]
            s, n = lats[cut], lats[len(lats) - 1 - cut]
        else:
            w, s, e, n = -170.0, -58.0, 180.0, 78.0
        pad_x, pad_y = max((e - w) * 0.15, 0.5), max((n - s) * 0.15, 0.5)
        w, e, s, n = w - pad_x, e + pad_x, max(s - pad_y, -85.0), min(n + pad_y, 85.0)
        for lo, hi, i in ((w, e, 0), (s, n, 1)):
            if hi - lo < MIN_SPAN:
                mid = (lo + hi) / 2
                if i == 0:
                    w, e = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
                else:
                    s, n = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
        k = max(math.cos(math.radians((s + n) / 2)), 0.2)
        scale = min(WIDTH / ((e - w) * k), HEIGHT / (n - s))
        # centre the box in the frame, then widen the box to what the frame shows
        x0 = (WIDTH - (e - w) * k * scale) / 2
        y0 = (HEIGHT - (n - s) * scale) / 2
        w, e = w - x0 / (k * scale), e + x0 / (k * scale)
        n, s = n + y0 / scale, s - y0 / scale
        return cls(w, s, e, n, scale, k)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) * self.k * self.scale, (self.north - lat) * self.scale)

    def overlaps(self, bbox: tuple[float, float, float, float]) -> bool:
        w, s, e, n = bbox
        return not (e < self.west or w > self.east or n < self.south or s > self.north)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def _path(view: View, rings: Iterable[Sequence[tuple[float, float]]]) -> str:
    out = []
    for ring in rings:
        last: tuple[float, float] | None = None
        cmds = []
        for lon, lat in ring:
            x, y = view.xy(lon, lat)
            # points closer than half a pixel add bytes, not shape
            if last is not None and abs(x - last[0]) < 0.5 and abs(y - last[1]) < 0.5:
                continue
            cmds.append(f"{x:.1f},{y:.1f}")
            last = (x, y)
        if len(cmds) >= 3:
            out.append("M" + "L".join(cmds) + "Z")
    return "".join(out)


def clip(view: View, points: Sequence[tuple[float, float]]
         ) -> list[list[tuple[float, float]]]:
    """The runs of ``points`` whose segments reach into the view: a line that leaves
    the view and comes back becomes two runs, and what lies wholly outside is dropped.
    Each run keeps the first point past the edge, so it is drawn up to the frame."""
    w, s, e, n = view.west, view.south, view.east, view.north
    runs: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for a, b in zip(points, points[1:], strict=False):
        if (max(a[0], b[0]) >= w and min(a[0], b[0]) <= e
                and max(a[1], b[1]) >= s and min(a[1], b[1]) <= n):
            if not run:
                run.append(a)
            run.append(b)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


#: admin-1 lines skip points closer than this (px) to the last one drawn: they are
#: thin and light, and at world scale they would otherwise outweigh the page
ADMIN1_STEP = 1.0


def _line_path(view: View, runs: Iterable[Sequence[tuple[float, float]]]) -> str:
    """Open polylines at whole pixels, each after its first point in relative steps."""
    out = []
    for run in runs:
        pts: list[tuple[int, int]] = []
        last: tuple[float, float] | None = None
        for i, (lon, lat) in enumerate(run):
            x, y = view.xy(lon, lat)
            end = i == len(run) - 1
            if last is not None and not end and math.hypot(x - last[0], y - last[1]) < ADMIN1_STEP:
                continue
            q = (round(x), round(y))
            if not pts or q != pts[-1]:
                pts.append(q)
            last = (x, y)
        if len(pts) >= 2:
            steps = " ".join(f"{x1 - x0},{y1 - y0}" for (x0, y0), (x1, y1)
                             in zip(pts, pts[1:], strict=False))
            out.append(f"M{pts[0][0]},{pts[0][1]}l{steps}")
    return "".join(out)


#: admin-1 lines whose box is smaller than this (px) on both sides are left out: at
#: small scales the countries with hundreds of municipalities (Slovenia, North
#: Macedonia) would otherwise turn into grey blots
ADMIN1_MIN_PX = 6.0


def admin1_path(view: View) -> str:
    """One SVG path of the admin-1 lines inside the view."""
    px = view.scale
    return _line_path(view, (
        run for line in admin1_lines() if view.overlaps(line.bbox)
        and max((line.bbox[2] - line.bbox[0]) * view.k * px,
                (line.bbox[3] - line.bbox[1]) * px) >= ADMIN1_MIN_PX
        for run in clip(view, line.points)))


def radius(killed: Any) -> float:
    """Circle radius in px: the area grows with the conservative killed figure."""
    if not isinstance(killed, int | float) or isinstance(killed, bool) or killed <= 0:
        return 4.0
    return min(4.0 + 2.2 * math.sqrt(float(killed)), 30.0)


def colour(row: Mapping[str, Any], by: str) -> str:
    if by == "contradictions":
        return CONTRA_COLOURS["yes" if row.get("contradictions") else "no"]
    return GRADE_COLOURS.get(str(row.get("grade")), UNKNOWN_GRADE)


def _figures(lo: Any, hi: Any) -> str:
    return display_range(lo, hi, missing="unknown")


def _num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return "—" if x is None else str(x)


#: share of the marks at each edge that the fitted view may leave out
TRIM = 0.02
#: fewest marks for which the view is trimmed at all
TRIM_FROM = 20


def fitted_view(rows: Sequence[Mapping[str, Any]], fit_all: bool = False) -> View:
    """The view the map shows: every mark, or (``fit_all`` False, and enough marks) all
    but the outermost 2% on each side."""
    points = [(float(r["longitude"]), float(r["latitude"])) for r in rows]
    trim = 0.0 if fit_all or len(points) < TRIM_FROM else TRIM
    return View.fit(points, trim=trim)


def outside(rows: Sequence[Mapping[str, Any]], view: View) -> int:
    """How many marks lie outside the view."""
    return sum(1 for r in rows if not view.contains(float(r["longitude"]), float(r["latitude"])))


def draw(rows: Sequence[Mapping[str, Any]], by: str = "grade", view: View | None = None
         ) -> Markup:
    """The map of incident rows (`export.incident_row`): rows without coordinates are
    left out by the caller.  Bigger circles are drawn first so small ones stay on top."""
    points = [(float(r["longitude"]), float(r["latitude"])) for r in rows]
    view = view or View.fit(points)
    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="map-title">Map of {len(rows)} incident'
             f'{"" if len(rows) == 1 else "s"}</title>',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#dbe9f4"/>']
    shown = [c for c in countries() if view.overlaps(c.bbox)]
    # land first, then the admin-1 lines over it, then the country borders over
    # those: the borders reuse the land's paths, so they are sent once
    parts.append('<g class="countries" fill="#f4f1ea" stroke="none" fill-rule="evenodd">')
    drawn = []
    for i, c in enumerate(shown):
        d = _path(view, c.rings)
        if d:
            parts.append(f'<path id="country-{i}" d="{d}"><title>{escape(c.name)}</title></path>')
            drawn.append(i)
    parts.append("</g>")
    admin1 = admin1_path(view)
    if admin1:
        parts.append('<g class="admin1" fill="none" stroke="#c9c2b4" stroke-width="0.5" '
                     'stroke-linejoin="round" aria-hidden="true">'
                     f'<path d="{admin1}"/></g>')
    parts.append('<g class="borders" fill="none" stroke="#8c8c8c" stroke-width="0.7" '
                 'aria-hidden="true">')
    parts.extend(f'<use href="#country-{i}"/>' for i in drawn)
    parts.append("</g>")
    parts.append('<g class="country-names" fill="#6b6b6b" font-size="12" '
                 'text-anchor="middle" aria-hidden="true">')
    for c in shown:
        w, s, e, n = c.bbox
        width_px = (e - w) * view.k * view.scale
        if width_px > 60 and view.contains(*c.anchor):
            x, y = view.xy(*c.anchor)
            parts.append(f'<text x="{x:.0f}" y="{y:.0f}">{escape(c.name)}</text>')
    parts.append("</g>")
    parts.append('<g class="marks" stroke-width="1.2">')
    order = sorted(range(len(rows)), key=lambda i: -radius(rows[i].get("killed_conservative")))
    for i in order:
        r = rows[i]
        x, y = view.xy(*points[i])
        rad = radius(r.get("killed_conservative"))
        fill = colour(r, by)
        known = r.get("killed_conservative") is not None
        place = ", ".join(str(p) for p in (r.get("place"), r.get("admin1"), r.get("country"))
                          if p) or "place unknown"
        killed = (f"killed {_figures(r.get('killed_min'), r.get('killed_max'))}"
                  f" (conservative {_num(r.get('killed_conservative'))})")
        injured = f"injured {_figures(r.get('injured_min'), r.get('injured_max'))}"
        grade = str(r.get("grade") or "no grade").replace("_", " ")
        contra = ", ".join(r.get("contradicted_fields") or []) or "none"
        href = f"/incidents/{quote(str(r['id']), safe='')}"
        label = f"{r.get('date') or 'undated'} · {place} · {killed}"
        data = {"id": r["id"], "label": r.get("label") or r["id"],
                "date": r.get("date") or "undated", "place": place, "killed": killed,
                "injured": injured, "grade": grade, "contradictions": contra,
                "reports": f"{r.get('n_reports')} report(s), {r.get('n_origins')} "
                           f"independent origin(s)"}
        attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in data.items())
        parts.append(
            f'<a class="map-mark" href="{escape(href)}"{attrs}>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{rad:.1f}" '
            f'fill="{fill if known else "#ffffff"}" fill-opacity="{0.75 if known else 0.9}" '
            f'stroke="{fill if not known else "#ffffff"}"/>'
            f"<title>{escape(label)}</title></a>")
    parts.append("</g>")
    parts.append(_scale_legend())
    parts.append("</svg>")
    return Markup("".join(parts))


def _scale_legend() -> str:
    """Circle sizes for 1, 10 and 100 killed, bottom left."""
    out = ['<g class="size-legend" font-size="11" fill="#333" aria-hidden="true">',
           f'<rect x="6" y="{HEIGHT - 86}" width="150" height="80" fill="#ffffff" '
           'fill-opacity="0.85" stroke="#bbbbbb"/>',
           f'<text x="14" y="{HEIGHT - 70}">killed (conservative)</text>']
    x = 24.0
    for n in (1, 10, 100):
        rad = radius(n)
        out.append(f'<circle cx="{x + rad:.1f}" cy="{HEIGHT - 36}" r="{rad:.1f}" fill="none" '
                   'stroke="#555555"/>')
        out.append(f'<text x="{x + rad:.1f}" y="{HEIGHT - 10}" text-anchor="middle">{n}</text>')
        x += 2 * rad + 14
    out.append("</g>")
    return "".join(out)


def legend(by: str) -> list[tuple[str, str]]:
    """(colour, label) pairs of the colouring in use, for the page's legend."""
    if by == "contradictions":
        return [(CONTRA_COLOURS["yes"], "reports contradict each other"),
                (CONTRA_COLOURS["no"], "no contradiction")]
    return [(c, g.replace("_", " ")) for g, c in GRADE_COLOURS.items()]
