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
    pieces: list[Segment] = []
    for index, chunk in enumerate(fragment.split(MARK_OPEN)):
        if index == 0:
            if chunk:
                pieces.append(Segment(html.unescape(chunk)))
            continue
        inside, _, after = chunk.partition(MARK_CLOSE)
        if inside:
            pieces.append(Segment(html.unescape(inside), marked=True))
        if after:
            pieces.append(Segment(html.unescape(after)))
    return pieces
