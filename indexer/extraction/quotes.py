"""Direct quotes and reported speech in a release body, with their attribution.

* :func:`find_quote_spans` pairs quotation marks („…“, »…«, «…», “…”, ”…”, "…") paragraph by
  paragraph with a stack, so nested quotes (``„… „Stiftung Kinder forschen“ …“`` or
  ``„… ‚…‘ …“``) stay inside their outer quote. Single quotes are never treated as outer
  quotes (they double as apostrophes). An opening mark that is not closed in its paragraph is
  dropped - unless the next paragraph starts with the same opening mark, the English
  convention for a quote running over several paragraphs. So an unbalanced mark never turns
  the rest of the text into a quote.
* :func:`find_direct_quotes` attributes each quote: after it (``„…“, so Klose.``,
  ``„…“, hob Kose hervor.``, ``“…,” said X.``, ``“…,” X said.``), before it
  (``Staatssekretär Kai Klose: „…“``, ``X sagte: „…“``, ``X said, “…”``, ``laut X``,
  ``nach Worten von X``, ``according to X``) or around it (``… hatte X betont, „dass …“``).
  A quote that follows an attributed quote of the same paragraph, or opens the paragraph
  after one, continues that speaker (lower confidence). A quote without any attribution is
  kept with speaker ``None`` if it reads like speech (long enough, with sentence
  punctuation); short unattributed strings in quotation marks (titles, names of events)
  are not quotes.
* :func:`find_indirect_quotes` finds reported speech: ``Klose unterstrich, dass … sei.``,
  ``Dabei betonte die Senatorin, dass …``, ``X sagte, das sei …`` (Konjunktiv),
  ``X said that …``. The text runs from ``dass``/``that`` (or the reported clause) to the end
  of the sentence, without the final full stop.

Text of a direct quote is exactly what stands between the quotation marks, minus
surrounding whitespace and a trailing comma (``“…,” said X`` gives the text without
``,``). ``body[start:end] == text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.extraction.records import Paragraph, QuoteCandidate, Speaker
from indexer.extraction.speakers import (
    CONFIDENCE,
    PersonRegistry,
    PhraseParse,
    is_role_token,
    name_runs,
    parse_speaker_phrase,
    resolve,
    tokenize,
)


def _words(text: str) -> list[str]:
    """A whitespace-separated word list written as one string."""
    return text.split()


_GERMAN_CUE_VERBS = _words(
    """
    sagt sagte sagten sagen gesagt erklärt erklärte erklärten erklären betont betonte
    betonten betonen unterstreicht unterstrich unterstrichen hebt hob hoben hervorgehoben
    ergänzt ergänzte ergänzten meint meinte findet fand resümiert resümierte bilanziert
    bilanzierte fügt fügte führt führte stellt stellte macht machte freut freute zeigt
    zeigte kündigt kündigte bekräftigt bekräftigte versichert versicherte appelliert
    appellierte mahnt mahnte warnt warnte fordert forderte lobt lobte dankt dankte berichtet
    berichtete erläutert erläuterte kommentiert kommentierte äußert äußerte bestätigt
    bestätigte wünscht wünschte ruft rief erinnert erinnerte schreibt schrieb teilt teilte
    verspricht versprach hofft hoffte begrüßt begrüßte weist wies verweist verwies sieht sah
    spricht sprach kritisiert kritisierte beschreibt beschrieb räumt räumte gibt gab
    ergänzend unterstreichen zitiert zitierte antwortet antwortete erwidert erwiderte
    kündigt versichert resümierend bekräftigend weiß wusste informiert informierte lädt
    lud wirbt warb verkündet verkündete fasst fasste zieht zog
    """
)
_ENGLISH_CUE_VERBS = _words(
    """
    said says added adds noted notes stated states explained explains emphasized emphasizes
    emphasised stressed stresses continued remarked wrote writes announced commented
    observed declared urged affirmed reiterated underscored highlighted told tells asked
    answered replied acknowledged warned argued
    """
)
_CUE_VERBS = frozenset(_GERMAN_CUE_VERBS + _ENGLISH_CUE_VERBS)
_PARTICLES = frozenset(
    _words(
        """
    hervor hinzu aus fest klar deutlich an mit auf ein zu bedenken darauf hin daran zusammen
    fort
    """
    )
)
_GERMAN_CUE_RE = "|".join(sorted(set(_GERMAN_CUE_VERBS), key=len, reverse=True))
_ENGLISH_CUE_RE = "|".join(sorted(set(_ENGLISH_CUE_VERBS), key=len, reverse=True))

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
_ABBREVIATIONS = frozenset(
    _words(
        """
    Dr Prof Nr Jr Sr St Mr Ms Mrs bzw ca Sen Rep Gov Sec Abs Str vgl ggf usw etc Hr Fr
    """
    )
)
_KONJUNKTIV = re.compile(
    r"\b(?:sei|seien|habe|hätten|hätte|werde|würden|würde|könne|könnten|müsse|müssten|"
    r"solle|dürfe|gebe|stehe|gehe|brauche|wolle|wisse|liege|bleibe|komme)\b"
)

_OPENERS_GERMAN = "„"
_DOUBLE_MARKS = '„“”"»«'
_DOUBLE_MARK = re.compile(f"[{_DOUBLE_MARKS}]")


@dataclass
class QuoteSpan:
    """A pair of quotation marks: ``body[open_pos]`` and ``body[close_pos]``."""

    open_pos: int
    close_pos: int
    start: int
    end: int
    nested: list[QuoteSpan] = field(default_factory=list)
    block: bool = False  # a Textile block quote (``bq. …``) without quotation marks


@dataclass
class _Open:
    pos: int
    char: str
    closers: str
    children: list[QuoteSpan] = field(default_factory=list)


def _flanking(body: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    prev = body[i - 1] if i > lo else " "
    nxt = body[i + 1] if i + 1 < hi else " "
    left = not nxt.isspace() and (prev.isspace() or prev in "([{–—-/" or prev in _DOUBLE_MARKS)
    right = not prev.isspace() and (
        nxt.isspace() or nxt in ".,;:!?)]}–—-/…" or nxt in _DOUBLE_MARKS
    )
    return left, right


def find_quote_spans(body: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Top-level quotation spans of the body, nested ones attached to their parent."""
    result: list[QuoteSpan] = []
    stack: list[_Open] = []
    for index, para in enumerate(paragraphs):
        lo, hi = para.start, para.end
        i = lo
        if stack and body[lo : lo + 1] == stack[0].char:
            # Continuation of a multi-paragraph quote: skip the repeated opening mark.
            i = lo + 1
        while i < hi:
            mark = _DOUBLE_MARK.search(body, i, hi)
            if mark is None:
                break
            i = mark.start()
            ch = body[i]
            left, right = _flanking(body, i, lo, hi)
            top = stack[-1] if stack else None
            if ch == "„":
                stack.append(_Open(i, ch, '“”"'))
            elif top is not None and ch in top.closers and (right or not left):
                _close(stack, result, i, body)
            elif ch == "»" and left:
                stack.append(_Open(i, ch, "«"))
            elif ch == "«" and left:
                stack.append(_Open(i, ch, "»"))
            elif ch == "“" and left:
                stack.append(_Open(i, ch, "”“"))
            elif ch == "”" and left and not right:
                stack.append(_Open(i, ch, "”"))
            elif ch == '"' and left and not right:
                stack.append(_Open(i, ch, '"'))
            i += 1
        if stack:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            continues = (
                nxt is not None
                and len(stack) == 1
                and stack[0].char in '“"»'
                and body[nxt.start : nxt.start + 1] == stack[0].char
                and nxt.kind == "paragraph"
            ) or _closed_in_later_paragraph(body, paragraphs, index, stack)
            if not continues:
                _discard(stack, result)
    _discard(stack, result)
    result.sort(key=lambda q: q.open_pos)
    return result


