"""Words found mostly in C (WordFinder) are exactly the words of their pattern."""

from __future__ import annotations

import re

import pytest

from search_service.folding import WORD_RE
from search_service.words import WordFinder

APOSTROPHE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # verification's words

FINDERS = [(WORD_RE, "-"), (APOSTROPHE_WORD, "'’")]


@pytest.mark.parametrize(("pattern", "joiners"), FINDERS)
def test_every_short_text_splits_into_the_patterns_words(pattern: re.Pattern[str],
                                                         joiners: str) -> None:
    """Every text of up to five characters of letters and digits (ASCII and not), both
    joiners of each pattern, underscores, ASCII and other punctuation and spaces, a
    combining mark and a lone surrogate."""
    finder = WordFinder(pattern, joiners)
    alphabet = "aß9-'’_ ,İ\u0307\xa0„\ud800"
    texts = [""]
    for _ in range(5):
        texts = [text + char for text in texts for char in alphabet]
        for text in texts:
            assert finder.in_order(text) == pattern.findall(text), repr(text)
            assert finder.distinct(text) == set(pattern.findall(text)), repr(text)
            spans = [m.span() for m in pattern.finditer(text)]
            for first, (start, _) in enumerate(spans):
                for last in range(first, len(spans)):
                    assert finder.bounds(text, first, last) == (start, spans[last][1]), (
                        repr(text), first, last)


@pytest.mark.parametrize(("pattern", "joiners"), FINDERS)
def test_real_text(pattern: re.Pattern[str], joiners: str) -> None:
    text = ("Die Sozialminister-Konferenz („SMK“) tagt am 3.\xa0Mai in Saarbrücken -- "
            "Erweiterungs- und Ergänzungsbau, E-Mail: info_smk@example.org; "
            "Kızıltepe/İzmir ²2 naïve-Ansätze -Konferenz, it's O’Neill's day")
    finder = WordFinder(pattern, joiners)
    assert finder.in_order(text) == pattern.findall(text)
    assert finder.distinct(text) == set(pattern.findall(text))
    spans = [m.span() for m in pattern.finditer(text)]
    assert [finder.bounds(text, at, at) for at in range(len(spans))] == spans
    assert finder.bounds(text, 3, len(spans) - 2) == (spans[3][0], spans[-2][1])
    assert {"Sozialminister-Konferenz", "Saarbrücken", "E-Mail", "naïve-Ansätze"} <= (
        WordFinder(WORD_RE, "-").distinct(text))
    assert "O’Neill's" in WordFinder(APOSTROPHE_WORD, "'’").in_order(text)
