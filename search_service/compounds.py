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
to Hunspell in Elasticsearch); a word that is itself in the dictionary, such as
``Gesellschaften``, is not split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from search_service.errors import ConfigurationError

MIN_PART = 4
MIN_WORD = 2 * MIN_PART
# Longer "words" are no compounds but junk (a run of letters without spaces); splitting
# them would cost time quadratic in their length and recurse as deep.
MAX_WORD = 80
# Linking elements (Fugenelemente) that may follow a non-final part.
LINKS = ("", "s", "es", "n", "en", "e", "er", "ens")
# Inflection endings tolerated on the final part and on a whole known word.
ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern", "ns", "em")
# Productive derivations the dictionary leaves to its affix rules:
# Regierung <- regieren, Senatorin <- Senator.
DERIVATIONS = (("ungen", "en"), ("ung", "en"), ("innen", ""), ("in", ""))
# Short nouns that often end a compound (Landesamt, Integrationsrat).
SHORT_FINALS = frozenset({"amt", "rat", "bau", "tag", "weg", "ort", "hof", "see", "arzt", "rad"})
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class CompoundSplitter:
    """Splits German compounds with a lexicon of known lowercase words."""

    lexicon: frozenset[str]
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def is_known(self, word: str) -> bool:
        """A dictionary word, inflected, or derived by a productive suffix (-ung, -in)."""
        lower = word.lower()
        if len(lower) < MIN_PART:
            return lower in SHORT_FINALS
        if any(
            lower.endswith(end) and lower[: len(lower) - len(end)] in self.lexicon
            for end in ENDINGS
        ):
            return True
        for suffix, base_ending in DERIVATIONS:
            stem = lower[: len(lower) - len(suffix)]
            if lower.endswith(suffix) and len(stem) >= 3 and stem + base_ending in self.lexicon:
                return True
        return False

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of ``word`` as printed (capitalised), or ``()`` if it is no compound."""
        if word in self._cache:
            return self._cache[word]
        parts: tuple[str, ...] = ()
        if MIN_WORD <= len(word) <= MAX_WORD and word.isalpha() and not self.is_known(word):
            spans = self._segment(word.lower())
            if spans:
                parts = tuple(
                    self._drop_link(word[a:b]) if i < len(spans) - 1 else word[a:b].capitalize()
                    for i, (a, b) in enumerate(spans)
                )
        if len(self._cache) < 200_000:
            self._cache[word] = parts
        return parts

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

    def _segment(self, lower: str) -> list[tuple[int, int]] | None:
        """Fewest parts, then longest parts; each part a known word, links between."""
        n = len(lower)

        @cache
        def best(start: int) -> tuple[int, int, tuple[tuple[int, int], ...]] | None:
            # Final part: the rest is a known word, possibly inflected.
            candidates: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
            rest = lower[start:]
            if start > 0 and self.is_known(rest):
                candidates.append((1, -(len(rest) ** 2), ((start, n),)))
            for end in range(start + MIN_PART, n - MIN_PART + 1):
                if lower[start:end] not in self.lexicon:
                    continue
                for link in LINKS:
                    nxt = end + len(link)
                    if not lower.startswith(link, end) or n - nxt < MIN_PART:
                        continue
                    tail = best(nxt)
                    if tail is not None:
                        count, score, spans = tail
                        candidates.append(
                            (count + 1, score - (end - start) ** 2, ((start, end), *spans))
                        )
            return min(candidates) if candidates else None

        result = best(0)
        return list(result[2]) if result is not None and result[0] >= 2 else None


def read_hunspell_words(dic_path: Path) -> frozenset[str]:
    """Lowercase words of a Hunspell ``.dic`` file (flags stripped, short words left out)."""
    try:
        lines = dic_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        raise ConfigurationError(
            f"The German Hunspell dictionary {dic_path} is missing. Install it (on Debian: "
            "`apt-get install hunspell-de-de`) or set WORTLAUT_HUNSPELL_DIR to the folder "
            "holding de_DE.aff and de_DE.dic."
        ) from None
    return frozenset(_lexicon_words(lines))


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
    return CompoundSplitter(read_hunspell_words(hunspell_dir / "de_DE.dic"))