_MAX_QUOTE_PARAGRAPHS = 10


def _opens_block(body: str, paragraphs: Sequence[Paragraph], index: int, pos: int) -> bool:
    """The mark at ``pos`` opens its paragraph (after ``bq.``/``p.`` markup), or follows a
    colon that closes the paragraph's speaker phrase (``Klose: „…``)."""
    para = paragraphs[index]
    before = body[para.start : pos]
    if re.fullmatch(r"\s*(?:(?:bq|p)\.\s*)?[_*]*\s*", before):
        return True
    return before.rstrip().endswith(":") and len(before.split()) <= 25


def _closed_in_later_paragraph(
    body: str, paragraphs: Sequence[Paragraph], index: int, stack: Sequence[_Open]
) -> bool:
    """A quote that opens one paragraph and closes at the end of a later one (the German
    convention for a statement over several paragraphs: „ only before the first, “ only after
    the last). The paragraphs in between hold no double quotation mark at all, the quote opens
    its paragraph (or follows the speaker's colon), and the closing paragraph's first mark is
    a closer near its end - so a stray unbalanced mark does not swallow the text after it."""
    if len(stack) != 1 or stack[0].children:
        return False
    opened = stack[0]
    start_index = next(
        (k for k in range(index, -1, -1) if paragraphs[k].start <= opened.pos), index
    )
    if not _opens_block(body, paragraphs, start_index, opened.pos):
        return False
    if index + 1 >= len(paragraphs):
        return False
    nxt = paragraphs[index + 1]
    if nxt.kind != "paragraph" or index + 1 - start_index > _MAX_QUOTE_PARAGRAPHS:
        return False
    for later in paragraphs[index + 1 : start_index + _MAX_QUOTE_PARAGRAPHS + 1]:
        if later.kind != "paragraph":
            return False
        text = body[later.start : later.end]
        marks = list(re.finditer(r"[„“”\"»«]", text))
        if len(marks) % 2 == 0:
            continue  # a middle paragraph (no marks, or nested titles in pairs): keep looking
        last = marks[-1]
        if last.group(0) not in opened.closers:
            return False
        return len(text[last.end() :].split()) <= 12
    return False


