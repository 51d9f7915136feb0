"""The one place where an Elasticsearch client is made."""

from __future__ import annotations

from typing import Any, ClassVar

import elasticsearch
from elasticsearch import Elasticsearch
from elasticsearch._version import __versionstr__
from elasticsearch.serializer import OrjsonSerializer

from search_service.errors import ElasticsearchUnavailable
from search_service.settings import Settings, redact_url

CLIENT_MAJOR = int(__versionstr__.split(".")[0])


def resolve_url(settings: Settings) -> str:
    """``WORTLAUT_ES_URL``, else the local node started by ``wortlaut es start``."""
    if settings.es_url:
        return settings.es_url
    from search_service.node.process import LocalNode  # only needed without a URL

    url = LocalNode(settings).running_url()
    if url is None:
        raise ElasticsearchUnavailable(
            "No Elasticsearch is configured and the local node is not running. Start the "
            "local node with `wortlaut es start` (or `make run`), or set WORTLAUT_ES_URL to "
            "the URL of an Elasticsearch 8 node, e.g. http://127.0.0.1:9200."
        )
    return url


class _CompatibilityOrjsonSerializer(OrjsonSerializer):
    mimetype: ClassVar[str] = "application/vnd.elasticsearch+json"


# Responses parsed with orjson (about twice as fast as the standard library on a
# results page); both JSON media types the 8.x client and server use.
_SERIALIZERS = {serializer.mimetype: serializer for serializer in
                (OrjsonSerializer(), _CompatibilityOrjsonSerializer())}


def make_client(settings: Settings, url: str | None = None) -> Elasticsearch:
    """A client for the configured node; no request is sent yet."""
    options: dict[str, Any] = {
        "request_timeout": settings.es_timeout,
        "retry_on_timeout": True,
        "max_retries": 2,
    }
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif settings.es_username and settings.es_password:
        options["basic_auth"] = (settings.es_username, settings.es_password)
    if settings.es_ca_certs:
        options["ca_certs"] = settings.es_ca_certs
    return Elasticsearch(url or resolve_url(settings), serializers=_SERIALIZERS, **options)


def connect(settings: Settings) -> Elasticsearch:
    """A client whose node answered and runs a server major the client speaks."""
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
