"""What people half-remember, on the real node: umlaut plurals of compound heads,
hyphenated and open compounds, spellings without diacritics, typos in names - found,
ranked below exact matches, highlighted; a "Meinten Sie …?" when little is found.

The releases are tiny and indexed into their own prefix, through the indexer as a user's
files would be, so the shared fixture corpus and its counts stay as they are.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from flask.testing import FlaskClient

from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, delete_all, ensure_indices
from search_service.request import QuoteSearch, ReleaseSearch
from search_service.search import Searcher
from search_service.settings import Settings
from web.app import create_app

# key: (title, body); each body has one quote. URLs are https://example.org/g/<key>.
RELEASES = {
    "sport": ("Neue Anlagen in Spandau", "Der Bezirk hat gebaut.\n\n„Zwei neue Sportplätze "
              "stehen den Vereinen ab sofort offen“, sagte Stadträtin Anna Beispiel."),
    "notfall": ("Rettungsdienst gestärkt", "Neue Fahrzeuge für die Feuerwehr.\n\n„In "
                "Notfällen zählt jede Minute“, sagte Branddirektor Karl Probe."),
    "rathaus": ("Feiertag", "Geänderte Öffnungszeiten.\n\n„Die Rathäuser bleiben am Montag "
                "geschlossen“, sagte Bezirksbürgermeister Tom Muster."),
    "hauptstadt": ("Partnerschaft", "Ein Treffen in Berlin.\n\n„Die Hauptstädte Europas arbeiten "
                   "eng zusammen“, sagte Staatssekretärin Jana Probe."),
    "radweg": ("Mehr fürs Rad", "Der Bezirk baut weiter.\n\n„Das Radwege-Netz wächst in jedem "
               "Jahr“, sagte Verkehrsstadtrat Max Beispiel."),
    "radwegenetz": ("Lücken schließen", "Eine neue Planung.\n\n„Unser Radwegenetz hat noch "
                    "Lücken“, sagte Stadträtin Eva Muster."),
    "kizil": ("Beratung gestärkt", "Das Land fördert die Beratung.\n\n„Wir stärken die "
              "Beratung für alle“, sagte Senatorin Cansel Kızıltepe."),
    "mueller": ("Bilanz", "Ein Jahr im Amt.\n\n„Die Stadt ist sozialer geworden“, sagte der "
                "Regierende Bürgermeister Michael Mueller."),
    "strasse": ("Bauarbeiten", "Sperrungen ab Montag.\n\n„Die Hauptstrasse wird bis Juni "
                "saniert“, sagte Baustadtrat Ole Beispiel."),
    "giffey": ("Wirtschaft", "Ein Besuch im Betrieb.\n\n„Die Beratung der Betriebe hilft "
               "allen“, sagte Senatorin Franziska Giffey."),
    "giffei": ("Wirtschaft II", "Ein zweiter Besuch.\n\n„Gute Beratung stärkt die Betriebe“, "
               "sagte Senatorin Franziska Giffei."),
    "konferenz": ("Integration", "Die Integrationskonferenz tagte.\n\n„Die "
                  "Integrationskonferenz setzt ein Zeichen“, sagte Staatssekretärin Lea Probe."),
    "statt": ("Ersatz", "Eine Änderung.\n\n„Der Termin findet statt am Dienstag“, sagte "
              "Sprecherin Ina Muster."),
}


@pytest.fixture(scope="module")
def german_names(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexNames]:
    names = IndexNames(f"{settings.index_prefix}-german-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    source = Path(tmp_path_factory.mktemp("german")) / "releases.jsonl"
    source.write_text("".join(json.dumps(
        {"url": f"https://example.org/g/{key}", "date": "2024-05-02", "title": title,
         "publisher": "Testamt", "body": body}, ensure_ascii=False) + "\n"
        for key, (title, body) in RELEASES.items()), encoding="utf-8")
    try:
        summary = index_sources([str(source)], es, names, splitter)
        assert summary.ok, summary.failed
        yield names
    finally:
        delete_all(es, names)


@pytest.fixture(scope="module")
def searcher(es: Elasticsearch, german_names: IndexNames,
             splitter: CompoundSplitter) -> Searcher:
    return Searcher(es, german_names, splitter)


@pytest.fixture()
def client(settings: Settings, german_names: IndexNames) -> FlaskClient:
    app = create_app(dataclasses.replace(settings, index_prefix=german_names.prefix))
    return app.test_client()


def _key(url: str | None) -> str:
    return (url or "").rsplit("/", 1)[-1]


def quote_keys(searcher: Searcher, q: str) -> list[str]:
    page = searcher.quotes(QuoteSearch(q=q, per_page=50))
    return [_key(item.source_url) for item in page.items]


def release_keys(searcher: Searcher, q: str) -> set[str]:
    page = searcher.releases(ReleaseSearch(q=q, per_page=50))
    return {_key(item.source_url) for item in page.items}


@pytest.mark.parametrize(("query", "expected"), [
    # an umlaut plural of a compound head, from the singular and back
    ("Sportplatz", "sport"), ("Sportplätze", "sport"), ("Platz", "sport"),
    ("Notfall", "notfall"), ("Notfälle", "notfall"),
    ("Rathaus", "rathaus"), ("Rathaeuser", "rathaus"), ("Haus", "rathaus"),
    ("Hauptstadt", "hauptstadt"),
    # hyphenated, written together and open spellings of one compound
    ("Radwegenetz", "radweg"), ("Radwege-Netz", "radwegenetz"), ("Radwege Netz", "radweg"),
    ("Radwege Netz", "radwegenetz"),
    # spellings without diacritics, umlauts spelt out, ß for ss
    ("Kiziltepe", "kizil"), ("Kızıltepe", "kizil"), ("Müller", "mueller"),
    ("Muller", "mueller"), ("Hauptstraße", "strasse"),
    # one letter off in a name
    ("Kiziltepa", "kizil"),
])
def test_half_remembered_words_are_found(searcher: Searcher, query: str,
                                         expected: str) -> None:
    assert expected in quote_keys(searcher, query)
    assert expected in release_keys(searcher, query)


def test_a_typo_in_a_name_ranks_below_the_exact_spelling(searcher: Searcher) -> None:
    assert quote_keys(searcher, "Giffey")[:2] == ["giffey", "giffei"]
    assert quote_keys(searcher, "Giffei")[:2] == ["giffei", "giffey"]


def test_no_typo_tolerance_for_known_words_phrases_and_exclusions(searcher: Searcher) -> None:
    assert "statt" not in quote_keys(searcher, "Stadt")  # a dictionary word: no fuzzy
    assert quote_keys(searcher, '"Franziska Giffey"') == ["giffey"]
    assert set(quote_keys(searcher, "Beratung -Giffei")) == {"kizil", "giffey"}
    assert quote_keys(searcher, '"neue Sportplatz"') == []  # phrases stay exact


def _marked(searcher: Searcher, q: str, key: str, field: str) -> str:
    page = searcher.quotes(QuoteSearch(q=q, per_page=50))
    item = next(i for i in page.items if _key(i.source_url) == key)
    return item.highlight.get(field, "")


@pytest.mark.parametrize(("query", "key", "field", "mark"), [
    ("konferenz", "konferenz", "text", "<mark>Integrationskonferenz</mark>"),
    ("Sportplatz", "sport", "text", "<mark>Sportplätze</mark>"),
    ("Notfall", "notfall", "text", "<mark>Notfällen</mark>"),
    ("Radwegenetz", "radweg", "text", "<mark>Radwege-Netz</mark>"),
    ("Kiziltepe", "kizil", "surroundings", "<mark>Kızıltepe</mark>"),
    ("Müller", "mueller", "surroundings", "<mark>Mueller</mark>"),
    ("Giffei", "giffey", "surroundings", "<mark>Giffey</mark>"),
])
def test_what_matched_is_marked(searcher: Searcher, query: str, key: str, field: str,
                                mark: str) -> None:
    assert mark in _marked(searcher, query, key, field)


def test_compound_part_marks_stay_escaped(searcher: Searcher) -> None:
    fragment = _marked(searcher, "Integrationskonferenz", "konferenz", "text")
    assert "<mark>Integrationskonferenz</mark>" in fragment
    assert fragment.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_suggestion_when_little_is_found(searcher: Searcher) -> None:
    page = searcher.quotes(QuoteSearch(q="Biffey"))
    assert page.total == 0 and page.suggestion == "Giffey"
    assert searcher.quotes(QuoteSearch(q="Giffey")).suggestion is None  # enough found
    # only words outside quotes and exclusions are corrected
    assert searcher.quotes(QuoteSearch(q='"Biffey"')).suggestion is None


def test_suggestion_in_the_api_and_on_the_page(client: FlaskClient) -> None:
    body = client.get("/api/v1/quotes", query_string={"q": "biffey"}).get_json()
    assert body["total"] == 0 and body["suggestion"] == "giffey"
    assert client.get("/api/v1/quotes", query_string={"q": "Giffey"}).get_json()[
        "suggestion"] is None
    html = client.get("/", query_string={"q": "Biffey <&>"}).get_data(as_text=True)
    assert "Meinten Sie" in html and ">Giffey &lt;&amp;&gt;</a>" in html
    assert "Giffey <&>" not in html
    assert "q=Giffey+%3C%26%3E" in html
