"""Marking the words a search found beyond those Elasticsearch's highlighter marks.

Elasticsearch marks what its highlighter sees: the words as the text fields match them
(stemmed) and phrases. A search also finds words through their search forms (umlaut
plurals, hyphenated spellings, diacritics), as compound parts and within a few edits
(:mod:`search_service.queries`). Marking those in Elasticsearch would take ``regexp`` and
``fuzzy`` queries in the highlight query, which the highlighter compiles for every hit
and field - measured on the bench corpus, 5 to 200 ms more per search. So they are marked
here, with the same forms the search used (:mod:`search_service.folding`), in the
fragments Elasticsearch returned - or, where it returned none for a field, in a fragment
cut here - and escaped exactly as Elasticsearch's ``html`` encoder escapes.

"konferenz" marks "Integrationskonferenz", "Sportplatz" marks "Sportplätze",
"Kiziltepe" marks "Kızıltepe", "Radwegenetz" marks "Radwege-Netz", "Giffei" marks
"Giffey".
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.folding import WORD_RE, word_forms
from search_service.fulltext import parse_text
from search_service.highlights import MARK_CLOSE, MARK_OPEN, pieces
from search_service.queries import fuzziness
from search_service.words import WordFinder

# What the html encoder of Elasticsearch's highlighter escapes (Lucene SimpleHTMLEncoder),
# "&" first. Chained replaces: several times faster than str.translate with a table.
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"),
            ("/", "&#x2F;"))


def _escaped(text: str) -> str:
    for character, entity in _ESCAPES:
        if character in text:
            text = text.replace(character, entity)
    return text

Range = tuple[int, int]

# The words of WORD_RE, found mostly in C.
_WORDS = WordFinder(WORD_RE, "-")


@dataclass(frozen=True)
class Field:
    """A highlighted field: ``whole`` (the whole text, ``number_of_fragments: 0``) or cut
    into up to ``count`` fragments of about ``size`` characters."""

    name: str
    whole: bool = True
    size: int = 0
    count: int = 0


@dataclass(frozen=True)
class Marker:
    """The search forms of a search's positive words (phrases are marked by Elasticsearch)."""

    splitter: CompoundSplitter
    words: frozenset[str]  # of the words themselves
    pieces: frozenset[str]  # of the parts of compounds (four letters or more)
    near: tuple[tuple[str, int], ...]  # typo-tolerant words: (form, edits)
    # Each printed word's answer (:meth:`_decide`), once per search, and those marked.
    _answers: dict[str, bool | tuple[Range, ...]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)
    _marked: set[str] = dataclasses.field(default_factory=set, compare=False, repr=False)

    @classmethod
    def of(cls, text: str, splitter: CompoundSplitter, *,
           near: bool = True) -> Marker | None:
        """The marker for a search for ``text``; ``near``: it matched near spellings."""
        words: set[str] = set()
        pieces: set[str] = set()
        spellings: list[tuple[str, int]] = []
        for group in parse_text(text).groups:
            for term in group:
                if term.phrase:
                    continue
                forms = word_forms(term.text[:1].upper() + term.text[1:], splitter)
                if not forms:
                    continue
                words.add(forms[0])
                pieces.update(form for form in forms[1:] if len(form) >= 4)
                if near and (edits := fuzziness(term.text, splitter)):
                    spellings.append((forms[0], edits))
        if not words:
            return None
        return cls(splitter, frozenset(words), frozenset(pieces), tuple(spellings))

    @cached_property
    def _found(self) -> frozenset[str]:
        return self.words | self.pieces

    def matches(self, word: str) -> bool:
        """Did the search find ``word`` (as printed)?"""
        forms = word_forms(word, self.splitter)
        if not forms:
            return False
        # Its search form, a part of a compound searched for, or a compound with a word
        # (or a part) searched for as its part.
        if not self._found.isdisjoint(forms):
            return True
        if not self.near:
            return False
        own = forms[0]
        return any(_near(own, form, edits) for form, edits in self.near)

    def _decide(self, word: str) -> bool | tuple[Range, ...]:
        """What to mark of ``word``: all of it (``True``), nothing (``False``), or (of a
        hyphenated word) the ranges of its matching pieces, from the word's start."""
        if "-" not in word:
            return self.matches(word)
        joined = word_forms(word, self.splitter)
        if joined and joined[0] in self.words:
            return True
        pieces: list[Range] = []
        at = 0
        for piece in word.split("-"):
            if piece and self.matches(piece):
                pieces.append((at, at + len(piece)))
            at += len(piece) + 1
        return tuple(pieces) or False

    def _decide_all(self, new: Iterable[str]) -> None:
        """Decide words not seen before in this search (hyphenated words, and every word
        of a search with near spellings)."""
        answers, marked = self._answers, self._marked
        for word in new:
            answer = self._decide(word)
            if answer is not False:
                marked.add(word)
            answers[word] = answer

    def ranges(self, text: str) -> list[Range]:
        """The words of ``text`` to mark, in order (:meth:`found_in` for one text)."""
        return _ranges(text, self.found_in((text,)))

    def found_in(self, texts: Iterable[str]) -> dict[str, tuple[Range, ...]]:
        """The printed words of ``texts`` to mark, each with what to mark of it from its
        start: of a hyphenated word the whole if its form (written together) was searched
        for, else the pieces that match ("Notfall-Infoblatt").

        A page's texts are read together (the words of all of them at once): the
        words found in each of them are then the words found in the page that stand in
        it as whole words (:func:`_ranges`). A word without a hyphen, in a
        search without near spellings, is marked when one of its forms was searched for:
        the words printed with those forms come from :class:`_PrintedWords`, and the
        page's words are intersected with them, in C. The others are decided once per
        search (a search's pages repeat most words)."""
        joined = "\n".join(texts)
        printed = _WORDS.distinct(joined)
        if self.near:
            decided = printed
        else:
            decided = {word for word in printed if "-" in word} if "-" in joined else set()
        new = decided.difference(self._answers)
        if new:
            self._decide_all(new)
        chosen = decided.intersection(self._marked)
        if len(decided) < len(printed):
            plain = printed - decided if decided else printed
            chosen.update(plain.intersection(
                _printed_words(self.splitter).with_forms(self._found, plain)))
        answers = self._answers
        found: dict[str, tuple[Range, ...]] = {}
        for word in chosen:
            answer = answers.get(word, True)
            found[word] = answer if isinstance(answer, tuple) else ((0, len(word)),)
        return found


