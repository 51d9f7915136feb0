"""The client's JSON lines take the memory of their bytes, not of orjson's buffers."""

from __future__ import annotations

import tracemalloc

from search_service.client import make_client
from search_service.settings import Settings


def test_a_chunk_of_bulk_lines_takes_about_the_size_of_its_bytes() -> None:
    client = make_client(Settings.from_env({}), "http://127.0.0.1:9200")
    serializers = client.transport.serializers
    actions = [{"index": {"_index": "wortlaut-speakers", "_id": f"speaker-{n}"}}
               for n in range(1000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        lines = [serializers.dumps(action, "application/json") for action in actions]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    written = sum(len(line) for line in lines)
    assert lines[0] == b'{"index":{"_index":"wortlaut-speakers","_id":"speaker-0"}}'
    # orjson alone keeps each of these 60-byte lines in a buffer of 4 KiB (3.12+) or 1 KiB
    assert held < 2 * (written + 1000 * 40)
