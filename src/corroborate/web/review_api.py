"""The review API under ``/api/v1/review/``: corrections, incident edits, the log.

Every edit needs a write token; the log records the token holder's name (named
tokens: ``CORROBORATE_TOKENS``).  An edit may carry ``base_version``, the version
it was based on: a stale one answers 409 with the current value and version in
``error.context`` (E137), never a silent overwrite.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field

from .. import review
from .api import BEARER, ERRORS, ErrorOut, corroborate, read_access
from .security import check_write

Status = Literal["unreviewed", "in_review", "verified", "disputed"]
REASON = Field(min_length=1, max_length=2000, description="why: recorded in the log")
BASE = Field(None, ge=0, description="the version this edit is based on (from GET "
             "/review/value or the incident's review.version); stale: 409")


class SetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(min_length=1, max_length=300)
    incident_index: int = Field(0, ge=0, le=10_000)
    field: str = Field(min_length=1, max_length=40, description="date, place, killed, injured, "
                       "killed.civilian (and the other toll categories), perpetrator, cause, "
                       "framing, attribution")
    value: Any = Field(description="the new value; null: the report states none")
    start: int | None = Field(None, ge=0, description="supporting text: offsets into the "
                              "article's full_text")
    end: int | None = Field(None, ge=0)
    reason: str = REASON
    base_version: int | None = BASE


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(min_length=1, max_length=300)
    incident_index: int = Field(0, ge=0, le=10_000)
    to_incident: str = Field(min_length=1, max_length=200)
    reason: str = REASON
    base_version: int | None = BASE


class ReportRef(BaseModel):
    article_id: str = Field(min_length=1, max_length=300)
    incident_index: int = Field(0, ge=0, le=10_000)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    incident_id: str = Field(min_length=1, max_length=200)
    reports: list[ReportRef] = Field(min_length=1, max_length=10_000,
                                     description="the reports that leave for a new incident")
    reason: str = REASON
    base_version: int | None = BASE


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    incident_id: str = Field(min_length=1, max_length=200)
    other_incident_id: str = Field(min_length=1, max_length=200)
    reason: str = REASON
    base_version: int | None = BASE


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    incident_id: str = Field(min_length=1, max_length=200)
    status: Status
    reason: str = REASON
    base_version: int | None = BASE


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seq: int = Field(ge=1, lt=2**63)
    reason: str = REASON


class Entry(BaseModel):
    """A review log entry (docs/schema/review.schema.json)."""

    model_config = ConfigDict(extra="allow")
    seq: int
    at: str
    who: str
    action: str
    target: dict[str, Any]
    field: str | None
    old: Any
    new: Any
    reason: str
    base_version: int
    undoes: int | None


class ValueOut(BaseModel):
    article_id: str
    incident_index: int
    field: str
    value: Any
    machine: Any = Field(description="the extractor's value")
    reviewed: bool
    span: dict[str, Any] | None
    version: int


EDIT_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 400: {"model": ErrorOut, "description": "bad field or value (E135-E144)"},
    404: {"model": ErrorOut, "description": "no such article, report or incident"},
    409: {"model": ErrorOut, "description": "stale base_version (E137: error.context has the "
          "current value and version) or an undo that later edits block (E142)"},
}


def reviewer(request: Request,
             credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> str:
    """The name of the token's holder (the write check itself)."""
    given = f"Bearer {credentials.credentials}" if credentials else None
    return check_write(corroborate(request).settings, given)


