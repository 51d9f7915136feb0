#!/usr/bin/env python3
"""Speaker identity figures on the real corpora: what the registry joins and keeps apart.

Runs extraction over the Berlin and White House corpora (``../shared/corpora``), builds the
speaker registry from the mentions exactly as an index run does (per speaker name as resolved in
its release, publisher and year), and prints per corpus:

* speakers before (distinct names per release) and after the registry;
* **bare surnames**: attributed quotes whose speaker is a bare surname although exactly one
  full-name person with that surname speaks for the same publisher - before and after;
* **spelling-variant pairs**: pairs of speakers whose full names differ only in case and
  diacritics or by one letter - before and after;
* **must not merge**: every pair of full-name people with the same surname and different given
  names in the corpus, plus a fixed list (Jill / Joe Biden, the three Herrmanns), and how many
  of them the registry joined (must be 0);
* the identity of each Biden and Harris variant.

Usage: ``python scripts/speaker_identity_report.py [--corpora ../shared/corpora] [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from indexer.documents import speaker_id  # noqa: E402
from indexer.extraction import extract_quotes, structure_from_body  # noqa: E402
from indexer.extraction.markdown import parse_markdown_release  # noqa: E402
from indexer.extraction.records import ReleaseStructure  # noqa: E402
from indexer.identity import Mention, Registry, RoleSeen, build_registry  # noqa: E402
from indexer.identity.names import fold, name_key  # noqa: E402

MUST_NOT_MERGE = [("Jill Biden", "Joe Biden"), ("Clara Herrmann", "Monika Herrmann"),
                  ("Kathrin Herrmann", "Monika Herrmann"), ("Clara Herrmann", "Kathrin Herrmann"),
                  ("Doug Emhoff", "Kamala Harris")]
VARIANTS = ["Joe Biden", "Joseph Biden", "Joseph R. Biden, Jr.", "Biden", "President Biden",
            "Jill Biden", "Kamala Harris", "Harris", "Clara Herrmann", "Monika Herrmann",
            "Kathrin Herrmann"]
WH_PUBLISHER = "The White House"


def _jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)


def berlin(corpora: Path, limit: int | None) -> Iterator[tuple[ReleaseStructure, str | None]]:
    for rec in _jsonl(corpora / "berlin-press-releases" / "press_releases.sample.jsonl", limit):
        yield structure_from_body(rec["title"], rec["body"], topics=rec.get("keywords") or (),
                                  publisher=rec.get("publisher"), language="de"), rec.get("date")


def whitehouse(corpora: Path, limit: int | None) -> Iterator[tuple[ReleaseStructure, str | None]]:
    for rec in _jsonl(corpora / "whitehouse-briefing-room" / "briefing_room.sample.jsonl", limit):
        yield parse_markdown_release(rec["title"], rec["body_markdown"], publisher=WH_PUBLISHER,
                                     language="en"), rec.get("date")


def collect(releases: Iterator[tuple[ReleaseStructure, str | None]]) -> list[Mention]:
    counts: Counter[tuple[str, str, str | None, int | None]] = Counter()
    printed: dict[tuple[str, str, str | None, int | None], Counter[str]] = defaultdict(Counter)
    roles: dict[tuple[str, str, str | None, int | None], dict[str, list[Any]]] = \
        defaultdict(dict)
    for structure, date in releases:
        year = int(date[:4]) if date else None
        for quote in extract_quotes(structure):
            if quote.speaker is None:
                continue
            key = (quote.speaker.name, quote.speaker.type, structure.publisher, year)
            counts[key] += 1
            printed[key][quote.speaker.as_printed] += 1
            if quote.speaker.role:
                seen = roles[key].setdefault(quote.speaker.role, [date, date, 0])
                if date:
                    seen[0] = min(seen[0] or date, date)
                    seen[1] = max(seen[1] or date, date)
                seen[2] += 1
    return [Mention(name, type_, publisher, year, count,  # type: ignore[arg-type]
                    tuple(printed[(name, type_, publisher, year)].items()),
                    tuple(RoleSeen(role, None, first, last, n) for role, (first, last, n)
                          in roles[(name, type_, publisher, year)].items()))
            for (name, type_, publisher, year), count in counts.items()]


def _full_people(names_by_publisher: dict[str | None, set[str]]
                 ) -> dict[tuple[str | None, str], set[str]]:
    """Full-name people per (publisher, folded surname)."""
    table: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for publisher, names in names_by_publisher.items():
        for name in names:
            key = name_key(name)
            if key is not None and key.full:
                table[(publisher, key.surname)].add(name)
    return table


def figures(mentions: list[Mention]) -> dict[str, Any]:
    registry = build_registry(mentions, speaker_id)
    persons = [m for m in mentions if m.type == "person"]
    attributed = sum(m.count for m in mentions)
    names_by_publisher: dict[str | None, set[str]] = defaultdict(set)
    for m in persons:
        names_by_publisher[m.publisher].add(m.name)
    full = _full_people(names_by_publisher)

    def bare(after: bool) -> int:
        total = 0
        for m in persons:
            key = name_key(m.name)
            if key is None or key.full or len(full.get((m.publisher, key.surname), ())) != 1:
                continue
            identity = registry.identity_of(m.name, m.type, m.publisher, m.year)
            shown = identity.name if after and identity is not None else m.name
            shown_key = name_key(shown)
            if shown_key is None or not shown_key.full:
                total += m.count
        return total

    def variant_pairs(names: set[str]) -> list[tuple[str, str]]:
        keyed: dict[str, list[str]] = defaultdict(list)
        for name in names:
            key = name_key(name)
            if key is not None and key.full:
                keyed[key.surname].append(name)
        pairs = []
        for same_surname in keyed.values():
            for a, b in combinations(sorted(same_surname), 2):
                if fold(a) == fold(b) or Levenshtein.distance(fold(a), fold(b),
                                                              score_cutoff=1) <= 1:
                    pairs.append((a, b))
        by_given: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in names:
            key = name_key(name)
            if key is not None and key.full:
                by_given[key.given].append(name)
        for same_given in by_given.values():
            for a, b in combinations(sorted(same_given), 2):
                ka, kb = name_key(a), name_key(b)
                assert ka is not None and kb is not None
                if ka.surname != kb.surname and len(ka.surname) >= 5 and Levenshtein.distance(
                        ka.surname, kb.surname, score_cutoff=1) <= 1:
                    pairs.append((a, b))
        return pairs

    before_names = {m.name for m in persons}
    after_names = {i.name for i in registry.identities if i.type == "person"}
    must_not = _must_not_merge(registry, persons)
    return {
        "attributed quotes": attributed,
        "speakers before": len({(m.type, m.name) for m in mentions}),
        "speakers after": len(registry.identities),
        "bare surname before": bare(False),
        "bare surname after": bare(True),
        "bare surname share after": round(bare(True) / attributed, 4) if attributed else None,
        "spelling-variant pairs before": len(variant_pairs(before_names)),
        "spelling-variant pairs after": variant_pairs(after_names),
        "must-not-merge pairs checked": must_not[0],
        "must-not-merge pairs joined": must_not[1],
        "variants": {v: _identity_name(registry, v) for v in VARIANTS
                     if _identity_name(registry, v) is not None},
    }


def _identity_name(registry: Registry, name: str) -> str | None:
    found = {i.name for i in registry.identities if any(m.name == name for m in i.mentions)}
    return " | ".join(sorted(found)) if found else None


def _must_not_merge(registry: Registry, persons: list[Mention]) -> tuple[int, list[str]]:
    """Pairs of full names with the same surname and different given names, plus the list."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in persons:
        key = name_key(m.name)
        if key is not None and key.full:
            by_surname[key.surname].add(m.name)
    pairs = set(MUST_NOT_MERGE)
    for names in by_surname.values():
        for a, b in combinations(sorted(names), 2):
            ka, kb = name_key(a), name_key(b)
            assert ka is not None and kb is not None
            if ka.given and kb.given and ka.given[0] != kb.given[0] and Levenshtein.distance(
                    ka.given[0], kb.given[0]) > 1:
                pairs.add((a, b))
    joined = []
    checked = 0
    for a, b in sorted(pairs):
        ia = {i.id for i in registry.identities if any(m.name == a for m in i.mentions)}
        ib = {i.id for i in registry.identities if any(m.name == b for m in i.mentions)}
        if not ia or not ib:
            continue
        checked += 1
        if ia & ib:
            joined.append(f"{a} / {b}")
    return checked, joined


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--limit", type=int, help="read only the first N records of each corpus")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    result = {}
    for label, reader in (("Berlin", berlin), ("White House", whitehouse)):
        started = time.monotonic()
        mentions = collect(reader(args.corpora, args.limit))
        result[label] = figures(mentions)
        result[label]["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for label, figs in result.items():
        print(f"{label}:")
        for key, value in figs.items():
            if key == "variants":
                for variant, identity in value.items():
                    print(f"  {variant!r:28} -> {identity}")
            else:
                print(f"  {key:34} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
