"""Error responses: JSON under /api/, HTML pages elsewhere; never a trace.

The message is in the request's language (German unless ``Accept-Language`` or the language
switch asks for English, see :mod:`web.i18n`); the JSON body's ``error`` code and ``field``
stay the same machine-readable values in every language.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from search_service.errors import (
    ConfigurationError,
    ElasticsearchUnavailable,
    NotFound,
    SearchInputError,
)
from web.backend import backend
from web.messages import localize
from web.schemas import ErrorSchema

log = logging.getLogger(__name__)

_TITLES = {400: _l("Ungültige Anfrage"), 404: _l("Nicht gefunden"),
           405: _l("Methode nicht erlaubt"), 413: _l("Anfrage zu groß"),
           429: _l("Zu viele Anfragen"), 500: _l("Interner Fehler"),
           503: _l("Suche nicht verfügbar")}
_CODES = {400: "invalid_request", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 429: "rate_limited", 500: "internal_error",
          503: "service_unavailable"}
# web.messages translates it; the limit reads like "60 per 1 minute" (web.rate_limits).
RATE_LIMITED = "Too many requests from this client: at most {limit}. Try again later."
UNEXPECTED = "An unexpected error occurred; it has been logged."  # web.messages translates it


def error_response(status: int, message: str, field: str | None = None
                   ) -> tuple[Response | str, int]:
    """``message`` (English from the layers below, or already in the request's language)
    shown in the request's language; ``field`` is the argument's code."""
    text = localize(message)
    if request.path.startswith("/api/"):
        body = ErrorSchema().dump({"error": _CODES.get(status, "error"), "field": field,
                                   "message": text})
        return jsonify(body), status
    return render_template("error.html", status=status, title=_TITLES.get(status, _l("Fehler")),
                           message=text, field=field), status


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

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(error: RateLimitExceeded) -> tuple[Response | str, int]:
        # Flask-Limiter adds Retry-After and the X-RateLimit-* headers to this response.
        return error_response(429, RATE_LIMITED.format(limit=error.description))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
        status = error.code or 500
        if status >= 500 or status in _TITLES:
            return error_response(status, error.description or str(_TITLES.get(status, "")))
        return error

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[Response | str, int]:
        log.exception("unexpected error on %s", request.path)
        return error_response(500, UNEXPECTED)
