"""Spelling-tolerant word forms, computed in Python at index and at query time.

The server core has no ``asciifolding`` or ``german_normalization`` filter (they live in
the ``analysis-common`` module the test distribution lacks); the Hunspell dictionary lists
umlaut plurals ("Plätze", "Städte") as words of their own, and it does not know compounds
at all, so Elasticsearch's stemming leaves "Sportplätze" as it is. So every word of a
document also gets a *search form*, in the ``folded`` field, and a query word is turned
into its search form the same way:

1. :meth:`CompoundSplitter.lemma` undoes the inflection of the word's last part where
   the dictionary shows how ("Sportplätze" -> "sportplatz", "Notfälle" -> "notfall",
   "Rathäusern" -> "rathaus", "Hauptstädte" -> "hauptstadt");
2. :func:`fold` spells it in lowercase ASCII ("Kızıltepe" -> "kiziltepe", "Łódź" ->
   "lodz") with the German normalisation of Lucene's ``GermanNormalizationFilter``:
   "ß" -> "ss", "ä/ö/ü" and "ae/oe/ue" -> "a/o/u" ("ue" kept after a vowel or "q":
   "Feuer", "Quelle"). "Müller", "Mueller" and "Muller" all become "muller".

A compound also stands for its parts and for neighbouring parts (:func:`word_forms`),
and a hyphenated compound for the word written together: "Radwege-Netz" and
"Radwegenetz" share "radwegenetz", and "radwege" and "netz" are among the forms of both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from search_service.compounds import CompoundSplitter

# Letters NFKD does not take apart into an ASCII letter and a combining mark.
_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
    "ħ": "h", "ı": "i", "ŀ": "l", "ł": "l", "ŋ": "n", "ŧ": "t", "ƒ": "f", "ə": "e",
    "ǝ": "e", "ĸ": "k",
})
# A word (letters or digits) with hyphen-joined pieces: "Radwege-Netz", "E-Mail".
WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


def fold(word: str) -> str:
    """Lowercase ASCII spelling with German normalisation (see the module docstring)."""
    lower = word.lower().translate(_SPECIAL)
    if not lower.isascii():
        lower = "".join(ch for ch in unicodedata.normalize("NFKD", lower)
                        if not unicodedata.combining(ch))
    return _german_normalization(lower)


def _german_normalization(word: str) -> str:
    """"ae", "oe" -> "a", "o"; "ue" -> "u" unless after a vowel or "q" (Lucene's FSM)."""
    out: list[str] = []
    state = "n"  # n: ordinary, v: after a vowel (u stays), u: umlaut state (e is dropped)
    for ch in word:
        if ch in "ao":
            state = "u"
        elif ch == "u":
            state = "u" if state == "n" else "v"
        elif ch == "e":
            if state == "u":
                state = "v"
                continue
            state = "v"
        elif ch in "iqy":
            state = "v"
        else:
            state = "n"
        out.append(ch)
    return "".join(out)


def search_form(word: str, splitter: CompoundSplitter) -> str:
    """The form of one word in the ``folded`` field: its :meth:`~CompoundSplitter.lemma`,
    folded; a hyphenated word is written together first ("Radwege-Netz" -> "radwegenetz")."""
    joined = word.replace("-", "")
    return fold(splitter.lemma(joined[:1] + joined[1:].lower()))


@lru_cache(maxsize=50_000)
def word_forms(word: str, splitter: CompoundSplitter) -> tuple[str, ...]:
    """The forms one printed word stands for: :func:`search_form` of the word, of the pieces
    of a hyphenated compound, of its compound parts and of each two neighbouring parts as
    printed, with and without the linking element ("Radwegenetz" -> "radweg", "radwege",
    "wegenetz"), so that a hyphenated, open or partial spelling finds the compound."""
    forms = [search_form(word, splitter)]
    pieces = word.split("-")
    if len(pieces) > 1:
        forms.extend(search_form(piece, splitter) for piece in pieces)
    joined = "".join(pieces)
    if joined[:1].isupper() and joined.isalpha():
        joined = joined[:1] + joined[1:].lower()
        parts = splitter.split(joined)
        forms.extend(search_form(part, splitter) for part in parts)
        starts = [start for start, _ in splitter.spans(joined)]
        for i, start in enumerate(starts[:-1]):
            # "Bundes" + "verfassung" (the next part without its linking element) and
            # "Radwege" (up to the part after the next, as printed)
            forms.append(search_form(joined[start:starts[i + 1]] + parts[i + 1].lower(),
                                     splitter))
            after = starts[i + 2] if i + 2 < len(starts) else len(joined)
            forms.append(search_form(joined[start:after], splitter))
    return tuple(dict.fromkeys(f for f in forms if f))


def search_forms(texts: Iterable[str | None], splitter: CompoundSplitter) -> str:
    """The ``folded`` field of a document: every distinct form of :func:`word_forms` over
    the words of ``texts``, in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in WORD_RE.finditer(text or ""):
            for form in word_forms(match.group(), splitter):
                seen.setdefault(form, None)
    return " ".join(seen)
