"""The bench's quotes in SQLite, as a data journalist would load them for Datasette.

One ``quotes`` table (id, text, speaker, topics as a JSON array, publisher, date, year),
an FTS5 index over ``text`` made by ``sqlite-utils`` (external content, no triggers: the
file is built once and served read-only), plain indexes on the facet and sort columns,
and a ``quote_topics`` table (quote_id → quotes.id, topic), indexed by topic. Datasette
facets the JSON column (``_facet_array=topics``; core Datasette has no many-to-many
facet) and can filter either way: ``topics__arraycontains=`` reads the JSON of every
row, ``_through=`` on ``quote_topics`` is an index lookup.

The quotes are the ones the Wortlaut bench indexes (``bench.run``): the documents the
indexer builds from ``bench.realistic.corpus(size)`` (``extraction.prebuilt``, made once
per version of the indexer's code and cached; making them is timed apart from the load).
Rows are streamed from that file and written with ``executemany`` in batches, one
transaction each.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from bench.common import work_dir

DATABASE = "wortlaut"  # the file's stem: Datasette serves it under /wortlaut
TABLE = "quotes"
COLUMNS = ("id", "text", "speaker", "topics", "publisher", "date", "year")
SCHEMA = f"""CREATE TABLE {TABLE} (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    speaker TEXT,
    topics TEXT,
    publisher TEXT,
    date TEXT,
    year INTEGER
)"""
TOPICS_TABLE = "quote_topics"
TOPICS_SCHEMA = f"""CREATE TABLE {TOPICS_TABLE} (
    quote_id TEXT NOT NULL REFERENCES {TABLE}(id),
    topic TEXT NOT NULL
)"""
# What the facets group by and the table view sorts by (`sqlite-utils create-index`).
INDEXED = ("speaker", "publisher", "year", "date")


def topics_of(quote: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(quote.get("topics") or []))


def row(quote: dict[str, Any]) -> tuple[Any, ...]:
    """One Wortlaut quote document as a ``quotes`` row."""
    speaker = (quote.get("speaker") or {}).get("name")
    date = quote.get("date")
    year = int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None
    return (quote["id"], quote["text"], speaker,
            json.dumps(topics_of(quote), ensure_ascii=False),
            quote.get("publisher"), date, year)


def extracted_quotes(docs: Path) -> Iterator[dict[str, Any]]:
    """The quotes of pre-built documents (``extraction.prebuilt``), in file order."""
    with docs.open(encoding="utf-8") as handle:
        for line in handle:
            yield from json.loads(line)["quotes"]


def documents(size: int) -> Path:
    """The pre-built documents of the corpus ``bench.run`` indexes at ``size`` quotes."""
    from bench import extraction, realistic

    return extraction.prebuilt(realistic.corpus(size))


def database_path(size: int) -> Path:
    folder = work_dir() / "peer" / f"q{size}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{DATABASE}.db"


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(path: Path, quotes: Iterable[dict[str, Any]], *, batch: int = 5000,
          log: Callable[[str], None] = print, source: Path | None = None) -> dict[str, Any]:
    """Write ``quotes`` into a fresh database at ``path``; seconds and rates per phase."""
    import sqlite_utils

    for stale in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        stale.unlink(missing_ok=True)
    tmp = path.with_name(path.stem + ".building.db")
    tmp.unlink(missing_ok=True)
    timings: dict[str, float] = {}
    connection = sqlite3.connect(tmp, isolation_level=None)
    try:
        connection.execute(SCHEMA)
        connection.execute(TOPICS_SCHEMA)
        # Names below are this module's constants; every value is a bound parameter.
        insert = (f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "  # noqa: S608
                  f"VALUES ({', '.join('?' * len(COLUMNS))})")
        insert_topic = f"INSERT INTO {TOPICS_TABLE} (quote_id, topic) VALUES (?, ?)"  # noqa: S608
        started = time.perf_counter()
        written = 0
        for quotes_batch in _batches(quotes, batch):
            connection.execute("BEGIN")
            connection.executemany(insert, (row(q) for q in quotes_batch))
            connection.executemany(insert_topic, ((q["id"], topic) for q in quotes_batch
                                                  for topic in topics_of(q)))
            connection.execute("COMMIT")
            written += len(quotes_batch)
            if written % 100_000 < batch:
                log(f"   sqlite: {written} rows, {time.perf_counter() - started:.0f} s")
        timings["insert_s"] = time.perf_counter() - started
        count = int(connection.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0])  # noqa: S608

        started = time.perf_counter()
        sqlite_utils.Database(connection).table(TABLE).enable_fts(
            ["text"], fts_version="FTS5", create_triggers=False)
        timings["fts_s"] = time.perf_counter() - started

        started = time.perf_counter()
        for column in INDEXED:
            connection.execute(f"CREATE INDEX idx_{TABLE}_{column} ON {TABLE} ({column})")
        connection.execute(f"CREATE INDEX idx_{TOPICS_TABLE}_topic "
                           f"ON {TOPICS_TABLE} (topic, quote_id)")
        connection.execute("ANALYZE")
        timings["indexes_s"] = time.perf_counter() - started
    finally:
        connection.close()
    os.replace(tmp, path)
    total = sum(timings.values())
    size = path.stat().st_size
    result = {"path": str(path), "documents": str(source or ""), "rows": count,
              "rows_written": written, "seconds": total,
              **timings, "rows_per_s": count / total if total else float("nan"),
              "insert_rows_per_s": written / timings["insert_s"] if timings["insert_s"] else 0,
              "file_bytes": size, "bytes_per_quote": size / count if count else float("nan")}
    path.with_suffix(".load.json").write_text(json.dumps(result, indent=2) + "\n")
    log(f"   sqlite: {count} quotes in {total:.1f} s (insert {timings['insert_s']:.1f}, "
        f"fts {timings['fts_s']:.1f}, indexes {timings['indexes_s']:.1f}), "
        f"{size / count if count else 0:.0f} bytes/quote")
    return result


def ensure(size: int, *, reuse: bool = False,
           log: Callable[[str], None] = print) -> dict[str, Any]:
    """The database for ``size`` quotes: built now, or (``reuse``) the one built before
    from the same documents."""
    started = time.perf_counter()
    docs = documents(size)
    made_s = time.perf_counter() - started
    path = database_path(size)
    record = path.with_suffix(".load.json")
    if reuse and path.exists() and record.exists():
        loaded: dict[str, Any] = json.loads(record.read_text())
        if loaded.get("documents") == str(docs):
            return {**loaded, "reused": True}
    built = build(path, extracted_quotes(docs), log=log, source=docs)
    return {**built, "documents_s": made_s, "reused": False}
