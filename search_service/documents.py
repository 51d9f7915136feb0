"""The documents Wortlaut stores and returns, each defined once.

``Release``, ``Quote`` and ``Speaker`` (a speaker identity of the ``speakers`` index) are
typed, frozen dataclasses; the speaker a quote names is a :class:`SpeakerRef`, the kind of a
quote a :class:`Kind`, the precision of a date a :class:`DatePrecision`. Each field says its
index mapping, its description, whether the API shows it and its export column (see
:mod:`search_service.document_model`), so the index mapping
(:mod:`search_service.indices`), reading a hit back, the API response schemas
(:mod:`web.schemas.responses`) and the CSV columns (:mod:`web.export`) all come from here.
The indexer builds these objects (:mod:`indexer.documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from search_service.analysis import EXACT, FACET_KEYWORD, FACET_NORMALIZER, GERMAN, german_text
from search_service.document_model import from_hit, read_hit, stored
from search_service.highlights import Segment, segments

DATE_FORMAT = "strict_date_optional_time||strict_year_month||strict_year"

KEYWORD: dict[str, Any] = {"type": "keyword"}
FACET: dict[str, Any] = {"type": "keyword", "normalizer": FACET_NORMALIZER,
                         "fields": {"raw": FACET_KEYWORD}}


def stored_only(kind: str) -> dict[str, Any]:
    """A value read back but never searched, sorted or counted: kept in _source only, with
    no terms, doc values or points (on the realistic 100k quotes a quote's ``id`` alone
    took 41 of 1,421 bytes in terms and doc values)."""
    return {"type": kind, "index": False, "doc_values": False}


STORED_ONLY = stored_only("keyword")
STORED_TEXT: dict[str, Any] = {"type": "text", "index": False}

NOT_INDEXED: dict[str, Any] = {"type": "object", "enabled": False}
DATE: dict[str, Any] = {"type": "date", "format": DATE_FORMAT}
INTEGER: dict[str, Any] = {"type": "integer"}
GERMAN_WORDS: dict[str, Any] = {"type": "text", "analyzer": GERMAN}
# Texts whose hits are highlighted (quotes: text, context; releases: title, lead, body).
HIGHLIGHTED = german_text(exact=True, highlighted=True)
# Search forms of the words (search_service.folding): only "is it there", so no positions,
# frequencies or length norms.
FOLDED: dict[str, Any] = {"type": "text", "analyzer": EXACT, "index_options": "docs",
                          "norms": False}


class Kind(StrEnum):
    """What a quote record is."""

    DIRECT = "direct"  # words in quotation marks
    INDIRECT = "indirect"  # reported speech, in the reporter's words
    STATEMENT = "statement"  # a whole release or transcript turn in someone's name


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class SpeakerType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    DOCUMENT = "document"  # a report or study named as the source of reported speech


class RoleSource(StrEnum):
    PRINTED = "printed"  # printed at the quote
    REGISTRY = "registry"  # the role the speaker held on the quote's date


_HTML = "HTML: the text escaped, matched words in <mark>."


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """The speaker a quote names, joined to a speaker identity."""

    id: str = stored(FACET_KEYWORD, "Speaker id, for /api/v1/speakers/<id>.")
    name: str = stored(german_text(facet=True), "The speaker's canonical name.",
                       column="speaker")
    type: SpeakerType = stored(KEYWORD, "person, organisation or document (the source of "
                               "reported speech)", default=SpeakerType.PERSON)
    as_printed: str | None = stored(KEYWORD, "The name as printed at this quote (e.g. a "
                                    "surname or a typo).", column="speaker_as_printed",
                                    default=None)
    role: str | None = stored(german_text(keyword=True), "The role printed at the quote, or "
                              "held on its date.", column="role", default=None)
    organization: str | None = stored(german_text(keyword=True), column="organization",
                                      default=None)
    mention: str | None = stored(KEYWORD, "The name as resolved within the release, before "
                                 "the speaker registry.", api=False, default=None)
    role_source: RoleSource | None = stored(KEYWORD, "Where the role comes from.", api=False,
                                            default=None)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote or reported statement, with its provenance down to the characters."""

    id: str = stored(STORED_ONLY, column="id")  # found by _id; sorted by release_id, start
    text: str = stored(HIGHLIGHTED, "Exactly as printed.", column="text")
    kind: Kind = stored(FACET_KEYWORD, "direct, indirect or statement.", column="kind")
    speaker: SpeakerRef | None = stored(None, "Who said it; null when the release does not "
                                        "say.")
    cue: str | None = stored(STORED_TEXT, "The words that attribute it (\"sagte\").")
    release_id: str = stored(KEYWORD, column="release_id")
    start: int = stored(INTEGER, "Offset of the text in the release body.", column="start")
    end: int = stored(INTEGER, "End offset; body[start:end] is the text.", column="end")
    # The paragraph holds the quote's text, already indexed in ``text``: only the words
    # around it are searched (``surroundings``, below), which saved 200 bytes per quote.
    context: str = stored(STORED_TEXT, "The paragraph around the quote.")
    context_start: int = stored(stored_only("integer"),
                                "Offset of the context in the release body.")
    date: str | None = stored(DATE, "The release's date (ISO), or null.", column="date")
    date_precision: DatePrecision | None = stored(STORED_ONLY, "day, month or year.",
                                                  column="date_precision")
    topics: list[str] = stored(FACET, column="topics")
    publisher: str | None = stored(german_text(facet=True), column="publisher")
    language: str | None = stored(STORED_ONLY, "ISO 639-1 code of the release.")
    confidence: float | None = stored(stored_only("float"),
                                      "How sure the speaker attribution is (0-1).")
    release_title: str | None = stored(german_text(), column="release_title")
    source_url: str | None = stored(STORED_ONLY, "The release's address.",
                                    column="source_url")
    keywords: list[str] = stored(FACET, "The publisher's own keywords, as printed (topics "
                                 "come from the topic vocabulary).", column="keywords",
                                 default_factory=list)
    surroundings: str = stored(HIGHLIGHTED, "The context without the quote's text: the "
                               "words before it and after it, joined by \" … \".",
                               api=False, derived=True, default="")
    compound_parts: str = stored(GERMAN_WORDS, "Parts of the compounds in the text, for "
                                 "search.", api=False, source=False, default="")
    folded: str = stored(FOLDED, "Search forms of the words of text and speaker name "
                         "(search_service.folding): a quote is also found by its "
                         "speaker's name, printed near it or not.", api=False, source=False,
                         default="")
    ingested_at: str | None = stored(stored_only("date"), api=False, default=None)
    score: float | None = from_hit("Relevance score of a search hit.", default=None)
    highlight: dict[str, str] = from_hit(
        _HTML + " Keys: text, and surroundings (the words around the quote in its paragraph, "
        "when the search found them there).", default_factory=dict)

    @property
    def text_segments(self) -> list[Segment]:
        return segments(self.highlight["text"]) if "text" in self.highlight else [
            Segment(self.text)]

    @property
    def context_segments(self) -> list[Segment]:
        """The words around the quote that the search found, when it found them there."""
        return (segments(self.highlight["surroundings"]) if "surroundings" in self.highlight
                else [])

    @classmethod
    def from_hit(cls, hit: dict[str, Any]) -> Quote:
        return read_hit(cls, hit)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a release was read from."""

    url: str | None = stored(KEYWORD, "The release's address.")
    path: str | None = stored(KEYWORD, "The file it was read from.", api=False)
    sha256: str | None = stored(KEYWORD, "SHA-256 of the file as read.")
    format: str | None = stored(KEYWORD, "html, json, jsonl, markdown or txt.")


@dataclass(frozen=True, slots=True)
class Contact:
    """The press contact printed under a release (never a speaker)."""

    name: str | None = stored(KEYWORD)
    role: str | None = stored(KEYWORD)
    phone: str | None = stored(STORED_ONLY)
    email: str | None = stored(STORED_ONLY)


@dataclass(frozen=True, slots=True)
class Release:
    """One press release: its text, metadata and provenance."""

    id: str = stored(KEYWORD)
    title: str = stored(german_text(exact=True, keyword=True, highlighted=True))
    lead: str = stored(HIGHLIGHTED, "The subtitle, first paragraph of the body.")
    body: str = stored(HIGHLIGHTED, "Full text; quote offsets point into it.")
    headings: list[str] = stored(german_text(), api=False)
    publisher: str | None = stored(german_text(facet=True))
    place: str | None = stored(KEYWORD)
    topics: list[str] = stored(FACET)
    published: str | None = stored(DATE, "ISO date, or null.")
    date_precision: DatePrecision | None = stored(KEYWORD, "day, month or year.")
    language: str | None = stored(KEYWORD, "ISO 639-1 code.")
    source: SourceRef = stored(None, "Where the release was read from.")
    contact: Contact | None = stored(None, api=False)
    quote_count: int = stored(INTEGER)
    keywords: list[str] = stored(FACET, "The publisher's own keywords, as printed (topics "
                                 "come from the topic vocabulary).", default_factory=list)
    compound_parts: str = stored(GERMAN_WORDS, api=False, source=False, default="")
    folded: str = stored(FOLDED, "Search forms of the words of title, lead, body and "
                         "headings (search_service.folding).", api=False, source=False,
                         default="")
    ingested_at: str | None = stored({"type": "date"}, api=False, default=None)
    score: float | None = from_hit("Relevance score of a search hit.", default=None)
    highlight: dict[str, str] = from_hit(_HTML, default_factory=dict)

    @property
    def source_url(self) -> str | None:
        return self.source.url

    @property
    def snippet_segments(self) -> list[Segment]:
        for name in ("body", "lead"):
            if name in self.highlight:
                return segments(self.highlight[name])
        return [Segment(self.lead or self.body[:300])]

    @classmethod
    def from_hit(cls, hit: dict[str, Any]) -> Release:
        return read_hit(cls, hit)


@dataclass(frozen=True, slots=True)
class Counted:
    value: str = stored(KEYWORD)
    count: int = stored(INTEGER)


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role a speaker was quoted in, and when."""

    role: str | None = stored(KEYWORD)
    organization: str | None = stored(KEYWORD)
    first: str | None = stored(DATE)
    last: str | None = stored(DATE)
    count: int = stored(INTEGER)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker identity (the ``speakers`` index), built by the speaker registry."""

    id: str = stored(KEYWORD)
    name: str = stored(german_text(keyword=True))
    type: SpeakerType = stored(KEYWORD)
    quote_count: int = stored(INTEGER)
    keys: list[str] = stored(KEYWORD, "Folded names and printed forms, for lookups by name.")
    surnames: list[str] = stored(KEYWORD, "Folded surnames of person mentions.")
    aliases: list[Counted] = stored(None, "Forms of the name as printed, with how often.")
    publishers: list[Counted] = stored(None)
    roles: list[RoleSpan] = stored(None)
    first_date: str | None = stored(DATE)
    last_date: str | None = stored(DATE)
    decisions: list[dict[str, Any]] = stored(
        NOT_INDEXED, "Why each mention joined this identity or was kept apart: shown, not "
        "searched.")
