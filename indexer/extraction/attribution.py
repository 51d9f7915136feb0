"""Who said a quote: the attribution cue after, before or around its quotation marks.

:func:`attribute_after` reads the clause after the closing mark (``„…“, so Klose.``,
``„…“, hob Kose hervor.``, ``“…,” said X.``, ``“…,” X said.``, a bare name with a role
apposition); :func:`attribute_before` the clause before the opening mark
(``Staatssekretär Kai Klose: „…“``, ``X sagte: „…“``, ``X said, “…”``, ``laut X``,
``nach Worten von X``, ``according to X``) or around it (``… hatte X betont, „dass …“``),
and a paragraph of its own that only names the speaker right before the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.lexicon import (
    CUE_VERBS,
    ENGLISH_CUE_VERBS,
    GERMAN_CUE_VERBS,
    VERB_PARTICLES,
    words,
)
from indexer.extraction.persons import PersonRegistry, resolve
from indexer.extraction.phrases import PhraseParse, parse_speaker_phrase
from indexer.extraction.records import Paragraph, Speaker
from indexer.extraction.roles import only_role_words
from indexer.extraction.spans import QuoteSpan
from indexer.extraction.text import clause_end, clause_start, strip_span

_GERMAN_CUE_RE = "|".join(sorted(set(GERMAN_CUE_VERBS), key=len, reverse=True))
_ENGLISH_CUE_RE = "|".join(sorted(set(ENGLISH_CUE_VERBS), key=len, reverse=True))

_AFTER_GERMAN = re.compile(
    r"\s*(?:,|–|—|-)?\s*[*_]*\s*(?P<cue>so|laut|nach\s+(?:den\s+)?Worten\s+(?:von|des|der)|"
    + _GERMAN_CUE_RE
    + r")\b",
)
_AFTER_ENGLISH_VERB_FIRST = re.compile(
    r"\s*,?\s*(?P<cue>" + _ENGLISH_CUE_RE + r"|according\s+to)\b"
)
_AFTER_ENGLISH_SUBJECT_FIRST = re.compile(
    r"\s*,?\s*(?P<subject>[^.,;:!?„“”\"]{1,80}?)\s+(?P<cue>" + _ENGLISH_CUE_RE + r")\b"
    r"(?P<tail>[^.!?;„“”\"]{0,40})(?=[.,;!?]|\s*$)"
)
_BEFORE_LAUT = re.compile(
    r"(?:\b[Ll]aut|\b[Nn]ach\s+(?:den\s+)?Worten\s+(?:von|des|der)|\b[Aa]ccording\s+to)\s+"
)


@dataclass(frozen=True)
class Attribution:
    """A quote's speaker (``None``: a cue names no person) with confidence and cue."""

    speaker: Speaker | None
    confidence: float
    cue: str | None
    cue_start: int | None
    cue_end: int | None


def _attribution(
    body: str,
    cue_start: int,
    cue_end: int,
    parsed: PhraseParse,
    registry: PersonRegistry,
    publisher: str | None,
    *,
    allow_unknown_surname: bool = False,
) -> Attribution | None:
    speaker, confidence = resolve(
        parsed, registry, cue_start, publisher, allow_unknown_surname=allow_unknown_surname
    )
    if speaker is None:
        return None
    cue_start, cue_end = strip_span(body, cue_start, cue_end)
    return Attribution(speaker, confidence, body[cue_start:cue_end], cue_start, cue_end)


def attribute_after(
    body: str, span: QuoteSpan, para: Paragraph, registry: PersonRegistry, publisher: str | None
) -> Attribution | None:
    """``„…“, so Klose.`` / ``„…“, hob Kose hervor.`` / ``“…,” said X.`` / ``“…,” X said.``"""
    pos = span.close_pos + 1
    end = clause_end(body, pos, para.end)
    clause = body[pos:end]
    if body[end : end + 1] == ":":
        return None  # "„Netzwerk“ erklärt X: „…“" - the cue belongs to the next quote
    for pattern in (_AFTER_GERMAN, _AFTER_ENGLISH_VERB_FIRST):
        match = pattern.match(clause)
        if not match:
            continue
        seg_start = pos + match.end()
        parsed = parse_speaker_phrase(body[seg_start:end], seg_start, after_cue=True)
        if parsed.reference is None:
            continue
        cue_end = parsed.name_end if parsed.name_end is not None else end
        cue_end = _extend_particle(body, cue_end, end)
        if parsed.reference in {"role", "pronoun"}:
            cue_end = end
        attribution = _attribution(
            body,
            pos + match.start("cue"),
            cue_end,
            parsed,
            registry,
            publisher,
            allow_unknown_surname=True,
        )
        if attribution is not None:
            return attribution
    bare = _bare_name_after(body, pos, para, registry, publisher)
    if bare is not None:
        return bare
    match = _AFTER_ENGLISH_SUBJECT_FIRST.match(clause)
    if match:
        subject = match.group("subject")
        if len(subject.split()) <= 8:
            seg_start = pos + match.start("subject")
            parsed = parse_speaker_phrase(subject, seg_start, after_cue=True)
            if parsed.reference is not None:
                return _attribution(
                    body,
                    seg_start,
                    pos + match.end("cue"),
                    parsed,
                    registry,
                    publisher,
                    allow_unknown_surname=True,
                )
    return _unnamed_speaker_after(body, pos, clause)


