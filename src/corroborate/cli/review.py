"""``corroborate review``: correct what the machine extracted and linked.

Each command parses its options, calls one function of `corroborate.review` and
prints the log entry it appended (or the log, or the export).  Every edit needs
``--reason``; ``--as NAME`` (or $CORROBORATE_REVIEWER) names the reviewer.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import error
from .common import DB_OPTION, JSON_OPTION, console, make_app, out, print_json

AS_OPTION = typer.Option(None, "--as", help="Reviewer name recorded in the log "
                         "(default $CORROBORATE_REVIEWER, else the login name).")
REASON_OPTION = typer.Option(..., "--reason", "-r", help="Why: recorded in the log.")
INCIDENT_INDEX = typer.Option(0, "--incident", "-i", min=0,
                              help="The report's incident index (0: its headline incident).")
BASE_OPTION = typer.Option(None, "--base", min=0, help="The version this edit is based on; "
                           "a stale one is refused (E137) instead of overwriting.")


def _who(name: str | None) -> str:
    return name or os.environ.get("CORROBORATE_REVIEWER") or getpass.getuser()


def _span(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*[:-]\s*(\d+)\s*", text)
    if not m:
        raise error("E020", f"--span expects START:END character offsets, got {text!r}",
                    field="span")
    return int(m.group(1)), int(m.group(2))


def _report(text: str) -> tuple[str, int]:
    """ARTICLE_ID or ARTICLE_ID#N."""
    article, sep, n = text.rpartition("#")
    if sep and n.isdigit():
        return article, int(n)
    return text, 0


