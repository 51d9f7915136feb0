"""The named people of one release, and the resolution of speaker phrases to them.

:class:`PersonRegistry` collects the named people of a release (:func:`build_registry`) and
resolves surnames, misspelt surnames (edit distance), role nouns and pronouns to the most
recent compatible named person; :func:`resolve` turns a parsed speaker phrase into a
:class:`Speaker` with its confidence.

Nothing is guessed: a phrase that names nobody and refers to nobody known resolves to
``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.extraction.confidence import CONFIDENCE
from indexer.extraction.lexicon import (
    ENGLISH_ROLE_HEADS,
    GERMAN_ROLE_STEMS,
    SALUTATION_GENDERS,
    SALUTATIONS,
    TITLES,
    Gender,
)
from indexer.extraction.names import (
    PARTY,
    NameRun,
    describe_run,
    name_spans,
    surname_of,
)
from indexer.extraction.phrases import PhraseParse
from indexer.extraction.records import Speaker
from indexer.extraction.roles import (
    is_office_token,
    is_place_name,
    is_role_token,
    normalize_role,
    organization_for_role,
    role_stem,
)
from indexer.extraction.text import (
    WORD_CACHE,
    sentences,
    span_tokens,
    token_starts,
    token_texts,
)


@dataclass
class Person:
    """A named person of one release, as collected by :func:`build_registry`."""

    name: str
    role: str | None = None
    organization: str | None = None
    gender: Gender | None = None
    mentions: list[int] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return surname_of(self.name)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class PersonRegistry:
    """Named people of one release, in order of mention."""

    def __init__(self, excluded: Iterable[str] = ()) -> None:
        self.people: list[Person] = []
        self.speaker_positions: list[tuple[int, str]] = []
        self.excluded = {_norm(n) for n in excluded if n}
        self.excluded_surnames = {_norm(surname_of(n)) for n in excluded if n}

    def add(
        self,
        name: str,
        position: int,
        role: str | None = None,
        organization: str | None = None,
        gender: Gender | None = None,
    ) -> Person | None:
        if _norm(name) in self.excluded:
            return None
        person = self.find_exact(name)
        if person is None and " " not in name:
            # "Bezirksstadträtin Stephan": the one full-name person with that surname, if any
            same = {p.name: p for p in self.people if _norm(p.surname) == _norm(name)}
            if len(same) > 1:
                return None
            person = next(iter(same.values()), None)
        elif person is None:
            # "Korinna Stephan" after "Bezirksstadträtin Stephan": the surname-only person
            # gets the full name
            person = next((p for p in self.people if " " not in p.name
                           and _norm(p.name) == _norm(surname_of(name))), None)
            if person is not None:
                person.name = name
        if person is None:
            person = Person(name=name, role=role, organization=organization, gender=gender)
            self.people.append(person)
        else:
            person.role = person.role or role
            person.organization = person.organization or organization
            person.gender = person.gender or gender
        person.aliases.add(name)
        person.mentions.append(position)
        return person

    def established_spelling(self, name: str) -> Person | None:
        """``Clara Hermann`` in a release that prints ``Clara Herrmann`` more often: the person
        whose full name differs from ``name`` only by one letter of the surname (same first
        name), when exactly one such person is mentioned more often than ``name`` itself, or
        as often and earlier (the spelling of the heading or lead)."""
        parts = name.split()
        if len(parts) < 2 or len(parts[-1]) < 5:
            return None
        own = self.find_exact(name)
        own_rank = _spelling_rank(own) if own is not None else (0, float("-inf"))
        variants = [
            p for p in self.people
            if p is not own and len(p.name.split()) == len(parts)
            and p.name.split()[:-1] == parts[:-1]
            and edit_distance(_norm(p.surname), _norm(parts[-1]), 1) == 1
            and _spelling_rank(p) > own_rank
        ]
        return variants[0] if len(variants) == 1 else None

    def note_speaker(self, name: str, position: int) -> None:
        """Remember that ``name`` was attributed a quote at ``position``."""
        self.speaker_positions.append((position, name))

    def recent_speaker(self, position: int, gender: Gender | None) -> Person | None:
        """The most recent named speaker before ``position`` whose role is unknown (so a
        role noun like ``der Aufarbeitungsbeauftragte`` may refer to them)."""
        before = [(p, n) for p, n in self.speaker_positions if p < position]
        if not before:
            return None
        _, name = max(before)
        person = self.find_exact(name)
        if person is None or person.role is not None:
            return None
        if gender is not None and person.gender is not None and person.gender != gender:
            return None
        return person

    def find_exact(self, name: str) -> Person | None:
        key = _norm(name)
        for person in self.people:
            if _norm(person.name) == key:
                return person
        # "Joseph R. Biden" vs "Joe Biden" are not merged; "Kai Klose" vs "Klose" are.
        return None

    def by_surname(self, surname: str, position: int,
                   role: str | None = None) -> tuple[Person | None, bool]:
        """Exact surname match (among several, the one whose role matches ``role``, else the
        most recently mentioned before ``position``), else a unique match within edit
        distance 2. Returns (person, fuzzy)."""
        key = _norm(surname_of(surname))
        # a surname-only person (from "Bezirksstadträtin Stephan") never shares its surname
        # with a full-name person: :meth:`add` joins them
        exact = [p for p in self.people if _norm(p.surname) == key]
        if role:
            wanted = role.lower()
            # "President Biden" is not the First Lady Jill Biden of the same release
            compatible = [p for p in exact if not p.role or _same_office(role, p.role)]
            if exact and not compatible:
                return None, False
            exact = compatible
            fitting = [p for p in exact if p.role and p.role.lower() == wanted]
            if len({p.name for p in fitting}) == 1:
                return fitting[0], False
        if exact:
            return _most_recent(exact, position), False
        if len(key) < 4:
            return None, False
        fuzzy = [
            p
            for p in self.people
            if len(p.name.split()) > 1
            and edit_distance(_norm(p.surname), key, 2) <= min(2, max(1, len(key) // 4))
        ]
        if len({p.name for p in fuzzy}) == 1:
            return fuzzy[0], True
        return None, False

    def by_role(self, role_word: str, gender: Gender | None, position: int) -> Person | None:
        stem = role_stem(role_word)
        candidates = [
            p
            for p in self.people
            if p.role
            and stem
            and any(role_stem(w) and stem in w.lower() for w in p.role.split())
            and (gender is None or p.gender is None or p.gender == gender)
            and any(m < position for m in p.mentions)
        ]
        return _most_recent(candidates, position) if candidates else None

    def by_pronoun(self, gender: Gender | None, position: int) -> Person | None:
        """``er``/``sie``/``he``/``she``: the most recent named person of that gender; a person
        of unknown gender only when nobody else has been named before."""
        before = [
            p
            for p in self.people
            if (" " in p.name or p.gender is not None) and any(m < position for m in p.mentions)
        ]
        if not before:
            return None

        def last(p: Person) -> int:
            return max(m for m in p.mentions if m < position)

        known = [
            p for p in before if p.gender is not None and (gender is None or p.gender == gender)
        ]
        if known:
            best = max(known, key=last)
            if any(p is not best and p.gender is None and last(p) > last(best) for p in before):
                return None
            return best
        if len(before) == 1 and before[0].gender in (None, gender):
            return before[0]
        return None

    def is_excluded(self, name: str) -> bool:
        key = _norm(name)
        return key in self.excluded or (len(name.split()) == 1 and key in self.excluded_surnames)


_NOT_NAME_CHAR = re.compile(r"[^\wäöüß]")


@lru_cache(maxsize=WORD_CACHE)
def _same_office(a: str, b: str) -> bool:
    """Two printed roles can name the same office: one contains the other, or they share a
    role stem ("Jugendstadtrat" / "Bezirksstadtrat für Jugend"); "President" and "First
    Lady" cannot."""
    if a.lower() in b.lower() or b.lower() in a.lower():
        return True
    stems_a = {role_stem(w) for w in a.split()} - {""}
    stems_b = {role_stem(w) for w in b.split()} - {""}
    return bool(stems_a & stems_b) or not stems_a or not stems_b


