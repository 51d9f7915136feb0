"""Writing release and quote documents: incremental updates or a full rebuild.

Incremental (default): documents go into the live indices behind the aliases,
with deterministic ids, so re-indexing the same sources changes nothing; quotes
that a re-read release no longer contains are removed.

Rebuild: documents go into fresh concrete indices (refresh off and the translog
synced every few seconds while loading); only when everything is written are both
aliases swapped, atomically. If the run fails, the new indices are dropped and
readers keep the previous complete data.

Batches are written by one background thread while the caller goes on producing
the next ones (extraction is Python work, indexing is the node's), so the two
overlap; at most two batches wait, so memory stays bounded. A failure in the
background surfaces in the caller's next ``add``, ``flush`` or ``commit``, and
nothing is written after it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import elasticsearch
from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from search_service.indices import (
    KINDS,
    SINGLE_NODE,
    IndexKind,
    IndexNames,
    ShardLayout,
    create_index,
    ensure_indices,
    finish_bulk_loading,
    swap_alias,
)
from search_service.orphans import end_build, remove_orphans, start_build

log = logging.getLogger(__name__)


@dataclass
class LoadStats:
    releases: int = 0
    quotes: int = 0
    stale_quotes_removed: int = 0
    errors: list[str] = field(default_factory=list)


Batch = tuple[list[tuple[dict[str, Any], list[dict[str, Any]]]], dict[str, str]]


class IndexWriter:
    def __init__(self, client: Elasticsearch, names: IndexNames, *, rebuild: bool = False,
                 batch_releases: int = 100,
                 retry_pauses: tuple[float, ...] = (1.0, 2.0, 4.0),
                 background: bool = True, layout: ShardLayout = SINGLE_NODE) -> None:
        self.client = client
        self.names = names
        self.rebuild = rebuild
        self.batch_releases = batch_releases
        self.retry_pauses = retry_pauses
        self.background = background
        self.stats = LoadStats()
        self._pending: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        self._origins: dict[str, str] = {}
        self._queue: queue.Queue[Batch | None] = queue.Queue(maxsize=2)
        self._sender: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._stopping = False
        self.builder: dict[str, Any] | None = None
        self.orphans_removed: list[str] = []
        if rebuild:
            # What earlier rebuilds left when they failed goes first (search_service.orphans).
            self.orphans_removed = remove_orphans(client, names)
            if self.orphans_removed:
                log.warning("removed indices left by an earlier failed rebuild: %s",
                            ", ".join(self.orphans_removed))
            self.builder = start_build()
            self.targets: dict[IndexKind, str] = {
                kind: create_index(client, names, kind, bulk_loading=True, layout=layout,
                                   builder=self.builder)
                for kind in KINDS
            }
        else:
            ensure_indices(client, names, layout)
            self.targets = {kind: names.alias(kind) for kind in KINDS}

    def add(self, release: dict[str, Any], quotes: list[dict[str, Any]],
            origin: str | None = None) -> None:
        """Queue a release and its quotes; ``origin`` (the source path) names them in errors."""
        self._pending.append((release, quotes))
        if origin is not None:
            self._origins[release["id"]] = origin
        if len(self._pending) >= self.batch_releases:
            self._submit()

    def flush(self) -> None:
        """Write everything added so far; return when it is written (or raise why not)."""
        self._submit()
        if self._sender is not None:
            self._queue.join()
        self._raise_failure()

    def _submit(self) -> None:
        self._raise_failure()
        if not self._pending:
            return
        batch = (self._pending, self._origins)
        self._pending, self._origins = [], {}
        if not self.background:
            self._write(*batch)
            return
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_loop, name="index-writer",
                                            daemon=True)
            self._sender.start()
        self._queue.put(batch)  # blocks while two batches wait: bounded memory

    def _send_loop(self) -> None:
        while (batch := self._queue.get()) is not None:
            try:
                if self._failure is None and not self._stopping:
                    self._write(*batch)
            except BaseException as error:  # handed to the caller's thread
                self._failure = error
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def _raise_failure(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            self._stopping = True  # nothing more is written after a failure
            raise failure

    def _stop_sender(self) -> None:
        """Let the batch in flight finish, drop the waiting ones, end the thread."""
        if self._sender is None:
            return
        self._stopping = True
        self._queue.put(None)
        self._sender.join()
        self._sender = None

    def _write(self, pending: list[tuple[dict[str, Any], list[dict[str, Any]]]],
               origins: dict[str, str]) -> None:
        # The node may drop out for a moment (restart, long GC): resend the whole batch
        # with growing pauses. Ids are deterministic, so a resent document overwrites
        # itself; after the last try the error goes to the caller.
        created: set[str] = set()
        for attempt in range(len(self.retry_pauses) + 1):
            try:
                created = self._bulk(pending, origins)
                break
            except (elasticsearch.ConnectionError, elasticsearch.ConnectionTimeout) as error:
                if attempt == len(self.retry_pauses):
                    raise
                log.warning("bulk load failed (%s); retrying in %s s", error.message,
                            self.retry_pauses[attempt])
                time.sleep(self.retry_pauses[attempt])
        # A release the bulk request *created* was not in the index before, so it has
        # no stale quotes: only re-read releases need the (refresh + search) check.
        known = [(release, quotes) for release, quotes in pending
                 if release["id"] not in created]
        if not self.rebuild and known:
            self._remove_stale_quotes(known)

    def _bulk(self, pending: list[tuple[dict[str, Any], list[dict[str, Any]]]],
              origins: dict[str, str]) -> set[str]:
        """One bulk pass; counts land in ``stats`` only if the pass completes. Returns
        the ids of releases that did not exist before (bulk result ``created``)."""
        stats = LoadStats()
        created: set[str] = set()
        for ok, item in streaming_bulk(
            self.client, self._actions(pending), chunk_size=1000, max_retries=3,
            initial_backoff=1, raise_on_error=False, raise_on_exception=True,
        ):
            result = next(iter(item.values()))
            if not ok:
                reason = result.get("error", {})
                if isinstance(reason, dict):
                    reason = f"{reason.get('type')}: {reason.get('reason')}"
                doc_id = str(result.get("_id"))
                origin = origins.get(doc_id) or origins.get(doc_id.split("-", 1)[0], "")
                where = f"{origin}: " if origin else ""
                stats.errors.append(f"{where}document {doc_id} was not stored ({reason})")
            elif result.get("_index", "").startswith(self.names.alias("quotes")):
                stats.quotes += 1
            else:
                stats.releases += 1
                if result.get("result") == "created":
                    created.add(str(result.get("_id")))
        self.stats.releases += stats.releases
        self.stats.quotes += stats.quotes
        self.stats.errors.extend(stats.errors)
        return created

    def commit(self) -> None:
        """Make everything written visible (and, for a rebuild, swap the aliases)."""
        self.flush()
        self._stop_sender()
        if self.rebuild:
            for index in self.targets.values():
                finish_bulk_loading(self.client, index)
            for kind, index in self.targets.items():
                swap_alias(self.client, self.names, kind, index)
            self._end_build()
        else:
            self.client.indices.refresh(index=list(self.targets.values()))

    def abort(self) -> None:
        """Drop a half-built rebuild; the aliases still point at the previous data."""
        self._pending = []
        self._stop_sender()  # no batch may land in an index after it was dropped
        if self.rebuild:
            self._end_build()  # if the node is gone, the next rebuild removes them
            for index in self.targets.values():
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def _end_build(self) -> None:
        if self.builder is not None:
            end_build(self.builder)

    def _actions(self, pending: list[tuple[dict[str, Any], list[dict[str, Any]]]]
                 ) -> Iterator[dict[str, Any]]:
        for release, quotes in pending:
            yield {"_index": self.targets["releases"], "_id": release["id"], "_source": release}
            for quote in quotes:
                yield {"_index": self.targets["quotes"], "_id": quote["id"], "_source": quote}

    def _remove_stale_quotes(self, pending: list[tuple[dict[str, Any], list[dict[str, Any]]]]
                             ) -> None:
        release_ids = [release["id"] for release, _ in pending]
        keep = [quote["id"] for _, quotes in pending for quote in quotes]
        # Not delete_by_query: it lives in the reindex module, which the test
        # distribution does not ship. Search the stale ids, then bulk-delete them.
        query = {"bool": {"filter": [{"terms": {"release_id": release_ids}}],
                          "must_not": [{"ids": {"values": keep}}]}}
        self.client.indices.refresh(index=self.targets["quotes"])
        while True:
            hits = self.client.search(index=self.targets["quotes"], query=query, size=1000,
                                      source=False, sort=["_doc"])["hits"]["hits"]
            if not hits:
                break
            actions = [{"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]}
                       for hit in hits]
            removed = sum(int(ok) for ok, _ in streaming_bulk(self.client, actions,
                                                              raise_on_error=False))
            self.stats.stale_quotes_removed += removed
            self.client.indices.refresh(index=self.targets["quotes"])
            if removed < len(actions):
                self.stats.errors.append(
                    f"{len(actions) - removed} outdated quotes could not be removed")
                break
