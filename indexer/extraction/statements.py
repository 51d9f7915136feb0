"""Whole statements: a release issued in a named person's name, and transcript turns.

* :func:`title_statement` - a release titled ``Statement from President Joe Biden on …``,
  ``Statement by NSC Spokesperson Emily Horne on …`` or ``Erklärung von Senatorin … zu …``
  becomes one ``statement`` record spanning the whole body, with that speaker. The cue is the
  title phrase (the title is not part of the body, so ``cue_start``/``cue_end`` are ``None``);
  the context is the first paragraph. A title that names no person (``Statement by the
  Press Secretary``, ``Joint Statement …``) gives no record.
* :func:`transcript_turns` - speaker-labelled turns of a briefing or remarks transcript
  (``MS. PSAKI:  …``, ``THE PRESIDENT:  …``) become one ``statement`` each, with the speaker
  resolved through the people named in the title and body (``Press Secretary Jen Psaki``).
  Journalists' questions (``Q  …``) are not statements of officials and give no record; a
  turn ends at the next labelled turn or question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.persons import PersonRegistry, resolve
from indexer.extraction.phrases import parse_speaker_phrase
from indexer.extraction.records import Paragraph, QuoteCandidate, Speaker
from indexer.extraction.roles import organization_for_role

_TITLE_STATEMENT = re.compile(
    r"^(?P<cue>(?:Statement|Statements|Remarks|Erklärung|Stellungnahme|Grußwort)\s+"
    r"(?:from|by|of|von|des|der)\s+(?P<who>.+?))"
    r"(?:\s+(?:on|regarding|about|marking|celebrating|in|for|to|at|after|following|upon|"
    r"announcing|commemorating|honoring|recognizing|as|zu|zum|zur|anlässlich|über|am|vom|"
    r"nach|gegen|bei|im)\b|\s*:|\s*$)"
)
_TURN_LABEL = re.compile(
    r"(?P<label>(?:MR|MS|MRS|DR|SECRETARY|SENATOR|GOVERNOR|AMBASSADOR|ADMIRAL|GENERAL|"
    r"ADMINISTRATOR|DIRECTOR|MAYOR|CHAIR|LEADER|REPRESENTATIVE|DEPUTY SECRETARY)\.?"
    r"\s+[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2}"
    r"|THE (?:PRESIDENT|VICE PRESIDENT|FIRST LADY|SECOND GENTLEMAN|PRIME MINISTER|"
    r"CHANCELLOR|KING|QUEEN)|PRESIDENT\s+[A-Z][A-Z'’\-]+|PARTICIPANT|MODERATOR|"
    r"SENIOR ADMINISTRATION OFFICIAL|ADMINISTRATION OFFICIAL)"
    r"[ \t\u00a0]*:[ \t\u00a0]+"
)
_QUESTION = re.compile(r"Q(?:[ \t\u00a0]+|:[ \t\u00a0]*)(?=[A-Z0-9“\"(—-])")
_TRANSCRIPT_TITLE = re.compile(
    r"\b(?:Remarks|Briefing|Gaggle|Press Call|Interview|Transcript|Conversation|Q&A)\b"
)


def title_statement(
    title: str,
    body: str,
    paragraphs: Sequence[Paragraph],
    registry: PersonRegistry,
    publisher: str | None = None,
) -> QuoteCandidate | None:
    """One ``statement`` record for a release that is a named person's statement."""
    match = _TITLE_STATEMENT.match(title.strip())
    if not match or not body.strip() or match.group("cue").startswith("Remarks"):
        return None
    who = match.group("who")
    if re.search(r"\b(?:and|und)\b", who) and not re.search(r",\s*Jr\.", who):
        return None  # several people: not one speaker
    parsed = parse_speaker_phrase(who, 0)
    if parsed.reference not in {"name", "surname"}:
        return None
    speaker, _ = resolve(parsed, registry, len(body) + 1, publisher)
    if speaker is None:
        return None
    start, end = 0, len(body)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    first = paragraphs[0] if paragraphs else Paragraph(body, 0, len(body))
    return QuoteCandidate(
        kind="statement",
        text=body[start:end],
        start=start,
        end=end,
        speaker=speaker,
        cue=match.group("cue"),
        cue_start=None,
        cue_end=None,
        context=first.text,
        context_start=first.start,
        confidence=CONFIDENCE.TITLE_STATEMENT,
    )


