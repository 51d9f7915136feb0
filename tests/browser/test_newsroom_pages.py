"""Feeds, release search and speaker directory in a real browser."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def listed_speakers(browser: webdriver.Chrome) -> list[str]:
    """The names listed now. Read in one script: the page swaps the list in as you type,
    and elements found a moment before may be gone when their text is read (Chromium then
    fails with a stale reference or "Node with given id does not belong to the
    document")."""
    names: list[str] = browser.execute_script(
        "return Array.from(document.querySelectorAll('#sprecher-liste a.speaker'),"
        " (a) => a.innerText.trim());")
    return names


def test_search_page_offers_its_feed(browser: webdriver.Chrome, live_url: str) -> None:
    browser.get(live_url + "/?q=Integration&speaker=Kai+Klose&page=1")
    head = browser.find_element(
        By.CSS_SELECTOR, 'head link[rel="alternate"][type="application/atom+xml"]')
    link = browser.find_element(By.CSS_SELECTOR, '.feed-link a[type="application/atom+xml"]')
    assert link.is_displayed()
    href = link.get_attribute("href") or ""
    assert href == head.get_attribute("href")
    url = urlsplit(href)
    assert url.path == "/feeds/zitate.atom"
    assert parse_qs(url.query) == {"q": ["Integration"], "speaker": ["Kai Klose"]}
    browser.get(href)  # the feed itself answers (the browser shows the XML)
    assert "Kai Klose" in browser.page_source


def test_release_search_with_a_publisher_filter(browser: webdriver.Chrome,
                                                live_url: str) -> None:
    browser.get(live_url + "/")
    browser.find_element(By.CSS_SELECTOR, 'header nav a[href="/mitteilungen"]').click()
    WebDriverWait(browser, 10).until(ec.url_contains("/mitteilungen"))
    box = browser.find_element(By.ID, "q")
    box.send_keys("Integration")
    browser.find_element(By.CSS_SELECTOR, ".searchbar button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_contains("q=Integration"))
    before = browser.find_elements(By.CSS_SELECTOR, "article.release-hit")
    assert len(before) > 1
    publisher = browser.find_element(By.CSS_SELECTOR, '.facet-publisher input[name="publisher"]')
    chosen = publisher.get_attribute("value") or ""
    publisher.click()  # applies itself (static/search.js)
    WebDriverWait(browser, 10).until(ec.url_contains("publisher="))
    hits = browser.find_elements(By.CSS_SELECTOR, "article.release-hit")
    assert 0 < len(hits) < len(before)
    assert {h.find_element(By.CSS_SELECTOR, ".publisher").text for h in hits} == {chosen}
    checked = browser.find_element(
        By.CSS_SELECTOR, f'.facet-publisher input[name="publisher"][value="{chosen}"]')
    assert checked.is_selected()
    hits[0].find_element(By.CSS_SELECTOR, "h3 a").click()
    WebDriverWait(browser, 10).until(ec.url_matches(r"/mitteilungen/[^/?]+$"))


def test_speaker_directory_filters_as_you_type(browser: webdriver.Chrome, live_url: str) -> None:
    browser.get(live_url + "/")
    browser.find_element(By.CSS_SELECTOR, 'header nav a[href="/sprecher"]').click()
    WebDriverWait(browser, 10).until(ec.url_contains("/sprecher"))
    everybody = listed_speakers(browser)
    assert everybody[0] == "Frank Ebert" and len(everybody) > 5
    box = browser.find_element(By.ID, "sprecher-q")
    box.send_keys("mach")  # the start of a surname (static/speakers.js asks the server)
    WebDriverWait(browser, 10).until(lambda b: listed_speakers(b) == ["Stephan Machulik"])
    assert "q=mach" in browser.current_url
    box.clear()
    box.send_keys("ülk")  # the start of a first name, with the button (works without JS)
    browser.find_element(By.CSS_SELECTOR, "#sprecher-suche button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: listed_speakers(b) == ["Ülker Radziwill"])
    browser.find_element(By.CSS_SELECTOR, "#sprecher-liste a.speaker").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/sprecher/"))
    assert "Ülker Radziwill" in browser.find_element(By.TAG_NAME, "h1").text