_GROUP_CUE = re.compile(
    r",\s*(?P<cue>(?:sagt|sagte|sagten|sagen|betont|betonte|betonten|betonen|erklärt|erklärte|"
    r"erklärten|erklären|meint|meinte|meinten|meinen|berichtet|berichtete|berichteten|berichten)"
    r"\s+(?:die|der|das|einige|viele|alle|mehrere)\s+[^.!?;:„“”\"]{2,60}?)\s*(?=\s+und\s|[.;!?]|$)"
)


def _unnamed_speaker_after(body: str, pos: int, clause: str) -> Attribution | None:
    """``„…“, betonen die Veranstalter.``: a plain speech verb with a speaker who is no named
    person (a group, an anonymous participant). The quote is kept with speaker unknown and
    the cue as evidence - not dropped, and not guessed."""
    match = _GROUP_CUE.match(clause)
    if match is None:
        return None
    cue_start, cue_end = strip_span(body, pos + match.start("cue"), pos + match.end("cue"))
    return Attribution(None, CONFIDENCE.NO_SPEAKER, body[cue_start:cue_end], cue_start, cue_end)


def _bare_name_after(
    body: str, pos: int, para: Paragraph, registry: PersonRegistry, publisher: str | None
) -> Attribution | None:
    """``„…“ Annika Gerold, Stadträtin für …`` / ``„…“ (Clara Herrmann, Stadträtin …)``: a full
    name right after the closing mark, followed by a role apposition or party."""
    match = re.match(r"[ \t]*[(–—-]?[ \t]*", body[pos : para.end])
    start = pos + (match.end() if match else 0)
    end = min(para.end, start + 200)
    stop = re.search(r"[.;:!?„“”\"\n]", body[start:end])
    if stop and not re.match(r"[A-Z]\.", body[start + stop.start() - 1 : start + stop.end()]):
        end = start + stop.start()
    parsed = parse_speaker_phrase(body[start:end], start)
    if parsed.reference != "name" or parsed.name_start != start or parsed.name_end is None:
        return None
    rest = body[parsed.name_end : end]
    bracketed = body[start - 1 : start] == "(" and re.match(r"\s*(?:[–—,]\s*\S|\))", rest)
    if not bracketed and (
        not re.match(r"\s*(?:,\s*\S|\()", rest) or (parsed.role is None and "(" not in rest[:3])
    ):
        return None  # "(Michael Bock – Malerei – 2002)" names the source in brackets
    return _attribution(
        body, start, end if body[end - 1 : end] != ")" else end - 1, parsed, registry, publisher
    )


def _extend_particle(body: str, cue_end: int, end: int) -> int:
    """``hob Kose hervor`` - include a separated verb particle at the clause end."""
    tail = body[cue_end:end]
    match = re.match(r"^((?:\s+\S+){0,6}?\s+(?:" + "|".join(VERB_PARTICLES) + r"))\s*$", tail)
    if match:
        return cue_end + match.end(1)
    return cue_end


