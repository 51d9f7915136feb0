"""What an indexing run read, as one fingerprint: the input files' paths and contents, the code
and word lists that turn them into documents (the ``indexer`` and ``search_service``
packages), the field mapping and topic files, and the index schema.

``wortlaut index --if-changed`` compares it with the fingerprint stored by the last complete
run into the same indices and skips the run when nothing changed, so a second ``make run``
serves at once. Any change to a source, to the extraction rules or to the mappings gives a
new fingerprint and a full run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from indexer.own_output import Identity, is_written
from indexer.sources import discover
from search_service.indices import SCHEMA_VERSION

_CHUNK = 1 << 20
_CODE_SUFFIXES = (".py", ".txt", ".json", ".tsv")


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.digest()


_PACKAGES = ("indexer", "search_service")


def _code_files() -> Iterable[tuple[str, Path]]:
    for package in _PACKAGES:
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in _CODE_SUFFIXES and \
                    "__pycache__" not in path.parts:
                yield f"{package}/{path.relative_to(root)}", path


def inputs_fingerprint(inputs: Sequence[str], settings_files: Sequence[Path | None] = (),
                       own_output: frozenset[Identity] = frozenset()) -> str:
    """The fingerprint of a run over ``inputs`` with these mapping/topic files (without the
    files the run itself writes, which it does not read)."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in discover(inputs):
        if is_written(path, own_output):
            continue
        digest.update(str(path.resolve()).encode("utf-8", "surrogateescape"))
        digest.update(_file_digest(path))
    for name, path in _code_files():
        digest.update(name.encode())
        digest.update(_file_digest(path))
    for extra in settings_files:
        if extra is not None:
            digest.update(_file_digest(extra))
    return digest.hexdigest()[:24]
