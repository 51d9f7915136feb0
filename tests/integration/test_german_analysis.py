"""German-aware matching on the real node (the same analysis production uses)."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch

from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.queries import german_text_query
from tests.factories import release_doc

FIELDS = ["title", "lead", "body", "headings"]

DOCS = {
    "plan": "Mit dem Hessischen Integrationsplan haben wir ein Gesamtkonzept vorgelegt.",
    "gesellschaft": "In unserer vielfältigen Gesellschaft darf die Herkunft nicht bestimmen.",
    "konferenz": "Anlässlich der fünften Sitzung der Integrationskonferenz betonte Klose.",
    "unrelated": "Die Feuerwehr löschte einen Brand in der Altstadt.",
}


@pytest.fixture()
def indexed(es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter) -> IndexNames:
    for doc_id, body in DOCS.items():
        es.index(index=names.alias("releases"), id=doc_id,
                 document=release_doc(splitter, id=doc_id, body=body))
    es.indices.refresh(index=names.alias("releases"))
    return names


def search_ids(es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter,
               text: str) -> set[str]:
    result = es.search(index=names.alias("releases"),
                       query=german_text_query(text, FIELDS, splitter))
    return {hit["_id"] for hit in result["hits"]["hits"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Integrationsplans", {"plan"}),
        ("Gesellschaften", {"gesellschaft"}),
        ("gesellschaften", {"gesellschaft"}),
        ("konferenz", {"konferenz"}),
        ("Konferenzen", {"konferenz"}),
        ("Integrationskonferenz", {"konferenz"}),
        ("Integrationsplan Gesamtkonzept", {"plan"}),
    ],
)
def test_german_matching(es: Elasticsearch, indexed: IndexNames, splitter: CompoundSplitter,
                         query: str, expected: set[str]) -> None:
    assert search_ids(es, indexed, splitter, query) == expected


def test_all_words_must_match(es: Elasticsearch, indexed: IndexNames,
                              splitter: CompoundSplitter) -> None:
    assert search_ids(es, indexed, splitter, "Integrationsplan Feuerwehr") == set()


def test_hunspell_stems_in_the_index(es: Elasticsearch, indexed: IndexNames) -> None:
    tokens = es.indices.analyze(index=indexed.alias("releases"), field="body",
                                text="Gesellschaften Menschen")["tokens"]
    assert {t["token"] for t in tokens} >= {"gesellschaft", "mensch"}


def test_exact_subfield_keeps_printed_words(es: Elasticsearch, indexed: IndexNames) -> None:
    tokens = es.indices.analyze(index=indexed.alias("releases"), field="body.exact",
                                text="Gesellschaften Menschen")["tokens"]
    assert [t["token"] for t in tokens] == ["gesellschaften", "menschen"]
