"""Search forms: diacritics and German spellings folded, inflection of the last part undone
with the dictionary, hyphenated and open compounds - the same at index and at query time."""

from __future__ import annotations

import pytest

from search_service.compounds import CompoundSplitter
from search_service.folding import fold, search_form, search_forms, word_forms

# A small dictionary: lowercase words, the nouns among them, the singular nouns.
NOUNS = frozenset({"sport", "platz", "plätze", "fall", "falle", "haus", "häuser", "stadt",
                   "städte", "haupt", "netz", "rad", "weg", "müller", "mull", "müll", "bauer",
                   "bau", "konferenz", "integration", "küche", "kuchen", "straße", "strass"})
SINGULARS = frozenset({"sport", "platz", "fall", "haus", "netz", "rad", "weg", "müller",
                       "mull", "müll", "bauer", "bau", "kuchen"})
LEXICON = frozenset(w for w in NOUNS | {"hissen", "reden"} if len(w) >= 4)


@pytest.fixture(scope="module")
def splitter() -> CompoundSplitter:
    return CompoundSplitter(LEXICON, NOUNS, SINGULARS)


@pytest.mark.parametrize(("printed", "folded"), [
    ("Kızıltepe", "kiziltepe"), ("Kiziltepe", "kiziltepe"),
    ("Müller", "muller"), ("Mueller", "muller"), ("Muller", "muller"),
    ("Straße", "strasse"), ("Strasse", "strasse"), ("STRASSE", "strasse"),
    ("Łódź", "lodz"), ("Sørensen", "sorensen"), ("Œuvre", "ouvre"), ("Çelik", "celik"),
    ("Feuer", "feuer"), ("Quelle", "quelle"), ("Bauer", "bauer"),
])
def test_fold(printed: str, folded: str) -> None:
    assert fold(printed) == folded


@pytest.mark.parametrize(("words", "form"), [
    # an umlaut plural of a compound head and its singular share a form
    (["Sportplatz", "Sportplätze", "Sportplätzen", "Sportplatzes"], "sportplatz"),
    (["Notfall", "Notfälle", "Notfällen"], "notfall"),
    (["Rathaus", "Rathäuser", "Rathäusern"], "rathaus"),
    (["Hauptstadt", "Hauptstädte"], "hauptstadt"),
    (["Plätze", "Platz"], "platz"),
    # hyphenated and written together
    (["Radwegenetz", "Radwege-Netz"], "radwegenetz"),
    # spellings without umlaut or ß read as the listed word
    (["Müller", "Mueller", "Muller"], "muller"),
    (["Straße", "Strasse"], "strasse"),
    # past participles to the infinitive
    (["hissen", "gehisst", "gehisste"], "hissen"),
])
def test_spellings_of_one_word_share_a_search_form(splitter: CompoundSplitter,
                                                   words: list[str], form: str) -> None:
    assert {search_form(word, splitter) for word in words} == {form}


@pytest.mark.parametrize(("word", "form"), [
    ("Müll", "mull"),  # a singular keeps its umlaut: not the plural of "Mull"...
    ("Bauer", "bauer"),  # ...and a listed noun is no inflection of a shorter one
    ("Küchen", "kuche"),  # the plural of Küche, not Kuchen
])
def test_listed_words_keep_their_meaning(splitter: CompoundSplitter, word: str,
                                         form: str) -> None:
    assert search_form(word, splitter) == form


def test_compounds_stand_for_their_parts_and_open_spellings(splitter: CompoundSplitter) -> None:
    forms = word_forms("Radwegenetz", splitter)
    assert forms[0] == "radwegenetz"
    assert {"rad", "weg", "netz", "radweg", "radwege", "wegenetz"} <= set(forms)
    assert set(word_forms("Radwege-Netz", splitter)) >= {"radwegenetz", "radwege", "netz"}
    assert word_forms("Sportplätze", splitter) == ("sportplatz", "sport", "platz")


def test_document_field_holds_each_form_once(splitter: CompoundSplitter) -> None:
    text = search_forms(["Die Sportplätze, der Sportplatz.", None, "Kızıltepe"], splitter)
    assert text.split() == ["die", "sportplatz", "sport", "platz", "der", "kiziltepe"]
