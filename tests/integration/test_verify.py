"""Quote verification on the real node, with the seed and corpus samples indexed."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.search import Searcher
from search_service.verification import VerifyRequest, VerifyResult, verify
from tests.conftest import FIXTURES
from web.claim_review import claim_review
from web.findings import finding

KLOSE = ("In Hessen richtet sich Integrationspolitik an alle Menschen, unabhängig davon wie "
         "lange sie bereits hier leben. Gerade die Betonung, dass auch Menschen, die vor Krieg "
         "und Verfolgung zu uns geflohen sind, hier ein neues Zuhause aufbauen können, ist mir "
         "besonders wichtig")


@pytest.fixture(scope="module")
def corpus(es: Elasticsearch, splitter: CompoundSplitter) -> Iterator[Searcher]:
    names = IndexNames(f"verify-{id(es) % 100000}")
    summary = index_sources([str(FIXTURES / "releases")], es, names, splitter)
    assert summary.ok, summary.failed
    yield Searcher(es, names, splitter)
    from search_service.indices import delete_all

    delete_all(es, names)


def run(searcher: Searcher, text: str, speaker: str | None = None) -> VerifyResult:
    return verify(searcher, VerifyRequest(text=text, speaker=speaker))


def test_exact_with_ascii_quotes(corpus: Searcher) -> None:
    result = run(corpus, f'"{KLOSE}"')
    assert result.verdict == "exact"
    best = result.matches[0]
    assert best.quote["speaker"]["name"] == "Kai Klose" and best.comparison.score == 100


def test_fragment_of_the_longer_quote(corpus: Searcher) -> None:
    result = run(corpus, "In Hessen richtet sich Integrationspolitik an alle Menschen")
    assert result.verdict == "fragment"
    best = result.matches[0]
    assert best.quote["speaker"]["name"] == "Kai Klose"
    assert finding(best.quote, best.comparison).startswith(
        "Kai Klose sagte (undatiert): „In Hessen richtet sich")
    start, end = best.context_span
    assert best.quote["context"][start:end] == (
        "In Hessen richtet sich Integrationspolitik an alle Menschen")


def test_altered_words_are_listed(corpus: Searcher) -> None:
    result = run(corpus, "In Hessen richtet sich Integrationspolitik an alle Bürger")
    assert result.verdict == "altered"
    changes = [(d.op, d.claimed, d.original) for d in result.matches[0].comparison.changed_words]
    assert changes == [("replace", ("bürger",), ("menschen",))]


def test_words_claimed_for_another_speaker(corpus: Searcher) -> None:
    result = run(corpus, "In Hessen richtet sich Integrationspolitik an alle Menschen",
                 speaker="Esther Walter")
    assert result.verdict == "different speaker"
    assert "Kai Klose, not to Esther Walter" in result.matches[0].rule


def test_speaker_named_in_the_claim_itself(corpus: Searcher) -> None:
    result = run(corpus, "Klose sagte: „In Hessen richtet sich Integrationspolitik an "
                             "alle Menschen“")
    assert result.claimed_speaker == "Klose" and result.verdict == "fragment"


def test_invented_sentence_is_not_found(corpus: Searcher) -> None:
    result = run(corpus, "Wir werden die Grundsteuer im nächsten Jahr vollständig abschaffen")
    assert result.verdict == "not found"
    assert result.searched["text"].startswith("Wir werden die Grundsteuer")


def test_english_claim(corpus: Searcher) -> None:
    result = run(corpus, "The Cuban people are bravely asserting fundamental and "
                             "universal rights")
    assert result.verdict in {"fragment", "exact"}
    best = result.matches[0]
    assert finding(best.quote, best.comparison).startswith("On July 12, 2021, ")


def test_claim_review_json_ld(corpus: Searcher) -> None:
    result = run(corpus, "In Hessen richtet sich Integrationspolitik an alle Bürger",
                 speaker="Kai Klose")
    review = json.loads(json.dumps(claim_review(result, reviewed_at="2026-11-25")))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "In Hessen richtet sich Integrationspolitik an alle Bürger"
    assert review["reviewRating"]["alternateName"] == "altered"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Kai Klose"}
    appearance = review["itemReviewed"]["appearance"][0]
    assert appearance["author"]["name"] == "Kai Klose" and appearance["text"].startswith(
        "In Hessen richtet sich")
