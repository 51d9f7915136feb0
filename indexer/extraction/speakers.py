"""Speaker recognition and resolution within one release.

A *speaker phrase* is the stretch of text that names who speaks at an attribution cue
(``Staatssekretär Kai Klose``, ``Klose``, ``der Staatssekretär``, ``er``,
``Secretary of Homeland Security Alejandro N. Mayorkas``). :func:`parse_speaker_phrase`
finds the name, role and gender hints in such a phrase; :class:`PersonRegistry` collects the
named people of a release (:func:`build_registry`) and resolves surnames, misspelt surnames
(edit distance), role nouns and pronouns to the most recent compatible named person.

Nothing is guessed: a phrase that names nobody and refers to nobody known resolves to
``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from indexer.extraction.records import Speaker


def _words(text: str) -> list[str]:
    """A whitespace-separated word list written as one string."""
    return text.split()


Gender = Literal["f", "m"]
ReferenceKind = Literal["name", "surname", "role", "pronoun"]

# Confidence of an attribution, by how the speaker was found.
CONFIDENCE: dict[str, float] = {
    "name": 0.95,
    "surname": 0.9,
    "surname_unknown": 0.8,
    "fuzzy": 0.75,
    "role": 0.7,
    "pronoun": 0.6,
    "continuation": 0.6,
    "title": 0.9,
    "label": 0.95,
}

_GERMAN_ROLE_STEMS = (
    "bürgermeister",
    "stadtrat",
    "stadträt",
    "senator",
    "staatssekretär",
    "minister",
    "präsident",
    "sprecher",
    "beauftragte",
    "bevollmächtigte",
    "leiter",
    "direktor",
    "vorsitzende",
    "geschäftsführer",
    "dezernent",
    "kanzler",
    "landrat",
    "landrät",
    "intendant",
    "rektor",
    "kommissar",
    "abgeordnete",
    "vorständ",
    "vorstand",
    "koordinator",
    "referent",
    "bischof",
    "botschafter",
    "generalsekretär",
    "schirmherr",
    "stadtteilmanager",
    "ombudsfrau",
    "ombudsmann",
    "polizeichef",
    "chefin",
    "superintendent",
    "bezirksverordnetenvorsteher",
    "vorsteher",
    "stadtbaurat",
    "stadtbaurät",
    "amtsarzt",
    "amtsärzt",
    "sozialarbeiter",
    "initiator",
    "kurator",
    "projektleiter",
    "gründer",
    "arzt",
    "ärztin",
    "pfarrer",
    "pastor",
    "trainer",
    "lehrer",
    "architekt",
    "künstler",
    "spieler",
    "autor",
    "manager",
    "moderator",
    "rabbiner",
    "anwalt",
    "anwältin",
    "vertreter",
    "experte",
    "expertin",
    "wissenschaftler",
    "forscher",
    "ingenieur",
    "ansprechperson",
    "kommandeur",
    "inspekteur",
    "dirigent",
    "kurator",
)
_ROLE_TOKEN = re.compile(
    r"[a-zäöüß\-]*(?:" + "|".join(_GERMAN_ROLE_STEMS) + r")(?:in|innen|s|en|n|r|e|er)?"
)
_ENGLISH_ROLE_HEADS = frozenset(
    _words(
        """
        President Secretary Administrator Director Senator Governor Ambassador Spokesperson
        Spokesman Spokeswoman Adviser Advisor Coordinator Mayor Representative Leader Chancellor
        Chair Chairman Chairwoman Commissioner Counselor Envoy CEO Congressman Congresswoman
        Minister Speaker Sen. Rep. Gov. Sec. General Lady Gentleman Officer Administrator
        Counsel Czar Chief
        """
    )
)
_ENGLISH_ROLE_MODIFIERS = frozenset(
    _words(
        """
        Vice Deputy Press Chief Prime Attorney Surgeon Assistant Acting Principal First Second
        National Security NSC Special Senior Executive Associate Under Majority Minority
        Climate Economic Domestic International General Managing Policy
        """
    )
)
_ENGLISH_ROLES = _ENGLISH_ROLE_HEADS | _ENGLISH_ROLE_MODIFIERS
_ROLE_MODIFIERS = frozenset(
    {
        "Regierender",
        "Regierende",
        "Regierenden",
        "Stellvertretender",
        "Stellvertretende",
        "Stellvertretenden",
        "Stellv.",
        "Erster",
        "Erste",
        "Ersten",
        "Amtierender",
        "Amtierende",
        "Parlamentarischer",
        "Parlamentarische",
        "Designierter",
        "Designierte",
        "Ehemaliger",
        "Ehemalige",
        "Neue",
        "Neuer",
        "Geschäftsführender",
        "Geschäftsführende",
        "Kommissarischer",
        "Kommissarische",
    }
)
_TITLES = frozenset(
    {
        "Dr.",
        "Prof.",
        "Professor",
        "Professorin",
        "Mr.",
        "Ms.",
        "Mrs.",
        "Dr",
        "Frau",
        "Herr",
        "Madam",
    }
)
_COMPLEMENT_HEADS = frozenset(
    _words("für des der im in am vom von bei beim zur zum of for at in on to the , –")
)
_SALUTATIONS = frozenset({"Mr.", "Ms.", "Mrs.", "Frau", "Herr"})
_PARTICLES = frozenset({"von", "van", "de", "zu", "di", "da", "del", "ten", "ter", "du"})
_PARTICLE_PAIRS = frozenset(
    {("von", "der"), ("van", "der"), ("van", "den"), ("de", "la"), ("von", "und"), ("de", "los")}
)
_CUE_WORDS = frozenset(_words("so said says sagt sagte laut by von"))
_ENGLISH_COMMON = frozenset(
    _words(
        """
        Workers Worker Union Unions Alliance Association Foundation Community Organizations
        Organization Forum Caucus Council Federation Brotherhood Order Police Institute
        Center Centre Coalition Society League Network Fund Corporation Company Group Partners
        Partnership Commission Committee Board Bureau Agency Authority Trust Bank Project
        Initiative Americans American Asian Pacific Latino Native African European International
        United Federal County Municipal Employees Engineers Teachers Attendants Justice Labor
        Executive Legislative Affairs Health Human Services Energy Defense Homeland Treasury
        Commerce Transportation Education Agriculture Interior Veterans Housing Development
        Environmental Protection Management Budget Security Economic Policy Domestic Science
        Technology Climate Infrastructure Republic Kingdom Nations Union’s Government People
        Press Room Building Street Avenue University College School Hospital Church Museum
        Guild Artists Actors Television Radio Screen Film Media News Times Post Journal Tribe
        Tribes Nation Party Democrats Republicans Chamber Club Bar Cooperative Electric Power
        Energy Lands Trades Building Wildlife Conservation Resources Action Women’s Men’s
        """
    )
)
_CONTRACTION = re.compile(r"[’'](?:s|ve|re|m|ll|d|t)$")
_COMMON_NOUN = re.compile(
    r"(?:\w{5,}ung|\w{3,}heit|\w{3,}keit|\w{3,}schaft|\w{3,}tion|\w{3,}tät|\w{3,}ismus"
    r"|\w{4,}nis|\w{4,}tum|\w{5,}ment|\w{4,}nahme|\w{4,}zeit|\w{4,}platz|\w{4,}straße"
    r"|\w{3,}(?:lichen|licher|liches|ischen|ischer|isches|igen)"
    r"|\w{4,}weg|\w{4,}park|\w{4,}tag|\w{4,}jahr|\w{4,}plan|\w{4,}fest|\w{4,}preis)$"
)
_ORG_SUFFIX = re.compile(
    r"\w{3,}(?:amt|ämter|verwaltung|senat|ministerium|behörde|bezirk|verein|verband"
    r"|gesellschaft|stiftung|stelle|schule|universität|hochschule|gmbh|zentrum|institut|büro"
    r"|kammer|beirat|kanzlei|polizei|feuerwehr|agentur|museum|bibliothek|klinikum|krankenhaus"
    r"|netzwerk|initiative|projekt|programm|office|department|council|agency|administration"
    r"|committee|services)(?:s|es)?$"
    r"|(?:Bezirksamt|Senat|Verein|Stiftung|Beirat|House|Office|Department|Team)$",
    re.IGNORECASE,
)
STOPWORDS = frozenset(
    _words(
        """
    Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Ihr Ihnen Man
    Unser Unsere Dazu Dabei Auch Außerdem Zudem Hierzu Darüber Damit Deshalb Daher Doch Aber
    Und Oder Heute Gestern Morgen Jetzt Nun Im In Am An Auf Aus Bei Mit Nach Vor Für Zum Zur
    Als Wie Was Wer Wo Dass Denn Laut So Mehr Alle Viele Diese Dieser Dieses Hier Dort Da
    Dann Wenn Weil Ob Über Unter Seit Bis Gegen Ohne Durch Um Von Vom Beim Ins Zu Insgesamt
    Gerade Besonders Bereits Schon Noch Nicht Kein Keine Sehr Ganz Gemeinsam Mein Meine Ihre
    Ihren Sein Seine Jede Jeder Jedes Allen Anlässlich Zum Zwar Sowohl Weder Während Danach
    Davor Zuvor Vorher Anschließend Abschließend Erst Zunächst Schließlich Wichtig Januar
    Februar März April Mai Juni Juli August September Oktober November Dezember Montag
    Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Sonnabend The A An On At As He She
    It We They I This That These Those Today Yesterday Tomorrow And But Or If When While
    Since After Before For From With By Of To Our Their His Her Its My Your In Under Over
    Through During Across Without Within Thank Thanks Mr Ms Mrs Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    March May June July October December United States America American Americans Congress
    Senate House White Administration Federal Department State Act Plan Program Office
    Ministry National International Uhr Euro Prozent En Route Aboard Via
    Regarding Following Upon Berliner Berlin Hessen Deutschland Europa Bund Land Landes Stadt
    Senat Bezirk Bezirks Bezirksamt SPD CDU CSU FDP AfD BSW Grüne Grünen Linke LINKE Die
    """
    )
)
_PRONOUNS: dict[str, Gender | None] = {
    "er": "m",
    "sie": "f",
    "he": "m",
    "she": "f",
}
_ARTICLES_F = frozenset({"die", "der Frau"})
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "the", "einer", "ein", "eine"})
_PARTY = re.compile(
    r"\s*\((?:SPD|CDU|CSU|FDP|AfD|BSW|Grüne|GRÜNE|B'?90/Grüne|Bündnis\s?90/Die Grünen|"
    r"Bündnis 90/Grüne|Die Linke|Linke|DIE LINKE|LINKE|parteilos|Piraten|[DR]-[A-Z]{2}|"
    r"[^()]{1,40})\)"
)
_TOKEN = re.compile(r"[\w][\w'’.\-]*|\S")
_INITIAL = re.compile(r"^[A-Z]\.$")
# Abbreviations whose final dot stays part of the token (besides titles and initials).
_DOTTED_ABBREVIATIONS = frozenset({"Jr.", "Sr.", "Sen.", "Rep.", "Gov.", "Sec.", "Stellv."})
# Memo size of the per-word predicates below (words repeat a lot within and across releases).
_WORD_CACHE = 1 << 14


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


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


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (with inner dots, hyphens and apostrophes) and single punctuation marks."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        start = offset + match.start()
        end = start + len(word)
        # "Klose." at the end of a sentence: keep the dot separate unless it is an initial
        # or a known abbreviation.
        if word[-1] == "." and _splits_final_dot(word):
            append(Token(word[:-1], start, end - 1))
            append(Token(".", end - 1, end))
            continue
        append(Token(word, start, end))
    return tokens


@lru_cache(maxsize=_WORD_CACHE)
def _splits_final_dot(word: str) -> bool:
    """Whether the final dot of ``word`` (which ends with one) is a separate token."""
    return (
        len(word) > 1
        and not _is_initial(word)
        and word not in _TITLES
        and word not in _DOTTED_ABBREVIATIONS
    )


def _is_initial(word: str) -> bool:
    """``A.``: one ASCII capital and a dot (what ``_INITIAL`` matches in a token)."""
    return len(word) == 2 and word[1] == "." and "A" <= word[0] <= "Z"


@lru_cache(maxsize=_WORD_CACHE)
def is_role_token(word: str) -> bool:
    """``Staatssekretär``, ``Bezirksbürgermeisterin``, ``Senatorin``, ``Secretary`` ..."""
    if not word or not word[0].isupper():
        return False
    if word in _ENGLISH_ROLE_HEADS:
        return True
    if word in _ENGLISH_ROLE_MODIFIERS:
        return False
    return bool(_ROLE_TOKEN.fullmatch(word.lower()))


def _is_capitalized_word(word: str) -> bool:
    return bool(word) and word[0].isupper() and any(ch.isalpha() for ch in word)


@lru_cache(maxsize=_WORD_CACHE)
def _is_name_token(word: str) -> bool:
    if not _is_capitalized_word(word):
        return False
    if (
        word in STOPWORDS
        or word in _TITLES
        or word in _ROLE_MODIFIERS
        or word in _ENGLISH_ROLES
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
        _ORG_SUFFIX.fullmatch(part) or part in _ENGLISH_COMMON for part in word.split("-")
    ):
        return False  # Schleipfuhl-Grundschule
    if len(word) > 15 and "-" not in word:
        return False  # long compounds ("Positionierungspapier") are nouns, not names
    if _CONTRACTION.search(word):
        return False  # We’ve, He’s, Biden’s: not a name as printed
    if word in _ENGLISH_COMMON:
        return False
    return not _ORG_SUFFIX.fullmatch(word) and not _COMMON_NOUN.fullmatch(word)


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
        for first, last in _name_spans([t.text for t in tokens])
    ]


_JR_SR = frozenset({"Jr.", "Sr."})
# Words that may continue a name run without being name tokens (besides initials, ``Jr.``,
# ``Sr.`` and surnames in ``-ing``).
_RUN_LINKS = _PARTICLES | {","}


def _name_spans(words: list[str]) -> list[tuple[int, int]]:
    """:func:`name_runs` on the token texts: (first, last) token indexes (inclusive)."""
    n = len(words)
    name = list(map(_is_name_token, words))
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
            words[i] in _PARTICLES
            and i + 1 < n
            and name[i + 1]
            and (i == 0 or is_role_token(words[i - 1]) or words[i - 1] in _TITLES)
        )
        if not particle_start and (not name[i] or _is_initial(words[i])):
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
            if _is_initial(nxt) and j + 2 < n:
                j += 1
                continue
            if _ing_surname(nxt, words[j + 2] if j + 2 < n else ""):
                j += 1  # "Katja Kipping," - not an English gerund ("Biden Celebrating the")
                continue
            if nxt in _PARTICLES and j + 2 < n and name[j + 2]:
                j += 2
                continue
            pair = (nxt, words[j + 2] if j + 2 < n else "")
            if pair in _PARTICLE_PAIRS and j + 3 < n and name[j + 3]:
                j += 3
                continue
            if nxt == "," and j + 2 < n and words[j + 2] in _JR_SR:
                j += 2
                continue
            if nxt in _JR_SR:
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
    if words[last] in _JR_SR and length >= 3:
        inner_first, _ = _trim_span(words, first, last - 1, preceding)
        return inner_first, last
    if length <= 2:
        return first, last
    if length == 3 and (
        not preceding
        or preceding in {",", ":", "(", "–", "-"}
        or is_role_token(preceding)
        or preceding in _TITLES
        or preceding.lower() in _CUE_WORDS
    ):
        return first, last
    run_words = words[first : last + 1]
    for k, w in enumerate(run_words):
        if _is_initial(w):
            return first + max(0, k - 1), last
    for k, w in enumerate(run_words):
        if w in _PARTICLES:
            return first + max(0, k - 1), last
    return last - 1, last


@lru_cache(maxsize=_WORD_CACHE)
def surname_of(name: str) -> str:
    parts = [p for p in name.replace(", Jr.", "").split() if p not in {"Jr.", "Sr."}]
    return parts[-1] if parts else name


@lru_cache(maxsize=_WORD_CACHE)
def _gender_of_role(role: str | None) -> Gender | None:
    if not role:
        return None
    head = role.split()[-1] if " " in role else role
    words = role.split()
    head = next((w for w in words if is_role_token(w)), head)
    lower = head.lower()
    if lower in {"ms.", "mrs."}:
        return "f"
    if lower == "mr.":
        return "m"
    if head in _ENGLISH_ROLES:
        return None
    if lower.endswith("in") and not lower.endswith(("präsidin",)):
        return "f"
    if lower.endswith(("frau", "woman")):
        return "f"
    if lower.endswith("e") and not lower.endswith(("beauftragte", "bevollmächtigte")):
        return None
    return "m"


def parse_speaker_phrase(text: str, offset: int = 0, *, after_cue: bool = False) -> PhraseParse:
    """Read a speaker phrase: a full name, a surname, a role noun or a pronoun.

    ``after_cue`` is true for phrases that follow a cue word (``so Klose``, ``sagte er``):
    the speaker then comes first, and a single capitalized word right at the start counts
    as a surname.
    """
    cleaned = _PARTY.sub(lambda m: " " * len(m.group(0)), text)
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

    def role_before(run: NameRun) -> tuple[str | None, str | None]:
        return _role_before(words, run)

    full = [r for r in runs if len(r.tokens) >= 2 and r.tokens[0].text not in _PARTICLES]
    if after_cue:
        # The speaker comes first: take the first run if it starts within a few tokens.
        first_content = _first_content_index(words)
        for run in runs:
            if run.first > first_content + 14:
                break
            preceding = words[run.first - 1].lower() if run.first > 0 else ""
            if preceding in _ARTICLES and not role_before(run)[0]:
                continue  # "der Integrationsbeirat": a noun, not a name
            gap = words[first_content : run.first]
            if any(w in {".", ":", ";"} for w in gap):
                break
            if len(run.tokens) >= 2 and run.tokens[0].text not in _PARTICLES:
                if _joined_with_another_name(words, run):
                    return PhraseParse(None)  # "Anna Beispiel und Max Muster": not one speaker
                return make(run, "name")
            if run.last + 1 < len(words) and is_role_token(words[run.last + 1]):
                continue  # "Lichtenbergs Bezirksbürgermeister …": a genitive, not a name
            if (
                run.first == first_content
                or _adjacent_role(words, run)
                or (run.first > 0 and words[run.first - 1] in _TITLES)
            ):
                if _joined_with_another_name(words, run):
                    return PhraseParse(None)  # "so Natascha und Rico": more than one speaker
                return make(run, "surname")
            if len(full) == 0:
                break
    else:
        if full:

            def score(run: NameRun) -> float:
                if _adjacent_role(words, run, comma=False):
                    return 3.0  # "Staatssekretär Kai Klose"
                if _role_after(words, run)[0]:
                    return 2.5  # "Sam Penney, Chairman, Nez Perce"
                if _adjacent_role(words, run) or _PARTY.match(text[run.tokens[-1].end - offset :]):
                    return 2.0  # "Stiftungsratsvorsitzende, Joe Chialo" / "Anna Beispiel (SPD)"
                return 1.0 if role_before(run)[0] else 0.0

            people = [r for r in full if not _org_acronym_after(text[r.tokens[-1].end - offset :])]
            if not people:
                return PhraseParse(None)
            best = max(people, key=lambda r: (score(r), r.first))
            return make(best, "name")
        for run in runs:
            preceding = words[run.first - 1] if run.first > 0 else ""
            if _adjacent_role(words, run) or preceding in _TITLES:
                return make(run, "surname")
        if len(runs) == 1 and runs[0].first == 0 and runs[0].last == len(words) - 1:
            return make(runs[0], "surname")

    # No name: a role noun ("der Staatssekretär", "die Senatorin") or a pronoun.
    first_content = _first_content_index(words)
    window = words[first_content : first_content + 6]
    for i, w in enumerate(window):
        if is_role_token(w):
            article = window[i - 1].lower() if i > 0 else ""
            gender = _gender_of_role(w)
            if article == "die" and gender is None:
                gender = "f"
            if article == "der" and gender is None and w.endswith("e"):
                gender = "m"
            return PhraseParse("role", role=w, gender=gender)
        if w.lower() in _PRONOUNS and (i == 0 or not _is_capitalized_word(w) or after_cue):
            return PhraseParse("pronoun", pronoun=w.lower(), gender=_PRONOUNS[w.lower()])
        if w in {".", ":", ";"}:
            break
    return PhraseParse(None)


def _role_before(words: list[str], run: NameRun) -> tuple[str | None, str | None]:
    """The role noun phrase right before the run (with modifiers), and an organization."""
    k = run.first - 1
    while k >= 0 and words[k] in _TITLES and words[k] not in _SALUTATIONS:
        k -= 1
    cands = [i for i in range(max(0, k - 12), k + 1) if is_role_token(words[i])]
    if not cands:
        return None, None
    i = cands[-1]
    between = words[i + 1 : k + 1]
    if any(w in {".", ":", ";", "„", "“", '"', "(", ")"} for w in between):
        return None, None
    if between and between[0] not in _COMPLEMENT_HEADS:
        return None, None
    j = i
    while j - 1 >= 0 and (words[j - 1] in _ROLE_MODIFIERS or words[j - 1] in _ENGLISH_ROLES):
        j -= 1
    role = " ".join(words[j : i + 1])
    return role, _organization_from_complement(words[i + 1 : k + 1])


_ORG_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z&\-]{2,})\)")
_PARTY_ACRONYMS = frozenset(_words("SPD CDU CSU FDP AFD BSW SSW ÖDP NPD DKP MLPD"))


def _org_acronym_after(rest: str) -> bool:
    """``… Radio Artists (SAG-AFTRA)``: a name followed by an organization's acronym."""
    match = _ORG_ACRONYM.match(rest)
    if match is None:
        return False
    return match.group("acronym").upper() not in _PARTY_ACRONYMS


