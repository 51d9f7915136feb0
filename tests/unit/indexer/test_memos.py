"""A run lets go of the extraction's memos before it builds the speaker registry."""

from __future__ import annotations

from indexer.extraction.names import is_name_token
from indexer.extraction.roles import role_stem
from indexer.memos import release_memos
from search_service import folding
from search_service.compounds import CompoundSplitter


def test_release_memos_empties_the_bounded_memos_and_the_splitters(
        splitter: CompoundSplitter) -> None:
    is_name_token("Klose")
    role_stem("Staatssekretärin")
    splitter.split("Integrationskonferenz")
    folding.word_forms("Sportplätze", splitter)
    assert is_name_token.cache_info().currsize and role_stem.cache_info().currsize
    release_memos(splitter)
    assert is_name_token.cache_info().currsize == 0
    assert role_stem.cache_info().currsize == 0
    assert folding.word_forms.cache_info().currsize == 0
    assert splitter._analyse.cache_info().currsize == 0  # type: ignore[attr-defined]
    # and they work as before afterwards
    assert splitter.split("Integrationskonferenz") == ("Integration", "Konferenz")
