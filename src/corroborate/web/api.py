"""The JSON API under ``/api/v1/``: pydantic models at this edge, data from `web.data`."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .. import export as exports
from ..app import Corroborate
from ..errors import error
from ..link.ids import incident_redirect
from ..store import IncidentQuery
from . import data
from .edge import check_storable
from .security import COOKIE, check_read, check_write

DATE = r"^\d{4}-\d{2}-\d{2}$"
#: most articles one POST may carry
MAX_POST_ARTICLES = 1000


# --- models --------------------------------------------------------------------------

class ErrorBody(BaseModel):
    code: str
    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    context: dict[str, Any] = Field(default_factory=dict)
    error: str


class ErrorOut(BaseModel):
    error: ErrorBody


class IncidentSummary(BaseModel):
    id: str
    label: str | None
    date: str | None
    place: str | None
    admin1: str | None
    country: str | None
    actors: list[str]
    perpetrators: list[str]
    cause: str | None
    grade: str | None
    n_reports: int
    n_origins: int
    outlets: list[str]
    killed: float | None
    killed_min: float | None
    killed_max: float | None
    injured: float | None
    contradictions: int
    spread: float | None = None
    disputed: list[str] | None = None


class IncidentList(BaseModel):
    total: int
    limit: int
    offset: int
    incidents: list[IncidentSummary]


class Incident(BaseModel):
    """An incident in the shape of ``docs/schema/incidents.schema.json``."""

    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    date: str | None
    reports: list[dict[str, Any]]
    origins: list[dict[str, Any]]
    matrix: dict[str, Any]
    consensus: dict[str, Any]
    contradictions: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    grade: dict[str, Any]
    links: list[dict[str, Any]] = Field(
        default_factory=list, description="why the reports were linked: one entry per merge "
        "(reports, score, text_similarity, name_similarity, agreed, differed, rule)")
    verdicts: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict, description="stored credibility verdicts by article id")


class AnnotationOut(BaseModel):
    start: int
    end: int
    kind: str
    value: str
    detail: str


class ArticleDetail(BaseModel):
    article: dict[str, Any] = Field(description="the stored article: id, outlet, url, "
                                    "published, title, language, content_hash, provenance, text")
    full_text: str = Field(description="title + body: the coordinate system of every offset")
    title_end: int
    annotations: list[AnnotationOut]
    extraction: dict[str, Any] | None
    incidents: list[IncidentSummary]
    verdicts: list[dict[str, Any]]


class OutletStat(BaseModel):
    outlet: str
    reports: int
    incidents: int
    with_figure: int
    above: int
    below: int
    agrees: int
    contradicts: int


class OutletList(BaseModel):
    outlets: list[OutletStat]


class ArticleIn(BaseModel):
    """One article to store.  Without ``id`` it is named after the title."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, min_length=1, max_length=200)
    title: str = Field("", max_length=2000)
    text: str = Field(min_length=1)
    outlet: str | None = Field(None, max_length=500)
    published: str | None = Field(None, pattern=DATE, description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=4000)


class StoredArticle(BaseModel):
    id: str
    status: Literal["added", "duplicate"]
    content_hash: str


class JobOut(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed", "interrupted"]
    stage: str
    done: int
    total: int | None
    added: list[str]
    duplicates: list[str]
    rejects: list[dict[str, Any]]
    incidents: int
    error: str | None
    finished: bool
    resumed_by: str | None = None


class ArticlesAccepted(BaseModel):
    articles: list[StoredArticle]
    job: JobOut
    status_url: str


_ARTICLES_IN: TypeAdapter[ArticleIn | list[ArticleIn]] = TypeAdapter(ArticleIn | list[ArticleIn])
_ARTICLE_SCHEMA = ArticleIn.model_json_schema()
_POST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"anyOf": [
        _ARTICLE_SCHEMA,
        {"type": "array", "items": _ARTICLE_SCHEMA, "minItems": 1,
         "maxItems": MAX_POST_ARTICLES}]}}},
}


# --- dependencies -------------------------------------------------------------------

def corroborate(request: Request) -> Corroborate:
    app: Corroborate = request.app.state.corroborate
    return app


def read_access(request: Request,
                authorization: Annotated[str | None, Header(include_in_schema=False)] = None
                ) -> None:
    check_read(corroborate(request).settings, authorization, request.cookies.get(COOKIE))


#: documents the scheme in OpenAPI; the check itself is `check_write` (clear E062 errors)
BEARER = HTTPBearer(auto_error=False, scheme_name="token",
                    description="the server's CORROBORATE_TOKEN")


def write_access(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
                 ) -> None:
    given = f"Bearer {credentials.credentials}" if credentials else None
    check_write(corroborate(request).settings, given)


