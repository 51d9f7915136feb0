"""The one place where an Elasticsearch client is made, and where its errors become ours.

:mod:`indexer` and :mod:`web` never import ``elasticsearch``: they annotate with
:data:`Client`, name the node with :func:`node_url` and run requests inside
:func:`translated_errors`, which turns the client's exceptions into
:class:`~search_service.errors.WortlautError` subclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeAlias

import elasticsearch
import orjson
from elasticsearch import Elasticsearch
from elasticsearch._version import __versionstr__
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

from search_service.curl_node import node_class_for
from search_service.errors import (
    ElasticsearchFailed,
    ElasticsearchRejected,
    ElasticsearchUnavailable,
    WortlautError,
)
from search_service.settings import Settings, redact_url, split_urls

CLIENT_MAJOR = int(__versionstr__.split(".")[0])
# HTTP statuses of a node that is overloaded or (for the moment) unavailable.
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})

Client: TypeAlias = Elasticsearch
"""The client type, for annotations outside :mod:`search_service`."""


def node_url(client: Client) -> str:
    """The URL of the client's node, or of all its nodes (``a, b, c``), for messages
    (credentials are never part of it)."""
    return ", ".join(str(node.base_url) for node in client.transport.node_pool.all())


@contextmanager
def translated_errors(where: str = "the configured URL") -> Iterator[None]:
    """Run requests to the node (or nodes) at ``where``; the client's exceptions become ours.

    A connection failure or timeout, or HTTP 429/502/503/504 (after the client's retries
    on every node it was given),
    raises :class:`ElasticsearchFailed`; missing search indices raise
    :class:`ElasticsearchUnavailable`; any other error response raises
    :class:`ElasticsearchRejected`. Each message says what to do.
    """
    try:
        yield
    except elasticsearch.ConnectionTimeout as error:
        raise ElasticsearchFailed(
            f"Elasticsearch at {where} did not answer in time. The search is unavailable "
            "for the moment; try again shortly.", str(error.message)) from None
    except elasticsearch.ConnectionError as error:
        raise ElasticsearchFailed(
            f"Cannot reach Elasticsearch at {where}. The search is unavailable for the "
            "moment; try again shortly, and check that the node runs "
            "(`wortlaut es status`).", str(error.message)) from None
    except elasticsearch.TransportError as error:
        raise ElasticsearchFailed(
            f"The request to Elasticsearch at {where} failed ({error.message}); try again "
            "shortly.", str(error.message)) from None
    except elasticsearch.ApiError as error:
        raise api_error(error.status_code, error.error, where) from error


def api_error(status: int, error: Any, where: str) -> WortlautError:
    """The Wortlaut error for an error response of the node (``error``: the ``error``
    object of its body, or its type), as :func:`translated_errors` raises it; also for
    one answer of a ``_msearch``."""
    kind = str(error.get("type", "")) if isinstance(error, dict) else str(error)
    if status == 404 and kind == "index_not_found_exception":
        return ElasticsearchUnavailable(
            "The search indices do not exist yet. Index releases first: "
            "`wortlaut index data/samples`.")
    if status in TRANSIENT_STATUSES:
        return ElasticsearchFailed(
            f"Elasticsearch is overloaded or unavailable (HTTP {status}); "
            "try again shortly.", kind)
    return ElasticsearchRejected(
        f"Elasticsearch at {where} refused a request (HTTP {status}: {kind}).",
        status, kind)


def resolve_url(settings: Settings) -> str:
    """``WORTLAUT_ES_URL``, else the local node or cluster started by ``wortlaut es start``
    (one URL, or the nodes' URLs separated by commas)."""
    if settings.es_url:
        return settings.es_url
    from search_service.node.cluster import running_local_url  # only needed without a URL

    url = running_local_url(settings)
    if url is None:
        raise ElasticsearchUnavailable(
            "No Elasticsearch is configured and the local node is not running. Start the "
            "local node with `wortlaut es start` (or `make run`), or set WORTLAUT_ES_URL to "
            "the URL of an Elasticsearch 8 node, e.g. http://127.0.0.1:9200."
        )
    return url


class _TrimmedOrjsonSerializer(OrjsonSerializer):
    """orjson with every output copied to its exact size. orjson 3.12+ leaves each output
    in the buffer it wrote it in: at least 4 KiB, and a power of two above that (the
    ``Py_SET_SIZE`` before ``_PyBytes_Resize`` in its ``finish`` makes the resize a no-op).
    The bulk helper serialises every action line and every document on its own and holds
    a whole chunk of them: a chunk of 1,000 speaker documents peaked at 27 MiB, 15 with
    the copy (documents and lines together). The copy costs a memcpy of bytes just written."""

    def json_dumps(self, data: Any) -> bytes:
        return bytes(memoryview(super().json_dumps(data)))


class _CompatibilityOrjsonSerializer(_TrimmedOrjsonSerializer):
    mimetype: ClassVar[str] = "application/vnd.elasticsearch+json"


class _OrjsonNdjsonSerializer(NdjsonSerializer):
    """The lines of an ``_msearch`` (a page's search and its facet searches) with orjson;
    the client's own NDJSON serializer uses the standard library."""

    def json_dumps(self, data: Any) -> bytes:
        return orjson.dumps(data, default=self.default)

    def json_loads(self, data: bytes) -> Any:
        return orjson.loads(data)


class _CompatibilityOrjsonNdjsonSerializer(_OrjsonNdjsonSerializer):
    mimetype: ClassVar[str] = "application/vnd.elasticsearch+x-ndjson"


# Requests written and responses parsed with orjson (about twice as fast as the standard
# library on a results page); every JSON and NDJSON media type the 8.x client and
# server use.
_SERIALIZERS = {serializer.mimetype: serializer for serializer in
                (_TrimmedOrjsonSerializer(), _CompatibilityOrjsonSerializer(),
                 _OrjsonNdjsonSerializer(), _CompatibilityOrjsonNdjsonSerializer())}


def retry_options(nodes: int) -> dict[str, Any]:
    """How the client retries, given ``nodes`` node URLs.

    A connection error, a timeout or HTTP 429/502/503/504 marks the node dead for a while
    (1 s, doubling up to 30 s) and the request goes to the next live node: up to
    ``nodes + 1`` retries, so a request can try every other node and still retry once
    (a single node keeps its 2 retries). No sniffing: the nodes are exactly the URLs given,
    because the addresses a cluster publishes are often not reachable from the app (Docker
    networks, proxies, TLS names)."""
    return {
        "retry_on_timeout": True,
        "max_retries": nodes + 1,
        "sniff_on_start": False,
        "sniff_before_requests": False,
        "sniff_on_node_failure": False,
    }


def make_client(settings: Settings, url: str | None = None) -> Elasticsearch:
    """A client for the configured node or nodes (``url``: one URL or several separated by
    commas; default :func:`resolve_url`); no request is sent yet."""
    hosts = split_urls(url or resolve_url(settings))
    options: dict[str, Any] = {
        "request_timeout": settings.es_timeout,
        **retry_options(len(hosts)),
    }
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif settings.es_username and settings.es_password:
        options["basic_auth"] = (settings.es_username, settings.es_password)
    if settings.es_ca_certs:
        options["ca_certs"] = settings.es_ca_certs
    return Elasticsearch(list(hosts), serializers=_SERIALIZERS,
                         node_class=node_class_for(options), **options)


def connect(settings: Settings) -> Elasticsearch:
    """A client whose node (one of its nodes) answered and runs a server major the client
    speaks."""
    url = resolve_url(settings)
    client = make_client(settings, url)
    url = redact_url(url)  # for the messages below
    try:
        # Not ``client.info()``: ``GET /`` lives in the optional rest-root module,
        # which the test distribution does not ship.
        nodes = client.nodes.info(node_id="_local", metric="_none",
                                  filter_path="nodes.*.version")
    except elasticsearch.AuthenticationException:
        raise ElasticsearchUnavailable(
            f"Elasticsearch at {url} refused the credentials. Check WORTLAUT_ES_API_KEY or "
            "WORTLAUT_ES_USERNAME / WORTLAUT_ES_PASSWORD."
        ) from None
    except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as error:
        where = "WORTLAUT_ES_URL" if settings.es_url else "the local node"
        raise ElasticsearchUnavailable(
            f"Cannot reach Elasticsearch at {url} ({where}): {error.message}. Check that it "
            "is running and that the URL is right; to use a local node instead, unset "
            "WORTLAUT_ES_URL and run `wortlaut es start`."
        ) from None
    server = str(next(iter(nodes["nodes"].values()))["version"])
    if int(server.split(".")[0]) != CLIENT_MAJOR:
        raise ElasticsearchUnavailable(
            f"Elasticsearch at {url} runs version {server}, but this Wortlaut speaks "
            f"Elasticsearch {CLIENT_MAJOR}.x. Point WORTLAUT_ES_URL at an "
            f"Elasticsearch {CLIENT_MAJOR} node."
        )
    return client
