"""After a load: build the speaker registry over the whole quotes index and apply it.

The registry needs every mention of the corpus (a surname in one release is resolved by a
full name in another), so it runs once per indexing run, after the last batch is written and
before the indices go live: mentions are aggregated from the quotes index (old and new alike,
so an in-place run reconsiders earlier quotes too), identities written to the speakers index,
and quotes whose speaker changed written again, whole (their search-only fields, which
the stored ``_source`` leaves out, recomputed with the new name).
"""

from __future__ import annotations

import logging
from typing import Any

from indexer.documents import rewritten_quote
from indexer.identity.documents import assigner, registry_from_rows, speaker_document
from indexer.memos import release_memos
from search_service.client import Client
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexKind
from search_service.speaker_index import ReconcileStats, apply_identities, mention_rows

log = logging.getLogger(__name__)


class _Rewriter:
    """:func:`rewritten_quote` for each quote the registry changes, the splitter's memos
    emptied every :attr:`BATCH` quotes: they would otherwise fill up again while the
    registry is held."""

    BATCH = 5_000

    def __init__(self, splitter: CompoundSplitter) -> None:
        self.splitter = splitter
        self.count = 0

    def __call__(self, source: dict[str, Any]) -> dict[str, Any]:
        self.count += 1
        if self.count % self.BATCH == 0:
            release_memos(self.splitter)
        return rewritten_quote(source, self.splitter)


def reconcile_speakers(client: Client, targets: dict[IndexKind, str],
                       splitter: CompoundSplitter) -> ReconcileStats:
    """Registry over ``targets["quotes"]``, written to ``targets["speakers"]``."""
    registry = registry_from_rows(mention_rows(client, targets["quotes"]))
    documents = (speaker_document(identity) for identity in registry.identities)
    stats = apply_identities(client, targets["quotes"], targets["speakers"], documents,
                             assigner(registry), _Rewriter(splitter))
    log.info("speaker registry: %d identities from %d mentions; %d of %d quotes updated",
             stats.identities, len(registry.by_mention), stats.quotes_updated, stats.quotes_seen)
    return stats
