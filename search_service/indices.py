"""The index contract: one definition of each index, versioned names behind aliases.

Three indices: ``releases``, ``quotes`` and ``speakers`` (one document per speaker identity,
built by the indexer's speaker registry after each load).

Readers always use the alias ``<prefix>-<kind>`` (``wortlaut-quotes``); the data
lives in a concrete index ``<prefix>-<kind>-<UTC timestamp>``. A full rebuild
writes a new concrete index and swaps the alias in one atomic request, so no
reader ever sees a half-built index. The mappings come from the document classes of
:mod:`search_service.documents`; ``SCHEMA_VERSION`` (stored in each index's ``_meta``) is a
fingerprint of every mapping and the analysis chain, so it changes by itself whenever a
field or an analyzer does, and an index built otherwise is refused with a message to
rebuild.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import Elasticsearch, NotFoundError

from search_service.analysis import ANALYSIS
from search_service.document_model import mapping_of, source_excludes
from search_service.documents import Quote, Release, Speaker
from search_service.errors import WortlautError
from search_service.limits import LIMITS
from search_service.settings import Settings

IndexKind = Literal["releases", "quotes", "speakers"]
KINDS: tuple[IndexKind, ...] = ("releases", "quotes", "speakers")
_DOCUMENTS: dict[IndexKind, type] = {"releases": Release, "quotes": Quote, "speakers": Speaker}


def _fingerprint() -> str:
    """``"s-<12 hex digits>"``: a hash of every mapping and the analysis chain."""
    described = json.dumps([ANALYSIS, {kind: [mapping_of(document), source_excludes(document)]
                                       for kind, document in _DOCUMENTS.items()}],
                           sort_keys=True)
    return "s-" + hashlib.sha256(described.encode("utf-8")).hexdigest()[:12]


SCHEMA_VERSION = _fingerprint()


def _index_mapping(document: type) -> dict[str, Any]:
    """The mapping of an index holding ``document``s: strict (an unknown field is an error),
    with the schema version in ``_meta`` and the search-only fields left out of the stored
    ``_source``."""
    mapping: dict[str, Any] = {"dynamic": "strict", "_meta": {"schema_version": SCHEMA_VERSION},
                               "properties": mapping_of(document)}
    if excludes := source_excludes(document):
        mapping["_source"] = {"excludes": excludes}
    return mapping


RELEASE_MAPPING = _index_mapping(Release)
QUOTE_MAPPING = _index_mapping(Quote)
SPEAKER_MAPPING = _index_mapping(Speaker)
MAPPINGS: dict[IndexKind, dict[str, Any]] = {
    "releases": RELEASE_MAPPING, "quotes": QUOTE_MAPPING, "speakers": SPEAKER_MAPPING}


@dataclass(frozen=True)
class ShardLayout:
    """How a new index is spread: ``shards`` primary shards, each with ``replicas`` copies
    on other nodes. From WORTLAUT_SHARDS and WORTLAUT_REPLICAS; the default suits a single
    node (a newsroom's archive fits one shard; a replica would have no node to live on)."""

    shards: int = 1
    replicas: int = 0

    @classmethod
    def of(cls, settings: Settings) -> ShardLayout:
        return cls(shards=settings.shards, replicas=settings.replicas)


SINGLE_NODE = ShardLayout()


def index_settings(*, refresh_interval: str = "1s",
                   layout: ShardLayout = SINGLE_NODE) -> dict[str, Any]:
    """Settings for one index: its shards and replicas, and the shared analysis chain."""
    return {
        "number_of_shards": layout.shards,
        "number_of_replicas": layout.replicas,
        "refresh_interval": refresh_interval,
        "analysis": ANALYSIS,
        "max_result_window": LIMITS.result_window,
        # Stored sources compressed with zstd in large blocks: the quotes index of the
        # realistic 100k corpus takes 758 bytes per quote instead of 974 with the default
        # LZ4. Each hit then decompresses a larger block: about 3 ms more per search at one
        # client on the 10k bench corpus (bench/results/20261130T0040Z-ab-best-compression.txt),
        # small beside a search at a million quotes (bench/README.md, "Where the bytes go").
        "codec": "best_compression",
    }


@dataclass(frozen=True)
class IndexNames:
    prefix: str

    def alias(self, kind: IndexKind) -> str:
        return f"{self.prefix}-{kind}"

    def concrete(self, kind: IndexKind, stamp: datetime | None = None) -> str:
        moment = stamp or datetime.now(UTC)
        return f"{self.alias(kind)}-{moment.strftime('%Y%m%d%H%M%S%f')}"

    def pattern(self, kind: IndexKind) -> str:
        """Pattern matching this prefix's concrete indices of ``kind`` (and no other's)."""
        return f"{self.alias(kind)}-2*"


class SchemaMismatch(WortlautError):
    """An existing index was built with another schema version; it needs a rebuild."""


def current_index(client: Elasticsearch, names: IndexNames, kind: IndexKind) -> str | None:
    """The concrete index the alias points to, or None if there is no alias yet."""
    try:
        found = client.indices.get_alias(name=names.alias(kind))
    except NotFoundError:
        return None
    return str(sorted(found.body)[-1])


def create_index(client: Elasticsearch, names: IndexNames, kind: IndexKind,
                 *, refresh_interval: str = "1s", bulk_loading: bool = False,
                 layout: ShardLayout = SINGLE_NODE,
                 builder: dict[str, Any] | None = None) -> str:
    """Create a new, empty concrete index of ``kind`` (no alias change), spread as
    ``layout`` says.

    ``bulk_loading``: for an index nobody reads yet (a rebuild): no refreshes and the
    translog synced every few seconds instead of on every bulk request, about a third
    faster to fill. A crash loses only an index that is not behind an alias; call
    :func:`finish_bulk_loading` before it goes live. ``builder`` (a rebuild's run, see
    :mod:`search_service.orphans`) is kept in ``_meta``, so a failed run's index is known.
    """
    name = names.concrete(kind)
    settings = index_settings(refresh_interval="-1" if bulk_loading else refresh_interval,
                              layout=layout)
    if bulk_loading:
        settings["translog"] = {"durability": "async"}
    mappings = MAPPINGS[kind]
    if builder is not None:
        mappings = {**mappings, "_meta": {**mappings["_meta"], "wortlaut_build": builder}}
    client.indices.create(index=name, settings=settings, mappings=mappings)
    return name


def finish_bulk_loading(client: Elasticsearch, index: str) -> None:
    """Back to live settings (refresh every second, translog synced per request),
    everything written made searchable and durable."""
    client.indices.put_settings(index=index, settings={
        "refresh_interval": "1s", "translog": {"durability": "request"}})
    client.indices.refresh(index=index)
    client.indices.flush(index=index)


def schema_of(client: Elasticsearch, index: str) -> str | None:
    """The schema version ``index`` was built with (``_meta.schema_version``)."""
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    version = mapping.get("_meta", {}).get("schema_version")
    return str(version) if version is not None else None


def outdated(client: Elasticsearch, names: IndexNames) -> list[str]:
    """The prefix's live indices built with another schema version than this code's."""
    return [index for kind in KINDS if (index := current_index(client, names, kind))
            and schema_of(client, index) != SCHEMA_VERSION]


def ensure_indices(client: Elasticsearch, names: IndexNames,
                   layout: ShardLayout = SINGLE_NODE) -> dict[IndexKind, str]:
    """Create whatever is missing (spread as ``layout`` says) so that every alias points
    at an index; idempotent.

    An existing index is kept as it is (its data and its shards stay) when its schema
    version matches; otherwise :class:`SchemaMismatch` says to rebuild.
    """
    result: dict[IndexKind, str] = {}
    for kind in KINDS:
        existing = current_index(client, names, kind)
        if existing is not None:
            built = schema_of(client, existing)
            if built != SCHEMA_VERSION:
                raise SchemaMismatch(
                    f"The index {existing} was built with schema version {built}, this "
                    f"Wortlaut needs {SCHEMA_VERSION}. Rebuild it: `wortlaut index --rebuild "
                    "<sources>`."
                )
            result[kind] = existing
            continue
        name = create_index(client, names, kind, layout=layout)
        client.indices.update_aliases(
            actions=[{"add": {"index": name, "alias": names.alias(kind)}}]
        )
        result[kind] = name
    return result


def swap_alias(client: Elasticsearch, names: IndexNames, kind: IndexKind, new_index: str,
               *, delete_old: bool = True) -> list[str]:
    """Point the alias at ``new_index`` in one atomic request; return the old indices."""
    return swap_aliases(client, names, {kind: new_index}, delete_old=delete_old)


def swap_aliases(client: Elasticsearch, names: IndexNames, new: dict[IndexKind, str],
                 *, delete_old: bool = True) -> list[str]:
    """Point each kind's alias at its index in ``new``, all in one atomic request (readers
    see the old set or the new one, never a mix); return the old indices, deleted unless
    ``delete_old`` is false."""
    actions: list[dict[str, Any]] = []
    old: list[str] = []
    for kind, new_index in new.items():
        alias = names.alias(kind)
        try:
            previous = sorted(client.indices.get_alias(name=alias).body)
        except NotFoundError:
            previous = []
        old.extend(previous)
        actions += [{"remove": {"index": name, "alias": alias}} for name in previous]
        actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    if delete_old:
        for name in old:
            if name not in new.values():
                client.indices.delete(index=name)
    return old


def delete_all(client: Elasticsearch, names: IndexNames) -> None:
    """Delete every index of this prefix (used by test runs and `wortlaut index --reset`)."""
    for kind in KINDS:
        found = client.indices.get(index=names.pattern(kind), allow_no_indices=True,
                                   expand_wildcards="all")
        for name in found.body:
            client.indices.delete(index=name)


def sources_fingerprint(client: Elasticsearch, names: IndexNames) -> str | None:
    """The fingerprint of the inputs of the last complete indexing run into these indices
    (``_meta.sources`` of the releases index), or None."""
    index = current_index(client, names, "releases")
    if index is None:
        return None
    meta = client.indices.get_mapping(index=index)[index]["mappings"].get("_meta", {})
    if meta.get("schema_version") != SCHEMA_VERSION:
        return None
    value = meta.get("sources")
    return str(value) if value else None


def record_sources_fingerprint(client: Elasticsearch, names: IndexNames, value: str) -> None:
    """Remember ``value`` as the fingerprint of what the releases index now holds."""
    index = current_index(client, names, "releases")
    if index is not None:  # _meta is replaced as a whole: keep the schema version
        client.indices.put_mapping(index=index, meta={"schema_version": SCHEMA_VERSION,
                                                      "sources": value})