def _joined_with_another_name(words: list[str], run: NameRun) -> bool:
    """``Natascha und Rico``, ``Anna Beispiel and John Doe``: the run is one of several."""
    k = run.last + 1
    while k < len(words) and words[k] in {"(", ")"}:
        k += 1
    return (
        k + 1 < len(words)
        and words[k] in {"und", "and", "sowie", "&"}
        and (_is_name_token(words[k + 1]) or is_role_token(words[k + 1]))
    )


def _adjacent_role(words: list[str], run: NameRun, *, comma: bool = True) -> bool:
    """A role noun (possibly with titles or an apposition comma) right before the run:
    ``Senatorin Scheeres``, ``Stiftungsratsvorsitzende, Joe Chialo``."""
    k = run.first - 1
    while k >= 0 and words[k] in _TITLES:
        k -= 1
    if comma and k >= 1 and words[k] == ",":
        k -= 1
    return k >= 0 and is_role_token(words[k])


def _role_after(words: list[str], run: NameRun) -> tuple[str | None, str | None]:
    """``Sandra Scheeres, Senatorin für ...`` / ``Kai Maaz, der Vorsitzende des ...``."""
    k = run.last + 1
    if k < len(words) and words[k] == ",":
        k += 1
        if k < len(words) and words[k].lower() in _ARTICLES:
            k += 1
        while (
            k < len(words) - 1
            and words[k].islower()
            and words[k].isalpha()
            and words[k] not in _COMPLEMENT_HEADS
            and words[k] not in {"beim", "zum", "zur", "bei", "und", "sowie", "als", "and"}
            and (is_role_token(words[k + 1]) or (words[k + 1].islower() and words[k + 1].isalpha()))
            and k <= run.last + 4
        ):
            k += 1
        adjectives_from = run.last + 2
        if adjectives_from < len(words) and words[adjectives_from].lower() in _ARTICLES:
            adjectives_from += 1
        j = k
        while (
            j < k + 2
            and j + 1 < len(words)
            and _is_capitalized_word(words[j])
            and not is_role_token(words[j])
            and words[j] not in _ROLE_MODIFIERS
            and is_role_token(words[j + 1])
        ):
            j += 1
        while j < len(words) and (words[j] in _ROLE_MODIFIERS or words[j] in _ENGLISH_ROLES):
            if is_role_token(words[j]) and not (
                j + 1 < len(words) and words[j + 1] in _ENGLISH_ROLES
            ):
                break
            j += 1
        if j < len(words) and is_role_token(words[j]):
            role = " ".join(words[adjectives_from : j + 1])
            end = j + 1
            while end < len(words) and words[end] not in {",", ".", ":", ";", "("}:
                end += 1
            return role, _organization_from_complement(words[j + 1 : end])
    return None, None


