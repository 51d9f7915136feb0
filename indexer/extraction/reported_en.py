"""English reported speech: ``X said that …``, ``according to X, …``, ``the Treasury
Department found that …``.

The verb stands before the clause (``that`` may be left out after ``said``/``says``/``argued``
when a pronoun or determiner opens the clause: ``Smith said the law was passed …``);
``according to X`` opens or closes the sentence. Sources are people of the release,
organisations or documents, never the White House's own voice (see
:mod:`indexer.extraction.sources_of_speech`).
"""

from __future__ import annotations

import re

from indexer.extraction.persons import PersonRegistry
from indexer.extraction.records import Paragraph, QuoteCandidate
from indexer.extraction.sources_of_speech import Source, person_or_source, reported_candidate
from indexer.extraction.text import strip_span

_VERBS = (r"said|says|stated|states|noted|notes|emphasized|emphasised|emphasizes|stressed|"
          r"stresses|underscored|underscores|added|adds|explained|explains|reiterated|"
          r"reaffirmed|affirmed|highlighted|highlights|confirmed|confirms|acknowledged|warned|"
          r"argued|argues|announced|announces|believes|believe|found|finds|reported|reports|"
          r"projected|projects|estimated|estimates|concluded|concludes|agreed|agree|wrote|"
          r"writes|claimed|claims|predicted|predicts|made clear|makes clear|"
          r"expressed (?:hope|confidence|concern)|told [\w\s]{1,30}?|"
          r"(?:re)?assured? [\w\s]{1,20}?|to (?:re)?assure [\w\s]{1,20}?|"
          r"is announcing|will announce|will highlight|is highlighting|have said|has said|"
          r"outlined|outlines|described|describes|felt|feels|insisted|insists|insist|"
          r"recalled|recounted|pointed out|points out|maintained|maintains|observed|"
          r"cautioned|cautions|pledged|pledges|vowed|vows|indicated|indicates|suggested|"
          r"suggests|have made clear|has made clear|shared|discussed")
# a short adverbial may stand between the verb and "that": "estimated in March that",
# "made clear in his remarks that", "announced Thursday that"
_ADVERBIAL = (r"(?:\s+(?:today|yesterday|tonight|earlier|again|also|repeatedly|publicly|"
              r"(?:on|last|this|in|at|during)\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+|"
              r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?")
_THAT_CLAUSE = re.compile(
    rf"\b(?P<verb>{_VERBS}){_ADVERBIAL}\s+(?P<head>that|how|whether)\b")
_BARE_CLAUSE = re.compile(
    r"\b(?P<verb>said|says|argued|argues|claimed|claims|noted|wrote|believes|believe)\s+"
    r"(?P<head>)(?=(?:the|it|he|she|they|his|her|their|this|these|those|its|there|we|a|an)\s)")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_PHRASE_END = re.compile(r"[,;:.]")


_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _title_case(text: str) -> bool:
    """A heading in Title Case (``President Biden Announces Actions to …``): its capitalised
    verbs would pass for parts of a name."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def english_candidates(body: str, start: int, end: int, para: Paragraph,
                       registry: PersonRegistry, publisher: str | None
                       ) -> list[QuoteCandidate]:
    if _title_case(body[start:end]):
        return []
    for pattern in (_THAT_CLAUSE, _BARE_CLAUSE):
        for match in pattern.finditer(body, start, end):
            subject_start = _subject_start(body, start, match.start("verb"))
            subject = body[subject_start:match.start("verb")]
            source = person_or_source(subject, subject_start, registry, publisher, "en")
            if source is None and subject.strip() in {"", "and", "but", "and also", "but also"}:
                # "He expressed concern over …, and emphasized that": the sentence's subject
                opening = body[start:min(end, start + 60)]
                source = person_or_source(opening, start, registry, publisher, "en",
                                          must_end_at_cue=False)
            if source is None:
                continue
            clause = match.start("head") if match.group("head") else match.end()
            found = _make(body, clause, end, para, Source(
                source.speaker, source.confidence, source.cue_start, match.end("verb")))
            if found:
                return found
    according = _ACCORDING.search(body, start, end)
    if according is not None:
        match = according
        stop = _PHRASE_END.search(body, match.end(), end)
        np_end = stop.start() if stop else end
        source = person_or_source(body[match.end():np_end], match.end(), registry, publisher,
                                  "en", after_cue=True, must_end_at_cue=False)
        if source is not None:
            text_start, text_end = strip_span(body, start, end)
            if match.start() <= text_start + 1:
                content = (np_end, text_end)
            elif np_end >= text_end - 1:
                content = (text_start, match.start())
            else:
                content = (text_start, text_end)
            return _make(body, *content, para, Source(source.speaker, source.confidence,
                                                      match.start(), np_end))
    return []


def _subject_start(body: str, start: int, verb_start: int) -> int:
    """The subject runs back from the verb to the sentence start or the last comma."""
    comma = max(body.rfind(",", start, verb_start), body.rfind("—", start, verb_start))
    return comma + 1 if comma != -1 else start


def _make(body: str, start: int, end: int, para: Paragraph, source: Source
          ) -> list[QuoteCandidate]:
    candidate = reported_candidate(body, start, end, para, source)
    return [candidate] if candidate is not None else []
