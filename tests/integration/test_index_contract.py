"""The index contract on a real node: creation, aliases, idempotency, rebuild swap."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch

from search_service.compounds import CompoundSplitter
from search_service.indices import (
    KINDS,
    SCHEMA_VERSION,
    IndexNames,
    SchemaMismatch,
    create_index,
    current_index,
    ensure_indices,
    swap_alias,
)
from tests.factories import release_doc


def test_ensure_creates_versioned_indices_behind_aliases(es: Elasticsearch,
                                                         names: IndexNames) -> None:
    for kind in KINDS:
        concrete = current_index(es, names, kind)
        assert concrete is not None
        assert concrete.startswith(f"{names.prefix}-{kind}-2")
        mapping = es.indices.get_mapping(index=concrete)[concrete]["mappings"]
        assert mapping["_meta"]["schema_version"] == SCHEMA_VERSION
        assert mapping["dynamic"] == "strict"


def test_ensure_is_idempotent_and_keeps_data(es: Elasticsearch, names: IndexNames,
                                             splitter: CompoundSplitter) -> None:
    before = ensure_indices(es, names)
    es.index(index=names.alias("releases"), id="r1",
             document=release_doc(splitter, id="r1"), refresh=True)
    after = ensure_indices(es, names)
    assert after == before
    assert es.count(index=names.alias("releases"))["count"] == 1


def test_strict_mapping_rejects_unknown_fields(es: Elasticsearch, names: IndexNames,
                                               splitter: CompoundSplitter) -> None:
    doc = release_doc(splitter, id="r2")
    doc["speakerz"] = "typo"
    with pytest.raises(Exception, match="strict_dynamic_mapping_exception"):
        es.index(index=names.alias("releases"), id="r2", document=doc)


def test_swap_alias_is_atomic_and_drops_old_index(es: Elasticsearch, names: IndexNames,
                                                 splitter: CompoundSplitter) -> None:
    old = current_index(es, names, "releases")
    es.index(index=names.alias("releases"), id="old", document=release_doc(splitter, id="old"),
             refresh=True)
    new = create_index(es, names, "releases")
    es.index(index=new, id="new", document=release_doc(splitter, id="new"), refresh=True)
    # Until the swap, readers still see the old index only.
    assert [h["_id"] for h in es.search(index=names.alias("releases"))["hits"]["hits"]] == ["old"]
    assert swap_alias(es, names, "releases", new) == [old]
    assert current_index(es, names, "releases") == new
    assert [h["_id"] for h in es.search(index=names.alias("releases"))["hits"]["hits"]] == ["new"]
    assert not es.indices.exists(index=old)


def test_schema_mismatch_is_reported(es: Elasticsearch, names: IndexNames) -> None:
    concrete = current_index(es, names, "quotes")
    es.indices.put_mapping(index=concrete, meta={"schema_version": 2})
    with pytest.raises(SchemaMismatch, match="Rebuild it"):
        ensure_indices(es, names)


def test_prefixes_keep_datasets_apart(es: Elasticsearch, names: IndexNames) -> None:
    other = IndexNames(names.prefix + "-other")
    ensure_indices(es, other)
    try:
        assert current_index(es, other, "quotes") != current_index(es, names, "quotes")
    finally:
        from search_service.indices import delete_all

        delete_all(es, other)
    assert current_index(es, other, "quotes") is None
    assert current_index(es, names, "quotes") is not None
