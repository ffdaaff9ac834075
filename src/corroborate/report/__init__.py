"""The HTML report: one self-contained file for a set of compared incidents.

Everything is inline: the CSS, the chart specs, and the vendored Vega,
Vega-Lite and vega-embed builds (``report/static/``, with their licences), so
the file opens offline and can be mailed or archived as is.  Charts are built
with altair and rendered in the browser by vega-embed.

Article text, titles and outlet names are untrusted: the template autoescapes
everything, evidence highlights are built from escaped segments, and the JSON
chart specs are escaped so that no ``</script>`` can close their script tag.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..lang.en.labels import LABELS, outlet_name
from ..models import Article
from ..present import add_template_filters, verdicts_for_incident
from ..present import display_range as _display

HERE = Path(__file__).parent
STATIC = HERE / "static"
#: vendored builds, inlined in this order (vega-embed needs the other two)
VEGA_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
#: characters of context around each evidence span in the excerpts
CONTEXT = 160
#: incidents a report lays out on opening; a bigger report opens each on demand
INLINE_MAX = 50

CLAIM_TITLES = LABELS["claim"]


@lru_cache(maxsize=1)
def vega_scripts() -> str:
    """The vendored Vega libraries, concatenated, for an inline ``<script>``."""
    parts = []
    for name in VEGA_FILES:
        code = (STATIC / name).read_text(encoding="utf-8")
        # never true for the shipped builds (a test checks), but an inline script must not
        # contain its own end tag
        parts.append(code.replace("</script", "<\\/script"))
    return "\n;\n".join(parts)


def script_json(data: Any) -> Markup:
    """JSON safe to embed inside a ``<script>`` element (no ``<``, ``>`` or ``&`` literally)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


# --- charts ---------------------------------------------------------------------


def _source_label(r: Mapping[str, Any]) -> str:
    return f"{outlet_name(r.get('outlet'))} ({r.get('published') or 'undated'})"


def range_chart(incident: Mapping[str, Any]) -> dict[str, Any] | None:
    """Each report's killed figure or range against the conservative figure (Vega-Lite dict)."""
    cons = incident["consensus"]["killed"]
    rows = []
    top = cons.get("max") or 0
    for t, r in zip(incident["timeline"], incident["reports"], strict=False):
        lo, hi = t["killed_min"], t["killed_max"]
        if lo is None and hi is None:
            continue
        stated = hi if lo is None else lo
        # "up to N" counts as the figure N (docs/comparison.md): a point at N, no bar from 0
        rows.append({"source": _source_label(r), "stated": stated,
                     "low": stated if lo is None else lo,
                     # an open upper bound ("at least N") is drawn to the top of the scale
                     "high": max(top, stated) * 1.15 if hi is None and lo is not None
                     else stated if hi is None else hi,
                     "figure": _display(lo, hi), "origin": r.get("origin_id")})
    if not rows:
        return None
    line = ([] if cons.get("conservative") is None else
            [{"conservative": cons["conservative"], "label": f"conservative: {cons['conservative']}"}])
    spec = copy.deepcopy(_templates()["range"])
    spec["datasets"] = {"reports": rows, "conservative": line}
    spec["height"] = max(60, 28 * len(rows))
    return spec


