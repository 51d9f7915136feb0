"""Regression floors for quote extraction, measured on the hand-annotated Berlin gold set.

The gold set (tests/fixtures/gold/berlin-gold.jsonl, see its README) is self-contained: the
release texts are stored with the annotations, so this test needs nothing outside the repo.
The floors are the numbers measured when the test was written minus a small margin; raise them
when extraction gets better, and look at ``scripts/evaluate_extraction.py --details`` when one
of them fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[4]
SCRIPT = ROOT / "scripts" / "evaluate_extraction.py"
GOLD = ROOT / "tests" / "fixtures" / "gold" / "berlin-gold.jsonl"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_extraction", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def summary(evaluation: ModuleType) -> dict[str, Any]:
    result, _ = evaluation.evaluate_gold(evaluation.load_gold(GOLD))
    assert isinstance(result, dict)
    return result


def test_gold_set_is_complete(evaluation: ModuleType) -> None:
    records = evaluation.load_gold(GOLD)
    assert len(records) >= 60
    assert sum(1 for r in records if "„" in r["body"] or "“" in r["body"]) >= 40
    for record in records:
        for quote in record["quotes"]:
            assert quote["kind"] in {"direct", "indirect", "statement"}
            if quote["kind"] != "statement":
                assert quote["text"] in record["body"], (record["id"], quote["text"][:40])


# (kind, measure, floor): measured value minus about 0.03 (0.05 for the 9 indirect quotes)
FLOORS = [
    ("direct", "strict", "precision", 0.95),
    ("direct", "strict", "recall", 0.95),
    ("direct", "lenient", "precision", 0.95),
    ("direct", "lenient", "recall", 0.95),
    ("indirect", "lenient", "precision", 0.95),
    ("indirect", "lenient", "recall", 0.17),
    ("overall", "lenient", "precision", 0.95),
    ("overall", "lenient", "recall", 0.82),
    ("overall", "lenient", "f1", 0.88),
]


@pytest.mark.parametrize(("kind", "match", "measure", "floor"), FLOORS)
def test_extraction_floor(
    summary: dict[str, Any], kind: str, match: str, measure: str, floor: float
) -> None:
    value = summary[kind][match][measure]
    assert value is not None and value >= floor, f"{kind} {match} {measure} = {value}"


@pytest.mark.parametrize(("kind", "floor"), [("direct", 0.92), ("overall", 0.92)])
def test_speaker_accuracy_floor(summary: dict[str, Any], kind: str, floor: float) -> None:
    value = summary[kind]["speaker_accuracy"]
    assert value is not None and value >= floor, f"{kind} speaker accuracy = {value}"


def test_matching_rules(evaluation: ModuleType) -> None:
    pairing = evaluation.match(
        ["Das ist gut so.", "Wir freuen uns sehr auf den Sommer"],
        [
            "Das ist  gut so.,",
            "Wir freuen uns sehr auf den Sommer und",
        ],
    )
    assert pairing.strict == 1  # whitespace and edge punctuation do not count
    assert len(pairing.lenient) == 2  # 7 of 8 tokens shared: Jaccard 0.875
    assert evaluation.normalize_name("Prof. Dr. Stephan Bröchler (SPD)") == "stephan bröchler"


def test_spkatt_detokenisation(evaluation: ModuleType) -> None:
    speech = evaluation.detokenize(
        [("1", ["Sie", "sagen", ":", "„", "Nein", ",", "das", "geht", "nicht", "“", "."])]
    )
    assert speech.body == "Sie sagen: „Nein, das geht nicht“."
    start, end = speech.spans[speech.index["1:4"]]
    assert speech.body[start:end] == "Nein"
