"""Reported (indirect) speech with a resolvable speaker.

:func:`find_indirect_quotes` finds reported speech: ``Klose unterstrich, dass … sei.``,
``Dabei betonte die Senatorin, dass …``, ``X sagte, das sei …`` (Konjunktiv),
``X said that …``. The text runs from ``dass``/``that`` (or the reported clause) to the end
of the sentence, without the final full stop. ``body[start:end] == text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.lexicon import PARTICLE_VERBS, REPORTING_VERBS
from indexer.extraction.persons import PersonRegistry, resolve
from indexer.extraction.phrases import PhraseParse, parse_speaker_phrase
from indexer.extraction.records import Paragraph, QuoteCandidate
from indexer.extraction.roles import is_role_token, only_role_words
from indexer.extraction.text import clause_start, sentence_end, strip_span

_INDIRECT_GERMAN = re.compile(
    r"\b(?P<verb>"
    + "|".join(sorted([*REPORTING_VERBS, *PARTICLE_VERBS], key=len, reverse=True))
    + r")\b(?P<mid>[^,.;:!?„“”\"]{0,80}?),\s+(?P<head>dass|daß|ob)\b"
)
_INDIRECT_KONJ = re.compile(
    r"\b(?P<verb>sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|unterstrich|"
    r"berichtete|berichtet|erläuterte|ergänzte|ergänzt)\b(?P<mid>[^,.;:!?„“”\"]{0,60}?),\s+"
    r"(?P<head>)(?=[^,.;:!?„“”\"]{0,80}\b(?:sei|seien|habe|werde|könne|müsse|solle|gebe)\b)"
)
_INDIRECT_ENGLISH = re.compile(
    r"\b(?P<verb>said|says|stated|noted|emphasized|emphasised|stressed|underscored|added|"
    r"explained|reiterated|affirmed|highlighted|confirmed|acknowledged|warned|argued|"
    r"made clear|told [\w\s]{1,30}?)(?P<mid>)\s+(?P<head>that)\b"
)


def find_indirect_quotes(
    body: str,
    paragraphs: Sequence[Paragraph],
    registry: PersonRegistry,
    publisher: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[QuoteCandidate]:
    """Reported speech (``X unterstrich, dass … sei.``) with a resolvable speaker."""
    out: list[QuoteCandidate] = []
    for para in paragraphs:
        if para.kind != "paragraph":
            continue
        for pattern in (_INDIRECT_GERMAN, _INDIRECT_KONJ, _INDIRECT_ENGLISH):
            for match in pattern.finditer(body, para.start, para.end):
                candidate = _indirect_candidate(body, para, match, registry, publisher)
                if candidate is None:
                    continue
                if any(s < candidate.end and candidate.start < e for s, e in exclude):
                    continue
                if any(c.start == candidate.start for c in out):
                    continue
                out.append(candidate)
    return out


def _indirect_candidate(
    body: str,
    para: Paragraph,
    match: re.Match[str],
    registry: PersonRegistry,
    publisher: str | None,
) -> QuoteCandidate | None:
    text_start = match.start("head") if match.group("head") else match.end()
    text_end = sentence_end(body, text_start, para.end)
    text_start, text_end = strip_span(body, text_start, text_end)
    if text_end - text_start < 15:
        return None
    text = body[text_start:text_end]
    if any(ch in text for ch in '„“”"»«'):
        return None  # a quotation mark inside: the direct-quote path covers it
    verb_start = match.start("verb")
    mid_start, mid_end = match.start("mid"), match.end("mid")
    needs = PARTICLE_VERBS.get(match.group("verb"))
    if needs and not body[mid_start:mid_end].rstrip().endswith(needs):
        return None  # "stellte ihre Forschung so … vor, dass …" is not reported speech
    parsed = PhraseParse(None)
    cue_start, cue_end = verb_start, mid_end
    if mid_end > mid_start and body[mid_start:mid_end].strip():
        parsed = parse_speaker_phrase(body[mid_start:mid_end], mid_start, after_cue=True)
    if parsed.reference is None:
        sentence_start = clause_start(body, verb_start, para.start)
        subject_start = sentence_start
        comma = body.rfind(",", subject_start, verb_start)
        if comma != -1:
            subject_start = comma + 1
        subject = body[subject_start:verb_start]
        if not subject.strip() and comma != -1:
            appositive = _appositive_subject(body, sentence_start, comma, verb_start)
            if appositive is not None:
                parsed, subject_start = appositive
                subject = body[subject_start:verb_start]
        if parsed.reference is None and (
            len(subject.split()) > 10 or re.search(r"\b(?:und|and|sowie)\b", subject)
        ):
            return None  # too far away, or several people ("X und Y erklärten")
        if parsed.reference is None:
            parsed = parse_speaker_phrase(subject, subject_start)
            if parsed.reference is None or not _phrase_ends_at(parsed, subject, subject_start):
                return None
        cue_start = parsed.name_start if parsed.name_start is not None else subject_start
    speaker, confidence = resolve(
        parsed, registry, verb_start, publisher, allow_unknown_surname=False
    )
    if speaker is None:
        return None
    cue_start, cue_end = strip_span(body, cue_start, max(cue_end, match.end("verb")))
    return QuoteCandidate(
        kind="indirect",
        text=text,
        start=text_start,
        end=text_end,
        speaker=speaker,
        cue=body[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        context=body[para.start : para.end],
        context_start=para.start,
        confidence=round(confidence * CONFIDENCE.REPORTED_SPEECH_FACTOR, 3),
    )


def _appositive_subject(
    body: str, sentence_start: int, comma: int, verb_start: int
) -> tuple[PhraseParse, int] | None:
    """``Jörn Oltmann, Bezirksbürgermeister von Tempelhof-Schöneberg, machte deutlich, dass``:
    the sentence opens with a full name and a role apposition closed by the comma before the
    verb."""
    while sentence_start < comma and body[sentence_start].isspace():
        sentence_start += 1
    subject = body[sentence_start:comma]
    if len(subject.split()) > 16 or re.search(r"\b(?:und|and|sowie)\b", subject):
        return None
    parsed = parse_speaker_phrase(subject, sentence_start)
    if parsed.reference != "name" or parsed.name_start is None or parsed.name_end is None:
        return None
    if not only_role_words(body[sentence_start : parsed.name_start]):
        return None
    rest = body[parsed.name_end : comma]
    if not re.match(r"\s*(?:\([^)]*\))?\s*,\s*\S", rest) or "," in rest.split(",", 1)[1]:
        return None  # exactly one apposition between the name and the verb
    if not any(is_role_token(w.strip(",")) for w in rest.split()):
        return None
    return parsed, sentence_start


def _phrase_ends_at(parsed: PhraseParse, subject: str, subject_start: int) -> bool:
    """The subject is right before the verb (``Klose unterstrich``), not somewhere earlier."""
    if parsed.name_end is None:
        return len(subject.split()) <= 3
    rest = subject[parsed.name_end - subject_start :]
    rest = re.sub(r"\([^)]*\)", "", rest)
    return len(rest.split()) <= 1
