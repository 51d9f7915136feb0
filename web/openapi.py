"""The API's flask-smorest setup: its blueprint class, the OpenAPI document and a docs page.

Each ``/api/v1`` view declares its argument schema (``@blp.arguments``), its response
schema (``@blp.response``) and its error responses (``@blp.errors``) once; flask-smorest
validates and serialises with them and generates ``/api/v1/openapi.json`` from them.
Nothing about paths or fields is written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import flask_smorest
from flask import Blueprint, Flask, current_app, render_template

from web.schemas import ErrorSchema
from web.schemas.requests import Parser
from web.serialize import FastDump

View = TypeVar("View", bound=Callable[..., Any])

CONFIG: dict[str, Any] = {
    "API_TITLE": "Wortlaut API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {"info": {"description": "Quotes from official press releases: "
                                  "who said what, when, in which exact words."}},
}
ERRORS = {400: "Invalid input; `field` names it.", 404: "No such id.",
          503: "Elasticsearch unreachable."}
EXTENSION = "wortlaut.api"


class ApiBlueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """A blueprint of the API: arguments parsed by :class:`Parser` (400 naming the field),
    responses dumped by the compiled plan of their schema (:mod:`web.serialize`).

    The decorators are flask-smorest's, re-declared with types (it ships none).
    """

    ARGUMENTS_PARSER = Parser()

    def get(self, rule: str, **options: Any) -> Callable[[View], View]:
        decorator: Callable[[View], View] = self.route(rule, methods=["GET"], **options)
        return decorator

    def post(self, rule: str, **options: Any) -> Callable[[View], View]:
        decorator: Callable[[View], View] = self.route(rule, methods=["POST"], **options)
        return decorator

    def arguments(self, schema: Any, **kwargs: Any) -> Callable[[View], View]:
        # One schema per route: given a class, webargs would make (and deep-copy the
        # fields of) a new instance for every request.
        if isinstance(schema, type):
            schema = schema()
        decorator: Callable[[View], View] = super().arguments(schema, **kwargs)
        return decorator

    def response(self, status_code: int, schema: Any = None, **kwargs: Any
                 ) -> Callable[[View], View]:
        if isinstance(schema, type):
            schema = FastDump(schema)
        decorator: Callable[[View], View] = super().response(status_code, schema, **kwargs)
        return decorator

    @staticmethod
    def _make_doc_response_schema(schema: Any) -> Any:
        # flask-smorest's hook for the schema the document shows: the marshmallow schema
        return schema.schema if isinstance(schema, FastDump) else schema

    def alt_response(self, status_code: int, **kwargs: Any) -> Callable[[View], View]:
        decorator: Callable[[View], View] = super().alt_response(status_code, **kwargs)
        return decorator

    def doc(self, **kwargs: Any) -> Callable[[View], View]:
        decorator: Callable[[View], View] = super().doc(**kwargs)
        return decorator

    def errors(self, *codes: int) -> Callable[[View], View]:
        """Document error responses (``ErrorSchema`` bodies, see :mod:`web.errors`)."""
        def decorate(view: View) -> View:
            for code in codes:
                view = self.alt_response(code, schema=ErrorSchema,
                                         description=ERRORS[code])(view)
            return view
        return decorate


class Api(flask_smorest.Api):  # type: ignore[misc]
    # Error bodies are Wortlaut's (web.errors), documented per operation.
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None


def init_api(app: Flask, blueprints: list[flask_smorest.Blueprint]) -> Api:
    """Serve the OpenAPI document of ``blueprints`` at /api/v1/openapi.json.

    Call before :func:`web.errors.register_error_handlers`: flask-smorest registers its own
    handler of HTTP errors, which Wortlaut's (JSON or HTML by path) must replace.
    """
    for key, value in CONFIG.items():
        app.config.setdefault(key, value)
    api = Api(app)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.extensions[EXTENSION] = api
    return api


docs = Blueprint("docs", __name__, url_prefix="/api/v1")


@docs.get("/docs")
def docs_page() -> str:
    """A browsable, server-rendered listing of the OpenAPI document."""
    spec = current_app.extensions[EXTENSION].spec.to_dict()
    return render_template("api_docs.html", spec=spec)