def incident_filters(
    q: Annotated[str | None, Query(max_length=500, description="full-text search over the "
                                   "titles and bodies of the reports")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="incident date on or after "
                                       "(YYYY-MM-DD), as `corroborate incidents --since`")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="incident date on or before "
                                       "(YYYY-MM-DD)")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name or admin-1")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    cause: Annotated[str | None, Query(max_length=100)] = None,
    grade: Annotated[Literal["confirmed", "fair", "weak", "contested", "single_source"] | None,
                     Query()] = None,
    contradictions: Annotated[bool | None, Query(description="only incidents with (true) or "
                                                 "without (false) contradictions")] = None,
    sort: Literal["date", "-date", "reports", "-reports", "killed", "-killed", "spread",
                  "-spread", "contradictions", "-contradictions"] = "-date",
    # the earlier names of since, until and contradictions, still read
    date_from: Annotated[str | None, Query(pattern=DATE, deprecated=True,
                                           description="deprecated: use since")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE, deprecated=True,
                                         description="deprecated: use until")] = None,
    has_contradictions: Annotated[bool | None, Query(deprecated=True, description="deprecated: "
                                                     "use contradictions")] = None,
) -> IncidentQuery:
    """The filters and sort of the incident list (no page): lists and exports share them."""
    return IncidentQuery(q=q or None, date_from=since or date_from, date_to=until or date_to,
                         place=place or None, actor=actor or None, cause=cause or None,
                         grade=grade,
                         has_contradictions=contradictions if contradictions is not None
                         else has_contradictions, sort=sort)


def incident_query(
    filters: Annotated[IncidentQuery, Depends(incident_filters)],
    limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> IncidentQuery:
    return dataclasses.replace(filters, limit=limit, offset=offset)


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "missing or wrong token (E062)"},
    403: {"model": ErrorOut, "description": "no token configured on the server (E062)"},
}
CSV = {"content": {"text/csv": {"schema": {"type": "string"}}}}
EXPORTS = {"content": {t: {"schema": {"type": "object" if t == "application/geo+json"
                                      else "string"}}
                        for t in dict.fromkeys(exports.MEDIA_TYPES.values())},
           "description": "the export, streamed (see docs/export.md; GeoJSON: "
                          "docs/schema/export-geojson.schema.json)"}


# --- routes -------------------------------------------------------------------------

def build_api() -> APIRouter:
    api = APIRouter(tags=["api"])
    reads = [Depends(read_access)]

    @api.get("/incidents", response_model=IncidentList, dependencies=reads,
             responses={**ERRORS, 200: CSV})
    def list_incidents(request: Request,
                       query: Annotated[IncidentQuery, Depends(incident_query)],
                       format: Literal["json", "csv"] = "json") -> Any:
        """A page of incidents matching the filters (same filters as the /incidents page)."""
        page = data.list_incidents(corroborate(request).store, query)
        if format == "csv":
            return csv_response(page.rows, "incidents.csv")
        return page.to_dict()

    # a path holding a NUL character is answered 404 at the edge, before the format
    # is read (the same on every route with a path parameter)
    @api.get("/export/{format}", dependencies=reads, response_class=Response,
             responses={**ERRORS, 200: EXPORTS,
                        404: {"model": ErrorOut, "description": "the path holds a NUL character"}})
    def export(request: Request,
               format: Literal["geojson", "kml", "csv", "claims-csv", "acled", "ucdp"],
               query: Annotated[IncidentQuery, Depends(incident_filters)],
               max_rows: Annotated[int | None, Query(ge=1, description="at most this many "
                                                "incidents (default: every one that matches)")
                              ] = None) -> Response:
        """Every incident matching the filters as GeoJSON, KML, CSV of incidents or of
        claims, or ACLED- or UCDP-GED-shaped rows (docs/export.md), streamed."""
        return export_response(request, query, format, max_rows)

    @api.get("/incidents/{incident_id}", response_model=Incident, dependencies=reads,
             responses={**ERRORS, 404: {"model": ErrorOut},
                        308: {"description": "a reviewer merged this incident into another"}})
    def get_incident(request: Request,
                     incident_id: Annotated[str, Path(max_length=200)]) -> Any:
        """One incident: reports, origins, claims matrix, consensus, contradictions, grade."""
        store = corroborate(request).store
        moved = incident_redirect(store, incident_id)
        if moved is not None:
            return RedirectResponse(f"{request.url.path.rsplit('/', 1)[0]}/{quote(moved, safe='')}",
                                    status_code=308)
        inc = data.get_incident(store, incident_id)
        return {**inc, "verdicts": data.incident_verdicts(store, inc),
                "review": data.review_info(store, inc)}

    @api.get("/articles/{article_id:path}", response_model=ArticleDetail, dependencies=reads,
             responses={**ERRORS, 404: {"model": ErrorOut}})
    def get_article(request: Request,
                    article_id: Annotated[str, Path(max_length=300)]) -> Any:
        """One article with its extracted values (offsets into full_text), incidents and
        credibility verdicts."""
        return data.article_view(corroborate(request).store, article_id)

    @api.get("/outlets", response_model=OutletList, dependencies=reads,
             responses={**ERRORS, 200: CSV})
    def outlets(request: Request, format: Literal["json", "csv"] = "json") -> Any:
        """Per outlet: figures above/below/agreeing with the consensus, contradictions."""
        rows = outlet_rows(request)
        if format == "csv":
            return csv_response(rows, "outlets.csv")
        return {"outlets": rows}

    @api.post("/articles", status_code=202, response_model=ArticlesAccepted,
              dependencies=[Depends(write_access)], openapi_extra={"requestBody": _POST_BODY},
              responses={**ERRORS, 200: {"model": ArticlesAccepted,
                                         "description": "wait=true: the pipeline has run"},
                         413: {"model": ErrorOut}, 415: {"model": ErrorOut},
                         422: {"description": "invalid article(s)"}})
    async def post_articles(request: Request, wait: bool = False) -> Any:
        """Store one article or a list, then run the pipeline on them (extract, re-link,
        re-compare) in the background; ``wait=true`` answers when it is done."""
        import anyio

        app = corroborate(request)
        records = await read_articles(request, app.settings.max_upload_bytes)
        articles = [data.api_article(r.model_dump(), i) for i, r in enumerate(records)]
        stored = await anyio.to_thread.run_sync(data.store_articles, app.store, articles)
        runner = request.app.state.jobs
        job = runner.submit_articles(articles, stored)
        if wait:
            await anyio.to_thread.run_sync(runner.wait, job)
        body = {"articles": stored, "job": job.to_dict(),
                "status_url": f"{request.url.path.rsplit('/', 1)[0]}/jobs/{job.id}"}
        return JSONResponse(body, status_code=200 if wait else 202)

    @api.get("/jobs/{job_id}", response_model=JobOut, dependencies=reads,
             responses={**ERRORS, 404: {"model": ErrorOut}})
    def get_job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> Any:
        """Status of a pipeline run started by POST /articles or the ingest page."""
        job = request.app.state.jobs.get(job_id)
        if job is None:
            from . import http_error_body

            return JSONResponse({"error": http_error_body(404, f"no job {job_id!r}")},
                                status_code=404)
        return job.to_dict()

    return api


