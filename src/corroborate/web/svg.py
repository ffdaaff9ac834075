"""Server-side SVG charts: no JavaScript, no CDN, readable by screen readers.

Every label comes from untrusted data (outlet names), so every piece of text
goes through `escape`; numbers are formatted by us.  Colours are SVG
presentation attributes, which a strict Content-Security-Policy allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from ..lang.en.labels import outlet_name
from ..present import display_range as _display

ORIGIN_COLOURS = ("#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e",
                  "#a6761d", "#666666")
CONSENSUS = "#b3001b"


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


#: widest advance of an average character, as a share of the font size, for the
#: sans-serif fonts browsers pick (DejaVu Sans, the widest common one, averages 0.6em
#: over mixed-case text); an estimate on the wide side keeps labels from colliding
CHAR_EM = 0.62


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width ``text`` takes at ``size`` px (no font metrics on the
    server: the estimate only has to be wide enough that nothing overlaps)."""
    return len(text) * size * CHAR_EM


def fit_text(text: str, size: float, width: float) -> str:
    """``text`` shortened with "…" to fit ``width`` px (the full text goes in a title)."""
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * CHAR_EM)) - 1)
    return text[:keep].rstrip() + "…"


def fit_name(name: str, suffix: str, size: float, width: float) -> str:
    """``name`` + ``suffix`` within ``width`` px, shortening only the name: the suffix (a
    date, a figure) is what tells two reports of one outlet apart."""
    room = max(width - text_width(suffix, size), size * CHAR_EM * 4)
    return fit_text(name, size, room) + suffix


def _bar(lo: float | None, hi: float | None, top: float) -> tuple[float, float] | None:
    """The stretch a figure covers on a chart, or None when it is one point.

    "up to N" counts as the figure N (docs/comparison.md), so it is a point at N, not a
    bar from 0; "at least N" is open upwards and runs to the edge; a range is its span."""
    if lo is None:
        return None
    b = top if hi is None else min(hi, top)
    return (lo, b) if b != lo else None




def _ticks(top: float, n: int = 5) -> list[float]:
    if top <= 0:
        return [0.0]
    raw = top / n
    mag = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(top // step) + 1)]


def range_chart(incident: Mapping[str, Any]) -> Markup | None:
    """Each report's killed figure (point) or range (bar) against the consensus line."""
    cons = (incident.get("consensus") or {}).get("killed") or {}
    origins = {o["id"]: i for i, o in enumerate(incident.get("origins") or [])}
    rows = []
    for t, r in zip(incident.get("timeline") or [], incident.get("reports") or [], strict=False):
        lo, hi = t.get("killed_min"), t.get("killed_max")
        if lo is None and hi is None:
            continue
        rows.append((outlet_name(r.get("outlet")), f" ({r.get('published') or 'undated'})",
                     lo, hi, origins.get(r.get("origin_id"), 0)))
    if not rows:
        return None
    values = [v for _, _, lo, hi, _ in rows for v in (lo, hi) if v is not None]
    conservative = cons.get("conservative")
    top = max([*values, conservative or 0]) * 1.2 or 1
    plot_w, row_h, pad = 420, 26, 30
    # the label column is as wide as the longest label needs, within bounds; a longer
    # label is shortened with "…" and read in full in its tooltip and the description
    label_w = round(min(max(max(text_width(r[0] + r[1], 12) for r in rows) + 16, 120), 340))
    height = pad + row_h * len(rows) + 34
    x = lambda v: label_w + plot_w * v / top  # noqa: E731 - a scale, read like maths
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + plot_w + 20} {height}" '
             f'width="100%" aria-labelledby="range-title range-desc">',
             '<title id="range-title">Killed: each report against the consensus</title>',
             f'<desc id="range-desc">{escape(_range_desc(rows, conservative))}</desc>']
    for tick in _ticks(top):
        parts.append(f'<line x1="{_fmt(x(tick))}" x2="{_fmt(x(tick))}" y1="{pad - 6}" '
                     f'y2="{height - 28}" stroke="#ddd"/>'
                     f'<text x="{_fmt(x(tick))}" y="{height - 12}" font-size="11" '
                     f'text-anchor="middle" fill="#444">{_fmt(tick)}</text>')
    for i, (name, suffix, lo, hi, origin) in enumerate(rows):
        label = name + suffix
        y = pad + row_h * i + row_h / 2
        colour = ORIGIN_COLOURS[origin % len(ORIGIN_COLOURS)]
        tip = escape(f"{label}: {_display(lo, hi)}")
        parts.append(f'<text class="row-label" x="{label_w - 8}" y="{_fmt(y + 4)}" '
                     f'font-size="12" text-anchor="end" fill="#222"><title>{tip}</title>'
                     f'{escape(fit_name(name, suffix, 12, label_w - 12))}</text>')
        parts.append(f'<g><title>{tip}</title>')
        bar = _bar(lo, hi, top)
        if bar is not None:
            a, b = bar
            parts.append(f'<line x1="{_fmt(x(a))}" x2="{_fmt(x(b))}" y1="{_fmt(y)}" '
                         f'y2="{_fmt(y)}" stroke="{colour}" stroke-width="5" '
                         'stroke-opacity="0.55"/>')
        stated = hi if lo is None else lo
        parts.append(f'<circle cx="{_fmt(x(stated))}" cy="{_fmt(y)}" r="6" fill="{colour}"/>'
                     f'<text x="{_fmt(x(stated))}" y="{_fmt(y - 9)}" font-size="11" '
                     f'text-anchor="middle" fill="#222">{escape(_display(lo, hi))}</text></g>')
    if conservative is not None:
        cx = _fmt(x(conservative))
        parts.append(f'<line x1="{cx}" x2="{cx}" y1="{pad - 14}" y2="{height - 28}" '
                     f'stroke="{CONSENSUS}" stroke-width="2" stroke-dasharray="6 3"/>'
                     f'<text x="{cx}" y="{pad - 18}" font-size="11" text-anchor="middle" '
                     f'fill="{CONSENSUS}">conservative {escape(str(conservative))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _range_desc(rows: Sequence[tuple[str, str, int | None, int | None, int]],
                conservative: Any) -> str:
    items = "; ".join(f"{name}{suffix}: {_display(lo, hi)}" for name, suffix, lo, hi, _ in rows)
    return f"{items}. Conservative consensus: {conservative if conservative is not None else 'none'}."


