"""German and English: how a request's locale is chosen, the catalogs are complete and up to
date with the code, and dates read as each language writes them (web.i18n, web.formatting)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import get_locale

from search_service.verification import compare
from web.findings import finding
from web.formatting import local_date, month_label
from web.i18n import (
    CATALOGS,
    COOKIE,
    current_locale,
    init_i18n,
    language_url,
    select_locale,
)

ROOT = Path(__file__).resolve().parents[3]
# The only English msgids: the API's and the domain layer's messages (see web/i18n.py).
ENGLISH_SOURCE = "web/messages.py"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|(?<!\{)\{(\w+)\}(?!\})")


@pytest.fixture(scope="module")
def app() -> Flask:
    app = Flask(__name__)
    init_i18n(app)

    @app.get("/")
    def page() -> str:
        return select_locale()

    @app.get("/api/v1/probe")
    def api() -> str:
        return select_locale()

    @app.get("/own-vary")
    def own_vary() -> tuple[str, int, dict[str, str]]:
        return select_locale(), 200, {"Vary": "Origin"}

    return app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.mark.parametrize(("headers", "query", "cookie", "locale"), [
    ({}, "", None, "de"),
    ({"Accept-Language": "en"}, "", None, "en"),
    ({"Accept-Language": "en-US,en;q=0.9"}, "", None, "en"),
    ({"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"}, "", None, "de"),
    ({"Accept-Language": "en;q=0.5,de;q=0.9"}, "", None, "de"),
    ({"Accept-Language": "fr-FR,fr;q=0.9"}, "", None, "de"),
    ({"Accept-Language": "fr, en;q=0.5"}, "", None, "en"),
    ({"Accept-Language": "de"}, "lang=en", None, "en"),          # the explicit choice wins
    ({"Accept-Language": "de"}, "", "en", "en"),                 # ... and is remembered
    ({"Accept-Language": "en"}, "", "de", "de"),
    ({"Accept-Language": "en"}, "lang=de", "en", "de"),          # a new choice beats the old
    ({"Accept-Language": "en"}, "lang=fr", "xx", "en"),          # nonsense is ignored
    ({}, "%6Cang=en", None, "en"),                               # "lang", escaped
    ({}, "q=%C3%A4rger", None, "de"),
    ({"Accept-Language": "en", "Cookie": "other=1"}, "", None, "en"),
    ({"Cookie": "other=1"}, "q=lang", None, "de"),
])
def test_the_locale_of_a_request(app: Flask, headers: dict[str, str], query: str,
                                 cookie: str | None, locale: str) -> None:
    if cookie:
        headers = {**headers, "Cookie": f"{COOKIE}={cookie}"}
    with app.test_request_context(f"/?{query}", headers=headers):
        assert select_locale() == locale


@pytest.mark.parametrize("query", ["", "lang=en", "lang=de", "q=x"])
@pytest.mark.parametrize("language", [None, "en", "de-DE,de;q=0.9", "fr"])
def test_current_locale_is_flask_babels(app: Flask, query: str, language: str | None) -> None:
    headers = {"Accept-Language": language} if language else {}
    with app.test_request_context(f"/?{query}", headers=headers):
        assert current_locale() == str(get_locale())


def test_outside_a_request_the_locale_is_german() -> None:
    assert select_locale() == "de"


def test_a_chosen_language_is_kept_in_a_lax_cookie_and_answers_vary(client: FlaskClient
                                                                    ) -> None:
    response = client.get("/?lang=en", headers={"Accept-Language": "de"})
    assert response.get_data(as_text=True) == "en"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=en;") and "SameSite=Lax" in cookie
    assert "HttpOnly" in cookie and "Max-Age=" in cookie
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    assert response.headers["Content-Language"] == "en"
    later = client.get("/", headers={"Accept-Language": "de"})  # the test client keeps cookies
    assert later.get_data(as_text=True) == "en" and "Set-Cookie" not in later.headers
    assert client.get("/?lang=de").get_data(as_text=True) == "de"
    assert client.get("/").get_data(as_text=True) == "de"


def test_the_api_follows_a_choice_but_sets_no_cookie(client: FlaskClient) -> None:
    response = client.get("/api/v1/probe?lang=en")
    assert response.get_data(as_text=True) == "en" and "Set-Cookie" not in response.headers
    assert {"Accept-Language", "Cookie"} <= set(response.vary)


def test_a_response_s_own_vary_is_kept(client: FlaskClient) -> None:
    assert client.get("/own-vary").headers["Vary"] == "Origin, Accept-Language, Cookie"
    assert client.get("/").headers.getlist("Vary") == ["Accept-Language, Cookie"]


def test_the_switch_keeps_the_address_and_its_query(app: Flask) -> None:
    with app.test_request_context("/sprecher/kai klose?q=a&lang=de&q=b&x=%26"):
        assert language_url("en") == "/sprecher/kai%20klose?q=a&q=b&lang=en&x=%26"
    with app.test_request_context("/"):
        assert language_url("de") == "/?lang=de"


# -- the catalogs -------------------------------------------------------------------------

def catalog(locale: str) -> Catalog:
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=locale)


def entries(locale: str) -> Iterator[Message]:
    return (message for message in catalog(locale) if message.id)


def english_source(message: Message) -> bool:
    return bool(message.locations) and all(
        path == ENGLISH_SOURCE for path, _ in message.locations)


def translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return all(strings)


def placeholders(text: Any) -> set[str]:
    texts = text if isinstance(text, tuple | list) else [text]
    return {a or b for t in texts for a, b in PLACEHOLDER.findall(t)}


@pytest.mark.parametrize("locale", ["de", "en"])
def test_every_string_is_translated_where_its_msgid_is_the_other_language(locale: str
                                                                          ) -> None:
    """German msgids need an English translation, English ones (web/messages.py) a German
    one; nothing is fuzzy, and a translation keeps the msgid's placeholders."""
    problems = []
    for message in entries(locale):
        needed = english_source(message) == (locale == "de")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif needed and not translated(message):
            problems.append(f"untranslated: {message.id!r}")
        elif translated(message) and placeholders(message.id) != placeholders(message.string):
            problems.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
    assert not problems, f"{locale}/messages.po:\n" + "\n".join(problems)


