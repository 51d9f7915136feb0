"""Reported (indirect) speech: what a person, organisation or document said, in the reporter's
words.

:func:`find_indirect_quotes` reads a release sentence by sentence and records

* a speech or stance verb with a content clause, the verb before the clause
  (``Klose unterstrich, dass …``, ``Dabei betonte die Senatorin, dass …``, ``zeigte sich
  überzeugt, dass …``, ``X sagte, das Programm sei …``, ``kündigte an, … zu …``) or after it
  (``Das Programm sei ein Erfolg, betonte Müller.``, ``…, so der Bezirksbürgermeister.``);
* attribution phrases: ``laut X``, ``X zufolge``, ``nach Angaben von X``, ``nach Ansicht von
  X``, ``aus Sicht von X``, ``wie X betonte, …``;
* a Konjunktiv sentence without a cue of its own (``Man werde es fortsetzen.``) that continues
  the last source, until the text returns to the indicative or names another source;
* English reported speech (:mod:`indexer.extraction.reported_en`).

The text is the content clause (from ``dass``/``ob`` or the clause's first word to the end of
the sentence, without the final stop); when the attribution stands inside the sentence it is
the whole sentence. ``body[start:end] == text`` always holds. Sources are resolved by
:mod:`indexer.extraction.sources_of_speech`: a person of the release, or an organisation or a
document (speaker type), never a guess. Reported speech inside a direct quote is not recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.konjunktiv import continues_report, mood
from indexer.extraction.lexicon import table, words
from indexer.extraction.persons import PersonRegistry, known_speaker
from indexer.extraction.records import Paragraph, QuoteCandidate, Speaker
from indexer.extraction.reported_en import english_candidates
from indexer.extraction.source_phrases import noun_phrase_after, noun_phrase_before
from indexer.extraction.sources_of_speech import (
    Source,
    appositive_subject,
    person_or_source,
    reported_candidate,
    trim_fillers,
)
from indexer.extraction.text import sentence_spans, strip_span

SPEECH_VERBS = frozenset(words("speech_verbs.de.txt"))
COMPLEMENTS = table("speech_complements.de.txt")
ZU_VERBS = frozenset(words("zu_infinitive_verbs.de.txt"))
PARTICIPLES = frozenset(words("speech_participles.de.txt"))
_VERBS = "|".join(sorted(SPEECH_VERBS | set(COMPLEMENTS) | PARTICIPLES, key=len, reverse=True))
_AUXILIARY = re.compile(r"\b(?:hat|hatte|haben|hatten|habe|hätte)\b")
_NO_BREAK = r"[^,.;:!?„“”\"»«]"
_CLAUSE_HEADS = (r"dass|daß|ob|wie|warum|weshalb|weswegen|wann|wo|wer|was|welche[rsnm]?|"
                 r"inwiefern|inwieweit")
_VERB_THEN_CLAUSE = re.compile(
    rf"\b(?P<verb>{_VERBS})\b(?P<mid>{_NO_BREAK}{{0,100}}?),\s+(?:(?P<head>{_CLAUSE_HEADS})\b)?")
# "teilte mit, bis Ende 2016 sollten die ersten …": a past modal in the verb slot of a clause
# right after a speech verb is its Konjunktiv II (the indicative would need "dass")
_MODAL_SECOND = re.compile(r"(?:\S+\s+){0,5}?(?:sollte|sollten|müssten|könnten|dürften)\b")
_ZU_INFINITIVE = re.compile(r"\bzu\s+[a-zäöüß]+\b|\b[a-zäöüß]+zu[a-zäöüß]+en\b")
_CLAUSE_THEN_VERB = re.compile(
    rf",\s+(?P<verb>so|{_VERBS})\s+(?P<subject>{_NO_BREAK}{{2,100}}?)\s*$")
_PHRASE = re.compile(
    r"\b(?P<cue>[Ll]aut|[Nn]ach\s+(?:Angaben|Ansicht|Einschätzung|Auffassung|Meinung|"
    r"Aussage|Aussagen|Informationen|Darstellung|Berechnungen|Erkenntnissen|Worten)"
    r"(?:\s+(?:von|des|der|vom))?|[Aa]us\s+Sicht(?:\s+(?:von|des|der|vom))?)\s+")
_ZUFOLGE = re.compile(r"\s+zufolge\b")
_WIE = re.compile(rf"\b[Ww]ie\s+(?P<subject>{_NO_BREAK}{{2,80}}?)\s+(?P<verb>{_VERBS})"
                  r"(?:\s+\w+)?\s*,")


@dataclass
class _Last:
    """The source the next Konjunktiv sentence continues."""

    speaker: Speaker
    confidence: float
    paragraph: int = 0  # where the source last spoke


def find_indirect_quotes(
    body: str,
    paragraphs: Sequence[Paragraph],
    registry: PersonRegistry,
    publisher: str | None = None,
    direct: Sequence[QuoteCandidate] = (),
    language: str | None = None,
) -> list[QuoteCandidate]:
    """Reported speech of the release, sorted by offset (see the module docstring)."""
    english = language == "en"
    out: list[QuoteCandidate] = []
    last: _Last | None = None
    for number, para in enumerate(paragraphs):
        if para.kind != "paragraph":
            last = None
            continue
        for position, (start, end) in enumerate(sentence_spans(body, para.start, para.end)):
            if body[end:end + 1] == "?":
                continue  # a question reports nothing
            if last is not None and last.paragraph < number and (
                    position > 0 or last.paragraph < number - 1):
                last = None  # a report continues into the next paragraph's opening only
            inside = _direct_covering(direct, start, end)
            if inside is not None:
                if inside.speaker is not None:
                    last = _Last(inside.speaker, inside.confidence, number)
                continue
            found = (english_candidates(body, start, end, para, registry, publisher)
                     if english else _german(body, start, end, para, registry, publisher))
            kept = [c for c in found if _keeps(c, direct)]
            if kept:
                out.extend(kept)
                speaker = kept[-1].speaker
                last = _Last(speaker, kept[-1].confidence, number) if speaker else last
                continue
            has_quote, quoted_by = _direct_in(direct, start, end)
            if has_quote:
                last = _Last(quoted_by, CONFIDENCE.CONTINUATION, number) if quoted_by else last
                if quoted_by is not None or _quoted_share(direct, start, end) > 0.5:
                    continue  # a partial quote inside a Konjunktiv sentence may go on below
            sentence_mood = mood(body[start:end]) if not english else "unknown"
            if not english:
                speaking = _speech_act(body, start, end, registry, publisher)
                if speaking is not None:  # "Lemm dankte für …, die … gesorgt habe": a new source
                    last = _Last(speaking.speaker, speaking.confidence, number)
                    continue
            if last is not None and sentence_mood == "konjunktiv" and \
                    continues_report(body[start:end]):
                continued = reported_candidate(body, start, end, para, Source(
                    last.speaker, min(last.confidence, CONFIDENCE.CONTINUATION), start, start),
                    cue=False)
                if continued is not None and _keeps(continued, direct):
                    out.append(continued)
                    last = _Last(last.speaker, last.confidence, number)
                continue
            if sentence_mood == "indicative":
                last = None
    return out


_NOT_SPEECH_ALONE = frozenset({"ist", "war", "sind", "waren", "geht", "ging", "kommt", "kam",
                               "gibt", "gab", "setzt", "setzte", "bittet", "bat"})
_SPEECH_ACTS = (SPEECH_VERBS | PARTICIPLES | set(COMPLEMENTS)) - _NOT_SPEECH_ALONE
_ANY_SPEECH_VERB = re.compile(
    r"\b(?P<verb>" + "|".join(sorted(_SPEECH_ACTS, key=len, reverse=True))
    + r"|dankte|dankt|lobte|lobt|übte|übt|nannte|nennt|sprach|spricht|würdigte|würdigt)\b")


def _speech_act(body: str, start: int, end: int, registry: PersonRegistry,
                publisher: str | None) -> _Last | None:
    """``Bezirksstadtrat Lemm dankte für die Amtshilfe.``: no content clause, but the
    Konjunktiv sentences after it continue this speaker."""
    match = _ANY_SPEECH_VERB.search(body, start, end)
    if match is None:
        return None
    after = re.match(rf"{_NO_BREAK}{{0,60}}", body[match.end():end])
    for text, offset, after_cue in (
            (body[start:match.start()], start, False),
            (after.group() if after else "", match.end(), True)):
        if not text.strip() or len(text.split()) > 8:
            continue
        source = person_or_source(text, offset, registry, publisher, "de", after_cue=after_cue,
                                  must_end_at_cue=not after_cue)
        if source is not None and source.speaker is not None and source.speaker.type == "person":
            return _Last(source.speaker, source.confidence)
    return None


def _german(body: str, start: int, end: int, para: Paragraph, registry: PersonRegistry,
            publisher: str | None) -> list[QuoteCandidate]:
    for finder in (_verb_then_clause, _clause_then_verb, _phrases):
        found = list(finder(body, start, end, para, registry, publisher))
        if found:
            return found
    return []


def _verb_then_clause(body: str, start: int, end: int, para: Paragraph,
                      registry: PersonRegistry, publisher: str | None
                      ) -> Iterator[QuoteCandidate]:
    for match in _VERB_THEN_CLAUSE.finditer(body, start, end):
        verb = match.group("verb")
        mid = match.group("mid")
        needs = None if verb in SPEECH_VERBS or verb in PARTICIPLES else COMPLEMENTS.get(verb)
        if needs and not _ends_with_complement(mid, needs):
            continue
        clause_start = match.end()
        if match.group("head") is None:
            rest = body[clause_start:end]
            if not (mood(rest) == "konjunktiv" or _MODAL_SECOND.match(rest)
                    or (verb in ZU_VERBS and _ZU_INFINITIVE.search(rest))):
                continue
        else:
            clause_start = match.start("head")
        source = _subject(body, start, match, registry, publisher)
        if source is None:
            continue
        head = match.group("head")
        last_word = mid.split()[-1] if mid.split() else ""
        if head and head.lower() not in {"dass", "daß", "ob"} and last_word[:1].isupper() and \
                source.cue_start < match.start("verb"):
            continue  # "verweist auf ihre Seite mit Tipps, wie …": the clause belongs to "Tipps"
        if verb in _SHOWS and not mid.strip().startswith("sich") and (
                source.speaker is None or source.speaker.type == "person"):
            continue  # "Die Künstlerin zeigt …, was …": an exhibit; "Die Studie zeigt, dass"
        candidate = reported_candidate(body, clause_start, end, para, source,
                                       cue_end=match.end("mid"))
        if candidate is not None:
            yield candidate
            return


def _subject(body: str, start: int, match: re.Match[str], registry: PersonRegistry,
             publisher: str | None) -> Source | None:
    """The subject of the cue verb: inverted after it (``betonte die Senatorin``), right before
    it (``Klose unterstrich``), or a name with one role apposition opening the sentence."""
    mid = trim_fillers(match.group("mid"))
    verb_start = match.start("verb")
    if match.group("verb") in PARTICIPLES:
        auxiliaries = list(_AUXILIARY.finditer(body, start, verb_start))
        auxiliary = auxiliaries[-1] if auxiliaries else None
        if auxiliary is not None:  # "X hat … betont" / "Zuvor hatte X … betont"
            inverted = body[auxiliary.end():verb_start].split(",", 1)[0]
            for text, offset, after in ((body[start:auxiliary.start()], start, False),
                                        (inverted, auxiliary.end(), True)):
                if text.strip() and len(text.split()) <= 12:
                    source = person_or_source(text, offset, registry, publisher, "de",
                                              after_cue=after, must_end_at_cue=not after)
                    if source is not None:
                        return Source(source.speaker, source.confidence, source.cue_start,
                                      match.end("mid"))
    if mid.strip():
        source = person_or_source(mid, match.start("mid"), registry, publisher, "de",
                                  after_cue=True, must_end_at_cue=False)
        if source is not None:
            return Source(source.speaker, source.confidence, verb_start, match.end("mid"))
    comma = body.rfind(",", start, verb_start)
    subject_start = comma + 1 if comma != -1 else start
    subject = body[subject_start:verb_start]
    if not subject.strip() and comma != -1:
        appositive = appositive_subject(body, start, comma, registry, publisher)
        if appositive is not None:
            return Source(appositive.speaker, appositive.confidence, appositive.cue_start,
                          match.end("mid"))
        return None
    if re.search(r"\b(?:und|sowie|oder)\s*$", subject):
        # "Stadtrat Lemm sprach … an und erklärte, dass": the sentence's subject, if it is a
        # name or a role ("Sie illustriert … und zeigt, dass" may be an exhibition: no pronoun)
        opening = body[start:min(verb_start, start + 60)]
        source = person_or_source(opening, start, registry, publisher, "de",
                                  must_end_at_cue=False)
        parsed_start = source.cue_start if source is not None else -1
        if source is None or source.speaker is None or parsed_start - start > 25 or (
                source.speaker.as_printed.lower() in {"er", "sie"}
                and match.group("verb") in _SHOWS):
            return None
        return Source(source.speaker, source.confidence, source.cue_start, match.end("mid"))
    if subject.split() and subject.split()[0].lower() in _PREPOSITIONS:
        # "Neben den Zahlen erklärt das Heft, …": an adverbial, no subject before the verb;
        # but "…, in dem er hervorhob, dass …": the pronoun after the relative stands for one
        tail = re.search(r"\b(?:dem|der|denen|welchem|welcher)\s+(\w+)\s*$", subject)
        if tail is None:
            return None
        subject_start += tail.start(1)
        subject = tail.group(1)
    source = person_or_source(subject, subject_start, registry, publisher, "de")
    if source is not None and source.speaker is None and comma != -1:
        # "Sabine Krause, 1. Vorsitzende ist stolz, dass": the role is an apposition
        named = person_or_source(body[start:comma], start, registry, publisher, "de")
        if named is not None and named.speaker is not None:
            source = named
    if source is None:
        return None
    return Source(source.speaker, source.confidence, source.cue_start, match.end("mid"))


def _clause_then_verb(body: str, start: int, end: int, para: Paragraph,
                      registry: PersonRegistry, publisher: str | None
                      ) -> Iterator[QuoteCandidate]:
    """``Das Programm sei ein Erfolg, betonte Müller.`` / ``…, so der Bezirksbürgermeister.``"""
    text_end = strip_span(body, start, end)[1]
    match = _CLAUSE_THEN_VERB.search(body, start, text_end)
    if match is None:
        return
    content = body[start:match.start()]
    if match.group("verb") == "so" and not _names_someone(match.group("subject")):
        return  # "…, so dass …", "…, so sind sie nun …": not an attribution
    if match.group("verb") != "so" and not (mood(content) == "konjunktiv"
                                            or content.lstrip().lower().startswith("dass")):
        return
    subject = trim_fillers(match.group("subject"))
    source = person_or_source(subject, match.start("subject"), registry, publisher, "de",
                              after_cue=True, must_end_at_cue=False)
    if source is None:
        return
    cue = Source(source.speaker, source.confidence, match.start("verb"), text_end)
    candidate = reported_candidate(body, _reported_part(body, start, match.start()),
                                   match.start(), para, cue)
    if candidate is not None:
        yield candidate


def _reported_part(body: str, start: int, end: int) -> int:
    """Where the reported content starts: ``Es wird gebohrt, das Gröbste sei geschafft, so X``
    reports from the first comma-separated part in Konjunktiv on."""
    if mood(body[start:end]) != "konjunktiv":
        return start
    part_start = start
    for comma in re.finditer(r",\s+", body[start:end]):
        if mood(body[part_start:start + comma.start()]) == "konjunktiv":
            return part_start
        part_start = start + comma.end()
    return part_start


_PREPOSITIONS = frozenset(words("prepositions.de.txt"))
_RELATIVE = re.compile(r"[\s,]*(?:der|die|das|welcher|welche|dessen|deren)\s+[a-zäöü]")
_SHOWS = frozenset({"zeigt", "zeigte", "zeigen", "zeigten", "belegt", "belegte", "ergab",
                    "ergibt", "verdeutlicht", "verdeutlichte"})


def _names_someone(subject: str) -> bool:
    """``so der Bezirksbürgermeister``, ``so Müller``: a name or an article and a noun, not
    ``so dass`` or ``so sind sie``."""
    words = subject.split()
    if not words:
        return False
    first = words[0]
    return first[:1].isupper() or (first in {"der", "die", "das", "des"} and len(words) > 1
                                   and words[1][:1].isupper())


def _phrases(body: str, start: int, end: int, para: Paragraph, registry: PersonRegistry,
             publisher: str | None) -> Iterator[QuoteCandidate]:
    """``laut X``, ``nach Angaben von X``, ``X zufolge``, ``wie X betonte, …``, ``…, so X, …``."""
    text_start, text_end = strip_span(body, start, end)
    # cue start, cue end, and the (start, end) of the phrase naming the source; ``None`` for a
    # possessive or genitive cue ("nach ihren Worten", "aus Eberts Sicht")
    spans: list[tuple[int, int, tuple[int, int] | None]] = []
    for match in _PHRASE.finditer(body, start, end):
        np_start, np_end = noun_phrase_after(body, match.end(), min(90, end - match.end()))
        spans.append((match.start(), np_end, (np_start, np_end)))
    for match in _ZUFOLGE.finditer(body, start, end):
        np_start, np_end = noun_phrase_before(body, match.start(), match.start() - start)
        spans.append((np_start, match.end(), (np_start, np_end)))
    for match in _WIE.finditer(body, start, end):
        spans.append((match.start("subject") - 4, match.end(),
                      (match.start("subject"), match.end("subject"))))
    so = re.search(rf",\s+so\s+(?P<subject>{_NO_BREAK}{{2,80}}?),\s", body[start:end])
    if so is not None and _names_someone(so.group("subject")):
        spans.append((start + so.start(), start + so.end(),
                      (start + so.start("subject"), start + so.end("subject"))))
    spans += [(m.start(), m.end(), None) for m in _POSSESSIVE.finditer(body, start, end)]
    for cue_start, cue_end, phrase in sorted(spans, key=lambda s: (s[0], s[1], s[2] or (-1, -1))):
        if phrase is None:
            source = _possessive_source(body, cue_start, cue_end, registry, publisher)
        elif phrase[1] > phrase[0]:
            source, cue_end = _phrase_source(body, phrase, cue_end, registry, publisher)
        else:
            continue
        if source is None:
            continue
        if cue_start <= text_start + 1:  # "Laut X wurden …": the rest of the sentence
            content_start, content_end = cue_end, text_end
        elif cue_end >= text_end - 1 or (phrase is not None and _RELATIVE.match(body, cue_end)):
            # "…, so X." / "… laut X." / "…, so X, der …": the content ends at the phrase
            content_start, content_end = _reported_part(body, text_start, cue_start), cue_start
        else:
            content_start, content_end = text_start, text_end
        cue = Source(source.speaker, source.confidence, cue_start, cue_end)
        candidate = reported_candidate(body, content_start, content_end, para, cue)
        if candidate is not None:
            yield candidate
            return


_STANCE_NOUNS = r"(?:Ansicht|Meinung|Einschätzung|Auffassung|Überzeugung|Aussage|Darstellung)"
_POSSESSIVE = re.compile(
    rf"\b(?:[Nn]ach\s+(?P<a>seinen|ihren)\s+Worten|(?P<b>[Ss]einer|[Ii]hrer)\s+{_STANCE_NOUNS}"
    rf"\s+nach|[Aa]us\s+(?P<c>seiner|ihrer)\s+Sicht|[Ii]n\s+(?P<d>seinen|ihren)\s+Augen"
    rf"|[Nn]ach\s+(?P<e>seiner|ihrer)\s+{_STANCE_NOUNS}"
    rf"|(?:[Aa]us|[Nn]ach)\s+(?P<genitive>[A-ZÄÖÜ][\w\-]+s)\s+(?:Sicht|Worten|{_STANCE_NOUNS}))\b")


def _phrase_source(body: str, phrase: tuple[int, int], cue_end: int, registry: PersonRegistry,
                   publisher: str | None) -> tuple[Source | None, int]:
    """The source the phrase names - a person first, then a body - and where the cue ends
    (``aus Sicht des Beauftragten``, not what follows the person)."""
    np_start, np_end = phrase
    fallback = None
    for stop in _phrase_ends(body, np_start, np_end):
        found = person_or_source(body[np_start:stop], np_start, registry, publisher, "de",
                                 after_cue=True, must_end_at_cue=False)
        if found is not None and (found.speaker is None or found.speaker.type == "person"):
            return found, stop if cue_end == np_end else cue_end
        fallback = fallback or found
    return fallback, cue_end


def _possessive_source(body: str, cue_start: int, cue_end: int, registry: PersonRegistry,
                       publisher: str | None) -> Source | None:
    match = _POSSESSIVE.match(body, cue_start, cue_end)
    if match is None:
        return None
    genitive = match.group("genitive")
    if genitive:
        person, _ = registry.by_surname(genitive[:-1], cue_start)
        if person is None or " " not in person.name:
            return None
        confidence = CONFIDENCE.KNOWN_SURNAME
    else:
        pronoun = next(g for g in match.group("a", "b", "c", "d", "e") if g)
        person = registry.by_pronoun("m" if pronoun.lower().startswith("s") else "f", cue_start)
        confidence = CONFIDENCE.PRONOUN
    if person is None:
        return None
    return Source(known_speaker(person, body[cue_start:cue_end], person.role, publisher),
                  confidence, cue_start, cue_end)


_PRONOMINAL_ADVERB = re.compile(r"\s+(?:darüber|darauf|daran|davon|dafür|damit|darum)\s*$")


def _ends_with_complement(mid: str, needs: tuple[str, ...]) -> bool:
    """``wies darauf hin``, ``zeigte sich sehr erfreut darüber``: the complement closes the
    stretch before the clause (a pronominal adverb after it does not count)."""
    text = _PRONOMINAL_ADVERB.sub("", mid.rstrip(" ,.;:"))
    return text.endswith(needs)


_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w\-]*")


def _phrase_ends(body: str, start: int, end: int) -> list[int]:
    """Ends to try for the phrase naming a source: all of it, then only up to its first
    capitalised word (``des Aufarbeitungsbeauftragten`` in ``aus Sicht des
    Aufarbeitungsbeauftragten Initiativen wie …``)."""
    first = _CAPITALISED.search(body, start, end)
    if first is None or first.end() >= end:
        return [end]
    return [end, first.end()]


def _direct_covering(direct: Sequence[QuoteCandidate], start: int, end: int
                     ) -> QuoteCandidate | None:
    """A direct quote that holds this whole sentence (reported speech inside a quote)."""
    for quote in direct:
        if quote.start <= start and end <= quote.end + 2:
            return quote
    return None


def _direct_in(direct: Sequence[QuoteCandidate], start: int, end: int
               ) -> tuple[bool, Speaker | None]:
    """Whether a direct quote stands in this sentence, and its speaker."""
    for quote in direct:
        if quote.start < end and start < quote.end:
            return True, quote.speaker
    return False, None


def _quoted_share(direct: Sequence[QuoteCandidate], start: int, end: int) -> float:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in direct)
    return inside / max(1, end - start)


def _keeps(candidate: QuoteCandidate, direct: Sequence[QuoteCandidate]) -> bool:
    """Reported speech may hold a quoted phrase ("Hier sei, so X, „mehr nötig …“"), not be
    almost all a direct quote."""
    for quote in direct:
        overlap = min(candidate.end, quote.end) - max(candidate.start, quote.start)
        if overlap > 0 and overlap > 0.8 * (candidate.end - candidate.start):
            return False
    return True
