from __future__ import annotations

import pytest

from search_service.compounds import CompoundSplitter

LEXICON = frozenset({
    "integration", "konferenz", "plan", "gesellschaft", "zivil", "beirat", "regieren",
    "lande", "land", "senator", "verkehr", "bund", "verfassung", "gericht", "vielfalt",
})


@pytest.fixture()
def splitter() -> CompoundSplitter:
    return CompoundSplitter(LEXICON)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Integrationskonferenz", ("Integration", "Konferenz")),
        ("Integrationsplans", ("Integration", "Plans")),
        ("Zivilgesellschaft", ("Zivil", "Gesellschaft")),
        ("Verkehrssenatorin", ("Verkehr", "Senatorin")),
        ("Bundesverfassungsgericht", ("Bund", "Verfassung", "Gericht")),
    ],
)
def test_compounds_are_split(splitter: CompoundSplitter, word: str,
                             parts: tuple[str, ...]) -> None:
    assert splitter.split(word) == parts


@pytest.mark.parametrize("word", ["Gesellschaften", "Vielfalt", "Senatorin", "Plan", "xyzxyzxyz"])
def test_known_or_unknown_single_words_stay_whole(splitter: CompoundSplitter, word: str) -> None:
    assert splitter.split(word) == ()


def test_text_parts_only_from_nouns(splitter: CompoundSplitter) -> None:
    text = "Die Integrationskonferenz tagte; integrationskonferenz klein bleibt."
    assert splitter.parts_of_text(text) == ["Integration", "Konferenz"]


# A dictionary with nouns (capitalised entries) and singulars (a genitive flag), as
# splitter_for reads them from de_DE.dic.
NOUNS = frozenset({"sport", "platz", "plätze", "fall", "haus", "häuser", "stadt", "netz",
                   "rad", "weg", "roboter", "grund", "ende", "teil", "orts", "konferenz"})
FULL = CompoundSplitter(LEXICON | frozenset({"sport", "platz", "plätze", "fall", "haus",
                                             "häuser", "stadt", "netz", "roboter", "grund",
                                             "mähen", "fällen", "einen", "teil", "orts",
                                             "ende", "teilnehmen"}),
                        NOUNS, frozenset({"sport", "platz", "fall", "haus", "netz", "rad",
                                          "weg", "roboter", "grund", "teil"}))


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Sportplätze", ("Sport", "Plätze")),  # the umlaut plural of a listed noun ends it
        ("Krankheitsfälle", ()),  # ...unless the rest is unknown
        ("Radwegenetz", ("Rad", "Weg", "Netz")),  # short nouns may start a compound
        ("Ortsteil", ("Ort", "Teil")),  # fewer short parts first: not "Ort|steil"
        ("Mährobotern", ("Mäh", "Robotern")),  # a verb stem before a noun
        ("Fällgrund", ("Fäll", "Grund")),
        ("Radwege-Netz", ("Rad", "Weg", "Netz")),  # hyphenated: split as written together
        ("E-Mail", ()),
    ],
)
def test_more_compounds(word: str, parts: tuple[str, ...]) -> None:
    assert FULL.split(word) == parts


def test_no_verb_stem_before_a_vowel_or_a_particle() -> None:
    assert FULL.split("Teilnehmenden") == ()  # not "Teilnehm|enden"
    assert FULL.split("Einteilung") == ()  # not "Ein|teilung"


def test_spans_leave_out_linking_elements() -> None:
    assert FULL.spans("Radwegenetz") == ((0, 3), (3, 6), (7, 11))
    assert FULL.spans("Radwege-Netz") == ()


@pytest.mark.parametrize(("word", "lemma"), [
    ("Sportplätze", "sportplatz"), ("Sportplätzen", "sportplatz"), ("Häusern", "haus"),
    ("Notfälle", "notfall"), ("Platzes", "platz"), ("Konferenzen", "konferenz"),
])
def test_lemma_of_the_last_part(word: str, lemma: str) -> None:
    assert FULL.lemma(word) == lemma