def timeline_chart(incident: Mapping[str, Any]) -> dict[str, Any] | None:
    """Killed figures by publication date (a point per report, a rule for ranges)."""
    rows = []
    for t in incident["timeline"]:
        lo, hi = t["killed_min"], t["killed_max"]
        if t["published"] is None or (lo is None and hi is None):
            continue
        stated = hi if lo is None else lo
        rows.append({"published": t["published"], "stated": stated,
                     "low": stated if lo is None else lo, "high": stated if hi is None else hi,
                     "source": outlet_name(t["outlet"]), "figure": _display(lo, hi)})
    if not rows:
        return None
    spec = copy.deepcopy(_templates()["timeline"])
    spec["datasets"] = {"timeline": rows}
    return spec


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, Any]]:
    """The chart specs, built once with altair over *named* datasets.

    Building altair objects costs tens of milliseconds a chart; a report of a
    thousand incidents would spend minutes on it.  The charts have fixed shapes,
    so each incident gets a copy of the template with its rows as inline
    ``datasets`` (a Vega-Lite top-level property).
    """
    import altair as alt

    reports, cons_data = alt.Data(name="reports"), alt.Data(name="conservative")
    # Vega-Lite cuts axis labels at 180 px; outlet names with a date need more
    y = alt.Y("source:N", title=None, sort=None, axis=alt.Axis(labelLimit=340))
    tip = [alt.Tooltip("source:N"), alt.Tooltip("figure:N")]
    bars = alt.Chart(reports).mark_rule(strokeWidth=4, opacity=0.6).encode(
        y=y, x=alt.X("low:Q", title="killed"), x2="high:Q",
        color=alt.Color("origin:N", title="origin"), tooltip=tip)
    dots = alt.Chart(reports).mark_point(filled=True, size=80).encode(
        y=y, x="stated:Q", color="origin:N", tooltip=tip)
    line = alt.Chart(cons_data).mark_rule(color="#b3001b", strokeDash=[6, 3], strokeWidth=2).encode(
        x="conservative:Q", tooltip=[alt.Tooltip("label:N")])
    rng = alt.layer(bars, dots, line).properties(
        width="container", title="Killed: each report against the conservative figure")

    data = alt.Data(name="timeline")
    x = alt.X("published:T", title="published",
              axis=alt.Axis(format="%d %b %Y", tickCount="day", labelOverlap=True))
    ttip = [alt.Tooltip("source:N"), alt.Tooltip("published:T", format="%Y-%m-%d"),
            alt.Tooltip("figure:N")]
    path = alt.Chart(data).mark_line(color="#888", strokeDash=[2, 2]).encode(
        x=x, y=alt.Y("stated:Q", title="killed"))
    rules = alt.Chart(data).mark_rule(strokeWidth=3).encode(x=x, y="low:Q", y2="high:Q")
    points = alt.Chart(data).mark_point(filled=True, size=80).encode(
        x=x, y="stated:Q", tooltip=ttip,
        color=alt.Color("source:N", title="source", legend=alt.Legend(labelLimit=340)))
    tl = alt.layer(path, rules, points).properties(width="container", height=180,
                                                   title="Killed figures by publication date")
    return {"range": _spec(rng), "timeline": _spec(tl)}


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    spec.pop("$schema", None)  # a URL; vega-embed does not need it and the file stays offline
    return spec




