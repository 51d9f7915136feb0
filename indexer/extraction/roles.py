"""Role nouns and the organizations they belong to.

:func:`is_role_token` recognises a role noun (German by its stem with any inflection ending,
``Bezirksbürgermeisterin``, ``Kulturstadtrats``; English from a list, ``Secretary``);
:func:`normalize_role` turns genitive and dative role phrases back into the nominative, and
:func:`gender_of_role` reads the gender a German role form tells. The organization of a
speaker comes from the role's complement (``Präsident des DIPF``) or, when the role belongs
to it, from the publisher (:func:`organization_for_role`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.extraction.lexicon import (
    ENGLISH_ROLE_HEADS,
    ENGLISH_ROLE_MODIFIERS,
    ENGLISH_ROLES,
    GERMAN_OFFICE_STEMS,
    GERMAN_ROLE_STEMS,
    PLACES,
    PUBLISHER_ROLES,
    Gender,
)
from indexer.extraction.text import WORD_CACHE

# A German role noun: a role stem inside the word, with an inflection ending.
_ROLE_TOKEN = re.compile(
    r"[a-zäöüß\-]*(?:" + "|".join(GERMAN_ROLE_STEMS) + r")(?:in|innen|s|en|n|r|e|er)?"
)
# A word naming an organization or an office, by its ending or as a whole.
ORG_SUFFIX = re.compile(
    r"\w{3,}(?:amt|ämter|verwaltung|senat|ministerium|behörde|bezirk|verein|verband"
    r"|gesellschaft|stiftung|stelle|schule|universität|hochschule|gmbh|zentrum|institut|büro"
    r"|kammer|beirat|kanzlei|polizei|feuerwehr|agentur|museum|bibliothek|klinikum|krankenhaus"
    r"|netzwerk|initiative|projekt|programm|office|department|council|agency|administration"
    r"|committee|services)(?:s|es)?$"
    r"|(?:Bezirksamt|Senat|Verein|Stiftung|Beirat|House|Office|Department|Team)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=WORD_CACHE)
def is_role_token(word: str) -> bool:
    """``Staatssekretär``, ``Bezirksbürgermeisterin``, ``Senatorin``, ``Secretary`` ..."""
    if not word or not word[0].isupper():
        return False
    if word in ENGLISH_ROLE_HEADS:
        return True
    if word in ENGLISH_ROLE_MODIFIERS:
        return False
    return bool(_ROLE_TOKEN.fullmatch(word.lower()))


_OFFICE_TOKEN = re.compile(
    r"[a-zäöüß\-]*(?:" + "|".join(GERMAN_OFFICE_STEMS) + r")(?:in|innen|s|en|n|r|e|er)?"
)


@lru_cache(maxsize=WORD_CACHE)
def is_office_token(word: str) -> bool:
    """A German office printed before a bare surname (``Bezirksstadträtin``, ``Senator``),
    in the nominative singular: after ``Beauftragten`` or ``Abgeordneten`` a capitalised word
    is as often a plural noun (``des Aufarbeitungsbeauftragten Initiativen``)."""
    if not word or not word[0].isupper() or word.endswith(("en", "ns")):
        return False
    return bool(_OFFICE_TOKEN.fullmatch(word.lower()))


@lru_cache(maxsize=WORD_CACHE)
def is_place_name(word: str) -> bool:
    """``Spandau``, ``Lichtenbergs``, ``Marzahn-Hellersdorf``: a place, not a surname."""
    parts = word.split("-")
    return word in PLACES or any(p in PLACES or (p.endswith("s") and p[:-1] in PLACES)
                                 for p in parts)


@lru_cache(maxsize=WORD_CACHE)
def gender_of_role(role: str | None) -> Gender | None:
    """The gender a role form tells (``Senatorin``: f, ``Senator``: m), ``None`` for English
    roles and forms that tell none (``Vorsitzende``)."""
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
    if head in ENGLISH_ROLES:
        return None
    if lower.endswith("in") and not lower.endswith(("präsidin",)):
        return "f"
    if lower.endswith(("frau", "woman")):
        return "f"
    if lower.endswith("e") and not lower.endswith(("beauftragte", "bevollmächtigte")):
        return None
    return "m"


_INFLECTED_ROLE = (
    (re.compile(r"(rat|tor|tär|ent|ter|ler|ner|ger|ber|ster|kanzler|chef|herr)s$"), r"\1"),
    (re.compile(r"(ende|ierte|tragte|mächtigte|ordnete)n$"), r"\1"),
    (re.compile(r"^(Regierende|Stellvertretende|Amtierende|Erste|Parlamentarische)n$"), r"\1"),
    (re.compile(r"^(Regierende|Stellvertretende|Amtierende|Erste|Parlamentarische)r$"), r"\1r"),
)


_GENITIVE_PLACE = re.compile(r"[A-ZÄÖÜ]\w+[^s]s")


@lru_cache(maxsize=WORD_CACHE)
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
        and out[1] not in ENGLISH_ROLE_HEADS
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


def organization_from_complement(words: list[str]) -> str | None:
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
    if any(ORG_SUFFIX.fullmatch(w) or (w.isupper() and len(w) > 1) for w in chunk):
        return text
    return None


_STEMS_LONGEST_FIRST = tuple(sorted(GERMAN_ROLE_STEMS, key=len, reverse=True))


@lru_cache(maxsize=WORD_CACHE)
def role_stem(word: str) -> str:
    """The German role stem in ``word`` (the longest one), an English role as it stands, or
    ``""``: what a role noun and a person's role must share to refer to the same office."""
    lower = word.lower()
    for stem in _STEMS_LONGEST_FIRST:
        if stem in lower:
            return stem
    return lower if word in ENGLISH_ROLES else ""


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
    for marker, roles in PUBLISHER_ROLES:
        if marker in pub and any(r in lowered for r in roles):
            return publisher
    return None


def only_role_words(text: str) -> bool:
    """What precedes a sentence-initial speaker name: nothing, an article, a role phrase."""
    words = text.split()
    if len(words) > 12:
        return False
    if not words:
        return True
    return (
        is_role_token(words[0])
        or words[0] in {"Der", "Die", "The"}
        or (words[0][:1].isupper() and any(is_role_token(w) for w in words[:3]))
    )
