"""German compound splitting, computed in Python at index and at query time.

Elasticsearch's ``dictionary_decompounder`` lives in an optional module that the
test distribution does not ship, and Hunspell stemming inside Elasticsearch does
not split compounds. So Wortlaut splits compounds itself, with the word list of
the same German Hunspell dictionary the node uses for stemming: every indexed
document carries the parts of its compounds in a ``compound_parts`` field, and a
query word is split the same way before it is matched against that field. The
result is identical on the test distribution and on the full production image.

``Integrationskonferenz`` -> ``["Integration", "Konferenz"]`` (linking ``s``
dropped); ``Integrationsplans`` -> ``["Integration", "Plans"]`` (inflection left
to Hunspell in Elasticsearch); ``Sportplätze`` -> ``["Sport", "Plätze"]`` (an umlaut
plural of a known word is known); ``Radwegenetz`` -> ``["Rad", "Weg", "Netz"]`` (a few
short nouns may start a compound); a word that is itself in the dictionary, such as
``Gesellschaften``, is not split. A hyphenated compound ("Radwege-Netz") is split as
if written as one word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from search_service.errors import ConfigurationError

MIN_PART = 4
MIN_WORD = 2 * MIN_PART
# Longer "words" are no compounds but junk (a run of letters without spaces); splitting
# them would cost time quadratic in their length and recurse as deep.
MAX_WORD = 80
# Words whose analysis (and lemma) a splitter keeps, the most recently used: bounded, so an
# indexer's memory does not grow with the vocabulary of what it reads (the realistic
# 100k-quote corpus has 264k distinct words).
CACHED_WORDS = 30_000
# Linking elements (Fugenelemente) that may follow a non-final part.
LINKS = ("", "s", "es", "n", "en", "e", "er", "ens")
# Inflection endings tolerated on the final part and on a whole known word.
ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern", "ns", "em")
# Productive derivations the dictionary leaves to its affix rules:
# Regierung <- regieren, Senatorin <- Senator.
DERIVATIONS = (("ungen", "en"), ("ung", "en"), ("innen", ""), ("in", ""))
# Short nouns that often end or start a compound (Landesamt, Integrationsrat, Radweg).
SHORT_FINALS = frozenset({"amt", "rat", "bau", "tag", "weg", "ort", "hof", "see", "arzt", "rad"})
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_VOWELS = frozenset("aeiouäöü")
# Not verb stems ("ein|drücke", "ent|spann") and not nouns ("sied|lungen", "erb|schaft").
_PARTICLES = frozenset({"ein", "ent", "mit", "aus", "auf", "ver", "zer", "vor", "emp", "mitt"})
_SUFFIXES = ("lung", "schaft", "berger", "heit", "keit", "ling")
# Endings cut to find a listed word (shortest first), and those of umlaut plurals.
_STRIP = ("n", "s", "e", "en", "es", "er", "em", "ern")
_PLURALS = ("", "e", "en", "er", "ern", "n")
_PARTICIPLE = ("t", "te", "ten", "ter", "tes", "tem", "et", "ete", "eten", "eter", "etes")
# A word of letters, or hyphen-joined words of letters ("Radwege-Netz").
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
Span = tuple[int, int]
# A segmentation, compared by: parts, short (3-letter) or verb-stem leading parts, -sum of
# squared part lengths; so "Orts|teil" beats "Ort|steil". Last: the spans.
_Candidate = tuple[int, int, int, tuple[Span, ...]]
_RESPELL = (("ss", "ß"), ("ue", "ü"), ("ae", "ä"), ("oe", "ö"), ("u", "ü"), ("a", "ä"),
            ("o", "ö"))


def _respellings(lower: str) -> list[str]:
    """``lower`` with one spelling written the German way: "strasse" -> "straße",
    "mueller"/"muller" -> "müller"."""
    out = []
    for plain, german in _RESPELL:
        at = lower.find(plain)
        while at >= 0:
            out.append(lower[:at] + german + lower[at + len(plain):])
            at = lower.find(plain, at + 1)
    return out


@dataclass(eq=False)  # compared and hashed as itself: a cache key (folding.word_forms)
class CompoundSplitter:
    """Splits German compounds with a lexicon of known lowercase words."""

    lexicon: frozenset[str]
    # Nouns of the dictionary (lowercase, also the short ones) and those of them listed as
    # singulars (with a genitive -s/-es flag: Müller, Bäcker), for :meth:`lemma`.
    nouns: frozenset[str] = frozenset()
    singulars: frozenset[str] = frozenset()
    # Per splitter, bounded, the least recently used words dropped first (CACHED_WORDS).
    _analyse: Callable[[str], tuple[tuple[Span, ...], tuple[str, ...]]] = field(
        init=False, repr=False)
    lemma: Callable[[str], str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._analyse = lru_cache(maxsize=CACHED_WORDS)(self._analysis)
        self.lemma = lru_cache(maxsize=CACHED_WORDS)(self._word_lemma)

    def forget(self) -> None:
        """Empty the caches of analyses and lemmas (they fill again on use)."""
        self._analyse.cache_clear()  # type: ignore[attr-defined]
        self.lemma.cache_clear()  # type: ignore[attr-defined]

    def is_known(self, word: str) -> bool:
        """A dictionary word, inflected, or derived by a productive suffix (-ung, -in)."""
        lower = word.lower()
        if len(lower) < MIN_PART:
            return lower in SHORT_FINALS
        if self._inflected(lower):
            return True
        for suffix, base_ending in DERIVATIONS:
            stem = lower[: len(lower) - len(suffix)]
            if lower.endswith(suffix) and len(stem) >= 3 and stem + base_ending in self.lexicon:
                return True
        return False

    def _inflected(self, lower: str) -> bool:
        return any(lower.endswith(end) and lower[: len(lower) - len(end)] in self.lexicon
                   for end in ENDINGS)

    def _final(self, lower: str) -> bool:
        """May ``lower`` end a compound? A known word, or the umlaut plural of one that the
        dictionary does not list (Sportplätze, Notfälle, Krankheitsfälle)."""
        if self.is_known(lower):
            return True
        plain = lower.translate(_UMLAUTS)
        return plain != lower and len(plain) >= MIN_PART and self._inflected(plain)

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of ``word`` as printed (capitalised), or ``()`` if it is no compound.
        A hyphenated word is split as written together (its pieces if that fails)."""
        return self._analyse(word)[1]

    def spans(self, word: str) -> tuple[Span, ...]:
        """Where the parts of :meth:`split` stand in ``word`` (linking elements between
        them left out); ``()`` if it is no compound or hyphenated."""
        return self._analyse(word)[0]

    def _analysis(self, word: str) -> tuple[tuple[Span, ...], tuple[str, ...]]:
        spans: tuple[Span, ...] = ()
        parts: tuple[str, ...] = ()
        if "-" in word:
            pieces = [p for p in word.split("-") if p]
            joined = "".join(pieces)
            parts = self.split(joined[:1].upper() + joined[1:].lower()) or tuple(
                q for piece in pieces if len(piece) >= 3
                for q in (self.split(piece) or (piece.capitalize(),)))
            parts = parts if len(parts) > 1 else ()
        elif MIN_WORD <= len(word) <= MAX_WORD and word.isalpha() and not self.is_known(word):
            found = self._segment(word.lower())
            if found:
                spans = tuple(found)
                parts = tuple(
                    self._drop_link(word[a:b]) if i < len(found) - 1 else word[a:b].capitalize()
                    for i, (a, b) in enumerate(found)
                )
        return spans, parts

    def _drop_link(self, part: str) -> str:
        """``Integrations`` -> ``Integration`` when the dictionary knows both."""
        lower = part.lower()
        for link in ("s", "es", "n", "en"):
            if lower.endswith(link) and self.is_known(lower[: -len(link)]):
                return part[: -len(link)].capitalize()
        return part.capitalize()

    def parts_of_text(self, text: str) -> list[str]:
        """All compound parts of all words of ``text``, in order (for ``compound_parts``)."""
        out: list[str] = []
        for match in _WORD_RE.finditer(text):
            word = match.group()
            if word[0].isupper():  # German compounds worth splitting are nouns
                out.extend(self.split(word))
        return out

    def _word_lemma(self, word: str) -> str:
        """``lemma(word)``: ``word`` lowercased, with the inflection of its last part undone
        where the dictionary shows how: umlaut plurals to their singular ("Sportplätze" ->
        "sportplatz", "Notfällen" -> "notfall", "Rathäuser" -> "rathaus", "Hauptstädte" ->
        "hauptstadt"), endings cut where that leaves a listed noun ("Konferenzen" ->
        "konferenz"), past participles to the infinitive ("gehisst" -> "hissen"), spellings
        without umlaut or ß read as the listed word ("Mueller" -> "müller", "Strasse" ->
        "straße"). A listed singular stays as it is ("Müller" is no plural of "Mull",
        "Bauer" no inflection of "Bau")."""
        lower = word.lower()
        found = self.spans(word[:1].upper() + word[1:]) if word.isalpha() else ()
        start = found[-1][0] if found else 0
        return lower[:start] + self._lemma(lower[start:])

    def _lemma(self, lower: str) -> str:
        if len(lower) < 3 or not lower.isalpha() or lower in self.singulars:
            return lower
        if (infinitive := self._participle(lower)) is not None:
            return infinitive
        if not self._listed(lower):
            lower = next((v for v in _respellings(lower) if self._listed(v)), lower)
            if lower in self.singulars:
                return lower
        base = next((lower[: -len(end)] for end in _STRIP if lower.endswith(end)
                     and len(lower) - len(end) >= 3 and lower[: -len(end)] in self.nouns),
                    lower if self._listed(lower) else None)
        if base is None:  # unknown: perhaps a compound ending in an umlaut plural
            return self._singular(lower, known=False) or self._head_singular(lower) or lower
        if base in self.singulars or base == base.translate(_UMLAUTS):
            return base
        return self._singular(base) or base

    def _participle(self, lower: str) -> str | None:
        """The infinitive of a past participle the dictionary lists as an adjective only:
        "gehisst", "gehisste" -> "hissen", "geredet" -> "reden"."""
        if not lower.startswith("ge") or lower in self.nouns:
            return None
        for end in _PARTICIPLE:
            stem = lower[2: -len(end)]
            if lower.endswith(end) and len(stem) >= 3 and stem + "en" in self.lexicon:
                return stem + "en"
        return None

    def _singular(self, lower: str, *, known: bool = True) -> str | None:
        """The noun ``lower`` is an umlaut plural of (Plätze -> platz, Häusern -> haus); for
        a word the dictionary does not list, only by a plural ending and to a noun of four
        letters or more (the name "Rämer" is no plural of "RAM")."""
        if lower == lower.translate(_UMLAUTS):
            return None
        found = [plain for end in (_PLURALS if known else _PLURALS[1:])
                 if lower.endswith(end)
                 if (plain := (lower[: -len(end)] if end else lower).translate(_UMLAUTS))
                 in self.nouns and (known or len(plain) >= MIN_PART)]
        return min(found, key=len) if found else None

    def _head_singular(self, lower: str) -> str | None:
        """"notfälle" -> "notfall": the longest ending that is an umlaut plural."""
        for start in range(1, len(lower) - 2):
            head = lower[start:]
            if head == head.translate(_UMLAUTS):
                return None
            if (singular := self._singular(head, known=False)) is not None:
                return lower[:start] + singular
        return None

    def _listed(self, lower: str) -> bool:
        return lower in self.lexicon or lower in self.nouns

    def _starts(self, part: str) -> bool:
        """May ``part`` stand before a linking element and another part?"""
        return part in self.lexicon or part in SHORT_FINALS

    def _verb_first(self, lower: str) -> list[_Candidate]:
        """A verb stem, then a noun of five letters or more: "mäh|robotern", "fäll|grund",
        "lern|roboter". Without a linking element, and not before a vowel, where the verb's
        own ending would be cut off ("teilnehm|enden", "hint|ergründen"), nor a particle or
        before a suffix."""
        n = len(lower)
        out: list[_Candidate] = []
        for end in range(3, n - 4):
            rest = lower[end:]
            if (rest[0] not in _VOWELS and lower[:end] + "en" in self.lexicon
                    and lower[:end] not in _PARTICLES and not rest.startswith(_SUFFIXES)
                    and self._final(rest)
                    and any(rest.endswith(e) and rest[:len(rest) - len(e)] in self.nouns
                            for e in ENDINGS)):
                out.append((2, 1, -(end ** 2) - len(rest) ** 2, ((0, end), (end, n))))
        return out

    def _segment(self, lower: str) -> list[Span] | None:
        """Fewest parts, then longest parts; each part a known word, links between."""
        n = len(lower)

        @cache
        def best(start: int) -> _Candidate | None:
            # Final part: the rest is a known word, possibly inflected.
            candidates: list[_Candidate] = []
            rest = lower[start:]
            if start > 0 and self._final(rest):
                candidates.append((1, 0, -(len(rest) ** 2), ((start, n),)))
            for end in range(start + 3, n - MIN_PART + 1):
                if not self._starts(lower[start:end]):
                    continue
                short = int(end - start < MIN_PART)
                for link in LINKS:
                    nxt = end + len(link)
                    if not lower.startswith(link, end) or n - nxt < MIN_PART:
                        continue
                    tail = best(nxt)
                    if tail is not None:
                        count, shorts, score, spans = tail
                        candidates.append((count + 1, shorts + short,
                                           score - (end - start) ** 2, ((start, end), *spans)))
            if start == 0:
                candidates.extend(self._verb_first(lower))
            return min(candidates) if candidates else None

        result = best(0)
        return list(result[3]) if result is not None and result[0] >= 2 else None


