"""One indexing run: sources in, documents out, every file's fate in the summary.

A file that cannot be read or understood is reported by name and skipped; the
run goes on and the files already written stay written.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from indexer.documents import MetadataError, SourceInfo, build_quotes, build_release
from indexer.extraction.pipeline import extract_quotes
from indexer.extraction.plaintext import parse_plaintext_release
from indexer.sources import SourceError, discover, read_source
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.loading import IndexWriter

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    files_seen: int = 0
    files_indexed: int = 0
    releases: int = 0
    quotes: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def documents_for(path: Path, splitter: CompoundSplitter, ingested_at: str
                  ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Read one source file into its release document and quote documents."""
    source = read_source(path)
    structure = parse_plaintext_release(source.text)
    if not structure.body.strip():
        raise SourceError(path, "contains no release text after boilerplate removal")
    quotes = extract_quotes(structure)
    info = SourceInfo(path=str(path), sha256=hashlib.sha256(source.raw).hexdigest(),
                      format="text", url=None)
    try:
        release = build_release(structure, info, source.meta, quotes, splitter, ingested_at)
    except MetadataError as error:
        raise SourceError(path, f"metadata: {error}") from None
    return release, build_quotes(release, quotes, splitter)


def index_sources(
    inputs: Sequence[str],
    client: Elasticsearch,
    names: IndexNames,
    splitter: CompoundSplitter,
    *,
    rebuild: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> RunSummary:
    started = time.monotonic()
    summary = RunSummary()
    ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
    writer = IndexWriter(client, names, rebuild=rebuild)
    try:
        for path in discover(inputs):
            summary.files_seen += 1
            try:
                release, quotes = documents_for(path, splitter, ingested_at)
            except SourceError as error:
                summary.failed.append(str(error))
                log.warning("skipped %s", error)
            else:
                writer.add(release, quotes)
                summary.files_indexed += 1
            if progress is not None:
                progress(path)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    summary.releases = writer.stats.releases
    summary.quotes = writer.stats.quotes
    summary.failed.extend(writer.stats.errors)
    summary.seconds = time.monotonic() - started
    return summary
