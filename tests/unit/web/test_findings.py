"""The finding sentence web words for a matched quote, in the quote's language."""

from __future__ import annotations

from typing import Any

import pytest

from search_service.verification import compare
from web.findings import finding

ORIGINAL = "In Hessen richtet sich Integrationspolitik an alle Menschen, sagte er heute."


def quote(**fields: Any) -> dict[str, Any]:
    return {"text": ORIGINAL, "speaker": {"name": "Kai Klose"}, "date": None,
            "source_url": None, "release_title": "Fünfte Integrationskonferenz",
            "language": "de", **fields}


def test_german_undated_fragment_quotes_only_the_matched_words() -> None:
    comparison = compare("In Hessen richtet sich Integrationspolitik an alle", ORIGINAL)
    assert comparison.verdict == "fragment"
    assert finding(quote(), comparison) == (
        "Kai Klose sagte (undatiert): „In Hessen richtet sich Integrationspolitik an alle“ "
        "(Quelle: Fünfte Integrationskonferenz)")


def test_german_dated_with_source_url() -> None:
    comparison = compare(ORIGINAL, ORIGINAL)
    text = finding(quote(date="2018-06-14", source_url="https://example.org/pm"), comparison)
    assert text == (f"Am 14.06.2018 sagte Kai Klose: „{ORIGINAL}“ "
                    "(Quelle: https://example.org/pm)")


@pytest.mark.parametrize(("date", "start"), [
    ("2021-07-12", "On July 12, 2021, Joe Biden said: “"),
    ("2021-07", "On 2021-07, Joe Biden said: “"),
    (None, "Undated: Joe Biden said: “"),
])
def test_english_quotes_get_english_findings(date: str | None, start: str) -> None:
    text = finding(quote(language="en", date=date, speaker={"name": "Joe Biden"}),
                   compare(ORIGINAL, ORIGINAL))
    assert text.startswith(start) and text.endswith("” (source: Fünfte Integrationskonferenz)")


def test_unnamed_speaker_and_unknown_source() -> None:
    comparison = compare(ORIGINAL, ORIGINAL)
    german = finding(quote(speaker=None, release_title=None, date="2018"), comparison)
    assert german == f"Am 2018 sagte Eine nicht genannte Person: „{ORIGINAL}“ " \
        "(Quelle: unbekannte Quelle)"
    english = finding(quote(speaker=None, language="en"), comparison)
    assert english.startswith("Undated: An unnamed speaker said: “")
