"""Indexing and extraction runs: sources in, records out, every input's fate counted.

A file or record that cannot be read is reported by name (and line) and skipped;
the run goes on, and what was already written stays written. Records are
streamed: memory does not grow with the number of files.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from indexer.documents import MetadataError, build_quotes, build_release
from indexer.extraction.pipeline import extract_quotes
from indexer.extraction.records import QuoteCandidate
from indexer.readers import FieldMapping, ReleaseInput, read_inputs
from indexer.sources import SourceError, discover
from indexer.topics import TopicTaxonomy
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.loading import IndexWriter

log = logging.getLogger(__name__)


@dataclass
class Extracted:
    release: dict[str, Any]
    quotes: list[dict[str, Any]]


@dataclass
class RunSummary:
    files_seen: int = 0
    releases: int = 0
    quotes: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def count(self, item: Extracted) -> None:
        self.releases += 1
        self.quotes += len(item.quotes)
        for quote in item.quotes:
            self.by_kind[quote["kind"]] += 1
            if quote["speaker"]:
                self.speakers.add(quote["speaker"]["id"])

    def describe(self) -> str:
        kinds = ", ".join(f"{self.by_kind[k]} {k}" for k in ("direct", "indirect", "statement"))
        return (f"{self.files_seen} files, {self.releases} releases, {self.quotes} quotes "
                f"({kinds}), {len(self.speakers)} speakers, {len(self.failed)} errors, "
                f"{self.seconds:.1f} s")


@dataclass(frozen=True)
class Extractor:
    splitter: CompoundSplitter
    mapping: FieldMapping = field(default_factory=FieldMapping)
    taxonomy: TopicTaxonomy | None = None
    ingested_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def records(self, item: ReleaseInput) -> Extracted:
        """Release and quote documents for one input (pure apart from the clock above)."""
        quotes = _merge(item.given_quotes,
                        extract_quotes(item.structure) if item.extract else [])
        identity = None
        if item.given_quotes and not item.extract:  # curated quote: one URL, many records
            identity = f"{item.source.url}|{item.given_quotes[0].text}"
        extra = (self.taxonomy.topics_for(item.structure.title, item.structure.body)
                 if self.taxonomy else [])
        try:
            release = build_release(item.structure, item.source, item.meta, quotes,
                                    self.splitter, self.ingested_at, identity=identity,
                                    extra_topics=extra)
        except MetadataError as error:
            raise SourceError(Path(item.source.path), f"metadata: {error}") from None
        return Extracted(release, build_quotes(release, quotes, self.splitter))

    def run(self, inputs: Sequence[str], summary: RunSummary,
            progress: Callable[[Path], None] | None = None
            ) -> Iterator[Extracted | SourceError]:
        for path in discover(inputs):
            summary.files_seen += 1
            for item in read_inputs(path, self.mapping):
                if isinstance(item, SourceError):
                    summary.failed.append(str(item))
                    yield item
                    continue
                try:
                    extracted = self.records(item)
                except SourceError as error:
                    summary.failed.append(str(error))
                    yield error
                    continue
                except Exception as error:  # a bug in extraction must not end the run
                    log.exception("extraction failed for %s", item.source.path)
                    failure = SourceError(Path(item.source.path),
                                          f"extraction failed ({type(error).__name__}: {error})")
                    summary.failed.append(str(failure))
                    yield failure
                    continue
                summary.count(extracted)
                yield extracted
            if progress is not None:
                progress(path)


def _merge(given: Sequence[QuoteCandidate], found: Sequence[QuoteCandidate]
           ) -> list[QuoteCandidate]:
    spans = {(q.start, q.end) for q in given}
    return sorted([*given, *(q for q in found if (q.start, q.end) not in spans)],
                  key=lambda q: (q.start, q.end))


def index_sources(
    inputs: Sequence[str],
    client: Elasticsearch,
    names: IndexNames,
    splitter: CompoundSplitter,
    *,
    rebuild: bool = False,
    mapping: FieldMapping | None = None,
    taxonomy: TopicTaxonomy | None = None,
    progress: Callable[[Path], None] | None = None,
) -> RunSummary:
    started = time.monotonic()
    summary = RunSummary()
    extractor = Extractor(splitter, mapping or FieldMapping(), taxonomy)
    writer = IndexWriter(client, names, rebuild=rebuild)
    try:
        for item in extractor.run(inputs, summary, progress):
            if isinstance(item, Extracted):
                writer.add(item.release, item.quotes, origin=item.release["source"]["path"])
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    if writer.stats.errors:
        summary.failed.extend(writer.stats.errors)
    summary.seconds = time.monotonic() - started
    return summary
