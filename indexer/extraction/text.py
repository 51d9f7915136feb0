"""Tokens, sentences and clause bounds of release text.

:func:`tokenize` splits text into words (with inner dots, hyphens and apostrophes) and single
punctuation marks, keeping the offsets; a sentence-final dot is a token of its own unless it
belongs to an initial, a title or a known abbreviation. :func:`sentences` is the rough
sentence split the person registry scans; :func:`clause_start`, :func:`clause_end` and
:func:`sentence_end` find the bounds of the clause around an attribution cue or reported
speech, and :func:`strip_span` trims a span to its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.extraction.lexicon import ABBREVIATIONS, DOTTED_ABBREVIATIONS, TITLES

_TOKEN = re.compile(r"[\w][\w'’.\-]*|\S")
# Memo size of the per-word predicates (words repeat a lot within and across releases).
WORD_CACHE = 1 << 14


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (with inner dots, hyphens and apostrophes) and single punctuation marks."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        start = offset + match.start()
        end = start + len(word)
        # "Klose." at the end of a sentence: keep the dot separate unless it is an initial
        # or a known abbreviation.
        if word[-1] == "." and _splits_final_dot(word):
            append(Token(word[:-1], start, end - 1))
            append(Token(".", end - 1, end))
            continue
        append(Token(word, start, end))
    return tokens


@lru_cache(maxsize=WORD_CACHE)
def _splits_final_dot(word: str) -> bool:
    """Whether the final dot of ``word`` (which ends with one) is a separate token."""
    return (
        len(word) > 1
        and not is_initial(word)
        and word not in TITLES
        and word not in DOTTED_ABBREVIATIONS
    )


def is_initial(word: str) -> bool:
    """``A.``: one ASCII capital and a dot (what ``^[A-Z]\\.$`` matches in a token)."""
    return len(word) == 2 and word[1] == "." and "A" <= word[0] <= "Z"


def token_texts(text: str) -> list[str]:
    """The texts of :func:`tokenize` (without building tokens)."""
    words: list[str] = []
    append = words.append
    for word in _TOKEN.findall(text):
        if word[-1] == "." and _splits_final_dot(word):
            append(word[:-1])
            append(".")
        else:
            append(word)
    return words


def token_starts(text: str, words: list[str]) -> list[int]:
    """Offsets in ``text`` of its token texts ``words`` (from :func:`token_texts`). Only
    whitespace separates tokens, so each one is the next occurrence of its text."""
    starts: list[int] = []
    position = 0
    find = text.find
    for word in words:
        position = find(word, position)
        starts.append(position)
        position += len(word)
    return starts


def span_tokens(words: list[str], starts: list[int], first: int, last: int) -> tuple[Token, ...]:
    """The tokens ``first`` to ``last`` (inclusive), from their texts and offsets."""
    return tuple(
        Token(words[x], starts[x], starts[x] + len(words[x])) for x in range(first, last + 1)
    )


_SENTENCE_BREAK = re.compile(r"(?<=[.!?:“”\"])\s+(?=[A-ZÄÖÜ„“\"])|\n+")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\b\d{1,2}|Dr|Prof|Nr|St|Jr|Mr|Ms|Mrs|bzw|ca|z\.B)\.$")


def sentences(text: str) -> list[tuple[int, str]]:
    """Rough sentence split for scanning (offsets kept)."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[max(0, match.start() - 5) : match.start()]
        if _ABBREVIATION_END.search(before):
            continue
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


# A stretch in quotation marks: set aside where only the reporter's own words count.
QUOTED = re.compile(r"[„“”\"»«][^„“”\"»«]*[„“”\"»«]")
_BULLET = re.compile(r"(?<=[.!?“”\"])\s+[-–•]\s+(?=\S)")


def sentence_spans(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``body[lo:hi]`` (see :func:`sentences`); list
    items run together on one line (``… spending.” - The …``) are sentences of their own."""
    spans: list[tuple[int, int]] = []
    for offset, text in sentences(body[lo:hi]):
        start = lo + offset
        end = start + len(text.rstrip())
        for bullet in _BULLET.finditer(body, start, end):
            spans.append((start, bullet.start()))
            start = bullet.end()
        spans.append((start, end))
    return spans


def clause_end(body: str, pos: int, hi: int, limit: int = 250) -> int:
    """End of the clause starting at ``pos``: the next sentence mark, quote or line break."""
    stop = min(hi, pos + limit)
    i = pos
    while i < stop:
        ch = body[i]
        if ch in '!?;\n„“”"»«':
            return i
        if ch == ":" and i > pos:
            return i
        if ch == ".":
            word = re.search(r"(\w+)$", body[max(pos, i - 12) : i])
            w = word.group(1) if word else ""
            if len(w) == 1 or w in ABBREVIATIONS or w.isdigit():
                i += 1
                continue
            return i
        i += 1
    return stop


def clause_start(body: str, pos: int, lo: int, limit: int = 300) -> int:
    """Start of the sentence that ends at ``pos`` (scanning back to a sentence mark)."""
    stop = max(lo, pos - limit)
    i = pos - 1
    while i >= stop:
        ch = body[i]
        if ch in "!?;\n":
            return i + 1
        if ch in '„“”"»«':
            # the attribution of this quote does not reach into a previous quote
            return i + 1
        if ch == ".":
            word = re.search(r"(\w+)$", body[max(lo, i - 12) : i])
            w = word.group(1) if word else ""
            if not (len(w) == 1 or w in ABBREVIATIONS or w.isdigit()):
                return i + 1
        i -= 1
    return stop


def strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    """``body[start:end]`` without surrounding whitespace, leading dashes and commas and
    trailing punctuation (a full stop of an abbreviation stays)."""
    while start < end and (body[start].isspace() or body[start] in ",–—-"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",.:;"):
        if body[end - 1] == "." and re.search(
            r"(?:\b\w|Jr|Sr|Dr)\.$", body[max(start, end - 3) : end]
        ):
            break  # "e.V.", "Jr.": the full stop belongs to the abbreviation
        end -= 1
    return start, end


def sentence_end(body: str, pos: int, hi: int) -> int:
    """End of the sentence running from ``pos`` (before its final mark), at most ``hi``."""
    i = pos
    while i < hi:
        ch = body[i]
        if ch in "!?\n":
            return i
        if ch == "." and (i + 1 >= hi or body[i + 1].isspace()):
            word = re.search(r"(\w+)$", body[max(pos, i - 12) : i])
            w = word.group(1) if word else ""
            if not (len(w) == 1 or w in ABBREVIATIONS or w.isdigit()):
                return i
        i += 1
    return hi
