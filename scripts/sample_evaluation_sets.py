#!/usr/bin/env python3
"""Draw the releases of the extraction evaluation sets (dev and test halves), reproducibly.

The releases are drawn *before* anyone looks at the extractor's output on them, and they never
overlap ``tests/fixtures/gold/berlin-gold.jsonl`` or its 200 "check" releases (see that folder's
README for how those were drawn). Output: unannotated records with an empty ``quotes`` list,
written to ``tests/fixtures/evaluation/<set>-<half>.todo.jsonl``; annotating them by hand (see
``tests/fixtures/evaluation/README.md``) gives the ``<set>-<half>.jsonl`` files that
``scripts/evaluate_extraction.py --gold`` reads.

Sets:

* ``berlin-reported``: 50 Berlin releases with at least two reported-speech patterns (a speech
  verb before ", dass", "zufolge", "laut X", ", so X", "nach Angaben", Konjunktiv after a comma);
* ``berlin-reported-more``: 60 further releases up to 10,000 characters long, drawn from what
  is left: all with at least two such patterns, then enough with one (the first 50 held
  fewer reported statements than the evaluation needs);
* ``berlin-random``: 20 Berlin releases with quotation marks, drawn from the rest;
* ``berlin-reported-extra``: 40 further releases with at least one pattern (none with two is
  left), drawn from what is still left after the rules had been tuned on the first dev halves
  (a fresh check, then more dev material);
* ``whitehouse``: 30 White House "statements & releases", their Markdown rendered the way the
  indexer renders it, so every annotated text is a substring of the stored body;
* ``whitehouse-quoted``: 20 further such items with a quotation and a speech verb next to it
  (the random 30 turned out to hold no direct quote at all);
* ``whitehouse-quoted-extra``: 20 more items with a quotation, drawn from the rest like
  ``berlin-reported-extra``, with a wider list of verbs next to it (the first list was used up).

Every set is split by alternating draw order: even positions are ``dev``, odd are ``test``.

Usage: ``python scripts/sample_evaluation_sets.py [--corpora ../shared/corpora]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.extraction.markdown import parse_markdown_release  # noqa: E402
from indexer.extraction.plaintext import structure_from_body  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "evaluation"
GOLD_REPORTED = re.compile(
    r"\b(?:sagt|sagte|erklärt|erklärte|betont|betonte|unterstrich|unterstreicht|hob|hebt|"
    r"machte|macht|wies|weist|kritisiert|kritisierte|fordert|forderte|bekräftigte|"
    r"versicherte|erläuterte|berichtete)\b[^.!?„“\"]{0,80}, (?:dass|das sei|es sei)\b")
REPORTED_PATTERNS = re.compile(
    r"\b(?:sagt|sagte|erklärt|erklärte|betont|betonte|unterstrich|unterstreicht|hob|hebt|"
    r"machte|macht|wies|weist|kritisiert|kritisierte|fordert|forderte|bekräftigte|hofft|"
    r"hoffte|versicherte|erläuterte|berichtete|kündigte|zeigte|freut|freute)\b"
    r"[^.!?„“\"]{0,80}, (?:dass|ob)\b"
    r"|\bzufolge\b|\blaut (?:[A-ZÄÖÜ]|de[rsm] |eine[rsm]? )|, so (?:[A-ZÄÖÜ]|der |die )"
    r"|\bnach Angaben (?:von|de[rs])\b|, (?:sei|seien|werde|würden|habe|könne)\b")
QUOTE_CUE = re.compile(r"”[^“”\n]{0,40}\b(?:said|says|added|noted|wrote)\b"
                       r"|\b(?:said|says|added|noted|wrote)\b[^“”\n]{0,40}“")
WIDER_QUOTE_CUE = re.compile(
    r"\b(?:said|says|added|noted|wrote|stated|explained|announced|called|declared|remarked)\b")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _gold_and_check(recs: dict[str, dict[str, Any]]) -> set[str]:
    """The gold set's 70 releases and its 200 check releases, drawn as its README says."""
    ids = sorted(recs)
    quoted = [i for i in ids if "„" in recs[i]["body"] or "“" in recs[i]["body"]]
    quoted_set = set(quoted)
    other = [i for i in ids if i not in quoted_set]
    rng = random.Random(2026)
    rng.shuffle(quoted)
    rng.shuffle(other)
    gold = quoted[:42] + other[:20]
    check = quoted[42:242]
    taken = set(gold) | set(check)
    pool = sorted(i for i in recs if i not in taken and GOLD_REPORTED.search(recs[i]["body"]))
    rng2 = random.Random(2026)
    rng2.shuffle(pool)
    return taken | set(pool[:8])


