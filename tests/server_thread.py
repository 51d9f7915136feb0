"""Run a socketserver-style HTTP server (stdlib or werkzeug) on a thread for a test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class _Server(Protocol):
    server_port: int

    def serve_forever(self) -> None: ...

    def shutdown(self) -> None: ...


@contextmanager
def running(server: _Server) -> Iterator[str]:
    """Serve until the block ends; yields the base URL (the server binds 127.0.0.1)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
