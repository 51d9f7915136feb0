"""Organisations and documents as sources of reported speech, and the phrases naming them.

``laut Polizei``, ``einer Studie des DIW zufolge``, ``Der Bericht kommt zu dem Ergebnis,
dass …``, ``the Treasury Department found that …``: the source is an organisation or a
document, and it is recorded as such (speaker type ``organisation`` / ``document``), never
as a guessed person. A noun phrase is one when its head noun ends with a head listed in
``lexicon/source_heads.<language>.txt`` (so compounds count: ``Polizeibericht``,
``Machbarkeitsstudie``) or is an acronym (``DIW``, ``USDA``).

The publisher's own voice is not reported speech: ``Das Bezirksamt bittet …`` in a release of
a Bezirksamt, ``aus Sicht des Beirates`` in one of the Landestierschutzbeirat, ``laut Polizei``
in one of the Polizeipräsident, ``the White House`` or ``the Administration`` in a White House
release (:func:`is_publisher_voice`).
"""

from __future__ import annotations

import re
from functools import cache

from indexer.extraction.lexicon import ARTICLES, lines, words
from indexer.extraction.records import SpeakerType

_WORD = re.compile(r"[\w][\w.'’&\-]*")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,6}$")
_DETERMINERS = frozenset(ARTICLES) | frozenset(words("np_determiners.txt"))
_ATTACHMENTS = frozenset(words("np_attachments.txt"))
_NOT_HEADS = frozenset({"insgesamt", "allesamt", "gesamt", "samt", "daten"})
_PUBLISHER_VOICE_EN = re.compile(r"\b(?:white house|administration|federal government)\b",
                                 re.IGNORECASE)


@cache
def _heads(language: str) -> dict[str, SpeakerType]:
    table: dict[str, SpeakerType] = {}
    section: SpeakerType = "organisation"
    for line in lines(f"source_heads.{language}.txt"):
        if line == "[organisation]":
            section = "organisation"
        elif line == "[document]":
            section = "document"
        else:
            for word in line.split():
                table[word] = section
    return table


def _suffixes(language: str) -> tuple[tuple[str, SpeakerType], ...]:
    return tuple(sorted(_heads(language).items(), key=lambda item: -len(item[0])))


def head_type(word: str, language: str = "de") -> SpeakerType | None:
    """``organisation`` / ``document`` when ``word`` heads such a phrase, else None."""
    found = _head_key(word, language)
    return found[1] if found else None


def _head_key(word: str, language: str) -> tuple[str, SpeakerType] | None:
    """The listed head that ``word`` ends with (``Beirates`` -> ``beirat``), and its type."""
    if _ACRONYM.match(word):
        return word.lower(), "organisation"
    lower = word.lower().strip(".,")
    if lower in _NOT_HEADS:
        return None
    forms = [lower]
    for ending in ("es", "en", "s", "n", "e"):  # Berichtes, Berichten, Berichts, Berichte
        if lower.endswith(ending) and len(lower) > len(ending) + 3:
            forms.append(lower[:-len(ending)])
    for form in forms:
        for suffix, kind in _suffixes(language):
            if form.endswith(suffix) and (language == "de" or form == suffix):
                return suffix, kind
    return None


def classify(phrase: str, language: str = "de") -> tuple[SpeakerType, str] | None:
    """The source type and name of a noun phrase (``einer Studie des DIW`` -> document,
    ``Studie des DIW``), or None when it names no organisation or document."""
    words = _WORD.findall(phrase)
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if not words or len(words) > 10:
        return None
    for i, word in enumerate(words):  # a verb or preposition inside: a clause, not a name
        lower = word.lower()
        adjective = lower.endswith(("e", "en", "er", "es", "em")) and i + 1 < len(words) \
            and words[i + 1][:1].isupper()
        if word.islower() and lower not in _DETERMINERS and lower not in _ATTACHMENTS and \
                lower not in {"und", "and"} and not adjective \
                and not (language == "en" and head_type(word, language)):
            return None
    head = _head(words, language)
    kind = head_type(head, language)
    if kind is None:
        return None
    start = phrase.find(words[0])
    end = phrase.rfind(words[-1]) + len(words[-1])
    return kind, phrase[start:end].strip(" ,.;:")


