"""Error responses: JSON under /api/, German HTML pages elsewhere; never a trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search_service.errors import (
    ConfigurationError,
    ElasticsearchUnavailable,
    NotFound,
    SearchInputError,
)
from web.backend import backend
from web.schemas import ErrorSchema

log = logging.getLogger(__name__)

_TITLES = {400: "Ungültige Anfrage", 404: "Nicht gefunden", 405: "Methode nicht erlaubt",
           413: "Anfrage zu groß", 500: "Interner Fehler", 503: "Suche nicht verfügbar"}
_CODES = {400: "invalid_request", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 500: "internal_error", 503: "service_unavailable"}


def error_response(status: int, message: str, field: str | None = None
                   ) -> tuple[Response | str, int]:
    if request.path.startswith("/api/"):
        body = ErrorSchema().dump({"error": _CODES.get(status, "error"), "field": field,
                                   "message": message})
        return jsonify(body), status
    return render_template("error.html", status=status, title=_TITLES.get(status, "Fehler"),
                           message=message, field=field), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(SearchInputError)
    def invalid(error: SearchInputError) -> tuple[Response | str, int]:
        return error_response(400, error.message, error.field)

    @app.errorhandler(NotFound)
    def not_found(error: NotFound) -> tuple[Response | str, int]:
        return error_response(404, str(error))

    @app.errorhandler(ElasticsearchUnavailable)
    @app.errorhandler(ConfigurationError)
    def unavailable(error: Exception) -> tuple[Response | str, int]:
        backend().reset()  # the next request connects afresh: recovery without a restart
        return error_response(503, str(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
        status = error.code or 500
        if status >= 500 or status in _TITLES:
            return error_response(status, error.description or _TITLES.get(status, ""))
        return error

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[Response | str, int]:
        log.exception("unexpected error on %s", request.path)
        return error_response(500, "An unexpected error occurred; it has been logged.")
