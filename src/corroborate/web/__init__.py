"""The web app and HTTP API (FastAPI), built on the same `Corroborate` app object as the CLI.

``create_app(app)`` returns an ASGI app: server-rendered pages (``/incidents``,
``/incidents/{id}``, ``/articles/{id}``, ``/outlets``, ``/ingest``) and a JSON API
under ``/api/v1/`` with its OpenAPI schema at ``/api/v1/openapi.json``.  Every
view calls a plain function of `corroborate.web.data` (or the store) and
renders what it returns.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..app import Corroborate

HERE = Path(__file__).parent
API_PREFIX = "/api/v1"

#: catalogue code -> HTTP status
STATUS = {"E043": 404, "E044": 404, "E137": 409, "E142": 409, "E138": 404, "E060": 413, "E061": 415, "E062": 401, "E012": 422,
          "E015": 422, "E107": 422, "E108": 422, "E109": 422}


def create_app(app: Corroborate) -> FastAPI:
    """The FastAPI application serving ``app``'s store."""
    from fastapi import Depends, FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from .. import __version__
    from ..errors import CorroborateError
    from .api import build_api
    from .edge import reject_nul
    from .jobs import JobRunner
    from .pages import build_pages, render_error
    from .review_api import build_review_api
    from .review_pages import build_review_pages
    from .security import AuthError, SecurityHeaders

    jobs = JobRunner(app)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Everything built so far (the app, routes, templates, gazetteer tables) lives as
        # long as the process: freezing it keeps the collector from walking it again on
        # every full collection (11% of a loaded worker's samples in a py-spy profile).
        gc.collect()
        gc.freeze()
        # jobs a killed server left running: marked interrupted, their articles linked
        jobs.recover()
        yield
        # let a running pipeline job finish its transaction; queued ones are dropped
        jobs.shutdown()

    web = FastAPI(
        lifespan=lifespan,
        # once for every route, before any parameter reaches the store
        dependencies=[Depends(reject_nul)],
        title="Corroborate API",
        version=__version__,
        description="Incidents linked across news reports, their claims, contradictions and "
                    "credibility. See docs/api.md.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # the interactive docs load scripts from a CDN; the schema is served instead
        docs_url=None, redoc_url=None,
    )
    web.state.corroborate = app
    web.state.jobs = jobs

    def status_of(exc: CorroborateError) -> int:
        if isinstance(exc, AuthError):
            return exc.status
        return STATUS.get(exc.code, 400)

    @web.exception_handler(CorroborateError)
    async def _catalogue_error(request: Request, exc: CorroborateError) -> Response:
        status = status_of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse({"error": exc.to_dict()}, status_code=status, headers=headers)
        return render_error(request, status, str(exc), headers=headers)

    @web.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                    for e in exc.errors()]
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse({"detail": problems}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in p['loc'][1:])}: {p['msg']}"
                         for p in problems)
        return render_error(request, 422, f"bad request: {text}")

    @web.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # unmatched routes and framework errors answer in the API's error shape too
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse({"error": http_error_body(exc.status_code, str(exc.detail))},
                                status_code=exc.status_code, headers=exc.headers)
        return render_error(request, exc.status_code, str(exc.detail), headers=exc.headers)

    web.include_router(build_api(), prefix=API_PREFIX)
    web.include_router(build_review_api(), prefix=API_PREFIX)
    web.include_router(build_review_pages())
    web.include_router(build_pages())
    web.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    web.add_middleware(SecurityHeaders)
    return web


def http_error_body(status: int, message: str) -> dict[str, Any]:
    """An error that is no catalogue error (unknown route, wrong method) in the same shape;
    its code is ``HTTP<status>``."""
    return {"code": f"HTTP{status}", "message": message, "file": None, "row": None,
            "field": None, "context": {}, "error": f"HTTP{status}: {message}"}


def app_from_env() -> Any:
    """Factory for ``uvicorn --factory`` (several worker processes): settings from
    the environment that ``corroborate serve`` sets."""
    from ..app import Corroborate
    from ..config import Settings

    return create_app(Corroborate(Settings.load(os.environ.get("CORROBORATE_CONFIG"))))
