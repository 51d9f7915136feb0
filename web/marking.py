"""Quotes marked in place: a release body or a context paragraph as plain pieces.

Pure functions over offsets. Every piece is plain text; templates escape each one,
so source text never reaches a page as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search_service.results import Quote


@dataclass(frozen=True)
class Piece:
    text: str
    quote_id: str | None = None
    anchor: bool = False  # first piece of its quote: carries id="zitat-<id>"


def choose_marks(quotes: Sequence[Quote], length: int) -> list[Quote]:
    """Non-overlapping quotes to mark, shortest first (a whole-release statement does
    not hide the direct quotes inside it), returned in text order."""
    chosen: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.end - q.start, q.start)):
        if not 0 <= quote.start < quote.end <= length:
            continue
        if all(quote.end <= other.start or quote.start >= other.end for other in chosen):
            chosen.append(quote)
    return sorted(chosen, key=lambda q: q.start)


def paragraphs(body: str, quotes: Sequence[Quote]) -> list[list[Piece]]:
    """The body split into paragraphs (blank-line separated), quotes marked in place."""
    pieces: list[Piece] = []
    position = 0
    for quote in choose_marks(quotes, len(body)):
        if quote.start > position:
            pieces.append(Piece(body[position:quote.start]))
        pieces.append(Piece(body[quote.start:quote.end], quote.id, anchor=True))
        position = quote.end
    if position < len(body):
        pieces.append(Piece(body[position:]))
    result: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n\n")
        for number, part in enumerate(parts):
            if number:
                result.append([])
            if part.strip("\n"):
                result[-1].append(Piece(part.strip("\n") if piece.quote_id is None else part,
                                        piece.quote_id, piece.anchor and number == 0))
    return [paragraph for paragraph in result if paragraph]


def context_pieces(quote: Quote) -> list[Piece]:
    """The context paragraph with the quote marked (unmarked if offsets disagree)."""
    start = quote.start - quote.context_start
    end = quote.end - quote.context_start
    context = quote.context
    if not context:
        return [Piece(quote.text, quote.id)]
    if not 0 <= start < end <= len(context) or context[start:end] != quote.text:
        return [Piece(context)]
    return [p for p in (Piece(context[:start]), Piece(context[start:end], quote.id),
                        Piece(context[end:])) if p.text]
