"""The document classes: one definition gives mapping, source, hit reading and columns."""

from __future__ import annotations

from typing import Any

from search_service.document_model import (
    derived_fields,
    export_columns,
    mapping_of,
    read_hit,
    read_source,
    source_excludes,
    to_source,
)
from search_service.documents import (
    DatePrecision,
    Kind,
    Quote,
    Release,
    SourceRef,
    Speaker,
    SpeakerRef,
    SpeakerType,
)
from search_service.indices import QUOTE_MAPPING, RELEASE_MAPPING, SPEAKER_MAPPING


def _quote(**fields: Any) -> Quote:
    base: dict[str, Any] = dict(
        id="r1-0-4", text="Wir", kind=Kind.DIRECT, release_id="r1", start=0, end=4,
        context="„Wir“", context_start=0, date="2024-05", date_precision=DatePrecision.MONTH,
        topics=["Integration", "Arbeit"], publisher="HMSI", language="de", confidence=0.95,
        release_title="Titel", source_url="https://example.org/a", cue="sagte",
        speaker=SpeakerRef(id="kai-klose", name="Kai Klose", as_printed="Kose",
                           role="Staatssekretär", organization=None, mention="Kose",
                           type=SpeakerType.PERSON))
    base.update(fields)
    return Quote(**base)


def test_every_stored_field_has_a_mapping_and_hit_fields_have_none() -> None:
    properties = mapping_of(Quote)
    assert "score" not in properties and "highlight" not in properties
    assert properties["kind"] == {"type": "keyword", "eager_global_ordinals": True}  # a facet
    assert properties["speaker"]["properties"]["name"]["fields"]["keyword"]["type"] == "keyword"
    assert set(mapping_of(SpeakerRef)) == set(properties["speaker"]["properties"])
    for mapping in (QUOTE_MAPPING, RELEASE_MAPPING, SPEAKER_MAPPING):
        assert mapping["dynamic"] == "strict" and mapping["_meta"]["schema_version"]
    assert QUOTE_MAPPING["properties"] == properties
    assert RELEASE_MAPPING["properties"]["source"]["properties"]["sha256"] == {"type": "keyword"}
    assert SPEAKER_MAPPING["properties"]["decisions"] == {"type": "object", "enabled": False}


def test_a_quote_goes_to_the_index_and_comes_back_typed() -> None:
    quote = _quote()
    source = to_source(quote)
    assert source["kind"] == "direct" and type(source["kind"]) is str
    assert source["speaker"]["type"] == "person" and "score" not in source
    back = read_source(Quote, source)
    assert back == quote
    assert back.kind is Kind.DIRECT and back.date_precision is DatePrecision.MONTH
    assert isinstance(back.speaker, SpeakerRef) and back.speaker.type is SpeakerType.PERSON


def test_a_hit_carries_score_and_one_highlight_per_field() -> None:
    hit = {"_source": to_source(_quote()), "_score": 2.5,
           "highlight": {"text.exact": ["<mark>Wir</mark>"], "context": ["„<mark>Wir</mark>“"]}}
    quote = read_hit(Quote, hit)
    assert quote.score == 2.5
    assert quote.highlight == {"text": "<mark>Wir</mark>", "context": "„<mark>Wir</mark>“"}
    assert [s.marked for s in quote.text_segments] == [True]


def test_an_older_document_without_a_field_reads_with_its_empty_value() -> None:
    source = to_source(_quote(speaker=None))
    del source["language"], source["topics"], source["compound_parts"]
    quote = read_source(Quote, source)
    assert quote.language is None and quote.topics == [] and quote.compound_parts == ""
    assert quote.speaker is None


def test_a_release_nests_its_source_and_contact() -> None:
    release = Release(
        id="r1", title="T", lead="", body="Text", headings=[], publisher=None, place=None,
        topics=[], published=None, date_precision=None, language="de",
        source=SourceRef(url="https://x", path="a.txt", sha256="0" * 64, format="txt"),
        contact=None, quote_count=0)
    source = to_source(release)
    assert source["source"] == {"url": "https://x", "path": "a.txt", "sha256": "0" * 64,
                                "format": "txt"}
    back = read_source(Release, source)
    assert back == release and back.source_url == "https://x"