def _ranges(text: str, found: dict[str, tuple[Range, ...]]) -> list[Range]:
    """The ranges of ``text`` to mark of the words ``found`` (:meth:`Marker.found_in` of
    texts that include it), in order. A word found elsewhere in the page is not marked
    here unless it stands in ``text`` as a whole word - where it is one of ``text``'s own
    printed words: a match of ``WORD_RE`` ends only where no letter, digit or hyphen
    with one beyond it continues it, which is what :func:`_occurrences` checks."""
    out: list[Range] = []
    for word, marked in found.items():
        if word in text:
            for start in _occurrences(text, word):
                out.extend((start + a, start + b) for a, b in marked)
    out.sort()
    return out


class _PrintedWords:
    """Printed words by the search forms they stand for (:func:`word_forms`), kept
    across searches: which of a text's words a search found is then the intersection of
    its words with those of the searched forms, one set operation instead of a decision
    per word (a page brings about 175 distinct words).

    Shared by a worker's threads without a lock: a word is added to ``seen`` only after
    it has been added under each of its forms (``setdefault`` and ``add`` are single
    operations under the GIL), so a word in ``seen`` is always found under its forms; a
    word two threads add at once is listed twice, which the union of a search's forms
    absorbs. Each form lists its words in a list, not a set: most forms have one word,
    and a list of one takes a third of a set's memory (at the limit of 50,000 words,
    about 15 MB a worker)."""

    __slots__ = ("by_form", "seen", "splitter")

    def __init__(self, splitter: CompoundSplitter) -> None:
        self.splitter = splitter
        self.by_form: dict[str, list[str]] = {}
        self.seen: set[str] = set()

    def with_forms(self, forms: frozenset[str], printed: set[str]) -> set[str]:
        """The words printed with any of ``forms``, ``printed`` added first."""
        new = printed.difference(self.seen)
        if new:
            by_form, splitter = self.by_form, self.splitter
            for word in new:
                for form in word_forms(word, splitter):
                    by_form.setdefault(form, []).append(word)
            self.seen.update(new)
        found = [words for form in forms if (words := self.by_form.get(form))]
        return set().union(*found)


