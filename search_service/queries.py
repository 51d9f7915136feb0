"""Query building: user words in, query DSL out.

User text never becomes DSL syntax: it is split into words here, and each word
is handed to Elasticsearch as the value of a ``match`` query. Each word must
match either the German-analysed text fields or, through its compound parts,
the ``compound_parts`` field ("konferenz" finds "Integrationskonferenz",
"Integrationsplans" finds "Integrationsplan").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from search_service.compounds import CompoundSplitter

MAX_WORDS = 32
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The words of a user's text (punctuation and operators dropped), at most MAX_WORDS."""
    return _WORD_RE.findall(text)[:MAX_WORDS]


def word_clause(word: str, fields: Sequence[str], splitter: CompoundSplitter) -> dict[str, Any]:
    """One word, matched inflection-tolerantly in ``fields`` or via compound parts."""
    # Hunspell in the index tries the lowercase variant of a capitalised word but
    # not the reverse, and German nouns are listed capitalised: "gesellschaften"
    # only stems to "gesellschaft" when it arrives as "Gesellschaften".
    cased = word[:1].upper() + word[1:]
    parts = splitter.split(cased)
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": cased, "fields": list(fields), "type": "best_fields"}},
                {"match": {"compound_parts": {
                    "query": " ".join(parts) if parts else cased, "operator": "and",
                }}},
            ],
            "minimum_should_match": 1,
        }
    }


def german_text_query(
    text: str, fields: Sequence[str], splitter: CompoundSplitter
) -> dict[str, Any]:
    """All words of ``text`` must match (AND), each German-aware; empty text matches all."""
    words = query_words(text)
    if not words:
        return {"match_all": {}}
    return {"bool": {"must": [word_clause(word, fields, splitter) for word in words]}}
