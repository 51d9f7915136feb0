"""Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis).

Every operation of ``/api/v1/openapi.json`` is called with generated arguments, valid
and invalid, against the app on the real node (the fixture corpus plus hostile
records). No answer may be a 5xx, and every answer must match the documented status
codes, content types and response schemas. ``make test`` runs a bounded number of
examples per operation; ``make soak`` runs many more (``WORTLAUT_FUZZ_EXAMPLES``).

Hypothesis drives the operations' strategies directly (schemathesis' pytest plugin
does not support pytest 9 yet).
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from search_service.settings import Settings
from tests.reliability.conftest import FIGURES
from web.app import create_app

EXAMPLES = int(os.environ.get("WORTLAUT_FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
UNDOCUMENTED = {("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/docs")}


def _operations(app: Flask) -> set[tuple[str, str]]:
    """(method, path) of every operation in the app's OpenAPI document."""
    spec = app.test_client().get("/api/v1/openapi.json").json
    assert spec is not None
    return {(method.upper(), path) for path, item in spec["paths"].items()
            for method in item if method != "parameters"}


OPERATIONS = sorted(_operations(create_app(Settings.from_env({}))))


def test_every_api_route_is_documented_and_fuzzed(settings: Settings) -> None:
    app = create_app(settings)
    routes = {(method, re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule))
              for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/") or rule.rule == "/healthz"
              for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}}
    assert routes - UNDOCUMENTED == _operations(app) == set(OPERATIONS)


@pytest.fixture(scope="module")
def api_schema(hostile_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", hostile_app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_never_fails_on_generated_input(api_schema: Any, method: str, path: str,
                                                mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    sent = {"requests": 0, "server errors": 0}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def call(case: Any) -> None:
        response = case.call()
        sent["requests"] += 1
        sent["server errors"] += response.status_code >= 500
        checks = CHECKS if mode is GenerationMode.POSITIVE else [not_a_server_error]
        case.validate_response(response, checks=checks)

    try:
        call()
    except Unsatisfiable:
        # a path id is any string: there is no invalid value to generate for it
        assert mode is GenerationMode.NEGATIVE and sent["requests"] == 0
    finally:
        FIGURES["requests sent"] += sent["requests"]
        FIGURES["fuzzed API requests"] += sent["requests"]
        FIGURES["errors seen"] += sent["server errors"]