def outlet_rows(request: Request) -> list[dict[str, Any]]:
    """`data.outlet_stats` over the whole store (it reads every incident), computed once
    per incidents generation per app: any process's re-analysis moves the generation."""
    app = corroborate(request)
    generation = app.store.incidents_generation()
    hit = getattr(request.app.state, "outlet_rows", None)
    if generation and hit is not None and hit[0] == generation:
        return list(hit[1])
    rows = data.outlet_stats(data.iter_incidents(app.store))
    request.app.state.outlet_rows = (generation, rows)
    return list(rows)


def export_response(request: Request, query: IncidentQuery, fmt: str,
                    max_rows: int | None = None) -> Response:
    """An export streamed as it is written: the store is read a page at a time in the
    server's thread pool.  Links point at this server."""
    from fastapi.responses import StreamingResponse

    exports.check_format(fmt)
    store = corroborate(request).store
    chunks = exports.export_chunks(
        fmt, exports.iter_incidents(store, query, max_rows=max_rows),
        base_url=str(request.base_url))
    return StreamingResponse(
        chunks, media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{exports.FILE_NAMES[fmt]}"'})


def csv_response(rows: list[dict[str, Any]], filename: str) -> Response:
    return Response(data.to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def read_articles(request: Request, limit: int) -> list[ArticleIn]:
    """The POST body as articles: E061 for a non-JSON type, E060 over the size limit,
    422 for invalid records."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise error("E061", f"send the articles as application/json, not {ctype or 'nothing'}",
                    field="content-type")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise error("E060", f"{int(declared):,} bytes is over the limit of {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise error("E060", f"the body is over the limit of {limit:,} bytes")
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return _unprocessable([{"loc": ["body"], "msg": f"invalid JSON: {exc}",
                                "type": "json_invalid"}])
    except RecursionError:
        raise error("E109", "the JSON body is nested deeper than Python can read",
                    field="body") from None
    check_storable(parsed, "body")
    try:
        value = _ARTICLES_IN.validate_python(parsed)
    except ValidationError as exc:
        return _unprocessable([{"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                               for e in exc.errors()])
    records = value if isinstance(value, list) else [value]
    if not records:
        return _unprocessable([{"loc": ["body"], "msg": "no articles", "type": "too_short"}])
    if len(records) > MAX_POST_ARTICLES:
        return _unprocessable([{"loc": ["body"], "msg": f"at most {MAX_POST_ARTICLES} "
                                "articles per request", "type": "too_long"}])
    return records


def _unprocessable(problems: list[dict[str, Any]]) -> Any:
    from fastapi.exceptions import RequestValidationError

    raise RequestValidationError(problems)