def extracted() -> set[tuple[str | None, str]]:
    """What ``make translations`` extracts from the code now (babel.cfg, its keywords)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(["_l", "lazy_gettext",
                                                      "lazy_ngettext:1,2"])}
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords,
                             directory_filter=lambda path: Path(path) in (ROOT, ROOT / "web")
                             or (ROOT / "web") in Path(path).parents)
    return {(context, msgid if isinstance(msgid, str) else msgid[0])
            for _file, _line, msgid, _comments, context in found}


def test_the_catalogs_hold_every_string_of_the_code() -> None:
    """A string added to a template or module without ``make translations`` (and its
    translation) would show untranslated: fail instead."""
    in_code = extracted()
    assert len(in_code) > 150
    for locale in ("de", "en"):
        listed = {(m.context, m.id if isinstance(m.id, str) else m.id[0])
                  for m in entries(locale)}
        missing = sorted(in_code - listed, key=str)
        assert not missing, f"run `make translations` and translate in {locale}: {missing}"
        stale = sorted(listed - in_code, key=str)
        assert not stale, f"no longer in the code (run `make translations`): {stale}"


# -- dates and the finding sentence -------------------------------------------------------

@pytest.mark.parametrize(("locale", "value", "precision", "shown"), [
    ("de", "2022-11-01", "day", "1. November 2022"),
    ("en", "2022-11-01", "day", "November 1, 2022"),
    ("de", "2023-03-14", None, "14. März 2023"),
    ("de", "2022-11-01", "month", "November 2022"),
    ("en", "2023-03-01", "month", "March 2023"),
    ("de", "2023-03", "day", "März 2023"),
    ("de", "2022-01-01", "year", "2022"),
    ("en", "2022-01-01", "year", "2022"),
    ("de", "2022", "day", "2022"),
    ("de", None, "day", "undatiert"),
    ("en", None, "day", "undated"),
    ("en", "", "year", "undated"),
    ("de", "2022-13-45", "day", "2022-13-45"),  # not a date: shown as it is
])
def test_dates_in_each_language_with_their_precision(app: Flask, locale: str, value: str | None,
                                                     precision: str | None, shown: str) -> None:
    with app.test_request_context(f"/?lang={locale}"):
        assert local_date(value, precision) == shown


def test_month_labels(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert month_label("2023-03") == "March 2023"
    with app.test_request_context("/"):
        assert month_label("2023-03") == "März 2023"


ORIGINAL = "In Hessen richtet sich Integrationspolitik an alle Menschen."


@pytest.mark.parametrize(("locale", "date", "start"), [
    ("de", "2018-06-14", "Am 14.06.2018 sagte Kai Klose: „In Hessen"),
    ("en", "2018-06-14", "On June 14, 2018, Kai Klose said: “In Hessen"),
    ("de", None, "Kai Klose sagte (undatiert): „In Hessen"),
    ("en", None, "Undated: Kai Klose said: “In Hessen"),
])
def test_the_finding_speaks_the_language_of_the_page(app: Flask, locale: str, date: str | None,
                                                     start: str) -> None:
    quote = {"text": ORIGINAL, "speaker": {"name": "Kai Klose"}, "date": date,
             "source_url": None, "release_title": "Konferenz", "language": "de"}
    with app.test_request_context(f"/?lang={locale}"):
        assert finding(quote, compare(ORIGINAL, ORIGINAL)).startswith(start)
