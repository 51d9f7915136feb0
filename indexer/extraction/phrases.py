"""Speaker phrases: who speaks at an attribution cue.

A *speaker phrase* is the stretch of text that names who speaks at an attribution cue
(``Staatssekretär Kai Klose``, ``Klose``, ``der Staatssekretär``, ``er``,
``Secretary of Homeland Security Alejandro N. Mayorkas``). :func:`parse_speaker_phrase`
finds the name, role and gender hints in such a phrase; the person registry
(:mod:`indexer.extraction.persons`) resolves it to a named person of the release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from indexer.extraction.lexicon import (
    ARTICLES,
    NAME_PARTICLES,
    PARTY_ACRONYMS,
    PHRASE_FILLERS,
    PRONOUNS,
    TITLES,
    Gender,
)
from indexer.extraction.names import (
    PARTY,
    NameRun,
    adjacent_role,
    describe_run,
    is_capitalized_word,
    is_name_token,
    name_runs,
    role_after,
    role_before,
)
from indexer.extraction.roles import gender_of_role, is_role_token
from indexer.extraction.text import tokenize

ReferenceKind = Literal["name", "surname", "role", "pronoun"]


@dataclass(frozen=True)
class PhraseParse:
    """What a speaker phrase says about the speaker."""

    reference: ReferenceKind | None
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None
    role: str | None = None
    organization: str | None = None
    gender: Gender | None = None
    pronoun: str | None = None


def parse_speaker_phrase(text: str, offset: int = 0, *, after_cue: bool = False) -> PhraseParse:
    """Read a speaker phrase: a full name, a surname, a role noun or a pronoun.

    ``after_cue`` is true for phrases that follow a cue word (``so Klose``, ``sagte er``):
    the speaker then comes first, and a single capitalized word right at the start counts
    as a surname.
    """
    cleaned = PARTY.sub(lambda m: " " * len(m.group(0)), text)
    tokens = tokenize(cleaned, offset)
    words = [t.text for t in tokens]
    if not tokens:
        return PhraseParse(None)
    runs = name_runs(tokens)

    def make(run: NameRun, reference: ReferenceKind) -> PhraseParse:
        role, org, gender = describe_run(words, run)
        name_start, name_end = run.tokens[0].start, run.tokens[-1].end
        return PhraseParse(
            reference,
            name=text[name_start - offset : name_end - offset],
            name_start=run.tokens[0].start,
            name_end=run.tokens[-1].end,
            role=role,
            organization=org,
            gender=gender,
        )

    full = [r for r in runs if len(r.tokens) >= 2 and r.tokens[0].text not in NAME_PARTICLES]
    if after_cue:
        # The speaker comes first: take the first run if it starts within a few tokens.
        first_content = _first_content_index(words)
        for run in runs:
            if run.first > first_content + 14:
                break
            preceding = words[run.first - 1].lower() if run.first > 0 else ""
            if preceding in ARTICLES and not role_before(words, run)[0]:
                continue  # "der Integrationsbeirat": a noun, not a name
            gap = words[first_content : run.first]
            if any(w in {".", ":", ";"} for w in gap):
                break
            if len(run.tokens) >= 2 and run.tokens[0].text not in NAME_PARTICLES:
                if _joined_with_another_name(words, run):
                    return PhraseParse(None)  # "Anna Beispiel und Max Muster": not one speaker
                return make(run, "name")
            if run.last + 1 < len(words) and is_role_token(words[run.last + 1]):
                continue  # "Lichtenbergs Bezirksbürgermeister …": a genitive, not a name
            if (
                run.first == first_content
                or adjacent_role(words, run)
                or (run.first > 0 and words[run.first - 1] in TITLES)
            ):
                if _joined_with_another_name(words, run):
                    return PhraseParse(None)  # "so Natascha und Rico": more than one speaker
                return make(run, "surname")
            if len(full) == 0:
                break
    else:
        if full:

            def score(run: NameRun) -> float:
                if adjacent_role(words, run, comma=False):
                    return 3.0  # "Staatssekretär Kai Klose"
                if role_after(words, run)[0]:
                    return 2.5  # "Sam Penney, Chairman, Nez Perce"
                if adjacent_role(words, run) or PARTY.match(text[run.tokens[-1].end - offset :]):
                    return 2.0  # "Stiftungsratsvorsitzende, Joe Chialo" / "Anna Beispiel (SPD)"
                return 1.0 if role_before(words, run)[0] else 0.0

            people = [r for r in full if not _org_acronym_after(text[r.tokens[-1].end - offset :])]
            if not people:
                return PhraseParse(None)
            best = max(people, key=lambda r: (score(r), r.first))
            return make(best, "name")
        for run in runs:
            preceding = words[run.first - 1] if run.first > 0 else ""
            if adjacent_role(words, run) or preceding in TITLES:
                return make(run, "surname")
        if len(runs) == 1 and runs[0].first == 0 and runs[0].last == len(words) - 1:
            return make(runs[0], "surname")

    # No name: a role noun ("der Staatssekretär", "die Senatorin") or a pronoun.
    first_content = _first_content_index(words)
    window = words[first_content : first_content + 6]
    for i, w in enumerate(window):
        if is_role_token(w):
            article = window[i - 1].lower() if i > 0 else ""
            gender = gender_of_role(w)
            if article == "die" and gender is None:
                gender = "f"
            if article == "der" and gender is None and w.endswith("e"):
                gender = "m"
            return PhraseParse("role", role=w, gender=gender)
        if w.lower() in PRONOUNS and (i == 0 or not is_capitalized_word(w) or after_cue):
            return PhraseParse("pronoun", pronoun=w.lower(), gender=PRONOUNS[w.lower()])
        if w in {".", ":", ";"}:
            break
    return PhraseParse(None)


_ORG_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z&\-]{2,})\)")


def _org_acronym_after(rest: str) -> bool:
    """``… Radio Artists (SAG-AFTRA)``: a name followed by an organization's acronym."""
    match = _ORG_ACRONYM.match(rest)
    if match is None:
        return False
    return match.group("acronym").upper() not in PARTY_ACRONYMS


def _joined_with_another_name(words: list[str], run: NameRun) -> bool:
    """``Natascha und Rico``, ``Anna Beispiel and John Doe``: the run is one of several."""
    k = run.last + 1
    while k < len(words) and words[k] in {"(", ")"}:
        k += 1
    return (
        k + 1 < len(words)
        and words[k] in {"und", "and", "sowie", "&"}
        and (is_name_token(words[k + 1]) or is_role_token(words[k + 1]))
    )


# Punctuation and filler words before the speaker (``sagte dazu …``, ``, so …``).
_LEADING_FILLERS = PHRASE_FILLERS | {",", "–", "-", "—"}


def _first_content_index(words: list[str]) -> int:
    i = 0
    while i < len(words) and words[i] in _LEADING_FILLERS:
        i += 1
    return i
