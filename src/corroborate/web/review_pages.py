"""Review on the web pages: the forms behind the edit controls and history panels.

Every control is a plain HTML form that POSTs to ``/review/<operation>`` and is
sent back (303) to the page it came from, so reviewing works without JavaScript;
``app.js`` only adds "select text to set a value's span".  A form carries the
reviewer's token, or the reviewer logged in at /login (the cookie is SameSite
strict, so another site cannot post with it); the token field is on every form for
everyone, because incident pages are cached and shared.  A form also carries the
version the reviewer saw; a stale one gets a 409 page with the current value.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from .. import review
from ..errors import CorroborateError, error
from ..review.fields import FIELDS
from ..review.state import STATUSES
from .api import corroborate
from .security import COOKIE, check_write, writes_enabled

OPERATIONS = ("set", "move", "split", "merge", "status", "undo")


def show(value: Any, blank: bool = False) -> str:
    """A value as the review controls show it: lists comma-separated, none as a dash
    (blank in a form field)."""
    if value is None:
        return "" if blank else "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def incident_review(request: Request, incident: dict[str, Any]) -> dict[str, Any]:
    """What the incident page's review panel shows."""
    store = corroborate(request).store
    return {"status": (incident.get("review") or {}).get("status", "unreviewed"),
            "version": review.incident_version(store, incident), "statuses": STATUSES,
            "log": review.log(store, incident_id=incident["id"]),
            "writable": writes_enabled(corroborate(request).settings)}


def article_review(request: Request, article_id: str,
                   extraction: dict[str, Any] | None) -> dict[str, Any]:
    """What the article page's edit controls and history panel show."""
    store = corroborate(request).store
    state = review.load_state(store)
    incidents = []
    for index, _ in enumerate((extraction or {}).get("incidents") or []):
        incidents.append({"index": index, "fields": [
            review.current_value(store, article_id, index, f, state) for f in FIELDS]})
    return {"incidents": incidents, "log": review.log(store, article_id=article_id),
            "writable": writes_enabled(corroborate(request).settings)}


def _next(form: Any) -> str:
    target = form.get("next")
    # only a path on this site: never an open redirect
    if isinstance(target, str) and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target:
        return target
    return "/incidents"


def _text(form: Any, name: str) -> str | None:
    v = form.get(name)
    return v.strip() if isinstance(v, str) and v.strip() else None


def _int(form: Any, name: str) -> int | None:
    v = _text(form, name)
    if v is None:
        return None
    if not v.isdigit():
        raise error("E136", f"{name} must be a whole number, not {v!r}", field=name)
    return int(v)


def _report(text: str) -> tuple[str, int]:
    article, sep, n = text.rpartition("#")
    return (article, int(n)) if sep and n.isdigit() else (text, 0)


def apply_form(request: Request, op: str, form: Any, who: str) -> dict[str, Any]:
    """Run one review operation from a submitted form."""
    app = corroborate(request)
    store = app.store
    reason = _text(form, "reason")
    base = _int(form, "base_version")
    if op == "set":
        start, end = _int(form, "start"), _int(form, "end")
        span = (start, end) if start is not None and end is not None else None
        value = None if _text(form, "clear") else _text(form, "value")
        return review.set_value(store, _text(form, "article_id") or "", _text(form, "field") or "",
                                value, index=_int(form, "incident_index") or 0, who=who,
                                reason=reason, span=span, base_version=base,
                                gazetteers=app.settings.gazetteers)
    if op == "move":
        article_id, index = _report(_text(form, "report_key") or "")
        if _text(form, "article_id"):
            article_id, index = _text(form, "article_id") or "", _int(form, "incident_index") or 0
        return review.move(store, article_id, _text(form, "to_incident") or "", index=index,
                           who=who, reason=reason, base_version=base)
    if op == "split":
        reports = [_report(v) for v in form.getlist("report") if isinstance(v, str)]
        return review.split(store, _text(form, "incident_id") or "", reports, who=who,
                            reason=reason, base_version=base)
    if op == "merge":
        return review.merge(store, _text(form, "incident_id") or "",
                            _text(form, "other_incident_id") or "", who=who, reason=reason,
                            base_version=base)
    if op == "status":
        return review.set_status(store, _text(form, "incident_id") or "",
                                 _text(form, "status") or "", who=who, reason=reason,
                                 base_version=base)
    return review.undo(store, _int(form, "seq") or 0, who=who, reason=reason)


def build_review_pages() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.post("/review/{op}")
    async def review_post(request: Request, op: str) -> Response:
        from .pages import render_error

        if op not in OPERATIONS:
            raise error("E043", f"no review operation {op!r}", field="op")
        async with request.form(max_files=0, max_fields=2000, max_part_size=64 * 1024) as form:
            token = _text(form, "token") or request.cookies.get(COOKIE)
            settings = corroborate(request).settings
            who = check_write(settings, request.headers.get("authorization"), token)
            try:
                entry = await anyio.to_thread.run_sync(apply_form, request, op, form, who)
            except CorroborateError as exc:
                status = {"E137": 409, "E142": 409, "E043": 404, "E044": 404,
                          "E138": 404}.get(exc.code, 400)
                current = exc.context.get("current")
                message = str(exc) + (f" (current value: {show(current)})"
                                      if exc.code == "E137" and not isinstance(current, dict)
                                      else "")
                return render_error(request, status, message)
            target = _next(form)
        # the reviewer's next page must show the edit: look the generation up again
        request.app.state.generation_seen = None
        if op == "merge" and entry.get("new") and target.startswith("/incidents/"):
            target = f"/incidents/{entry['new']}"
        return RedirectResponse(f"{target}#review-history", status_code=303)

    return pages
