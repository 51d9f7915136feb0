"""A journalist's path in a real browser: search, narrow by speaker, open a quote, go to
its release; plus a screenshot of the search page for people to look at."""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import ARTIFACTS


def test_search_facet_quote_release(browser: webdriver.Chrome, live_url: str) -> None:
    browser.get(live_url + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Integrationsplan")
    browser.find_element(By.CSS_SELECTOR, ".searchbar button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_contains("q=Integrationsplan"))
    heading = browser.find_element(By.ID, "trefferzahl").text
    assert "Integrationsplan" in heading
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert cards and all("Kai Klose" in card.text for card in cards)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "search.png"))

    # the speaker facet: a checkbox that applies itself (static/search.js)
    browser.get(live_url + "/")
    checkbox = browser.find_element(
        By.CSS_SELECTOR, '.facet-speaker input[name="speaker"][value="Frank Ebert"]')
    checkbox.click()
    WebDriverWait(browser, 10).until(ec.url_contains("speaker=Frank+Ebert"))
    checked = browser.find_element(
        By.CSS_SELECTOR, '.facet-speaker input[name="speaker"][value="Frank Ebert"]')
    assert checked.is_selected()
    other = browser.find_element(
        By.CSS_SELECTOR, '.facet-speaker input[name="speaker"][value="Kai Klose"]')
    assert not other.is_selected()  # still offered, with its count
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert cards and all("Frank Ebert" in card.text for card in cards)

    # open a quote, then follow it into its release
    cards[0].find_element(By.CSS_SELECTOR, "a.open-quote").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/zitate/"))
    quote_id = browser.current_url.rsplit("/", 1)[1]
    quote_text = browser.find_element(By.CSS_SELECTOR, "blockquote.quote").text
    assert "Frank Ebert" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    browser.find_element(By.CSS_SELECTOR, "a.to-release").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/mitteilungen/"))
    assert browser.current_url.endswith(f"#zitat-{quote_id}")
    marked = browser.find_element(By.ID, f"zitat-{quote_id}")
    assert marked.text and marked.text.strip("„“") in quote_text
    assert "Aufarbeitungsbeauftragter" in browser.find_element(By.TAG_NAME, "h1").text


def test_filters_work_without_javascript_too(browser: webdriver.Chrome, live_url: str
                                            ) -> None:
    browser.get(live_url + "/?q=Integration&sort=newest")
    browser.find_element(By.CSS_SELECTOR, 'input[name="kind"][value="indirect"]')
    select = browser.find_element(By.ID, "sort")
    assert select.get_attribute("value") == "newest"
    browser.find_element(By.CSS_SELECTOR, "button.apply").click()
    WebDriverWait(browser, 10).until(ec.url_contains("sort=newest"))
    assert browser.find_elements(By.CSS_SELECTOR, "article.card")


def test_markup_in_a_quote_is_shown_as_text(browser: webdriver.Chrome, live_url: str) -> None:
    browser.get(live_url + "/?q=klare+Worte")
    card = browser.find_element(By.CSS_SELECTOR, "article.card blockquote")
    assert "<script>alert(1)</script>" in card.text
    assert not browser.find_elements(By.CSS_SELECTOR, "article.card script")
