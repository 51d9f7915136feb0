"""Draw the sample releases that ship in ``data/samples/`` and that ``make run`` indexes.

* ``berlin.jsonl.gz``: releases of the Land Berlin from
  ``../shared/corpora/berlin-press-releases/press_releases.sample.jsonl``, spread evenly over
  publishers and years (round robin over publisher-year groups, each shuffled with a fixed
  seed), so that a first search shows many speakers, publishers, topics and years;
* ``whitehouse.jsonl.gz``: White House statements, speeches and press briefings from
  ``../shared/corpora/whitehouse-briefing-room/briefing_room.sample.jsonl``, spread over
  categories and years, with ``publisher`` and ``language`` added so that the default field
  names read them (``body_markdown`` is read as Markdown).

Records are copied field by field, texts unchanged. The output is deterministic for the same
corpora, seed and sizes; ``data/samples/PROVENANCE.md`` says where they come from.

    python scripts/build_sample.py --shared ../shared
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
BERLIN_FIELDS = ("id", "url", "date", "title", "publisher", "keywords", "body")
WHITE_HOUSE_SHARE = {"statements-releases": 0.86, "speeches-remarks": 0.10,
                     "press-briefings": 0.04}


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def spread(records: Iterable[dict[str, Any]], group_of: Any, size: int,
           rng: random.Random) -> list[dict[str, Any]]:
    """``size`` records taken round robin over the groups (each shuffled), in group order."""
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[group_of(record)].append(record)
    queues = []
    for key in sorted(groups, key=str):
        members = groups[key]
        rng.shuffle(members)
        queues.append(members)
    chosen: list[dict[str, Any]] = []
    while len(chosen) < size and any(queues):
        for queue in queues:
            if queue and len(chosen) < size:
                chosen.append(queue.pop())
    return chosen


def berlin(corpus: Path, size: int, rng: random.Random) -> list[dict[str, Any]]:
    records = [r for r in _records(corpus) if r.get("body") and r.get("title")]
    chosen = spread(records, lambda r: (r.get("publisher") or "", (r.get("date") or "")[:4]),
                    size, rng)
    chosen.sort(key=lambda r: (r.get("date") or "", r["id"]))
    return [{key: r.get(key) for key in BERLIN_FIELDS} for r in chosen]


def white_house(corpus: Path, size: int, rng: random.Random) -> list[dict[str, Any]]:
    records = list(_records(corpus))
    chosen: list[dict[str, Any]] = []
    for category, share in WHITE_HOUSE_SHARE.items():
        members = [r for r in records if r.get("category") == category]
        chosen.extend(spread(members, lambda r: (r.get("date") or "")[:4],
                             round(size * share), rng))
    chosen.sort(key=lambda r: (r.get("date") or "", r["id"]))
    return [{"id": r["id"], "source_url": r["source_url"], "date": r["date"],
             "title": r["title"], "publisher": "The White House", "language": "en",
             "body_markdown": r["body_markdown"]}
            for r in chosen]


def write(path: Path, records: list[dict[str, Any]]) -> int:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    # mtime=0: the same records give the same bytes
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the folder holding corpora/ (default: ../shared)")
    parser.add_argument("--berlin", type=int, default=1000, help="Berlin releases")
    parser.add_argument("--white-house", type=int, default=200, help="White House items")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "samples")
    args = parser.parse_args(argv)
    corpora = args.shared / "corpora"
    rng = random.Random(SEED)
    sizes = {
        "berlin.jsonl.gz": write(args.out / "berlin.jsonl.gz", berlin(
            corpora / "berlin-press-releases" / "press_releases.sample.jsonl", args.berlin, rng)),
        "whitehouse.jsonl.gz": write(args.out / "whitehouse.jsonl.gz", white_house(
            corpora / "whitehouse-briefing-room" / "briefing_room.sample.jsonl",
            args.white_house, rng)),
    }
    for name, size in sizes.items():
        print(f"{name}: {size / 1e6:.2f} MB")
    print(f"together {sum(sizes.values()) / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
