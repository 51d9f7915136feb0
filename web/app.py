"""The Flask app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template

from search_service.client import make_client, resolve_url
from search_service.errors import ElasticsearchUnavailable
from search_service.indices import IndexNames
from search_service.settings import Settings
from search_service.status import ServiceStatus, service_status
from web.schemas import HealthSchema


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["WORTLAUT_SETTINGS"] = settings
    names = IndexNames(settings.index_prefix)

    def current_status() -> tuple[ServiceStatus, str | None]:
        try:
            client = make_client(settings, resolve_url(settings))
        except ElasticsearchUnavailable as error:
            return ServiceStatus("unreachable", []), str(error)
        status = service_status(client, names)
        message = None if status.ok else (
            f"Elasticsearch at {client.transport.node_pool.get().base_url} is not answering."
        )
        return status, message

    @app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        status, message = current_status()
        body: dict[str, Any] = HealthSchema().dump({
            "status": "ok" if status.ok else "unavailable",
            "elasticsearch": status.elasticsearch,
            "indices": status.indices,
            "message": message,
        })
        return jsonify(body), 200 if status.ok else 503

    @app.get("/")
    def home() -> tuple[str, int]:
        status, message = current_status()
        return render_template("home.html", status=status, message=message), (
            200 if status.ok else 503
        )

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app
