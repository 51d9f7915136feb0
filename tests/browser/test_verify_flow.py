"""A fact-checker's path in a real browser: paste a quote into /pruefen, read the verdict
and the word-level difference; a screenshot of the result for people to look at."""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import ARTIFACTS


def test_paste_a_quote_and_see_verdict_and_diff(browser: webdriver.Chrome,
                                                live_url: str) -> None:
    browser.get(live_url + "/")
    browser.find_element(By.LINK_TEXT, "Zitat prüfen").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/pruefen"))
    box = browser.find_element(By.ID, "text")
    box.send_keys('Klose sagte: "In Hessen richtet sich Integrationspolitik an alle Bürger"')
    browser.find_element(By.CSS_SELECTOR, ".verify-form button[type=submit]:not([name])").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "ergebnis")))
    assert browser.find_element(By.ID, "ergebnis").text == \
        "Ergebnis: Verändert wiedergegeben"
    match = browser.find_element(By.CSS_SELECTOR, "article.match")
    assert "Kai Klose" in match.text
    assert match.find_element(By.CSS_SELECTOR, ".diff del").text == "menschen"
    assert match.find_element(By.CSS_SELECTOR, ".diff ins").text == "bürger"
    assert "In Hessen richtet sich Integrationspolitik an alle Menschen" in \
        match.find_element(By.CSS_SELECTOR, ".context mark").text
    assert browser.find_element(By.ID, "text").get_attribute("value").startswith("Klose sagte")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "verify.png"))
