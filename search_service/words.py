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

For the words in order and where they stand (:meth:`WordFinder.in_order`,
:meth:`WordFinder.bounds`, used by verification), the general punctuation (quotation
marks, dashes) is made spaces too, and one test of the characters beyond ASCII decides
whether every piece is a word. Most quotes pass it; their words are then the pieces, and
where the ``n``-th of them stands is what is left after splitting off ``n`` pieces. Where
a quote has joiners ("it's"), each is made a letter or a space by its neighbours, and
the same holds.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import islice

_ASCII = bytes(range(0x80))


class WordFinder:
    """The words of ``pattern`` (letters and digits joined by ``joiners``, which are ASCII
    or not), as a set or in order."""

    __slots__ = ("_ascii_joiners", "_joiners", "_pattern", "_punctuation", "_separators")

    def __init__(self, pattern: re.Pattern[str], joiners: str) -> None:
        self._pattern = pattern
        self._joiners = joiners
        kept = {ord(joiner) for joiner in joiners if joiner.isascii()}
        self._ascii_joiners = [bytes([byte]) for byte in sorted(kept)]
        # Every ASCII byte that is neither a letter, a digit nor a joiner made a space;
        # the bytes of other characters (0x80 and above in UTF-8) kept.
        self._separators = bytes(
            byte if chr(byte).isalnum() or byte in kept or byte >= 0x80 else 0x20
            for byte in range(256))
        # The punctuation of U+2000-U+203F (spaces, dashes, quotation marks, ellipsis),
        # none of them a letter or a digit, made spaces too unless a joiner: in UTF-8 they
        # are E2 80 80-BF, found with the engine's search for the literal E2 80.
        kept_punctuation = {joiner.encode()[2] for joiner in joiners
                            if "\u2000" <= joiner <= "\u203f"}
        self._punctuation = re.compile(b"\xe2\x80[" + b"".join(
            re.escape(bytes([byte])) for byte in range(0x80, 0xc0)
            if byte not in kept_punctuation) + b"]")

    def _pieces(self, text: str) -> bytes:
        """The text's UTF-8 with the ASCII separators made spaces."""
        return text.encode("utf-8", "surrogatepass").translate(self._separators)

    def _spaced(self, text: str) -> bytes:
        """:meth:`_pieces` with the general punctuation made spaces too. Each character
        replaced is one character again: decoded, the pieces stand where the text's
        characters stand."""
        return self._punctuation.sub(b" ", self._pieces(text))

    def _only_words(self, pieces: bytes) -> bool:
        """Is each of the pieces one word (letters and digits only)? What is left in them
        is ASCII letters and digits, ASCII joiners and the characters beyond ASCII: those
        last are tested, and they are few."""
        if any(joiner in pieces for joiner in self._ascii_joiners):
            return False
        beyond = pieces.translate(None, _ASCII)
        return not beyond or beyond.decode("utf-8", "surrogatepass").isalnum()

    def _joined(self, pieces: bytes) -> str | None:
        """The pieces decoded, each joiner between two letters or digits made a letter and
        every other joiner a space: then each piece is one word, standing where it stands
        in the text. ``None`` where a piece holds anything but letters, digits and
        joiners."""
        beyond = pieces.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        spaced = pieces.decode("utf-8", "surrogatepass")
        for joiner in self._joiners:
            beyond = beyond.replace(joiner, "")
            at = spaced.find(joiner)
            while at >= 0:
                joins = (0 < at < len(spaced) - 1 and spaced[at - 1].isalnum()
                         and spaced[at + 1].isalnum())
                spaced = f"{spaced[:at]}{'a' if joins else ' '}{spaced[at + 1:]}"
                at = spaced.find(joiner, at + 1)
        return spaced if not beyond or beyond.isalnum() else None

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
        spaced = self._spaced(text)
        pieces = spaced.decode("utf-8", "surrogatepass").split()
        if self._only_words(spaced):
            return pieces
        words: list[str] = []
        append, find = words.append, self._pattern.findall
        for piece in pieces:
            if piece.isalnum():
                append(piece)
            else:
                words.extend(find(piece))
        return words

    def bounds(self, text: str, first: int, last: int) -> tuple[int, int]:
        """Where the words ``first`` to ``last`` of ``pattern.finditer(text)`` stand:
        the start of the one, the end of the other."""
        pieces = self._spaced(text)
        spaced = (pieces.decode("utf-8", "surrogatepass") if self._only_words(pieces)
                  else self._joined(pieces))
        if spaced is None:
            found = self._pattern.finditer(text)
            match = next(islice(found, first, None))
            later = deque(islice(found, last - first), maxlen=1)
            return match.start(), (later[0] if later else match).end()
        # Each piece is a word, and only spaces stand between them: what is left after
        # splitting off the words before one starts at it.
        rest = spaced.split(None, first)[first]
        start = len(spaced) - len(rest)
        rest = rest.split(None, last - first)[last - first]
        length = rest.find(" ")
        return start, len(spaced) - len(rest) + (len(rest) if length < 0 else length)
