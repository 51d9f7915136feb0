"""The user's search text as query DSL: words, "phrases", -exclusions and OR.

Syntax (what the search box help explains):

* ``Integrationsplan Hessen`` - every word must match (German-aware, with compound
  parts, through :func:`search_service.queries.word_clause`);
* ``"starkes Signal"`` (also „…“ or “…”) - the exact words in this order, on the
  ``.exact`` sub-fields;
* ``-Krieg`` / ``-"starkes Signal"`` - results must not contain the word or phrase;
* ``Klose OR Walter`` - either side may match (binds tighter than the implicit AND).

Words outside quotes may be typo-tolerant (``typo_tolerant``, where
:func:`search_service.queries.fuzziness` allows it); phrases and excluded words never are.

The text is tokenised here; each word or phrase reaches Elasticsearch only as the
value of a ``match``/``match_phrase`` query, never as query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.queries import (
    MAX_WORDS,
    WORD_RE,
    fuzziness,
    query_words,
    word_clause,
)

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


def _phrase(term: Term, exact_fields: Sequence[str]) -> dict[str, Any]:
    return {"bool": {"should": [{"match_phrase": {name: term.text}} for name in exact_fields],
                     "minimum_should_match": 1}}


def text_query(text: str, fields: Sequence[str], exact_fields: Sequence[str],
               splitter: CompoundSplitter, *, typo_tolerant: bool = True) -> dict[str, Any]:
    """The bool query for ``text``; ``match_all`` when it has no words. With
    ``typo_tolerant``, plain words may also match near spellings."""
    parsed = parse_text(text)
    if parsed.empty:
        return {"match_all": {}}

    def clause(term: Term, *, fuzzy: bool) -> dict[str, Any]:
        if term.phrase:
            return _phrase(term, exact_fields)
        return word_clause(term.text, fields, splitter, exact_fields=exact_fields,
                           fuzzy=fuzzy)

    must = []
    for group in parsed.groups:
        clauses = [clause(term, fuzzy=typo_tolerant) for term in group]
        must.append(clauses[0] if len(clauses) == 1 else
                    {"bool": {"should": clauses, "minimum_should_match": 1}})
    query: dict[str, Any] = {"bool": {"must": must or [{"match_all": {}}]}}
    if parsed.excluded:
        query["bool"]["must_not"] = [clause(term, fuzzy=False) for term in parsed.excluded]
    return query


def has_near_spellings(text: str, splitter: CompoundSplitter) -> bool:
    """Would ``typo_tolerant`` change the query for ``text`` (a plain word of five letters
    or more that the dictionary does not know)?"""
    return any(not term.phrase and fuzziness(term.text, splitter)
               for group in parse_text(text).groups for term in group)


def highlight_query(text: str, fields: Sequence[str], exact_fields: Sequence[str],
                    splitter: CompoundSplitter) -> dict[str, Any] | None:
    """What Elasticsearch's highlighter marks: the positive words and phrases as the text
    fields match them (the search itself also matches search forms, open spellings and
    near spellings, which :mod:`search_service.marks` marks afterwards in Python: the
    multi-term queries that would mark them here cost the highlighter milliseconds per
    hit). ``None`` when there is nothing to mark."""
    parsed = parse_text(text)
    should = [_phrase(term, exact_fields) if term.phrase else
              word_clause(term.text, fields, splitter, fuzzy=False, forms=False)
              for group in parsed.groups for term in group]
    return {"bool": {"should": should}} if should else None


def positive_spans(text: str) -> list[tuple[int, int]]:
    """Where the words outside quotes that are not excluded stand in ``text`` (for a
    "did you mean" that corrects only those)."""
    spans: list[tuple[int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group(5)
        if raw is None or match.group(1) or raw == "OR":
            continue
        start = match.start(5)
        spans.extend((start + word.start(), start + word.end())
                     for word in WORD_RE.finditer(raw))
    return spans
