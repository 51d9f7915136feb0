"""What every reader hands to the run: a release structure plus its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from indexer.documents import SourceInfo
from indexer.extraction.records import QuoteCandidate, ReleaseStructure


@dataclass(frozen=True)
class ReleaseInput:
    structure: ReleaseStructure
    source: SourceInfo
    meta: dict[str, Any] = field(default_factory=dict)
    # Quotes that came attributed with the input (curated quote records, a speech
    # by a named speaker); when set, extraction adds to them rather than guessing.
    given_quotes: tuple[QuoteCandidate, ...] = ()
    extract: bool = True


def source_info(path: str, raw: bytes, fmt: str, url: str | None = None) -> SourceInfo:
    return SourceInfo(path=path, sha256=hashlib.sha256(raw).hexdigest(), format=fmt, url=url)
