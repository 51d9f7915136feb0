"""Result models: what a search returns, independent of how it is rendered.

Highlights come from Elasticsearch with ``encoder: html`` - the source text is
HTML-escaped there and only the ``<mark>`` tags are markup. :func:`segments`
turns such a fragment back into plain pieces (marked or not) so templates can
escape every piece themselves and never need ``|safe``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from search_service.facets import FacetValue

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False


def segments(fragment: str) -> list[Segment]:
    """``"a &lt;b&gt; <mark>c</mark>"`` -> [Segment("a <b> "), Segment("c", marked=True)]."""
    pieces: list[Segment] = []
    for index, chunk in enumerate(fragment.split(MARK_OPEN)):
        if index == 0:
            if chunk:
                pieces.append(Segment(html.unescape(chunk)))
            continue
        inside, _, after = chunk.partition(MARK_CLOSE)
        if inside:
            pieces.append(Segment(html.unescape(inside), marked=True))
        if after:
            pieces.append(Segment(html.unescape(after)))
    return pieces


@dataclass(frozen=True)
class SpeakerRef:
    id: str
    name: str
    as_printed: str | None
    role: str | None
    organization: str | None
    type: str = "person"  # person | organisation | document


@dataclass(frozen=True)
class Quote:
    id: str
    release_id: str
    kind: str
    text: str
    speaker: SpeakerRef | None
    cue: str | None
    start: int
    end: int
    context: str
    context_start: int
    date: str | None
    date_precision: str | None
    topics: list[str]
    publisher: str | None
    release_title: str | None
    source_url: str | None
    confidence: float | None
    score: float | None = None
    highlight: dict[str, str] = field(default_factory=dict)

    @property
    def text_segments(self) -> list[Segment]:
        return segments(self.highlight["text"]) if "text" in self.highlight else [
            Segment(self.text)]

    @property
    def context_segments(self) -> list[Segment]:
        return segments(self.highlight["context"]) if "context" in self.highlight else []

    @classmethod
    def from_hit(cls, hit: dict[str, Any]) -> Quote:
        src = hit["_source"]
        speaker = src.get("speaker")
        return cls(
            id=str(src["id"]), release_id=str(src["release_id"]), kind=str(src["kind"]),
            text=src["text"],
            speaker=SpeakerRef(speaker["id"], speaker["name"], speaker.get("as_printed"),
                               speaker.get("role"), speaker.get("organization"),
                               speaker.get("type") or "person")
            if speaker else None,
            cue=src.get("cue"), start=int(src["start"]), end=int(src["end"]),
            context=src.get("context") or "", context_start=int(src.get("context_start") or 0),
            date=src.get("date"), date_precision=src.get("date_precision"),
            topics=list(src.get("topics") or []), publisher=src.get("publisher"),
            release_title=src.get("release_title"), source_url=src.get("source_url"),
            confidence=src.get("confidence"), score=hit.get("_score"),
            highlight=_highlight(hit),
        )


@dataclass(frozen=True)
class Release:
    id: str
    title: str
    lead: str
    body: str
    publisher: str | None
    place: str | None
    topics: list[str]
    published: str | None
    date_precision: str | None
    language: str | None
    source_url: str | None
    source_format: str | None
    quote_count: int
    score: float | None = None
    highlight: dict[str, str] = field(default_factory=dict)

    @property
    def snippet_segments(self) -> list[Segment]:
        for name in ("body", "lead"):
            if name in self.highlight:
                return segments(self.highlight[name])
        return [Segment(self.lead or self.body[:300])]

    @classmethod
    def from_hit(cls, hit: dict[str, Any]) -> Release:
        src = hit["_source"]
        source = src.get("source") or {}
        return cls(
            id=str(src["id"]), title=src.get("title") or "", lead=src.get("lead") or "",
            body=src.get("body") or "", publisher=src.get("publisher"), place=src.get("place"),
            topics=list(src.get("topics") or []), published=src.get("published"),
            date_precision=src.get("date_precision"), language=src.get("language"),
            source_url=source.get("url"), source_format=source.get("format"),
            quote_count=int(src.get("quote_count") or 0), score=hit.get("_score"),
            highlight=_highlight(hit),
        )


@dataclass(frozen=True)
class Page:
    """One page of results with its facets."""

    total: int
    page: int
    per_page: int
    items: list[Any]
    facets: dict[str, list[FacetValue]]
    months: list[FacetValue] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ReleaseWithQuotes:
    release: Release
    quotes: list[Quote]


def _highlight(hit: dict[str, Any]) -> dict[str, str]:
    """One fragment string per base field; ``text.exact`` stands in for ``text``."""
    found: dict[str, str] = {}
    for name, fragments in (hit.get("highlight") or {}).items():
        base = name.removesuffix(".exact")
        if base not in found or name == base:
            found[base] = " … ".join(fragments)
    return found