_BLOCK_QUOTE = re.compile(r"bq\.[ \t]+(?=[^\s„“”\"»«])")


def block_quote_spans(
    body: str, paragraphs: Sequence[Paragraph], spans: Sequence[QuoteSpan]
) -> list[QuoteSpan]:
    """Textile block quotes without quotation marks: ``bq. Ich freue mich …`` - a paragraph
    the page renders as a quotation, usually after ``Bezirksstadträtin X:``. The whole paragraph
    (after the ``bq.`` marker) is the quote; quotation marks inside it become nested spans."""
    out = []
    for para in paragraphs:
        match = _BLOCK_QUOTE.match(body, para.start, para.end)
        if para.kind != "paragraph" or match is None:
            continue
        end = para.end
        while end > match.end() and body[end - 1].isspace():
            end -= 1
        inner = [s for s in spans if para.start <= s.open_pos < para.end]
        out.append(QuoteSpan(para.start, end, match.end(), end, inner, block=True))
    return out


def _close(stack: list[_Open], result: list[QuoteSpan], pos: int, body: str) -> None:
    opened = stack.pop()
    start, end = opened.pos + 1, pos
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start and body[end - 1] == ",":
        end -= 1
    span = QuoteSpan(opened.pos, pos, start, end, opened.children)
    if stack:
        stack[-1].children.append(span)
    else:
        result.append(span)


def _discard(stack: list[_Open], result: list[QuoteSpan]) -> None:
    while stack:
        opened = stack.pop()
        if stack:
            stack[-1].children.extend(opened.children)
        else:
            result.extend(opened.children)


# --------------------------------------------------------------------------- clauses


def clause_end(body: str, pos: int, hi: int, limit: int = 250) -> int:
    """End of the clause starting at ``pos``: the next sentence mark, quote or line break."""
    stop = min(hi, pos + limit)
    i = pos
    while i < stop:
        ch = body[i]
        if ch in '!?;\n„“”"»«':
            return i
        if ch == ":" and i > pos:
            return i
        if ch == ".":
            word = re.search(r"(\w+)$", body[max(pos, i - 12) : i])
            w = word.group(1) if word else ""
            if len(w) == 1 or w in _ABBREVIATIONS or w.isdigit():
                i += 1
                continue
            return i
        i += 1
    return stop


