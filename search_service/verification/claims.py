"""A claim as people paste it: the quoted words, and the speaker named before them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r"[„“”\"»«‚‘’'](.{8,}?)[“”\"«»‘’']", re.DOTALL)
_SAID = re.compile(
    r"^\s*(?P<speaker>[^:„“\"»]{2,80}?)\s*(?:said|says|sagte|sagt|erklärte|betonte|:)\s*[:,]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    text: str
    speaker_hint: str | None = None


def parse_claim(text: str) -> Claim:
    """Split ``Klose said: 'Integration ...'`` into the quoted words and the speaker hint."""
    stripped = text.strip()
    match = _QUOTED.search(stripped)
    if match and len(match.group(1).split()) >= 3:
        before = stripped[: match.start()]
        said = _SAID.match(before) if before.strip() else None
        return Claim(match.group(1).strip(), said.group("speaker").strip() if said else None)
    return Claim(stripped)
