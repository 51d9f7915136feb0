"""Direct quotes: quotation-mark spans with their speaker, cue and evidence.

:func:`find_direct_quotes` attributes each span of :mod:`indexer.extraction.spans` through
:mod:`indexer.extraction.attribution` (after the quote, before it or around it). A quote
that follows an attributed quote of the same paragraph, or opens the paragraph after one,
continues that speaker (lower confidence). A quote without any attribution is kept with
speaker ``None`` if it reads like speech (long enough, with sentence punctuation); short
unattributed strings in quotation marks (titles, names of events) are not quotes.

``body[start:end] == text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.extraction.attribution import (
    PARTIAL_QUOTE_VERBS,
    Attribution,
    attribute_after,
    attribute_before,
    attribute_in_sentence,
)
from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.lexicon import CUE_VERBS, STRONG_CUES
from indexer.extraction.names import name_runs
from indexer.extraction.persons import PersonRegistry
from indexer.extraction.records import Paragraph, QuoteCandidate
from indexer.extraction.spans import QuoteSpan, block_quote_spans, find_quote_spans
from indexer.extraction.text import tokenize


def _strong(attribution: Attribution) -> bool:
    """A short quote needs a plain speech cue (``so``, ``sagt``, ``said``) or a bare name."""
    words = [w.strip(",.:") for w in (attribution.cue or "").lower().split()]
    if not any(w in CUE_VERBS for w in words):
        return attribution.cue is not None
    return any(w in STRONG_CUES for w in words)


_FIRST_PERSON = re.compile(
    r"\b(?:ich|wir|uns|unser\w*|mich|mir|mein\w*|I|we|us|our|my|me)\b", re.IGNORECASE
)


def _sentence_like(text: str) -> bool:
    return bool(re.search(r"[.!?…:]$", text)) or len(text.split()) >= 15


def _verbless(attribution: Attribution) -> bool:
    words = [w.strip(",.:") for w in (attribution.cue or "").lower().split()]
    return attribution.cue is not None and not any(
        w in PARTIAL_QUOTE_VERBS or w in {"so", "laut", "according", "worten"} for w in words
    )


def _looks_like_speech(text: str) -> bool:
    """Unattributed text in quotation marks: a spoken sentence, not a title or a name."""
    words = text.split()
    if len(words) < 5:
        return False
    ends_sentence = bool(re.search(r"[.!?…]$", text)) and not re.search(
        r"\b(?:e\.\s?V|GmbH|Inc|Co|Ltd|gGmbH)\.$", text
    )
    return (ends_sentence and len(words) >= 6) or (
        len(words) >= 12 and bool(_FIRST_PERSON.search(text))
    )


def find_direct_quotes(
    body: str,
    paragraphs: Sequence[Paragraph],
    registry: PersonRegistry,
    publisher: str | None = None,
) -> list[QuoteCandidate]:
    """Direct quotes with speaker (or ``None``), cue and evidence."""
    out: list[QuoteCandidate] = []
    spans = find_quote_spans(body, paragraphs)
    blocks = block_quote_spans(body, paragraphs, spans)
    if blocks:
        inside = {id(n) for b in blocks for n in b.nested}
        spans = sorted([s for s in spans if id(s) not in inside] + blocks, key=lambda q: q.open_pos)
    para_of = {id(s): _paragraph_at(paragraphs, s.open_pos) for s in spans}
    previous: QuoteCandidate | None = None
    previous_para: Paragraph | None = None
    for span in spans:
        para = para_of[id(span)]
        text = body[span.start : span.end]
        if not text.strip():
            continue
        close_para = _paragraph_at(paragraphs, span.close_pos)
        attribution = None
        if not span.block:
            attribution = attribute_after(body, span, close_para, registry, publisher)
        if attribution is None:
            attribution = attribute_before(
                body, span, para, registry, publisher, _previous_paragraph(paragraphs, para)
            )
        if attribution is None and previous is not None and previous.speaker is not None:
            attribution = _continuation(body, span, para, previous, previous_para)
        if attribution is None and not span.block:
            attribution = attribute_in_sentence(body, span, para, registry, publisher)
        if attribution is None and (span.block or not _looks_like_speech(text)):
            continue
        if attribution is None and _title_line(body, span, para) and len(text.split()) < 12:
            continue  # „Bewährte Hausmittel sind besser als ihr Ruf?“ on a line of its own
        if attribution is not None and len(text.split()) < 6 and not _strong(attribution):
            continue
        if attribution is not None and not _sentence_like(text) and _verbless(attribution):
            continue  # "Vortrag von Prof. X: „Staat und Kirche in der DDR“" - a title
        if attribution is not None and attribution.speaker is not None:
            registry.note_speaker(attribution.speaker.name, span.open_pos)
        if attribution is not None and len(text.split()) < 2 and attribution.cue_start is None:
            continue
        # the last paragraph of a multi-paragraph quote is the context
        context_para = para
        if span.close_pos > para.end:
            context_para = _paragraph_at(paragraphs, span.close_pos)
        ctx_start = para.start
        ctx_end = max(context_para.end, para.end)
        candidate = QuoteCandidate(
            kind="direct",
            text=text,
            start=span.start,
            end=span.end,
            speaker=attribution.speaker if attribution else None,
            cue=attribution.cue if attribution else None,
            cue_start=attribution.cue_start if attribution else None,
            cue_end=attribution.cue_end if attribution else None,
            context=body[ctx_start:ctx_end],
            context_start=ctx_start,
            confidence=attribution.confidence if attribution else CONFIDENCE.NO_SPEAKER,
        )
        out.append(candidate)
        previous, previous_para = candidate, para
    return out


def _title_line(body: str, span: QuoteSpan, para: Paragraph) -> bool:
    """The quotation marks enclose their whole line (a programme or event title)."""
    line_start = body.rfind("\n", para.start, span.open_pos) + 1 or para.start
    line_end = body.find("\n", span.close_pos, para.end)
    line_end = para.end if line_end == -1 else line_end
    before = body[max(line_start, para.start) : span.open_pos]
    after = body[span.close_pos + 1 : line_end]
    return not before.strip() and not after.strip(" .,;:")


def names_a_thing(body: str, quote: QuoteCandidate, paragraphs: Sequence[Paragraph]) -> bool:
    """Quotation marks inside a sentence (right after a word: ``unter dem Motto „…“``,
    ``den Fachtag „…“ aus``) or on a list line (``- Donnerstag, 11 Uhr: „…“``) enclose the
    name of a thing when nobody is said to have said it; unattributed speech opens a sentence
    or follows a colon. (Applied once reported speech had its chance to claim the quote: "X
    called the law a “down payment …”".)"""
    para = _paragraph_at(paragraphs, quote.start)
    open_pos = quote.start - 1
    line_start = max(body.rfind("\n", para.start, open_pos) + 1, para.start)
    before = body[line_start:open_pos]
    if before.lstrip().startswith(("-", "•", "–")):
        return True
    before = before.rstrip()
    if not before or not before[-1].isalnum() or \
            before.split()[-1].lower() in {"that", "dass", "daß", "ob", "whether"}:
        return False  # ", „…“" and "that “…”" may open speech ("with the words, “…”")
    sentence = re.split(r"[.!?]\s", before)[-1]
    return not any(w.strip(",;:").lower() in CUE_VERBS for w in sentence.split())


def _continuation(
    body: str,
    span: QuoteSpan,
    para: Paragraph,
    previous: QuoteCandidate,
    previous_para: Paragraph | None,
) -> Attribution | None:
    """A quote right after an attributed quote continues the same speaker - if it reads
    like a sentence, not a title (``„Hirn oder Herz: wo es schmerzt“ hieß der Titel …``)."""
    assert previous.speaker is not None
    if not _sentence_like(body[span.start : span.end]):
        return None
    if previous_para is para:
        between = body[max(previous.end, previous.cue_end or 0) : span.open_pos]
        between = re.sub(r"^[“”\"»«]", "", between)
        if len(between) <= 80 and not any(
            len(run.tokens) >= 2 for run in name_runs(tokenize(between))
        ):
            return Attribution(previous.speaker, CONFIDENCE.CONTINUATION, None, None, None)
        return None
    if (
        previous_para is not None
        and span.open_pos == para.start
        and _next_paragraph_index(previous_para, para)
        and previous.end >= previous_para.end - 40
    ):
        return Attribution(previous.speaker, CONFIDENCE.CONTINUATION, None, None, None)
    return None


def _previous_paragraph(paragraphs: Sequence[Paragraph], para: Paragraph) -> Paragraph | None:
    for index, candidate in enumerate(paragraphs):
        if candidate is para:
            return paragraphs[index - 1] if index > 0 else None
    return None


def _next_paragraph_index(a: Paragraph, b: Paragraph) -> bool:
    return b.start - a.end == 2


def _paragraph_at(paragraphs: Sequence[Paragraph], pos: int) -> Paragraph:
    for para in paragraphs:
        if para.start <= pos < para.end or pos == para.end:
            return para
    return paragraphs[-1]
