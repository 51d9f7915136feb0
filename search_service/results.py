"""What a search returns, independent of how it is rendered: a page of documents with its
facets, or a release with its quotes. The documents themselves are defined once in
:mod:`search_service.documents`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search_service.document_model import ApiViews
from search_service.documents import Quote, Release, SpeakerRef
from search_service.facets import FacetValue
from search_service.highlights import Segment, segments

__all__ = ["Page", "Quote", "Release", "ReleaseWithQuotes", "Segment", "SpeakerRef",
           "segments"]


@dataclass(frozen=True)
class Page:
    """One page of results with its facets."""

    total: int
    page: int
    per_page: int
    items: list[Any]
    # FacetValue objects, or (for the API) the values as it shows them (ApiViews).
    facets: dict[str, list[FacetValue] | ApiViews]
    months: list[FacetValue] = field(default_factory=list)
    # "Meinten Sie …?": a close spelling of the search text that finds more (or None).
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ReleaseWithQuotes:
    release: Release
    quotes: list[Quote]
