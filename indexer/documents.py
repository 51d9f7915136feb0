"""Release and quote documents (:mod:`search_service.documents`) built from extraction
records (pure)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from indexer.dates import parse_published
from indexer.extraction.records import QuoteCandidate, ReleaseStructure, Speaker
from indexer.topics import TopicVocabulary
from search_service.compounds import CompoundSplitter
from search_service.documents import (
    Contact,
    DatePrecision,
    Kind,
    Quote,
    Release,
    RoleSource,
    SourceRef,
    SpeakerRef,
    SpeakerType,
)
from search_service.folding import search_forms
from search_service.limits import LIMITS

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class SourceInfo:
    path: str
    sha256: str
    format: str
    url: str | None



class MetadataError(ValueError):
    """Sidecar or record metadata with a wrong type or value."""


def release_id(url: str | None, body: str) -> str:
    """Stable id: hash of the canonical source URL, else of the whitespace-normalised body."""
    key = canonical_url(url) if url else "text:" + " ".join(body.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def canonical_url(url: str) -> str:
    url = url.strip()
    url = re.sub(r"#.*$", "", url)
    url = re.sub(r"^http://", "https://", url)
    return url.rstrip("/")


def speaker_id(name: str) -> str:
    """``"Kai Klose"`` -> ``"kai-klose"``; umlauts spelled out so ids stay ASCII."""
    text = name.lower().translate(UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MetadataError(f"'{key}' must be a string, not {type(value).__name__}")
    return value.strip()


def _topics(meta: dict[str, Any]) -> list[str]:
    value = meta.get("topics", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MetadataError("'topics' must be a list of strings")
    topics = [v.strip() for v in value if v.strip()]
    for topic in topics:
        if len(topic) > LIMITS.keyword_length:
            raise MetadataError(f"a keyword is {len(topic)} characters long; keywords are short "
                                f"labels (at most {LIMITS.keyword_length} characters)")
    return topics


def release_keywords(structure: ReleaseStructure, meta: dict[str, Any]) -> list[str]:
    """The publisher's keywords as printed (metadata, then the category line), without
    internal tags (``#pm_…``) and duplicates."""
    cleaned = (" ".join(word for word in keyword.split() if not word.startswith(("#", "pm_")))
               for keyword in [*_topics(meta), *structure.topics_from_category])
    return _dedupe([keyword for keyword in cleaned if keyword])


def build_release(
    structure: ReleaseStructure,
    source: SourceInfo,
    meta: dict[str, Any],
    quotes: Sequence[QuoteCandidate],
    splitter: CompoundSplitter,
    ingested_at: str,
    *,
    identity: str | None = None,
    vocabulary: TopicVocabulary | None = None,
) -> Release:
    """The release document; metadata from the sidecar wins over what was parsed.

    ``identity`` replaces the URL as the basis of the id where one URL holds several
    records (curated quotes from one page). ``topics`` come only from ``vocabulary``
    (default: the built-in one), through the keywords and text cues; the keywords
    themselves are kept as ``keywords``.
    """
    url = _str(meta, "url") or source.url
    if url and not re.match(r"^https?://[^\s/]", url, re.IGNORECASE):
        raise MetadataError(f"'url' must be an http(s) address, not {url[:80]!r}")
    try:
        published = parse_published(meta.get("published", meta.get("date")))
    except ValueError as error:
        raise MetadataError(str(error)) from None
    keywords = release_keywords(structure, meta)
    title = _str(meta, "title") or structure.title
    language = _str(meta, "language") or structure.language
    topics = (vocabulary or TopicVocabulary.default()).topics_for(
        keywords, title, structure.body, language)
    text = " ".join([title, structure.body])
    contact = structure.contact
    return Release(
        id=release_id(identity or url, structure.body),
        title=title,
        lead=structure.lead or "",
        body=structure.body,
        headings=list(structure.headings),
        publisher=_str(meta, "publisher") or structure.publisher,
        place=_str(meta, "place") or structure.place,
        topics=topics,
        keywords=keywords,
        published=published.value if published else None,
        date_precision=DatePrecision(published.precision) if published else None,
        language=language,
        source=SourceRef(url=url, path=source.path, sha256=source.sha256,
                         format=source.format),
        contact=None if contact is None else Contact(
            name=contact.name, role=contact.role, phone=contact.phone, email=contact.email),
        quote_count=len(quotes),
        compound_parts=" ".join(splitter.parts_of_text(text)),
        folded=search_forms([title, structure.lead, structure.body, *structure.headings],
                            splitter),
        ingested_at=ingested_at,
    )


def build_quotes(
    release: Release, quotes: Sequence[QuoteCandidate], splitter: CompoundSplitter
) -> list[Quote]:
    """One document per quote, carrying the release's date, topics and publisher."""
    return [Quote(
        id=f"{release.id}-{quote.start}-{quote.end}",
        release_id=release.id,
        kind=Kind(quote.kind),
        text=quote.text,
        speaker=_speaker(quote.speaker),
        cue=quote.cue,
        start=quote.start,
        end=quote.end,
        context=quote.context,
        context_start=quote.context_start,
        surroundings=surroundings(quote.context, quote.text, quote.start - quote.context_start),
        date=release.published,
        date_precision=release.date_precision,
        topics=release.topics,
        keywords=release.keywords,
        publisher=release.publisher,
        language=release.language,
        confidence=round(quote.confidence, 3),
        release_title=release.title,
        source_url=release.source.url,
        **quote_search_fields(quote.text, quote.speaker.name if quote.speaker else None,
                              quote.speaker.as_printed if quote.speaker else None, splitter),
        ingested_at=release.ingested_at,
    ) for quote in quotes]


class QuoteSearchFields(TypedDict):
    compound_parts: str
    folded: str


def quote_search_fields(text: str, speaker_name: str | None, as_printed: str | None,
                        splitter: CompoundSplitter) -> QuoteSearchFields:
    """A quote's search-only fields (kept out of the stored ``_source``): the parts of the
    compounds of its text, and the search forms of its text, its speaker's name and the
    name as printed (so a quote is found by either, printed near it or not)."""
    return {"compound_parts": " ".join(splitter.parts_of_text(text)),
            "folded": search_forms([text, speaker_name, as_printed], splitter)}


def rewritten_quote(source: dict[str, Any], splitter: CompoundSplitter) -> dict[str, Any]:
    """A stored quote ``source`` made whole again for writing: its search-only fields
    recomputed (its speaker's name may have changed)."""
    speaker = source.get("speaker") or {}
    return {**source, **quote_search_fields(source.get("text") or "", speaker.get("name"),
                                            speaker.get("as_printed"), splitter)}


def surroundings(context: str, text: str, offset: int) -> str:
    """The words of ``context`` before and after ``text`` (which starts at ``offset`` in
    it), joined by " … "; the whole context when the text is not found there."""
    end = offset + len(text)
    if offset < 0 or context[offset:end] != text:
        return context
    return " … ".join(part for part in (context[:offset].strip(), context[end:].strip())
                      if part)


def _speaker(speaker: Speaker | None) -> SpeakerRef | None:
    if speaker is None:
        return None
    return SpeakerRef(
        id=speaker_id(speaker.name),  # until the registry joins it to an identity
        name=speaker.name,
        mention=speaker.name,
        type=SpeakerType(speaker.type),
        as_printed=speaker.as_printed,
        role=speaker.role,
        role_source=RoleSource.PRINTED if speaker.role else None,
        organization=speaker.organization,
    )


def _dedupe(values: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())
