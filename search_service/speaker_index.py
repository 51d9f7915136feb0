"""Speaker identities in Elasticsearch: mentions read from the quotes, identities written back.

The indexer's registry (:mod:`indexer.identity`) decides which mentions are one person; this
module is its I/O at the edge:

* :func:`mention_rows` aggregates the quotes index into one row per speaker mention
  (``speaker.mention`` as resolved within the release, type, publisher, year) with the printed
  forms and the roles seen, by a composite aggregation, so it scales with the number of
  distinct mentions, not of quotes;
* :func:`apply_identities` writes one document per identity into the speakers index and then
  scans the quotes, updating (partial ``update`` actions, no scripts: the server core has no
  Painless) only those whose identity, canonical name or date-derived role changed. Speaker
  documents of identities that no longer exist are deleted.

The run that loaded the quotes calls both before it makes its indices live, so readers never
see quotes whose speaker ids do not match the speakers index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk, scan

from search_service.document_model import read_source, to_source
from search_service.documents import Speaker

_PAGE = 1000
_ROLES = 10
_PRINTED = 10
_BULK_CHUNK = 1000
# Speaker documents carry every decision of the registry (12.7 MiB of JSON for the
# realistic 100k quotes, up to 48 KiB each): requests of at most 1 MiB keep a chunk's
# documents and their serialised lines from adding to the registry's memory.
_SPEAKER_CHUNK_BYTES = 2**20
# Quotes rewritten whole: pages and bulk requests of whole sources, kept small (the
# realistic 100k load peaked at 217 MiB with pages of 1000 and memos never emptied, at
# 188 with bulk requests of 250 and indexer.identity.reconcile._Rewriter). The page size
# is ``scan``'s own argument: a "size" in its query is overwritten by it (1,000 by
# default), and orjson parses a page of 1,000 quotes (1.6 MiB) in 25 MiB at its peak.
_REWRITE_PAGE = 250

Assign = Callable[[dict[str, Any], str | None, str | None], dict[str, Any] | None]


@dataclass
class ReconcileStats:
    identities: int = 0
    quotes_seen: int = 0
    quotes_updated: int = 0
    speakers_deleted: int = 0


def mention_rows(client: Elasticsearch, quotes_index: str) -> Iterator[dict[str, Any]]:
    """One row per (mention, type, publisher, year) with counts, printed forms and roles."""
    client.indices.refresh(index=quotes_index)
    sources = [
        {"name": {"terms": {"field": "speaker.mention"}}},
        {"type": {"terms": {"field": "speaker.type", "missing_bucket": True}}},
        {"publisher": {"terms": {"field": "publisher.keyword", "missing_bucket": True}}},
        {"year": {"date_histogram": {"field": "date", "calendar_interval": "year",
                                     "format": "yyyy", "missing_bucket": True}}},
    ]
    dates = {"first": {"min": {"field": "date", "format": "yyyy-MM-dd"}},
             "last": {"max": {"field": "date", "format": "yyyy-MM-dd"}}}
    sub = {
        "printed": {"terms": {"field": "speaker.as_printed", "size": _PRINTED}},
        "roles": {"filter": {"term": {"speaker.role_source": "printed"}},
                  "aggs": {"role": {"terms": {"field": "speaker.role.keyword", "size": _ROLES},
                                    "aggs": {**dates, "org": {"terms": {
                                        "field": "speaker.organization.keyword", "size": 1}}}}}},
    }
    after: dict[str, Any] | None = None
    while True:
        composite: dict[str, Any] = {"size": _PAGE, "sources": sources}
        if after is not None:
            composite["after"] = after
        response = client.search(index=quotes_index, size=0, aggs={
            "mentions": {"composite": composite, "aggs": sub}})
        agg = response["aggregations"]["mentions"]
        for bucket in agg["buckets"]:
            yield _row(bucket)
        after = agg.get("after_key")
        if not agg["buckets"] or after is None:
            return


def _row(bucket: dict[str, Any]) -> dict[str, Any]:
    key = bucket["key"]
    year = key.get("year")
    roles = []
    for role in bucket["roles"]["role"]["buckets"]:
        orgs = role["org"]["buckets"]
        roles.append({"role": role["key"], "organization": orgs[0]["key"] if orgs else None,
                      "first": role["first"].get("value_as_string"),
                      "last": role["last"].get("value_as_string"),
                      "count": role["doc_count"]})
    return {
        "name": key["name"], "type": key.get("type") or "person",
        "publisher": key.get("publisher"),
        "year": int(year) if year is not None else None,
        "count": bucket["doc_count"],
        "printed": [(b["key"], b["doc_count"]) for b in bucket["printed"]["buckets"]],
        "roles": roles,
    }


def apply_identities(client: Elasticsearch, quotes_index: str, speakers_index: str,
                     speakers: Iterable[Speaker], assign: Assign,
                     rewrite: Callable[[dict[str, Any]], dict[str, Any]]) -> ReconcileStats:
    """Write the speaker documents and bring every quote's speaker in line with them.
    ``speakers`` may be a generator: each document is built, written and let go in turn
    (with every decision of the registry, they are its largest part).

    ``assign(speaker, publisher, date)`` returns the quote's new ``speaker`` object (or
    ``None`` to leave it); only quotes whose speaker changes are written, whole: not as a
    partial update, which would lose the fields the stored ``_source`` leaves out.
    ``rewrite(source)`` gives the document to write for a stored quote source with its
    new speaker (those fields recomputed).
    """
    stats = ReconcileStats()
    live: set[str] = set()

    def written() -> Iterator[dict[str, Any]]:
        for doc in speakers:
            live.add(doc.id)
            yield {"_index": speakers_index, "_id": doc.id, "_source": to_source(doc)}

    bulk(client, written(), chunk_size=_BULK_CHUNK, max_chunk_bytes=_SPEAKER_CHUNK_BYTES,
         refresh=False)
    stats.identities = len(live)
    client.indices.refresh(index=speakers_index)
    stale = [hit["_id"] for hit in scan(client, index=speakers_index, size=_PAGE, query={
                 "query": {"match_all": {}}, "_source": False})
             if hit["_id"] not in live]
    if stale:
        bulk(client, ({"_op_type": "delete", "_index": speakers_index, "_id": doc_id}
                      for doc_id in stale), chunk_size=_BULK_CHUNK)
    stats.speakers_deleted = len(stale)

    def updates() -> Iterator[dict[str, Any]]:
        for hit in scan(client, index=quotes_index, size=_REWRITE_PAGE, query={
                "query": {"exists": {"field": "speaker.mention"}}}):
            stats.quotes_seen += 1
            source = hit["_source"]
            speaker = source["speaker"]
            new = assign(speaker, source.get("publisher"), source.get("date"))
            if new is None or new == speaker:
                continue
            stats.quotes_updated += 1
            yield {"_index": hit["_index"], "_id": hit["_id"],
                   "_source": rewrite({**source, "speaker": new})}

    bulk(client, updates(), chunk_size=_REWRITE_PAGE)
    client.indices.refresh(index=[quotes_index, speakers_index])
    return stats


def speakers_named(client: Elasticsearch, speakers_index: str, keys: list[str],
                   surnames: list[str]) -> list[Speaker]:
    """Speaker documents with one of the folded ``keys`` or one of the ``surnames``."""
    should: list[dict[str, Any]] = [{"terms": {"keys": keys}}]
    if surnames:
        should.append({"terms": {"surnames": surnames}})
    response = client.search(index=speakers_index, size=50, query={"bool": {
        "should": should, "minimum_should_match": 1}}, sort=[{"quote_count": "desc"}])
    return [read_source(Speaker, hit["_source"]) for hit in response["hits"]["hits"]]
