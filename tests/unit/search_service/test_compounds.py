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
