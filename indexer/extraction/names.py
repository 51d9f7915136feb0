"""Personal names in a token list, and the role and organization around them.

A *name run* is a maximal run of name-like tokens (capitalised words that are no stopword,
role, organization or common noun), with particles (``von``, ``van der``), initials and
``Jr.`` inside: :func:`name_runs`. A run longer than a name is trimmed to the name
(``für Bildung Sandra Scheeres`` -> ``Sandra Scheeres``). :func:`describe_run` reads the
role and organization before (``Staatssekretär Kai Klose``) or after the run (``Sandra
Scheeres, Senatorin für …``) and the gender a salutation or the role tells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.extraction.lexicon import (
    ARTICLES,
    COMPLEMENT_HEADS,
    ENGLISH_COMMON,
    ENGLISH_ROLES,
    GERMAN_ROLE_MODIFIERS,
    NAME_PARTICLE_PAIRS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    SALUTATION_GENDERS,
    SALUTATIONS,
    SPEAKER_CUE_WORDS,
    STOPWORDS,
    TITLES,
    Gender,
)
from indexer.extraction.roles import (
    ORG_SUFFIX,
    gender_of_role,
    is_role_token,
    normalize_role,
    organization_from_complement,
)
from indexer.extraction.text import WORD_CACHE, Token, is_initial

_CONTRACTION = re.compile(r"[’'](?:s|ve|re|m|ll|d|t)$")
_COMMON_NOUN = re.compile(
    r"(?:\w{5,}ung|\w{3,}heit|\w{3,}keit|\w{3,}schaft|\w{3,}tion|\w{3,}tät|\w{3,}ismus"
    r"|\w{4,}nis|\w{4,}tum|\w{5,}ment|\w{4,}nahme|\w{4,}zeit|\w{4,}platz|\w{4,}straße"
    r"|\w{3,}(?:lichen|licher|liches|ischen|ischer|isches|igen)"
    r"|\w{4,}weg|\w{4,}park|\w{4,}tag|\w{4,}jahr|\w{4,}plan|\w{4,}fest|\w{4,}preis)$"
)
# A party (or another short note) in parentheses after a name: ``Anna Beispiel (SPD)``.
PARTY = re.compile(
    r"\s*\((?:SPD|CDU|CSU|FDP|AfD|BSW|Grüne|GRÜNE|B'?90/Grüne|Bündnis\s?90/Die Grünen|"
    r"Bündnis 90/Grüne|Die Linke|Linke|DIE LINKE|LINKE|parteilos|Piraten|[DR]-[A-Z]{2}|"
    r"[^()]{1,40})\)"
)
_INITIAL = re.compile(r"^[A-Z]\.$")


def is_capitalized_word(word: str) -> bool:
    """A word that opens with a capital and holds a letter."""
    return bool(word) and word[0].isupper() and any(ch.isalpha() for ch in word)


@lru_cache(maxsize=WORD_CACHE)
def is_name_token(word: str) -> bool:
    """A word that may be (part of) a personal name as printed."""
    if not is_capitalized_word(word):
        return False
    if (
        word in STOPWORDS
        or word in TITLES
        or word in GERMAN_ROLE_MODIFIERS
        or word in ENGLISH_ROLES
        or is_role_token(word)
    ):
        return False
    if _ADJECTIVE.fullmatch(word):
        return False  # "Öffentliche Ordnung", "Soziale": capitalised adjectives in a role's field
    if word.endswith("ing") and word[0].isupper() and len(word) > 6:
        return False  # Celebrating, Honoring, Announcing (title case headlines)
    if word.isupper() and len(word) > 1 and not _INITIAL.match(word):
        return False  # acronyms: SPD, DIPF, BSR
    if word.endswith(("-", ".")) and not _INITIAL.match(word):
        return False
    if any(ch.isdigit() for ch in word):
        return False
    if sum(1 for ch in word if ch.isupper()) >= 3 and "-" not in word:
        return False  # BEGSpo, HOWOGE-like acronyms
    if "-" in word and any(
        ORG_SUFFIX.fullmatch(part) or part in ENGLISH_COMMON for part in word.split("-")
    ):
        return False  # Schleipfuhl-Grundschule
    if len(word) > 15 and "-" not in word:
        return False  # long compounds ("Positionierungspapier") are nouns, not names
    if _CONTRACTION.search(word):
        return False  # We’ve, He’s, Biden’s: not a name as printed
    if word in ENGLISH_COMMON:
        return False
    return not ORG_SUFFIX.fullmatch(word) and not _COMMON_NOUN.fullmatch(word)


_ADJECTIVE = re.compile(r"\w{3,}(?:liche|lichen|ische|ischen|ige|igen)")


def _ing_surname(word: str, following: str) -> bool:
    """A surname ending in ``-ing`` (``Kipping``, ``Döring``) after a first name, closing the
    phrase (punctuation or the end follows)."""
    return (
        word.endswith("ing")
        and len(word) > 6
        and word[0].isupper()
        and word[1:].islower()
        and (not following or following in {",", ":", ";", ".", "(", ")", "–", "-"})
    )


@dataclass(frozen=True)
class NameRun:
    tokens: tuple[Token, ...]
    first: int  # index of the first token in the token list
    last: int  # index of the last token (inclusive)

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def name_runs(tokens: list[Token]) -> list[NameRun]:
    """Maximal runs of name-like tokens, with particles and initials inside."""
    return [
        NameRun(tuple(tokens[first : last + 1]), first, last)
        for first, last in name_spans([t.text for t in tokens])
    ]


# Words that may continue a name run without being name tokens (besides initials, ``Jr.``,
# ``Sr.`` and surnames in ``-ing``).
_RUN_LINKS = NAME_PARTICLES | {","}


def name_spans(words: list[str]) -> list[tuple[int, int]]:
    """:func:`name_runs` on the token texts: (first, last) token indexes (inclusive)."""
    n = len(words)
    name = list(map(is_name_token, words))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not name[i] and not (i + 1 < n and name[i + 1]):
            # Neither a name token nor a particle before one: only the word right before the
            # next name token can start a run.
            try:
                i = name.index(True, i + 2) - 1
            except ValueError:
                break
            continue
        particle_start = (
            words[i] in NAME_PARTICLES
            and i + 1 < n
            and name[i + 1]
            and (i == 0 or is_role_token(words[i - 1]) or words[i - 1] in TITLES)
        )
        if not particle_start and (not name[i] or is_initial(words[i])):
            i += 1
            continue
        j = i + 1 if particle_start else i
        while j + 1 < n:
            if name[j + 1]:
                j += 1
                continue
            nxt = words[j + 1]
            if nxt not in _RUN_LINKS and not nxt.endswith(("ing", ".")):
                break  # none of the cases below (the usual end of a run)
            if is_initial(nxt) and j + 2 < n:
                j += 1
                continue
            if _ing_surname(nxt, words[j + 2] if j + 2 < n else ""):
                j += 1  # "Katja Kipping," - not an English gerund ("Biden Celebrating the")
                continue
            if nxt in NAME_PARTICLES and j + 2 < n and name[j + 2]:
                j += 2
                continue
            pair = (nxt, words[j + 2] if j + 2 < n else "")
            if pair in NAME_PARTICLE_PAIRS and j + 3 < n and name[j + 3]:
                j += 3
                continue
            if nxt == "," and j + 2 < n and words[j + 2] in NAME_SUFFIXES:
                j += 2
                continue
            if nxt in NAME_SUFFIXES:
                j += 1
                continue
            break
        if j - i < 2:
            spans.append((i, j))  # one or two tokens: nothing to trim
        else:
            spans.append(_trim_span(words, i, j, words[i - 1] if i > 0 else ""))
        i = j + 1
    return spans


def _trim_span(words: list[str], first: int, last: int, preceding: str) -> tuple[int, int]:
    """``für Bildung Sandra Scheeres`` -> ``Sandra Scheeres``; keep initials and particles,
    and three-part names (``Catherine Cortez Masto``) that open the phrase or follow a role."""
    length = last - first + 1
    if words[last] in NAME_SUFFIXES and length >= 3:
        inner_first, _ = _trim_span(words, first, last - 1, preceding)
        return inner_first, last
    if length <= 2:
        return first, last
    if length == 3 and (
        not preceding
        or preceding in {",", ":", "(", "–", "-"}
        or is_role_token(preceding)
        or preceding in TITLES
        or preceding.lower() in SPEAKER_CUE_WORDS
    ):
        return first, last
    run_words = words[first : last + 1]
    for k, w in enumerate(run_words):
        if is_initial(w):
            return first + max(0, k - 1), last
    for k, w in enumerate(run_words):
        if w in NAME_PARTICLES:
            return first + max(0, k - 1), last
    return last - 1, last


@lru_cache(maxsize=WORD_CACHE)
def surname_of(name: str) -> str:
    """The last word of a name, without ``Jr.``/``Sr.``."""
    parts = [p for p in name.replace(", Jr.", "").split() if p not in NAME_SUFFIXES]
    return parts[-1] if parts else name


def role_before(words: list[str], run: NameRun) -> tuple[str | None, str | None]:
    """The role noun phrase right before the run (with modifiers), and an organization."""
    k = run.first - 1
    while k >= 0 and words[k] in TITLES and words[k] not in SALUTATIONS:
        k -= 1
    cands = [i for i in range(max(0, k - 12), k + 1) if is_role_token(words[i])]
    if not cands:
        return None, None
    i = cands[-1]
    between = words[i + 1 : k + 1]
    if any(w in {".", ":", ";", "„", "“", '"', "(", ")"} for w in between):
        return None, None
    if between and between[0] not in COMPLEMENT_HEADS:
        return None, None
    j = i
    while j - 1 >= 0 and (words[j - 1] in GERMAN_ROLE_MODIFIERS or words[j - 1] in ENGLISH_ROLES):
        j -= 1
    role = " ".join(words[j : i + 1])
    return role, organization_from_complement(words[i + 1 : k + 1])


def adjacent_role(words: list[str], run: NameRun, *, comma: bool = True) -> bool:
    """A role noun (possibly with titles or an apposition comma) right before the run:
    ``Senatorin Scheeres``, ``Stiftungsratsvorsitzende, Joe Chialo``."""
    k = run.first - 1
    while k >= 0 and words[k] in TITLES:
        k -= 1
    if comma and k >= 1 and words[k] == ",":
        k -= 1
    return k >= 0 and is_role_token(words[k])


def role_after(words: list[str], run: NameRun) -> tuple[str | None, str | None]:
    """``Sandra Scheeres, Senatorin für ...`` / ``Kai Maaz, der Vorsitzende des ...``."""
    k = run.last + 1
    if k < len(words) and words[k] == ",":
        k += 1
        if k < len(words) and words[k].lower() in ARTICLES:
            k += 1
        while (
            k < len(words) - 1
            and words[k].islower()
            and words[k].isalpha()
            and words[k] not in COMPLEMENT_HEADS
            and words[k] not in {"beim", "zum", "zur", "bei", "und", "sowie", "als", "and"}
            and (is_role_token(words[k + 1]) or (words[k + 1].islower() and words[k + 1].isalpha()))
            and k <= run.last + 4
        ):
            k += 1
        adjectives_from = run.last + 2
        if adjectives_from < len(words) and words[adjectives_from].lower() in ARTICLES:
            adjectives_from += 1
        j = k
        while (
            j < k + 2
            and j + 1 < len(words)
            and is_capitalized_word(words[j])
            and not is_role_token(words[j])
            and words[j] not in GERMAN_ROLE_MODIFIERS
            and is_role_token(words[j + 1])
        ):
            j += 1
        while j < len(words) and (words[j] in GERMAN_ROLE_MODIFIERS or words[j] in ENGLISH_ROLES):
            if is_role_token(words[j]) and not (
                j + 1 < len(words) and words[j + 1] in ENGLISH_ROLES
            ):
                break
            j += 1
        if j < len(words) and is_role_token(words[j]):
            role = " ".join(words[adjectives_from : j + 1])
            end = j + 1
            while end < len(words) and words[end] not in {",", ".", ":", ";", "("}:
                end += 1
            return role, organization_from_complement(words[j + 1 : end])
    return None, None


def describe_run(words: list[str], run: NameRun) -> tuple[str | None, str | None, Gender | None]:
    """Role, organization and gender hints around a name run."""
    role, org = role_before(words, run)
    if role is None:
        role, org = role_after(words, run)
    k = run.first - 1
    gender: Gender | None = None
    if k >= 0:
        gender = SALUTATION_GENDERS.get(words[k])
    role = normalize_role(role)
    return role, org, gender or gender_of_role(role)