# At most this many words are kept per splitter; then the words start anew (a new object,
# so a call holding the old one finishes with it).
_KEPT_WORDS = 50_000
_PRINTED: weakref.WeakKeyDictionary[CompoundSplitter, _PrintedWords] = (
    weakref.WeakKeyDictionary())


def _printed_words(splitter: CompoundSplitter) -> _PrintedWords:
    kept = _PRINTED.get(splitter)
    if kept is None or len(kept.seen) > _KEPT_WORDS:
        kept = _PRINTED[splitter] = _PrintedWords(splitter)
    return kept


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text`` as a whole word of :data:`WORD_RE`: continued on
    neither side by a letter or digit, nor by a hyphen with one beyond it (not inside a
    longer word, nor a piece of a hyphenated one). The edges are tested inline: a page
    tests a few hundred."""
    starts: list[int] = []
    size, length = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        end = at + size
        if not (at and (text[at - 1].isalnum() or (
                text[at - 1] == "-" and at > 1 and text[at - 2].isalnum()))) and not (
                end < length and (text[end].isalnum() or (
                    text[end] == "-" and end + 1 < length and text[end + 1].isalnum()))):
            starts.append(at)
        at = text.find(word, at + 1)
    return starts


def _near(word: str, form: str, edits: int) -> bool:
    """Within ``edits`` (Damerau) edits, the first letter the same - as the fuzzy query."""
    if word[:1] != form[:1] or abs(len(word) - len(form)) > edits:
        return False
    previous2: list[int] = []
    previous = list(range(len(form) + 1))
    for i, a in enumerate(word, 1):
        row = [i]
        for j, b in enumerate(form, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == form[j - 2] and word[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        if min(row) > edits:
            return False
        previous2, previous = previous, row
    return previous[-1] <= edits


def render(text: str, ranges: Iterable[Range]) -> str:
    """``text`` escaped like Elasticsearch does, ``ranges`` in ``<mark>``."""
    out: list[str] = []
    last = 0
    for start, end in _merged(ranges):
        out.extend([_escaped(text[last:start]), MARK_OPEN, _escaped(text[start:end]),
                    MARK_CLOSE])
        last = end
    out.append(_escaped(text[last:]))
    return "".join(out)


def _merged(ranges: Iterable[Range]) -> list[Range]:
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _parsed(fragment: str) -> tuple[str, list[Range]]:
    """A highlighted fragment as its plain text and the ranges marked in it."""
    text, ranges, at = [], [], 0
    for piece, marked in pieces(fragment):
        if marked:
            ranges.append((at, at + len(piece)))
        text.append(piece)
        at += len(piece)
    return "".join(text), ranges


def _already_marked(fragment: str, text: str, ranges: list[Range]) -> bool:
    """Is ``fragment`` (Elasticsearch's ``text`` whole, marked) already what :func:`_whole`
    makes of it with ``ranges`` added? So it is when ``text`` has nothing to escape, the
    fragment is ``text`` with marks, none empty and none touching the next (which
    :func:`render` would merge), and each of ``ranges`` is one of them - as on most
    hits, where the words marked here are the ones Elasticsearch marked. Reading the
    fragment's marks costs a fraction of parsing and rendering it again."""
    for character, _ in _ESCAPES:
        if character in text:
            return False
    first, *rest = fragment.split(MARK_OPEN)
    at, end = len(first), -1
    marked = set()
    for chunk in rest:
        inside, close, after = chunk.partition(MARK_CLOSE)
        if not inside or not close or at == end:
            return False
        end = at + len(inside)
        marked.add((at, end))
        at = end + len(after)
    if not marked or at != len(text):
        return False
    for mark in ranges:
        if mark not in marked:
            return False
    return fragment.replace(MARK_OPEN, "").replace(MARK_CLOSE, "") == text


def _whole(text: str, found: Sequence[str], words: dict[str, tuple[Range, ...]]
           ) -> list[str] | None:
    ranges = _ranges(text, words)
    if len(found) == 1 and _already_marked(found[0], text, ranges):
        return [found[0]]
    for fragment in found:
        plain, marked = _parsed(fragment)
        if plain == text:
            ranges.extend(marked)
    return [render(text, ranges)] if ranges else None


def _cut(text: str, field: Field, words: dict[str, tuple[Range, ...]]) -> list[str] | None:
    """Elasticsearch found nothing to mark in the field: a fragment around the first word
    marked here, cut at spaces."""
    ranges = _ranges(text, words)
    if not ranges:
        return None
    start = max(0, ranges[0][0] - field.size // 3)
    if start:
        space = text.find(" ", start, ranges[0][0])
        start = space + 1 if space >= 0 else ranges[0][0]
    end = min(len(text), start + field.size)
    if end < len(text):
        space = text.rfind(" ", ranges[0][1], end)
        end = space if space >= 0 else max(end, ranges[0][1])
    piece = text[start:end]
    return [render(piece, [(a - start, b - start) for a, b in ranges
                           if a >= start and b <= end])]


def mark_hits(hits: Iterable[dict[str, Any]], marker: Marker | None,
              fields: Sequence[Field]) -> None:
    """Add the marks of ``marker`` to the ``highlight`` of each hit, in place: one entry
    per field in ``fields`` (the ``.exact`` sub-field's fragments merged into it). The
    words to mark are found in all of the page's texts at once (:meth:`Marker.found_in`)."""
    if marker is None:
        return
    # The page's texts to mark: a field's whole text, or the fragments Elasticsearch
    # returned for it (plain, with their marks), or the text to cut a fragment from.
    work: list[tuple[dict[str, Any], Field, str, list[tuple[str, list[Range]]] | None]] = []
    texts: list[str] = []
    for hit in hits:
        highlight: dict[str, Any] = hit.setdefault("highlight", {})
        source = hit.get("_source") or {}
        for field in fields:
            text = source.get(field.name)
            if not isinstance(text, str) or not text:
                continue
            own, exact = highlight.get(field.name), highlight.get(f"{field.name}.exact")
            if not field.whole and (own or exact):
                parsed = [_parsed(fragment) for fragment in own or exact or ()]
                texts.extend(plain for plain, _ in parsed)
                work.append((highlight, field, text, parsed))
            else:
                texts.append(text)
                work.append((highlight, field, text, None))
    words = marker.found_in(texts)
    for highlight, field, text, fragments in work:
        name = field.name
        if field.whole:
            marked = _whole(text, [*(highlight.get(name) or ()),
                                   *(highlight.get(f"{name}.exact") or ())], words)
        elif fragments is not None:
            marked = [render(plain, [*ranges, *_ranges(plain, words)])
                      for plain, ranges in fragments]
        else:
            marked = _cut(text, field, words)
        if marked:
            highlight[name] = marked
            highlight.pop(f"{name}.exact", None)
