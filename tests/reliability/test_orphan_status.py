"""`wortlaut es status` removes what failed rebuilds left under the prefix, and nothing
an alias points at."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from elasticsearch import Elasticsearch

from search_service.indices import KINDS, IndexNames, create_index, current_index
from search_service.settings import Settings
from tests.reliability.conftest import FIGURES

WORTLAUT = str(Path(sys.executable).with_name("wortlaut"))


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)  # that process has ended


def test_es_status_removes_a_dead_rebuilds_indices(es: Elasticsearch, settings: Settings,
                                                   names: IndexNames) -> None:
    live = {kind: current_index(es, names, kind) for kind in KINDS}
    builder = {"host": socket.gethostname(), "pid": _dead_pid(), "run": "gone"}
    left = [create_index(es, names, kind, bulk_loading=True, builder=builder)
            for kind in KINDS]
    running = create_index(es, names, "quotes", bulk_loading=True,
                           builder={**builder, "pid": os.getpid(), "run": "elsewhere"})
    env = {**os.environ, "WORTLAUT_ES_URL": str(settings.es_url),
           "WORTLAUT_INDEX_PREFIX": names.prefix}
    result = subprocess.run([WORTLAUT, "es", "status"], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert f"Removed 3 indices left by failed rebuilds under {names.prefix!r}" in result.stdout
    assert not any(es.indices.exists(index=name) for name in left)
    # A rebuild whose process still runs (here: this one, whose runs the CLI cannot see as
    # ended) keeps its index; the live indices stay.
    assert es.indices.exists(index=running)
    assert {kind: current_index(es, names, kind) for kind in KINDS} == live
    FIGURES["orphaned indices removed"] += 3
