"""Server-rendered pages (Jinja2, autoescaped).  They work without JavaScript.

Untrusted text (article bodies, titles, outlet names) only ever reaches the
page through autoescaping or `escape`; highlighted text is built from escaped
segments (`highlight_html`), never marked safe as a whole.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import CorroborateError, error
from ..lang.en.labels import (
    incident_title,
)
from ..link.ids import incident_redirect
from ..present import (
    add_template_filters,
    grade_badge,
    verdicts_for_incident,
)
from ..store import DEFAULT_SORT, IncidentQuery
from ..store.base import check_filter_date
from . import HERE, data, mapsvg, review_pages, svg
from .api import corroborate, csv_response, export_response, outlet_rows
from .edge import check_storable
from .jobs import ALLOWED_SUFFIXES, MAX_JOBS, check_upload
from .security import COOKIE, AuthError, check_read, check_write, writes_enabled
from .upload_guard import Overflow, guarded_request

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: the list's filters, named as `corroborate incidents` names its options
FILTERS = ("q", "since", "until", "place", "actor", "cause", "grade", "contradictions", "sort",
           "limit")
#: earlier names of the same filters, still read (deprecated; links use the new names)
FILTER_ALIASES = {"date_from": "since", "date_to": "until",
                  "has_contradictions": "contradictions"}
PAGE_SIZES = (25, 50, 100, 200)


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
                      # templates ship inside the package: checking their mtimes on every
                      # render cost a stat() a page
                      auto_reload=False)
    add_template_filters(env)
    env.filters["urlpart"] = lambda s: quote(str(s), safe="")
    env.filters["num"] = _num
    env.filters["source_name"] = source_name
    env.filters["review_value"] = review_pages.show
    env.globals["grades"] = data.GRADES
    return env


def source_name(source: str) -> str:
    """A provenance source as shown to readers: a file's name, not the server's path."""
    if source.startswith(("http://", "https://", "upload:")) or "/" not in source:
        return source
    return source.rstrip("/").rsplit("/", 1)[-1]


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render(request: Request, template: str, status: int = 200,
           headers: Mapping[str, str] | None = None, **context: Any) -> HTMLResponse:
    settings = corroborate(request).settings
    html = environment().get_template(template).render(
        request_path=request.url.path, private=settings.private, **context)
    return HTMLResponse(html, status_code=status, headers=dict(headers or {}))


def render_error(request: Request, status: int, message: str,
                 headers: Mapping[str, str] | None = None) -> Response:
    if status == 401 and corroborate(request).settings.private and request.method == "GET":
        return render(request, "login.html.j2", status=401, headers=headers, message=message,
                      title="Log in")
    return render(request, "error.html.j2", status=status, headers=headers, status_code=status,
                  message=message, title=f"Error {status}")


def page_access(request: Request) -> None:
    check_read(corroborate(request).settings, request.headers.get("authorization"),
               request.cookies.get(COOKIE))


# --- highlighting --------------------------------------------------------------------

def highlight_html(text: str, notes: Sequence[data.Annotation]) -> Markup:
    """The whole text, escaped, with each extracted value in a focusable ``<mark>``.

    A piece covered by several values carries all of them in its title; the
    innermost decides the colour.  The first piece of each value gets the
    anchor ``at-<start>`` that evidence links point to.
    """
    out: list[str] = []
    anchored: set[int] = set()
    for piece, covering in data.segments(text, notes):
        if not covering:
            out.append(str(escape(piece)))
            continue
        title = "\n".join(a.title for a in covering)
        kinds = " ".join(dict.fromkeys(f"k-{a.kind}" for a in covering))
        starts = [a.start for a in covering if a.start not in anchored]
        anchor = ""
        if starts:
            anchored.update(starts)
            anchor = f' id="at-{min(starts)}"'
        out.append(f'<mark class="ev {escape(kinds)}"{anchor} tabindex="0" '
                   f'title="{escape(title)}" data-kind="{escape(covering[0].kind)}">'
                   f"{escape(piece)}</mark>")
    return Markup("".join(out))


# --- incident list helpers ---------------------------------------------------------------

def parse_filters(params: Mapping[str, str]) -> tuple[IncidentQuery, dict[str, str], list[str]]:
    """Form values -> (query, the values to echo back, problems).  Bad values are
    dropped with a message instead of failing the page."""
    problems: list[str] = []
    params = {**{new: params[old] for old, new in FILTER_ALIASES.items()
                 if params.get(old) and not params.get(new)}, **params}
    echo = {k: (params.get(k) or "").strip()[:200] for k in FILTERS}
    for key in ("since", "until"):
        try:
            check_filter_date(echo[key], key)
        except CorroborateError:
            problems.append(f"{key}: use YYYY-MM-DD")
            echo[key] = ""
    if echo["grade"] and echo["grade"] not in data.GRADES:
        problems.append("unknown grade")
        echo["grade"] = ""
    if echo["sort"] not in data.SORTS:
        if echo["sort"]:
            problems.append("unknown sort")
        echo["sort"] = DEFAULT_SORT
    contra = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
    has = contra.get(echo["contradictions"].lower())
    if echo["contradictions"] and has is None:
        problems.append("contradictions: yes or no")
        echo["contradictions"] = ""
    limit = int(echo["limit"]) if echo["limit"].isdigit() else 50
    limit = min(max(limit, 1), data.MAX_LIMIT)
    echo["limit"] = str(limit)
    page = params.get("page") or "1"
    page_no = min(int(page), 1_000_000) if page.isdigit() and int(page) > 0 else 1
    query = IncidentQuery(q=echo["q"] or None, date_from=echo["since"] or None,
                          date_to=echo["until"] or None, place=echo["place"] or None,
                          actor=echo["actor"] or None, cause=echo["cause"] or None,
                          grade=echo["grade"] or None, has_contradictions=has,
                          sort=echo["sort"], limit=limit, offset=(page_no - 1) * limit)
    return query, echo, problems


def _next_sort(current: str, key: str, desc_first: bool = False) -> str:
    """The sort a column header links to: the other direction when the list is already
    sorted by that column, else its first direction."""
    if current == key:
        return f"-{key}"
    if current == f"-{key}":
        return key
    return f"-{key}" if desc_first else key


def _link(path: str, params: Mapping[str, str], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **{k: str(v) for k, v in changes.items()}}.items()
              if v not in ("", None)}
    if merged.get("sort") == DEFAULT_SORT:
        merged.pop("sort")
    if merged.get("limit") == "50":
        merged.pop("limit")
    if merged.get("page") == "1":
        merged.pop("page")
    return path + ("?" + urlencode(merged) if merged else "")


def _whole(echo: Mapping[str, str]) -> dict[str, str]:
    """The list's filters without its page size: what a download or the map covers."""
    return {k: v for k, v in echo.items() if k != "limit"}


