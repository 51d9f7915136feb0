"""``wortlaut serve``: the web app on the development server."""

from __future__ import annotations

import click

from search_service.settings import Settings


@click.command()
@click.option("--host", default=None, help="Address to bind (default WORTLAUT_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default WORTLAUT_PORT, 5000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the web app and JSON API (development server; production uses gunicorn)."""
    from web.app import create_app

    settings = Settings.from_env()
    app = create_app(settings)
    app.run(host=host or settings.web_host, port=port or settings.web_port, debug=False)
