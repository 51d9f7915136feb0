"""Scale: index bytes per quote and search p95 as the quote count grows.

Up to 100k quotes the corpus goes through ``index_sources`` end to end in a child
process (its peak RSS is the memory measurement). Beyond, extraction alone would not
fit the bench's time budget (about 430 quotes/s on one core), so the quotes of the
extracted 10k corpus are recombined into new documents — new ids, shifted dates, other
real speakers — and streamed to the bulk helper without ever being held in memory.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from search_service.indices import (
    KINDS,
    IndexNames,
    create_index,
    finish_bulk_loading,
    swap_alias,
)


def recombined(docs: Path, quotes: int, speakers: list[list[str]], seed: int,
               targets: dict[str, str], deadline: float) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    made = round_ = 0
    while True:
        round_ += 1
        with docs.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                release = doc["release"]
                if round_ == 1:
                    yield {"_index": targets["releases"], "_id": release["id"],
                           "_source": release}
                for quote in doc["quotes"]:
                    if made >= quotes or (made % 1000 == 0 and time.monotonic() > deadline):
                        return
                    made += 1
                    copy = dict(quote, id=f"{quote['id']}-r{round_}")
                    if copy.get("date") and len(copy["date"]) == 10:
                        shifted = date.fromisoformat(copy["date"]) + timedelta(
                            days=rng.randint(-1500, 1500))
                        copy["date"] = shifted.isoformat()
                    if round_ > 1 and copy.get("speaker"):
                        name, role = rng.choice(speakers)
                        copy["speaker"] = dict(copy["speaker"], name=name, as_printed=name,
                                               role=role,
                                               id=name.lower().replace(" ", "-"))
                    yield {"_index": targets["quotes"], "_id": copy["id"], "_source": copy}


def load_recombined(client: Elasticsearch, names: IndexNames, docs: Path, quotes: int,
                    speakers: list[list[str]], seed: int = 5,
                    budget_s: float = float("inf")) -> int:
    """Load about ``quotes`` recombined quotes; stop early when ``budget_s`` is spent."""
    targets = {kind: create_index(client, names, kind, bulk_loading=True) for kind in KINDS}
    loaded = 0
    deadline = time.monotonic() + budget_s
    actions = recombined(docs, quotes, speakers, seed, targets, deadline)
    for ok, _ in streaming_bulk(client, actions, chunk_size=1000, raise_on_error=True):
        loaded += int(ok)
    print(f"[bench] recombined: {loaded} docs", flush=True)
    for kind, index in targets.items():
        finish_bulk_loading(client, index)
        swap_alias(client, names, kind, index)
    return loaded


def index_size(client: Elasticsearch, names: IndexNames) -> dict[str, Any]:
    client.indices.flush(index=names.alias("quotes"))
    stats = client.indices.stats(index=names.alias("quotes"), metric=["store", "docs"])
    total = stats["_all"]["primaries"]
    quotes = int(total["docs"]["count"])
    size = int(total["store"]["size_in_bytes"])
    return {"quotes": quotes, "store_bytes": size,
            "bytes_per_quote": size / quotes if quotes else float("nan")}


def settled_size(client: Elasticsearch, names: IndexNames) -> dict[str, Any]:
    """:func:`index_size` once the index has settled, as a long-lived archive's does: merged
    into one segment, without the copies the speaker registry replaced and without the
    recovery copies of the sources (kept beside each ``_source`` that leaves fields out,
    until a merge after the shard's retention lease has moved past them; call this minutes
    after the load, not right after it)."""
    client.options(request_timeout=3600).indices.forcemerge(
        index=names.alias("quotes"), max_num_segments=1)
    return index_size(client, names)


def settle(client: Elasticsearch, timeout_s: float = 180.0) -> float:
    """Wait until the node runs no merges (a freshly loaded index merges its segments
    for minutes, using the cores the search runs would measure); returns the wait."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        stats = client.nodes.stats(node_id="_local", metric="indices", index_metric="merge",
                                   filter_path="nodes.*.indices.merges.current")
        running = sum(int(node["indices"]["merges"]["current"])
                      for node in stats["nodes"].values())
        if running == 0:
            break
        time.sleep(1.0)
    waited = time.monotonic() - started
    print(f"[bench] waited {waited:.0f} s for merges to finish", flush=True)
    return waited
