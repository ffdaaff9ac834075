"""The HTML report: structure, self-containment, escaping of untrusted text."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from compare_fixtures import bundle, casualty, report, seeds_like
from corroborate.compare import compare_incidents
from corroborate.report import (
    STATIC,
    VEGA_FILES,
    _templates,
    highlight,
    render_report,
    script_json,
)


class Collector(HTMLParser):
    """Tags with their attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    return c


def seeds_report() -> tuple[str, list[dict]]:
    clusters, items, exts, arts = bundle(*seeds_like())
    incs = compare_incidents(clusters, items, exts, arts)
    return render_report(incs, arts, generated="test"), incs


def test_report_structure_sections_matrix_and_charts():
    html, incs = seeds_report()
    doc = parse(html)
    inc_id = incs[0]["id"]
    ids = {a.get("id") for _, a in doc.tags}
    assert inc_id in ids
    assert {f"chart-range-{inc_id}", f"chart-timeline-{inc_id}"} <= ids
    # incident list links to the section
    assert any(t == "a" and a.get("href") == f"#{inc_id}" for t, a in doc.tags)
    # one matrix row per report, disagreeing cells highlighted
    rows = [a for t, a in doc.tags if t == "tr" and "data-article" in a]
    assert [r["data-article"] for r in rows] == ["wire-17", "tv-27"]
    flagged = [a["data-claim"] for t, a in doc.tags if t == "td" and "disagrees" in (a.get("class") or "")]
    assert flagged == ["killed", "framing", "framing"]
    # contradictions rendered with each side's evidence
    assert [a["data-field"] for t, a in doc.tags if t == "div" and "data-field" in a] == ["killed", "framing"]
    assert "“62 soldiers dead”" in html and "“As many as 80 troops died”" in html
    # evidence highlighted in the excerpts
    assert '<mark class="ev ev-killed" title="Killed: up to 80">As many as 80 troops died</mark>' in html


def test_report_chart_specs_are_vega_lite_with_data():
    html, incs = seeds_report()
    doc = parse(html)
    specs = json.loads(next(s for s in doc.scripts if s.lstrip().startswith("{")))
    inc_id = incs[0]["id"]
    rng = specs[f"chart-range-{inc_id}"]
    assert "$schema" not in rng
    # every layer reads a named dataset that the spec carries inline
    assert {layer["data"]["name"] for layer in rng["layer"]} == set(rng["datasets"])
    assert {v["stated"] for v in rng["datasets"]["reports"]} == {62, 80}
    assert rng["datasets"]["conservative"] == [{"conservative": 62, "label": "conservative: 62"}]
    tl = specs[f"chart-timeline-{inc_id}"]
    assert [v["published"] for v in tl["datasets"]["timeline"]] == ["2016-09-17", "2016-09-27"]
    # specs are copies: one incident's data never leaks into another's chart
    assert "datasets" not in _templates()["range"]


def test_report_self_contained_no_external_loads():
    html, _ = seeds_report()
    doc = parse(html)
    for tag, attrs in doc.tags:
        assert "src" not in attrs, (tag, attrs)
        if tag == "link":
            raise AssertionError(f"external stylesheet/link: {attrs}")
        href = attrs.get("href") or ""
        assert not href or href.startswith("#"), href
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    # the vendored libraries are inlined and define the globals the page calls
    scripts = "".join(doc.scripts)
    assert "vegaEmbed" in scripts and len(scripts) > 700_000


def test_report_vendored_builds_and_licences_present():
    for name in VEGA_FILES:
        code = (STATIC / name).read_text(encoding="utf-8")
        assert "</script" not in code.lower()
    for lib in ("vega", "vega-lite", "vega-embed"):
        assert "BSD" in (STATIC / f"LICENSE-{lib}.txt").read_text() or \
            "Copyright" in (STATIC / f"LICENSE-{lib}.txt").read_text()


EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_report_escapes_untrusted_text_title_outlet():
    text = f"Shelling killed 5 people in Homs. {EVIL} Residents fled."
    rep = report("evil", text, outlet=f"Outlet {EVIL}", published="2017-01-01", place="Homs",
                 admin1="Homs", killed=5, title=f"Title {EVIL}",
                 casualties=[casualty(text, "killed 5 people", mn=5, mx=5)],
                 framing=[("deliberate", "<script>alert(1)</script>", EVIL)])
    other = report("ok", "Five people died in Homs after shelling.", outlet="</script><b>x",
                   published="2017-01-02", place="Homs", admin1="Homs", killed=7)
    clusters, items, exts, arts = bundle(rep, other)
    incs = compare_incidents(clusters, items, exts, arts)
    html = render_report(incs, arts, title=f"My {EVIL}", generated="test")
    doc = parse(html)
    # no element or attribute the untrusted text could have introduced
    assert not any(t == "img" for t, _ in doc.tags)
    assert not any(k.startswith("on") for _, a in doc.tags for k in a)
    # exactly our three script elements: the JSON specs, the libraries, the embed loop
    assert sum(1 for t, _ in doc.tags if t == "script") == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the JSON block cannot be closed early by an outlet named "</script>"
    specs_block = doc.scripts[0]
    assert "</" not in specs_block and "<" not in specs_block
    assert json.loads(specs_block)


