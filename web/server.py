"""The production server: the app under granian (``wortlaut serve``, the Docker image).

granian (a WSGI server written in Rust) runs ``settings.web_workers`` processes, each
running the app on ``settings.web_threads`` threads; HTTP parsing, keep-alive and the
hand-over to Python are native code. Against gunicorn's threaded workers it served the
bench's mix with less CPU per request in 13 of 14 alternating rounds: 5-17 % less at 4
clients, 1-8 % at 1 and 16 (README, "Performance").

Each worker builds the app once (:func:`application`) and then moves its start-up objects
(modules, schemas, compiled dumps, word lists) out of the garbage collector's generations:
they live as long as the worker, and every full collection would walk them again.
"""

from __future__ import annotations

import gc
from typing import Any

from flask import Flask
from granian import Granian
from granian.constants import Interfaces
from granian.server.common import AbstractServer

from search_service.settings import Settings
from web.app import create_app


def application() -> Flask:
    """The app of one worker process (granian's factory target, ``web.server:application``)."""
    app = create_app()
    gc.freeze()
    return app


def server(settings: Settings, *, host: str | None = None,
           port: int | None = None) -> AbstractServer[Any]:
    """The server for ``settings`` (address and port default to WORTLAUT_HOST/PORT)."""
    return Granian(
        f"{__name__}:application", factory=True, interface=Interfaces.WSGI,
        address=host or settings.web_host, port=port or settings.web_port,
        workers=settings.web_workers, blocking_threads=settings.web_threads,
        websockets=False, respawn_failed_workers=True)


def main() -> None:  # python -m web.server
    server(Settings.from_env()).serve()


if __name__ == "__main__":
    main()
