"""One identity per speaker across the corpus: the speaker registry (pure).

Extraction names a speaker per release ("Joe Biden", "Biden", "Joseph R. Biden, Jr.",
"Kiziltepe"); the registry joins those *mentions* into identities with a named rule for every
join, so that facets count one person once and every merge can be explained:

``same-name``
    the same name as printed.
``spelling-variant``
    the same name once case and diacritics are folded ("Kızıltepe" / "Kiziltepe").
``name-variant``
    the same given name and surname once titles, offices, "Jr.", middle initials and short
    forms of given names are set aside ("Joseph R. Biden, Jr." / "Joe Biden").
``typo-variant``
    full names one letter apart (surname at least five letters, or one given name at least
    four), the rarer spelling at most a third as frequent as the established one and seen
    for a common publisher or in overlapping years - or seen once or twice, for the same
    publisher in the same year as the other.
``surname-same-publisher``
    a bare surname joins the only full-name person with that surname who speaks for the same
    publisher in the same period (two years either side).
``surname-and-role``
    a bare surname with several such candidates joins the one whose main role (the role
    printed most often with them) is printed with the mention ("President Biden" -> Joe
    Biden, not Jill Biden).

And the decisions that keep mentions apart are recorded too: ``ambiguous-surname`` (several
candidates, no role to choose), ``no-full-name`` (nobody with that surname is named in full).
Two people are never merged on a shared surname alone, organisations and documents only on
their folded name. The result is deterministic: the same mentions give the same identities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz.distance import Levenshtein

from indexer.identity.names import NameKey, fold, name_key, name_words, plain_key

SpeakerType = Literal["person", "organisation", "document"]
_PERIOD_SLACK = 2  # years either side of a person's known period for a bare surname
_TYPO_RATIO = 3
_SLIP = 2  # quotes of a spelling that may be a slip even when the other is no more frequent


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A role printed with a mention, and when it was seen."""

    role: str
    organization: str | None
    first: str | None
    last: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Mention:
    """All quotes of one speaker name (as resolved in its releases) for a publisher and year."""

    name: str
    type: SpeakerType
    publisher: str | None
    year: int | None
    count: int
    printed: tuple[tuple[str, int], ...] = ()  # empty: printed only as ``name``
    roles: tuple[RoleSeen, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.publisher or 'no publisher'}, {self.year or 'undated'}"


MentionKey = tuple[str, str, str | None, int | None]


def mention_key(name: str, type_: str, publisher: str | None, year: int | None) -> MentionKey:
    return (name, type_, publisher, year)


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a mention belongs to an identity (or was kept apart from others)."""

    mention: Mention
    rule: str
    detail: str

    def describe(self) -> str:
        return f"{self.mention.name!r} ({self.mention.where}, {self.mention.count}): " \
               f"{self.rule} - {self.detail}"


@dataclass
class Identity:
    id: str
    name: str
    type: SpeakerType
    decisions: list[Decision] = field(default_factory=list)

    @property
    def mentions(self) -> list[Mention]:
        return [d.mention for d in self.decisions]

    @property
    def count(self) -> int:
        return sum(m.count for m in self.mentions)

    def aliases(self) -> list[tuple[str, int]]:
        names: Counter[str] = Counter()
        for mention in self.mentions:
            for printed, count in mention.printed or ((mention.name, mention.count),):
                names[printed] += count
        return sorted(names.items(), key=lambda item: (-item[1], item[0]))

    def publishers(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for mention in self.mentions:
            if mention.publisher:
                counts[mention.publisher] += mention.count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def roles(self) -> list[RoleSeen]:
        """Roles over time: one entry per role and organisation, first and last date seen."""
        merged: dict[tuple[str, str | None], RoleSeen] = {}
        for mention in self.mentions:
            for seen in mention.roles:
                key = (seen.role, seen.organization)
                old = merged.get(key)
                merged[key] = seen if old is None else RoleSeen(
                    seen.role, seen.organization, _min(old.first, seen.first),
                    _max(old.last, seen.last), old.count + seen.count)
        return sorted(merged.values(), key=lambda r: (r.first or "", -r.count, r.role))

    def role_at(self, date: str | None) -> str | None:
        """The role this speaker held on ``date`` (the most frequent one seen around it)."""
        roles = self.roles()
        if not roles:
            return None
        if date:
            during = [r for r in roles if (r.first or "") <= date <= (r.last or "9999")]
            if during:
                return max(during, key=lambda r: r.count).role
            return min(roles, key=lambda r: _distance(r, date)).role
        return max(roles, key=lambda r: r.count).role

    def explain(self) -> list[str]:
        lines = [f"{self.name} [{self.id}] ({self.type}, {self.count} quotes)"]
        lines.extend("  " + d.describe() for d in self.decisions)
        return lines


def _min(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _distance(role: RoleSeen, date: str) -> int:
    year = int(date[:4])
    first = int((role.first or date)[:4])
    last = int((role.last or date)[:4])
    return min(abs(year - first), abs(year - last))


@dataclass
class Registry:
    identities: list[Identity]
    by_mention: dict[MentionKey, Identity]

    def identity_of(self, name: str, type_: str, publisher: str | None,
                    year: int | None) -> Identity | None:
        return self.by_mention.get(mention_key(name, type_, publisher, year))

    def find(self, name: str) -> list[Identity]:
        """Identities whose name or a mention of which matches ``name`` (folded)."""
        wanted = fold(name).strip()
        return [i for i in self.identities
                if fold(i.name) == wanted or any(fold(m.name) == wanted for m in i.mentions)
                or any(fold(a) == wanted for a, _ in i.aliases())]

    def kept_apart(self, name: str) -> list[Decision]:
        """Decisions that kept mentions sharing ``name``'s surname apart from a person."""
        key = name_key(name)
        if key is None:
            return []
        return [d for i in self.identities for d in i.decisions
                if d.rule in {"ambiguous-surname", "no-full-name"}
                and (name_key(d.mention.name) or key).surname == key.surname]


