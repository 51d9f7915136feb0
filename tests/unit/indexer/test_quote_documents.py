"""A quote's document: the words around it, and its search-only fields made again when the
speaker registry writes it with a new speaker."""

from __future__ import annotations

import pytest

from indexer.documents import quote_search_fields, rewritten_quote, surroundings
from indexer.identity import reconcile
from search_service.compounds import CompoundSplitter

SPLITTER = CompoundSplitter(frozenset({"integration", "konferenz"}),
                            frozenset({"integration", "konferenz"}),
                            frozenset({"integration", "konferenz"}))


def test_surroundings_are_the_paragraph_without_the_quote() -> None:
    context = "Zur Konferenz: „Wir schaffen das“, sagte Klose."
    text = "Wir schaffen das"
    assert surroundings(context, text, context.index(text)) == \
        "Zur Konferenz: „ … “, sagte Klose."
    assert surroundings(text, text, 0) == ""  # the paragraph is the quote
    assert surroundings(f"{text}, sagte sie.", text, 0) == ", sagte sie."
    # offsets that do not point at the text: the whole paragraph, nothing lost
    assert surroundings(context, text, 3) == context
    assert surroundings(context, text, -1) == context


def test_a_rewritten_quote_gets_its_search_fields_for_its_new_speaker() -> None:
    stored = {"id": "r-0-5", "text": "Integrationskonferenz heute",
              "speaker": {"name": "Kai Klose", "as_printed": "Klose"}, "context": "x"}
    written = rewritten_quote(stored, SPLITTER)
    assert {k: written[k] for k in stored} == stored  # nothing else changes
    assert written["compound_parts"] == "Integration Konferenz"
    assert set(written["folded"].split()) >= {"kai", "klose", "heute"}
    assert written == {**stored, **quote_search_fields(
        stored["text"], "Kai Klose", "Klose", SPLITTER)}
    # a quote without a speaker: only the words of its text
    alone = rewritten_quote({**stored, "speaker": None}, SPLITTER)
    assert "kai" not in alone["folded"].split()


def test_the_registry_rewrites_with_memos_emptied_now_and_then(
        monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[CompoundSplitter] = []
    monkeypatch.setattr(reconcile, "release_memos", released.append)
    monkeypatch.setattr(reconcile._Rewriter, "BATCH", 2)
    rewrite = reconcile._Rewriter(SPLITTER)
    stored = {"text": "Integrationskonferenz heute", "speaker": None}
    written = [rewrite(stored) for _ in range(5)]
    assert released == [SPLITTER, SPLITTER]  # after the 2nd and the 4th quote
    assert all(one == rewritten_quote(stored, SPLITTER) for one in written)
