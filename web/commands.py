"""``wortlaut serve``: the web app under the production server, or Flask's development one."""

from __future__ import annotations

import click

from search_service.settings import Settings


@click.command()
@click.option("--host", default=None, help="Address to bind (default WORTLAUT_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default WORTLAUT_PORT, 5000).")
@click.option("--dev", is_flag=True,
              help="Flask's development server: one process, tracebacks in the log.")
def serve(host: str | None, port: int | None, dev: bool) -> None:
    """Serve the web app and JSON API.

    By default under granian, as the Docker image does: WORTLAUT_WEB_WORKERS processes
    (2) of WORTLAUT_WEB_THREADS threads (4). Stop it with Ctrl-C.
    """
    settings = Settings.from_env()
    if dev:
        from web.app import create_app

        create_app(settings).run(host=host or settings.web_host,
                                 port=port or settings.web_port, debug=False)
        return
    from web.server import server

    server(settings, host=host, port=port).serve()
