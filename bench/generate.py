"""Scale-up corpora from the real Berlin releases, deterministic by seed, streamed to disk.

A pool is taken once from the real corpus (cached under the Wortlaut home): the quotes
the extractor finds with their speakers and roles, quote-free paragraphs, titles,
publishers, topics and dates. Each synthetic release recombines them: a real title,
real paragraphs, 3–7 real quotes attributed to varied real speakers with real roles,
a real date shifted by up to ±3 years. Lines are written as they are made, so memory
stays flat at any size.

    python -m bench.generate --quotes 100000 --seed 7 --out corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import BERLIN, work_dir, write_once

POOL_RELEASES = 2500
QUOTES_PER_RELEASE = (3, 7)
TEMPLATES = (
    "„{q}“, sagte {role} {name}.",
    "{role} {name} erklärte: „{q}“",
    "„{q}“, so {role} {name}.",
    "{name} ({role}) betonte: „{q}“",
)


def build_pool(source: Path = BERLIN, releases: int = POOL_RELEASES) -> dict[str, Any]:
    """Real material for recombination, from the first ``releases`` records of the corpus."""
    from indexer.readers import FieldMapping, read_inputs
    from indexer.run import Extractor
    from search_service.compounds import splitter_for
    from search_service.settings import Settings

    extractor = Extractor(splitter_for(Settings.from_env().hunspell_dir))
    quotes: list[str] = []
    speakers: dict[tuple[str, str], None] = {}
    paragraphs: list[str] = []
    heads: list[dict[str, Any]] = []
    for count, item in enumerate(read_inputs(source, FieldMapping())):
        if count >= releases:
            break
        if not hasattr(item, "structure"):
            continue
        extracted = extractor.records(item)
        release, quotes_of_release = extracted.sources()
        heads.append({"title": release["title"], "publisher": release["publisher"],
                      "topics": release["topics"], "date": release["published"]})
        for paragraph in release["body"].split("\n\n"):
            if 80 <= len(paragraph) <= 700 and not any(c in paragraph for c in "„“\"»«"):
                paragraphs.append(paragraph)
        for quote in quotes_of_release:
            text = quote["text"].strip()
            if 20 <= len(text) <= 400 and not any(c in text for c in "„“\"»«"):
                quotes.append(text)
            speaker = quote.get("speaker") or {}
            if speaker.get("name") and speaker.get("role"):
                speakers[(speaker["name"], speaker["role"])] = None
    return {"quotes": quotes, "speakers": [list(s) for s in speakers],
            "paragraphs": paragraphs, "heads": [h for h in heads if h["title"]]}


def pool() -> dict[str, Any]:
    cache = work_dir() / f"pool-{POOL_RELEASES}.json"
    if not cache.exists():
        cache.with_suffix(".tmp").write_text(json.dumps(build_pool(), ensure_ascii=False))
        cache.with_suffix(".tmp").rename(cache)
    loaded: dict[str, Any] = json.loads(cache.read_text())
    return loaded


def _shifted(value: str | None, rng: random.Random) -> str:
    base = date.fromisoformat(value[:10]) if value and len(value) >= 10 else date(2016, 6, 1)
    return (base + timedelta(days=rng.randint(-3 * 365, 3 * 365))).isoformat()


def releases(quotes: int, seed: int, material: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Synthetic release records until about ``quotes`` quote paragraphs are written."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    written = number = 0
    while written < quotes:
        number += 1
        head = rng.choice(material["heads"])
        wanted = min(rng.randint(*QUOTES_PER_RELEASE), quotes - written)
        body = rng.sample(material["paragraphs"], 2)
        for _ in range(wanted):
            name, role = rng.choice(material["speakers"])
            template = rng.choice(TEMPLATES)
            body.append(template.format(q=rng.choice(material["quotes"]), name=name, role=role))
            if rng.random() < 0.5:
                body.append(rng.choice(material["paragraphs"]))
        written += wanted
        yield {"id": f"bench-{seed}-{number}", "url": f"https://bench.invalid/{seed}/{number}",
               "date": _shifted(head["date"], rng), "title": head["title"],
               "publisher": head["publisher"], "keywords": head["topics"],
               "body": "\n\n".join(body)}


def write_corpus(quotes: int, seed: int, out: Path) -> Path:
    """Write (once; the output is deterministic) a corpus of about ``quotes`` quotes."""
    return write_once(out, lambda: releases(quotes, seed, pool()))


def corpus(quotes: int, seed: int = 7) -> Path:
    return write_corpus(quotes, seed, work_dir() / f"corpus-q{quotes}-s{seed}.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(write_corpus(args.quotes, args.seed, args.out))


if __name__ == "__main__":
    main()
