"""Readers: one per input format, each turning a file into release inputs.

Every reader yields :class:`ReleaseInput` for what it could read and
:class:`~indexer.sources.SourceError` (naming the file, and the line for JSON
Lines) for what it could not, so one bad record never stops the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.readers.base import ReleaseInput
from indexer.readers.html import read_html
from indexer.readers.jsonrecords import read_json, read_jsonl
from indexer.readers.mapping import FieldMapping
from indexer.readers.spkatt import is_spkatt, read_spkatt
from indexer.readers.text import read_markdown, read_text
from indexer.sources import COMPRESSED_SUFFIXES, SourceError, read_source

__all__ = ["FieldMapping", "ReleaseInput", "read_inputs"]

Item = ReleaseInput | SourceError


def read_inputs(path: Path, mapping: FieldMapping) -> Iterator[Item]:
    """Release inputs of one file, by its suffix; errors are yielded, not raised."""
    if path.suffix.lower() in {".jsonl", ".ndjson"} or path.name.lower().endswith(
            COMPRESSED_SUFFIXES):
        yield from read_jsonl(path, mapping)
        return
    try:
        source = read_source(path)
    except SourceError as error:
        yield error
        return
    suffix = path.suffix.lower()
    try:
        if suffix in {".html", ".htm"}:
            yield from read_html(source, mapping)
        elif suffix == ".md":
            yield from read_markdown(source, mapping)
        elif suffix == ".json":
            if is_spkatt(source.text):
                yield from read_spkatt(source)
            else:
                yield from read_json(source, mapping)
        else:
            yield from read_text(source, mapping)
    except SourceError as error:
        yield error
