"""Finding source files and reading them into text, with errors that name the file."""

from __future__ import annotations

import codecs
import glob
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")
# JSON Lines may come gzip-compressed (a shipped sample, an export): read as a stream.
COMPRESSED_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
SIDECAR_SUFFIX = ".meta.json"
# One release (a text, Markdown, HTML or JSON file, or one JSON Lines record) is read
# whole into memory and through extraction; the largest real release pages are a few
# hundred KB. A file over the cap is reported and skipped, so a stray dump or disk
# image cannot exhaust memory. JSON Lines files are streamed and may be of any size.
MAX_BYTES = 32 * 1024 * 1024


class SourceError(Exception):
    """A source file that cannot be read or understood; the run goes on without it."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    raw: bytes
    meta: dict[str, Any]


def discover(inputs: Sequence[str]) -> Iterator[Path]:
    """Files named by ``inputs`` (files, folders walked recursively, glob patterns).

    Sidecar metadata files and hidden files are not sources themselves. Each file
    is yielded once, in a stable order. A missing input raises :class:`SourceError`.
    """
    seen: set[Path] = set()
    for item in inputs:
        if any(ch in item for ch in "*?["):
            matches = [Path(m) for m in sorted(glob.glob(item, recursive=True))]
        else:
            matches = [Path(item)]
        if not matches or not matches[0].exists():
            raise SourceError(Path(item), "no such file or folder")
        for match in matches:
            if match.is_dir():
                files = sorted(p for p in match.rglob("*") if p.is_file())
            else:
                files = [match]
            for path in files:
                if _is_source(path) and path not in seen:
                    seen.add(path)
                    yield path


# Documentation that often sits beside releases in a data folder; never a release.
NOT_SOURCES = frozenset({"readme", "provenance", "license", "licence", "changelog", "notice"})


def _is_source(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts if part not in {".", ".."}):
        return False
    if path.stem.lower() in NOT_SOURCES:
        return False
    if path.name.lower().endswith(COMPRESSED_SUFFIXES):
        return True
    return not path.name.endswith(SIDECAR_SUFFIX) and path.suffix.lower() in SUPPORTED_SUFFIXES


# A valid UTF-8 multi-byte sequence; Windows-1252 German text practically never holds one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("wortlaut-cp1252", _cp1252_fallback)


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), else Windows-1252, else Latin-1.

    A file mixing both (UTF-8 with pasted Windows-1252 passages) is read as UTF-8 with
    the stray bytes as Windows-1252, so neither part turns into mojibake.
    """
    if b"\x00" in raw[:8192]:
        raise SourceError(path, "looks like a binary file (NUL bytes), not a text release")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(raw):
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "wortlaut-cp1252"), \
            "utf-8+cp1252"
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``<name>.meta.json`` next to ``<name>.<ext>``, or ``{}``."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceError(sidecar, f"is not valid JSON ({error})") from None
    if not isinstance(meta, dict):
        raise SourceError(sidecar, "must hold a JSON object")
    return meta


def read_source(path: Path) -> SourceText:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(path, f"is {size // 2**20} MB; a release file over "
                                    f"{MAX_BYTES // 2**20} MB is not read (split the data "
                                    "into JSON Lines, one release per line)")
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise SourceError(path, "is empty")
    text, encoding = decode(raw, path)
    return SourceText(path=path, text=text, encoding=encoding, raw=raw, meta=read_sidecar(path))