def attribute_before(
    body: str,
    span: QuoteSpan,
    para: Paragraph,
    registry: PersonRegistry,
    publisher: str | None,
    previous: Paragraph | None = None,
) -> Attribution | None:
    """``Staatssekretär Kai Klose: „…“`` / ``X sagte: „…“`` / ``… betont, „dass …“``."""
    pos = span.open_pos
    pre_end = pos
    while pre_end > para.start and (body[pre_end - 1].isspace() or body[pre_end - 1] in "_*"):
        pre_end -= 1
    if re.fullmatch(r"\s*(?:bq|p)\.\s*", body[para.start : pre_end] + " "):
        pre_end = para.start
    if pre_end <= para.start:
        # "Bezirksbürgermeister Jörn Oltmann:" as a paragraph of its own before the quote
        if previous is None:
            return None
        if not previous.text.rstrip().endswith(":"):
            return _speaker_line(body, previous, registry, publisher)
        para = previous
        pre_end = previous.start + len(previous.text.rstrip())
    last = body[pre_end - 1]
    start = clause_start(body, pre_end - 1, para.start)
    segment = body[start : pre_end - 1] if last in ":," else body[start:pre_end]
    seg_end = start + len(segment)

    lauts = list(_BEFORE_LAUT.finditer(segment))
    laut = lauts[-1] if lauts else None
    if laut is not None:
        seg_start = start + laut.end()
        phrase_end = clause_end(body, seg_start, seg_end)
        phrase_end = min(phrase_end, _comma_or_end(body, seg_start, seg_end))
        parsed = parse_speaker_phrase(body[seg_start:phrase_end], seg_start, after_cue=True)
        if parsed.reference is not None:
            cue_end = parsed.name_end if parsed.name_end is not None else phrase_end
            attribution = _attribution(
                body, start + laut.start(), cue_end, parsed, registry, publisher
            )
            if attribution is not None:
                return attribution

    if last not in ":,":
        return None
    verbs = [
        m for m in re.finditer(r"\b[\wäöüÄÖÜß]+\b", segment) if m.group(0).lower() in CUE_VERBS
    ]
    if last == "," and not verbs:
        return None
    if verbs:
        verb = verbs[-1]
        verb_abs = start + verb.start()
        # inverted order after the verb: "Dazu erklärt Senatorin X:"
        after_start = start + verb.end()
        parsed = parse_speaker_phrase(body[after_start:seg_end], after_start, after_cue=True)
        if parsed.reference in {"name", "surname"} or (
            parsed.reference is not None and _only_phrase(body[after_start:seg_end])
        ):
            attribution = _attribution(body, verb_abs, seg_end, parsed, registry, publisher)
            if attribution is not None:
                return attribution
        # subject before the verb: "Klose sagte:", "… hatte X betont, „dass …“"
        parsed = parse_speaker_phrase(body[start:verb_abs], start)
        if parsed.reference is not None:
            return _attribution(body, start, start + verb.end(), parsed, registry, publisher)
        return None
    # no verb: the segment itself must be a speaker phrase ("Staatssekretär Kai Klose:")
    if len(segment.split()) > 30:
        return None
    parsed = parse_speaker_phrase(segment, start)
    if parsed.reference in {"name", "surname"} and parsed.name_end is not None:
        # the name (with party or role apposition) must close the segment: "Name:" or
        # "Name (SPD):" or "Name, Senatorin für …:" - not "14.00 Uhr Presse- und Fototermin:"
        rest = body[parsed.name_end : seg_end]
        lead = body[start : parsed.name_start] if parsed.name_start is not None else ""
        # "… würdigt … den Ehrenbürger Egon Bahr:" names the subject of the quote, not its
        # speaker: only role words may stand before the name
        if _closes_segment(rest) and (len(lead.split()) <= 3 or only_role_words(lead)):
            attribution = _attribution(body, start, seg_end, parsed, registry, publisher)
            if attribution is not None:
                return attribution
    if (
        last == ":"
        and parsed.reference == "role"
        and len(segment.split()) <= 4
        and re.fullmatch(r"\s*(?:(?:Der|Die|Unser|Unsere)\s+)?[\w-]+\s*", segment)
    ):
        # "Der Landeswahlleiter: „…“" - the role noun alone names the person introduced before
        attribution = _attribution(body, start, seg_end, parsed, registry, publisher)
        if attribution is not None:
            return attribution
    if last == ":":
        # a sentence opening with the speaker: "Michael Grunst wirbt um Spenden für den Verein:"
        parsed = parse_speaker_phrase(segment, start, after_cue=True)
        if parsed.reference in {"name", "surname"} and parsed.name_start is not None:
            lead = body[start : parsed.name_start]
            if only_role_words(lead):
                attribution = _attribution(body, start, seg_end, parsed, registry, publisher)
                if attribution is not None:
                    return _penalised(attribution, CONFIDENCE.SENTENCE_OPENER_PENALTY)
    return None


PARTIAL_QUOTE_VERBS = CUE_VERBS | frozenset(words("partial_quote_verbs.txt"))
# German articles and prepositions right before the marks lead to a title ("von „Jugend
# debattiert“"); English "a"/"the" lead to a partial quote ("called it a “waste”")
_TITLE_LEADS = (frozenset(words("articles.de.txt") + words("prepositions.de.txt")) - {"als"}
                | {"und", "oder", "sowie"})
_GERMAN_WORDS = frozenset(w.lower() for w in words("stopwords.de.txt"))
_ENGLISH_WORDS = frozenset(w.lower() for w in words("stopwords.en.txt"))