def build_registry(mentions: Iterable[Mention], make_id: Callable[[str], str]) -> Registry:
    """Join ``mentions`` into identities; ``make_id`` turns a canonical name into an id."""
    ordered = sorted(mentions, key=lambda m: (m.type, m.name, m.publisher or "", m.year or 0))
    groups: list[_Group] = []
    people: dict[NameKey, _Group] = {}
    bare: list[tuple[NameKey, Mention]] = []
    others: dict[tuple[str, str], _Group] = {}
    for mention in ordered:
        if mention.type != "person":
            key2 = (mention.type, plain_key(mention.name))
            if key2 not in others:
                others[key2] = _Group(mention.type)
                groups.append(others[key2])
            others[key2].members.append(mention)
            continue
        key = name_key(mention.name)
        if key is None:
            continue
        if not key.full:
            bare.append((key, mention))
            continue
        if key not in people:
            people[key] = _Group("person", key)
            groups.append(people[key])
        people[key].members.append(mention)
    _join_typos(people, groups)
    _join_bare_surnames(bare, people, groups)
    return _finish(groups, make_id)


@dataclass
class _Group:
    type: SpeakerType
    key: NameKey | None = None
    members: list[Mention] = field(default_factory=list)
    joined: dict[int, tuple[str, str]] = field(default_factory=dict)  # id(mention) -> rule
    merged_into: _Group | None = None

    @property
    def count(self) -> int:
        return sum(m.count for m in self.members)

    def canonical(self) -> str:
        """The most frequent full spelling among the group's own (not joined) mentions."""
        counts: Counter[str] = Counter()
        for mention in self.members:
            if id(mention) not in self.joined:
                counts[mention.name] += mention.count
        if not counts:
            counts.update({m.name: m.count for m in self.members})
        return min(counts, key=lambda name: (-counts[name], -len(name), name))

    def years_for(self, publisher: str | None) -> tuple[int, int] | None:
        years = [m.year for m in self.members if m.publisher == publisher and m.year is not None
                 and id(m) not in self.joined]
        same = any(m.publisher == publisher and id(m) not in self.joined for m in self.members)
        if not same:
            return None
        return (min(years), max(years)) if years else (0, 9999)

    def main_role(self) -> str | None:
        """The role most often printed with the group's own mentions (folded)."""
        counts: Counter[str] = Counter()
        for mention in self.members:
            if id(mention) not in self.joined:
                for seen in mention.roles:
                    counts[fold(seen.role)] += seen.count
        return min(counts, key=lambda role: (-counts[role], role)) if counts else None


def _join_typos(people: dict[NameKey, _Group], groups: list[_Group]) -> None:
    """Full names one letter apart join the established spelling (see ``typo-variant``)."""
    by_surname: dict[str, list[NameKey]] = defaultdict(list)
    by_given: dict[tuple[str, ...], list[NameKey]] = defaultdict(list)
    for key in people:
        by_surname[key.surname].append(key)
        by_given[key.given].append(key)
    pairs: set[tuple[NameKey, NameKey]] = set()
    for keys in (*by_surname.values(), *by_given.values()):
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if _one_letter_apart(a, b):
                    pairs.add((a, b) if a < b else (b, a))
    for a, b in sorted(pairs):
        ga, gb = _root(people[a]), _root(people[b])
        if ga is gb:
            continue
        rare, common = sorted((ga, gb), key=lambda g: (g.count, len(g.canonical())))
        if not _typo_evidence(rare, common):
            continue
        for mention in rare.members:
            rare.joined.setdefault(id(mention), (
                "typo-variant",
                f"one letter from the established {common.canonical()!r} "
                f"({common.count} quotes against {rare.count})"))
        common.members.extend(rare.members)
        common.joined.update(rare.joined)
        rare.members = []
        rare.merged_into = common


