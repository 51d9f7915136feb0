#!/usr/bin/env python3
"""Verdict accuracy of quote verification on the repository's claim set.

Indexes the fixture corpus (tests/fixtures/releases and tests/fixtures/gold) into
throw-away indices on the configured Elasticsearch (WORTLAUT_ES_URL, else the
local node from `wortlaut es start`), verifies every claim of
tests/fixtures/verify/claims.jsonl, and prints accuracy per transformation and
overall. A claim counts as right when the verdict is the expected one and, where
an original exists, the best match is a quote by the original speaker.

    .venv/bin/python scripts/evaluate_verification.py [--json] [--details]
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.run import index_sources  # noqa: E402
from search_service.client import connect  # noqa: E402
from search_service.compounds import splitter_for  # noqa: E402
from search_service.indices import IndexNames, delete_all  # noqa: E402
from search_service.search import Searcher  # noqa: E402
from search_service.settings import Settings  # noqa: E402
from search_service.verification import VerifyRequest, verify  # noqa: E402

CLAIMS = ROOT / "tests" / "fixtures" / "verify" / "claims.jsonl"
SOURCES = [ROOT / "tests" / "fixtures" / "releases", ROOT / "tests" / "fixtures" / "gold"]


def evaluate(claims_path: Path) -> dict[str, object]:
    settings = Settings.from_env()
    client = connect(settings)
    names = IndexNames(f"{settings.index_prefix}-verify-eval-{secrets.token_hex(3)}")
    rows = []
    try:
        splitter = splitter_for(settings.hunspell_dir)
        summary = index_sources([str(s) for s in SOURCES], client, names, splitter)
        if not summary.ok:
            raise SystemExit(f"indexing the fixture corpus failed: {summary.failed}")
        searcher = Searcher(client, names, splitter)
        for line in claims_path.read_text(encoding="utf-8").splitlines():
            claim = json.loads(line)
            result = verify(searcher, VerifyRequest(text=claim["text"],
                                                    speaker=claim["speaker"]))
            best = result.matches[0] if result.matches and result.verdict != "not found" \
                else None
            best_speaker = ((best.quote.get("speaker") or {}).get("name")) if best else None
            right_source = claim["original_speaker"] is None or best_speaker == \
                claim["original_speaker"]
            rows.append({"id": claim["id"], "transformation": claim["transformation"],
                         "expected": claim["expected"], "got": result.verdict,
                         "score": best.comparison.score if best else None,
                         "correct": result.verdict == claim["expected"] and right_source})
    finally:
        delete_all(client, names)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        by_kind[str(row["transformation"])].append(bool(row["correct"]))
    correct = sum(bool(r["correct"]) for r in rows)
    return {"claims": len(rows), "correct": correct, "accuracy": round(correct / len(rows), 3),
            "by_transformation": {k: f"{sum(v)}/{len(v)}" for k, v in by_kind.items()},
            "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=Path, default=CLAIMS)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--details", action="store_true", help="list every wrong claim")
    args = parser.parse_args()
    report = evaluate(args.claims)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(f"{'transformation':22} correct")
    for kind, share in report["by_transformation"].items():  # type: ignore[attr-defined]
        print(f"{kind:22} {share}")
    print(f"{'overall':22} {report['correct']}/{report['claims']} "
          f"(accuracy {report['accuracy']})")
    if args.details:
        for row in report["rows"]:  # type: ignore[attr-defined]
            if not row["correct"]:
                print(f"  wrong: {row['id']}: expected {row['expected']}, got {row['got']} "
                      f"(score {row['score']})")


if __name__ == "__main__":
    main()
