"""Query building: user words in, query DSL out.

User text never becomes DSL syntax: it is split into words here, and each word
is handed to Elasticsearch as the value of a ``match`` query. A word matches if any
of these does (the first ones score highest):

1. the German-analysed text fields (Hunspell: "Gesellschaften" ~ "Gesellschaft");
2. through its compound parts, the ``compound_parts`` field ("konferenz" finds
   "Integrationskonferenz", "Integrationsplans" finds "Integrationsplan");
3. its search form (:mod:`search_service.folding`), the ``folded`` field: umlaut plurals
   of compound heads ("Sportplatz" ~ "Sportplätze"), hyphenated compounds ("Radwegenetz"
   ~ "Radwege-Netz"), spellings without diacritics ("Kiziltepe" ~ "Kızıltepe", "Mueller"
   ~ "Müller", "Strasse" ~ "Straße"); a compound also as a phrase of its two halves on
   the ``.exact`` fields ("Radwegenetz" ~ "Radwege Netz");
4. typo tolerance (``fuzzy``; the searcher asks for it only when a search finds fewer
   than three hits without it), for a word the German dictionary does not know as a whole
   (a name, a compound, a typo) of five letters or more: its search form within one edit
   (two from nine letters, unless it is a compound of dictionary words) of a document's,
   with a low weight, so exact matches rank first ("Giffei" finds "Giffey", "Badenburg"
   finds "Badenberg").

Phrases and excluded words never get typo tolerance (:mod:`search_service.fulltext`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.folding import search_form

MAX_WORDS = 32
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
FOLDED_BOOST = 0.5
FUZZY_BOOST = 0.1
# Fuzzy matching stays cheap: the first letter must match, at most this many spellings.
FUZZY_PREFIX = 1
FUZZY_EXPANSIONS = 20


def query_words(text: str) -> list[str]:
    """The words of a user's text (punctuation and operators dropped), at most MAX_WORDS."""
    return WORD_RE.findall(text)[:MAX_WORDS]


def _cased(word: str) -> str:
    # Hunspell in the index tries the lowercase variant of a capitalised word but
    # not the reverse, and German nouns are listed capitalised: "gesellschaften"
    # only stems to "gesellschaft" when it arrives as "Gesellschaften".
    return word[:1].upper() + word[1:]


def fuzziness(word: str, splitter: CompoundSplitter) -> int:
    """Edits tolerated for ``word``: none for a word the dictionary knows (inflected too)
    or of four letters or fewer, where a near spelling is mostly another word ("Stadt",
    "statt"); for names and misspellings one for five to eight letters, two beyond; one
    for a compound of dictionary words ("Badenburg" for "Badenberg"; two edits there
    would mostly reach other compounds, and cost the most)."""
    cased = _cased(word)
    form = search_form(cased, splitter)
    if len(form) < 5 or not form.isalnum():
        return 0
    if splitter.is_known(cased) or cased.lower() in splitter.nouns:
        return 0
    if len(form) <= 8 or ("-" not in cased and splitter.split(cased)):
        return 1
    return 2


def word_clause(word: str, fields: Sequence[str], splitter: CompoundSplitter, *,
                exact_fields: Sequence[str] = (), fuzzy: bool = True,
                forms: bool = True) -> dict[str, Any]:
    """One word, matched inflection-tolerantly in ``fields``, via compound parts, via its
    search form and (a compound) written open on ``exact_fields`` (``forms``), and
    (``fuzzy``, for unknown words) within a few edits of its search form."""
    cased = _cased(word)
    parts = splitter.split(cased)
    should: list[dict[str, Any]] = [
        {"multi_match": {"query": cased, "fields": list(fields), "type": "best_fields",
                         "operator": "and"}},
        {"match": {"compound_parts": {
            "query": " ".join(parts) if parts else cased, "operator": "and",
        }}},
    ]
    form = search_form(cased, splitter) if forms else ""
    if form:
        should.append({"match": {"folded": {"query": form, "boost": FOLDED_BOOST}}})
        should.extend({"match_phrase": {name: {"query": words, "boost": FOLDED_BOOST}}}
                      for words in open_spellings(cased, splitter) for name in exact_fields)
    edits = fuzziness(word, splitter) if fuzzy and form else 0
    if edits:
        should.append({"match": {"folded": {
            "query": form, "fuzziness": edits, "prefix_length": FUZZY_PREFIX,
            "max_expansions": FUZZY_EXPANSIONS, "boost": FUZZY_BOOST}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def open_spellings(word: str, splitter: CompoundSplitter) -> list[str]:
    """A compound written open, as printed words: "Radwegenetz" -> "Rad wegenetz",
    "Radwege netz" (cut before each part but the first; both sides three letters or more)."""
    return [f"{word[:start]} {word[start:]}" for start, _ in splitter.spans(word)[1:]
            if start >= 3 and len(word) - start >= 3]


def german_text_query(
    text: str, fields: Sequence[str], splitter: CompoundSplitter
) -> dict[str, Any]:
    """All words of ``text`` must match (AND), each German-aware; empty text matches all."""
    words = query_words(text)
    if not words:
        return {"match_all": {}}
    return {"bool": {"must": [word_clause(word, fields, splitter) for word in words]}}
