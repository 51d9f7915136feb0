"""The interface language: German (the default) or English, for every page and API error.

The locale of a request (:func:`select_locale`): an explicit choice wins - ``?lang=de`` or
``?lang=en`` on any URL, remembered in the ``lang`` cookie (``SameSite=Lax``) - then that
cookie, then the browser's ``Accept-Language``, then German. Responses vary on
``Accept-Language`` and ``Cookie``.

Source language of the messages (the msgids), chosen deliberately:

- the interface's own text - templates, labels, page messages, the finding sentence - has
  German msgids. German is the default and the original wording: the templates read as the
  German page, text rendered outside a request (command line, unit tests) is German, and a
  string someone forgets to translate still shows in the default language.
  ``en/messages.po`` translates these;
- messages that the API and domain layer produce are English where they arise: in
  ``search_service`` (shared with the command line, and never dependent on Flask), in
  marshmallow's validation and in werkzeug's HTTP errors. Their msgids are therefore English;
  :mod:`web.messages` lists each once and maps the English text to the interface's language at
  the web edge. ``de/messages.po`` translates these.

So an entry found only in ``web/messages.py`` needs a German translation and every other entry
an English one; ``tests/unit/web/test_i18n.py`` fails on any such entry left untranslated or
fuzzy, so every string renders in both languages.

The catalogs are ``web/translations/<locale>/LC_MESSAGES/messages.po`` (``make translations``
extracts the strings and updates them). They are compiled in memory with Babel's API when first
used, so a fresh clone needs no ``.mo`` files and none is committed.
"""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, Response, current_app, has_app_context, has_request_context, request
from flask_babel import Babel, Domain
from werkzeug.datastructures import MultiDict

LOCALES = ("de", "en")
DEFAULT_LOCALE = "de"
# Each language named in itself, as language switches do: never translated.
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600
CATALOGS = Path(__file__).resolve().parent / "translations"


@functools.cache
def catalog(locale: str) -> Translations:
    """The messages of ``locale`` (German for any other), compiled from its ``.po`` file;
    fuzzy entries are left out, so they fall back to the msgid."""
    code = locale if locale in LOCALES else DEFAULT_LOCALE
    with (CATALOGS / code / "LC_MESSAGES" / "messages.po").open("rb") as source:
        messages = read_po(source, locale=code)
    compiled = BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled, domain="messages")


def select_locale() -> str:
    """``?lang=``, else the ``lang`` cookie, else ``Accept-Language``, else German. Each
    is parsed only when the request may carry it (the query string names ``lang`` or
    has an escape; there is a ``Cookie`` or an ``Accept-Language`` header): a script's
    request often carries none, and werkzeug's parsers cost 0.13 M instructions."""
    if not has_request_context():
        return DEFAULT_LOCALE
    environ = request.environ
    query = environ.get("QUERY_STRING", "")
    if ("lang" in query or "%" in query) and (
            choice := request.args.get("lang")) in LOCALES:
        return str(choice)
    if "HTTP_COOKIE" in environ and (choice := request.cookies.get(COOKIE)) in LOCALES:
        return str(choice)
    if "HTTP_ACCEPT_LANGUAGE" not in environ:
        return DEFAULT_LOCALE
    return request.accept_languages.best_match(LOCALES, default=DEFAULT_LOCALE) or DEFAULT_LOCALE


def current_locale() -> str:
    """The locale code of the current request (``de`` or ``en``); German outside one, or in
    an app without :func:`init_i18n`. The code :func:`select_locale` chooses, which is
    Flask-Babel's locale (asking Flask-Babel for it, then for its code, cost 0.06 M
    instructions a request)."""
    if not has_app_context() or "babel" not in current_app.extensions:
        return DEFAULT_LOCALE
    return select_locale()


def translations() -> Translations:
    """The catalog of the current request's locale (usable without Flask-Babel set up)."""
    return catalog(current_locale())


class _Catalogs(Domain):
    """Flask-Babel's message domain, reading the catalogs compiled by :func:`catalog`."""

    def get_translations(self) -> NullTranslations:
        if not has_app_context():
            return NullTranslations()
        return translations()


def language_url(code: str) -> str:
    """The current URL, its query kept, with ``lang=code``: the language switch's links."""
    args = MultiDict(request.args)
    args["lang"] = code
    return f"{quote(request.script_root + request.path)}?{urlencode(list(args.items(multi=True)))}"


def _template_context() -> dict[str, Any]:
    return {"current_locale": current_locale(), "language_url": language_url,
            "LANGUAGE_NAMES": LANGUAGE_NAMES}


def _vary_and_remember(response: Response) -> Response:
    """Caches keep one answer per language; a page says its language; an explicit ``?lang=``
    on a page is remembered."""
    if "Vary" in response.headers:
        response.vary.update(("Accept-Language", "Cookie"))
    else:  # the common case, without parsing the header into a set and writing it back
        response.headers["Vary"] = "Accept-Language, Cookie"
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Language", current_locale())
    choice = request.args.get("lang")
    if (choice in LOCALES and request.cookies.get(COOKIE) != choice
            and not request.path.startswith("/api/")):
        response.set_cookie(COOKIE, str(choice), max_age=COOKIE_AGE, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def init_i18n(app: Flask) -> None:
    """Flask-Babel with the locale selector above, the catalogs, and what templates need:
    ``current_locale`` (for ``<html lang>``), ``language_url`` and ``LANGUAGE_NAMES``."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    for locale in LOCALES:
        catalog(locale)  # compiled now: a broken .po file stops the start, not a request
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = _Catalogs()
    app.context_processor(_template_context)
    app.after_request(_vary_and_remember)
