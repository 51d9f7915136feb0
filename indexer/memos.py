"""The extraction's memos, let go once a run has extracted everything.

Extraction memoises per word and per sentence (``functools.lru_cache`` with a bound, in
:mod:`indexer.extraction`, and the compound splitter's analyses): tens of MiB once warm.
After the last batch a run only builds the speaker registry, whose size grows with the
corpus; emptying the memos first lets it reuse that memory instead of adding to it (the
realistic 100k-quote load peaked at 224 MiB with them kept).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

import indexer.extraction
from search_service import folding
from search_service.compounds import CompoundSplitter


def _bounded_memos(module: ModuleType) -> list[Any]:
    """The module's ``lru_cache`` functions with a bound (unbounded ones hold word lists
    read once from files, not what was extracted)."""
    found = []
    for value in vars(module).values():
        parameters = getattr(value, "cache_parameters", None)
        if callable(parameters) and getattr(value, "__module__", None) == module.__name__ \
                and parameters().get("maxsize") is not None:
            found.append(value)
    return found


def release_memos(splitter: CompoundSplitter) -> None:
    """Empty the extraction's bounded memos and ``splitter``'s (they fill again on use)."""
    package = indexer.extraction
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        for memo in _bounded_memos(importlib.import_module(info.name)):
            memo.cache_clear()
    folding.word_forms.cache_clear()
    splitter.forget()
