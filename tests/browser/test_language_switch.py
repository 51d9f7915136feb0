"""The language switch in a real browser: "English" turns the search page English, keeps the
search, and the choice holds on the next page (its cookie); "Deutsch" turns it back."""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

SWITCH = "nav.languages a[hreflang='{}']"


def page_language(browser: webdriver.Chrome) -> str:
    return str(browser.find_element(By.TAG_NAME, "html").get_attribute("lang"))


def switch_to(browser: webdriver.Chrome, code: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, SWITCH.format(code))
    assert link.get_attribute("lang") == code and link.get_attribute("aria-current") is None
    link.click()
    WebDriverWait(browser, 10).until(ec.url_contains(f"lang={code}"))
    WebDriverWait(browser, 10).until(lambda driver: page_language(driver) == code)
    current = browser.find_element(By.CSS_SELECTOR, SWITCH.format(code))
    assert current.get_attribute("aria-current") == "true"


def test_switching_the_search_page_to_english_and_back(browser: webdriver.Chrome,
                                                       live_url: str) -> None:
    browser.delete_all_cookies()
    try:
        browser.get(live_url + "/?q=Integrationsplan")
        assert page_language(browser) == "de"
        assert "Zitate für „Integrationsplan“" in browser.find_element(By.ID, "trefferzahl").text

        switch_to(browser, "en")
        heading = browser.find_element(By.ID, "trefferzahl").text
        assert "quotes for “Integrationsplan”" in heading, heading
        assert browser.find_element(By.ID, "q").get_attribute("value") == "Integrationsplan"
        assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").text == "Search terms"
        assert browser.find_element(By.CSS_SELECTOR, "button.apply").text == "Apply filters"

        # the choice is remembered: a link without ?lang= stays English
        browser.find_element(By.CSS_SELECTOR, "nav a[href='/pruefen']").click()
        WebDriverWait(browser, 10).until(ec.url_contains("/pruefen"))
        assert page_language(browser) == "en"
        assert browser.find_element(By.TAG_NAME, "h1").text == "Verify a quote"

        switch_to(browser, "de")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Zitat prüfen"
        browser.get(live_url + "/?q=Integrationsplan")
        assert page_language(browser) == "de"
        assert "Zitate für" in browser.find_element(By.ID, "trefferzahl").text
    finally:
        browser.delete_all_cookies()  # the other tests see the German default