def clause_start(body: str, pos: int, lo: int, limit: int = 300) -> int:
    """Start of the sentence that ends at ``pos`` (scanning back to a sentence mark)."""
    stop = max(lo, pos - limit)
    i = pos - 1
    while i >= stop:
        ch = body[i]
        if ch in "!?;\n":
            return i + 1
        if ch in '„“”"»«':
            # the attribution of this quote does not reach into a previous quote
            return i + 1
        if ch == ".":
            word = re.search(r"(\w+)$", body[max(lo, i - 12) : i])
            w = word.group(1) if word else ""
            if not (len(w) == 1 or w in _ABBREVIATIONS or w.isdigit()):
                return i + 1
        i -= 1
    return stop


def _strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (body[start].isspace() or body[start] in ",–—-"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",.:;"):
        if body[end - 1] == "." and re.search(
            r"(?:\b\w|Jr|Sr|Dr)\.$", body[max(start, end - 3) : end]
        ):
            break  # "e.V.", "Jr.": the full stop belongs to the abbreviation
        end -= 1
    return start, end


# --------------------------------------------------------------------------- attribution


@dataclass(frozen=True)
class Attribution:
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
    cue_start, cue_end = _strip_span(body, cue_start, cue_end)
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
    cue_start, cue_end = _strip_span(body, pos + match.start("cue"), pos + match.end("cue"))
    return Attribution(None, 0.3, body[cue_start:cue_end], cue_start, cue_end)


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
    match = re.match(r"^((?:\s+\S+){0,6}?\s+(?:" + "|".join(_PARTICLES) + r"))\s*$", tail)
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
        m for m in re.finditer(r"\b[\wäöüÄÖÜß]+\b", segment) if m.group(0).lower() in _CUE_VERBS
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
        if _closes_segment(rest) and (len(lead.split()) <= 3 or _only_role_words(lead)):
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
            if _only_role_words(lead):
                attribution = _attribution(body, start, seg_end, parsed, registry, publisher)
                if attribution is not None:
                    return Attribution(
                        attribution.speaker,
                        round(attribution.confidence - 0.05, 3),
                        attribution.cue,
                        attribution.cue_start,
                        attribution.cue_end,
                    )
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
    if not _only_role_words(body[line.start : parsed.name_start]):
        return None
    if not _closes_segment(body[parsed.name_end : line.start + len(text)]):
        return None
    attribution = _attribution(
        body, line.start, line.start + len(text), parsed, registry, publisher
    )
    if attribution is None:
        return None
    return Attribution(
        attribution.speaker,
        round(attribution.confidence - 0.1, 3),
        attribution.cue,
        attribution.cue_start,
        attribution.cue_end,
    )


def _only_role_words(text: str) -> bool:
    """What precedes a sentence-initial speaker name: nothing, an article, a role phrase."""
    words = text.split()
    if len(words) > 12:
        return False
    if not words:
        return True
    return (
        is_role_token(words[0])
        or words[0] in {"Der", "Die", "The"}
        or (words[0][:1].isupper() and any(is_role_token(w) for w in words[:3]))
    )


def _comma_or_end(body: str, start: int, end: int) -> int:
    comma = body.find(",", start, end)
    return comma if comma != -1 else end


def _only_phrase(text: str) -> bool:
    """A short remainder after the verb: ``erklärte die Senatorin`` / ``sagte er dazu``."""
    return len(text.split()) <= 6


_STRONG_CUES = frozenset(
    _words(
        "so sagt sagte sagten erklärt erklärte betont betonte meint meinte ergänzt ergänzte "
        "fügt fügte hob hebt unterstrich unterstreicht bekräftigt bekräftigte resümiert "
        "resümierte warnt warnte mahnt mahnte fordert forderte said says added according"
    )
)


