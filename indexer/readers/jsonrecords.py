"""JSON and JSON Lines: release records and curated, already attributed quotes."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.extraction.markdown import parse_markdown_release
from indexer.extraction.plaintext import structure_from_body
from indexer.extraction.records import QuoteCandidate, Speaker
from indexer.readers.base import ReleaseInput, source_info
from indexer.readers.mapping import FieldMapping
from indexer.sources import MAX_BYTES, SourceError, SourceText

MAX_NAME_LENGTH = 200  # a speaker's name or role; longer is not a name (and not indexable)
META_FIELDS = ("url", "published", "publisher", "topics", "language", "place", "title")


def read_jsonl(path: Path, mapping: FieldMapping) -> Iterator[ReleaseInput | SourceError]:
    """One record per line, streamed from disk (memory stays flat however large the file,
    gzip-compressed or not); a bad line is reported with its number, the rest go on."""
    try:
        handle: io.BufferedIOBase = (gzip.open(path, "rb")  # noqa: SIM115 - closed below
                                     if path.name.lower().endswith(".gz")
                                     else path.open("rb"))
    except OSError as error:
        yield SourceError(path, f"cannot be read ({error.strerror})")
        return
    try:
        yield from _lines(handle, path, mapping)
    except (OSError, EOFError, zlib.error) as error:  # a damaged or truncated .gz
        yield SourceError(path, f"is not a readable gzip file ({error}); the records before "
                          "the damage were read")
    finally:
        handle.close()


def _lines(handle: io.BufferedIOBase, path: Path, mapping: FieldMapping
           ) -> Iterator[ReleaseInput | SourceError]:
    # Binary lines split on b"\n" only: JSON strings may hold U+2028 and other breaks.
    # A line is read at most MAX_BYTES at a time, so one huge line cannot fill memory.
    number = 0
    while raw_line := handle.readline(MAX_BYTES + 1):
        number += 1
        where = Path(f"{path}:{number}")
        if len(raw_line) > MAX_BYTES and not raw_line.endswith(b"\n"):
            while (rest := handle.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line, chunk by chunk
            yield SourceError(where, f"is a record over {MAX_BYTES // 2**20} MB; not read")
        elif raw_line.strip():
            yield _jsonl_line(raw_line, where, mapping)


def _jsonl_line(raw_line: bytes, where: Path, mapping: FieldMapping
                ) -> ReleaseInput | SourceError:
    try:
        line = raw_line.decode("utf-8-sig")
    except UnicodeDecodeError:  # stray Windows-1252 bytes: read those as Windows-1252
        line = raw_line.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "wortlaut-cp1252")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return SourceError(where, f"is not valid JSON ({error.msg} at column {error.colno})")
    try:
        return record_input(record, mapping, where, raw_line)
    except SourceError as error:
        return error


def read_json(source: SourceText, mapping: FieldMapping) -> Iterator[ReleaseInput | SourceError]:
    """A file holding one record, or a list of records."""
    try:
        data = json.loads(source.text)
    except ValueError as error:
        raise SourceError(source.path, f"is not valid JSON ({error})") from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records):
        where = Path(f"{source.path}[{number}]") if isinstance(data, list) else source.path
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            yield record_input(record, mapping, where, raw)
        except SourceError as error:
            yield error


def _text(value: Any, where: Path, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(where, f"field '{name}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def record_input(record: Any, mapping: FieldMapping, where: Path, raw: bytes) -> ReleaseInput:
    if not isinstance(record, dict):
        raise SourceError(where, f"must be a JSON object, not {type(record).__name__}")
    _, quote = mapping.get(record, "quote")
    body_key, body = mapping.get(record, "body")
    if quote is not None and body is None:
        return _curated_quote(record, mapping, where, raw)
    body_text = _text(body, where, body_key or "body")
    if body_text is None:
        looked = ", ".join(mapping.fields["body"])
        raise SourceError(where, f"has no release text (looked for the keys {looked})")
    meta = _meta(record, mapping, where)
    title = meta.get("title") or body_text.split("\n", 1)[0][:200]
    topics = tuple(meta.get("topics") or ())
    publisher = meta.get("publisher")
    language = meta.get("language")
    markdown = mapping.body_format == "markdown" or (
        mapping.body_format is None and (body_key or "").endswith("markdown"))
    if markdown:
        structure = parse_markdown_release(title, body_text, publisher=publisher, topics=topics,
                                           language=language)
    else:
        _, lead = mapping.get(record, "lead")
        structure = structure_from_body(title, body_text, lead=_text(lead, where, "lead"),
                                        topics=topics, publisher=publisher,
                                        place=meta.get("place"), language=language)
    fmt = "json-markdown" if markdown else "json"
    return ReleaseInput(structure=structure, meta=meta,
                        source=source_info(str(where), raw, fmt, meta.get("url")))


def _meta(record: dict[str, Any], mapping: FieldMapping, where: Path) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for name in META_FIELDS:
        key, value = mapping.get(record, name)
        if value is None:
            continue
        if name == "topics":
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",")]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourceError(where, f"field '{key}' must be a list of strings")
            meta[name] = [v.strip() for v in value if v.strip()]
        elif name == "published":
            if not isinstance(value, str | int):
                raise SourceError(where, f"field '{key}' must be a date string")
            meta[name] = str(value)
        else:
            meta[name] = _text(value, where, key or name)
    return meta


def _curated_quote(record: dict[str, Any], mapping: FieldMapping, where: Path,
                   raw: bytes) -> ReleaseInput:
    """A curated quote: its own small release whose body is the context (or the quote)."""
    _, quote_value = mapping.get(record, "quote")
    quote = _text(quote_value, where, "quote")
    _, speaker_value = mapping.get(record, "speaker")
    speaker_name = _text(speaker_value, where, "speaker")
    if quote is None:
        raise SourceError(where, "has an empty quote")
    _, role = mapping.get(record, "role")
    role_text = _text(role, where, "role")
    for name, value in (("speaker", speaker_name), ("role", role_text)):
        if value is not None and len(value) > MAX_NAME_LENGTH:
            raise SourceError(where, f"field '{name}' is {len(value)} characters long; a "
                              f"name or role has at most {MAX_NAME_LENGTH}")
    context = _text(record.get("context"), where, "context")
    body = context if context and quote in context else quote
    start = body.index(quote)
    _, organization = mapping.get(record, "organization")
    speaker = None if speaker_name is None else Speaker(
        name=speaker_name, as_printed=speaker_name, role=role_text,
        organization=_text(organization, where, "organization"))
    meta = _meta(record, mapping, where)
    title = meta.get("title") or (f"Zitat von {speaker_name}" if speaker_name else "Zitat")
    structure = structure_from_body(title, body, publisher=meta.get("publisher"),
                                    topics=tuple(meta.get("topics") or ()),
                                    language=meta.get("language"))
    start = structure.body.find(quote)
    if start < 0:
        raise SourceError(where, "quote could not be located in its context")
    given = QuoteCandidate(
        kind="direct", text=quote, start=start, end=start + len(quote), speaker=speaker,
        cue=None, cue_start=None, cue_end=None, context=structure.body, context_start=0,
        confidence=1.0 if speaker else 0.3,
    )
    return ReleaseInput(
        structure=structure, meta=meta, given_quotes=(given,), extract=False,
        source=source_info(str(where), raw, "json-quote", meta.get("url")),
    )
