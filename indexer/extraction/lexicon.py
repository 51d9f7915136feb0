"""The word lists of the extraction, read once at import from ``lexicon/*.txt``.

A list file holds words separated by whitespace (one a line or several a line); ``#`` starts
a comment. German and English words are kept in separate files (``*.de.txt``, ``*.en.txt``);
a file without a language tag holds words of any language (name particles). A table file
holds one entry a line, ``key: value, value`` (keys and values may contain spaces).

The lists are module constants here; regular expressions built from them live next to their
users.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Literal

Gender = Literal["f", "m"]

_DIRECTORY = files(__package__ or "indexer.extraction") / "lexicon"


@cache
def _lines(name: str) -> tuple[str, ...]:
    """The lines of a lexicon file without comments and blank lines."""
    text = (_DIRECTORY / name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def lines(name: str) -> tuple[str, ...]:
    """The lines of a lexicon file without comments and blank lines (sectioned files)."""
    return _lines(name)


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of a list file, in file order."""
    return tuple(word for line in _lines(name) for word in line.split())


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """The entries of a table file (``key: value, value``), in file order."""
    entries: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        key, _, values = line.partition(":")
        if not values.strip():
            raise ValueError(f"{name}: no values in {line!r}")
        entries[key.strip()] = tuple(v.strip() for v in values.split(","))
    return entries


def _genders(name: str) -> dict[str, Gender]:
    """A table file whose value is a gender (``f`` or ``m``)."""
    out: dict[str, Gender] = {}
    for key, (value,) in table(name).items():
        if value == "f":
            out[key] = "f"
        elif value == "m":
            out[key] = "m"
        else:
            raise ValueError(f"{name}: {key!r} has no gender f or m but {value!r}")
    return out


# --------------------------------------------------------------------------- cues and verbs

GERMAN_CUE_VERBS = words("cue_verbs.de.txt")
ENGLISH_CUE_VERBS = words("cue_verbs.en.txt")
CUE_VERBS = frozenset(GERMAN_CUE_VERBS + ENGLISH_CUE_VERBS)
VERB_PARTICLES = frozenset(words("verb_particles.de.txt"))
STRONG_CUES = frozenset(words("strong_cues.de.txt") + words("strong_cues.en.txt"))
REPORTING_VERBS = words("reporting_verbs.de.txt")
# verb -> the particle(s) it needs to report speech ("wies darauf hin, dass")
PARTICLE_VERBS = table("particle_verbs.de.txt")
# Words right before a name that keep a three-word name run whole ("so Anna Lena Beispiel").
SPEAKER_CUE_WORDS = frozenset(words("speaker_cue_words.de.txt") + words("speaker_cue_words.en.txt"))

# --------------------------------------------------------------------------- text

# Abbreviations (without their dot) whose full stop ends no sentence.
ABBREVIATIONS = frozenset(words("abbreviations.de.txt") + words("abbreviations.en.txt"))
# Abbreviations whose final dot stays part of the token (besides titles and initials).
DOTTED_ABBREVIATIONS = frozenset(
    words("dotted_abbreviations.de.txt") + words("dotted_abbreviations.en.txt")
)

# --------------------------------------------------------------------------- names

SALUTATION_GENDERS = _genders("salutations.de.txt") | _genders("salutations.en.txt")
SALUTATIONS = frozenset(SALUTATION_GENDERS)
TITLES = frozenset(words("titles.de.txt") + words("titles.en.txt")) | SALUTATIONS
NAME_PARTICLES = frozenset(words("name_particles.txt"))
NAME_PARTICLE_PAIRS = frozenset(
    (first, second)
    for first, second in (line.split() for line in _lines("name_particle_pairs.txt"))
)
NAME_SUFFIXES = frozenset(words("name_suffixes.en.txt"))
STOPWORDS = frozenset(words("stopwords.de.txt") + words("stopwords.en.txt"))
ENGLISH_COMMON = frozenset(words("common_capitalized.en.txt"))
PRONOUNS = _genders("pronouns.de.txt") | _genders("pronouns.en.txt")
ARTICLES = frozenset(words("articles.de.txt") + words("articles.en.txt"))
PARTY_ACRONYMS = frozenset(words("party_acronyms.de.txt"))
PHRASE_FILLERS = frozenset(words("phrase_fillers.de.txt"))

# --------------------------------------------------------------------------- roles

GERMAN_ROLE_STEMS = words("role_stems.de.txt")
GERMAN_OFFICE_STEMS = words("office_stems.de.txt")
PLACES = frozenset(words("places.de.txt"))
ENGLISH_ROLE_HEADS = frozenset(words("role_heads.en.txt"))
ENGLISH_ROLE_MODIFIERS = frozenset(words("role_modifiers.en.txt"))
ENGLISH_ROLES = ENGLISH_ROLE_HEADS | ENGLISH_ROLE_MODIFIERS
GERMAN_ROLE_MODIFIERS = frozenset(words("role_modifiers.de.txt"))
COMPLEMENT_HEADS = frozenset(words("complement_heads.de.txt") + words("complement_heads.en.txt"))
PUBLISHER_ROLES = tuple((table("publisher_roles.de.txt") | table("publisher_roles.en.txt")).items())
