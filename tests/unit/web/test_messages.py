"""The API's and the domain layer's English messages in the interface's language
(web.messages): each is recognised, translated with its variable parts, and every message the
code can raise is listed; the JSON error of the API follows Accept-Language."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_service.request import QuoteSearch
from web.errors import register_error_handlers
from web.i18n import init_i18n
from web.messages import TEMPLATES, localize
from web.openapi import ApiBlueprint, init_api
from web.schemas import QuoteSearchArgs

ROOT = Path(__file__).resolve().parents[3]
# Where the messages that reach a page or an API answer are raised, and how: the exception
# and the position of its message argument.
SOURCES = ("search_service/request.py", "search_service/search.py",
           "search_service/speakers.py", "search_service/client.py",
           "search_service/compounds.py", "search_service/verification/compare.py",
           "search_service/verification/service.py", "web/dates.py", "web/verify.py",
           "web/backend.py", "web/schemas/requests.py", "web/schemas/verify.py")
RAISED = {"SearchInputError": 1, "NotFound": 0, "ElasticsearchUnavailable": 0,
          "ElasticsearchFailed": 0, "ElasticsearchRejected": 0, "ConfigurationError": 0,
          "ValidationError": 0, "Comparison": 2}


@pytest.fixture(scope="module")
def app() -> Flask:
    probe = ApiBlueprint("probe", __name__, url_prefix="/api/v1")

    @probe.get("/probe")
    @probe.arguments(QuoteSearchArgs, location="query")
    def search(query: QuoteSearch) -> Any:
        query.validate()
        return {"q": query.q}

    app = Flask(__name__)
    init_i18n(app)
    init_api(app, [probe])
    register_error_handlers(app)
    return app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def in_language(app: Flask, locale: str, message: str) -> str:
    with app.test_request_context(f"/?lang={locale}"):
        return localize(message)


@pytest.mark.parametrize(("english", "german"), [
    ("Pages are counted from 1.", "Seiten werden ab 1 gezählt."),
    ("Unknown sort 'loud'; use one of relevance, newest, oldest.",
     "Unbekannte Sortierung 'loud'; möglich sind relevance, newest, oldest."),
    ("Must be greater than or equal to 1900 and less than or equal to 2100.",
     "Muss mindestens 1900 und höchstens 2100 sein."),
    ('Send a JSON object like {"text": "..."}.', 'Senden Sie ein JSON-Objekt wie {"text": "..."}.'),
    ("There is no quote with the id 'x'.", "Ein Zitat mit der Id 'x' gibt es nicht."),
    ("Cannot reach Elasticsearch at http://127.0.0.1:9 (the local node): refused. Check that "
     "it is running and that the URL is right; to use a local node instead, unset "
     "WORTLAUT_ES_URL and run `wortlaut es start`.",
     "Elasticsearch unter http://127.0.0.1:9 (der lokale Knoten) ist nicht erreichbar: "
     "refused. Prüfen Sie, ob es läuft und die URL stimmt; für einen lokalen Knoten "
     "stattdessen entfernen Sie WORTLAUT_ES_URL und starten `wortlaut es start`."),
    ("Elasticsearch at http://h:9200 runs version 7.17.0, but this Wortlaut speaks "
     "Elasticsearch 8.x. Point WORTLAUT_ES_URL at an Elasticsearch 8 node.",
     "Elasticsearch unter http://h:9200 hat die Version 7.17.0, dieses Wortlaut spricht aber "
     "Elasticsearch 8.x. Richten Sie WORTLAUT_ES_URL auf einen Elasticsearch-8-Knoten."),
    ("exact: the words are attributed to an unnamed speaker, not to Kai Klose",
     "wörtlich: die Worte werden einer nicht genannten Person zugeschrieben, nicht Kai Klose"),
])
def test_messages_in_german_and_english(app: Flask, english: str, german: str) -> None:
    assert in_language(app, "de", english) == german
    assert in_language(app, "en", english) == english


def test_a_message_nobody_listed_passes_unchanged(app: Flask) -> None:
    assert in_language(app, "de", "Something new went wrong.") == "Something new went wrong."
    # the same words but not the same message: a template matches the whole text only
    assert in_language(app, "de", "Pages are counted from 1. Really.") == (
        "Pages are counted from 1. Really.")


def test_outside_a_request_messages_are_german(app: Flask) -> None:
    assert localize("Pages are counted from 1.") == "Seiten werden ab 1 gezählt."


def raised_messages() -> Iterator[tuple[str, str]]:
    """Every literal message (f-string parts filled with "7") raised in :data:`SOURCES`."""
    for source in SOURCES:
        tree = ast.parse((ROOT / source).read_text(), source)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in RAISED and len(node.args) > RAISED[node.func.id]):
                continue
            argument = node.args[RAISED[node.func.id]]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield source, argument.value
            elif isinstance(argument, ast.JoinedStr):
                yield source, "".join(
                    str(part.value) if isinstance(part, ast.Constant) else "7"
                    for part in argument.values)


def test_every_message_the_code_raises_is_translated(app: Flask) -> None:
    """A new or reworded message in search_service (or the web layer's validation) must be
    listed in web.messages, or the German pages would show it in English."""
    messages = list(raised_messages())
    assert len(messages) > 35
    untranslated = [(source, text) for source, text in messages
                    if in_language(app, "de", text) == text]
    assert not untranslated, "add to web.messages.TEMPLATES and de/messages.po: " + "\n".join(
        f"{source}: {text}" for source, text in untranslated)


def test_werkzeugs_descriptions_of_http_errors_are_listed() -> None:
    from werkzeug import exceptions

    for error in (exceptions.BadRequest, exceptions.NotFound, exceptions.MethodNotAllowed,
                  exceptions.RequestEntityTooLarge, exceptions.InternalServerError,
                  exceptions.ServiceUnavailable):
        assert error.description in TEMPLATES, error


@pytest.mark.parametrize(("headers", "message"), [
    ({}, "Seite 2000 mit 10 Treffern pro Seite geht über die ersten 10000 Treffer hinaus. "
         "Schränken Sie die Suche ein oder nutzen Sie den Export."),
    ({"Accept-Language": "en-GB,en;q=0.8"}, "Page 2000 with 10 per page goes beyond the first "
     "10000 results. Narrow the search or use the export."),
])
def test_the_api_error_follows_accept_language(client: FlaskClient, headers: dict[str, str],
                                               message: str) -> None:
    response = client.get("/api/v1/probe?page=2000&per_page=10", headers=headers)
    assert response.status_code == 400
    assert response.json == {"error": "invalid_request", "field": "page", "message": message}


def test_the_error_code_and_field_stay_the_same_in_both_languages(client: FlaskClient
                                                                  ) -> None:
    german = client.get("/api/v1/probe?date_from=2023-02-30").json
    english = client.get("/api/v1/probe?date_from=2023-02-30",
                         headers={"Accept-Language": "en"}).json
    assert german is not None and english is not None
    assert german["message"] == "Kein gültiges Datum." and english["message"] == (
        "Not a valid date.")
    assert german["error"] == english["error"] == "invalid_request"
    assert german["field"] == english["field"] == "date_from"
