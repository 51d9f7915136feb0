#!/usr/bin/env python3
"""Where topics come from, measured on a corpus: publisher keywords in, vocabulary topics out.

Reads a corpus (JSON Lines or any input ``wortlaut index`` reads) with the indexer's own
readers, takes each release's publisher keywords and text exactly as ``build_release`` does
and assigns topics with the topic vocabulary (``indexer/topics.de.json`` or ``--topics``).
Prints:

* the publisher keywords: distinct values, occurrences, and the **review coverage**: the
  most frequent keywords that together make up ``--coverage`` (95 %) of all keyword
  occurrences must each be listed in the vocabulary, under a topic or under ``no_topic``;
  unlisted ones are printed (``--keywords N`` prints the N most frequent with their
  mapping, for the review);
* the topics: distinct topics, releases per topic, the share of releases with at least one
  topic (and with one from keywords alone), topics per release;
* checks on the topics: none numeric, none a person's name (listed under ``no_topic`` or
  shaped like "Monika Herrmann"), none a release type, none English, no two within edit
  distance 1 per 5 letters, containing one another, one a keyword of the other or on the
  synonym list, none outside the vocabulary.

The exit code is 1 if a check fails or a frequent keyword is unreviewed.

Usage: ``python scripts/topic_report.py --corpus PATH [--mapping FILE] [--topics FILE]
[--coverage 0.95] [--keywords N]``
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from indexer.documents import MetadataError, release_keywords  # noqa: E402
from indexer.readers import FieldMapping, read_inputs  # noqa: E402
from indexer.sources import SourceError, discover  # noqa: E402
from indexer.topics import TopicVocabulary, fold  # noqa: E402

# Release types as publishers label them: never a topic.
RELEASE_TYPES = {"termine", "veranstaltungen", "burgermeisterreden", "pressekonferenzen",
                 "presseeinladung", "pressemitteilung", "statement", "statements", "readout",
                 "fact sheet", "remarks", "press briefing", "speeches", "nominations"}
# Words of English topic labels (the previous taxonomy's among them): never in a topic.
ENGLISH = {"the", "and", "of", "policy", "foreign", "health", "economy", "climate",
           "immigration", "security", "affairs", "rights", "jobs", "education", "housing",
           "energy", "defense", "environment", "trade", "women", "justice"}
# Pairs that are one topic under two names (issue 13): at most one of each may be a topic.
SYNONYMS = [("Umwelt", "Umwelt und Klima"), ("Sicherheit", "Sicherheit und Ordnung"),
            ("Geld", "Finanzen"), ("Gesetz", "Recht"), ("Natur", "Umwelt"),
            ("Transport", "Verkehr"), ("Beruf", "Arbeit"), ("Integration", "Migration"),
            ("Frauen", "Gleichstellung"), ("Freizeit", "Sport"), ("Jugend", "Kinder"),
            ("Klimaschutz", "Umwelt und Klima"), ("Bürgerservice", "Verwaltung")]
PERSON = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
                    r"(?: [A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)+$")


def read_corpus(paths: list[str], mapping: FieldMapping, vocabulary: TopicVocabulary
                ) -> tuple[list[tuple[list[str], list[str], list[str]]], int]:
    """Per release: (keywords, topics from keywords, all topics); and the read errors."""
    rows, errors = [], 0
    for path in discover(paths):
        for item in read_inputs(path, mapping):
            if isinstance(item, SourceError):
                errors += 1
                continue
            try:
                keywords = release_keywords(item.structure, item.meta)
            except MetadataError:
                errors += 1
                continue
            title = str(item.meta.get("title") or item.structure.title)
            language = item.meta.get("language") or item.structure.language
            rows.append((keywords, vocabulary.from_keywords(keywords),
                         vocabulary.topics_for(keywords, title, item.structure.body,
                                               language)))
    return rows, errors


def keyword_review(counts: Counter[str], shown: dict[str, str], vocabulary: TopicVocabulary,
                   coverage: float, listing: int) -> list[str]:
    """Print the keyword figures; return the frequent keywords the vocabulary lacks."""
    total = sum(counts.values())
    print(f"Publisher keywords: {len(counts)} distinct (folded), {total} occurrences")
    covered, frequent, missing = 0, 0, []
    for key, count in counts.most_common():
        if total and covered / total >= coverage:
            break
        covered += count
        frequent += 1
        if not vocabulary.is_reviewed(shown[key]):
            missing.append(shown[key])
    reviewed = sum(c for k, c in counts.items() if vocabulary.is_reviewed(shown[k]))
    print(f"  the {frequent} most frequent make up {coverage:.0%} of occurrences; "
          f"{frequent - len(missing)} of them are reviewed in the vocabulary")
    print(f"  occurrences of reviewed keywords: {_share(reviewed, total)}")
    for key, count in counts.most_common(listing):
        topics = vocabulary.from_keywords([shown[key]])
        mapped = (", ".join(topics) if topics else
                  f"nothing ({vocabulary.unmapped_reason(shown[key]) or 'not listed'})")
        print(f"    {count:6}  {shown[key]} -> {mapped}")
    return missing


def checks(topics: set[str], vocabulary: TopicVocabulary) -> list[str]:
    """Every problem with the topics seen, as text; empty when all checks pass."""
    persons = {fold(w) for w in vocabulary.no_topic.get("Personen", ())}
    types = RELEASE_TYPES | {fold(w) for w in vocabulary.no_topic.get("Meldungsart", ())}
    problems = []
    for topic in sorted(topics):
        words = set(fold(topic).split())
        if any(c.isdigit() for c in topic):
            problems.append(f"numeric: {topic!r}")
        if fold(topic) in persons or (PERSON.match(topic) and " und " not in topic):
            problems.append(f"a person's name: {topic!r}")
        if fold(topic) in types:
            problems.append(f"a release type: {topic!r}")
        if words & ENGLISH:
            problems.append(f"English: {topic!r}")
        if topic not in vocabulary.names:
            problems.append(f"not in the vocabulary: {topic!r}")
    folded = {topic: fold(topic) for topic in topics}
    for a, b in combinations(sorted(topics), 2):
        fa, fb = folded[a], folded[b]
        if Levenshtein.distance(fa, fb) <= max(1, min(len(fa), len(fb)) // 5):
            problems.append(f"near duplicates: {a!r} / {b!r}")
        elif set(fa.split()) <= set(fb.split()) or set(fb.split()) <= set(fa.split()):
            problems.append(f"one contains the other: {a!r} / {b!r}")
        elif b in vocabulary.from_keywords([a]) or a in vocabulary.from_keywords([b]):
            problems.append(f"synonyms (one is a keyword of the other): {a!r} / {b!r}")
    for a, b in SYNONYMS:
        if a in topics and b in topics:
            problems.append(f"synonyms: {a!r} / {b!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", required=True,
                        help="corpus file or folder (repeatable)")
    parser.add_argument("--mapping", type=Path, help="field mapping (as `wortlaut index`)")
    parser.add_argument("--topics", type=Path, help="topic vocabulary (default: built-in)")
    parser.add_argument("--coverage", type=float, default=0.95,
                        help="share of keyword occurrences whose keywords must be reviewed")
    parser.add_argument("--keywords", type=int, default=0, metavar="N",
                        help="list the N most frequent keywords with their mapping")
    args = parser.parse_args()
    vocabulary = TopicVocabulary.load(args.topics)
    rows, errors = read_corpus(args.corpus, FieldMapping.load(args.mapping), vocabulary)
    n = len(rows)
    print(f"Corpus: {', '.join(args.corpus)}: {n} releases, {errors} not read")
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for keywords, _, _ in rows:
        for keyword in keywords:
            counts[fold(keyword)] += 1
            shown.setdefault(fold(keyword), keyword)
    missing = keyword_review(counts, shown, vocabulary, args.coverage, args.keywords)
    per_topic = Counter(t for _, _, topics in rows for t in topics)
    sizes = Counter(min(len(topics), 4) for _, _, topics in rows)
    print(f"\nTopics: {len(per_topic)} distinct (vocabulary: {len(vocabulary.names)})")
    print(f"  releases with a topic: {_share(n - sizes[0], n)}; with one from keywords "
          f"alone: {_share(sum(1 for _, k, _ in rows if k), n)}")
    print("  topics per release: " + ", ".join(
        f"{'4+' if size == 4 else size}: {sizes[size]}" for size in sorted(sizes)))
    for topic, count in per_topic.most_common():
        print(f"    {count:6}  {topic}")
    problems = checks(set(per_topic), vocabulary)
    print("\nChecks (numeric, person, release type, English, near duplicates/synonyms, "
          f"outside the vocabulary): {'all pass' if not problems else 'FAILED'}")
    for problem in problems:
        print(f"  {problem}")
    if missing:
        print(f"Frequent keywords not reviewed ({len(missing)}): {', '.join(missing)}")
    return 1 if problems or missing else 0


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.1%})" if whole else "0"


if __name__ == "__main__":
    sys.exit(main())