def _head(words: list[str], language: str) -> str:
    """The head noun: before a genitive or prepositional attachment, the last word that
    names a source ("analysis" in "new analysis from the Treasury", "Amt" in "Amt für
    Weiterbildung und Kultur"), else the last capitalised one."""
    head_index = 0
    named: int | None = None
    for i, word in enumerate(words):
        if word.lower() in _ATTACHMENTS and i > 0:
            break
        if word[:1].isupper() or (word[:1].isdigit() and not word.isdigit()):
            head_index = i
        if head_type(word, language) is not None and (word[:1].isupper() or language == "en"):
            named = i
    return words[named if named is not None else head_index]


def is_publisher_voice(name: str, publisher: str | None, language: str = "de") -> bool:
    """The phrase names the publisher itself (or, in English, the White House)."""
    if language == "en" and _PUBLISHER_VOICE_EN.search(name):
        return True
    if not publisher:
        return False
    words = [w for w in _WORD.findall(name) if w.lower() not in _DETERMINERS]
    if not words:
        return False
    head = _head(words, language)
    lowered = publisher.lower()
    key = _head_key(head, language)
    return head.lower() in lowered or lowered.split()[0] in name.lower() or (
        key is not None and key[0] in lowered)


def noun_phrase_after(text: str, pos: int, limit: int = 90) -> tuple[int, int]:
    """The span of the noun phrase starting at ``pos`` (``einer Studie des DIW``,
    ``Polizei``, ``Herrmann Josef Pohlmann von der Senatsverwaltung``)."""
    i = pos
    end = pos
    stop = min(len(text), pos + limit)
    previous = ""
    for match in _WORD.finditer(text, pos, stop):
        gap = text[i:match.start()]
        if any(ch in gap for ch in ",;:!?()„“”\"") or ". " in gap:
            break
        word = match.group()
        lower = word.lower()
        capital = word[:1].isupper() or word[:1].isdigit()
        adjective = (lower.endswith(("e", "en", "er", "es", "em")) and word.islower()
                     and (previous.lower() in _DETERMINERS or previous == "adj"))
        if capital or lower in _DETERMINERS or adjective or (lower in _ATTACHMENTS and capital_seen(
                text, pos, match.start())):
            end = match.end()
            previous = "adj" if adjective else word
            i = match.end()
            continue
        break
    while end > pos and text[end - 1] in ".,":
        end -= 1
    return pos, end


def capital_seen(text: str, start: int, end: int) -> bool:
    return any(w[:1].isupper() for w in _WORD.findall(text[start:end]))


def noun_phrase_before(text: str, pos: int, limit: int = 90) -> tuple[int, int]:
    """The span of the noun phrase that ends at ``pos`` (before ``zufolge``): capitalised
    words, determiners and attachments, and adjectives right after a determiner."""
    lo = max(0, pos - limit)
    words = list(_WORD.finditer(text, lo, pos))
    start = pos
    k = len(words) - 1
    while k >= 0:
        match = words[k]
        if any(ch in text[match.end():start] for ch in ",;:!?()„“”\".") and start != pos:
            break
        word = match.group()
        lower = word.lower()
        if word[:1].isupper() or word[:1].isdigit() or lower in _DETERMINERS or \
                lower in _ATTACHMENTS:
            start = match.start()
            k -= 1
            continue
        if word.islower() and lower.endswith(("en", "er", "e", "es", "em")) and k > 0 and \
                words[k - 1].group().lower() in _DETERMINERS:
            start = match.start()
            k -= 1
            continue
        break
    for match in _WORD.finditer(text, start, pos):  # start on a capital or a determiner
        word = match.group()
        if word[:1].isupper() or word.lower() in _DETERMINERS:
            return match.start(), pos
    return pos, pos
