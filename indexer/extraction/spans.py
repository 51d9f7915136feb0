"""Quotation-mark spans of a release body.

:func:`find_quote_spans` pairs quotation marks („…“, »…«, «…», “…”, ”…”, "…") paragraph by
paragraph with a stack, so nested quotes (``„… „Stiftung Kinder forschen“ …“`` or
``„… ‚…‘ …“``) stay inside their outer quote. Single quotes are never treated as outer
quotes (they double as apostrophes). An opening mark that is not closed in its paragraph is
dropped - unless the next paragraph starts with the same opening mark, the English
convention for a quote running over several paragraphs. So an unbalanced mark never turns
the rest of the text into a quote. :func:`block_quote_spans` adds Textile block quotes
(``bq. …``) that have no quotation marks.

The text of a span is exactly what stands between the quotation marks, minus surrounding
whitespace and a trailing comma (``“…,” said X`` gives the text without ``,``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.extraction.records import Paragraph

_DOUBLE_MARKS = '„“”"»«'
_DOUBLE_MARK = re.compile(f"[{_DOUBLE_MARKS}]")


@dataclass
class QuoteSpan:
    """A pair of quotation marks: ``body[open_pos]`` and ``body[close_pos]``."""

    open_pos: int
    close_pos: int
    start: int
    end: int
    nested: list[QuoteSpan] = field(default_factory=list)
    block: bool = False  # a Textile block quote (``bq. …``) without quotation marks


@dataclass
class _Open:
    pos: int
    char: str
    closers: str
    children: list[QuoteSpan] = field(default_factory=list)


def _flanking(body: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    prev = body[i - 1] if i > lo else " "
    nxt = body[i + 1] if i + 1 < hi else " "
    left = not nxt.isspace() and (prev.isspace() or prev in "([{–—-/…" or prev in _DOUBLE_MARKS)
    right = not prev.isspace() and (
        nxt.isspace() or nxt in ".,;:!?)]}–—-/…" or nxt in _DOUBLE_MARKS
    )
    return left, right


def find_quote_spans(body: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Top-level quotation spans of the body, nested ones attached to their parent."""
    result: list[QuoteSpan] = []
    stack: list[_Open] = []
    for index, para in enumerate(paragraphs):
        lo, hi = para.start, para.end
        i = lo
        if stack and body[lo : lo + 1] == stack[0].char:
            # Continuation of a multi-paragraph quote: skip the repeated opening mark.
            i = lo + 1
        while i < hi:
            mark = _DOUBLE_MARK.search(body, i, hi)
            if mark is None:
                break
            i = mark.start()
            ch = body[i]
            left, right = _flanking(body, i, lo, hi)
            top = stack[-1] if stack else None
            if ch == "„":
                stack.append(_Open(i, ch, '“”"'))
            elif top is not None and ch in top.closers and (right or not left):
                _close(stack, result, i, body)
            elif ch == "»" and left:
                stack.append(_Open(i, ch, "«"))
            elif ch == "«" and left:
                stack.append(_Open(i, ch, "»"))
            elif ch == "“" and left:
                stack.append(_Open(i, ch, "”“"))
            elif ch == "”" and left and not right:
                stack.append(_Open(i, ch, "”"))
            elif ch == '"' and left and not right:
                stack.append(_Open(i, ch, '"'))
            i += 1
        if stack:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continues = (
                nxt is not None
                and len(stack) == 1
                and stack[0].char in '“"»'
                and body[nxt.start : nxt.start + 1] == stack[0].char
                and nxt.kind == "paragraph"
            ) or _closed_in_later_paragraph(body, paragraphs, index, stack)
            if not continues:
                _discard(stack, result)
    _discard(stack, result)
    result.sort(key=lambda q: q.open_pos)
    return result


_MAX_QUOTE_PARAGRAPHS = 10


def _opens_block(body: str, paragraphs: Sequence[Paragraph], index: int, pos: int) -> bool:
    """The mark at ``pos`` opens its paragraph (after ``bq.``/``p.`` markup), or follows a
    colon that closes the paragraph's speaker phrase (``Klose: „…``)."""
    para = paragraphs[index]
    before = body[para.start : pos]
    if re.fullmatch(r"\s*(?:(?:bq|p)\.\s*)?[_*]*\s*", before):
        return True
    return before.rstrip().endswith(":") and len(before.split()) <= 25


def _closed_in_later_paragraph(
    body: str, paragraphs: Sequence[Paragraph], index: int, stack: Sequence[_Open]
) -> bool:
    """A quote that opens one paragraph and closes at the end of a later one (the German
    convention for a statement over several paragraphs: „ only before the first, “ only after
    the last). The paragraphs in between hold no double quotation mark at all, the quote opens
    its paragraph (or follows the speaker's colon), and the closing paragraph's first mark is
    a closer near its end - so a stray unbalanced mark does not swallow the text after it."""
    if len(stack) != 1 or stack[0].children:
        return False
    opened = stack[0]
    start_index = next(
        (k for k in range(index, -1, -1) if paragraphs[k].start <= opened.pos), index
    )
    if not _opens_block(body, paragraphs, start_index, opened.pos):
        return False
    if index + 1 >= len(paragraphs):
        return False
    nxt = paragraphs[index + 1]
    if nxt.kind != "paragraph" or index + 1 - start_index > _MAX_QUOTE_PARAGRAPHS:
        return False
    for later in paragraphs[index + 1 : start_index + _MAX_QUOTE_PARAGRAPHS + 1]:
        if later.kind != "paragraph":
            return False
        text = body[later.start : later.end]
        marks = list(re.finditer(r"[„“”\"»«]", text))
        if len(marks) % 2 == 0:
            continue  # a middle paragraph (no marks, or nested titles in pairs): keep looking
        last = marks[-1]
        if last.group(0) not in opened.closers:
            return False
        return len(text[last.end() :].split()) <= 12
    return False


_BLOCK_QUOTE = re.compile(r"bq\.[ \t]+(?=[^\s„“”\"»«])")


def block_quote_spans(
    body: str, paragraphs: Sequence[Paragraph], spans: Sequence[QuoteSpan]
) -> list[QuoteSpan]:
    """Textile block quotes without quotation marks: ``bq. Ich freue mich …`` - a paragraph
    the page renders as a quotation, usually after ``Bezirksstadträtin X:``. The whole paragraph
    (after the ``bq.`` marker) is the quote; quotation marks inside it become nested spans."""
    out = []
    for para in paragraphs:
        match = _BLOCK_QUOTE.match(body, para.start, para.end)
        if para.kind != "paragraph" or match is None:
            continue
        end = para.end
        while end > match.end() and body[end - 1].isspace():
            end -= 1
        inner = [s for s in spans if para.start <= s.open_pos < para.end]
        out.append(QuoteSpan(para.start, end, match.end(), end, inner, block=True))
    return out


def _close(stack: list[_Open], result: list[QuoteSpan], pos: int, body: str) -> None:
    opened = stack.pop()
    start, end = opened.pos + 1, pos
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start and body[end - 1] == ",":
        end -= 1
    span = QuoteSpan(opened.pos, pos, start, end, opened.children)
    if stack:
        stack[-1].children.append(span)
    else:
        result.append(span)


def _discard(stack: list[_Open], result: list[QuoteSpan]) -> None:
    while stack:
        opened = stack.pop()
        if stack:
            stack[-1].children.extend(opened.children)
        else:
            result.extend(opened.children)
