"""One settings object, read from ``WORTLAUT_*`` environment variables.

Every variable is documented in the README ("Configuration"). Reading is pure:
``Settings.from_env(environ)`` takes a mapping, so tests pass their own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from search_service.errors import ConfigurationError

DEFAULT_ES_VERSION = "8.19.21"
DEFAULT_INDEX_PREFIX = "wortlaut"
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
_HEAP_RE = re.compile(r"^[1-9][0-9]*[mg]$")


def default_home(environ: Mapping[str, str]) -> Path:
    """Where downloads, the unpacked distribution and the local node live.

    Root gets a system-wide folder because the node then runs as an unprivileged
    user (Elasticsearch refuses root) that must be able to read the distribution.
    """
    if "WORTLAUT_HOME" in environ:
        return Path(environ["WORTLAUT_HOME"]).expanduser()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/cache/wortlaut")
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wortlaut"


def redact_url(url: str) -> str:
    """``url`` with any user and password before the host replaced by ``***``
    (``http://***@host:9200``), for messages and logs: a password in WORTLAUT_ES_URL
    is never printed."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


@dataclass(frozen=True)
class Settings:
    es_url: str | None
    index_prefix: str
    es_timeout: float
    es_username: str | None
    es_password: str | None = field(repr=False)  # secrets never show in a repr or log
    es_api_key: str | None = field(repr=False)
    es_ca_certs: str | None
    home: Path
    node_dir: Path
    es_version: str
    es_distribution: Path | None
    es_heap: str
    es_port: int | None
    hunspell_dir: Path
    web_host: str
    web_port: int

    def __repr__(self) -> str:
        shown = {f.name: getattr(self, f.name) for f in fields(self) if f.repr}
        shown["es_url"] = redact_url(self.es_url) if self.es_url else None
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        prefix = env.get("WORTLAUT_INDEX_PREFIX", DEFAULT_INDEX_PREFIX)
        if not _PREFIX_RE.match(prefix):
            raise ConfigurationError(
                f"WORTLAUT_INDEX_PREFIX={prefix!r} is not a usable index name prefix: use "
                "lowercase letters, digits, '-' or '_' (at most 41 characters, not starting "
                "with '-' or '_')."
            )
        heap = env.get("WORTLAUT_ES_HEAP", "1g")
        if not _HEAP_RE.match(heap):
            raise ConfigurationError(
                f"WORTLAUT_ES_HEAP={heap!r} is not a heap size: write it like '512m' or '2g'."
            )
        distribution = env.get("WORTLAUT_ES_DISTRIBUTION")
        url = env.get("WORTLAUT_ES_URL") or None
        if url is not None and not re.match(r"^https?://[^\s/]+", url):
            raise ConfigurationError(
                f"WORTLAUT_ES_URL={redact_url(url)!r} is not an http(s) URL: write it like "
                "'http://127.0.0.1:9200', or unset it to use the local node."
            )
        home = default_home(env)
        return cls(
            es_url=url.rstrip("/") if url else None,
            index_prefix=prefix,
            es_timeout=_number(env, "WORTLAUT_ES_TIMEOUT", 10.0),
            es_username=env.get("WORTLAUT_ES_USERNAME") or None,
            es_password=env.get("WORTLAUT_ES_PASSWORD") or None,
            es_api_key=env.get("WORTLAUT_ES_API_KEY") or None,
            es_ca_certs=env.get("WORTLAUT_ES_CA_CERTS") or None,
            home=home,
            node_dir=Path(env["WORTLAUT_NODE_DIR"]) if env.get("WORTLAUT_NODE_DIR")
            else home / "node",
            es_version=env.get("WORTLAUT_ES_VERSION", DEFAULT_ES_VERSION),
            es_distribution=Path(distribution).expanduser() if distribution else None,
            es_heap=heap,
            es_port=_port(env, "WORTLAUT_ES_PORT", None),
            hunspell_dir=Path(env.get("WORTLAUT_HUNSPELL_DIR", "/usr/share/hunspell")),
            web_host=env.get("WORTLAUT_HOST", "127.0.0.1"),
            web_port=_port(env, "WORTLAUT_PORT", 5000) or 5000,
        )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ConfigurationError(f"{name}={raw!r} must be a positive number of seconds.")
    return value


def _port(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigurationError(f"{name}={raw!r} must be a TCP port number (1-65535).")
    return int(raw)
