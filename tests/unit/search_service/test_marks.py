"""Marks for what Elasticsearch's highlighter does not see: search forms, compound parts,
near spellings - escaped exactly as Elasticsearch's html encoder escapes."""

from __future__ import annotations

import random
from typing import Any

from search_service import marks
from search_service.compounds import CompoundSplitter
from search_service.folding import WORD_RE
from search_service.marks import (
    Field,
    Marker,
    _occurrences,
    _ranges,
    mark_hits,
    render,
)

SPLITTER = CompoundSplitter(
    frozenset({"integration", "konferenz", "sport", "platz", "plätze", "netz"}),
    frozenset({"integration", "konferenz", "sport", "platz", "plätze", "netz", "rad", "weg"}),
    frozenset({"integration", "konferenz", "sport", "platz", "netz", "rad", "weg"}))
QUOTE_FIELDS = (Field("text"), Field("context", whole=False, size=60, count=1))


def marker(text: str) -> Marker:
    found = Marker.of(text, SPLITTER)
    assert found is not None
    return found


def test_what_a_search_found() -> None:
    assert marker("konferenz").matches("Integrationskonferenz")
    assert marker("Sportplatz").matches("Sportplätze")
    assert marker("Kiziltepe").matches("Kızıltepe")
    assert marker("Radwegenetz").matches("Radwege-Netz")
    assert marker("Giffei").matches("Giffey")  # one edit, same first letter
    assert not marker("Giffei").matches("Kiffey")
    assert not marker("Giffei").matches("Giffeyschen")
    assert not marker("konferenz").matches("Konfetti")


def test_phrases_and_exclusions_are_not_marked_here() -> None:
    assert Marker.of('"Integrationskonferenz" -Sport', SPLITTER) is None


def test_render_escapes_like_elasticsearch() -> None:
    assert render("a/b \"c\" 'd' <e> & f", [(0, 1)]) == (
        "<mark>a</mark>&#x2F;b &quot;c&quot; &#x27;d&#x27; &lt;e&gt; &amp; f")


def _hit(**source: Any) -> dict[str, Any]:
    return {"_source": source, "highlight": {}}


def test_whole_field_marks_merge_with_elasticsearch() -> None:
    hit = _hit(text="Die <b>Integrationskonferenz</b> tagt im Sport-Zentrum.")
    hit["highlight"]["text.exact"] = [
        "Die &lt;b&gt;Integrationskonferenz&lt;&#x2F;b&gt; <mark>tagt</mark> im Sport-Zentrum."]
    mark_hits([hit], marker("konferenz tagt"), QUOTE_FIELDS)
    assert hit["highlight"] == {"text": [
        "Die &lt;b&gt;<mark>Integrationskonferenz</mark>&lt;&#x2F;b&gt; <mark>tagt</mark> "
        "im Sport-Zentrum."]}


def test_a_fragment_is_cut_where_elasticsearch_found_nothing() -> None:
    context = ("Ein langer Satz davor, der nichts zur Sache tut, und dann die "
               "Integrationskonferenz in Kassel, und danach noch mehr Worte.")
    hit = _hit(text="Nichts.", context=context)
    mark_hits([hit], marker("Konferenz"), QUOTE_FIELDS)
    fragment = hit["highlight"]["context"][0]
    assert "<mark>Integrationskonferenz</mark>" in fragment
    assert len(fragment.replace("<mark>", "").replace("</mark>", "")) <= 60
    assert "text" not in hit["highlight"]


def test_nothing_found_nothing_changed() -> None:
    hit = _hit(text="Nichts.", context="Auch nichts.")
    mark_hits([hit], marker("Konferenz"), QUOTE_FIELDS)
    assert hit["highlight"] == {}
    mark_hits([hit], None, QUOTE_FIELDS)
    assert hit["highlight"] == {}


def test_hyphenated_words_whole_or_by_piece() -> None:
    text = "Die Sozialminister-Konferenz und das Radwege-Netz"
    assert render(text, marker("Konferenz").ranges(text)) == (
        "Die Sozialminister-<mark>Konferenz</mark> und das Radwege-Netz")
    assert render(text, marker("Radwegenetz").ranges(text)) == (
        "Die Sozialminister-Konferenz und das <mark>Radwege-Netz</mark>")


def test_near_spellings_only_when_the_search_used_them() -> None:
    assert marker("Giffei").matches("Giffey")
    found = Marker.of("Giffei", SPLITTER, near=False)
    assert found is not None and not found.matches("Giffey") and found.matches("Giffei")


def test_each_whole_word_is_marked_where_it_stands() -> None:
    text = "Konferenz, Integrationskonferenz_x Konferenz-Raum (Konferenz) Konfetti konferenz"
    found = [text[a:b] for a, b in marker("Konferenz").ranges(text)]
    # Every occurrence, in order: a compound as a whole, a hyphenated word's matching
    # piece, a word that only starts like one ("Konfetti") not at all.
    assert found == ["Konferenz", "Integrationskonferenz", "Konferenz", "Konferenz",
                     "konferenz"]
    starts = [a for a, _ in marker("Konferenz").ranges(text)]
    assert starts == sorted(starts)


def _ranges_by_definition(found: Marker, text: str) -> list[tuple[int, int]]:
    """Each printed word decided on its own (Marker._decide), every occurrence marked."""
    out: list[tuple[int, int]] = []
    for word in set(WORD_RE.findall(text)):
        answer = found._decide(word)
        if answer is False:
            continue
        pieces = answer if isinstance(answer, tuple) else ((0, len(word)),)
        out.extend((start + a, start + b) for start in _occurrences(text, word)
                   for a, b in pieces)
    return sorted(out)


def test_ranges_are_those_of_each_word_decided_alone(monkeypatch: Any) -> None:
    """The words a search found come from the printed words kept across searches
    (_PrintedWords, shared, and started anew when full) and are found in a page's texts
    together: the same ranges as deciding every word of each text on its own, for
    searches one after another on shared texts."""
    monkeypatch.setattr(marks, "_KEPT_WORDS", 40)  # started anew several times
    rng = random.Random(3)
    vocabulary = ["Integration", "Integrationskonferenz", "Konferenz", "konferenz",
                  "Sportplätze", "Sportplatz", "Radwege-Netz", "Radwegenetz", "Netz",
                  "Sozialminister-Konferenz", "Kızıltepe", "Kiziltepe", "Giffey", "Giffei",
                  "E-Mail", "2020-2024", "Platz_1", "Bürger", "Bürgerinnen", "Rad", "Weg"]
    glue = [" ", ", ", " - ", " (", ") ", "„", "“ ", "-"]
    for _ in range(400):
        query = " ".join(rng.sample(vocabulary, rng.randint(1, 3)))
        near = rng.random() < 0.3
        found = Marker.of(query, SPLITTER, near=near)
        if found is None:
            continue
        reference = Marker.of(query, SPLITTER, near=near)
        assert reference is not None
        for _ in range(3):
            text = "".join(rng.choice(vocabulary) + rng.choice(glue)
                           for _ in range(rng.randint(1, 12)))
            assert found.ranges(text) == _ranges_by_definition(reference, text), (
                query, near, text)
        # A page's texts read together: each text's ranges are still its own words'.
        page = ["".join(rng.choice(vocabulary) + rng.choice(glue)
                        for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 6))]
        words = found.found_in(page)
        for text in page:
            assert _ranges(text, words) == _ranges_by_definition(reference, text), (
                query, near, page, text)
