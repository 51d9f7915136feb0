"""Pure extraction of release structure, quotes, statements and speakers.

No I/O here: readers hand in text, these functions hand back records whose offsets point
into :attr:`ReleaseStructure.body`.
"""

from indexer.extraction.pipeline import extract_quotes
from indexer.extraction.plaintext import parse_plaintext_release, structure_from_body
from indexer.extraction.records import (
    Contact,
    Paragraph,
    QuoteCandidate,
    ReleaseStructure,
    Speaker,
)

__all__ = [
    "Contact",
    "Paragraph",
    "QuoteCandidate",
    "ReleaseStructure",
    "Speaker",
    "extract_quotes",
    "parse_plaintext_release",
    "structure_from_body",
]
