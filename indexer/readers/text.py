"""Plain-text and Markdown releases, with front matter or a ``.meta.json`` sidecar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from indexer.extraction.markdown import parse_markdown_release
from indexer.extraction.plaintext import parse_plaintext_release
from indexer.readers.base import ReleaseInput, source_info
from indexer.readers.mapping import FieldMapping
from indexer.sources import SourceError, SourceText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Simple YAML front matter (``key: value``, ``key: [a, b]``, ``- item`` lists)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, Any] = {}
    current: str | None = None
    for line in match.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and current is not None:
            existing = meta.get(current)
            meta[current] = [*(existing if isinstance(existing, list) else []),
                             _scalar(item.group(1))]
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not pair:
            continue
        current, value = pair.group(1), pair.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            meta[current] = [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            meta[current] = _scalar(value)
    return meta, text[match.end():]


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _merged_meta(front: dict[str, Any], source: SourceText, mapping: FieldMapping
                 ) -> dict[str, Any]:
    meta: dict[str, Any] = dict(mapping.defaults)
    renames = {"source_url": "url", "date": "published", "tags": "topics",
               "keywords": "topics"}
    for key, value in {**front, **source.meta}.items():
        meta[renames.get(key, key)] = value
    return meta


def read_text(source: SourceText, mapping: FieldMapping) -> Iterator[ReleaseInput]:
    front, text = split_front_matter(source.text)
    structure = parse_plaintext_release(text)
    if not structure.body.strip():
        raise SourceError(source.path, "contains no release text after boilerplate removal")
    meta = _merged_meta(front, source, mapping)
    yield ReleaseInput(structure=structure, meta=meta,
                       source=source_info(str(source.path), source.raw, "text", meta.get("url")))


def read_markdown(source: SourceText, mapping: FieldMapping) -> Iterator[ReleaseInput]:
    front, text = split_front_matter(source.text)
    meta = _merged_meta(front, source, mapping)
    title = str(meta.get("title") or "")
    if not title:
        heading = re.match(r"\s*#+\s*(.+)", text)
        title = heading.group(1).strip() if heading else source.path.stem
    topics = meta.get("topics") or ()
    structure = parse_markdown_release(
        title, text, publisher=meta.get("publisher"),
        topics=tuple(topics) if isinstance(topics, list) else (str(topics),),
        language=meta.get("language"),
    )
    if not structure.body.strip():
        raise SourceError(source.path, "contains no release text")
    yield ReleaseInput(structure=structure, meta=meta,
                       source=source_info(str(source.path), source.raw, "markdown",
                                          meta.get("url")))