def transcript_turns(
    body: str,
    paragraphs: Sequence[Paragraph],
    registry: PersonRegistry,
    publisher: str | None = None,
    title: str = "",
) -> list[QuoteCandidate]:
    """``statement`` records for the labelled turns of a transcript (empty if not one).

    A turn label or a question mark-up (``Q``) counts at the start of any line. The body is a
    transcript when it has two labelled turns, or one labelled turn plus a question, or one
    labelled turn and a title naming a transcript (remarks, briefing, gaggle, call).
    """
    marks: list[tuple[int, int, str | None]] = []  # (line start, text start, label | None=Q)
    line_starts = [0] + [i + 1 for i, ch in enumerate(body) if ch == "\n"]
    for line_start in line_starts:
        label_match = _TURN_LABEL.match(body, line_start)
        if label_match:
            marks.append((line_start, label_match.end(), label_match.group("label")))
            continue
        question = _QUESTION.match(body, line_start)
        if question:
            marks.append((line_start, question.end(), None))
    labelled = [m for m in marks if m[2] is not None]
    questions = [m for m in marks if m[2] is None]
    is_transcript = len(labelled) >= 2 or (
        len(labelled) == 1 and (bool(questions) or bool(_TRANSCRIPT_TITLE.search(title)))
    )
    if not is_transcript:
        return []
    out: list[QuoteCandidate] = []
    for index, (turn_start, text_start, label) in enumerate(marks):
        if label is None or label in {"MODERATOR", "PARTICIPANT"}:
            continue  # questions and call moderation are not statements of officials
        limit = marks[index + 1][0] if index + 1 < len(marks) else len(body)
        end = limit
        while end > text_start and body[end - 1].isspace():
            end -= 1
        if end <= text_start:
            continue
        speaker, confidence = _label_speaker(label, registry, turn_start, publisher)
        para = next((p for p in paragraphs if p.start <= turn_start <= p.end), None)
        out.append(
            QuoteCandidate(
                kind="statement",
                text=body[text_start:end],
                start=text_start,
                end=end,
                speaker=speaker,
                cue=label,
                cue_start=turn_start,
                cue_end=turn_start + len(label),
                context=para.text if para else body[turn_start:end],
                context_start=para.start if para else turn_start,
                confidence=confidence,
            )
        )
    return out


def _label_speaker(
    label: str, registry: PersonRegistry, position: int, publisher: str | None
) -> tuple[Speaker | None, float]:
    words = label.split()
    if words[0] == "THE":
        role = " ".join(w.capitalize() for w in words[1:])
        # "THE PRESIDENT" is the person the title names in that role ("Remarks by President
        # Biden …"); people merely mentioned in the body are not candidates.
        candidates = {
            p.name: p
            for p in registry.people
            if -1 in p.mentions
            and p.role
            and p.role.endswith(role)
            and (role != "President" or "Vice" not in p.role)
        }
        if len(candidates) != 1:
            return None, CONFIDENCE.UNRESOLVED
        person = next(iter(candidates.values()))
        return (
            Speaker(
                name=person.name,
                as_printed=label,
                role=role,
                organization=person.organization or organization_for_role(role, publisher),
            ),
            CONFIDENCE.TRANSCRIPT_LABEL - CONFIDENCE.ROLE_LABEL_PENALTY,
        )
    if label in {"PARTICIPANT", "MODERATOR"} or "OFFICIAL" in label:
        return None, CONFIDENCE.UNRESOLVED
    surname = " ".join(_title_case(w) for w in words[1:])
    found, fuzzy = registry.by_surname(surname, 10**9)
    if found is not None:
        person = found
        return (
            Speaker(
                name=person.name,
                as_printed=label,
                role=person.role,
                organization=person.organization or organization_for_role(person.role, publisher),
            ),
            CONFIDENCE.MISSPELT_SURNAME if fuzzy else CONFIDENCE.TRANSCRIPT_LABEL,
        )
    return Speaker(name=surname, as_printed=label), CONFIDENCE.UNKNOWN_SURNAME


def _title_case(word: str) -> str:
    return re.sub(r"[A-Z]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)