def _reads_german(tokens: list[str]) -> bool:
    """More German than English function words (German capitalises every noun)."""
    lower = [t.lower() for t in tokens]
    return sum(t in _GERMAN_WORDS for t in lower) > sum(t in _ENGLISH_WORDS for t in lower)


_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*(?:[-•*]\s+)?|\s[-•]\s+)(?=\S)")
_OPENER_END = re.compile(r"\s*(?:[—–,(]|\*\*|\s-\s|$)")


def attribute_in_sentence(
    body: str, span: QuoteSpan, para: Paragraph, registry: PersonRegistry,
    publisher: str | None,
) -> Attribution | None:
    """A partial quote inside a reported clause: ``Representative Joe Wilson, who represents
    …, said the law was passed “to the detriment …”``, ``Fry called the Act “horrible”``,
    ``Die Senatorin bezeichnete den Plan als „…“``. The subject of the last speech verb
    before the quote in its sentence - right before the verb, or the name that opens the
    sentence - is the speaker when it is a person of the release (lower confidence)."""
    pos = span.open_pos
    opens = [m.end() for m in _SENTENCE_OPEN.finditer(body, para.start, pos)]
    start = max([o for o in opens if o < pos] or [para.start])
    while start < pos and body[start] in "-•*_ ":
        start += 1  # a list bullet, Markdown emphasis around the opening name
    if pos - start > 400:
        return None
    sentence = body[start:pos].split()
    previous = sentence[-1] if sentence else ""
    if previous in _TITLE_LEADS or (previous[:1].isupper() and _reads_german(sentence)):
        return None  # "zeigt den Film „…“", "liest aus seinen Sachbüchern „…“": a title
    verbs = [m for m in re.finditer(r"\b[\wäöüÄÖÜß]+\b", body[start:pos])
             if m.group(0).lower() in PARTIAL_QUOTE_VERBS]
    if not verbs:
        return None
    verb = verbs[-1]
    verb_abs = start + verb.start()
    if verb_abs > start:
        before = body[start:verb_abs]
        near_start = start + max(before.rfind(","), before.rfind("—"), before.rfind("–")) + 1
        opener = _OPENER_END.search(body, start, verb_abs)
        phrases = [(near_start, verb_abs)]
        if opener is not None and opener.start() > start:
            phrases.append((start, opener.start()))
        for lo, hi in phrases:
            text = body[lo:hi].strip(" *_")
            if not text or len(text.split()) > 8:
                continue
            lo = body.find(text, lo, hi)
            parsed = parse_speaker_phrase(text, lo)
            if parsed.reference is None:
                continue
            attribution = _attribution(body, lo, start + verb.end(), parsed, registry,
                                       publisher)
            if attribution is not None and attribution.speaker is not None:
                return _penalised(attribution, CONFIDENCE.SENTENCE_OPENER_PENALTY)
    return None


def _closes_segment(rest: str) -> bool:
    rest = re.sub(r"\([^()]{0,60}\)", "", rest).strip()
    if not rest:
        return True
    if not rest.startswith(","):
        return False
    return bool(re.search(r"[A-ZÄÖÜ]", rest)) and len(rest.split()) <= 25


def _speaker_line(
    body: str, line: Paragraph, registry: PersonRegistry, publisher: str | None
) -> Attribution | None:
    """A paragraph that only names the speaker (``Senator Bernie Sanders (VT)``,
    ``Bezirksbürgermeister Jörn Oltmann``) right before a paragraph opening with a quote."""
    text = line.text.strip()
    if (
        len(text.split()) > 16
        or re.search(r"(?<!e\.V)(?<!Jr)[.!?]$", text)
        or any(c in text for c in '„“”"')
    ):
        return None
    parsed = parse_speaker_phrase(text, line.start)
    if parsed.reference != "name" or parsed.name_start is None or parsed.name_end is None:
        return None
    if not only_role_words(body[line.start : parsed.name_start]):
        return None
    if not _closes_segment(body[parsed.name_end : line.start + len(text)]):
        return None
    attribution = _attribution(
        body, line.start, line.start + len(text), parsed, registry, publisher
    )
    if attribution is None:
        return None
    return _penalised(attribution, CONFIDENCE.SPEAKER_LINE_PENALTY)


def _penalised(attribution: Attribution, penalty: float) -> Attribution:
    return replace(attribution, confidence=round(attribution.confidence - penalty, 3))


def _comma_or_end(body: str, start: int, end: int) -> int:
    comma = body.find(",", start, end)
    return comma if comma != -1 else end


def _only_phrase(text: str) -> bool:
    """A short remainder after the verb: ``erklärte die Senatorin`` / ``sagte er dazu``."""
    return len(text.split()) <= 6
