"""Finding a text's words mostly in C, with the words of a regular expression.

The word patterns here are letters and digits joined by a few marks ("Radwege-Netz",
"don't"): ``[^\\W_]+(?:[joiners][^\\W_]+)*``. Python's regular expression engine spends
about 280 instructions on each character of such a search (a Unicode category test and
the engine's steps), about 1.4 M for the 5,000 characters of a results page and 1.8 M
for the 25 candidates of a verification.

:class:`WordFinder` first splits the text where no word of the pattern can go on: at
every ASCII character that is neither a letter, a digit nor a joiner (one table lookup
per byte of its UTF-8), at the general punctuation (U+2000-U+203F: quotation marks,
dashes) and at no-break spaces, each made a space. Then one test of the characters
beyond ASCII, which are few, decides whether every piece is a word; a joiner is kept
where it stands between two letters or digits and made a space elsewhere. Most pages and
quotes pass it, and their words are the pieces: as a set, in order, or where the
``n``-th of them stands (what is left after splitting off ``n`` pieces). Only the others
search their odd pieces with the pattern. The words are the same as the pattern's: a
unit test checks every short text of a mixed alphabet.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import islice, pairwise

_ASCII = bytes(range(0x80))


class WordFinder:
    """The words of ``pattern`` (letters and digits joined by ``joiners``, which are ASCII
    or not): as a set, in order, or where they stand."""

    __slots__ = ("_joiners", "_pattern", "_punctuation", "_separators")

    def __init__(self, pattern: re.Pattern[str], joiners: str) -> None:
        self._pattern = pattern
        self._joiners = joiners
        kept = {ord(joiner) for joiner in joiners if joiner.isascii()}
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

    def _spaced(self, pieces: bytes) -> bytes:
        """``pieces`` with the general punctuation and no-break spaces made spaces too.
        Each character replaced is one character again: decoded, the pieces stand where
        the text's characters stand."""
        return self._punctuation.sub(b" ", pieces).replace(b"\xc2\xa0", b" ")  # and NBSP

    def _one_word_each(self, spaced: bytes) -> str | None:
        """``spaced`` decoded, with each joiner that stands between two letters or digits
        kept and every other one made a space: then each piece is one word, where it
        stands in the text. ``None`` where a piece holds anything else than letters,
        digits and joiners. What is left in the pieces is ASCII letters, digits and
        joiners and the characters beyond ASCII: only those last are tested, and they
        are few."""
        beyond = spaced.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        for joiner in self._joiners:
            beyond = beyond.replace(joiner, "")
        if beyond and not beyond.isalnum():
            return None
        return self._joined(spaced.decode("utf-8", "surrogatepass"))

    def _joined(self, text: str) -> str:
        """``text`` (pieces of letters, digits and joiners) with each joiner that stands
        between two letters or digits kept and every other one made a space."""
        for joiner in self._joiners:
            parts = text.split(joiner)
            if len(parts) > 1:
                out = [parts[0]]
                for left, right in pairwise(parts):
                    out.append(joiner if left[-1:].isalnum() and right[:1].isalnum()
                               else " ")
                    out.append(right)
                text = "".join(out)
        return text

    def latin1_table(self, fold: bytes) -> bytes:
        """A ``bytes.translate`` table for text in Latin-1: each letter, digit and joiner
        mapped by ``fold``, every other character made a space (see
        :meth:`latin1_in_order`)."""
        return bytes(fold[byte] if chr(byte).isalnum() or chr(byte) in self._joiners
                     else 0x20 for byte in range(256))

    def latin1(self, text: str) -> bytes | None:
        """``text`` in Latin-1, its general punctuation (U+2000-U+203F) and no-break
        spaces made spaces as in :meth:`_spaced` (each one character), or None if any
        other character is beyond Latin-1: three quarters of the bench's candidate
        quotes are Latin-1, and nearly all others are once their quotation marks and
        dashes are spaces."""
        latin = text.encode("latin-1", "ignore")
        if len(latin) == len(text):
            return latin.replace(b"\xa0", b" ")
        spaced = self._spaced(text.encode("utf-8", "surrogatepass")).decode(
            "utf-8", "surrogatepass")
        latin = spaced.encode("latin-1", "ignore")
        return latin if len(latin) == len(spaced) else None

    def latin1_in_order(self, separated: bytes) -> list[str]:
        """The words, in order, of a Latin-1 text ``separated`` by a
        :meth:`latin1_table`: one byte pass and a split instead of the UTF-8 ones (no
        character of Latin-1 is general punctuation)."""
        return self._joined(separated.decode("latin-1")).split()

    def distinct(self, text: str) -> set[str]:
        """``set(pattern.findall(text))``."""
        separated = self._pieces(text)
        words = self._one_word_each(self._spaced(separated))
        if words is not None:
            return set(words.split())
        pieces = set(separated.split())
        ascii_words = {piece for piece in pieces if piece.isalnum()}
        found = set(b" ".join(ascii_words).decode().split())
        if len(ascii_words) < len(pieces):
            odd: list[str] = []
            rest = b" ".join(pieces - ascii_words).decode("utf-8", "surrogatepass")
            for piece in rest.split(" "):
                if piece.isalnum():
                    found.add(piece)
                else:
                    odd.append(piece)
            if odd:
                found.update(self._pattern.findall(" ".join(odd)))
        return found

    def in_order(self, text: str) -> list[str]:
        """``pattern.findall(text)``."""
        spaced = self._spaced(self._pieces(text))
        words = self._one_word_each(spaced)
        if words is not None:
            return words.split()
        found: list[str] = []
        append, find = found.append, self._pattern.findall
        for piece in spaced.decode("utf-8", "surrogatepass").split():
            if piece.isalnum():
                append(piece)
            else:
                found.extend(find(piece))
        return found

    def bounds(self, text: str, first: int, last: int) -> tuple[int, int]:
        """Where the words ``first`` to ``last`` of ``pattern.finditer(text)`` stand:
        the start of the one, the end of the other."""
        spaced = self._one_word_each(self._spaced(self._pieces(text)))
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
