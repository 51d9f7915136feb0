"""Who is the source of a piece of reported speech: a person of the release, an organisation
or a document.

:func:`person_or_source` resolves a subject phrase (``Klose``, ``die Senatorin``, ``er``,
``Jörn Oltmann, Bezirksbürgermeister von Tempelhof-Schöneberg``) to a person of the release
through the person registry, and failing that classifies it as an organisation or document
(:mod:`indexer.extraction.source_phrases`). The publisher's own voice and phrases that name
several people (``X und Y``) give no source: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.persons import PersonRegistry, resolve
from indexer.extraction.phrases import PhraseParse, parse_speaker_phrase
from indexer.extraction.records import Paragraph, QuoteCandidate, Speaker
from indexer.extraction.roles import is_role_token, only_role_words
from indexer.extraction.source_phrases import classify, is_publisher_voice
from indexer.extraction.text import QUOTED, strip_span

_MIN_TEXT = 15  # characters of a reported statement
_SEVERAL = re.compile(r"\b(?:und|and|sowie)\b")
_FILLERS = re.compile(
    r"\b(?:sich|es|darauf|daran|darum|dafür|davon|dabei|dazu|zu dem|zum|der|die|das|dem|den|"
    r"zudem|auch|noch|nun|jetzt|heute|gestern|erneut|ebenfalls|außerdem|abschließend|"
    r"ausdrücklich|nochmals|deutlich|klar|hervor|hinzu|hin|an|aus|fest|mit|ein|auf|"
    r"zu|bekannt|bedenken)\s*$")


@dataclass(frozen=True)
class Source:
    """A resolved source and how sure the resolution is."""

    speaker: Speaker | None  # None: a person the release does not name ("die Senatorin")
    confidence: float
    cue_start: int
    cue_end: int


def person_or_source(text: str, offset: int, registry: PersonRegistry, publisher: str | None,
                     language: str, *, after_cue: bool = False,
                     must_end_at_cue: bool = True) -> Source | None:
    """The source named by the phrase ``text`` (which starts at ``offset`` in the body)."""
    stripped = text.strip()
    if not stripped or len(stripped.split()) > 14:
        return None
    parsed = parse_speaker_phrase(text, offset, after_cue=after_cue)
    if parsed.reference == "surname" and classify(stripped, language) is not None:
        parsed = PhraseParse(None)  # "Polizeiangaben", "Polizei": a source, not a surname
    if parsed.reference is not None and (not must_end_at_cue or _ends_at(parsed, text, offset)):
        speaker, confidence = resolve(parsed, registry, offset, publisher,
                                      allow_unknown_surname=False)
        start = parsed.name_start if parsed.name_start is not None else offset
        if speaker is not None:
            if parsed.reference == "name" and len(speaker.name.split()) > 1:
                # "so Steffen Baese": a later "so Baese" of the same release means him
                registry.add(speaker.name, start, speaker.role, speaker.organization,
                             parsed.gender)
            return Source(speaker, confidence, start, offset + len(text.rstrip()))
        if parsed.reference == "role" and len(stripped.split()) <= 4:
            # "Die Senatorin betonte, dass …" in a release that never names her: a person
            # spoke, nobody can say who; the record keeps speaker None, nothing is guessed
            return Source(None, CONFIDENCE.NO_SPEAKER, start, offset + len(text.rstrip()))
        if parsed.reference in {"name", "surname"}:
            return None  # a person nobody can identify: never an organisation instead
    found = classify(stripped, language)
    if found is None:
        return None
    if _SEVERAL.search(stripped) and not re.search(r"\b(?:and|und)\s+[A-ZÄÖÜ]", stripped):
        return None  # "die Polizei und die Feuerwehr"; "Food and Drug Administration" is one
    kind, name = found
    if is_publisher_voice(name, publisher, language):
        return None
    start = offset + text.find(name)
    return Source(Speaker(name=name, as_printed=name, type=kind), CONFIDENCE.SOURCE_NAMED,
                  start, start + len(name))


_FIRST_PERSON_DE = re.compile(r"\b(?:ich|mich|mir|mein\w*)\b", re.IGNORECASE)


def _reads_as_reported(text: str) -> bool:
    """Not a direct quote (opening with a quotation mark), not first-person singular words
    outside quotation marks (a quote printed without marks), not a web or mail address."""
    if text[:1] in "„“”\"»«" or "http" in text or "www." in text or "@" in text:
        return False
    if text.count("„") + text.count("»") < text.count("“") + text.count("«") and "„" in text:
        return False  # a quote whose opening mark is missing: "… uns“, so die Bürgermeisterin"
    if "“" in text and "„" not in text and "”" not in text and text.count("“") % 2 == 1:
        return False
    if text[-1:] in "“”»«" and not any(mark in text[:-1] for mark in "„“»«"):
        return False  # "… die meisten Mitglieder gewonnen”, so Richter": a quote's end
    return not _FIRST_PERSON_DE.search(QUOTED.sub(" ", text))


def trim_fillers(text: str) -> str:
    """``die Senatorin darauf hin`` -> ``die Senatorin`` (particles after an inverted subject)."""
    previous = None
    while previous != text:
        previous = text
        text = _FILLERS.sub("", text.rstrip())
    return text


def appositive_subject(body: str, sentence_start: int, comma: int,
                       registry: PersonRegistry, publisher: str | None) -> Source | None:
    """``Jörn Oltmann, Bezirksbürgermeister von Tempelhof-Schöneberg, machte deutlich, dass``:
    a full name and one role apposition closed by the comma before the verb."""
    while sentence_start < comma and body[sentence_start].isspace():
        sentence_start += 1
    subject = body[sentence_start:comma]
    if len(subject.split()) > 16 or _SEVERAL.search(subject):
        return None
    parsed = parse_speaker_phrase(subject, sentence_start)
    if parsed.reference != "name" or parsed.name_start is None or parsed.name_end is None:
        return None
    if not only_role_words(body[sentence_start:parsed.name_start]):
        return None
    rest = body[parsed.name_end:comma]
    if not re.match(r"\s*(?:\([^)]*\))?\s*,\s*\S", rest) or "," in rest.split(",", 1)[1]:
        return None
    if not any(is_role_token(w.strip(",")) for w in rest.split()):
        return None
    speaker, confidence = resolve(parsed, registry, sentence_start, publisher,
                                  allow_unknown_surname=False)
    if speaker is None:
        return None
    return Source(speaker, confidence, parsed.name_start, parsed.name_end)


_OF_PLACE = re.compile(r"^\s*(?:of|from)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}")


def _ends_at(parsed: PhraseParse, text: str, offset: int) -> bool:
    """The phrase's person stands right at the cue (``Klose unterstrich``), not earlier."""
    if parsed.name_end is None:  # a role or pronoun: "Die Justizsenatorin von Berlin hat …"
        return len(text.split()) <= (5 if parsed.reference == "role" else 3)
    rest = re.sub(r"\([^)]*\)", "", text[parsed.name_end - offset:])
    rest = _OF_PLACE.sub("", rest)  # "Mayor Greg Fischer of Louisville explained how"
    return len(rest.split()) <= 1


def reported_candidate(body: str, start: int, end: int, para: Paragraph, source: Source, *,
               cue: bool = True, cue_end: int | None = None) -> QuoteCandidate | None:
    """The record for ``body[start:end]`` (stripped) reported from ``source``; ``cue=False``
    for a continuation, whose cue is the earlier sentence's."""
    start, end = strip_span(body, start, end)
    if end - start < _MIN_TEXT or not _reads_as_reported(body[start:end]):
        return None
    cue_start, cue_stop = (source.cue_start, cue_end or source.cue_end) if cue else (None, None)
    if cue_start is not None and cue_stop is not None:
        cue_start, cue_stop = strip_span(body, min(cue_start, cue_stop), max(cue_start, cue_stop))
    return QuoteCandidate(
        kind="indirect",
        text=body[start:end],
        start=start,
        end=end,
        speaker=source.speaker,
        cue=body[cue_start:cue_stop] if cue_start is not None and cue_stop else None,
        cue_start=cue_start,
        cue_end=cue_stop,
        context=body[para.start:para.end],
        context_start=para.start,
        confidence=round(source.confidence * CONFIDENCE.REPORTED_SPEECH_FACTOR, 3),
    )
