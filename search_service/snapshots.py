"""Backups that restore: Elasticsearch snapshots of one prefix's indices, on a shared
filesystem repository (``WORTLAUT_SNAPSHOT_DIR``, in the nodes' ``path.repo``).

A snapshot holds the concrete indices behind the prefix's three aliases and records, in its
metadata, the prefix and the schema version they were built with. Restoring brings them back
under new names next to whatever is live, and only when all of them are complete does one
``_aliases`` request point the three aliases at them (and the old indices go). Readers see
the old data or the restored data, never a mix or a half-restored index. A snapshot of
another schema version is refused: its documents do not fit the current mappings, so the
answer is a rebuild from the sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError

from search_service.errors import WortlautError
from search_service.indices import (
    KINDS,
    SCHEMA_VERSION,
    IndexKind,
    IndexNames,
    current_index,
    swap_aliases,
)

REPOSITORY = "wortlaut"


class SnapshotError(WortlautError):
    """A snapshot cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Snapshot:
    name: str
    state: str
    started: str | None
    prefix: str | None
    schema_version: str | None
    indices: tuple[str, ...]

    @property
    def restorable(self) -> bool:
        return self.state == "SUCCESS" and self.schema_version == SCHEMA_VERSION


def ensure_repository(client: Elasticsearch, location: Path) -> None:
    """Register the shared-filesystem repository at ``location`` (idempotent)."""
    try:
        client.snapshot.create_repository(
            name=REPOSITORY, repository={"type": "fs", "settings": {"location": str(location)}})
    except ApiError as error:
        raise SnapshotError(
            f"Elasticsearch refuses the snapshot folder {location}: {error.message}. The "
            "folder must be in the nodes' path.repo setting (the local node sets it to "
            "WORTLAUT_SNAPSHOT_DIR; docker-compose.yml mounts a volume there) and writable "
            "by Elasticsearch.") from None


def default_name(names: IndexNames, now: datetime | None = None) -> str:
    """``<prefix>-20261129t231500z``: snapshot names are lowercase and unique per second."""
    return f"{names.prefix}-{(now or datetime.now(UTC)):%Y%m%dt%H%M%Sz}"


def create_snapshot(client: Elasticsearch, names: IndexNames, location: Path,
                    name: str | None = None) -> Snapshot:
    """Snapshot the indices behind the prefix's aliases; waits until it is complete."""
    ensure_repository(client, location)
    indices = [index for kind in KINDS if (index := current_index(client, names, kind))]
    if len(indices) != len(KINDS):
        raise SnapshotError(f"There is nothing complete to snapshot under the prefix "
                            f"{names.prefix!r}: index some releases first.")
    name = name or default_name(names)
    try:
        response = client.snapshot.create(
            repository=REPOSITORY, snapshot=name, indices=",".join(indices),
            include_global_state=False, wait_for_completion=True,
            metadata={"prefix": names.prefix, "schema_version": SCHEMA_VERSION})
    except ApiError as error:
        raise SnapshotError(f"The snapshot {name!r} was not made: {error.message}") from None
    return _snapshot(response["snapshot"])


def list_snapshots(client: Elasticsearch, location: Path,
                   names: IndexNames | None = None) -> list[Snapshot]:
    """The repository's snapshots, oldest first (only ``names``' prefix when given)."""
    ensure_repository(client, location)
    found = client.snapshot.get(repository=REPOSITORY, snapshot="_all")
    snapshots = [_snapshot(raw) for raw in found["snapshots"]]
    return [s for s in snapshots if names is None or s.prefix == names.prefix]


def restore_snapshot(client: Elasticsearch, names: IndexNames, location: Path,
                     name: str) -> dict[IndexKind, str]:
    """Restore snapshot ``name`` into the prefix: new indices, then one atomic alias swap;
    returns the restored index of each kind. The previous indices are deleted after it."""
    ensure_repository(client, location)
    try:
        raw = client.snapshot.get(repository=REPOSITORY, snapshot=name)["snapshots"][0]
    except NotFoundError:
        raise SnapshotError(f"There is no snapshot {name!r} (see `wortlaut snapshot "
                            "list`).") from None
    snapshot = _snapshot(raw)
    if snapshot.schema_version != SCHEMA_VERSION:
        raise SnapshotError(
            f"The snapshot {name!r} holds indices of schema version "
            f"{snapshot.schema_version or 'unknown'}, and this Wortlaut writes "
            f"{SCHEMA_VERSION}: its documents do not fit today's mappings. Rebuild the "
            "indices from the sources instead (wortlaut index --rebuild ...).")
    if snapshot.state != "SUCCESS":
        raise SnapshotError(f"The snapshot {name!r} is {snapshot.state}, not complete; "
                            "restore another one.")
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    kinds = {_kind_of(index): index for index in snapshot.indices}
    restored = {kind: f"{names.alias(kind)}-{stamp}" for kind in kinds}
    try:
        client.snapshot.restore(
            repository=REPOSITORY, snapshot=name, wait_for_completion=True,
            indices=",".join(kinds.values()), include_aliases=False,
            include_global_state=False,
            rename_pattern=r"^.*-(releases|quotes|speakers)-[0-9]+$",
            rename_replacement=f"{names.prefix}-$1-{stamp}")
        client.cluster.health(index=",".join(restored.values()), wait_for_status="yellow",
                              timeout="60s")
    except ApiError as error:
        for index in restored.values():
            client.indices.delete(index=index, ignore_unavailable=True)
        raise SnapshotError(f"The snapshot {name!r} was not restored: {error.message}; "
                            "the live indices are unchanged.") from None
    swap_aliases(client, names, restored)  # the replaced indices are deleted
    return restored


def _kind_of(index: str) -> IndexKind:
    for kind in KINDS:
        if f"-{kind}-" in index:
            return kind
    raise SnapshotError(f"The snapshot holds {index!r}, which is no Wortlaut index.")


def _snapshot(raw: dict[str, Any]) -> Snapshot:
    metadata = raw.get("metadata") or {}
    return Snapshot(name=str(raw["snapshot"]), state=str(raw.get("state", "")),
                    started=raw.get("start_time"), prefix=metadata.get("prefix"),
                    schema_version=metadata.get("schema_version"),
                    indices=tuple(sorted(raw.get("indices", []))))