def _record(rec: dict[str, Any], stratum: str, body: str, language: str) -> dict[str, Any]:
    return {
        "id": rec["id"], "url": rec.get("url") or rec.get("source_url"),
        "title": rec["title"], "publisher": rec.get("publisher"), "date": rec.get("date"),
        "keywords": rec.get("keywords") or rec.get("tags") or [], "language": language,
        "stratum": stratum, "body": body, "quotes": [], "notes": "",
    }


def berlin_sets(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    recs = {r["id"]: r for r in _jsonl(corpus / "press_releases.sample.jsonl")}
    excluded = _gold_and_check(recs)
    ids = sorted(i for i in recs if i not in excluded and len(recs[i]["body"]) < 6000)
    reported = [i for i in ids if len(REPORTED_PATTERNS.findall(recs[i]["body"])) >= 2]
    rng = random.Random(2027)
    rng.shuffle(reported)
    chosen = reported[:50]
    rest = [i for i in ids if i not in set(chosen)
            and ("„" in recs[i]["body"] or "“" in recs[i]["body"])]
    rng.shuffle(rest)
    taken = excluded | set(chosen) | set(rest[:20])
    left = sorted(i for i in recs if i not in taken and len(recs[i]["body"]) < 10000)
    more = [i for i in left if len(REPORTED_PATTERNS.findall(recs[i]["body"])) >= 2]
    single = [i for i in left
              if i not in set(more) and REPORTED_PATTERNS.search(recs[i]["body"])]
    random.Random(2028).shuffle(more)
    random.Random(2028).shuffle(single)
    more = (more + single)[:60]
    # a third draw, after the rules had been tuned on the first two dev halves: fresh material
    # to check that they generalise, then to widen the dev half
    remaining = [i for i in left
                 if i not in set(more) and REPORTED_PATTERNS.search(recs[i]["body"])]
    random.Random(2029).shuffle(remaining)
    return {
        "berlin-reported": [_record(recs[i], "reported", recs[i]["body"], "de") for i in chosen],
        "berlin-reported-more": [_record(recs[i], "reported", recs[i]["body"], "de")
                                 for i in more],
        "berlin-random": [_record(recs[i], "quoted", recs[i]["body"], "de") for i in rest[:20]],
        "berlin-reported-extra": [_record(recs[i], "reported", recs[i]["body"], "de")
                                  for i in remaining[:40]],
    }


def whitehouse_sets(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    recs = [r for r in _jsonl(corpus / "briefing_room.sample.jsonl")
            if r["category"] == "statements-releases"]
    recs.sort(key=lambda r: r["id"])
    rng = random.Random(2027)
    rng.shuffle(recs)
    random_set = _renderable(recs, 30)
    taken = {r["id"] for r in random_set}
    quoted = [r for r in recs if r["id"] not in taken and "“" in r["body_markdown"]
              and QUOTE_CUE.search(r["body_markdown"])]
    quoted_set = _renderable(quoted, 20, 16000)
    taken |= {r["id"] for r in quoted_set}
    extra = [r for r in recs if r["id"] not in taken and "“" in r["body_markdown"]
             and WIDER_QUOTE_CUE.search(r["body_markdown"])]
    random.Random(2029).shuffle(extra)
    return {"whitehouse": random_set, "whitehouse-quoted": quoted_set,
            "whitehouse-quoted-extra": _renderable(extra, 20, 16000)}


def _renderable(recs: list[dict[str, Any]], wanted: int, longest: int = 8000
                ) -> list[dict[str, Any]]:
    chosen: list[dict[str, Any]] = []
    for rec in recs:
        structure = parse_markdown_release(rec["title"], rec["body_markdown"], language="en")
        again = structure_from_body(rec["title"], structure.body, language="en")
        if again.body != structure.body or len(structure.body) > longest:
            continue  # a record whose body does not round-trip cannot be evaluated as stored
        chosen.append(_record(rec, "statement", structure.body, "en"))
        if len(chosen) == wanted:
            break
    return chosen


def _halves(records: list[dict[str, Any]]) -> Iterable[tuple[str, list[dict[str, Any]]]]:
    yield "dev", records[0::2]
    yield "test", records[1::2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora",
                        help="folder holding berlin-press-releases/ and whitehouse-briefing-room/")
    args = parser.parse_args(argv)
    sets = berlin_sets(args.corpora / "berlin-press-releases")
    sets.update(whitehouse_sets(args.corpora / "whitehouse-briefing-room"))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, records in sets.items():
        for half, part in _halves(records):
            path = OUT / f"{name}-{half}.todo.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for record in part:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            print(f"{path.relative_to(ROOT)}: {len(part)} releases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
