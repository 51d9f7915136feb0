"""Indices left behind by rebuilds that never finished, found and removed.

A rebuild (``wortlaut index --rebuild``) loads fresh indices and swaps the aliases to them
only when everything is stored; when it fails and the node is gone, it cannot drop them,
and they stay outside the aliases. Each index a rebuild creates carries its builder in the
mapping's ``_meta`` (host, process id and a token of the run), so the next rebuild and
``wortlaut es status`` can tell a dead run's leftovers from a rebuild that is still running:

* an index an alias points at is never an orphan;
* built on this host: an orphan when its process has ended (or, for this very process,
  when its run is no longer active);
* built elsewhere, or with no builder recorded: an orphan once it is older than
  :data:`STALE_AFTER` (a rebuild never takes that long);
* an index still being restored from a snapshot is never touched.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Callable
from typing import Any

from elasticsearch import Elasticsearch

from search_service.indices import KINDS, IndexNames

BUILD_META = "wortlaut_build"
STALE_AFTER = 6 * 3600.0  # seconds
_ACTIVE_RUNS: set[str] = set()  # the runs of this process that are still building


def start_build() -> dict[str, Any]:
    """The builder record of a new rebuild in this process (active until :func:`end_build`)."""
    run = secrets.token_hex(6)
    _ACTIVE_RUNS.add(run)
    return {"host": socket.gethostname(), "pid": os.getpid(), "run": run}


def end_build(builder: dict[str, Any]) -> None:
    _ACTIVE_RUNS.discard(str(builder.get("run")))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def is_orphan(builder: dict[str, Any] | None, created_ms: int, *, host: str, pid: int,
              now: float, alive: Callable[[int], bool] = pid_alive) -> bool:
    """Whether an index outside the aliases, built by ``builder`` and created at
    ``created_ms``, is left over (see the module docstring). Pure but for ``alive``."""
    if builder and builder.get("host") == host:
        owner = int(builder.get("pid", -1))
        if owner == pid:
            return str(builder.get("run")) not in _ACTIVE_RUNS
        return not alive(owner)
    return now - created_ms / 1000 > STALE_AFTER


def find_orphans(client: Elasticsearch, names: IndexNames) -> list[str]:
    """The prefix's indices left by rebuilds that never finished, oldest first."""
    pattern = ",".join(names.pattern(kind) for kind in KINDS)
    found = client.indices.get(index=pattern, allow_no_indices=True, expand_wildcards="all")
    candidates = {name: info for name, info in found.body.items() if not info.get("aliases")}
    if not candidates:
        return []
    recovering = client.indices.recovery(index=",".join(candidates), active_only=True)
    host, pid, now = socket.gethostname(), os.getpid(), time.time()
    orphans = []
    for name, info in candidates.items():
        if recovering.get(name, {}).get("shards"):
            continue  # being restored or moved: in use
        builder = info.get("mappings", {}).get("_meta", {}).get(BUILD_META)
        created = int(info.get("settings", {}).get("index", {}).get("creation_date", 0))
        if is_orphan(builder, created, host=host, pid=pid, now=now):
            orphans.append(name)
    return sorted(orphans)


def remove_orphans(client: Elasticsearch, names: IndexNames) -> list[str]:
    """Delete :func:`find_orphans`' indices; returns their names."""
    orphans = find_orphans(client, names)
    for name in orphans:
        client.indices.delete(index=name, ignore_unavailable=True)
    return orphans
