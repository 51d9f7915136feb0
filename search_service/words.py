"""Finding a text's words mostly in C, with the words of a regular expression.

The word patterns here are letters and digits joined by a few marks ("Radwege-Netz",
"don't"): ``[^\\W_]+(?:[joiners][^\\W_]+)*``. Python's regular expression engine spends
about 280 instructions on each character of such a search (a Unicode category test and
the engine's steps), about 1.4 M for the 5,000 characters of a results page and 1.8 M
for the 25 candidates of a verification.

:class:`WordFinder` first splits the text where no word of the pattern can go on: at
every ASCII character that is neither a letter, a digit nor a joiner, replaced by a space
with one table lookup per byte of its UTF-8. A piece of letters and digits only is then
one word as it is; only the other pieces (with joiners, or punctuation or marks beyond
ASCII) are searched with the pattern. The words are the same as the pattern's: a unit
test checks every short text of a mixed alphabet.
"""

from __future__ import annotations

import re


class WordFinder:
    """The words of ``pattern`` (letters and digits joined by ``joiners``, which are ASCII
    or not), as a set or in order."""

    __slots__ = ("_pattern", "_separators")

    def __init__(self, pattern: re.Pattern[str], joiners: str) -> None:
        self._pattern = pattern
        kept = {ord(joiner) for joiner in joiners if joiner.isascii()}
        # Every ASCII byte that is neither a letter, a digit nor a joiner made a space;
        # the bytes of other characters (0x80 and above in UTF-8) kept.
        self._separators = bytes(
            byte if chr(byte).isalnum() or byte in kept or byte >= 0x80 else 0x20
            for byte in range(256))

    def _pieces(self, text: str) -> bytes:
        return text.encode("utf-8", "surrogatepass").translate(self._separators)

    def distinct(self, text: str) -> set[str]:
        """``set(pattern.findall(text))``."""
        pieces = set(self._pieces(text).split())
        ascii_words = {piece for piece in pieces if piece.isalnum()}
        words = set(b" ".join(ascii_words).decode().split())
        if len(ascii_words) < len(pieces):
            odd: list[str] = []
            rest = b" ".join(pieces - ascii_words).decode("utf-8", "surrogatepass")
            for piece in rest.split(" "):
                if piece.isalnum():
                    words.add(piece)
                else:
                    odd.append(piece)
            if odd:
                words.update(self._pattern.findall(" ".join(odd)))
        return words

    def in_order(self, text: str) -> list[str]:
        """``pattern.findall(text)``."""
        words: list[str] = []
        append, find = words.append, self._pattern.findall
        for piece in self._pieces(text).decode("utf-8", "surrogatepass").split():
            if piece.isalnum():
                append(piece)
            else:
                words.extend(find(piece))
        return words
