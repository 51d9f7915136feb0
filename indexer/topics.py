"""Topics: a curated German vocabulary, assigned from publishers' keywords and text cues.

A release's ``topics`` are only names from the vocabulary (``indexer/topics.de.json``, or
``wortlaut index --topics FILE`` in the same format); the publisher's own keywords stay in
its ``keywords`` field. Two routes lead to a topic:

1. **Keywords.** Each topic lists the publisher keywords (as printed in berlin.de's
   keywords tag, a record's ``keywords``/``topics``/``tags``, a category line) that map
   to it; a keyword may map to several. Keywords are compared folded (:func:`fold`: case,
   diacritics, internal ``#tags``, UTF-8 misread as Latin-1). ``no_topic`` lists keywords
   reviewed and mapped to nothing (release types, publishers, places, person names,
   numbers, occasions); a keyword listed nowhere maps to nothing too.
2. **Text cues**, for releases whose keywords give no topic (all of the White House's, for
   one). Each topic lists cues per language (``de``, ``en``): ``schul*`` matches words
   starting with ``schul``, ``gericht`` only that word, ``prime minister`` the words in a
   row; case does not matter. A match in the title scores :data:`TITLE_WEIGHT`, one in
   the body 1; topics scoring at least ``min_score`` are assigned, at most
   ``max_text_topics``, the highest first. English cues lead to the same German topics.

Topic names contain no digits, and nothing but these names ever becomes a topic;
``scripts/topic_report.py`` measures the result on a corpus.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from search_service.errors import ConfigurationError

DEFAULT_FILE = "topics.de.json"
TITLE_WEIGHT = 2  # a cue in the title counts as much as two in the body
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HASHTAG = re.compile(r"#\S*")
_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Case, diacritics (also spelled out: "ae") and punctuation folded:
    ``"Bürger_innen #pm_x"`` -> ``"burger innen"``; UTF-8 misread as Latin-1
    (``BÃ¼rger``) is repaired first."""
    if "Ã" in text or "Â" in text:
        with contextlib.suppress(UnicodeError):
            text = text.encode("cp1252").decode("utf-8")
    text = _HASHTAG.sub(" ", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")  # "Staedte"
    return _NOT_ALNUM.sub(" ", text).strip()


def _words(text: str) -> str:
    """The lower-case words of ``text`` (diacritics kept: "Müll" is not "Mull"), separated
    by single spaces; numbers and punctuation dropped."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def _cue(cue: str) -> str:
    """A cue as a regular expression: ``schul*`` a stem, ``gericht`` a whole word."""
    words = _words(cue)
    return re.escape(words) + ("" if cue.rstrip().endswith("*") else r"\b") if words else ""


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[str, ...] = ()  # as written in the vocabulary
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # language -> stems

    def cue_pattern(self, language: str | None) -> re.Pattern[str] | None:
        """The cues of ``language`` as one pattern (every language's for ``None``)."""
        stems = (tuple(s for stems in self.cues.values() for s in stems) if language is None
                 else self.cues.get(language, ()))
        cues = sorted({_cue(s) for s in stems} - {""}, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(cues) + ")") if cues else None


@dataclass(frozen=True)
class TopicVocabulary:
    topics: tuple[Topic, ...]
    no_topic: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # reason -> keywords
    min_score: int = 3  # a title match counts TITLE_WEIGHT, a body match 1
    max_text_topics: int = 3
    cues_besides_keywords: bool = False  # cues also when the keywords gave topics
    _by_keyword: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _patterns: dict[tuple[str, str | None], re.Pattern[str] | None] = field(
        init=False, repr=False, compare=False)
    _languages: frozenset[str] = field(init=False, repr=False, compare=False)
    _unmapped: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_keyword: dict[str, list[str]] = {}
        for topic in self.topics:
            _check_name(topic.name)
            for keyword in topic.keywords:
                names = by_keyword.setdefault(fold(keyword), [])
                if topic.name not in names:
                    names.append(topic.name)
        unmapped = {fold(word): reason for reason, words in self.no_topic.items()
                    for word in words}
        both = sorted(set(unmapped) & set(by_keyword))
        if both:
            raise ValueError(f"keywords listed under a topic and under no_topic: {both}")
        object.__setattr__(self, "_by_keyword", {k: tuple(v) for k, v in by_keyword.items()})
        object.__setattr__(self, "_unmapped", unmapped)
        object.__setattr__(self, "_patterns", {})
        object.__setattr__(self, "_languages",
                           frozenset(lang for topic in self.topics for lang in topic.cues))

    @property
    def names(self) -> list[str]:
        return [topic.name for topic in self.topics]

    def unmapped_reason(self, keyword: str) -> str | None:
        """The reason a reviewed keyword maps to no topic (``None``: not listed)."""
        return self._unmapped.get(fold(keyword))

    def is_reviewed(self, keyword: str) -> bool:
        """Whether ``keyword`` is listed, under a topic or under ``no_topic``."""
        return fold(keyword) in self._by_keyword or fold(keyword) in self._unmapped

    def from_keywords(self, keywords: Iterable[str]) -> list[str]:
        """The topics the publisher's keywords map to, in their order."""
        found: dict[str, None] = {}
        for keyword in keywords:
            found.update(dict.fromkeys(self._by_keyword.get(fold(keyword), ())))
        return list(found)

    def from_text(self, title: str, body: str, language: str | None = None) -> list[str]:
        """Topics whose cues score at least ``min_score`` (a match in the title counts
        ``TITLE_WEIGHT``, one in the body 1); the ``max_text_topics`` highest."""
        title_words, body_words = _words(title), _words(body)
        scored = []
        for index, topic in enumerate(self.topics):
            pattern = self._pattern(topic, language)
            if pattern is None:
                continue
            in_title = len(pattern.findall(title_words))
            score = TITLE_WEIGHT * in_title + len(pattern.findall(body_words))
            if score >= self.min_score:
                scored.append((-score, -in_title, index, topic.name))
        return [name for *_, name in sorted(scored)[:self.max_text_topics]]

    def topics_for(self, keywords: Sequence[str], title: str, body: str,
                   language: str | None = None) -> list[str]:
        """A release's topics: those of its keywords; text cues assign topics when the
        keywords give none (or always, with ``cues_besides_keywords``). No duplicates."""
        found = dict.fromkeys(self.from_keywords(keywords))
        if not found or self.cues_besides_keywords:
            found.update(dict.fromkeys(self.from_text(title, body, language)))
        return list(found)

    def _pattern(self, topic: Topic, language: str | None) -> re.Pattern[str] | None:
        """The topic's cues in ``language``; all its cues for a language without any."""
        if language not in self._languages:
            language = None
        key = (topic.name, language)
        if key not in self._patterns:
            self._patterns[key] = topic.cue_pattern(language)
        return self._patterns[key]

    @classmethod
    def default(cls) -> TopicVocabulary:
        """The vocabulary shipped with the package, read once."""
        return _default()

    @classmethod
    def load(cls, path: Path | None = None) -> TopicVocabulary:
        """The vocabulary from ``path``, or the one shipped with the package."""
        where = path or DEFAULT_FILE
        try:
            if path is None:
                text = resources.files("indexer").joinpath(DEFAULT_FILE).read_text(
                    encoding="utf-8")
            else:
                text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"Topic vocabulary {where} cannot be read: {error}") \
                from None
        try:
            return cls.from_data(data)
        except (TypeError, ValueError) as error:
            raise ConfigurationError(f"Topic vocabulary {where}: {error}") from None

    @classmethod
    def from_data(cls, data: Any) -> TopicVocabulary:
        if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
            raise ValueError('must be a JSON object with "topics": {"Name": {"keywords": '
                             '[...], "cues": {"de": [...], "en": [...]}}}')
        topics = []
        for name, entry in data["topics"].items():
            if not isinstance(entry, dict):
                raise ValueError(f"topic {name!r} must be an object with keywords and cues")
            cues = entry.get("cues", {})
            if not isinstance(cues, dict):
                raise ValueError(f"cues of {name!r} must map a language to word stems")
            topics.append(Topic(name, _strings(entry.get("keywords", []), name),
                                {lang: _strings(stems, name) for lang, stems in cues.items()}))
        no_topic = data.get("no_topic", {})
        if not isinstance(no_topic, dict):
            raise ValueError('"no_topic" must map a reason to keywords')
        rules = data.get("rules", {})
        if not isinstance(rules, dict):
            raise ValueError('"rules" must be an object')
        return cls(tuple(topics), {k: _strings(v, k) for k, v in no_topic.items()},
                   min_score=int(rules.get("min_score", 3)),
                   max_text_topics=int(rules.get("max_text_topics", 3)),
                   cues_besides_keywords=bool(rules.get("cues_besides_keywords", False)))


@functools.cache
def _default() -> TopicVocabulary:
    return TopicVocabulary.load()


def _strings(values: Any, where: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where!r}: keywords and cues must be lists of strings")
    return tuple(v.strip() for v in values if v.strip())


def _check_name(name: str) -> None:
    if not name.strip() or any(c.isdigit() for c in name) or len(name) > 60:
        raise ValueError(f"{name!r} is not a topic name (letters, no digits, at most 60 "
                         "characters)")
