"""The hand-annotated evaluation sets are well-formed and large enough to measure with."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

EVALUATION = Path(__file__).resolve().parents[3] / "fixtures" / "evaluation"
FILES = sorted(EVALUATION.glob("*-dev.jsonl")) + sorted(EVALUATION.glob("*-test.jsonl"))
FIELDS = {"kind", "text", "speaker", "speaker_type", "role", "cue"}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_text_is_a_substring_of_its_body(path: Path) -> None:
    for record in _records(path):
        for quote in record["quotes"]:
            assert set(quote) == FIELDS, (record["id"], quote)
            assert quote["kind"] in {"direct", "indirect", "statement"}
            assert quote["speaker_type"] in {"person", "organisation", "document", None}
            if quote["kind"] != "statement":
                assert quote["text"] in record["body"], (record["id"], quote["text"][:50])


def test_sets_hold_enough_statements_and_never_overlap_the_gold_set() -> None:
    kinds: Counter[str] = Counter()
    ids: list[str] = []
    for path in FILES:
        for record in _records(path):
            ids.append(record["id"])
            kinds.update(q["kind"] for q in record["quotes"])
    assert kinds["indirect"] >= 150 and kinds["direct"] >= 100
    assert len(ids) == len(set(ids))
    gold = EVALUATION.parent / "gold" / "berlin-gold.jsonl"
    assert not set(ids) & {r["id"] for r in _records(gold)}
    halves = {p.name.rsplit("-", 1)[1] for p in FILES}
    assert halves == {"dev.jsonl", "test.jsonl"}
