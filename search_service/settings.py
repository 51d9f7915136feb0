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

from search_service.errors import ConfigurationError

DEFAULT_ES_VERSION = "8.19.21"
DEFAULT_INDEX_PREFIX = "wortlaut"
# The local node's heap when WORTLAUT_ES_HEAP is unset: a single node, or each node of a
# local cluster (three nodes at 512m use what one node at 1g plus its JVM overhead does).
SINGLE_NODE_HEAP = "1g"
CLUSTER_NODE_HEAP = "512m"
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
_HEAP_RE = re.compile(r"^[1-9][0-9]*[mg]$")
_URL_RE = re.compile(r"^https?://[^\s/,]+")


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
    is never printed. A comma-separated list of URLs comes back as ``a, b, c``, each
    redacted."""
    return ", ".join(_redact_one(part.strip()) for part in url.split(","))


def _redact_one(url: str) -> str:
    """Also for a mistyped URL without its scheme (``user:pw@host:9200``)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, rest = "", url
    end = min((found for found in map(rest.find, "/?#") if found >= 0), default=len(rest))
    authority, path = rest[:end], rest[end:]
    if "@" not in authority:
        return url
    return f"{scheme}{separator}***@{authority.rsplit('@', 1)[1]}{path}"


def split_urls(value: str) -> tuple[str, ...]:
    """The node URLs of a comma-separated ``WORTLAUT_ES_URL`` (one URL is a list of one),
    each without a trailing ``/``. Raises :class:`ConfigurationError` for an empty entry or
    one that is not an http(s) URL, naming it (credentials redacted)."""
    urls = tuple(part.strip().rstrip("/") for part in value.split(","))
    for url in urls:
        if not url:
            raise ConfigurationError(
                f"WORTLAUT_ES_URL={redact_url(value)!r} has an empty entry: list node URLs "
                "separated by commas, like 'http://es1:9200,http://es2:9200'.")
        if not _URL_RE.match(url):
            raise ConfigurationError(
                f"WORTLAUT_ES_URL entry {redact_url(url)!r} is not an http(s) URL: write it like "
                "'http://127.0.0.1:9200' (several nodes separated by commas), or unset it to use "
                "the local node.")
    return urls


@dataclass(frozen=True)
class Settings:
    es_url: str | None  # one URL, or several separated by commas (see ``es_urls``)
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
    es_heap: str | None  # None: SINGLE_NODE_HEAP or CLUSTER_NODE_HEAP (``node_heap``)
    es_port: int | None
    hunspell_dir: Path
    web_host: str
    web_port: int
    # The production server (web/server.py): processes, and threads running the app in each.
    # Two of four on two cores: 2 x 2, 2 x 8 and 3 x 4 served the bench's mix alike
    # (``python -m bench.tune_server``), and granian warns above 2 x cores + 1 threads.
    web_workers: int = 2
    web_threads: int = 4
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host it trusts
    # (0: none; the client's address is the connection's).
    proxies: int = 0
    shards: int = 1  # primary shards of each new index
    replicas: int = 0  # replicas of each shard of a new index
    # Per-client request rate of each endpoint group, as (group, rate) pairs (none: no limits).
    rate_limits: tuple[tuple[str, str], ...] = field(
        default_factory=lambda: tuple(DEFAULT_RATE_LIMITS.items()))
    rate_limit_storage: str = field(default="memory://", repr=False)  # may hold a password
    snapshot_dir: Path | None = None  # None: $WORTLAUT_HOME/snapshots (``snapshots``)

    @property
    def es_urls(self) -> tuple[str, ...]:
        """The configured node URLs (empty when WORTLAUT_ES_URL is unset)."""
        return split_urls(self.es_url) if self.es_url else ()

    @property
    def snapshots(self) -> Path:
        """The snapshot repository's folder, as the Elasticsearch nodes see it (the local
        node's ``path.repo``; for a node of your own, a folder in its ``path.repo``)."""
        return self.snapshot_dir or self.home / "snapshots"

    def node_heap(self, nodes: int) -> str:
        """The heap of each local node when ``nodes`` nodes run: WORTLAUT_ES_HEAP if set."""
        if self.es_heap:
            return self.es_heap
        return SINGLE_NODE_HEAP if nodes == 1 else CLUSTER_NODE_HEAP

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
        heap = env.get("WORTLAUT_ES_HEAP") or None
        if heap is not None and not _HEAP_RE.match(heap):
            raise ConfigurationError(
                f"WORTLAUT_ES_HEAP={heap!r} is not a heap size: write it like '512m' or '2g'."
            )
        distribution = env.get("WORTLAUT_ES_DISTRIBUTION")
        url = env.get("WORTLAUT_ES_URL") or None
        home = default_home(env)
        return cls(
            es_url=",".join(split_urls(url)) if url else None,
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
            web_workers=_count(env, "WORTLAUT_WEB_WORKERS", cls.web_workers, minimum=1),
            web_threads=_count(env, "WORTLAUT_WEB_THREADS", cls.web_threads, minimum=1),
            proxies=_count(env, "WORTLAUT_PROXIES", cls.proxies, minimum=0),
            shards=_count(env, "WORTLAUT_SHARDS", cls.shards, minimum=1),
            replicas=_count(env, "WORTLAUT_REPLICAS", cls.replicas, minimum=0),
            rate_limits=tuple(parse_rate_limits(env.get("WORTLAUT_RATE_LIMITS", "")).items()),
            rate_limit_storage=_storage(env.get("WORTLAUT_RATE_LIMIT_STORAGE") or "memory://"),
            snapshot_dir=Path(env["WORTLAUT_SNAPSHOT_DIR"]).expanduser()
            if env.get("WORTLAUT_SNAPSHOT_DIR") else None,
        )


