"""Reliability and security tests: bad input, Elasticsearch faults, hostile requests.

Each test adds what it tried to :data:`FIGURES` (inputs tried, faults injected,
requests sent, errors seen); the session prints the totals at the end and writes
them to ``tests/artifacts/reliability.json``, for the README's figures.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from _pytest.terminal import TerminalReporter
from flask import Flask

from search_service.indices import IndexNames
from search_service.settings import Settings
from web.app import create_app

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FIGURES: Counter[str] = Counter()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark this folder's tests; leave the long ``soak`` runs out unless WORTLAUT_SOAK=1
    (``make soak`` sets it), so ``make test`` stays fast."""
    for item in items:
        if "/reliability/" in str(item.path):
            item.add_marker(pytest.mark.reliability)
    if os.environ.get("WORTLAUT_SOAK") == "1":
        return
    long_runs = [item for item in items if item.get_closest_marker("soak")]
    if long_runs:
        config.hook.pytest_deselected(items=long_runs)
        items[:] = [item for item in items if not item.get_closest_marker("soak")]


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if not FIGURES:
        return
    line = ", ".join(f"{key}: {value}" for key, value in sorted(FIGURES.items()))
    terminalreporter.write_line(f"reliability figures: {line}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "reliability.json").write_text(json.dumps(dict(sorted(FIGURES.items())),
                                                           indent=2) + "\n")


@pytest.fixture(scope="session")
def hostile_app(settings: Settings, hostile_corpus: IndexNames) -> Flask:
    return create_app(dataclasses.replace(settings, index_prefix=hostile_corpus.prefix))
