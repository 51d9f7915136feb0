"""What the node and the indices look like right now (for /healthz and the home page)."""

from __future__ import annotations

from dataclasses import dataclass

import elasticsearch
from elasticsearch import Elasticsearch

from search_service.indices import KINDS, IndexNames, current_index


@dataclass(frozen=True)
class IndexStatus:
    kind: str
    alias: str
    index: str | None
    documents: int


@dataclass(frozen=True)
class ServiceStatus:
    elasticsearch: str  # green | yellow | red | unreachable
    indices: list[IndexStatus]

    @property
    def ok(self) -> bool:
        return self.elasticsearch in {"green", "yellow"}


def service_status(client: Elasticsearch, names: IndexNames) -> ServiceStatus:
    try:
        health = str(client.cluster.health(timeout="2s")["status"])
    except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout):
        return ServiceStatus("unreachable", [])
    indices = []
    for kind in KINDS:
        concrete = current_index(client, names, kind)
        count = int(client.count(index=concrete)["count"]) if concrete else 0
        indices.append(IndexStatus(kind, names.alias(kind), concrete, count))
    return ServiceStatus(health, indices)
