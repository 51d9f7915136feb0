"""Speakers: the directory (who is quoted, most quoted first, found by the start of any word of
the name) and one speaker's profile.

The directory reads the ``speakers`` index (one document per identity, written by the speaker
registry after every load, so it holds the same counts as the quotes): paging, the total and
the order by quote count cost one small search, whatever the number of quotes. A speaker's
profile is aggregated from its quotes at query time (names as printed, roles, topics, quotes
per month), so it is always as current as the quotes. ``build_*`` and ``profile_of`` are pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search_service.document_model import read_source
from search_service.documents import Speaker
from search_service.errors import NotFound
from search_service.facets import FacetValue
from search_service.limits import LIMITS
from search_service.request import SpeakerQuery
from search_service.search import Searcher


@dataclass(frozen=True)
class SpeakerProfile:
    """A speaker as the API and the pages show it. In the directory the lists come from the
    stored identity (:class:`search_service.documents.Speaker`); on the speaker's own page
    they are aggregated from its quotes."""

    id: str
    name: str
    quote_count: int
    aliases: list[FacetValue] = field(default_factory=list)  # as printed, with counts
    roles: list[FacetValue] = field(default_factory=list)
    organizations: list[FacetValue] = field(default_factory=list)
    topics: list[FacetValue] = field(default_factory=list)
    publishers: list[FacetValue] = field(default_factory=list)
    months: list[FacetValue] = field(default_factory=list)
    undated: int = 0
    first_date: str | None = None
    last_date: str | None = None
    type: str = "person"  # person, organisation or document


@dataclass(frozen=True)
class SpeakerPage:
    """One page of the speaker directory."""

    total: int
    page: int
    size: int
    items: list[SpeakerProfile]

    @property
    def per_page(self) -> int:
        return self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


# -- the directory -----------------------------------------------------------------------

# A word as the standard tokenizer sees one, roughly: letters and digits, an apostrophe
# inside ("O'Brien"); hyphens, dots and commas separate ("Hans-Peter", "Jr.").
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# The stored identity's internals, never shown: not sent back with the hits.
_UNSHOWN = ["decisions", "keys", "surnames"]


def name_words(text: str) -> list[str]:
    """The words of a typed name, lowercased: ``"Kor  Ste-"`` -> ``["kor", "ste"]``."""
    return [word.lower() for word in _WORD.findall(text)]


def _word_clause(word: str) -> dict[str, Any]:
    """A word of the name starts with ``word``: a prefix of an indexed word (names are
    indexed lowercased, through Hunspell, which keeps unknown names as printed), or the
    whole word in any of its German forms ("Krause" is indexed as "krausen", "kraus"), the
    word capitalised as in :mod:`search_service.queries`."""
    return {"bool": {"should": [
        {"prefix": {"name": {"value": word}}},
        {"match": {"name": {"query": word[:1].upper() + word[1:]}}},
    ], "minimum_should_match": 1}}


def name_query(text: str) -> dict[str, Any]:
    """Speakers a typed name finds: each of its words starts a word of the name ("kor" and
    "stephan" both find "Korinna Stephan", "kor ste" too), or the whole text is a form the
    name was printed in ("Kose" for "Kai Klose"). The text is only ever a query value."""
    words = name_words(text)
    if not words:
        return {"match_all": {}}
    should: list[dict[str, Any]] = [{"bool": {"filter": [_word_clause(w) for w in words]}}]
    should.append({"term": {"aliases.value": {"value": text.strip(),
                                              "case_insensitive": True}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def build_speaker_directory(query: SpeakerQuery) -> dict[str, Any]:
    """One page of speakers matching ``query.q``, most quoted first (then by name)."""
    return {
        "query": {"bool": {"filter": [name_query(query.q)]}},
        "sort": [{"quote_count": "desc"}, {"name.keyword": "asc"}, {"id": "asc"}],
        "from": query.offset,
        "size": query.size,
        "track_total_hits": True,
        "_source": {"excludes": _UNSHOWN},
    }


def _counted(pairs: Iterable[tuple[str | None, int]],
             limit: int = LIMITS.speaker_values) -> list[FacetValue]:
    """Values with their summed counts, most frequent first (ties by value)."""
    counts: Counter[str] = Counter()
    for value, count in pairs:
        if value:
            counts[value] += count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [FacetValue(value, count, False) for value, count in ranked[:limit]]


def profile_of(speaker: Speaker) -> SpeakerProfile:
    """The directory's view of a stored identity: roles summed over their organisations
    and periods."""
    return SpeakerProfile(
        id=speaker.id, name=speaker.name, quote_count=speaker.quote_count,
        aliases=_counted((a.value, a.count) for a in speaker.aliases),
        roles=_counted((r.role, r.count) for r in speaker.roles),
        organizations=_counted((r.organization, r.count) for r in speaker.roles),
        publishers=_counted((p.value, p.count) for p in speaker.publishers),
        first_date=speaker.first_date, last_date=speaker.last_date,
        type=str(speaker.type),
    )


def find_speakers(searcher: Searcher, query: SpeakerQuery) -> SpeakerPage:
    """A page of the speaker directory."""
    query.validate()
    raw = searcher.raw_search("speakers", build_speaker_directory(query))
    items = [profile_of(read_source(Speaker, hit["_source"])) for hit in raw["hits"]["hits"]]
    return SpeakerPage(total=int(raw["hits"]["total"]["value"]), page=query.page,
                       size=query.size, items=items)


def list_speakers(searcher: Searcher, query: SpeakerQuery) -> list[SpeakerProfile]:
    """Speakers whose name matches ``query.q`` (see :func:`name_query`), most quoted first."""
    return find_speakers(searcher, query).items


# -- one speaker ---------------------------------------------------------------------------

def _terms(name: str, size: int = LIMITS.speaker_values) -> dict[str, Any]:
    return {"terms": {"field": name, "size": size}}


_DETAIL_AGGS: dict[str, Any] = {
    "names": _terms("speaker.name.keyword", 1),
    "types": _terms("speaker.type", 1),
    "aliases": _terms("speaker.as_printed"),
    "roles": _terms("speaker.role.keyword"),
    "organizations": _terms("speaker.organization.keyword"),
    "topics": _terms("topics.raw"),
    "publishers": _terms("publisher.keyword"),
    "months": {"date_histogram": {"field": "date", "calendar_interval": "month",
                                  "format": "yyyy-MM", "min_doc_count": 1}},
    "undated": {"missing": {"field": "date"}},
    "first": {"min": {"field": "date", "format": "yyyy-MM-dd"}},
    "last": {"max": {"field": "date", "format": "yyyy-MM-dd"}},
}


def _values(aggs: dict[str, Any], name: str) -> list[FacetValue]:
    return [FacetValue(str(b.get("key_as_string", b["key"])), int(b["doc_count"]), False)
            for b in aggs.get(name, {}).get("buckets", [])]


def _speaker(speaker_id: str, count: int, aggs: dict[str, Any]) -> SpeakerProfile:
    names = _values(aggs, "names")
    types = _values(aggs, "types")
    return SpeakerProfile(
        id=speaker_id, name=names[0].value if names else speaker_id, quote_count=count,
        aliases=_values(aggs, "aliases"), roles=_values(aggs, "roles"),
        organizations=_values(aggs, "organizations"), topics=_values(aggs, "topics"),
        publishers=_values(aggs, "publishers"), months=_values(aggs, "months"),
        undated=int(aggs.get("undated", {}).get("doc_count", 0)),
        first_date=aggs.get("first", {}).get("value_as_string"),
        last_date=aggs.get("last", {}).get("value_as_string"),
        type=types[0].value if types else "person",
    )


def get_speaker(searcher: Searcher, speaker_id: str) -> SpeakerProfile:
    raw = searcher.raw_search("quotes", {
        "query": {"bool": {"filter": [{"term": {"speaker.id": speaker_id}}]}},
        "size": 0, "track_total_hits": True, "aggs": _DETAIL_AGGS})
    count = int(raw["hits"]["total"]["value"])
    if not count:
        raise NotFound(f"There is no speaker with the id {speaker_id!r}.")
    return _speaker(speaker_id, count, raw.get("aggregations", {}))