def build_review_api() -> APIRouter:
    api = APIRouter(prefix="/review", tags=["review"])
    reads = [Depends(read_access)]

    async def run(request: Request, fn: Any, *args: Any, **kw: Any) -> Any:
        done = await anyio.to_thread.run_sync(lambda: fn(*args, **kw))
        # pages served next by this process show the edit at once (see current_generation)
        request.app.state.generation_seen = None
        return done

    @api.post("/set", response_model=Entry, responses=EDIT_ERRORS)
    async def set_value(request: Request, body: SetIn,
                        who: Annotated[str, Depends(reviewer)]) -> Any:
        """Set one value of a report's incident (value null: the report states none),
        optionally with the offsets of the text that supports it."""
        app = corroborate(request)
        span = (body.start, body.end) if body.start is not None and body.end is not None else None
        return await run(request, review.set_value, app.store, body.article_id, body.field, body.value,
                         index=body.incident_index, who=who, reason=body.reason, span=span,
                         base_version=body.base_version, gazetteers=app.settings.gazetteers)

    @api.post("/move", response_model=Entry, responses=EDIT_ERRORS)
    async def move(request: Request, body: MoveIn, who: Annotated[str, Depends(reviewer)]) -> Any:
        """Move a report to another incident."""
        return await run(request, review.move, corroborate(request).store, body.article_id,
                         body.to_incident, index=body.incident_index, who=who,
                         reason=body.reason, base_version=body.base_version)

    @api.post("/split", response_model=Entry, responses=EDIT_ERRORS)
    async def split(request: Request, body: SplitIn,
                    who: Annotated[str, Depends(reviewer)]) -> Any:
        """Split reports off an incident; the larger part keeps the id."""
        return await run(request, review.split, corroborate(request).store, body.incident_id,
                         [(r.article_id, r.incident_index) for r in body.reports], who=who,
                         reason=body.reason, base_version=body.base_version)

    @api.post("/merge", response_model=Entry, responses=EDIT_ERRORS)
    async def merge(request: Request, body: MergeIn,
                    who: Annotated[str, Depends(reviewer)]) -> Any:
        """Merge two incidents; the older keeps its id and the other redirects (308) to it."""
        return await run(request, review.merge, corroborate(request).store, body.incident_id,
                         body.other_incident_id, who=who, reason=body.reason,
                         base_version=body.base_version)

    @api.post("/status", response_model=Entry, responses=EDIT_ERRORS)
    async def status(request: Request, body: StatusIn,
                     who: Annotated[str, Depends(reviewer)]) -> Any:
        """Mark an incident unreviewed, in_review, verified or disputed."""
        return await run(request, review.set_status, corroborate(request).store, body.incident_id,
                         body.status, who=who, reason=body.reason,
                         base_version=body.base_version)

    @api.post("/undo", response_model=Entry, responses=EDIT_ERRORS)
    async def undo(request: Request, body: UndoIn, who: Annotated[str, Depends(reviewer)]) -> Any:
        """Undo an entry by appending its inverse (the log keeps both)."""
        return await run(request, review.undo, corroborate(request).store, body.seq, who=who,
                         reason=body.reason)

    @api.get("/value", response_model=ValueOut, dependencies=reads, responses=EDIT_ERRORS)
    def value(request: Request, article_id: Annotated[str, Query(max_length=300)],
              field: Annotated[str, Query(max_length=40)],
              incident_index: Annotated[int, Query(ge=0, le=10_000)] = 0) -> Any:
        """A report's current value for a field, the extractor's, and the version an
        edit of it is based on."""
        return review.current_value(corroborate(request).store, article_id, incident_index,
                                    field)

    @api.get("/log", response_model=list[Entry], dependencies=reads, responses=ERRORS)
    def log(request: Request,
            incident_id: Annotated[str | None, Query(max_length=200)] = None,
            article_id: Annotated[str | None, Query(max_length=300)] = None) -> Any:
        """The append-only review log, oldest first (for one incident, under any id it
        had, or one article's reports)."""
        return review.log(corroborate(request).store, incident_id=incident_id,
                          article_id=article_id)

    @api.get("/export", dependencies=reads, responses={
        **ERRORS, 200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}},
                        "description": "one review-gold record a line"}})
    def export(request: Request) -> Response:
        """The reviewed values as gold (review-gold.schema.json), for
        `corroborate evaluate extraction --gold`."""
        import json

        records = review.export_gold(corroborate(request).store)
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="corrections.jsonl"'})

    return api
