"""The incident filters of the commands that select stored incidents (``incidents``,
``export``): one definition of each option, and the `IncidentQuery` built from them."""

from __future__ import annotations

from typing import Any

import typer

from ..store import INCIDENT_GRADES, INCIDENT_SORTS, IncidentQuery

SORT_HELP = ", ".join(INCIDENT_SORTS) + " (- first: descending; spread: highest minus lowest " \
    "killed figure reported)."

Q_OPTION = typer.Option(None, "--q", help="Full-text search over the reports' titles and texts.")
PLACE_OPTION = typer.Option(None, "--place", help="Place name or admin-1 region (substring).")
ACTOR_OPTION = typer.Option(None, "--actor", help="Actor named (substring).")
CAUSE_OPTION = typer.Option(None, "--cause", help="Cause (airstrike, shelling, ...).")
GRADE_OPTION = typer.Option(None, "--grade", help=", ".join(INCIDENT_GRADES[:-1]) + " or "
                            + INCIDENT_GRADES[-1] + ".")
SINCE_OPTION = typer.Option(None, "--since", help="Incident date on or after YYYY-MM-DD.")
UNTIL_OPTION = typer.Option(None, "--until", help="Incident date on or before YYYY-MM-DD.")
CONTRADICTIONS_OPTION = typer.Option(False, "--contradictions",
                                     help="Only incidents whose reports contradict each other.")


def sort_option(default: str) -> Any:
    """``--sort``, opening with ``default`` (the list and the export start differently)."""
    return typer.Option(default, "--sort", help=SORT_HELP)


def incident_query(*, q: str | None, place: str | None, actor: str | None, cause: str | None,
                   grade: str | None, since: str | None, until: str | None,
                   contradictions: bool, sort: str, limit: int = 50, offset: int = 0
                   ) -> IncidentQuery:
    """The query of the filter options; an unknown sort or grade is a usage error."""
    if sort not in INCIDENT_SORTS:
        raise typer.BadParameter(f"one of {', '.join(INCIDENT_SORTS)}", param_hint="--sort")
    if grade is not None and grade not in INCIDENT_GRADES:
        raise typer.BadParameter(f"one of {', '.join(INCIDENT_GRADES)}", param_hint="--grade")
    return IncidentQuery(q=q, date_from=since, date_to=until, place=place, actor=actor,
                         cause=cause, grade=grade,
                         has_contradictions=True if contradictions else None, sort=sort,
                         limit=limit, offset=offset)
