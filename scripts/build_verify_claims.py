#!/usr/bin/env python3
"""Build the verification claim set from the repository's fixture corpus (deterministic).

Takes attributed direct quotes extracted from tests/fixtures/releases and
tests/fixtures/gold (real Berlin, Hessian and White House releases) and turns
them into claims the way misquotes happen: typographic quotes swapped for ASCII,
shortened fragments, a changed word, a dropped word, swapped words, an inflection
change, the words put in another person's mouth. Hand-written invented sentences
stand for claims with no original. Writes tests/fixtures/verify/claims.jsonl with
the expected verdict and speaker of each claim.

    .venv/bin/python scripts/build_verify_claims.py
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "fixtures" / "releases", ROOT / "tests" / "fixtures" / "gold"]
OUT = ROOT / "tests" / "fixtures" / "verify" / "claims.jsonl"
INVENTED = [
    ("Wir werden die Grundsteuer im nächsten Jahr für alle Haushalte vollständig abschaffen",
     "de"),
    ("Berlin wird bis 2030 die erste Stadt Europas ohne einen einzigen Parkplatz sein", "de"),
    ("Die Landesregierung hat beschlossen, alle Schulen im Winter geschlossen zu halten", "de"),
    ("Ich habe nie behauptet, dass der Flughafen jemals rechtzeitig fertig wird", "de"),
    ("Die Polizei wird künftig keine Anzeigen wegen Fahrraddiebstahls mehr aufnehmen", "de"),
    ("We will cut every federal program by half before the end of this year", "en"),
    ("The President announced that all tariffs on imported cars are lifted today", "en"),
    ("Our administration has never supported any form of renewable energy", "en"),
]
SWAPS = {"Menschen": "Bürger", "wichtig": "notwendig", "Stadt": "Region", "gemeinsam": "allein",
         "Bezirk": "Land", "neue": "alte", "wir": "sie", "Berlin": "Hamburg"}


def quotes() -> list[dict[str, object]]:
    result = subprocess.run([str(Path(sys.executable).parent / "wortlaut"), "extract",  # noqa: S603
                             *map(str, SOURCES)], capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return [r for r in rows if r["type"] == "quote" and r["kind"] == "direct"
            and r["speaker"] and 12 <= len(str(r["text"]).split()) <= 120]


def build(seed: int, per_kind: int) -> list[dict[str, object]]:
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    pool = quotes()
    rng.shuffle(pool)
    speakers = sorted({q["speaker"]["name"] for q in pool})  # type: ignore[index]
    claims: list[dict[str, object]] = []

    def add(kind: str, text: str, quote: dict, expected: str, speaker: str | None = None
            ) -> None:
        claims.append({"id": f"{kind}-{len(claims) + 1}", "transformation": kind,
                       "text": text, "speaker": speaker, "expected": expected,
                       "original_speaker": quote["speaker"]["name"], "quote_id": quote["id"],
                       "language": quote["language"]})

    for quote in pool[:per_kind]:
        add("ascii-quotes", f'"{quote["text"]}"', quote, "exact")
    for quote in pool[per_kind:2 * per_kind]:
        words = str(quote["text"]).split()
        start = rng.randrange(0, max(1, len(words) - 8))
        add("fragment", " ".join(words[start:start + 8]), quote, "fragment")
    for quote in pool[2 * per_kind:3 * per_kind]:
        words = str(quote["text"]).split()[:14]
        i = rng.randrange(2, len(words) - 1)
        words[i] = SWAPS.get(words[i].strip(",."), "ausdrücklich")
        add("word-changed", " ".join(words), quote, "altered")
    for quote in pool[3 * per_kind:4 * per_kind]:
        words = str(quote["text"]).split()[:14]
        i = rng.randrange(2, len(words) - 1)
        variant = rng.choice(["drop", "swap"])
        if variant == "drop":
            del words[i]
        else:
            words[i], words[i - 1] = words[i - 1], words[i]
        add(f"word-{variant}", " ".join(words), quote, "altered")
    for quote in pool[4 * per_kind:5 * per_kind]:
        words = str(quote["text"]).split()
        other = rng.choice([s for s in speakers if s != quote["speaker"]["name"]])
        add("other-speaker", " ".join(words[:10]), quote, "different speaker", other)
    for quote in pool[5 * per_kind:6 * per_kind]:
        words = str(quote["text"]).split()
        surname = str(quote["speaker"]["name"]).split()[-1]
        add("attributed-in-text", f"{surname} sagte: „{' '.join(words[:9])}“", quote, "fragment")
    for number, (text, language) in enumerate(INVENTED, start=1):
        claims.append({"id": f"invented-{number}", "transformation": "invented", "text": text,
                       "speaker": None, "expected": "not found", "original_speaker": None,
                       "quote_id": None, "language": language})
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--per-kind", type=int, default=7,
                        help="claims per transformation (default 7)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    claims = build(args.seed, args.per_kind)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims),
                        encoding="utf-8")
    print(f"{len(claims)} claims written to {args.out}")


if __name__ == "__main__":
    main()
