"""Konjunktiv I (and II as its substitute): the mood of German reported speech.

A sentence like ``Das Programm sei ein Erfolg.`` reports what someone said without a cue of
its own; it belongs to the last named source. :func:`mood` tells a Konjunktiv sentence from
an indicative one by its finite verb forms:

* the listed forms (``lexicon/konjunktiv.de.txt``: ``sei``, ``habe``, ``werde``, ``könne``,
  ``wäre``, ``würden`` …);
* regular Konjunktiv I by rule: a lower-case word in ``-e`` that is not the first word, not
  after an article or determiner and not before a capitalised word (adjectives: ``die neue
  Schule``), not a listed non-verb (``lexicon/not_konjunktiv.de.txt``) and not a past form in
  ``-te`` (``plante`` is indicative);
* indicative: one of the frequent indicative forms (``ist``, ``hat``, ``wird`` …,
  ``lexicon/indicative.de.txt``) and no listed Konjunktiv form (a listed indicative form
  outweighs a word that only looks like a regular Konjunktiv).

Text inside quotation marks does not count (a quoted phrase keeps its own mood).
"""

from __future__ import annotations

import re
from typing import Literal

from indexer.extraction.lexicon import ARTICLES, words

Mood = Literal["konjunktiv", "indicative", "unknown"]

KONJUNKTIV_FORMS = frozenset(words("konjunktiv.de.txt"))
INDICATIVE_FORMS = frozenset(words("indicative.de.txt"))
_NOT_VERBS = frozenset(words("not_konjunktiv.de.txt"))
_DETERMINERS = frozenset(ARTICLES) | _NOT_VERBS | frozenset(words("np_determiners.txt"))
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_QUOTED = re.compile(r"[„“”\"»«][^„“”\"»«]*[„“”\"»«]")


def _regular_konjunktiv(word: str, before: str | None, after: str | None) -> bool:
    if len(word) < 4 or not word.endswith("e") or not word.islower() or word in _NOT_VERBS:
        return False
    if word.endswith(("te", "ie", "ische", "liche", "ige", "ene", "ere", "ste", "nde", "weise")):
        return False
    if before is None or before.lower() in _DETERMINERS:
        return False
    return not (after is not None and after[:1].isupper())


def mood(sentence: str) -> Mood:
    """The mood of a sentence's finite verbs, as far as word forms tell."""
    plain = _QUOTED.sub(" ", sentence)
    tokens = _WORD.findall(plain)
    regular = indicative = False
    for i, token in enumerate(tokens):
        if i > 0 and token in KONJUNKTIV_FORMS:
            return "konjunktiv"
        if token in INDICATIVE_FORMS:
            indicative = True
        elif i > 0 and not regular:
            regular = _regular_konjunktiv(token, tokens[i - 1],
                                          tokens[i + 1] if i + 1 < len(tokens) else None)
    if indicative:  # a listed indicative form outweighs a form that only looks regular
        return "indicative"
    return "konjunktiv" if regular else "unknown"


def has_konjunktiv(text: str) -> bool:
    return mood(text) == "konjunktiv"