def timeline_chart(incident: Mapping[str, Any]) -> Markup | None:
    """Killed figures by publication date: a point per report, a bar for a range."""
    pts = []
    for t in incident.get("timeline") or []:
        lo, hi = t.get("killed_min"), t.get("killed_max")
        if not t.get("published") or (lo is None and hi is None):
            continue
        try:
            day = date.fromisoformat(t["published"])
        except ValueError:
            continue
        pts.append((day, lo, hi, outlet_name(t.get("outlet"))))
    if not pts:
        return None
    first = min(p[0] for p in pts)
    span = max((max(p[0] for p in pts) - first).days, 1)
    top = max(v for p in pts for v in (p[1], p[2]) if v is not None) * 1.25 or 1
    # points of one day sit on one x, so names go to a legend below, not beside the dots;
    # entries flow left to right and wrap by their own (estimated) width, so a long
    # outlet name takes a line of its own instead of running into its neighbour
    left, width, plot_h, bottom = 50, 560, 200, 30
    legend: list[tuple[float, float, str, str]] = []  # x, y, shown text, full text
    lx, row = float(left), 0
    for d, lo, hi, outlet in pts:
        suffix = f" ({d.strftime('%d %b')}): {_display(lo, hi)}"
        full = outlet + suffix
        shown = fit_name(outlet, suffix, 11, width - 20)
        w = 9 + text_width(shown, 11) + 24
        if lx > left and lx + w > left + width:
            lx, row = float(left), row + 1
        legend.append((lx, plot_h + 8 + 18 * row, shown, full))
        lx += w
    legend_h = 18 * (row + 1)
    height = plot_h + legend_h + 6
    x = lambda d: left + 30 + (width - 110) * (d - first).days / span  # noqa: E731
    y = lambda v: 12 + (plot_h - bottom - 12) * (1 - v / top)  # noqa: E731
    desc = "; ".join(f"{d.isoformat()} {o}: {_display(lo, hi)}" for d, lo, hi, o in pts)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {left + width + 10} {height}" '
             'width="100%" aria-labelledby="tl-title tl-desc">',
             '<title id="tl-title">Killed figures by publication date</title>',
             f'<desc id="tl-desc">{escape(desc)}</desc>']
    for tick in _ticks(top, 4):
        parts.append(f'<line x1="{left}" x2="{left + width}" y1="{_fmt(y(tick))}" '
                     f'y2="{_fmt(y(tick))}" stroke="#e3e3e3"/><text x="{left - 6}" '
                     f'y="{_fmt(y(tick) + 4)}" font-size="11" text-anchor="end" '
                     f'fill="#444">{_fmt(tick)}</text>')
    last_x = -1e9
    for d in sorted({p[0] for p in pts}):
        if x(d) - last_x < 75:  # a label per date, unless it would overlap the previous one
            continue
        last_x = x(d)
        parts.append(f'<text x="{_fmt(x(d))}" y="{plot_h - 10}" font-size="11" '
                     f'text-anchor="middle" fill="#444">{d.strftime("%d %b %Y")}</text>')
    line = " ".join(f"{_fmt(x(d))},{_fmt(y(hi if lo is None else lo))}"
                    for d, lo, hi, _ in sorted(pts, key=lambda p: p[0]))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#999" '
                 'stroke-dasharray="3 3"/>')
    for i, (d, lo, hi, outlet) in enumerate(pts):
        colour = ORIGIN_COLOURS[i % len(ORIGIN_COLOURS)]
        stated = hi if lo is None else lo
        tip = escape(f"{outlet}, {d.isoformat()}: {_display(lo, hi)}")
        parts.append(f"<g><title>{tip}</title>")
        bar = _bar(lo, hi, top)
        if bar is not None:
            a, b = bar
            parts.append(f'<line x1="{_fmt(x(d))}" x2="{_fmt(x(d))}" y1="{_fmt(y(a))}" '
                         f'y2="{_fmt(y(b))}" stroke="{colour}" stroke-width="4" '
                         'stroke-opacity="0.5"/>')
        lx, ly, shown, full = legend[i]
        parts.append(f'<circle cx="{_fmt(x(d))}" cy="{_fmt(y(stated))}" r="5" '
                     f'fill="{colour}"/></g><g class="legend-entry"><title>{escape(full)}'
                     f'</title><circle cx="{_fmt(lx)}" cy="{_fmt(ly)}" r="5" fill="{colour}"/>'
                     f'<text x="{_fmt(lx + 9)}" y="{_fmt(ly + 4)}" font-size="11" '
                     f'fill="#222">{escape(shown)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def outlets_chart(stats: Sequence[Mapping[str, Any]], limit: int = 40) -> Markup | None:
    """Stacked bars per outlet: figures below / agreeing with / above the consensus,
    and a separate count of contradictions."""
    rows = [s for s in stats if s["with_figure"] or s["contradicts"]][:limit]
    if not rows:
        return None
    top = max(max(s["with_figure"], s["contradicts"]) for s in rows) or 1
    label_w, bar_w, gap_w, row_h, pad = 190, 300, 170, 24, 34
    height = pad + row_h * len(rows) + 10
    keys = (("below", "#2b83ba"), ("agrees", "#9e9e9e"), ("above", "#d7191c"))
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + gap_w + 20} '
             f'{height}" width="100%" aria-labelledby="out-title out-desc">',
             '<title id="out-title">Outlets: figures against the consensus</title>',
             '<desc id="out-desc">' + escape("; ".join(
                 f"{s['outlet']}: {s['below']} below, {s['agrees']} agree, {s['above']} above, "
                 f"{s['contradicts']} contradictions" for s in rows)) + "</desc>"]
    lx = label_w
    for name, colour in keys:
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{lx + 16}" y="16" font-size="11" fill="#222">{name}</text>')
        lx += 80
    parts.append(f'<text x="{label_w + bar_w + 20}" y="16" font-size="11" fill="#222">'
                 "contradicts (■)</text>")
    for i, s in enumerate(rows):
        y = pad + row_h * i
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" font-size="12" text-anchor="end" '
                     f'fill="#222">{escape(s["outlet"])}</text>')
        x = float(label_w)
        for name, colour in keys:
            w = bar_w * s[name] / top
            if w:
                parts.append(f'<rect x="{_fmt(x)}" y="{y + 3}" width="{_fmt(w)}" height="14" '
                             f'fill="{colour}"><title>{escape(s["outlet"])}: {s[name]} '
                             f"{name}</title></rect>")
            x += w
        cw = gap_w * 0.8 * s["contradicts"] / top
        cx = label_w + bar_w + 20
        parts.append(f'<rect x="{cx}" y="{y + 3}" width="{_fmt(cw)}" height="14" '
                     f'fill="#6a3d9a"><title>{escape(s["outlet"])}: {s["contradicts"]} '
                     f'contradictions</title></rect><text x="{_fmt(cx + cw + 4)}" y="{y + 14}" '
                     f'font-size="11" fill="#222">{s["contradicts"]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
