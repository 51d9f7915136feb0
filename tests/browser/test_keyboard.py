"""Keyboard use in a real browser: the skip link to the results, facet checkboxes that keep
the focus when they apply themselves, filters without the script, and the focus on the
result of a verification."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.test_accessibility import CLAIM, window_width

RESULTS_LINK = 'a.skip[href="#trefferzahl"]'
KLOSE = '.facet-speaker input[name="speaker"][value="Kai Klose"]'


def press(browser: webdriver.Chrome, key: str, times: int = 1) -> None:
    for _ in range(times):
        ActionChains(browser).send_keys(key).perform()


def active(browser: webdriver.Chrome) -> WebElement:
    return browser.switch_to.active_element


def describe(element: WebElement) -> str:
    text = (element.text or element.get_attribute("value") or "").strip()[:40]
    return f"<{element.tag_name} {element.get_attribute('class') or ''}> {text!r}"


def visible_in_viewport(browser: webdriver.Chrome, element: WebElement) -> bool:
    box = browser.execute_script(
        "var b = arguments[0].getBoundingClientRect();"
        "return [b.left, b.top, b.width, b.height, window.innerWidth, window.innerHeight];",
        element)
    left, top, width, height, inner_width, inner_height = box
    return (width > 10 and height > 10 and left >= 0 and top >= 0
            and left + width <= inner_width and top + height <= inner_height)


def wait_for_focus(browser: webdriver.Chrome, css: str) -> WebElement:
    def focused(driver: webdriver.Chrome) -> WebElement | bool:
        element = driver.switch_to.active_element
        return element if driver.execute_script(
            "return arguments[0].matches(arguments[1])", element, css) else False
    try:
        found: WebElement = WebDriverWait(browser, 10).until(focused)
    except TimeoutException as error:  # say where the focus is instead
        raise AssertionError(f"focus is not on {css} but on {describe(active(browser))}"
                             ) from error
    return found


@contextmanager
def without_search_script(browser: webdriver.Chrome) -> Iterator[None]:
    """The search page as without JavaScript: static/search.js is not loaded."""
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/search.js*"]})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        browser.execute_cdp_cmd("Network.disable", {})


def test_skip_link_leads_to_the_results(browser: webdriver.Chrome, live_url: str) -> None:
    browser.get(live_url + "/?q=Integrationsplan")
    stops = []
    for _ in range(3):
        press(browser, Keys.TAB)
        stops.append(active(browser))
        assert visible_in_viewport(browser, stops[-1]), \
            f"Tab stop {len(stops)} is not visible when focused: {describe(stops[-1])}"
        if browser.execute_script("return arguments[0].matches(arguments[1])",
                                  stops[-1], RESULTS_LINK):
            break
    else:
        raise AssertionError("no skip link to the results in the first 3 Tab stops: "
                             + ", ".join(describe(stop) for stop in stops))
    assert stops[0].get_attribute("href").endswith("#inhalt")  # "Zum Inhalt springen"
    assert stops[-1].text == "Zu den Ergebnissen springen"

    press(browser, Keys.ENTER)
    wait_for_focus(browser, "#trefferzahl")
    first_link = browser.find_element(By.CSS_SELECTOR, "article.card a")
    for _ in range(8):
        press(browser, Keys.TAB)
        if active(browser) == first_link:
            break
    else:
        raise AssertionError(f"the first result's first link is not within 8 Tab stops "
                             f"after the skip link; focus is on {describe(active(browser))}")
    # the skip link is hidden again once the focus has left it
    assert not visible_in_viewport(browser, browser.find_element(By.CSS_SELECTOR,
                                                                 RESULTS_LINK))


def test_space_on_a_facet_applies_it_and_keeps_the_focus(browser: webdriver.Chrome,
                                                         live_url: str) -> None:
    browser.get(live_url + "/?q=Integration")
    box = browser.find_element(By.CSS_SELECTOR, KLOSE)
    assert not box.is_selected()
    box.send_keys(Keys.SPACE)  # focuses the checkbox, then presses Space
    WebDriverWait(browser, 10).until(ec.url_contains("speaker=Kai+Klose"))
    focused = wait_for_focus(browser, KLOSE)
    assert focused.is_selected()
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert cards and all("Kai Klose" in card.text for card in cards)

    press(browser, Keys.SPACE)  # and off again, from where the focus is
    WebDriverWait(browser, 10).until(lambda driver: "speaker=" not in driver.current_url)
    assert not wait_for_focus(browser, KLOSE).is_selected()


def test_sort_by_keyboard_waits_for_the_apply_button(browser: webdriver.Chrome,
                                                     live_url: str) -> None:
    browser.get(live_url + "/?q=Integration")
    url = browser.current_url
    browser.find_element(By.ID, "sort").send_keys(Keys.ARROW_DOWN)
    chosen = browser.find_element(By.ID, "sort").get_attribute("value")
    assert chosen and chosen != "relevance"
    time.sleep(1.5)  # long enough for a reload to have started
    assert browser.current_url == url, "the keyboard's first arrow key reloaded the page"
    press(browser, Keys.TAB)
    wait_for_focus(browser, "button.apply")
    press(browser, Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.url_contains(f"sort={chosen}"))
    # after "Filter anwenden" the focus is on the new hit count, at the results
    wait_for_focus(browser, "#trefferzahl")


def test_filters_apply_with_the_button_without_javascript(browser: webdriver.Chrome,
                                                          live_url: str) -> None:
    with without_search_script(browser):
        browser.get(live_url + "/?q=Integration")
        url = browser.current_url
        browser.find_element(By.CSS_SELECTOR, KLOSE).send_keys(Keys.SPACE)
        assert browser.find_element(By.CSS_SELECTOR, KLOSE).is_selected()
        assert browser.current_url == url  # nothing happens on its own
        browser.find_element(By.CSS_SELECTOR, "button.apply").send_keys(Keys.ENTER)
        WebDriverWait(browser, 10).until(ec.url_contains("speaker=Kai+Klose"))
        assert browser.find_element(By.CSS_SELECTOR, KLOSE).is_selected()
        cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
        assert cards and all("Kai Klose" in card.text for card in cards)


def test_narrow_screen_filter_disclosure(browser: webdriver.Chrome, live_url: str) -> None:
    with window_width(browser, 320):
        browser.get(live_url + "/?q=Integration")
        toggle = browser.find_element(By.CSS_SELECTOR, ".facets h2 button.facets-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not browser.find_element(By.CSS_SELECTOR, KLOSE).is_displayed()
        toggle.send_keys(Keys.ENTER)
        assert toggle.get_attribute("aria-expanded") == "true"
        box = browser.find_element(By.CSS_SELECTOR, KLOSE)
        assert box.is_displayed()
        box.send_keys(Keys.SPACE)
        WebDriverWait(browser, 10).until(ec.url_contains("speaker=Kai+Klose"))
        # back after the reload: the filters are open again around the focused checkbox
        assert wait_for_focus(browser, KLOSE).is_displayed()
        toggle = browser.find_element(By.CSS_SELECTOR, ".facets-toggle")
        assert toggle.get_attribute("aria-expanded") == "true"


def test_focus_moves_to_the_verification_result(browser: webdriver.Chrome,
                                                live_url: str) -> None:
    browser.get(live_url + "/pruefen")
    browser.find_element(By.ID, "text").send_keys(CLAIM)
    browser.find_element(By.CSS_SELECTOR, ".verify-form button[type=submit]:not([name])"
                         ).send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "ergebnis")))
    heading = wait_for_focus(browser, "#ergebnis")
    assert heading.text.startswith("Ergebnis:")
    assert visible_in_viewport(browser, heading)