def describe_run(words: list[str], run: NameRun) -> tuple[str | None, str | None, Gender | None]:
    """Role, organization and gender hints around a name run."""
    role, org = _role_before(words, run)
    if role is None:
        role, org = _role_after(words, run)
    k = run.first - 1
    gender: Gender | None = None
    if k >= 0 and words[k] in {"Ms.", "Mrs.", "Frau"}:
        gender = "f"
    elif k >= 0 and words[k] in {"Mr.", "Herr"}:
        gender = "m"
    role = normalize_role(role)
    return role, org, gender or _gender_of_role(role)


_INFLECTED_ROLE = (
    (re.compile(r"(rat|tor|tär|ent|ter|ler|ner|ger|ber|ster|kanzler|chef|herr)s$"), r"\1"),
    (re.compile(r"(ende|ierte|tragte|mächtigte|ordnete)n$"), r"\1"),
    (re.compile(r"^(Regierende|Stellvertretende|Amtierende|Erste|Parlamentarische)n$"), r"\1"),
    (re.compile(r"^(Regierende|Stellvertretende|Amtierende|Erste|Parlamentarische)r$"), r"\1r"),
)


_GENITIVE_PLACE = re.compile(r"[A-ZÄÖÜ]\w+[^s]s")


@lru_cache(maxsize=_WORD_CACHE)
def normalize_role(role: str | None) -> str | None:
    """Genitive/dative role forms back to the nominative: ``des Kulturstadtrats`` ->
    ``Kulturstadtrat``, ``der Regierenden Bürgermeisterin`` -> ``Regierende
    Bürgermeisterin``, ``Aufarbeitungsbeauftragten`` -> ``Aufarbeitungsbeauftragte``."""
    if not role:
        return role
    words = role.split()
    out: list[str] = []
    for word in words:
        for pattern, replacement in _INFLECTED_ROLE:
            new = pattern.sub(replacement, word)
            if new != word:
                word = new
                break
        out.append(word)
    if (
        len(out) >= 2
        and _GENITIVE_PLACE.fullmatch(out[0])
        and out[1] not in _ENGLISH_ROLE_HEADS
        and is_role_token(out[1])
        and not is_role_token(out[0])
    ):
        out = out[1:]  # "Spandaus Bezirksstadtrat", "Lichtenbergs Bezirksbürgermeister"
    head = out[-1]
    masculine = not head.endswith(("in", "innen", "e")) and is_role_token(head)
    if masculine:
        # nominative without article: "Der Regierende Bürgermeister" -> "Regierender
        # Bürgermeister", "Parlamentarischen Staatssekretärs" -> "Parlamentarischer Staatssekretär"
        out = [
            w + "r" if k < len(out) - 1 and _ROLE_ADJECTIVE_E.fullmatch(w) else w
            for k, w in enumerate(out)
        ]
    return " ".join(out)