def test_report_script_json_escapes_markup():
    s = str(script_json({"a": "</script><!-- & \u2028"}))
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><!-- & \u2028"}


def test_report_highlight_windows_and_escaping():
    text = "A" * 400 + " <b>62</b> killed " + "B" * 400 + " at dawn"
    start = text.index("<b>62</b> killed")
    html = str(highlight(text, [(start, start + 16, "killed", 'x"y'),
                                (start + 3, start + 5, "date", "overlap dropped"),
                                (len(text) - 4, len(text), "date", "dawn")], context=20))
    assert '<mark class="ev ev-killed" title="x&#34;y">&lt;b&gt;62&lt;/b&gt; killed</mark>' in html
    assert "overlap dropped" not in html
    assert html.count("<mark") == 2
    assert "…" in html and '<span class="gap">' in html
    assert highlight(text, [(5, 2, "bad", "reversed"), (0, 10_000, "bad", "outside")]) == ""


def test_report_handles_incident_without_figures_or_articles():
    rep = report("nofig", "Clashes were reported in Daraa.", outlet="X", published=None,
                 place="Daraa", admin1="Daraa")
    clusters, items, exts, _ = bundle(rep)
    incs = compare_incidents(clusters, items, exts, {})
    html = render_report(incs, {}, generated="test")
    assert "Article text not available." in html
    assert not re.search(r'id="chart-(range|timeline)-', html)


@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), max_size=120),
       st.lists(st.tuples(st.integers(-5, 130), st.integers(-5, 130)), max_size=6))
def test_report_highlight_is_escaped_text_of_the_document(text, pairs):
    spans = [(a, b, "killed", "t") for a, b in pairs]
    html = str(highlight(text, spans, context=10))
    # no markup but ours survives, and the visible text is the document's own text
    stripped = re.sub(r'<mark class="ev ev-killed" title="t">|</mark>|<span class="gap"> </span>',
                      "", html)
    assert "<" not in stripped and ">" not in stripped
    visible = unescape(stripped).replace("…", "\x00")
    for piece in visible.split("\x00"):
        assert piece in text
    marked = re.findall(r'<mark class="ev ev-killed" title="t">(.*?)</mark>', html, flags=re.S)
    valid = {text[a:b] for a, b in pairs if 0 <= a < b <= len(text)}
    assert all(unescape(m) in valid for m in marked)


def test_report_claim_verdicts_beside_each_claim_and_model_below():
    from corroborate.credibility.claims import claim_verdicts

    clusters, items, exts, arts = bundle(*seeds_like())
    incs = compare_incidents(clusters, items, exts, arts)
    verdicts: dict[str, list[dict]] = {}
    for v in claim_verdicts(incs):
        verdicts.setdefault(v["article_id"], []).append(v)
    verdicts["tv-27"].insert(0, {"article_id": "tv-27", "kind": "classifier", "label": "fake",
                                 "score": 0.3, "reasons": ["a reason"],
                                 "details": {"within_outlet": {"outlet": "TV", "accuracy": 0.5,
                                                               "majority_rate": 0.6,
                                                               "better_than_chance": False}}})
    html = render_report(incs, arts, verdicts=verdicts, generated="test")
    doc = parse(html)
    judged = [a["data-claim"] for t, a in doc.tags if t == "tr" and "data-claim" in a]
    assert "killed" in judged and "date" in judged
    killed_row = html.split('<tr data-claim="killed">', 1)[1].split("</tr>", 1)[0]
    assert "contradicted" in killed_row and "1 of 1 other independent origin(s) disagree" in killed_row
    section = html.split('<details class="report"', 3)[2]
    # the model comes after the claims, not as a headline, and says when it is no better than chance
    assert section.index("Model (below the evidence") > section.index('class="claims"')
    assert "no better than chance" in section


def test_report_big_report_keeps_incidents_in_templates():
    from corroborate.report import INLINE_MAX

    clusters, items, exts, arts = bundle(*seeds_like())
    inc = compare_incidents(clusters, items, exts, arts)[0]
    many = [{**inc, "id": f"inc-{k:010d}"} for k in range(INLINE_MAX + 1)]
    html = render_report(many, arts, generated="test")
    # every section is inside its own inert template, and the list links to each
    assert html.count('<template id="tpl-inc-') == len(many)
    assert html.count('<section class="incident"') == len(many)
    body = re.sub(r"<template id=\"tpl-[^\"]+\">.*?</template>", "", html, flags=re.S)
    assert '<section class="incident"' not in body
    assert 'id="incident-view"' in html and all(f'href="#{i["id"]}"' in html for i in many)
    # a report within the limit is laid out whole, readable without script
    small = render_report(many[:INLINE_MAX], arts, generated="test")
    assert "<template id=" not in small and small.count('<section class="incident"') == INLINE_MAX