def _typo_evidence(rare: _Group, common: _Group) -> bool:
    """The rarer spelling is a slip of the established one: at most a third as frequent and
    seen for a common publisher or in overlapping years; or seen once or twice for the same
    publisher in the same year as the other (then, if as frequent, the longer spelling
    stands: typos mostly drop letters)."""
    rare_at = {(m.publisher, m.year) for m in rare.members}
    common_at = {(m.publisher, m.year) for m in common.members}
    if rare_at & common_at and rare.count <= _SLIP:
        return True
    if rare.count * _TYPO_RATIO > common.count:
        return False
    if {p for p, _ in rare_at} & {p for p, _ in common_at}:
        return True
    common_years = [y for _, y in common_at if y is not None]
    return bool(common_years) and any(
        y is not None and min(common_years) - _PERIOD_SLACK <= y <= max(common_years)
        + _PERIOD_SLACK for _, y in rare_at)


def _one_letter_apart(a: NameKey, b: NameKey) -> bool:
    if a.given == b.given:
        return len(a.surname) >= 5 and Levenshtein.distance(a.surname, b.surname,
                                                            score_cutoff=1) == 1
    if a.surname == b.surname and len(a.given) == len(b.given):
        diffs = [(x, y) for x, y in zip(a.given, b.given, strict=True) if x != y]
        return len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 4 \
            and Levenshtein.distance(*diffs[0], score_cutoff=1) == 1
    return False


def _root(group: _Group) -> _Group:
    while group.merged_into is not None:
        group = group.merged_into
    return group


def _join_bare_surnames(bare: Sequence[tuple[NameKey, Mention]], people: dict[NameKey, _Group],
                        groups: list[_Group]) -> None:
    """A bare surname joins the one full-name person who can be meant, or stays apart."""
    by_surname: dict[str, list[_Group]] = defaultdict(list)
    for key, group in people.items():
        root = _root(group)
        if root is group:
            by_surname[key.surname].append(group)
    unresolved: dict[str, _Group] = {}
    for key, mention in bare:
        candidates = [g for g in by_surname.get(key.surname, []) if _in_period(g, mention)]
        chosen: _Group | None = None
        rule, detail = "", ""
        if len(candidates) == 1:
            chosen = candidates[0]
            rule = "surname-same-publisher"
            detail = (f"the only {chosen.canonical()!r} with this surname speaking for "
                      f"{mention.publisher or 'this publisher'} around {mention.year or 'then'}")
        elif len(candidates) > 1:
            printed = {fold(r.role) for r in mention.roles}
            fitting = [g for g in candidates if g.main_role() in printed]
            names = ", ".join(sorted(g.canonical() for g in candidates))
            if len(fitting) == 1:
                chosen = fitting[0]
                rule = "surname-and-role"
                detail = (f"of {names}, only {chosen.canonical()!r} mostly speaks as "
                          f"{chosen.main_role()!r}")
            else:
                rule = "ambiguous-surname"
                detail = f"could be {names}; kept apart"
        else:
            rule = "no-full-name"
            detail = ("nobody with this surname is named in full for "
                      f"{mention.publisher or 'this publisher'} around {mention.year or 'then'}")
        if chosen is not None:
            chosen.members.append(mention)
            chosen.joined[id(mention)] = (rule, detail)
            continue
        if key.surname not in unresolved:
            unresolved[key.surname] = _Group("person", key)
            groups.append(unresolved[key.surname])
        unresolved[key.surname].members.append(mention)
        unresolved[key.surname].joined[id(mention)] = (rule, detail)


def _in_period(group: _Group, mention: Mention) -> bool:
    years = group.years_for(mention.publisher)
    if years is None:
        return False
    if mention.year is None:
        return True
    return years[0] - _PERIOD_SLACK <= mention.year <= years[1] + _PERIOD_SLACK


def _finish(groups: Sequence[_Group], make_id: Callable[[str], str]) -> Registry:
    identities: list[Identity] = []
    by_mention: dict[MentionKey, Identity] = {}
    used: Counter[str] = Counter()
    for group in groups:
        if not group.members:
            continue
        name = group.canonical()
        base = make_id(name) or "speaker"
        used[base] += 1
        identity = Identity(base if used[base] == 1 else f"{base}-{used[base]}", name, group.type)
        canonical_words = [fold(w) for w in name_words(name)]
        for mention in group.members:
            rule, detail = group.joined.get(id(mention), ("", ""))
            if not rule:
                rule, detail = _same_person_rule(mention.name, name, canonical_words)
            identity.decisions.append(Decision(mention, rule, detail))
            by_mention[mention_key(mention.name, mention.type, mention.publisher,
                                   mention.year)] = identity
        identities.append(identity)
    return Registry(identities, by_mention)


def _same_person_rule(printed: str, canonical: str, canonical_words: list[str]
                      ) -> tuple[str, str]:
    if printed == canonical:
        return "same-name", "printed as the canonical name"
    if [fold(w) for w in name_words(printed)] == canonical_words:
        return "spelling-variant", f"{printed!r} and {canonical!r} differ only in case, " \
                                   "diacritics, titles or offices"
    return "name-variant", f"same given name and surname as {canonical!r} once suffixes, " \
                           "middle initials and short forms are set aside"
