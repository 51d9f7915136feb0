"""Facets as data: which field each one counts, how its filter looks, how counts come back.

Filters on facet fields go into ``post_filter``, and each facet's aggregation is
wrapped in a ``filter`` aggregation with *every other* facet's filter, so a facet
never narrows its own counts: selecting one speaker keeps the other speakers
(with their counts) visible, while selections across facets combine with AND and
values within one facet with OR (the elasticsearch-dsl ``FacetedSearch`` model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from search_service.request import SearchRequest

FACET_SIZE = 50
UNDATED_VALUE = "undated"


@dataclass(frozen=True)
class Facet:
    name: str  # request attribute holding the selected values
    field: str
    size: int = FACET_SIZE

    def filter(self, values: Sequence[str]) -> dict[str, Any]:
        return {"terms": {self.field: list(values)}}

    def aggregation(self, request: SearchRequest) -> dict[str, Any]:
        return {"terms": {"field": self.field, "size": self.size,
                          "order": [{"_count": "desc"}, {"_key": "asc"}]}}


@dataclass(frozen=True)
class SpeakerFacet(Facet):
    """Counts by canonical name, and carries each name's speaker id for links."""

    def aggregation(self, request: SearchRequest) -> dict[str, Any]:
        agg = super().aggregation(request)
        agg["aggs"] = {"ids": {"terms": {"field": "speaker.id", "size": 1}}}
        return agg


@dataclass(frozen=True)
class YearFacet(Facet):
    """Calendar years; values are years as strings ("2022")."""

    def filter(self, values: Sequence[str]) -> dict[str, Any]:
        return {"bool": {"should": [
            {"range": {self.field: {"gte": f"{year}-01-01", "lte": f"{year}-12-31",
                                    "format": "yyyy-MM-dd"}}} for year in values
        ], "minimum_should_match": 1}}

    def aggregation(self, request: SearchRequest) -> dict[str, Any]:
        return {"date_histogram": {"field": self.field, "calendar_interval": "year",
                                   "format": "yyyy", "min_doc_count": 1,
                                   "order": {"_key": "desc"}}}


QUOTE_FACETS: tuple[Facet, ...] = (
    SpeakerFacet("speaker", "speaker.name.keyword"),
    Facet("topic", "topics.raw"),
    Facet("publisher", "publisher.keyword"),
    Facet("kind", "kind", size=5),
    YearFacet("year", "date"),
)
RELEASE_FACETS: tuple[Facet, ...] = (
    Facet("topic", "topics.raw"),
    Facet("publisher", "publisher.keyword"),
    YearFacet("year", "published"),
)


def facet_filters(facets: Sequence[Facet], request: SearchRequest) -> dict[str, dict[str, Any]]:
    """The filter of every facet that has selected values, by facet name."""
    return {facet.name: facet.filter(request.selected(facet.name))
            for facet in facets if request.selected(facet.name)}


def post_filter(filters: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if not filters:
        return None
    return {"bool": {"filter": list(filters.values())}}


def aggregations(facets: Sequence[Facet], request: SearchRequest,
                 filters: dict[str, dict[str, Any]], date_field: str) -> dict[str, Any]:
    """One ``filter`` aggregation per facet, applying all *other* facets' filters."""
    aggs: dict[str, Any] = {}
    for facet in facets:
        others = [f for name, f in filters.items() if name != facet.name]
        inner: dict[str, Any] = {facet.name: facet.aggregation(request)}
        chosen = list(request.selected(facet.name))
        if chosen and not isinstance(facet, YearFacet):
            # The true counts of the selected values, even outside the top ``size``.
            inner["selected"] = {"terms": {"field": facet.field, "include": chosen,
                                           "size": len(chosen)}}
        if facet.name == "year":
            inner["undated"] = {"missing": {"field": date_field}}
            if len(request.year) == 1:
                year = request.year[0]
                inner["month"] = {
                    "filter": YearFacet("year", date_field).filter([str(year)]),
                    "aggs": {"month": {"date_histogram": {
                        "field": date_field, "calendar_interval": "month",
                        "format": "yyyy-MM", "min_doc_count": 1}}},
                }
        aggs[f"facet_{facet.name}"] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": inner,
        }
    return aggs


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool
    speaker_id: str | None = None


def read_facets(facets: Sequence[Facet], request: SearchRequest, response_aggs: dict[str, Any]
                ) -> dict[str, list[FacetValue]]:
    """Facet values with counts; selected values are listed even when nothing matches."""
    result: dict[str, list[FacetValue]] = {}
    for facet in facets:
        wrapper = response_aggs.get(f"facet_{facet.name}", {})
        selected = set(request.selected(facet.name))
        values = []
        for bucket in wrapper.get(facet.name, {}).get("buckets", []):
            key = str(bucket.get("key_as_string", bucket["key"]))
            ids = bucket.get("ids", {}).get("buckets", [])
            values.append(FacetValue(key, int(bucket["doc_count"]), key in selected,
                                     str(ids[0]["key"]) if ids else None))
        seen = {v.value for v in values}
        counts = {str(b["key"]): int(b["doc_count"])
                  for b in wrapper.get("selected", {}).get("buckets", [])}
        values.extend(FacetValue(value, counts.get(value, 0), True)
                      for value in sorted(selected - seen))
        if facet.name == "year":
            undated = int(wrapper.get("undated", {}).get("doc_count", 0))
            if undated:
                values.append(FacetValue(UNDATED_VALUE, undated, request.undated == "only"))
        result[facet.name] = values
    return result


def read_months(response_aggs: dict[str, Any]) -> list[FacetValue]:
    """Months of the one selected year (empty unless exactly one year is selected)."""
    month = response_aggs.get("facet_year", {}).get("month", {}).get("month", {})
    return [FacetValue(str(b["key_as_string"]), int(b["doc_count"]), False)
            for b in month.get("buckets", [])]