def _spelling_rank(person: Person) -> tuple[int, float]:
    """More mentions first, then the earlier first mention."""
    return len(person.mentions), -min(person.mentions, default=0)


def _norm(name: str) -> str:
    return _NOT_NAME_CHAR.sub("", name.lower())


def _most_recent(people: list[Person], position: int) -> Person:
    def key(p: Person) -> int:
        before = [m for m in p.mentions if m < position]
        return max(before) if before else -min(p.mentions) - 1

    return max(people, key=key)


_GERMAN_APPOSITION = re.compile(
    r",\s+(?:der|die|the)?\s*(?:\w+\s+)?[A-ZÄÖÜ]\w*(?:" + "|".join(GERMAN_ROLE_STEMS) + r")",
    re.IGNORECASE,
)
_ENGLISH_APPOSITION = re.compile(
    r",\s+(?:the\s+)?(?:[A-Z]\w+\s+){0,3}(?:" + "|".join(sorted(ENGLISH_ROLE_HEADS)) + r")\b"
)
_SPEECH_CUE_AFTER = re.compile(r"\s*(?::|\(|,?\s+(?:sagt|sagte|erklärt|betont|said|says))")
_CLAUSE_ENDS = frozenset({".", ":", ";"})


def build_registry(body: str, excluded: Iterable[str] = ()) -> PersonRegistry:
    """Collect the named people of a body: a role noun or title followed by a full name,
    a full name followed by a party in parentheses or a role apposition, ``Mr./Ms. X``."""
    registry = PersonRegistry(excluded)
    for sentence_start, sentence in sentences(body):
        for start, name, role, org, gender in _sentence_people(sentence):
            registry.add(name, sentence_start + start, role, org, gender)
    return registry


# A person named in a sentence: offset in the sentence, name, role, organization, gender.
_Mention = tuple[int, str, str | None, str | None, Gender | None]


