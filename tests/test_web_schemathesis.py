"""Property-based API tests from the OpenAPI schema (schemathesis), bounded examples."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_fixtures import TOKEN, demo_db, demo_db_template  # noqa: F401

from corroborate.app import Corroborate
from corroborate.config import Settings


@pytest.fixture
def web_schema(demo_db: Any) -> Any:
    from corroborate.web import create_app

    app = create_app(Corroborate(Settings(db=str(demo_db), token=TOKEN)))
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_web_api_conforms_to_its_schema(case: Any) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None
    # no 5xx, documented status codes, content types and bodies
    case.call_and_validate(headers=headers, checks=[
        status_code_conformance, content_type_conformance, response_schema_conformance])
