"""Ask a node how it and its cluster are, over plain HTTP (no client, no retries): what
``wortlaut es start`` waits for and ``wortlaut es status`` shows."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NodeInfo:
    """One node as the cluster lists it (``_cat/nodes``)."""

    name: str
    http_address: str
    roles: str  # Elasticsearch's one-letter codes, e.g. "cdfhilmrstw" (m: master-eligible)
    master: bool  # the elected master


def get_json(url: str, path: str, timeout: float = 2.0) -> Any | None:
    """``GET url + path`` as JSON, or None when nothing (or an error) answers."""
    request = urllib.request.Request(f"{url}{path}")  # noqa: S310 - http(s) URLs only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.load(response)
    except (OSError, ValueError, urllib.error.URLError):
        return None


def health_report(url: str, timeout: float = 2.0) -> dict[str, Any] | None:
    """The cluster health document (status, number_of_nodes ...), or None."""
    found = get_json(url, "/_cluster/health?timeout=1s", timeout)
    return found if isinstance(found, dict) and found.get("status") else None


def cluster_health(url: str, timeout: float = 2.0) -> str | None:
    """The cluster's health colour, or None when nothing answers at ``url``."""
    report = health_report(url, timeout)
    return str(report["status"]) if report else None


def cluster_nodes(url: str, timeout: float = 2.0) -> list[NodeInfo] | None:
    """Every node of the cluster the node at ``url`` belongs to, or None."""
    found = get_json(url, "/_cat/nodes?format=json&h=name,http_address,node.role,master",
                     timeout)
    if not isinstance(found, list):
        return None
    return [NodeInfo(name=str(row.get("name")), http_address=str(row.get("http_address")),
                     roles=str(row.get("node.role")), master=row.get("master") == "*")
            for row in found]
