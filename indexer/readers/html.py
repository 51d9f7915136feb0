"""HTML pages of press releases: main text and metadata via trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import trafilatura
from lxml import html as lxml_html

from indexer.extraction.plaintext import structure_from_body
from indexer.readers.base import ReleaseInput, source_info
from indexer.readers.mapping import FieldMapping
from indexer.sources import SourceError, SourceText

_INTERNAL_TAG = re.compile(r"^ii\d+$")  # berlin.de's internal id keywords
_PRESS_NUMBER = re.compile(r"^Pressemitteilung(?: Nr\.? [\w/.-]+)? vom \d{1,2}\.\d{1,2}\.\d{4}$")


def page_metadata(markup: str) -> dict[str, Any]:
    """Canonical URL, date, title and keywords from the page head (Dublin Core, OG)."""
    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    meta: dict[str, Any] = {}

    def content(*names: str) -> str | None:
        for name in names:
            for node in tree.xpath(f'//meta[@name="{name}" or @property="{name}"]/@content'):
                if str(node).strip():
                    return str(node).strip()
        return None

    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta["url"] = str(canonical[0]).strip() if canonical else content("og:url")
    meta["published"] = content("dcterms.date", "article:published_time", "date")
    meta["title"] = content("dcterms.title", "og:title")
    meta["publisher"] = content("dcterms.publisher", "publisher")
    keywords = content("keywords")
    if keywords:
        meta["topics"] = [k.strip() for k in keywords.split(",")
                          if k.strip() and not _INTERNAL_TAG.match(k.strip())]
    language = tree.xpath("//html/@lang")
    if language:
        meta["language"] = str(language[0]).split("-")[0].lower()
    return {key: value for key, value in meta.items() if value}


def read_html(source: SourceText, mapping: FieldMapping) -> Iterator[ReleaseInput]:
    document: Any = trafilatura.bare_extraction(
        source.text, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise SourceError(source.path, "has no recognisable release text (is it a press "
                                       "release page, or truncated?)")
    meta = {**mapping.defaults, **page_metadata(source.text), **source.meta}
    title = meta.get("title") or getattr(document, "title", None) or ""
    if not meta.get("published") and getattr(document, "date", None):
        meta["published"] = str(document.date)
    if not meta.get("url") and getattr(document, "url", None):
        meta["url"] = str(document.url)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    lines = [line for line in lines if not _PRESS_NUMBER.match(line)]
    structure = structure_from_body(
        title, "\n\n".join(lines), topics=tuple(meta.get("topics") or ()),
        publisher=meta.get("publisher"), language=meta.get("language"),
    )
    yield ReleaseInput(structure=structure, meta=meta,
                       source=source_info(str(source.path), source.raw, "html", meta.get("url")))
