"""Quote extraction for one release: statements, transcript turns, direct and indirect quotes.

:func:`extract_quotes` is pure: it takes a :class:`ReleaseStructure` and returns the quote
candidates sorted by offset, deduplicated (one record per kind and span; reported speech that
overlaps a direct quote is dropped). The press contact is never a speaker.

In a transcript (labelled turns, see :mod:`indexer.extraction.statements`) only the turns are
records: quotation marks inside a turn are the official quoting someone else, not new
attributions.

Offsets: every record points into ``structure.body``. The lead (subtitle) is the first
paragraph of the body (see :mod:`indexer.extraction.plaintext`), so a quote in the lead - like
the seed's ``Staatssekretär Kai Klose: „Danke …“`` - is an ordinary record with body offsets.
The title is not part of the body and is not searched for quotes; it is only used to name the
speaker of a whole-release statement and the people behind transcript labels.

Confidence: one table for all records, :mod:`indexer.extraction.confidence`.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.direct import find_direct_quotes, names_a_thing
from indexer.extraction.lexicon import words
from indexer.extraction.names import describe_run, name_runs
from indexer.extraction.persons import PersonRegistry, build_registry
from indexer.extraction.records import QuoteCandidate, ReleaseStructure
from indexer.extraction.reported import find_indirect_quotes
from indexer.extraction.statements import title_statement, transcript_turns
from indexer.extraction.text import tokenize


def extract_quotes(structure: ReleaseStructure) -> list[QuoteCandidate]:
    """All quote candidates of a release, sorted by offset."""
    body = structure.body
    excluded = [structure.contact.name] if structure.contact and structure.contact.name else []
    registry = build_registry(body, excluded)
    _add_title_people(registry, structure.title)
    publisher = structure.publisher

    candidates: list[QuoteCandidate] = []
    statement = title_statement(structure.title, body, structure.paragraphs, registry, publisher)
    if statement is not None:
        candidates.append(statement)
    turns = transcript_turns(body, structure.paragraphs, registry, publisher, structure.title)
    if turns:
        candidates.extend(turns)
    else:
        direct = find_direct_quotes(body, structure.paragraphs, registry, publisher)
        candidates.extend(direct)
        indirect = find_indirect_quotes(
            body, structure.paragraphs, registry, publisher, direct=direct,
            language=structure.language)
        candidates = [c for c in candidates if c.kind != "direct"]
        candidates.extend(
            q for q in continue_reported_sources(direct, indirect, body)
            if q.speaker is not None or not names_a_thing(body, q, structure.paragraphs))
        candidates.extend(indirect)
    return _dedupe(candidates, registry)


_GAP = 400  # characters between a report and a quote that continues its source


def continue_reported_sources(direct: list[QuoteCandidate], indirect: list[QuoteCandidate],
                              body: str) -> list[QuoteCandidate]:
    """A quote nobody is named for, right after reported speech of a person (``… sei
    bürgerfreundlicher geworden. „Schließlich stehen wir …“``) or inside it, continues that
    person; no other quote may stand between them."""
    records = sorted([*direct, *indirect], key=lambda q: q.start)
    out: list[QuoteCandidate] = []
    previous: QuoteCandidate | None = None
    for record in records:
        around = next((q for q in indirect if q.start <= record.start and record.end <= q.end
                       and q.speaker is not None), None)
        if record.kind == "direct" and record.speaker is None and around is not None:
            # "Hier sei, so Badenberg, „mehr nötig …“": the quoted words are the reporter's source's
            out.append(replace(record, speaker=around.speaker,
                               confidence=CONFIDENCE.CONTINUATION))
            previous = record
            continue
        if (record.kind == "direct" and record.speaker is None and previous is not None
                and previous.kind == "indirect" and previous.speaker is not None
                and previous.speaker.type == "person"
                and 0 <= record.start - previous.end <= _GAP
                and "\n\n" not in body[previous.end:record.start].strip()):
            record = replace(record, speaker=previous.speaker,
                             confidence=CONFIDENCE.CONTINUATION)
        if record.kind == "direct":
            out.append(record)
        previous = record
    return out


TITLE_VERBS = frozenset(words("title_verbs.en.txt"))


def _add_title_people(registry: PersonRegistry, title: str) -> None:
    """People named with a role in the title (``Press Briefing by Press Secretary Jen Psaki``,
    ``Remarks by President Biden``), registered as mentioned before the body."""
    tokens = tokenize(title)
    words = [t.text for t in tokens]
    for run in name_runs(tokens):
        role, org, gender = describe_run(words, run)
        if role is None:
            continue
        tokens_of_name = list(run.tokens)
        for k, token in enumerate(tokens_of_name[1:], start=1):
            if token.text.lower() in TITLE_VERBS:  # "Biden Announces Actions": Biden
                tokens_of_name = tokens_of_name[:k]
                break
        name = title[tokens_of_name[0].start : tokens_of_name[-1].end]
        registry.add(name, -1, role, org, gender)


def _dedupe(candidates: list[QuoteCandidate], registry: PersonRegistry) -> list[QuoteCandidate]:
    best: dict[tuple[str, int, int], QuoteCandidate] = {}
    for candidate in candidates:
        if candidate.speaker is not None and registry.is_excluded(candidate.speaker.name):
            candidate = QuoteCandidate(
                kind=candidate.kind,
                text=candidate.text,
                start=candidate.start,
                end=candidate.end,
                speaker=None,
                cue=None,
                cue_start=None,
                cue_end=None,
                context=candidate.context,
                context_start=candidate.context_start,
                confidence=CONFIDENCE.NO_SPEAKER,
            )
            if candidate.kind != "direct":
                continue
        key = (candidate.kind, candidate.start, candidate.end)
        if key not in best or best[key].confidence < candidate.confidence:
            best[key] = candidate
    return sorted(best.values(), key=lambda q: (q.start, q.end, q.kind))
