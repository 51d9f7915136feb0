"""Per-client rate limits on the app's endpoints (Flask-Limiter).

Each endpoint belongs to one group with one budget per client (its IP address): the
expensive ones (verification, exports, more-like-this) get tight budgets, everything
else a generous one. The rates come from the settings (``WORTLAUT_RATE_LIMITS``; defaults
in :data:`search_service.settings.DEFAULT_RATE_LIMITS`). A client over its budget gets 429
with ``Retry-After`` (and the ``X-RateLimit-*`` headers), as JSON under ``/api/`` and as a
page elsewhere (``web.errors``); the other clients are served as before.

Counts live in memory by default, so each app process counts for itself (with the
server's two workers a client may get up to twice its budget); ``WORTLAUT_RATE_LIMIT_STORAGE``
set to a Redis URL shares them between processes and machines.

Behind a reverse proxy every request comes from the proxy's address: set
``WORTLAUT_PROXIES`` to the number of proxies in front (``web.app``), so that
``remote_addr`` is the client's, read from ``X-Forwarded-For``.
"""

from __future__ import annotations

from typing import cast

from flask import Flask
from flask.typing import RouteCallable
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from search_service.settings import Settings

# Endpoints by group: what each request costs decides its budget. Endpoints not named
# here (static files, /healthz, the API document) are not limited.
GROUPS: dict[str, tuple[str, ...]] = {
    "verify": ("verify.verify_api", "verify.verify_claimreview",
               "verification.verify_page"),  # counted on POST only: the empty form is free
    "export": ("export.export_csv", "export.export_json"),
    "similar": ("api.similar",),
    "search": ("api.quotes", "api.quote", "api.releases", "api.release", "api.speakers",
               "api.speaker", "pages.search", "pages.quote", "pages.release",
               "pages.releases", "pages.speaker", "pages.speakers", "pages.status",
               "feeds.quotes", "feeds.speaker"),
}


def init_rate_limits(app: Flask, settings: Settings) -> Limiter | None:
    """Put every endpoint of :data:`GROUPS` under its group's rate; ``None`` when the
    settings turn rate limiting off. Call after the blueprints are registered."""
    rates = dict(settings.rate_limits)
    if not rates:
        return None
    # One limiter per app: apps made in one process (tests) never share counts.
    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.rate_limit_storage,
                      headers_enabled=True, strategy="moving-window",
                      key_prefix=f"wortlaut-{settings.index_prefix}")
    for group, endpoints in GROUPS.items():
        rate = rates.get(group)
        if rate is None:
            continue
        shared = limiter.shared_limit(rate, scope=group,
                                      methods=["POST"] if group == "verify" else None)
        for endpoint in endpoints:
            view = app.view_functions.get(endpoint)
            if view is not None:
                app.view_functions[endpoint] = cast(RouteCallable, shared(view))
    return limiter
