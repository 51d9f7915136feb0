"""IndexWriter's background sender: batches overlap the caller, failures reach the caller."""

from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch

from search_service.indices import IndexNames
from search_service.loading import IndexWriter


def _release(number: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    release_id = f"writer-{number:03d}"
    body = f"Meldung {number}. „Wir handeln jetzt“, sagte die Ministerin."
    release = {"id": release_id, "title": f"Meldung {number}", "body": body,
               "source": {"path": f"{release_id}.txt"}}
    quote = {"id": f"{release_id}-q1", "release_id": release_id, "text": "Wir handeln jetzt",
             "kind": "direct", "start": 14, "end": 31}
    return release, [quote]


def _count(es: Elasticsearch, names: IndexNames, kind: str) -> int:
    es.indices.refresh(index=names.alias(kind))
    return int(es.count(index=names.alias(kind))["count"])


@pytest.mark.parametrize("background", [True, False])
def test_every_batch_is_written_before_commit_returns(
        es: Elasticsearch, names: IndexNames, background: bool) -> None:
    writer = IndexWriter(es, names, batch_releases=7, background=background)
    for number in range(50):
        writer.add(*_release(number))
    writer.commit()
    assert (writer.stats.releases, writer.stats.quotes, writer.stats.errors) == (50, 50, [])
    assert _count(es, names, "releases") == 50 and _count(es, names, "quotes") == 50


def test_a_failure_in_the_background_reaches_the_caller_and_stops_writing(
        es: Elasticsearch, names: IndexNames, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = IndexWriter(es, names, batch_releases=5)
    original = IndexWriter._write
    batches: list[int] = []

    def second_fails(self: IndexWriter, pending: Any, origins: dict[str, str]) -> None:
        batches.append(len(pending))
        if len(batches) == 2:
            raise ConnectionResetError("node went away")
        original(self, pending, origins)

    monkeypatch.setattr(IndexWriter, "_write", second_fails)
    with pytest.raises(ConnectionResetError, match="node went away"):
        for number in range(40):
            writer.add(*_release(number))
        writer.flush()
    writer.abort()
    # the first batch stays stored; nothing after the failed one was written
    assert writer.stats.releases == 5
    assert _count(es, names, "releases") == 5
    assert len(batches) == 2
