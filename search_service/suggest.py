""""Meinten Sie …?": a close spelling of the user's words that finds more.

When a search finds fewer than :data:`FEW_HITS` quotes, Elasticsearch's term suggester
(server core) proposes, for each word outside quotes that is not excluded, the most
similar word of the quotes' printed words that occurs in more quotes (``suggest_mode:
popular``: a word that is itself frequent is left alone), in any of the fields asked
(a quote's text and the words around it: names are mostly printed outside the quote).
The corrected text is offered only if it finds more quotes than the original (see
``Searcher.quotes``). Pure functions here; the two requests are the searcher's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search_service.fulltext import positive_spans

FEW_HITS = 3
_NAME = "words"


def suggest_body(text: str, fields: Sequence[str]) -> dict[str, Any] | None:
    """The request for spelling suggestions of ``text`` on each of ``fields`` (``.exact``
    fields: printed words), or ``None`` if ``text`` has no word to correct."""
    if not positive_spans(text):
        return None
    suggesters: dict[str, Any] = {"text": text}
    for number, field in enumerate(fields):
        suggesters[f"{_NAME}{number}"] = {"term": {
            "field": field, "suggest_mode": "popular", "sort": "score", "size": 1,
            "max_edits": 2, "prefix_length": 0, "min_word_length": 4}}
    return {"size": 0, "track_total_hits": False, "suggest": suggesters}


def corrected_text(text: str, response: dict[str, Any]) -> str | None:
    """``text`` with each misspelt positive word replaced by its best suggestion (keeping an
    initial capital), or ``None`` if nothing was suggested."""
    spans = positive_spans(text)
    best: dict[tuple[int, int], tuple[float, int, str]] = {}  # (score, freq, word)
    entries = (entry for name, found in response.get("suggest", {}).items()
               if name.startswith(_NAME) for entry in found)
    for entry in entries:
        options = entry.get("options") or []
        start, length = int(entry.get("offset", -1)), int(entry.get("length", 0))
        end = start + length
        original = text[start:end] if start >= 0 else ""
        if not options or original.lower() != str(entry.get("text", "")).lower():
            continue  # no suggestion, or offsets that do not fit (characters beyond BMP)
        if not any(a <= start and end <= b for a, b in spans):
            continue
        option = (float(options[0].get("score", 0.0)), int(options[0].get("freq", 0)),
                  str(options[0]["text"]))
        best[start, end] = max(best.get((start, end), option), option)
    if not best:
        return None
    changes = [(start, end, _like(text[start:end], word))
               for (start, end), (_, _, word) in best.items()]
    out, last = [], 0
    for start, end, word in sorted(changes):
        out.extend([text[last:start], word])
        last = end
    out.append(text[last:])
    return "".join(out)


def _like(original: str, suggestion: str) -> str:
    """``suggestion`` (lowercase, as indexed) capitalised like ``original``."""
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