# --- routes ---------------------------------------------------------------------------

class PageCache:
    """A thread-safe LRU of rendered pages, bounded by the bytes it holds rather than a
    count: list pages vary in size with the page length, and a count bound small enough
    to be safe for 200-row pages thrashes on the many distinct URLs of 50-row ones."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Any, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Any) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: Any, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= len(old)
            self._items[key] = body
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.bytes -= len(dropped)


GENERATION_TTL = 1.0  # seconds a looked-up generation is trusted


async def current_generation(request: Request, store: Any) -> int:
    """The store's incidents generation, looked up at most once a second per app: on a
    networked store the look-up would otherwise cost a round trip on every view.  A page
    may therefore lag a re-analysis by up to a second.

    One look-up at a time: while it is under way, other views go on with the value
    already seen.  Without that, the thousands of views a second that a cached page
    allows would each start a look-up the moment the value expires, and all of them
    would queue for the store's few connections."""
    state = request.app.state
    seen = getattr(state, "generation_seen", None)
    now = time.monotonic()
    if seen is None or (now - seen[0] > GENERATION_TTL
                        and not getattr(state, "generation_pending", False)):
        state.generation_pending = True
        try:
            seen = (now, await run_in_threadpool(store.incidents_generation))
            state.generation_seen = seen
        finally:
            state.generation_pending = False
    return int(seen[1])


def page_cache(request: Request) -> PageCache:
    """The app's page cache (one per app, so two apps on two stores never share pages),
    keyed by (path, query string, store generation): a stale generation never matches."""
    cache = getattr(request.app.state, "page_cache", None)
    if cache is None:
        limit = corroborate(request).settings.page_cache_mb * 1024 * 1024
        cache = request.app.state.page_cache = PageCache(limit)
    return cache


def accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _validators(request: Request, key: tuple[str, str, int]) -> dict[str, str]:
    """Headers that let a browser keep a page and ask again cheaply: the ETag names the
    URL, the store generation and the release (whose templates drew the page), so it
    changes whenever the page may have."""
    path, query, generation = key
    private = corroborate(request).settings.private
    tag = zlib.crc32(f"{__version__}|{path}?{query}".encode())
    return {"ETag": f'W/"{generation}-{tag:08x}"',
            "Cache-Control": "private, no-cache" if private else "no-cache",
            "Vary": "Accept-Encoding"}


def _not_modified(request: Request, headers: dict[str, str]) -> bool:
    asked = request.headers.get("if-none-match")
    return asked is not None and (asked.strip() == "*" or headers["ETag"] in
                                  (tag.strip() for tag in asked.split(",")))


def _from_cache(request: Request, gz: bytes, headers: dict[str, str]) -> Response:
    if accepts_gzip(request):
        return Response(gz, media_type="text/html; charset=utf-8",
                        headers={**headers, "Content-Encoding": "gzip"})
    return HTMLResponse(gzip.decompress(gz), headers=headers)


async def cached_page(request: Request, build: Callable[[], Response]) -> Response:
    """Serve a page built from incidents and verdicts only, reusing its rendering until
    the store's generation moves.

    A hit is answered on the event loop: only a miss pays for the thread pool, the store
    and the template.  Pages are kept gzip-compressed and sent as they are to clients
    that accept gzip.  A browser that still holds the page (its ETag) gets 304.
    Anything but a 200 HTML page (errors, exports) is never kept."""
    generation = await current_generation(request, corroborate(request).store)
    cache = page_cache(request)
    if not generation or not cache.max_bytes:
        return await run_in_threadpool(build)
    key = (request.url.path, str(request.url.query), generation)
    headers = _validators(request, key)
    if _not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    gz = cache.get(key)
    if gz is not None:
        return _from_cache(request, gz, headers)
    response = await run_in_threadpool(build)
    if response.status_code == 200 and isinstance(response, HTMLResponse):
        cache.put(key, gzip.compress(bytes(response.body), compresslevel=5, mtime=0))
        response.headers.update(headers)
    return response


