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

from indexer.documents import MetadataError, build_quotes, build_release
from indexer.extraction.pipeline import extract_quotes
from indexer.extraction.records import QuoteCandidate
from indexer.identity.reconcile import reconcile_speakers
from indexer.memos import release_memos
from indexer.own_output import Identity, is_written
from indexer.readers import FieldMapping, ReleaseInput, read_inputs
from indexer.sources import SourceError, discover
from indexer.topics import TopicVocabulary
from search_service.client import Client, node_url, translated_errors
from search_service.compounds import CompoundSplitter
from search_service.document_model import to_source
from search_service.documents import Quote, Release
from search_service.errors import ElasticsearchFailed, ElasticsearchUnavailable, WortlautError
from search_service.indices import SINGLE_NODE, IndexNames, ShardLayout
from search_service.loading import IndexWriter

log = logging.getLogger(__name__)


@dataclass
class Extracted:
    release: Release
    quotes: list[Quote]

    def sources(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The release and its quotes as the index stores them."""
        return to_source(self.release), [to_source(quote) for quote in self.quotes]


@dataclass
class RunSummary:
    files_seen: int = 0
    releases: int = 0
    quotes: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    identities: int | None = None  # speaker identities after the registry (index runs only)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # inputs not read, and why
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def count(self, item: Extracted) -> None:
        self.releases += 1
        self.quotes += len(item.quotes)
        for quote in item.quotes:
            self.by_kind[quote.kind] += 1
            if quote.speaker:
                self.speakers.add(quote.speaker.id)

    def describe(self) -> str:
        kinds = ", ".join(f"{self.by_kind[k]} {k}" for k in ("direct", "indirect", "statement"))
        speakers = f"{len(self.speakers)} speaker names"
        if self.identities is not None:
            speakers += f", {self.identities} speakers in the index"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return (f"{self.files_seen} files, {self.releases} releases, {self.quotes} quotes "
                f"({kinds}), {speakers}, {len(self.failed)} errors{skipped}, "
                f"{self.seconds:.1f} s")


@dataclass(frozen=True)
class Extractor:
    splitter: CompoundSplitter
    mapping: FieldMapping = field(default_factory=FieldMapping)
    taxonomy: TopicVocabulary = field(default_factory=TopicVocabulary.default)
    ingested_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def records(self, item: ReleaseInput) -> Extracted:
        """Release and quote documents for one input (pure apart from the clock above)."""
        quotes = _merge(item.given_quotes,
                        extract_quotes(item.structure) if item.extract else [])
        identity = None
        if item.given_quotes and not item.extract:  # curated quote: one URL, many records
            identity = f"{item.source.url}|{item.given_quotes[0].text}"
        try:
            release = build_release(item.structure, item.source, item.meta, quotes,
                                    self.splitter, self.ingested_at, identity=identity,
                                    vocabulary=self.taxonomy)
        except MetadataError as error:
            raise SourceError(Path(item.source.path), f"metadata: {error}") from None
        return Extracted(release, build_quotes(release, quotes, self.splitter))

    def run(self, inputs: Sequence[str], summary: RunSummary,
            progress: Callable[[Path], None] | None = None,
            own_output: frozenset[Identity] = frozenset()
            ) -> Iterator[Extracted | SourceError]:
        """The records of ``inputs``; a file among ``own_output`` (what the running command
        writes, see :mod:`indexer.own_output`) is skipped and named in the summary."""
        for path in discover(inputs):
            if is_written(path, own_output):
                summary.skipped.append(f"{path}: this command's own output; not read")
                continue
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
    client: Client,
    names: IndexNames,
    splitter: CompoundSplitter,
    *,
    rebuild: bool = False,
    mapping: FieldMapping | None = None,
    taxonomy: TopicVocabulary | None = None,
    progress: Callable[[Path], None] | None = None,
    layout: ShardLayout = SINGLE_NODE,
    own_output: frozenset[Identity] = frozenset(),
) -> RunSummary:
    """Read ``inputs`` and write their records; every input's fate lands in the summary.

    If Elasticsearch fails in the middle (after the writer's retries), the run stops
    with :class:`LoadInterrupted`, whose summary says what was read and stored: what
    was stored stays stored, and re-running the same command completes the index
    (ids are deterministic, so nothing is duplicated). A rebuild is swapped in only
    when every input was read and every document stored; otherwise its new indices
    are dropped and the aliases keep pointing at the previous complete data. Indices
    created on the way are spread as ``layout`` says (shards and replicas).
    """
    started = time.monotonic()
    summary = RunSummary()
    extractor = Extractor(splitter, mapping or FieldMapping(),
                          taxonomy or TopicVocabulary.default())
    where = node_url(client)
    with translated_errors(where):
        writer = IndexWriter(client, names, rebuild=rebuild, layout=layout)
    try:
        with translated_errors(where):
            for item in extractor.run(inputs, summary, progress, own_output):
                if isinstance(item, Extracted):
                    writer.add(*item.sources(), origin=item.release.source.path)
            writer.flush()
            if rebuild and (summary.failed or writer.stats.errors):
                writer.abort()
                summary.failed.extend(writer.stats.errors)
                summary.failed.append(
                    f"rebuild not swapped in: {len(summary.failed)} inputs or documents failed, "
                    "so the new indices were dropped and the previous indices stay live; fix "
                    "the inputs above and run the rebuild again")
                summary.seconds = time.monotonic() - started
                return summary
            release_memos(splitter)  # the registry reuses their memory
            summary.identities = reconcile_speakers(client, writer.targets,
                                                      splitter).identities
            writer.commit()
    except ElasticsearchFailed as error:  # node gone, timing out or overloaded, after retries
        _abort_quietly(writer)
        summary.seconds = time.monotonic() - started
        raise LoadInterrupted(summary, writer.stats.releases, error, rebuild) from None
    except BaseException:
        _abort_quietly(writer)
        raise
    if writer.stats.errors:
        summary.failed.extend(writer.stats.errors)
    summary.seconds = time.monotonic() - started
    return summary


def _abort_quietly(writer: IndexWriter) -> None:
    """Drop a half-built rebuild if the node still answers; never mask the first error."""
    try:
        with translated_errors():
            writer.abort()
    except WortlautError as error:
        left = ", ".join(writer.targets.values()) if writer.rebuild else "nothing"
        log.warning("could not drop the half-built indices %s (%s); they are not behind "
                    "the aliases, and the next `wortlaut index --rebuild` or `wortlaut es "
                    "status` removes them", left, getattr(error, "reason", error))


class LoadInterrupted(ElasticsearchUnavailable):
    """Elasticsearch failed in the middle of a run; ``summary`` tells what was done."""

    def __init__(self, summary: RunSummary, stored: int, error: ElasticsearchFailed,
                 rebuild: bool) -> None:
        self.summary = summary
        reason = error.reason
        if rebuild:
            kept = ("The rebuild was not swapped in: readers still see the previous "
                    "complete indices.")
        else:
            kept = (f"{stored} releases (with their quotes) were stored before the failure "
                    "and stay stored.")
        super().__init__(
            f"Elasticsearch failed while loading, after {summary.releases} releases were "
            f"read ({reason}). {kept} Check the node (`wortlaut es status`), then run the "
            "same command again: ids are deterministic, so it completes the index without "
            "duplicates.")
