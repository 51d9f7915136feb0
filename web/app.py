"""The Flask app factory: blueprints, error handlers, security headers, /healthz."""

from __future__ import annotations

from collections.abc import Callable
from types import FunctionType
from typing import Any

import orjson
from flask import Flask, Response
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

from search_service.client import node_url
from search_service.errors import ElasticsearchUnavailable
from search_service.limits import LIMITS
from search_service.settings import Settings
from search_service.status import ServiceStatus, service_status
from web.api import api
from web.backend import backend, init_backend
from web.errors import register_error_handlers
from web.export import export
from web.feeds import feeds
from web.formatting import register_filters
from web.i18n import init_i18n
from web.messages import localize
from web.openapi import ApiBlueprint, docs, init_api
from web.pages import pages
from web.rate_limits import init_rate_limits
from web.schemas import HealthSchema
from web.verify import verification, verification_api

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"))


class SafeJSONProvider(DefaultJSONProvider):
    """JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes: the same data, but a response
    body never contains markup from the sources, whatever a client does with it."""

    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return self._encoded(obj, **kwargs).decode()

    def response(self, *args: Any, **kwargs: Any) -> Response:
        # The body straight from the bytes orjson writes (no str round trip).
        obj = self._prepare_response_obj(args, kwargs)
        indent = (self.compact is None and self._app.debug) or self.compact is False
        return Response(self._encoded(obj, indent=indent) + b"\n", mimetype=self.mimetype)

    def _encoded(self, obj: Any, **kwargs: Any) -> bytes:
        # orjson for speed; dates and dataclasses still go through Flask's conversion
        # (HTTP dates), so the output is what the standard provider would write. The three
        # characters are ASCII, never part of a multi-byte UTF-8 sequence.
        option = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
        if kwargs.get("indent"):
            option |= orjson.OPT_INDENT_2
        if kwargs.get("sort_keys"):
            option |= orjson.OPT_SORT_KEYS
        data = orjson.dumps(obj, default=kwargs.get("default", self.default), option=option)
        return data.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class WortlautFlask(Flask):
    """Flask, asking once per function whether it is a coroutine function: Flask's
    :meth:`~flask.Flask.ensure_sync` asks ``inspect`` for every hook and view of every
    request (seven a search). Only plain functions are remembered; they are the app's
    own, defined once (a bound method may belong to an object made per request)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if type(func) is not FunctionType:
            return super().ensure_sync(func)
        sync = self._sync.get(func)
        if sync is None:
            sync = self._sync[func] = super().ensure_sync(func)
        return sync


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = WortlautFlask(__name__)
    app.json = SafeJSONProvider(app)
    # The largest legitimate body is a verification request (5,000 characters of text);
    # anything much bigger is refused (413) before it is read into memory.
    app.config["MAX_CONTENT_LENGTH"] = LIMITS.request_body
    app.config["MAX_FORM_MEMORY_SIZE"] = LIMITS.request_body
    app.config["WORTLAUT_SETTINGS"] = settings
    if settings.proxies:
        # Behind WORTLAUT_PROXIES reverse proxies the client's address (rate limits, logs)
        # and the public scheme and host (feed links) come from their X-Forwarded-* headers.
        n = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    init_backend(app, settings)
    init_i18n(app)
    register_filters(app)
    health = ApiBlueprint("health", __name__, description="Service status.")

    @health.get("/healthz")
    @health.response(200, HealthSchema, description="Elasticsearch and the indices answer.")
    @health.alt_response(503, schema=HealthSchema, description="Elasticsearch or an index "
                         "is not available.")
    def healthz() -> tuple[dict[str, Any], int]:
        """Service and Elasticsearch status."""
        message = None
        try:
            status = service_status(backend().client(), backend().names)
        except ElasticsearchUnavailable as error:
            status, message = ServiceStatus("unreachable", []), str(error)
        if not status.ok and message is None:
            message = f"Elasticsearch at {node_url(backend().client())} is not answering."
        if not status.ok:
            backend().reset()  # reconnect on the next request (the node may have moved)
        body = {
            "status": "ok" if status.ok else "unavailable",
            "elasticsearch": status.elasticsearch,
            "indices": status.indices,
            "message": localize(message) if message else None,
        }
        return body, 200 if status.ok else 503

    # The API's blueprints (/api/v1 and /healthz) are registered through flask-smorest,
    # which documents them; its handler of HTTP errors is replaced by Wortlaut's below.
    init_api(app, [api, export, verification_api, health])
    register_error_handlers(app)
    for blueprint in (pages, docs, verification, feeds):
        app.register_blueprint(blueprint)
    init_rate_limits(app, settings)

    @app.after_request
    def security_headers(response: Response) -> Response:
        # The headers' names read once (four setdefault calls scan them four times).
        present = {name.lower() for name, _ in response.headers}
        for name, value in SECURITY_HEADERS:
            if name.lower() not in present:
                response.headers.add(name, value)
        return response

    return app
