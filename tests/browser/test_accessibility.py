"""Every HTML page passes axe-core's WCAG 2.1 A/AA and best-practice rules, at 1280 px and
at 320 px, and at 320 px the page itself never scrolls sideways (WCAG 1.4.10 Reflow).

axe-core is the npm package pinned in ``package-lock.json`` (``make test`` installs it
with ``npm ci``). Its ``axe.min.js`` is injected through the driver (``execute_script``),
which the pages' Content-Security-Policy does not govern, and run on the whole document.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from search_service.settings import Settings
from web.app import create_app

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
WIDTHS = (1280, 320)
DEFAULT_WINDOW = (1280, 1600)  # tests/browser/conftest.py's --window-size

RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (result) {
    done(result.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
        return {target: n.target.join(" "), summary: n.failureSummary || ""};
      })};
    }));
  }, function (error) { done("axe.run failed: " + error); });
"""

# The page's own horizontal overflow, and the elements that stick out (tables excepted:
# a wide table may scroll inside its own box, the page may not).
OVERFLOW = """
var root = document.documentElement, limit = root.clientWidth, wide = [];
document.querySelectorAll("body *").forEach(function (el) {
  var box = el.getBoundingClientRect();
  var spills = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 &&
    getComputedStyle(el).overflowX === "visible";  // its text runs out of it
  if ((box.right > limit + 0.5 || spills) && box.width > 0 && !el.closest("table")) {
    wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
              (el.className && typeof el.className === "string"
               ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
              " right=" + Math.round(box.right) + (spills ? " (content wider)" : ""));
  }
});
return {scrollWidth: root.scrollWidth, clientWidth: limit, innerWidth: window.innerWidth,
        wide: wide.slice(0, 8)};
"""

# Pages by name: a fixed path, or found from the fixture corpus (see ``page_paths``).
PAGES = ("search, no query", "search, results", "search, filter set", "search, no hits",
         "quote", "release", "speaker", "verification, empty", "verification, result",
         "API docs", "status", "error 404", "release search", "speaker directory")
FIXED = {
    "search, no query": "/",
    "search, results": "/?q=Integration",
    "search, filter set": "/?q=Integration&speaker=Kai+Klose&sort=newest",
    "search, no hits": "/?q=Zwxqvbnmk",
    "verification, empty": "/pruefen",
    "verification, result": "/pruefen",
    "API docs": "/api/v1/docs",
    "status": "/status",
    "error 404": "/zitate/gibt-es-nicht",
}
# Pages other work adds: included when the app has the route, else skipped with the reason.
OPTIONAL = {"release search": ("/mitteilungen", "/mitteilungen?q=Integration"),
            "speaker directory": ("/sprecher", "/sprecher?q=Klose")}
CLAIM = 'Klose sagte: "In Hessen richtet sich Integrationspolitik an alle Bürger"'


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci --no-audit --no-fund` in the "
                    "repository root, or `make node-deps` (`make test` does).", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@contextmanager
def window_width(browser: webdriver.Chrome, width: int) -> Iterator[None]:
    """The window at ``width`` px for the block, back to the session's size after it."""
    browser.set_window_size(width, 900)
    try:
        WebDriverWait(browser, 5).until(
            lambda driver: driver.execute_script("return window.innerWidth") == width,
            f"window.innerWidth did not become {width} px")
        yield
    finally:
        browser.set_window_size(*DEFAULT_WINDOW)


def _path(browser: webdriver.Chrome, live_url: str, css: str) -> str:
    href = browser.find_element(By.CSS_SELECTOR, css).get_attribute("href") or ""
    assert href.startswith(live_url), href
    return href[len(live_url):].split("#", 1)[0]


@pytest.fixture(scope="module")
def page_paths(browser: webdriver.Chrome, live_url: str, settings: Settings
               ) -> dict[str, str | None]:
    """Path of every page in PAGES (None where the app has no such route)."""
    paths: dict[str, str | None] = dict(FIXED)
    browser.get(live_url + "/?q=Integrationsplan")
    card = "article.card"
    paths["quote"] = _path(browser, live_url, f"{card} a.open-quote")
    paths["release"] = _path(browser, live_url, f"{card} .links a[href*='/mitteilungen/']")
    paths["speaker"] = _path(browser, live_url, f"{card} a.speaker")
    rules = {rule.rule for rule in create_app(settings).url_map.iter_rules()}
    for name, (rule, path) in OPTIONAL.items():
        paths[name] = path if rule in rules else None
    return paths


def axe_violations(browser: webdriver.Chrome, source: str) -> list[dict[str, Any]]:
    browser.execute_script(source)
    assert browser.execute_script("return typeof window.axe") == "object", \
        "axe-core did not load into the page"
    browser.set_script_timeout(60)
    result = browser.execute_async_script(RUN_AXE, list(TAGS))
    if isinstance(result, str):
        pytest.fail(result)
    violations: list[dict[str, Any]] = result
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"    {node['target']}  — {summary}")
    return "\n".join(lines)


def open_page(browser: webdriver.Chrome, live_url: str, name: str, path: str) -> None:
    browser.get(live_url + path)
    if name == "verification, result":
        browser.find_element(By.ID, "text").send_keys(CLAIM)
        browser.find_element(By.CSS_SELECTOR,
                             ".verify-form button[type=submit]:not([name])").click()
        WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "ergebnis")))


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_and_reflows(name: str, width: int, browser: webdriver.Chrome,
                                     live_url: str, axe_source: str,
                                     page_paths: dict[str, str | None]) -> None:
    path = page_paths[name]
    if path is None:
        rule = OPTIONAL[name][0]
        pytest.skip(f"the app has no route {rule} (yet): page {name!r} not checked")
    with window_width(browser, width):
        open_page(browser, live_url, name, path)
        violations = axe_violations(browser, axe_source)
        assert not violations, (f"{name} ({path}) at {width} px: {len(violations)} axe "
                                f"violation(s):\n{describe(violations)}")
        if width == 320:
            # stricter than innerWidth: no scrolling even beside a vertical scrollbar
            overflow = browser.execute_script(OVERFLOW)
            assert overflow["scrollWidth"] <= overflow["clientWidth"], (
                f"{name} ({path}) scrolls sideways at 320 px: page {overflow['scrollWidth']} px "
                f"wide in {overflow['clientWidth']} px; sticking out: {overflow['wide']}")


def test_quote_links_in_a_release_are_underlined(browser: webdriver.Chrome, live_url: str,
                                                 page_paths: dict[str, str | None]) -> None:
    """Not told from the text by colour (the highlight) alone: WCAG 1.4.1. axe-core's
    link-in-text-block rule takes the highlight's background for a difference, so this
    checks the underline itself."""
    browser.get(live_url + str(page_paths["release"]))
    links = browser.find_elements(By.CSS_SELECTOR, ".body a.marked-quote")
    assert links, "the release shows no quote marked in its text"
    for link in links:
        decoration = link.value_of_css_property("text-decoration-line")
        assert "underline" in decoration, f"quote link not underlined: {decoration!r}"