_ROLE_ADJECTIVE_E = re.compile(
    r"(?:[Rr]egierende|[Ss]tellvertretende|[Aa]mtierende|[Ee]rste|[Pp]arlamentarische|"
    r"[Ss]tellv\.?e|\w+(?:ische|liche|ende))"
)


def _first_content_index(words: list[str]) -> int:
    i = 0
    while i < len(words) and words[i] in {
        ",",
        "–",
        "-",
        "—",
        "sich",
        "dazu",
        "auch",
        "heute",
        "zudem",
        "abschließend",
        "weiter",
    }:
        i += 1
    return i


def _organization_from_complement(words: list[str]) -> str | None:
    """``des DIPF / Leibniz-Institut ...`` -> organization when it names one."""
    if not words or words[0] not in {"des", "der", "vom", "of", "at"}:
        return None
    chunk: list[str] = []
    for w in words[1:]:
        if w in {",", ":", ";", ".", "für", "und"} and chunk:
            break
        chunk.append(w)
    text = " ".join(chunk).replace(" - ", "-").strip()
    if not text:
        return None
    if any(_ORG_SUFFIX.fullmatch(w) or (w.isupper() and len(w) > 1) for w in chunk):
        return text
    return None


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

    def by_surname(self, surname: str, position: int) -> tuple[Person | None, bool]:
        """Exact surname match (prefer the most recently mentioned before ``position``),
        else a unique match within edit distance 2. Returns (person, fuzzy)."""
        key = _norm(surname_of(surname))
        exact = [p for p in self.people if _norm(p.surname) == key and len(p.name.split()) > 1]
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
        stem = _role_stem(role_word)
        candidates = [
            p
            for p in self.people
            if p.role
            and stem
            and any(_role_stem(w) and stem in w.lower() for w in p.role.split())
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
            if len(p.name.split()) > 1 and any(m < position for m in p.mentions)
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


@lru_cache(maxsize=_WORD_CACHE)
def _norm(name: str) -> str:
    return _NOT_NAME_CHAR.sub("", name.lower())


_STEMS_LONGEST_FIRST = tuple(sorted(_GERMAN_ROLE_STEMS, key=len, reverse=True))


@lru_cache(maxsize=_WORD_CACHE)
def _role_stem(word: str) -> str:
    lower = word.lower()
    for stem in _STEMS_LONGEST_FIRST:
        if stem in lower:
            return stem
    return lower if word in _ENGLISH_ROLES else ""


def _most_recent(people: list[Person], position: int) -> Person:
    def key(p: Person) -> int:
        before = [m for m in p.mentions if m < position]
        return max(before) if before else -min(p.mentions) - 1

    return max(people, key=key)


_ROLE_NAME_SCAN = re.compile(r"(?:Herr|Frau|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.)?\s*[A-ZÄÖÜ][\w'’.\-]+")


_GERMAN_APPOSITION = re.compile(
    r",\s+(?:der|die|the)?\s*(?:\w+\s+)?[A-ZÄÖÜ]\w*(?:" + "|".join(_GERMAN_ROLE_STEMS) + r")",
    re.IGNORECASE,
)
_ENGLISH_APPOSITION = re.compile(
    r",\s+(?:the\s+)?(?:[A-Z]\w+\s+){0,3}(?:" + "|".join(sorted(_ENGLISH_ROLE_HEADS)) + r")\b"
)
_SPEECH_CUE_AFTER = re.compile(r"\s*(?::|\(|,?\s+(?:sagt|sagte|erklärt|betont|said|says))")
_CLAUSE_ENDS = frozenset({".", ":", ";"})


def build_registry(body: str, excluded: Iterable[str] = ()) -> PersonRegistry:
    """Collect the named people of a body: a role noun or title followed by a full name,
    a full name followed by a party in parentheses or a role apposition, ``Mr./Ms. X``."""
    registry = PersonRegistry(excluded)
    for sentence_start, sentence in _sentences(body):
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
    words = _token_texts(sentence)
    starts: list[int] | None = None  # token offsets in the sentence, once needed
    for first, last in _name_spans(words):
        # A run counts as a person when a role or title is right before it, or a party
        # or role apposition right after it.
        k = first - 1
        while k >= 0 and words[k] in _TITLES and words[k] not in _SALUTATIONS:
            k -= 1
        label_title = k >= 0 and words[k] in _SALUTATIONS
        if first == last and not label_title:
            continue
        if starts is None:
            starts = _token_starts(sentence, words)
        end = starts[last] + len(words[last])
        after = sentence[end:]
        # An unmarked two-word run ("Kai Klose") is accepted only when it is followed by a
        # speech cue or a colon.
        if not (
            label_title
            or (first >= 1 and words[first - 1] in _TITLES)
            or _role_near(words, k)
            or (_PARTY.match(after) and not after.lstrip().startswith("(„"))
            or _GERMAN_APPOSITION.match(after)
            or _ENGLISH_APPOSITION.match(after)
            or _SPEECH_CUE_AFTER.match(after)
        ):
            continue
        run = NameRun(_span_tokens(words, starts, first, last), first, last)
        role, org, gender = describe_run(words, run)
        if label_title:
            gender = "f" if words[k] in {"Ms.", "Mrs.", "Frau"} else "m"
        mentions.append((starts[first], sentence[starts[first] : end], role, org, gender))
    return tuple(mentions)


def _token_texts(text: str) -> list[str]:
    """The texts of :func:`tokenize` (without building tokens)."""
    words: list[str] = []
    append = words.append
    for word in _TOKEN.findall(text):
        if word[-1] == "." and _splits_final_dot(word):
            append(word[:-1])
            append(".")
        else:
            append(word)
    return words


def _token_starts(text: str, words: list[str]) -> list[int]:
    """Offsets in ``text`` of its token texts ``words`` (from :func:`_token_texts`). Only
    whitespace separates tokens, so each one is the next occurrence of its text."""
    starts: list[int] = []
    position = 0
    find = text.find
    for word in words:
        position = find(word, position)
        starts.append(position)
        position += len(word)
    return starts


def _span_tokens(words: list[str], starts: list[int], first: int, last: int) -> tuple[Token, ...]:
    """The tokens ``first`` to ``last`` (inclusive), from their texts and offsets."""
    return tuple(
        Token(words[x], starts[x], starts[x] + len(words[x])) for x in range(first, last + 1)
    )


def _role_near(words: list[str], k: int) -> bool:
    """A role noun among ``words[k - 12 : k + 1]`` with no ``.``/``:``/``;`` between it and
    ``words[k]``."""
    for i in range(k, max(0, k - 12) - 1, -1):
        if i < k and words[i] in _CLAUSE_ENDS:
            return False
        if is_role_token(words[i]):
            return True
    return False


_SENTENCE_BREAK = re.compile(r"(?<=[.!?:“”\"])\s+(?=[A-ZÄÖÜ„“\"])|\n+")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|Dr|Prof|Nr|St|Jr|Mr|Ms|Mrs|bzw|ca|z\.B)\.$")


