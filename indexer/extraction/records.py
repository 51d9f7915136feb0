"""Records produced by the extraction step: release structure, contacts, speakers, quotes.

All character offsets (``start``/``end``, ``cue_start``/``cue_end``, ``context_start``) are
offsets into :attr:`ReleaseStructure.body`, so ``body[start:end] == text`` holds for every
paragraph and every quote candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ParagraphKind = Literal["heading", "paragraph"]
QuoteKind = Literal["direct", "indirect", "statement"]
SpeakerType = Literal["person", "organisation", "document"]


@dataclass(frozen=True)
class Paragraph:
    """One block of the body: a heading or a paragraph, with its offsets into the body."""

    text: str
    start: int
    end: int
    kind: ParagraphKind = "paragraph"


@dataclass(frozen=True)
class Contact:
    """The press contact of a release. A contact person is never a speaker."""

    name: str | None
    role: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Who said it: canonical ``name`` plus the surface form ``as_printed`` at the cue.

    ``type``: a person, or an organisation or document given as the source of reported
    speech ("laut einer Studie des DIW", "Der Bericht kommt zu dem Ergebnis, dass …").
    """

    name: str
    as_printed: str
    role: str | None = None
    organization: str | None = None
    type: SpeakerType = "person"


@dataclass(frozen=True)
class ReleaseStructure:
    """A release split into its parts.

    ``body`` is the clean paragraphs (the lead first, when there is one) joined with
    ``"\\n\\n"``; every offset elsewhere in the extraction records points into it.
    """

    title: str
    lead: str | None
    topics_from_category: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[str, ...]
    contact: Contact | None
    publisher: str | None
    place: str | None
    body: str
    language: str | None = None


@dataclass(frozen=True)
class QuoteCandidate:
    """A direct quote, a reported (indirect) statement or a whole statement, with evidence."""

    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    context: str
    context_start: int
    confidence: float
