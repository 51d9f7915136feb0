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

from tests.reliability.conftest import FIGURES
from web.app import create_app
from web.openapi import PATHS

EXAMPLES = int(os.environ.get("WORTLAUT_FUZZ_EXAMPLES", "15"))
OPERATIONS = [(method.upper(), path) for path, ops in PATHS.items() for method in ops]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_the_fuzzed_operations_are_all_the_documented_ones(settings: Any) -> None:
    spec = create_app(settings).test_client().get("/api/v1/openapi.json").json
    assert spec is not None
    assert {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops} == set(OPERATIONS)


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
