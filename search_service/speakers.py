"""Speakers, aggregated from their quotes: names, aliases as printed, roles, counts.

Nothing about a speaker is stored apart from the quotes; every number here is an
aggregation over the quotes index, so it is always as current as the quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search_service.errors import NotFound
from search_service.facets import FacetValue
from search_service.limits import LIMITS
from search_service.request import SpeakerQuery
from search_service.search import Searcher


@dataclass(frozen=True)
class SpeakerProfile:
    """A speaker as the API and the speaker page show it: the identity's name with what its
    quotes say (aggregated at query time); the stored identity is
    :class:`search_service.documents.Speaker`."""

    id: str
    name: str
    quote_count: int
    aliases: list[FacetValue] = field(default_factory=list)  # as printed, with counts
    roles: list[FacetValue] = field(default_factory=list)
    organizations: list[FacetValue] = field(default_factory=list)
    topics: list[FacetValue] = field(default_factory=list)
    publishers: list[FacetValue] = field(default_factory=list)
    months: list[FacetValue] = field(default_factory=list)
    undated: int = 0
    first_date: str | None = None
    last_date: str | None = None


def _terms(name: str, size: int = LIMITS.speaker_values) -> dict[str, Any]:
    return {"terms": {"field": name, "size": size}}


_SUMMARY_AGGS: dict[str, Any] = {
    "names": _terms("speaker.name.keyword", 1),
    "aliases": _terms("speaker.as_printed"),
    "roles": _terms("speaker.role.keyword"),
}
_DETAIL_AGGS: dict[str, Any] = {
    **_SUMMARY_AGGS,
    "organizations": _terms("speaker.organization.keyword"),
    "topics": _terms("topics.raw"),
    "publishers": _terms("publisher.keyword"),
    "months": {"date_histogram": {"field": "date", "calendar_interval": "month",
                                  "format": "yyyy-MM", "min_doc_count": 1}},
    "undated": {"missing": {"field": "date"}},
    "first": {"min": {"field": "date", "format": "yyyy-MM-dd"}},
    "last": {"max": {"field": "date", "format": "yyyy-MM-dd"}},
}


def _values(aggs: dict[str, Any], name: str) -> list[FacetValue]:
    return [FacetValue(str(b.get("key_as_string", b["key"])), int(b["doc_count"]), False)
            for b in aggs.get(name, {}).get("buckets", [])]


def _speaker(speaker_id: str, count: int, aggs: dict[str, Any]) -> SpeakerProfile:
    names = _values(aggs, "names")
    return SpeakerProfile(
        id=speaker_id, name=names[0].value if names else speaker_id, quote_count=count,
        aliases=_values(aggs, "aliases"), roles=_values(aggs, "roles"),
        organizations=_values(aggs, "organizations"), topics=_values(aggs, "topics"),
        publishers=_values(aggs, "publishers"), months=_values(aggs, "months"),
        undated=int(aggs.get("undated", {}).get("doc_count", 0)),
        first_date=aggs.get("first", {}).get("value_as_string"),
        last_date=aggs.get("last", {}).get("value_as_string"),
    )


def list_speakers(searcher: Searcher, query: SpeakerQuery) -> list[SpeakerProfile]:
    """Speakers whose name (or a printed form of it) matches ``query.q``, most quoted first."""
    query.validate()
    text = query.q.strip()
    filters: list[dict[str, Any]] = [{"exists": {"field": "speaker.id"}}]
    if text:
        filters.append({"bool": {"should": [
            {"match": {"speaker.name": {"query": text, "operator": "and"}}},
            {"prefix": {"speaker.name.keyword": {"value": text, "case_insensitive": True}}},
            {"term": {"speaker.as_printed": {"value": text, "case_insensitive": True}}},
        ], "minimum_should_match": 1}})
    raw = searcher.raw_search("quotes", {
        "query": {"bool": {"filter": filters}}, "size": 0,
        "aggs": {"speakers": {"terms": {"field": "speaker.id", "size": query.size},
                              "aggs": _SUMMARY_AGGS}}})
    buckets = raw.get("aggregations", {}).get("speakers", {}).get("buckets", [])
    return [_speaker(str(b["key"]), int(b["doc_count"]), b) for b in buckets]


def get_speaker(searcher: Searcher, speaker_id: str) -> SpeakerProfile:
    raw = searcher.raw_search("quotes", {
        "query": {"bool": {"filter": [{"term": {"speaker.id": speaker_id}}]}},
        "size": 0, "track_total_hits": True, "aggs": _DETAIL_AGGS})
    count = int(raw["hits"]["total"]["value"])
    if not count:
        raise NotFound(f"There is no speaker with the id {speaker_id!r}.")
    return _speaker(speaker_id, count, raw.get("aggregations", {}))