# A person never reaches these; a script hammering the expensive endpoints does (300
# verifications in a row from one client meet a 429 after the 60th).
DEFAULT_RATE_LIMITS: dict[str, str] = {
    "verify": "60/minute",    # quote verification (API and page)
    "export": "30/minute",    # CSV and JSON exports of up to LIMITS.export_rows quotes
    "similar": "120/minute",  # more-like-this
    "search": "1200/minute",  # searches, feeds and the other pages and API reads
}
_RATE_RE = re.compile(r"^[1-9][0-9]*\s*(?:/|per)\s*(?:[1-9][0-9]*\s*)?"
                      r"(?:second|minute|hour|day)s?$")


def parse_rate_limits(value: str) -> dict[str, str]:
    """``WORTLAUT_RATE_LIMITS``: ``off``, or ``group=rate`` pairs separated by commas
    (``verify=10/minute,search=100/minute``) that replace those groups' defaults; a rate is
    ``N/second|minute|hour|day`` (or ``N per 5 minutes``)."""
    text = value.strip()
    if text.lower() == "off":
        return {}
    limits = dict(DEFAULT_RATE_LIMITS)
    for item in filter(None, (part.strip() for part in text.split(","))):
        group, _, rate = (piece.strip() for piece in item.partition("="))
        if group not in DEFAULT_RATE_LIMITS or not _RATE_RE.match(rate):
            raise ConfigurationError(
                f"WORTLAUT_RATE_LIMITS entry {item!r} is not 'group=rate': groups are "
                f"{', '.join(DEFAULT_RATE_LIMITS)}; a rate is like '60/minute' or "
                "'1000 per day'; 'off' turns rate limiting off.")
        limits[group] = rate
    return limits


def _storage(uri: str) -> str:
    if not re.match(r"^(memory|redis|rediss|redis\+sentinel|redis\+cluster)://", uri):
        raise ConfigurationError(
            f"WORTLAUT_RATE_LIMIT_STORAGE={redact_url(uri)!r} is not a storage URI: use "
            "'memory://' (the default: each app process counts for itself) or a Redis URL "
            "like 'redis://localhost:6379'.")
    return uri


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


def _count(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[0-9]+", raw.strip()) or int(raw) < minimum:
        kind = "a positive" if minimum == 1 else "a non-negative"
        raise ConfigurationError(f"{name}={raw!r} must be {kind} whole number.")
    return int(raw)


def _port(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigurationError(f"{name}={raw!r} must be a TCP port number (1-65535).")
    return int(raw)
