"""Konjunktiv I (and II as its substitute): the mood of German reported speech.

A sentence like ``Das Programm sei ein Erfolg.`` reports what someone said without a cue of
its own; it belongs to the last named source. :func:`mood` tells a Konjunktiv sentence from
an indicative one by its finite verb forms:

* the listed forms (``lexicon/konjunktiv.de.txt``: ``sei``, ``habe``, ``werde``, ``könne``,
  ``wäre``, ``würden`` …);
* regular Konjunktiv I by rule: a lower-case word in ``-e`` in the verb slot of a clause
  (second to fourth word: ``Zugleich unternehme das Bezirksamt …``), not after an article or
  determiner and not before a capitalised word (adjectives: ``die neue Schule``), not a
  listed non-verb (``lexicon/not_konjunktiv.de.txt``) and not a past form in ``-te``
  (``plante`` is indicative);
* indicative: one of the frequent indicative forms (``ist``, ``hat``, ``wird`` …,
  ``lexicon/indicative.de.txt``) and no listed Konjunktiv form (a listed indicative form
  outweighs a word that only looks like a regular Konjunktiv).

Text inside quotation marks does not count (a quoted phrase keeps its own mood).
"""

from __future__ import annotations

import re
from typing import Literal

from indexer.extraction.lexicon import ARTICLES, words
from indexer.extraction.text import QUOTED

Mood = Literal["konjunktiv", "indicative", "unknown"]

KONJUNKTIV_FORMS = frozenset(words("konjunktiv.de.txt"))
INDICATIVE_FORMS = frozenset(words("indicative.de.txt"))
_NOT_VERBS = frozenset(words("not_konjunktiv.de.txt"))
_DETERMINERS = frozenset(ARTICLES) | _NOT_VERBS | frozenset(words("np_determiners.txt"))
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[,;:–—]")
_SUBORDINATE = re.compile(r"\s*(?:[Dd]ass|[Dd]a|[Ww]eil|[Ww]enn|[Oo]b|[Oo]bwohl|[Aa]ls|[Nn]achdem|"
                         r"[Ww]ährend|[Ww]ie|[Ss]ofern|[Ff]alls|[Dd]amit|um|die|der|das|was)\b")
_VERB_SLOT = 3  # the last token index a main-clause finite verb is looked for at


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
    plain = QUOTED.sub(" ", sentence)
    regular = indicative = False
    for c, clause in enumerate(_CLAUSE_BREAK.split(plain)):
        tokens = _WORD.findall(clause)
        first = 0 if c > 0 else 1  # "Dass …, wisse er nur …": a verb may open a later clause
        for i, token in enumerate(tokens):
            if token in KONJUNKTIV_FORMS and i >= first:
                return "konjunktiv"
            if token in INDICATIVE_FORMS:
                indicative = True
            elif first <= i <= _VERB_SLOT and not regular:
                # a finite verb stands second in a main clause ("Zugleich unternehme das
                # Bezirksamt …", "Seit Jahren bereite sich …"): a regular form only counts there
                regular = _regular_konjunktiv(token, tokens[i - 1] if i else ",",
                                              tokens[i + 1] if i + 1 < len(tokens) else None)
    if indicative:  # a listed indicative form outweighs a form that only looks regular
        return "indicative"
    return "konjunktiv" if regular else "unknown"


def continues_report(sentence: str) -> bool:
    """A sentence that can continue reported speech on its own: Konjunktiv, and its main
    (first) clause not indicative ("Das Bezirksamt hatte …, hat jedoch …, könne …" is the
    publisher's voice)."""
    if mood(sentence) != "konjunktiv":
        return False
    clauses = _CLAUSE_BREAK.split(QUOTED.sub(" ", sentence))
    main = next((c for c in clauses if not _SUBORDINATE.match(c)), clauses[0])
    return mood(main) != "indicative"