def _sentences(text: str) -> list[tuple[int, str]]:
    """Rough sentence split for scanning (offsets kept)."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[max(0, match.start() - 5) : match.start()]
        if _ABBREVIATION_END.search(before):
            continue
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


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
        return None, 0.0
    if parsed.reference == "name" and parsed.name:
        if registry.is_excluded(parsed.name):
            return None, 0.0
        person = registry.find_exact(parsed.name)
        role = parsed.role or (person.role if person else None)
        org = parsed.organization or (person.organization if person else None)
        return (
            Speaker(
                name=parsed.name,
                as_printed=parsed.name,
                role=role,
                organization=org or organization_for_role(role, publisher),
            ),
            CONFIDENCE["name"],
        )
    if parsed.reference == "surname" and parsed.name:
        if registry.is_excluded(parsed.name):
            return None, 0.0
        person, fuzzy = registry.by_surname(parsed.name, position)
        if person is not None:
            role = parsed.role or person.role
            return (
                Speaker(
                    name=person.name,
                    as_printed=parsed.name,
                    role=role,
                    organization=person.organization or organization_for_role(role, publisher),
                ),
                CONFIDENCE["fuzzy" if fuzzy else "surname"],
            )
        if not allow_unknown_surname and parsed.role is None:
            return None, 0.0
        return (
            Speaker(
                name=parsed.name,
                as_printed=parsed.name,
                role=parsed.role,
                organization=parsed.organization or organization_for_role(parsed.role, publisher),
            ),
            CONFIDENCE["surname_unknown"],
        )
    if parsed.reference == "role" and parsed.role:
        person = registry.by_role(parsed.role, parsed.gender, position)
        confidence = CONFIDENCE["role"]
        if person is None:
            person = registry.recent_speaker(position, parsed.gender)
            confidence = CONFIDENCE["pronoun"]
        if person is None:
            return None, 0.0
        return (
            Speaker(
                name=person.name,
                as_printed=parsed.role,
                role=person.role or normalize_role(parsed.role),
                organization=person.organization or organization_for_role(person.role, publisher),
            ),
            confidence,
        )
    if parsed.reference == "pronoun" and parsed.pronoun:
        person = registry.by_pronoun(parsed.gender, position)
        if person is None:
            return None, 0.0
        return (
            Speaker(
                name=person.name,
                as_printed=parsed.pronoun,
                role=person.role,
                organization=person.organization or organization_for_role(person.role, publisher),
            ),
            CONFIDENCE["pronoun"],
        )
    return None, 0.0


_PUBLISHER_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ministerium", ("minister", "staatssekretär", "staatsminister", "sprecher", "bevollmächtig")),
    ("senatsverwaltung", ("senator", "staatssekretär", "sprecher")),
    ("senatskanzlei", ("bürgermeister", "staatssekretär", "sprecher", "senator", "chef")),
    ("bezirksamt", ("bezirksbürgermeister", "bezirksstadtr", "stadtr", "bürgermeister")),
    ("staatskanzlei", ("ministerpräsident", "staatssekretär", "staatsminister", "sprecher")),
    ("white house", ("president", "press secretary", "spokesperson")),
    ("landesbeauftragte", ("beauftragte",)),
)


_STATE_OFFICE = re.compile(r"regierend|senator|staatssekret")


def organization_for_role(role: str | None, publisher: str | None) -> str | None:
    """The publisher is the speaker's organization when the role belongs to it
    (a Staatssekretär of a ministry, a Bezirksstadträtin of a Bezirksamt ...)."""
    if not role or not publisher:
        return None
    pub = publisher.lower()
    lowered = role.lower()
    if "bezirksamt" in pub and _STATE_OFFICE.search(lowered):
        return None  # a state office-holder at a district event: not the district's
    for marker, roles in _PUBLISHER_ROLES:
        if marker in pub and any(r in lowered for r in roles):
            return publisher
    return None
