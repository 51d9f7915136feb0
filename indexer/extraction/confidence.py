"""The confidence of a quote candidate, by how its speaker was found.

One table for every module of the extraction: 0.95 full name at the cue, 0.9 known surname,
0.8 surname not named in full elsewhere, 0.75 misspelt surname (edit distance), 0.7 role
noun, 0.6 pronoun or a quote that continues the previous speaker, 0.3 no speaker. Reported
speech gets 0.9 of that; an organisation or document named as its source 0.8 (before that
factor), a Konjunktiv sentence that continues the last source 0.6. A whole-release
statement whose speaker the title names gets 0.9; a transcript turn 0.95 for a labelled
surname, 0.1 less for a role label (``THE PRESIDENT``). A speaker phrase that only opens
the sentence before a quote (``X wirbt um Spenden:``) costs 0.05; a speaker named on a line
of its own before the quote, 0.1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Confidence:
    """Confidence values and adjustments; use the shared instance :data:`CONFIDENCE`."""

    FULL_NAME_AT_CUE: float = 0.95
    KNOWN_SURNAME: float = 0.9
    UNKNOWN_SURNAME: float = 0.8  # a surname nobody is named with in full
    MISSPELT_SURNAME: float = 0.75  # a known surname within edit distance
    ROLE_NOUN: float = 0.7
    PRONOUN: float = 0.6  # also a role noun that refers back to the last speaker
    CONTINUATION: float = 0.6  # a quote that continues the previous speaker
    NO_SPEAKER: float = 0.3  # a quote kept with speaker unknown
    UNRESOLVED: float = 0.0  # no speaker found (nothing is guessed)
    TITLE_STATEMENT: float = 0.9  # the release title names the speaker of the whole body
    TRANSCRIPT_LABEL: float = 0.95  # a transcript turn labelled with a surname
    # Adjustments.
    ROLE_LABEL_PENALTY: float = 0.1  # a transcript turn labelled with a role (THE PRESIDENT)
    SENTENCE_OPENER_PENALTY: float = 0.05  # "X wirbt um Spenden für den Verein: „…“"
    SPEAKER_LINE_PENALTY: float = 0.1  # the speaker named on a line of its own
    REPORTED_SPEECH_FACTOR: float = 0.9  # reported speech, relative to its speaker's
    SOURCE_NAMED: float = 0.8  # an organisation or document named as the source


CONFIDENCE = Confidence()
