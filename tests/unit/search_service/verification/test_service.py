"""verify() with a stand-in for the Searcher: what it asks for, how it judges and ranks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from search_service.limits import LIMITS
from search_service.verification import (
    Comparison,
    Match,
    VerifyRequest,
    candidate_search,
    judge,
    parse_claim,
    verify,
)

KLOSE = ("In Hessen richtet sich Integrationspolitik an alle Menschen, unabhängig davon "
         "wie lange sie bereits hier leben.")
FRAGMENT = "In Hessen richtet sich Integrationspolitik an alle Menschen"


def hit(doc_id: str, text: str, speaker: str | None = "Kai Klose", **fields: Any
        ) -> dict[str, Any]:
    source = {"text": text, "speaker": {"name": speaker} if speaker else None,
              "start": 10, "context_start": 0, **fields}
    return {"_id": doc_id, "_source": source}


class FakeSearcher:
    def __init__(self, hits: list[dict[str, Any]]) -> None:
        self.hits = hits
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.filter_paths: list[Sequence[str] | None] = []

    def raw_search(self, kind: Literal["quotes"], body: dict[str, Any],
                   filter_path: Sequence[str] | None = None) -> dict[str, Any]:
        self.calls.append((kind, body))
        self.filter_paths.append(filter_path)
        return {"hits": {"hits": self.hits}}


def test_candidates_come_through_raw_search() -> None:
    searcher = FakeSearcher([])
    request = VerifyRequest(f"Klose sagte: „{FRAGMENT}“", date_from=date(2019, 1, 1),
                            date_to=date(2019, 12, 31))
    result = verify(searcher, request)
    assert searcher.calls == [("quotes", candidate_search(parse_claim(request.text), request))]
    assert searcher.calls[0][1]["size"] == LIMITS.verify_candidates
    assert searcher.filter_paths == [("hits.hits._id", "hits.hits._source")]
    assert result.verdict == "not found" and result.matches == []
    assert result.searched == {"text": FRAGMENT, "speaker": "Klose", "date_from": "2019-01-01",
                               "date_to": "2019-12-31", "candidates_compared": 0}
    verify(searcher, VerifyRequest(FRAGMENT), candidates=5)
    assert searcher.calls[-1][1]["size"] == 5


def test_found_matches_best_first_with_ids() -> None:
    searcher = FakeSearcher([
        hit("a", "In Hessen richtet sich Politik an alle Menschen und Tiere"),
        hit("b", KLOSE),
        hit("c", "Etwas ganz anderes über Straßenbau"),
    ])
    result = verify(searcher, VerifyRequest(FRAGMENT))
    assert result.verdict == "fragment"
    assert [(m.quote["id"], m.verdict) for m in result.matches] == [
        ("b", "fragment"), ("a", "altered")]
    assert result.searched["candidates_compared"] == 3


def test_misses_only_return_the_three_closest() -> None:
    hits = [hit(str(n), f"Straßenbau in Hessen Nummer {n}") for n in range(5)]
    result = verify(FakeSearcher(hits), VerifyRequest(FRAGMENT))
    assert result.verdict == "not found" and len(result.matches) == 3


def test_other_speaker_is_a_different_speaker_verdict() -> None:
    result = verify(FakeSearcher([hit("b", KLOSE)]), VerifyRequest(FRAGMENT,
                                                                    speaker="Esther Walter"))
    assert result.verdict == "different speaker" and result.claimed_speaker == "Esther Walter"
    assert result.matches[0].rule == ("fragment: the words are attributed to Kai Klose, "
                                      "not to Esther Walter")
    unnamed = verify(FakeSearcher([hit("b", KLOSE, speaker=None)]),
                     VerifyRequest(FRAGMENT, speaker="Klose"))
    assert "attributed to an unnamed speaker, not to Klose" in unnamed.matches[0].rule


def test_same_text_is_compared_once() -> None:
    compared: dict[str, Any] = {}
    claim = parse_claim(FRAGMENT)
    first = judge(claim, None, {"id": "a", "text": KLOSE, "start": 0}, compared)
    second = judge(claim, None, {"id": "b", "text": KLOSE, "start": 0}, compared)
    assert first.comparison is second.comparison and list(compared) == [KLOSE]


def test_context_span_is_relative_to_the_context() -> None:
    match = judge(parse_claim(FRAGMENT), None,
                  {"id": "a", "text": KLOSE, "start": 30, "context_start": 20})
    assert match.context_span == (10, 10 + len(FRAGMENT))
    miss = Match({"id": "m", "text": "x", "start": 0},
                 Comparison(0.0, "not found", "", "", (), None), "not found", "")
    assert miss.context_span is None


def test_the_package_does_not_import_elasticsearch() -> None:
    code = ("import sys, search_service.verification; "
            "sys.exit(any(m == 'elasticsearch' or m.startswith('elasticsearch.') "
            "for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