# --- excerpts -------------------------------------------------------------------


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]], context: int = CONTEXT) -> Markup:
    """Escaped excerpts of ``text`` around the spans, each span in a ``<mark>``.

    ``spans`` are (start, end, kind, title).  Overlapping spans keep the first;
    windows closer than twice the context are merged; gaps become "…".
    """
    chosen: list[tuple[int, int, str, str]] = []
    for s in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = s[0], s[1]
        if not (0 <= start < end <= len(text)):
            continue
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append(s)
    if not chosen:
        return Markup("")
    windows: list[list[int]] = []
    for start, end, _, _ in chosen:
        lo, hi = max(0, start - context), min(len(text), end + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out: list[str] = []
    prev_hi = 0
    for lo, hi in windows:
        # snap back to a word boundary (at most 20 characters) so excerpts start on a word
        floor = max(prev_hi, lo - 20)
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        prev_hi = hi
        pos = lo
        piece = ["…" if lo > 0 else ""]
        for start, end, kind, title in chosen:
            if start < lo or end > hi:
                continue
            piece.append(str(escape(text[pos:start])))
            piece.append(f'<mark class="ev ev-{escape(kind)}" title="{escape(title)}">'
                         f"{escape(text[start:end])}</mark>")
            pos = end
        piece.append(str(escape(text[pos:hi])))
        piece.append("…" if hi < len(text) else "")
        out.append("".join(piece))
    return Markup('<span class="gap"> </span>').join(Markup(p) for p in out)


def report_spans(incident: Mapping[str, Any], article_id: str,
                 incident_index: int) -> list[tuple[int, int, str, str]]:
    """The evidence spans of one report's cells in the matrix, as highlight tuples."""
    spans: list[tuple[int, int, str, str]] = []
    for row in incident["matrix"]["rows"]:
        if row["article_id"] != article_id or row.get("incident_index", 0) != incident_index:
            continue
        for claim, cell in row["cells"].items():
            for ev in cell.get("evidence") or []:
                title = f"{CLAIM_TITLES.get(claim, claim)}: {cell['display']}"
                if cell.get("attribution"):
                    title += f" (according to {cell['attribution']})"
                spans.append((ev["start"], ev["end"], claim.split("_")[0], title))
    for rep in incident["reports"]:
        if rep["article_id"] == article_id and rep["incident_index"] == incident_index:
            for a in rep.get("attributions") or []:
                spans.append((a["start"], a["end"], "attribution",
                              f"{a.get('kind', 'statement')}: {a.get('speaker')} {a.get('verb')}"))
    return spans


# --- the page --------------------------------------------------------------------


def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    add_template_filters(env)
    return env


def incident_view(incident: Mapping[str, Any], articles: Mapping[str, Article],
                  verdicts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
    """What the template needs for one incident: the dict plus charts and excerpts."""
    excerpts = []
    mine = verdicts_for_incident(verdicts or {}, incident["id"])
    for rep in incident["reports"]:
        art = articles.get(rep["article_id"])
        text = art.full_text if art is not None else ""
        excerpts.append({
            "report": rep,
            "url": art.url if art is not None else None,
            "html": highlight(text, report_spans(incident, rep["article_id"], rep["incident_index"]))
            if text else Markup(""),
            "verdicts": mine.get(rep["article_id"], []),
        })
    k = incident["consensus"]["killed"]
    return {
        "inc": incident,
        "charts": {"range": range_chart(incident), "timeline": timeline_chart(incident)},
        "excerpts": excerpts,
        "killed_range": _display(k["min"], k["max"]) if k["min"] is not None or k["max"] is not None
        else "—",
    }


def render_report(incidents: Sequence[Mapping[str, Any]], articles: Mapping[str, Article], *,
                  title: str = "Corroborate report",
                  verdicts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                  generated: str | None = None, inline_max: int | None = None) -> str:
    """The report as one self-contained HTML string.

    ``articles`` maps article ids to `Article`s, for the excerpts; ``verdicts``
    optionally maps article ids to stored credibility verdicts.  A report of more
    than ``inline_max`` incidents (`INLINE_MAX` by default) keeps each incident's
    section in an inert ``<template>`` that a small script opens when the reader
    picks it in the list: the FA-KES report opened in 4.7 s with every section laid
    out, under 1 s this way (`benchmarks/bench_report.py`).
    """
    # incidents several reports corroborate (or dispute) first: they are what a reader came for
    ordered = sorted(incidents, key=lambda i: len(i["reports"]) < 2)
    views = [incident_view(inc, articles, verdicts) for inc in ordered]
    specs = {}
    for v in views:
        for kind, spec in v["charts"].items():
            if spec is not None:
                specs[f"chart-{kind}-{v['inc']['id']}"] = spec
    grades: dict[str, int] = {}
    for inc in incidents:
        grades[inc["grade"]["label"]] = grades.get(inc["grade"]["label"], 0) + 1
    html: str = _environment().get_template("report.html.j2").render(
        title=title,
        generated=generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        views=views,
        n_reports=sum(len(i["reports"]) for i in incidents),
        n_contradicted=sum(1 for i in incidents if i["contradictions"]),
        grades=sorted(grades.items()),
        on_demand=len(views) > (INLINE_MAX if inline_max is None else inline_max),
        specs=script_json(specs),
        vega=Markup(vega_scripts()),
    )
    return html


def write_report(path: str | Path, incidents: Sequence[Mapping[str, Any]],
                 articles: Mapping[str, Article], **kwargs: Any) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_report(incidents, articles, **kwargs), encoding="utf-8")
    return p
