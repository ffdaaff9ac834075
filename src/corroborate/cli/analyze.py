"""``corroborate analyze``, ``incidents``, ``incident`` and ``demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from ..analyze import AnalysisResult, analyze, run_demo, summary_row, write_outputs
from ..compare import incidents_document
from ..errors import error
from ..lang.en.labels import outlet_name
from ..present import display_range
from ..store import DEFAULT_SORT, redact_url
from . import filters
from .common import (
    DB_OPTION,
    JSON_OPTION,
    QUIET_OPTION,
    console,
    make_app,
    out,
    print_json,
    progress,
)
from .extract import EngineName

JSON_OUT_OPTION = typer.Option(None, "--json", help="Write the incidents JSON document to this file.")
REPORT_OPTION = typer.Option(None, "--report", help="Write the self-contained HTML report to this file.")
REEXTRACT_OPTION = typer.Option(False, "--reextract",
                                help="Extract every stored article again, not only new ones.")
INCREMENTAL_OPTION = typer.Option(
    False, "--incremental",
    help="Link again only the partitions the new reports change (the others keep their stored "
         "incidents). For adding reports to an analysed store whose settings and extractors "
         "have not changed since; without it everything stored is linked again.")
MAP_OPTION = typer.Option([], "--map", metavar="FIELD=COLUMN",
                          help="Read FIELD from COLUMN of a CSV/JSONL file (as for ingest). Repeatable.")

ENGINE_OPTION = typer.Option(
    EngineName.local, "--engine", help="local: this process; dask: every stage on Dask, same "
    "output (pip install 'corroborate[distributed]'; docs/scale.md).")
SCHEDULER_OPTION = typer.Option(
    None, "--scheduler", help="With --engine dask: processes, threads, synchronous, or the "
    "tcp://HOST:8786 address of a dask.distributed scheduler (default: processes).")
PARTITIONS_OPTION = typer.Option(
    None, "--partitions", min=1, help="With --engine dask: tasks per stage in flight "
    "(default: the cluster's worker threads, or the CPU count).")
OUT_DIR_OPTION = typer.Option(Path("demo-output"), "--out",
                              help="Folder for demo.db, incidents.json and report.html.")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""
    app.command("analyze")(analyze_cmd)
    app.command("incidents")(incidents_cmd)
    app.command("incident")(incident_cmd)
    app.command("demo")(demo_cmd)


def _progress(quiet: bool) -> Any:
    def wrap(items: Any, total: int | None, label: str) -> Any:
        return progress(items, total, label, quiet)

    return wrap


def _t(value: Any) -> str:
    """A table cell: rich markup in user data is shown literally."""
    return "—" if value is None or value == "" else escape(str(value))


def summary_table(incidents: list[dict[str, Any]], title: str) -> Table:
    # compact borders: the table should fit an 80-column terminal
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  padding=(0, 1, 0, 0),
                  pad_edge=False,
                  caption="rep.: reports (independent origins) · killed: range reported · "
                          "cons.: conservative figure · disputed: claims in contradiction",
                  caption_justify="left")
    for col, kw in (("id", {"no_wrap": True}), ("date", {"no_wrap": True}), ("place", {}),
                    ("rep.", {"justify": "right", "min_width": 5}),
                    ("killed", {"justify": "right", "min_width": 6}),
                    ("cons.", {"justify": "right"}), ("grade", {"min_width": 9}),
                    ("disputed", {"min_width": 8})):
        table.add_column(col, overflow="fold", **kw)  # type: ignore[arg-type]
    for inc in incidents:
        row = summary_row(inc)
        contra = ", ".join(c.replace("_", " ") for c in row["contradictions"])
        reports = f"{row['reports']}" + (f" ({row['origins']})" if row["reports"] > 1 else "")
        table.add_row(_t(row["id"]), _t(row["date"]), _t(row["place"]), reports,
                      _t(row["killed_range"]), _t(row["conservative"]),
                      _t(row["grade"]).replace("_", " "),
                      f"[red]{escape(contra)}[/red]" if contra else "—")
    return table


def _print_rejects(result: AnalysisResult) -> None:
    for r in result.rejects:
        console.print(f"[red]{escape(r.code)}[/red]{escape(str(r)[len(r.code):])}",
                      highlight=False, soft_wrap=True)


def _print_summary(result: AnalysisResult) -> None:
    s = result.to_dict()
    out.print(f"read {s['read']} · new articles {s['added']} · duplicates {s['duplicates']} · "
              f"rejected {s['rejected']} · extracted {s['extracted']} · "
              f"incidents {s['incidents']} ({s['multi_report_incidents']} with several reports, "
              f"{s['with_contradictions']} with contradictions)", highlight=False)


ANALYZE_PATHS_ARG = typer.Argument(
    None, help="Files, folders (recursive), URL lists, or - for standard input. Without "
               "any, the articles already in the store are analysed again.")


def analyze_cmd(
    paths: list[str] | None = ANALYZE_PATHS_ARG,
    db: str | None = DB_OPTION,
    json_out: Path | None = JSON_OUT_OPTION,
    report: Path | None = REPORT_OPTION,
    reextract: bool = REEXTRACT_OPTION,
    incremental: bool = INCREMENTAL_OPTION,
    map_: list[str] = MAP_OPTION,
    quiet: bool = QUIET_OPTION,
    engine: EngineName = ENGINE_OPTION,
    scheduler: str | None = SCHEDULER_OPTION,
    partitions: int | None = PARTITIONS_OPTION,
) -> None:
    """Ingest, extract, link and compare: the whole pipeline into the store.

    Without PATHS the stored articles are linked and compared again (after an
    upgrade, a review, or with --reextract after the extractors changed)."""
    from ..ingest import parse_mapping

    mapping = parse_mapping(map_) if map_ else None
    if engine is EngineName.local and (scheduler is not None or partitions is not None):
        raise typer.BadParameter("--scheduler and --partitions go with --engine dask",
                                 param_hint="--engine")
    with make_app(db, create=bool(paths)) as corr:
        if not paths and corr.store.count_articles() == 0:
            raise error("E130", f"no PATHS given and {redact_url(corr.store.url)} holds no "
                        "articles: give files to read, or --db the store to analyse again")
        # the incidents go to the store as they are compared: a big corpus's are never
        # all held; --json and --report read them back from the store
        result = analyze(corr, paths or [], progress=_progress(quiet), reextract=reextract,
                         mapping=mapping, keep_incidents=False, engine=engine.value,
                         scheduler=scheduler, partitions=partitions, incremental=incremental)
        write_outputs(corr, result, json_path=json_out, report_path=report)
    _print_rejects(result)
    if not quiet:
        _print_analysis(result, json_out, report)
    if result.rejects:
        # as for ingest: a script must see that some input was not read
        raise typer.Exit(1)


def _print_analysis(result: AnalysisResult, json_out: Path | None, report: Path | None) -> None:
    _print_summary(result)
    shown = result.preview
    if shown:
        out.print(summary_table(shown, "Incidents reported by several articles"
                                if result.counts.get("multi_report_incidents") else "Incidents"))
    for label, path in (("incidents JSON", json_out), ("report", report)):
        if path is not None:
            out.print(f"{label}: {path}", highlight=False)


def incidents_cmd(
    db: str | None = DB_OPTION,
    q: str | None = filters.Q_OPTION,
    place: str | None = filters.PLACE_OPTION,
    actor: str | None = filters.ACTOR_OPTION,
    cause: str | None = filters.CAUSE_OPTION,
    grade: str | None = filters.GRADE_OPTION,
    since: str | None = filters.SINCE_OPTION,
    until: str | None = filters.UNTIL_OPTION,
    contradictions: bool = filters.CONTRADICTIONS_OPTION,
    sort: str = filters.sort_option(DEFAULT_SORT),
    limit: int = typer.Option(50, "--limit", min=1, help="Rows to show."),
    offset: int = typer.Option(0, "--offset", min=0, help="Rows to skip."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List linked incidents."""
    query = filters.incident_query(q=q, place=place, actor=actor, cause=cause, grade=grade,
                                   since=since, until=until, contradictions=contradictions,
                                   sort=sort, limit=limit, offset=offset)
    with make_app(db) as corr:
        rows, total = corr.store.list_incidents(query)
    if as_json:
        print_json({**incidents_document(rows), "total": total})
        return
    out.print(summary_table(rows, f"{len(rows)} of {total} incidents"))


