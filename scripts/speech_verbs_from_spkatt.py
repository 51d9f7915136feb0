#!/usr/bin/env python3
"""Speech-verb forms from the SpkAtt-2023 training speeches, against the extraction lexicon.

SpkAtt-2023 (``../shared/corpora/spkatt-2023-gold/train``) labels by hand the cue words of
speech events with their Message spans. This script counts the single-word cues whose
Message is a content clause (it starts with ``dass``/``daß``/``ob`` or a w-word) and prints
the third-person finite forms and participles (words ending in -t, -te, -ten, -en) that
``indexer/extraction/lexicon/speech_*.de.txt`` does not list yet, most frequent first: the
source for widening the reporting-verb lexicon by data rather than by hand.

Usage: ``python scripts/speech_verbs_from_spkatt.py [--spkatt DIR] [--min N]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.extraction.lexicon import table, words  # noqa: E402

CLAUSE_HEADS = {"dass", "daß", "ob", "wie", "warum", "was", "wer", "wo", "wann", "welche",
                "welcher", "welches", "weshalb"}


def cue_counts(directory: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(directory.glob("*.json")):
        speech = json.loads(path.read_text(encoding="utf-8"))
        for sentence in speech.values():
            tokens = sentence["Tokens"]
            for event in sentence["Annotations"]:
                cues, message = event.get("Cue") or [], event.get("Message") or []
                if len(cues) != 1 or not message:
                    continue
                sid, tid = cues[0].split(":")
                msid, mtid = message[0].split(":")
                if sid != msid or tokens[int(mtid)].lower() not in CLAUSE_HEADS:
                    continue
                counts[tokens[int(tid)].lower()] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spkatt", type=Path,
                        default=ROOT.parent / "shared" / "corpora" / "spkatt-2023-gold" / "train")
    parser.add_argument("--min", type=int, default=2, help="least number of occurrences")
    args = parser.parse_args(argv)
    known = {w.lower() for w in [*words("speech_verbs.de.txt"), *words("speech_participles.de.txt"),
                                 *table("speech_complements.de.txt")]}
    counts = cue_counts(args.spkatt)
    for form, count in counts.most_common():
        if count < args.min:
            break
        if form not in known and form.endswith(("t", "te", "ten", "en")):
            print(f"{count:4d}  {form}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