def _show(entry: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(entry)
        return
    out.print(f"#{entry['seq']} {escape(_line(entry))}", highlight=False)


def _line(e: dict[str, Any]) -> str:
    t = e.get("target") or {}
    where = (f"{t['article_id']}#{t.get('incident_index', 0)}" if t.get("article_id")
             else str(t.get("incident_id")))
    what = f" {e['field']}" if e.get("field") else ""
    undo = f" (undoes #{e['undoes']})" if e.get("undoes") else ""
    return (f"{e['at']} {e['who']} {e['action']}{undo} {where}{what}: "
            f"{json.dumps(e['old'], ensure_ascii=False)} -> "
            f"{json.dumps(e['new'], ensure_ascii=False)} ({e['reason']})")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Review: correct values, move/split/merge reports and incidents, "
                             "mark status, undo, and read the audit log.", no_args_is_help=True)

    @group.command("set")
    def set_cmd(
        article_id: Annotated[str, typer.Argument(help="Article id.")],
        field: Annotated[str, typer.Argument(help="date, place, killed, injured, killed.civilian "
                                                  "(and the other toll categories), perpetrator, "
                                                  "cause, framing or attribution.")],
        value: Annotated[str | None, typer.Argument(help="The new value (lists comma-separated)."
                                                    )] = None,
        incident: int = INCIDENT_INDEX,
        reason: str = REASON_OPTION,
        clear: Annotated[bool, typer.Option("--clear", help="The report states no value.")] = False,
        span: Annotated[str | None, typer.Option(
            "--span", help="START:END offsets (in the title + body text) of the supporting text."
        )] = None,
        base: int | None = BASE_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Set (or --clear) one value of a report's incident."""
        from ..review import set_value

        if value is None and not clear:
            raise error("E136", "give a VALUE, or --clear to record that the report states none",
                        field=field)
        with make_app(db) as corr:
            entry = set_value(corr.store, article_id, field, None if clear else value,
                              index=incident, who=_who(who), reason=reason, span=_span(span),
                              base_version=base, gazetteers=corr.settings.gazetteers)
        _show(entry, as_json)

    @group.command("move")
    def move_cmd(
        article_id: Annotated[str, typer.Argument(help="Article id of the report to move.")],
        to: Annotated[str, typer.Argument(help="Incident id it belongs to (or a report that incident holds).")],
        incident: int = INCIDENT_INDEX,
        reason: str = REASON_OPTION,
        base: int | None = BASE_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Move a report to another incident."""
        from ..review import move

        with make_app(db) as corr:
            entry = move(corr.store, article_id, to, index=incident, who=_who(who),
                         reason=reason, base_version=base)
        _show(entry, as_json)

    @group.command("split")
    def split_cmd(
        incident_id: Annotated[str, typer.Argument(help="Incident id, or a report (ARTICLE_ID[#N]) it holds.")],
        reports: Annotated[list[str], typer.Argument(
            help="Reports that leave for a new incident: ARTICLE_ID or ARTICLE_ID#N.")],
        reason: str = REASON_OPTION,
        base: int | None = BASE_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Split reports off an incident (the larger part keeps the id)."""
        from ..review import split

        with make_app(db) as corr:
            entry = split(corr.store, incident_id, [_report(r) for r in reports], who=_who(who),
                          reason=reason, base_version=base)
        _show(entry, as_json)

    @group.command("merge")
    def merge_cmd(
        incident_a: Annotated[str, typer.Argument(help="Incident id, or a report (ARTICLE_ID[#N]) it holds.")],
        incident_b: Annotated[str, typer.Argument(help="The other incident id (or a report it holds).")],
        reason: str = REASON_OPTION,
        base: int | None = BASE_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Merge two incidents (the older keeps its id; the other id redirects to it)."""
        from ..review import merge

        with make_app(db) as corr:
            entry = merge(corr.store, incident_a, incident_b, who=_who(who), reason=reason,
                          base_version=base)
        _show(entry, as_json)

    @group.command("status")
    def status_cmd(
        incident_id: Annotated[str, typer.Argument(help="Incident id, or a report (ARTICLE_ID[#N]) it holds.")],
        status: Annotated[str, typer.Argument(help="unreviewed, in_review, verified or disputed.")],
        reason: str = REASON_OPTION,
        base: int | None = BASE_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Mark an incident's review status."""
        from ..review import set_status

        with make_app(db) as corr:
            entry = set_status(corr.store, incident_id, status, who=_who(who), reason=reason,
                               base_version=base)
        _show(entry, as_json)

    @group.command("undo")
    def undo_cmd(
        seq: Annotated[int, typer.Argument(help="The log entry (#seq) to undo.")],
        reason: str = REASON_OPTION,
        db: str | None = DB_OPTION,
        who: str | None = AS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Undo an entry by appending its inverse (nothing is deleted)."""
        from ..review import undo

        with make_app(db) as corr:
            entry = undo(corr.store, seq, who=_who(who), reason=reason)
        _show(entry, as_json)

    @group.command("log")
    def log_cmd(
        incident: Annotated[str | None, typer.Option(
            "--incident", help="Only entries about this incident (under any id it had).")] = None,
        article: Annotated[str | None, typer.Option(
            "--article", help="Only entries about this article's reports.")] = None,
        db: str | None = DB_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """The append-only review log, oldest first."""
        from ..review import log

        with make_app(db) as corr:
            entries = log(corr.store, incident_id=incident, article_id=article)
        if as_json:
            print_json(entries)
            return
        table = Table(title=f"{len(entries)} review entr{'y' if len(entries) == 1 else 'ies'}")
        for col in ("#", "when", "who", "action", "target", "field", "old", "new", "reason"):
            table.add_column(col)
        for e in entries:
            t = e.get("target") or {}
            where = (f"{t['article_id']}#{t.get('incident_index', 0)}" if t.get("article_id")
                     else str(t.get("incident_id")))
            action = e["action"] + (f" #{e['undoes']}" if e.get("undoes") else "")
            table.add_row(str(e["seq"]), e["at"], e["who"], action, where, e.get("field") or "",
                          json.dumps(e["old"], ensure_ascii=False),
                          json.dumps(e["new"], ensure_ascii=False), e["reason"])
        out.print(table)

    @group.command("export")
    def export_cmd(
        output: Annotated[Path, typer.Option("--output", "-o",
                                             help="JSON-lines file to write.")] = Path(
            "corrections.jsonl"),
        db: str | None = DB_OPTION,
    ) -> None:
        """Write the reviewed values as gold for `evaluate extraction --gold`."""
        from ..review import export_gold

        with make_app(db) as corr:
            records = export_gold(corr.store, output)
        console.print(f"wrote {len(records)} corrected report(s) to {output}")

    app.add_typer(group, name="review")
