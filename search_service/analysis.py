"""Text analysis shared by every Wortlaut index.

Only the analysis components of the Elasticsearch server core are used (the
``standard`` tokenizer, the ``lowercase``, ``stop`` and ``hunspell`` filters), so the
same definitions behave the same on the module-less test distribution and on
the full production image:

``german``   standard tokenizer -> Hunspell de_DE (case-insensitive, every stem
             kept) -> lowercase. Inflection: "Gesellschaften" ~ "Gesellschaft".
``exact``    standard tokenizer -> lowercase. The words as printed, for phrase
             search and quote verification.
Compounds are split in Python (``search_service.compounds``) into the
``compound_parts`` field, analysed with ``german``. What the missing ``asciifolding``,
``german_normalization`` and stemming filters would do is done in Python too
(``search_service.folding``): the words' search forms go into the ``folded`` field,
analysed with ``exact``.
"""

from __future__ import annotations

from typing import Any

GERMAN = "wortlaut_german"
EXACT = "wortlaut_exact"
FACET_NORMALIZER = "wortlaut_facet"

ANALYSIS: dict[str, Any] = {
    "filter": {
        "wortlaut_hunspell_de": {
            "type": "hunspell",
            "locale": "de_DE",
            "dedup": True,
            "ignore_case": True,
        },
    },
    "analyzer": {
        GERMAN: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["wortlaut_hunspell_de", "lowercase"],
        },
        EXACT: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    },
    "normalizer": {
        FACET_NORMALIZER: {"type": "custom", "filter": ["lowercase"]},
    },
}


# A keyword a facet counts: its global ordinals (the term numbering across segments that a
# terms aggregation needs) are built when the index refreshes, not by the first search after
# it (measured on the realistic 100k quotes: that search took 26-216 ms instead of 15-33;
# the refresh itself took no longer).
FACET_KEYWORD: dict[str, Any] = {"type": "keyword", "eager_global_ordinals": True}


def german_text(*, exact: bool = False, keyword: bool = False, facet: bool = False,
                highlighted: bool = False) -> dict[str, Any]:
    """Mapping for a German full-text field, with optional sub-fields.

    ``.exact`` keeps the printed words (phrases, verification); ``.keyword`` keeps the
    whole value for sorting and facets (capped so that long texts are not indexed).
    ``facet``: the ``.keyword`` is counted by a facet (:data:`FACET_KEYWORD`).
    ``highlighted``: the field stores its words' character offsets, so the highlighter reads
    them from the index instead of analysing every hit's text again (with Hunspell; that
    re-analysis was half of a full-text search's time).
    """
    offsets = {"index_options": "offsets"} if highlighted else {}
    field: dict[str, Any] = {"type": "text", "analyzer": GERMAN, **offsets}
    subfields: dict[str, Any] = {}
    if exact:
        # No offsets here: re-analysing a hit's text with the plain ``exact`` analyzer to
        # highlight a phrase is cheap, and offsets cost a fifth of the field's postings.
        subfields["exact"] = {"type": "text", "analyzer": EXACT}
    if keyword or facet:
        subfields["keyword"] = {**(FACET_KEYWORD if facet else {"type": "keyword"}),
                                "ignore_above": 512}
    if subfields:
        field["fields"] = subfields
    return field