def _strong(attribution: Attribution) -> bool:
    """A short quote needs a plain speech cue (``so``, ``sagt``, ``said``) or a bare name."""
    words = [w.strip(",.:") for w in (attribution.cue or "").lower().split()]
    if not any(w in _CUE_VERBS for w in words):
        return attribution.cue is not None
    return any(w in _STRONG_CUES for w in words)


_FIRST_PERSON = re.compile(
    r"\b(?:ich|wir|uns|unser\w*|mich|mir|mein\w*|I|we|us|our|my|me)\b", re.IGNORECASE
)


def _sentence_like(text: str) -> bool:
    return bool(re.search(r"[.!?…:]$", text)) or len(text.split()) >= 15


def _verbless(attribution: Attribution) -> bool:
    words = [w.strip(",.:") for w in (attribution.cue or "").lower().split()]
    return attribution.cue is not None and not any(
        w in _CUE_VERBS or w in {"so", "laut", "according", "worten"} for w in words
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
            confidence=attribution.confidence if attribution else 0.3,
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
            return Attribution(previous.speaker, CONFIDENCE["continuation"], None, None, None)
        return None
    if (
        previous_para is not None
        and span.open_pos == para.start
        and _next_paragraph_index(previous_para, para)
        and previous.end >= previous_para.end - 40
    ):
        return Attribution(previous.speaker, CONFIDENCE["continuation"], None, None, None)
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


# --------------------------------------------------------------------------- indirect

_REPORTING_VERBS = _words(
    """
    sagt sagte sagten erklärt erklärte erklärten betont betonte betonten unterstreicht
    unterstrich meint meinte ergänzt ergänzte bekräftigt bekräftigte versichert versicherte
    mahnt mahnte warnt warnte fordert forderte berichtet berichtete erläutert erläuterte
    bestätigt bestätigte kritisiert kritisierte schreibt schrieb verkündet verkündete
    informiert informierte hofft hoffte appelliert appellierte beklagt beklagte
    """
)
# verb -> the particle(s) it needs to report speech ("wies darauf hin, dass")
_PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    "hob": ("hervor",),
    "hebt": ("hervor",),
    "kündigt": ("an",),
    "kündigte": ("an",),
    "weist": ("hin",),
    "wies": ("hin",),
    "macht": ("deutlich", "klar"),
    "machte": ("deutlich", "klar"),
    "stellt": ("klar", "fest"),
    "stellte": ("klar", "fest"),
    "teilt": ("mit",),
    "teilte": ("mit",),
    "erinnert": ("daran",),
    "erinnerte": ("daran",),
    "gibt": ("bedenken",),
    "gab": ("bedenken",),
    "räumt": ("ein",),
    "räumte": ("ein",),
    "fügt": ("hinzu",),
    "fügte": ("hinzu",),
    "führt": ("aus",),
    "führte": ("aus",),
}
_INDIRECT_GERMAN = re.compile(
    r"\b(?P<verb>"
    + "|".join(sorted([*_REPORTING_VERBS, *_PARTICLE_VERBS], key=len, reverse=True))
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
    text_end = _sentence_end(body, text_start, para.end)
    text_start, text_end = _strip_span(body, text_start, text_end)
    if text_end - text_start < 15:
        return None
    text = body[text_start:text_end]
    if any(ch in text for ch in '„“”"»«'):
        return None  # a quotation mark inside: the direct-quote path covers it
    verb_start = match.start("verb")
    mid_start, mid_end = match.start("mid"), match.end("mid")
    needs = _PARTICLE_VERBS.get(match.group("verb"))
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
    cue_start, cue_end = _strip_span(body, cue_start, max(cue_end, match.end("verb")))
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
        confidence=round(confidence * 0.9, 3),
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
    if not _only_role_words(body[sentence_start : parsed.name_start]):
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


def _sentence_end(body: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi:
        ch = body[i]
        if ch in "!?\n":
            return i
        if ch == "." and (i + 1 >= hi or body[i + 1].isspace()):
            word = re.search(r"(\w+)$", body[max(pos, i - 12) : i])
            w = word.group(1) if word else ""
            if not (len(w) == 1 or w in _ABBREVIATIONS or w.isdigit()):
                return i
        i += 1
    return hi