def incident_cmd(
    incident_id: str = typer.Argument(..., help="Incident id (inc-…)."),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one incident: matrix, consensus, contradictions, timeline, origins, grade."""
    from ..link.ids import incident_redirect

    with make_app(db) as corr:
        inc = corr.store.get_incident(incident_id)
        moved = incident_redirect(corr.store, incident_id) if inc is None else None
        if moved is not None:
            # merged away (by re-analysis or a reviewer): say so, and show the incident it lives on in
            console.print(f"note: {incident_id} was merged into {moved}", highlight=False)
            inc = corr.store.get_incident(moved)
    if inc is None:
        raise error("E044", f"no incident with id {incident_id!r}", field="id")
    if as_json:
        print_json(inc)
        return
    render_incident(inc)


def render_incident(inc: dict[str, Any]) -> None:
    place = inc.get("place") or {}
    out.print(f"[bold]{escape(inc['label'])}[/bold]  ({escape(inc['id'])})")
    out.print(f"grade: [bold]{escape(inc['grade']['label'])}[/bold] — {escape(inc['grade']['rule'])}")
    status = (inc.get("review") or {}).get("status")
    if status and status != "unreviewed":
        out.print(f"review: [bold]{escape(status.replace('_', ' '))}[/bold] "
                  f"(corroborate review log --incident {escape(inc['id'])})", highlight=False)
    out.print(f"date {_t(inc.get('date'))} · place {_t(place.get('name'))} "
              f"({_t(place.get('admin1'))}, {_t(place.get('country'))}) · cause {_t(inc.get('cause'))}"
              f" · perpetrators {_t(', '.join(inc.get('perpetrators') or []))}", highlight=False)

    # claims down, reports across: reports are few, claims many, so this fits a terminal
    matrix = Table(title="Claims matrix (red ≠: differs from the consensus)", title_justify="left")
    matrix.add_column("claim", no_wrap=True)
    rows = inc["matrix"]["rows"]
    for row in rows:
        matrix.add_column(f"{_t(outlet_name(row.get('outlet')))}\n{_t(row.get('published'))}")
    for c in inc["matrix"]["claims"]:
        cells = []
        for row in rows:
            cell = row["cells"][c]
            text = _t(cell["display"])
            cells.append(f"[red]≠ {text}[/red]" if cell["disagrees"] else text)
        matrix.add_row(c.replace("_", " "), *cells)
    out.print(matrix)

    cons = Table(title="Consensus", title_justify="left")
    for col in ("claim", "conservative", "range", "median", "reports", "origins", "values (origins)"):
        cons.add_column(col)
    for key in ("killed", "injured"):
        k = inc["consensus"][key]
        rng = "—" if k["min"] is None else (f"{k['min']}" if k["min"] == k["max"] else f"{k['min']}–{k['max']}")
        cons.add_row(key, _t(k["conservative"]), rng, _t(k["median"]), str(k["n_reports"]),
                     str(k["n_origins"]),
                     escape("; ".join(f"{v['display']} ({v['origins']})"
                                      + ("" if v.get("credible", True) else " not counted")
                                      for v in k["values"])))
    for key in ("perpetrator", "framing"):
        k = inc["consensus"][key]
        cons.add_row(key, _t(k["value"]), "", "", str(k["n_reports"]), str(k["n_origins"]),
                     escape("; ".join(f"{v['value']} ({v['origins']})" for v in k["values"])))
    out.print(cons)

    if inc["contradictions"]:
        contra = Table(title="Contradictions", title_justify="left")
        for col in ("field", "side", "reports", "evidence"):
            contra.add_column(col)
        for c in inc["contradictions"]:
            for s in c["sides"]:
                contra.add_row(escape(c["field"]), _t(s["value"]),
                               escape(", ".join(outlet_name(o) for o in s["outlets"])),
                               escape(" | ".join(f"“{e['text']}”" for e in s["evidence"])))
        out.print(contra)
    else:
        out.print("Contradictions: none")

    tl = Table(title="Timeline of figures", title_justify="left")
    for col in ("published", "report", "killed", "injured"):
        tl.add_column(col)
    for t in inc["timeline"]:
        tl.add_row(_t(t["published"]), _t(outlet_name(t["outlet"])),
                   _range(t["killed_min"], t["killed_max"]), _range(t["injured_min"], t["injured_max"]))
    out.print(tl)

    orig = Table(title="Independent origins", title_justify="left")
    for col in ("origin", "label", "kind", "articles", "why grouped"):
        orig.add_column(col)
    for o in inc["origins"]:
        orig.add_row(escape(o["id"]), _t(o["label"]), escape(o["kind"]),
                     escape(", ".join(o["article_ids"])), escape("; ".join(o.get("reasons") or [])))
    out.print(orig)


def _range(lo: int | None, hi: int | None) -> str:
    return display_range(lo, hi)


def demo_cmd(
    out_dir: Path = OUT_DIR_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Analyse the bundled sample corpus and write a database, JSON and an HTML report."""
    # the demo writes its own store; the rest of the command's settings (--config) apply
    demo = run_demo(make_app().settings, out_dir, progress=_progress(quiet))
    _print_rejects(demo.analysis)
    if quiet:
        return
    _print_summary(demo.analysis)
    out.print(summary_table(demo.analysis.incidents, "Incidents in the sample corpus"))
    out.print(f"database:       {demo.db}\nincidents JSON: {demo.json_path}\n"
              f"HTML report:    {demo.report_path} (open it in a browser; works offline)\n"
              f"browse:         corroborate serve --db {demo.db}  then open "
              "http://127.0.0.1:8000/incidents", highlight=False)
