"""Highlighted fragments as plain pieces.

Highlights come from Elasticsearch with ``encoder: html`` - the source text is
HTML-escaped there and only the ``<mark>`` tags are markup. :func:`segments`
turns such a fragment back into plain pieces (marked or not) so templates can
escape every piece themselves and never need ``|safe``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False


def segments(fragment: str) -> list[Segment]:
    """``"a &lt;b&gt; <mark>c</mark>"`` -> [Segment("a <b> "), Segment("c", marked=True)]."""
    return [Segment(text, marked) for text, marked in pieces(fragment)]


def pieces(fragment: str) -> list[tuple[str, bool]]:
    """:func:`segments` as ``(text, marked)`` pairs (marking a page of quotes reads a few
    hundred fragments: no objects for them)."""
    out: list[tuple[str, bool]] = []
    first, *rest = fragment.split(MARK_OPEN)
    if first:
        out.append((html.unescape(first), False))
    for chunk in rest:
        inside, _, after = chunk.partition(MARK_CLOSE)
        if inside:
            out.append((html.unescape(inside), True))
        if after:
            out.append((html.unescape(after), False))
    return out
