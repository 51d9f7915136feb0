"""The index contract: one definition of each index, versioned names behind aliases.

Three indices: ``releases``, ``quotes`` and ``speakers`` (one document per speaker identity,
built by the indexer's speaker registry after each load).

Readers always use the alias ``<prefix>-<kind>`` (``wortlaut-quotes``); the data
lives in a concrete index ``<prefix>-<kind>-<UTC timestamp>``. A full rebuild
writes a new concrete index and swaps the alias in one atomic request, so no
reader ever sees a half-built index. ``SCHEMA_VERSION`` (stored in each index's
``_meta``) changes whenever a mapping changes incompatibly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import Elasticsearch, NotFoundError

from search_service.analysis import ANALYSIS, FACET_NORMALIZER, GERMAN, german_text
from search_service.errors import WortlautError

SCHEMA_VERSION = 2
IndexKind = Literal["releases", "quotes", "speakers"]
KINDS: tuple[IndexKind, ...] = ("releases", "quotes", "speakers")
DATE_FORMAT = "strict_date_optional_time||strict_year_month||strict_year"

_KEYWORD: dict[str, Any] = {"type": "keyword"}
_FACET: dict[str, Any] = {"type": "keyword", "normalizer": FACET_NORMALIZER,
                          "fields": {"raw": {"type": "keyword"}}}
_STORED_ONLY: dict[str, Any] = {"type": "keyword", "index": False, "doc_values": False}
_DATE: dict[str, Any] = {"type": "date", "format": DATE_FORMAT}
_PRECISION: dict[str, Any] = {"type": "keyword"}  # day | month | year

SPEAKER = {
    "properties": {
        "id": _KEYWORD,  # the identity in the speakers index (see search_service.speaker_index)
        "name": german_text(keyword=True),  # the identity's canonical name
        "mention": _KEYWORD,  # the name as resolved within the release, before the registry
        "type": _KEYWORD,  # person | organisation | document
        "as_printed": _KEYWORD,
        "role": german_text(keyword=True),
        "role_source": _KEYWORD,  # printed (at the quote) | registry (held on the quote's date)
        "organization": german_text(keyword=True),
    }
}

RELEASE_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "id": _KEYWORD,
        "title": german_text(exact=True, keyword=True),
        "lead": german_text(exact=True),
        "body": german_text(exact=True),
        "headings": german_text(),
        "publisher": german_text(keyword=True),
        "place": _KEYWORD,
        "topics": _FACET,
        "published": _DATE,
        "date_precision": _PRECISION,
        "language": _KEYWORD,
        "source": {
            "properties": {
                "url": _KEYWORD,
                "path": _KEYWORD,
                "sha256": _KEYWORD,
                "format": _KEYWORD,
            }
        },
        "contact": {
            "properties": {
                "name": _KEYWORD,
                "role": _KEYWORD,
                "phone": _STORED_ONLY,
                "email": _STORED_ONLY,
            }
        },
        "quote_count": {"type": "integer"},
        "compound_parts": {"type": "text", "analyzer": GERMAN},
        "ingested_at": {"type": "date"},
    },
}

QUOTE_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "id": _KEYWORD,
        "release_id": _KEYWORD,
        "kind": _KEYWORD,  # direct | indirect | statement
        "text": german_text(exact=True),
        "speaker": SPEAKER,
        "cue": {"type": "text", "analyzer": GERMAN},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "context": german_text(exact=True),
        "context_start": {"type": "integer"},
        "date": _DATE,
        "date_precision": _PRECISION,
        "topics": _FACET,
        "publisher": german_text(keyword=True),
        "language": _KEYWORD,
        "confidence": {"type": "float"},
        "release_title": german_text(keyword=True),
        "source_url": _KEYWORD,
        "compound_parts": {"type": "text", "analyzer": GERMAN},
        "ingested_at": {"type": "date"},
    },
}

_COUNTED: dict[str, Any] = {"properties": {"value": _KEYWORD, "count": {"type": "integer"}}}

SPEAKER_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "id": _KEYWORD,
        "name": german_text(keyword=True),
        "type": _KEYWORD,
        "quote_count": {"type": "integer"},
        "keys": _KEYWORD,  # folded names and printed forms, for lookups by name
        "surnames": _KEYWORD,  # folded surnames of person mentions
        "aliases": _COUNTED,
        "publishers": _COUNTED,
        "roles": {"properties": {"role": _KEYWORD, "organization": _KEYWORD, "first": _DATE,
                                 "last": _DATE, "count": {"type": "integer"}}},
        "first_date": _DATE,
        "last_date": _DATE,
        # why each mention joined this identity (or was kept apart): shown, not searched
        "decisions": {"type": "object", "enabled": False},
    },
}

MAPPINGS: dict[IndexKind, dict[str, Any]] = {
    "releases": RELEASE_MAPPING, "quotes": QUOTE_MAPPING, "speakers": SPEAKER_MAPPING}


def index_settings(*, refresh_interval: str = "1s") -> dict[str, Any]:
    """Settings for one index: one shard (a newsroom's archive fits one), no replica
    on a single node, and the shared analysis chain."""
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "refresh_interval": refresh_interval,
        "analysis": ANALYSIS,
        "max_result_window": 10_000,
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
                 *, refresh_interval: str = "1s", bulk_loading: bool = False) -> str:
    """Create a new, empty concrete index of ``kind`` (no alias change).

    ``bulk_loading``: for an index nobody reads yet (a rebuild): no refreshes and the
    translog synced every few seconds instead of on every bulk request, about a third
    faster to fill. A crash loses only an index that is not behind an alias; call
    :func:`finish_bulk_loading` before it goes live.
    """
    name = names.concrete(kind)
    settings = index_settings(refresh_interval="-1" if bulk_loading else refresh_interval)
    if bulk_loading:
        settings["translog"] = {"durability": "async"}
    client.indices.create(index=name, settings=settings, mappings=MAPPINGS[kind])
    return name


def finish_bulk_loading(client: Elasticsearch, index: str) -> None:
    """Back to live settings (refresh every second, translog synced per request),
    everything written made searchable and durable."""
    client.indices.put_settings(index=index, settings={
        "refresh_interval": "1s", "translog": {"durability": "request"}})
    client.indices.refresh(index=index)
    client.indices.flush(index=index)


def ensure_indices(client: Elasticsearch, names: IndexNames) -> dict[IndexKind, str]:
    """Create whatever is missing so that every alias points at an index; idempotent.

    An existing index is kept as it is (its data stays) when its schema version
    matches; otherwise :class:`SchemaMismatch` says to rebuild.
    """
    result: dict[IndexKind, str] = {}
    for kind in KINDS:
        existing = current_index(client, names, kind)
        if existing is not None:
            mapping = client.indices.get_mapping(index=existing)[existing]["mappings"]
            meta = mapping.get("_meta", {})
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise SchemaMismatch(
                    f"The index {existing} was built with schema version "
                    f"{meta.get('schema_version')}, this Wortlaut needs {SCHEMA_VERSION}. "
                    "Rebuild it: `wortlaut index --rebuild <sources>`."
                )
            result[kind] = existing
            continue
        name = create_index(client, names, kind)
        client.indices.update_aliases(
            actions=[{"add": {"index": name, "alias": names.alias(kind)}}]
        )
        result[kind] = name
    return result


def swap_alias(client: Elasticsearch, names: IndexNames, kind: IndexKind, new_index: str,
               *, delete_old: bool = True) -> list[str]:
    """Point the alias at ``new_index`` in one atomic request; return the old indices."""
    alias = names.alias(kind)
    try:
        old = sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        old = []
    actions: list[dict[str, Any]] = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    if delete_old:
        for name in old:
            if name != new_index:
                client.indices.delete(index=name)
    return old


def delete_all(client: Elasticsearch, names: IndexNames) -> None:
    """Delete every index of this prefix (used by test runs and `wortlaut index --reset`)."""
    for kind in KINDS:
        found = client.indices.get(index=names.pattern(kind), allow_no_indices=True,
                                   expand_wildcards="all")
        for name in found.body:
            client.indices.delete(index=name)
