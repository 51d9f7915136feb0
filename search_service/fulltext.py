"""The user's search text as query DSL: words, "phrases", -exclusions and OR.

Syntax (what the search box help explains):

* ``Integrationsplan Hessen`` - every word must match (German-aware, with compound
  parts, through :func:`search_service.queries.word_clause`);
* ``"starkes Signal"`` (also „…“ or “…”) - the exact words in this order, on the
  ``.exact`` sub-fields;
* ``-Krieg`` / ``-"starkes Signal"`` - results must not contain the word or phrase;
* ``Klose OR Walter`` - either side may match (binds tighter than the implicit AND).

The text is tokenised here; each word or phrase reaches Elasticsearch only as the
value of a ``match``/``match_phrase`` query, never as query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.queries import MAX_WORDS, query_words, word_clause

_TOKEN_RE = re.compile(r'(-?)(?:"([^"]*)"?|„([^“”"]*)[“”"]?|“([^”"]*)”?|(\S+))')


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


@dataclass
class ParsedText:
    """``groups`` are ANDed; the terms inside one group are ORed."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded

    def words(self) -> list[str]:
        """Every positive word, for highlighting and "did you mean" messages."""
        return [w for group in self.groups for term in group for w in query_words(term.text)]


def parse_text(text: str) -> ParsedText:
    parsed = ParsedText()
    pending_or = False
    count = 0
    for match in _TOKEN_RE.finditer(text):
        negative = bool(match.group(1))
        quoted = next((g for g in match.group(2, 3, 4) if g is not None), None)
        raw = match.group(5)
        if raw is not None and raw == "OR" and not negative:
            pending_or = bool(parsed.groups)
            continue
        terms: list[Term]
        if quoted is not None:
            words = query_words(quoted)
            terms = [Term(" ".join(words), phrase=True)] if words else []
        else:
            terms = [Term(word) for word in query_words(raw or "")]
        for term in terms:
            count += 1
            if count > MAX_WORDS:
                return parsed
            if negative:
                parsed.excluded.append(term)
            elif pending_or:
                parsed.groups[-1].append(term)
                pending_or = False
            else:
                parsed.groups.append([term])
            negative = False  # only the first word of "-foo-bar" style runs is negated
    return parsed


def text_query(text: str, fields: Sequence[str], exact_fields: Sequence[str],
               splitter: CompoundSplitter) -> dict[str, Any]:
    """The bool query for ``text``; ``match_all`` when it has no words."""
    parsed = parse_text(text)
    if parsed.empty:
        return {"match_all": {}}

    def clause(term: Term) -> dict[str, Any]:
        if term.phrase:
            return {"bool": {"should": [{"match_phrase": {name: term.text}}
                                        for name in exact_fields],
                             "minimum_should_match": 1}}
        return word_clause(term.text, fields, splitter)

    must = []
    for group in parsed.groups:
        clauses = [clause(term) for term in group]
        must.append(clauses[0] if len(clauses) == 1 else
                    {"bool": {"should": clauses, "minimum_should_match": 1}})
    query: dict[str, Any] = {"bool": {"must": must or [{"match_all": {}}]}}
    if parsed.excluded:
        query["bool"]["must_not"] = [clause(term) for term in parsed.excluded]
    return query
