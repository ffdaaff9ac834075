"""Property-based API tests from the OpenAPI schema (schemathesis), bounded examples."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from corroborate.app import Corroborate
from corroborate.config import Settings
from web_fixtures import TOKEN


@pytest.fixture
def web_client(demo_db: Any) -> Iterator[Any]:
    """One TestClient, opened and closed by us (schemathesis' own ASGI transport leaves
    anyio streams open, which fails under filterwarnings=error)."""
    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    app = Corroborate(Settings(db=str(demo_db), token=TOKEN))
    with TestClient(create_app(app)) as client:
        yield client
    app.close()


@pytest.fixture
def web_schema(web_client: Any) -> Any:
    loaded = schemathesis.openapi.from_dict(web_client.get("/api/v1/openapi.json").json())
    # the coverage phase enumerates every parameter combination (thousands of calls);
    # fuzzing with a bounded number of examples keeps this test under a minute
    loaded.config.phases.update(phases=["examples", "fuzzing"])
    return loaded


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_web_api_conforms_to_its_schema(case: Any, web_client: Any) -> None:
    headers = None
    if case.method == "POST":
        headers = {"Authorization": f"Bearer {TOKEN}"}
        # the pipeline runs in the background; waiting for each run would only add minutes
        case.query = {k: v for k, v in (case.query or {}).items() if k != "wait"}
    kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
    kwargs.pop("timeout", None)
    kwargs.pop("verify", None)
    kwargs.pop("allow_redirects", None)
    # httpx deprecates per-request cookies; the API reads none, so send them as a header
    if isinstance(kwargs.get("data"), bytes | str):  # requests-style raw body
        kwargs["content"] = kwargs.pop("data")
    cookies = kwargs.pop("cookies", None)
    if cookies:
        kwargs.setdefault("headers", {})["Cookie"] = "; ".join(f"{k}={v}"
                                                              for k, v in cookies.items())
    # real clients cannot send non-ASCII header values either; httpx refuses them
    kwargs["headers"] = {k: v for k, v in (kwargs.get("headers") or {}).items()
                         if str(v).isascii()}
    response = web_client.request(**kwargs)
    assert response.status_code < 500, response.text
    # documented status codes, content types and bodies
    case.validate_response(response, checks=[
        status_code_conformance, content_type_conformance, response_schema_conformance])