def read_hunspell_words(dic_path: Path) -> frozenset[str]:
    """Lowercase words of a Hunspell ``.dic`` file (flags stripped, short words left out)."""
    return frozenset(_lexicon_words(_dic_lines(dic_path)))


def read_hunspell_nouns(dic_path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Lowercase nouns (entries written capitalised, except forms that only occur in
    compounds: flag ``h``, NEEDAFFIX, as in "Küchen/hij") of a Hunspell ``.dic`` file, and
    those with a genitive singular flag (``S``: -s, ``T``: -es) - singulars, not plurals;
    an infinitive used as a noun ("Fällen", also the verb "fällen") does not count."""
    nouns: set[str] = set()
    singulars: set[str] = set()
    lowercase: set[str] = set()
    for line in _dic_lines(dic_path):
        word, _, flags = line.strip().partition("/")
        if not word.isalpha():
            continue
        if word[0].islower():
            lowercase.add(word)
        elif len(word) >= 3 and "h" not in flags:
            nouns.add(word.lower())
            if "S" in flags or "T" in flags:
                singulars.add(word.lower())
    verbs = {word for word in singulars if word.endswith("en") and word in lowercase}
    return frozenset(nouns), frozenset(singulars - verbs)


def _dic_lines(dic_path: Path) -> list[str]:
    try:
        return dic_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        raise ConfigurationError(
            f"The German Hunspell dictionary {dic_path} is missing. Install it (on Debian: "
            "`apt-get install hunspell-de-de`) or set WORTLAUT_HUNSPELL_DIR to the folder "
            "holding de_DE.aff and de_DE.dic."
        ) from None


def _lexicon_words(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        if not line or line[0].isspace() or line[0].isdigit():
            continue
        word = line.split("/", 1)[0].strip().lower()
        if len(word) >= MIN_PART and word.isalpha():
            yield word


@lru_cache(maxsize=4)
def splitter_for(hunspell_dir: Path) -> CompoundSplitter:
    """The process-wide splitter for a dictionary folder (loaded once)."""
    dic = hunspell_dir / "de_DE.dic"
    nouns, singulars = read_hunspell_nouns(dic)
    return CompoundSplitter(read_hunspell_words(dic), nouns, singulars)