@lru_cache(maxsize=1 << 14)
def _sentence_people(sentence: str) -> tuple[_Mention, ...]:
    """The people :func:`build_registry` collects from one sentence, in order (a pure function
    of the sentence, cached: boilerplate sentences recur across releases)."""
    mentions: list[_Mention] = []
    words = token_texts(sentence)
    starts: list[int] | None = None  # token offsets in the sentence, once needed
    for first, last in name_spans(words):
        # A run counts as a person when a role or title is right before it, or a party
        # or role apposition right after it.
        k = first - 1
        while k >= 0 and words[k] in TITLES and words[k] not in SALUTATIONS:
            k -= 1
        label_title = k >= 0 and words[k] in SALUTATIONS
        if first == last and not label_title and not (
            k >= 0 and is_office_token(words[k]) and not is_place_name(words[first])
        ):
            continue
        if starts is None:
            starts = token_starts(sentence, words)
        end = starts[last] + len(words[last])
        after = sentence[end:]
        # An unmarked two-word run ("Kai Klose") is accepted only when it is followed by a
        # speech cue or a colon.
        if not (
            label_title
            or (first >= 1 and words[first - 1] in TITLES)
            or _role_near(words, k)
            or (PARTY.match(after) and not after.lstrip().startswith("(„"))
            or _GERMAN_APPOSITION.match(after)
            or _ENGLISH_APPOSITION.match(after)
            or _SPEECH_CUE_AFTER.match(after)
        ):
            continue
        run = NameRun(span_tokens(words, starts, first, last), first, last)
        role, org, gender = describe_run(words, run)
        if label_title:
            gender = SALUTATION_GENDERS[words[k]]
        mentions.append((starts[first], sentence[starts[first] : end], role, org, gender))
    return tuple(mentions)


def _role_near(words: list[str], k: int) -> bool:
    """A role noun among ``words[k - 12 : k + 1]`` with no ``.``/``:``/``;`` between it and
    ``words[k]``."""
    for i in range(k, max(0, k - 12) - 1, -1):
        if i < k and words[i] in _CLAUSE_ENDS:
            return False
        if is_role_token(words[i]):
            return True
    return False


def resolve(
    parsed: PhraseParse,
    registry: PersonRegistry,
    position: int,
    publisher: str | None = None,
    *,
    allow_unknown_surname: bool = True,
) -> tuple[Speaker | None, float]:
    """Turn a parsed phrase into a :class:`Speaker` using the registry, with a confidence."""
    if parsed.reference is None:
        return None, CONFIDENCE.UNRESOLVED
    if parsed.reference == "name" and parsed.name:
        if registry.is_excluded(parsed.name):
            return None, CONFIDENCE.UNRESOLVED
        established = registry.established_spelling(parsed.name)
        person = established or registry.find_exact(parsed.name)
        role = parsed.role or (person.role if person else None)
        org = parsed.organization or (person.organization if person else None)
        return (
            Speaker(
                name=established.name if established else parsed.name,
                as_printed=parsed.name,
                role=role,
                organization=org or organization_for_role(role, publisher),
            ),
            CONFIDENCE.FULL_NAME_AT_CUE,
        )
    if parsed.reference == "surname" and parsed.name:
        if registry.is_excluded(parsed.name):
            return None, CONFIDENCE.UNRESOLVED
        person, fuzzy = registry.by_surname(parsed.name, position, parsed.role)
        if person is not None:
            role = parsed.role or person.role
            return (
                Speaker(
                    name=person.name,
                    as_printed=parsed.name,
                    role=role,
                    organization=person.organization or organization_for_role(role, publisher),
                ),
                CONFIDENCE.MISSPELT_SURNAME if fuzzy else CONFIDENCE.KNOWN_SURNAME,
            )
        if not allow_unknown_surname and parsed.role is None:
            return None, CONFIDENCE.UNRESOLVED
        return (
            Speaker(
                name=parsed.name,
                as_printed=parsed.name,
                role=parsed.role,
                organization=parsed.organization or organization_for_role(parsed.role, publisher),
            ),
            CONFIDENCE.UNKNOWN_SURNAME,
        )
    if parsed.reference == "role" and parsed.role:
        person = registry.by_role(parsed.role, parsed.gender, position)
        confidence = CONFIDENCE.ROLE_NOUN
        if person is None:
            person = registry.recent_speaker(position, parsed.gender)
            confidence = CONFIDENCE.PRONOUN
        if person is None:
            return None, CONFIDENCE.UNRESOLVED
        return known_speaker(person, parsed.role, person.role or normalize_role(parsed.role),
                      publisher), confidence
    if parsed.reference == "pronoun" and parsed.pronoun:
        person = registry.by_pronoun(parsed.gender, position)
        if person is None:
            return None, CONFIDENCE.UNRESOLVED
        return known_speaker(person, parsed.pronoun, person.role, publisher), CONFIDENCE.PRONOUN
    return None, CONFIDENCE.UNRESOLVED


def known_speaker(person: Person, as_printed: str, role: str | None,
                  publisher: str | None) -> Speaker:
    """A known person of the release as the speaker, printed as ``as_printed``."""
    return Speaker(name=person.name, as_printed=as_printed, role=role,
                   organization=person.organization
                   or organization_for_role(person.role, publisher))