def build_pages() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/")
    def home() -> Response:
        return RedirectResponse("/incidents", status_code=303)

    @pages.get("/incidents.{fmt}")
    async def incidents_export(request: Request, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            raise error("E043", f"no export format {fmt!r}: use .csv or .json")
        return await incidents(request, fmt)

    @pages.get("/export/{fmt}")
    def export_download(request: Request, fmt: str) -> Response:
        # every incident matching the list's filters, not one page of them
        page_access(request)
        query, _, problems = parse_filters(dict(request.query_params))
        if problems:
            # a filter the list would drop with a notice must not widen a download
            from starlette.exceptions import HTTPException

            raise HTTPException(400, "; ".join(problems))
        return export_response(request, query, fmt)

    @pages.get("/map")
    async def incident_map(request: Request) -> Response:
        # like the list, the map changes only when incidents are replaced
        page_access(request)
        return await cached_page(request, lambda: map_page(request))

    def map_page(request: Request) -> Response:
        params = dict(request.query_params)
        query, echo, problems = parse_filters(params)
        colour = params.get("colour") or "grade"
        if colour not in mapsvg.COLOURINGS:
            problems.append("colour: grade or contradictions")
            colour = "grade"
        fit_all = params.get("fit") == "all"
        found = data.map_incidents(corroborate(request).store, query)
        view = mapsvg.fitted_view(found.rows, fit_all)
        state = {**_whole(echo), "colour": colour if colour != "grade" else ""}
        return render(
            request, "map.html.j2", title="Map", data=found, echo=echo, problems=problems,
            shown=len(found.rows), map_max=data.MAP_MAX, colour=colour,
            svg=mapsvg.draw(found.rows, colour, view), legend=mapsvg.legend(colour),
            outside=mapsvg.outside(found.rows, view), fit_all=fit_all,
            fit_url=_link("/map", state, fit="" if fit_all else "all"),
            colour_url=lambda key: _link("/map", {**state, "fit": "all" if fit_all else ""},
                                         colour=key if key != "grade" else ""),
            list_url=_link("/incidents", _whole(echo)),
            download_url=lambda fmt: _link(f"/export/{fmt}", _whole(echo)), sizes=())

    @pages.get("/incidents")
    async def incidents(request: Request, format: str | None = None) -> Response:
        # the list is the hottest page and changes only when incidents are replaced
        page_access(request)
        fmt = format or request.query_params.get("format")
        if fmt in ("csv", "json"):
            return await run_in_threadpool(incidents_page, request, fmt)
        return await cached_page(request, lambda: incidents_page(request, None))

    def incidents_page(request: Request, fmt: str | None) -> Response:
        query, echo, problems = parse_filters(dict(request.query_params))
        result = data.list_incidents(corroborate(request).store, query)
        if fmt == "csv":
            return csv_response(result.rows, "incidents.csv")
        if fmt == "json":
            return JSONResponse(result.to_dict())
        page_no = query.offset // query.limit + 1
        pages_total = max(1, -(-result.total // query.limit))
        state = {**echo, "page": str(page_no)}
        return render(
            request, "incidents.html.j2", title="Incidents", page=result, echo=echo,
            problems=problems, page_no=page_no, pages_total=pages_total,
            prev_url=_link("/incidents", state, page=page_no - 1) if page_no > 1 else None,
            next_url=_link("/incidents", state, page=page_no + 1)
            if page_no < pages_total else None,
            sort_url=lambda key, desc_first=False: _link(
                "/incidents", state, page=1, sort=_next_sort(echo["sort"], key, desc_first)),
            export_url=lambda fmt: _link("/incidents", {**echo}, format=fmt),
            download_url=lambda fmt: _link(f"/export/{fmt}", _whole(echo)),
            map_url=_link("/map", _whole(echo)),
            sizes=PAGE_SIZES)

    @pages.get("/incidents/{incident_id}")
    async def incident(request: Request, incident_id: str) -> Response:
        page_access(request)
        return await cached_page(request, lambda: incident_page(request, incident_id))

    def incident_page(request: Request, incident_id: str) -> Response:
        store = corroborate(request).store
        moved = incident_redirect(store, incident_id)
        if moved is not None:
            # merged into another incident: shared links keep working (permanent, and
            # 308 keeps the method)
            return RedirectResponse(f"/incidents/{quote(moved, safe='')}", status_code=308)
        inc = data.get_incident(store, incident_id)
        verdicts = verdicts_for_incident(data.incident_verdicts(store, inc), inc["id"])
        return render(request, "incident.html.j2", title=incident_title(inc),
                      inc=inc, claims=visible_claims(inc),
                      contested={c.get("field") for c in inc.get("contradictions") or []},
                      empty_cell={"value": None, "display": "—", "disagrees": False,
                                  "attribution": None, "evidence": []},
                      verdicts=verdicts,
                      claim_index=data.claim_index(verdicts, inc["id"]),
                      badge=grade_badge((inc.get("grade") or {}).get("label"),
                                        [c.get("field") for c in inc.get("contradictions") or []]),
                      range_svg=svg.range_chart(inc), timeline_svg=svg.timeline_chart(inc),
                      origin_of={a: o for o in inc.get("origins") or []
                                 for a in o.get("article_ids") or []},
                      rv=review_pages.incident_review(request, inc))

    @pages.get("/articles/{article_id:path}")
    def article(request: Request, article_id: str) -> Response:
        page_access(request)
        view = data.article_view(corroborate(request).store, article_id)
        notes = [data.Annotation(**a) for a in view["annotations"]]
        counts = {k: sum(1 for a in notes if a.kind == k) for k in data.KINDS}
        return render(request, "article.html.j2", title=view["article"]["title"] or article_id,
                      view=view, art=view["article"], counts=counts, notes=notes,
                      body=highlight_html(view["full_text"], notes),
                      rv=review_pages.article_review(request, article_id, view["extraction"]))

    @pages.get("/outlets.{fmt}")
    def outlets_export(request: Request, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            raise error("E043", f"no export format {fmt!r}: use .csv or .json")
        return outlets(request, fmt)

    @pages.get("/outlets")
    def outlets(request: Request, format: str | None = None) -> Response:
        page_access(request)
        rows = outlet_rows(request)
        if format == "csv":
            return csv_response(rows, "outlets.csv")
        if format == "json":
            return JSONResponse({"outlets": rows})
        return render(request, "outlets.html.j2", title="Outlets", rows=rows,
                      chart=svg.outlets_chart(rows))

    @pages.get("/ingest")
    def ingest_form(request: Request) -> Response:
        page_access(request)
        return ingest_page(request)

    @pages.post("/ingest")
    async def ingest_post(request: Request) -> Response:
        import anyio

        settings = corroborate(request).settings
        limit = settings.max_upload_bytes
        overflow: Overflow | None = None
        try:
            # the token is checked and the size bounded before the body is spooled
            guarded, overflow = await guarded_request(request, settings, limit)
            # the context closes the spooled upload files however this ends
            async with guarded.form(max_files=50, max_fields=20,
                                    max_part_size=limit) as form:
                token = form.get("token")
                check_write(settings, request.headers.get("authorization"),
                            token if isinstance(token, str) and token
                            else request.cookies.get(COOKIE))
                files: list[tuple[str, bytes]] = []
                total = 0
                for up in form.getlist("files"):
                    if isinstance(up, str) or not up.filename:
                        continue
                    content = await up.read(limit + 1)
                    total += len(content)
                    check_upload(up.filename, len(content), limit)
                    if total > limit:
                        raise error("E060", f"the files add up to more than {limit:,} bytes")
                    files.append((up.filename, content))
                pasted = _pasted(form)
                if not files and pasted is None:
                    return ingest_page(request, status=422,
                                       message="choose a file or paste the text of an article")
        except AuthError as exc:
            return ingest_page(request, status=exc.status, message=str(exc))
        except StarletteHTTPException:
            # the form parser stopped because the body outgrew the limit: E060
            if overflow is None or overflow.error is None:
                raise
            return ingest_page(request, status=413, message=str(overflow.error))
        except CorroborateError as exc:
            status = {"E060": 413, "E061": 415}.get(exc.code, 422)
            return ingest_page(request, status=status, message=str(exc))
        runner = request.app.state.jobs
        stored: list[dict[str, Any]] = []
        if pasted is not None:
            stored = await anyio.to_thread.run_sync(
                data.store_articles, corroborate(request).store, [pasted])
        job = runner.submit_files(files, stored)
        return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)

    @pages.get("/ingest/jobs/{job_id}")
    def job_status(request: Request, job_id: str) -> Response:
        page_access(request)
        job = request.app.state.jobs.get(job_id)
        if job is None:
            return render_error(request, 404, f"no ingest job {job_id!r} (finished jobs are "
                                f"forgotten after the newest {MAX_JOBS})")
        return render(request, "job.html.j2", title="Ingest progress", job=job)

    @pages.get("/login")
    def login_form(request: Request) -> Response:
        return render(request, "login.html.j2", title="Log in", message=None)

    @pages.post("/login")
    async def login(request: Request) -> Response:
        settings = corroborate(request).settings
        async with request.form(max_files=0, max_fields=5, max_part_size=4096) as form:
            token = form.get("token")
        try:
            check_read(settings.model_copy(update={"private": True}), None,
                       token if isinstance(token, str) and token else None)
        except AuthError as exc:
            return render(request, "login.html.j2", status=exc.status, title="Log in",
                          message=str(exc))
        resp = RedirectResponse("/incidents", status_code=303)
        resp.set_cookie(COOKIE, str(token), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
        return resp

    return pages


def visible_claims(inc: Mapping[str, Any]) -> list[str]:
    """Matrix columns at least one report fills (empty columns only widen the table)."""
    rows = (inc.get("matrix") or {}).get("rows") or []
    return [c for c in (inc.get("matrix") or {}).get("claims") or []
            if any((r.get("cells") or {}).get(c, {}).get("value") is not None for r in rows)]


def _pasted(form: Any) -> Any:
    text = form.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    published = (form.get("published") or "").strip() if isinstance(form.get("published"),
                                                                     str) else ""
    if published and not DATE_RE.match(published):
        raise error("E015", f"published {published!r}: use YYYY-MM-DD", field="published")
    record = {k: form.get(k) if isinstance(form.get(k), str) else None
              for k in ("title", "outlet", "url")}
    record.update(text=text, published=published or None)
    check_storable(record, "form")
    article = data.api_article(record, 0)
    article.provenance[0].source = "paste"
    return article


def ingest_page(request: Request, status: int = 200, message: str | None = None) -> Response:
    settings = corroborate(request).settings
    return render(request, "ingest.html.j2", status=status, title="Ingest",
                  message=message, writable=writes_enabled(settings),
                  max_mb=round(settings.max_upload_bytes / 1024 / 1024, 1),
                  accept=",".join(sorted(ALLOWED_SUFFIXES)))
