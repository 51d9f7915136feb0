"""Name keys for comparing speaker mentions across releases (pure).

A printed name is reduced to a :class:`NameKey`: its given names and surname, folded so that
spellings that differ only in diacritics or in how a letter is transliterated compare equal
("Kızıltepe" / "Kiziltepe", "Keküllüoğlu" / "Keküllüoǧlu", "Weiß" / "Weiss"), with titles and
offices before the name ("President", "Dr.") and generational suffixes after it ("Jr.")
dropped, middle initials ignored, and short given names mapped to their full form ("Joe" ->
"joseph") from ``nicknames.txt``. The word lists are data files beside this module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_EXTRA_FOLDS = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "æ": "ae",
                              "œ": "oe", "’": "'", "‘": "'"})
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_INITIAL = re.compile(r"^\w\.?$")
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "zu", "di", "da", "del", "ten", "ter",
                        "du", "la", "le"})


def _words_of(filename: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append(line.casefold().split())
    return rows


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(w for row in _words_of("name_prefixes.txt") for w in row)


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(w for row in _words_of("name_suffixes.txt") for w in row)


@cache
def _nicknames() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _words_of("nicknames.txt"):
        for variant in row[1:]:
            table.setdefault(variant, row[0])
    return table


def fold(text: str) -> str:
    """Case and diacritics folded: ``"Kızıltepe"`` -> ``"kiziltepe"``."""
    text = text.casefold().translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, order=True)
class NameKey:
    """Folded surname and given names of a person's printed name."""

    surname: str
    given: tuple[str, ...]

    @property
    def full(self) -> bool:
        """A given name is known (not a bare surname)."""
        return bool(self.given)

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None


def name_words(name: str) -> list[str]:
    """The words of a printed name without titles, offices, suffixes and middle initials."""
    words = _WORD.findall(name.replace(",", " "))
    while words and words[0].casefold() in _prefixes() and len(words) > 1:
        words.pop(0)
    while words and words[-1].casefold() in _suffixes() and len(words) > 1:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return words


def name_key(name: str) -> NameKey | None:
    """The key of a person's name, or None when nothing name-like is left."""
    words = name_words(name)
    if not words:
        return None
    folded = [fold(w).strip(".") for w in words]
    split = len(words) - 1
    while split > 0 and words[split - 1] in _PARTICLES:  # "von der Leyen" is one surname
        split -= 1
    nick = _nicknames()
    given = tuple(nick.get(w, w) for w in folded[:split])
    return NameKey(surname=" ".join(folded[split:]), given=given)


def plain_key(name: str) -> str:
    """Organisations and documents: the folded name with whitespace collapsed."""
    return " ".join(fold(name).split())