def test_export_columns_follow_the_fields_and_flatten_the_speaker() -> None:
    columns = export_columns(Quote)
    names = [name for name, _ in columns]
    assert names[:7] == ["id", "text", "kind", "speaker", "speaker_as_printed", "role",
                         "organization"]
    assert "context" not in names and "compound_parts" not in names
    row = dict((name, cell(_quote())) for name, cell in columns)
    assert row["kind"] == "direct" and row["speaker"] == "Kai Klose"
    assert row["topics"] == "Integration; Arbeit" and row["start"] == "0"
    assert dict((name, cell(_quote(speaker=None))) for name, cell in columns)["role"] == ""


def test_a_speaker_identity_lists_counted_values() -> None:
    properties = mapping_of(Speaker)
    assert properties["aliases"] == {"properties": {"value": {"type": "keyword"},
                                                    "count": {"type": "integer"}}}


def test_the_schema_version_is_a_fingerprint_of_the_mappings() -> None:
    import re

    from search_service import indices

    assert re.fullmatch(r"s-[0-9a-f]{12}", indices.SCHEMA_VERSION)
    assert indices._fingerprint() == indices.SCHEMA_VERSION  # deterministic


def test_the_fields_facets_count_build_their_global_ordinals_at_refresh() -> None:
    """Every field a facet or its speaker ids count is eager; plain keywords are not."""
    from search_service.facets import QUOTE_FACETS, RELEASE_FACETS
    from search_service.indices import QUOTE_MAPPING, RELEASE_MAPPING

    def field(mapping: dict[str, Any], path: str) -> dict[str, Any]:
        node: dict[str, Any] = {"properties": mapping["properties"]}
        for part in path.split("."):
            node = node.get("properties", node.get("fields", {}))[part]
        return node

    for mapping, facets in ((QUOTE_MAPPING, QUOTE_FACETS), (RELEASE_MAPPING, RELEASE_FACETS)):
        for facet in facets:
            if facet.name != "year":  # a date histogram: no ordinals
                assert field(mapping, facet.field).get("eager_global_ordinals") is True
    assert field(QUOTE_MAPPING, "speaker.id")["eager_global_ordinals"] is True
    assert "eager_global_ordinals" not in field(QUOTE_MAPPING, "source_url")


def test_search_only_fields_stay_out_of_the_stored_source() -> None:
    assert derived_fields(Quote) == ["surroundings", "compound_parts", "folded"]
    assert derived_fields(Release) == ["compound_parts", "folded"]
    assert source_excludes(Quote) == ["compound_parts", "folded"]
    assert QUOTE_MAPPING["_source"] == {"excludes": ["compound_parts", "folded"]}
    assert RELEASE_MAPPING["_source"] == {"excludes": ["compound_parts", "folded"]}
    assert "_source" not in SPEAKER_MAPPING
    # still sent: Elasticsearch indexes them from the document written
    assert {"compound_parts", "folded"} <= set(to_source(_quote(folded="wir")))
    # read back without them: the defaults
    source = {k: v for k, v in to_source(_quote(folded="wir")).items() if k != "folded"}
    assert read_source(Quote, source).folded == ""


def test_fields_read_back_but_never_searched_keep_no_index_structures() -> None:
    properties = mapping_of(Quote)
    for name in ("id", "source_url", "language", "date_precision"):
        assert properties[name] == {"type": "keyword", "index": False, "doc_values": False}
    for name in ("context_start", "confidence", "ingested_at"):
        assert properties[name]["index"] is False and properties[name]["doc_values"] is False
    assert properties["context"] == {"type": "text", "index": False}
    assert properties["surroundings"]["fields"]["exact"]["type"] == "text"
    assert "fields" not in properties["release_title"]  # searched, never sorted
