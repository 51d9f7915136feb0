"""Test session set-up: a real Elasticsearch node, unique index names per run.

Without ``WORTLAUT_ES_URL`` the session provisions its own throwaway node (the
cached official distribution, a free port, its own folder) and stops it at the
end, whatever the outcome. Integration tests never skip: if no node can be
started, they fail with the reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search_service.client import connect
from search_service.compounds import CompoundSplitter, splitter_for
from search_service.errors import WortlautError
from search_service.indices import IndexNames, delete_all, ensure_indices
from search_service.node.process import throwaway_node
from search_service.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/integration/" in str(item.path):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def snapshot_dir() -> Iterator[Path]:
    """The snapshot repository of this run: its own folder under the Wortlaut home (test
    runs never share one repository; the node's user can enter it), the throwaway node's
    ``path.repo``. With WORTLAUT_ES_URL, the configured WORTLAUT_SNAPSHOT_DIR (which that
    node must allow)."""
    configured = Settings.from_env()
    if configured.es_url:
        yield configured.snapshots
        return
    folder = configured.home / "test-snapshots" / f"run-{os.getpid()}-{secrets.token_hex(3)}"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def es_url(snapshot_dir: Path) -> Iterator[str]:
    settings = dataclasses.replace(Settings.from_env(), snapshot_dir=snapshot_dir)
    if settings.es_url:
        yield settings.es_url
        return
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_node(settings, "test"))
        except WortlautError as error:
            pytest.fail(f"Could not start the test Elasticsearch node: {error}", pytrace=False)
        yield url


@pytest.fixture(scope="session")
def settings(es_url: str, snapshot_dir: Path) -> Settings:
    """Settings for this run: the test node and an index prefix no other run uses."""
    env = dict(os.environ)
    env["WORTLAUT_ES_URL"] = es_url
    env["WORTLAUT_SNAPSHOT_DIR"] = str(snapshot_dir)
    env["WORTLAUT_INDEX_PREFIX"] = f"wortlaut-test-{secrets.token_hex(4)}"
    # The suite's apps serve many requests a minute from one test client; the rate limits
    # are tested on their own (tests/integration/search/test_rate_limits.py, the soak).
    env["WORTLAUT_RATE_LIMITS"] = "off"
    return Settings.from_env(env)


@pytest.fixture(scope="session")
def es(settings: Settings) -> Elasticsearch:
    return connect(settings)


@pytest.fixture(scope="session")
def splitter() -> CompoundSplitter:
    return splitter_for(Settings.from_env().hunspell_dir)


@pytest.fixture()
def names(es: Elasticsearch, settings: Settings) -> Iterator[IndexNames]:
    """Fresh, empty indices behind this run's aliases; deleted after the test."""
    names = IndexNames(f"{settings.index_prefix}-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    try:
        yield names
    finally:
        delete_all(es, names)


@pytest.fixture(scope="session")
def hostile_corpus(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
                   ) -> Iterator[IndexNames]:
    """The fixture corpus plus records whose every field carries markup and script
    (``tests/hostile.py``); shared by the reliability and browser XSS tests."""
    from tests.corpus import corpus_fixture_names
    from tests.hostile import HOSTILE_RELEASES

    names = corpus_fixture_names(es, settings.index_prefix, splitter, extra=HOSTILE_RELEASES)
    try:
        yield names
    finally:
        delete_all(es, names)
