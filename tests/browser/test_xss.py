"""XSS attempts render inert, in a real browser.

Records whose title, quote, speaker, role, publisher and keyword carry ``<script>``,
``<img onerror>``, ``<svg onload>`` and ``<iframe>`` are indexed like user files
(``tests/hostile.py``); query strings carry the same. Every page that shows them is
opened in headless Chromium: no alert fires, no injected element exists in the DOM,
and every payload shows as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from elasticsearch import Elasticsearch
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from search_service.indices import IndexNames
from search_service.settings import Settings
from tests.browser.conftest import serving
from tests.hostile import MARK

# Elements or attributes that only an injection would put on a page.
INJECTED = ("img[src='x'], iframe, svg[onload], [onerror], [onload], [onmouseover], "
            "script:not([src]):not([type='application/ld+json'])")


@pytest.fixture(scope="module")
def hostile_url(settings: Settings, hostile_corpus: IndexNames) -> Iterator[str]:
    with serving(settings, hostile_corpus.prefix) as url:
        yield url


def _hostile_ids(es: Elasticsearch, names: IndexNames) -> dict[str, str]:
    hits = es.search(index=names.alias("quotes"), size=10,
                     query={"match": {"text": "Giftspritze"}})["hits"]["hits"]
    by_speaker = {hit["_source"]["speaker"]["name"]: hit["_source"] for hit in hits
                  if hit["_source"].get("speaker")}
    eve = next(q for name, q in by_speaker.items() if name.startswith("Eve"))
    mallory = next(q for name, q in by_speaker.items() if name.startswith("Mallory"))
    return {"eve_quote": eve["id"], "eve_release": eve["release_id"],
            "eve_speaker": eve["speaker"]["id"], "mallory_quote": mallory["id"],
            "mallory_release": mallory["release_id"]}


def assert_inert(browser: webdriver.Chrome, where: str) -> None:
    try:
        alert = browser.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"{where}: an injected script ran (alert {text!r})")
    except NoAlertPresentException:
        pass
    browser.implicitly_wait(0)  # looking for what must be absent: do not wait for it
    try:
        injected = browser.find_elements(By.CSS_SELECTOR, INJECTED)
        links = browser.find_elements(By.CSS_SELECTOR,
                                      "a[href^='javascript:' i], a[href^='data:' i]")
    finally:
        browser.implicitly_wait(5)
    assert not injected, (where, [e.get_attribute("outerHTML")[:120] for e in injected])
    assert not links, where
    assert browser.execute_script("return window.__xss === undefined")


def test_hostile_records_and_queries_render_inert(browser: webdriver.Chrome, hostile_url: str,
                                                  es: Elasticsearch,
                                                  hostile_corpus: IndexNames) -> None:
    ids = _hostile_ids(es, hostile_corpus)
    payload = f"<script>window.__xss=1;alert('{MARK}')</script><img src=x onerror=alert(1)>"
    pages = {
        "search": "/?" + urlencode({"q": "Giftspritze"}),
        "search, hostile query": "/?" + urlencode({"q": payload}),
        "search, hostile facets": "/?" + urlencode(
            [("q", "Giftspritze"), ("speaker", payload), ("topic", payload),
             ("keyword", payload)]),
        "search, hostile sort": "/?" + urlencode({"q": "Giftspritze", "sort": payload}),
        "quote": f"/zitate/{ids['eve_quote']}",
        "quote of an extracted release": f"/zitate/{ids['mallory_quote']}",
        "release": f"/mitteilungen/{ids['eve_release']}",
        "release with markup in its body": f"/mitteilungen/{ids['mallory_release']}",
        "speaker": f"/sprecher/{ids['eve_speaker']}",
        "unknown quote id": "/zitate/" + quote(payload, safe=""),
        "unknown speaker id": "/sprecher/" + quote(payload, safe=""),
        "API docs": "/api/v1/docs",
        "status": "/status",
    }
    shown = 0
    for where, path in pages.items():
        browser.get(hostile_url + path)
        assert_inert(browser, where)
        shown += MARK in browser.find_element(By.TAG_NAME, "body").text
    assert shown >= 6  # the payloads are there, as text

    # the fact-checker's form, with a hostile claim and speaker
    browser.get(hostile_url + "/pruefen")
    browser.find_element(By.ID, "text").send_keys(
        f"Wir sagen <img src=x onerror=alert('{MARK}')> deutlich Nein zur Giftspritze")
    browser.find_element(By.ID, "speaker").send_keys(payload)
    browser.find_element(By.CSS_SELECTOR,
                         ".verify-form button[type=submit]:not([name])").click()
    browser.find_element(By.ID, "ergebnis")
    assert_inert(browser, "verify")
    assert MARK in browser.find_element(By.TAG_NAME, "body").text
