"""A pasted claim split into the quoted words and the speaker named before them."""

from __future__ import annotations

import pytest

from search_service.verification.claims import Claim, parse_claim


def test_claim_with_attribution_is_split() -> None:
    claim = parse_claim("Klose said: 'Integration policy in Hesse is for everyone'")
    assert claim == Claim("Integration policy in Hesse is for everyone", "Klose")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kai Klose sagte: „In Hessen richtet sich Integrationspolitik an alle“",
     Claim("In Hessen richtet sich Integrationspolitik an alle", "Kai Klose")),
    ("„In Hessen richtet sich Integrationspolitik an alle“",
     Claim("In Hessen richtet sich Integrationspolitik an alle")),
    ("  Nur Worte ohne Anführung  ", Claim("Nur Worte ohne Anführung")),
    ("Er nannte das „Unsinn hoch drei“ und ging", Claim("Unsinn hoch drei")),
    ("Ein „kurzes Wort“ genügt nicht", Claim("Ein „kurzes Wort“ genügt nicht")),
])
def test_parse_claim(text: str, expected: Claim) -> None:
    assert parse_claim(text) == expected
