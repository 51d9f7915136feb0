"""Browser tests: the real app on a real HTTP server thread, driven by headless Chromium.

The app reads the fixture corpus on the session's test node. Chromium and its driver
come from Debian (``scripts/install-system-deps.sh --browser``, run by ``make test``);
if they are missing the tests fail with that hint rather than skip.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from werkzeug.serving import make_server

from search_service.compounds import CompoundSplitter
from search_service.indices import delete_all
from search_service.settings import Settings
from tests.corpus import corpus_fixture_names
from tests.server_thread import running
from web.app import create_app

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--window-size=1280,1600")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@contextmanager
def serving(settings: Settings, prefix: str) -> Iterator[str]:
    """The app for one index prefix on a real HTTP server thread; yields its base URL."""
    app = create_app(dataclasses.replace(settings, index_prefix=prefix))
    with running(make_server("127.0.0.1", 0, app, threaded=True)) as url:
        yield url


@pytest.fixture(scope="session")
def live_url(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
             ) -> Iterator[str]:
    names = corpus_fixture_names(es, settings.index_prefix, splitter)
    try:
        with serving(settings, names.prefix) as url:
            yield url
    finally:
        delete_all(es, names)


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(driver_path).exists() or not Path(binary).exists():
        pytest.fail("Chromium or chromedriver is missing: run "
                    "`scripts/install-system-deps.sh --browser` (make test does).",
                    pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    # A German newsroom's browser (Chromium would send en-US): the pages come in German, the
    # interface's default; test_language_switch.py switches to English and back.
    options.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
