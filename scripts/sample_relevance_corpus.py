#!/usr/bin/env python3
"""Draw the corpus of the relevance test set (issue 13): ``tests/fixtures/relevance/``.

The set measures whether search finds what a journalist half-remembers, so the corpus must
hold the phenomena that make that hard, next to distractors that merely look alike:

1. **anchors**: the releases the queries in ``queries.jsonl`` were written about, each
   chosen by reading it for one phenomenon (listed below with the reason);
2. **phenomena**: releases drawn at random (fixed seed) among those that carry a phenomenon -
   compounds with umlaut plurals, hyphenated compounds, names with diacritics, "ß" in names,
   quotes attributed to a named speaker, "Müller" - so every query competes with releases
   that share its hard part;
3. **distractors**: releases drawn at random from the rest of the sample.

The White House part is drawn the same way: anchors, then short statements and releases at
random. Both parts go into one gzipped JSON Lines file, each record as in its corpus with
one key added in front, ``"corpus": "berlin" | "whitehouse"`` (the test indexes the two
parts with their own field mappings). Records keep their corpus' order (by date).

The draw is deterministic: the same source files and the same seed give the same bytes.

    python scripts/sample_relevance_corpus.py            # writes the fixture
    python scripts/sample_relevance_corpus.py --check    # fails if the fixture differs
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
BERLIN = SHARED / "berlin-press-releases" / "press_releases.sample.jsonl"
WHITE_HOUSE = SHARED / "whitehouse-briefing-room" / "briefing_room.sample.jsonl"
OUT = ROOT / "tests" / "fixtures" / "relevance" / "releases.jsonl.gz"
SEED = 13  # issue 13
MAX_BYTES = 1_000_000  # compressed

# The releases the queries are about (berlin.de press-release number: what it carries).
BERLIN_ANCHORS: dict[str, str] = {
    # umlaut plurals in compounds (query singular, text plural - or the reverse)
    "944251": "Bolzplätze (never 'Bolzplatz'), Pfalzburger Straße",
    "1179510": "Partnerstädte; Giffey: 'Berlin steht an der Seite der Ukraine'",
    "1215818": "Hinterhöfe & Innenhöfe; Grunst quote",
    "1207705": "Frauenhäuser, Antigewaltprojekte",
    "1085351": "Verdachtsfälle, Aufstallungspflicht (Geflügelpest)",
    "1508866": "Spielplatz (singular only), Fennpfuhlpark",
    # hyphenation
    "330809": "Jugend-Demokratiefonds (hyphenated only)",
    "642278": "Jugend-Demokratiefonds (hyphenated only), Jugendjury",
    "1020654": "Jugenddemokratiefonds / Jugenddemokratie-Fonds; Böhm quote 'eine Säule ...'",
    "1433710": "Radwegenetz (solid), Hermannstraße",
    "1549969": "Radwegenetz (solid), Hermannstraße",
    "1384867": "Tourist-Information (hyphenated only), Pankow",
    "1230986": "Kita-Neubau (hyphenated), modular",
    "1311446": "Fußball-Europameisterschaft (hyphenated), Nachhaltigkeit",
    "1353447": "Geflügelpest-Erreger (hyphenated only), Wildvögel",
    # compound parts
    "1550006": "Mährobotern, Igel; Keküllüoğlu quote 'Braunbrustigel ... Artenschutz'",
    "1330447": "Lernroboter Thymio",
    "1393400": "Hilfskonvoi (only as compound), Riwne",
    "1476251": "Hilfskonvoi and Konvoi, Riwne",
    "1444577": "Verkehrssonderzone",
    "1436618": "Fahrradabstellanlage, Friedrichsfelde Ost",
    "1267588": "Sportministerkonferenz, Trägerverein",
    "1396500": "Saatgans, Vogelgrippe",
    "1418022": "Saatgans, Vogelgrippe",
    "1502773": "Graugans, Saatgans, Vogelgrippe",
    "1444973": "Regenbogenhauptstadt, Magnus Hirschfeld; Kızıltepe and Pantisano quotes",
    "1515005": "Regenbogenhauptstadt, queerfeindlicher Hassgewalt; Kızıltepe quote",
    "1430017": "Kiziltepe (title) / Kızıltepe (body); Pantisano quote",
    # inflection
    "1269001": "Fahne/Flagge ... gehisst; Keküllüoğlu quote 'Dieser Zustand ist unerträglich'",
    "1140287": "Grillplätze; Schultze-Berndt quotes, 'Sitzgruppen ein schattiges Plätzchen'",
    "1241474": "Spendenlauf im Zeichen des Tierschutzes (genitive)",
    "1049407": "Kranzniederlegung (singular), Hatun Sürücü",
    # diacritics and ß
    "1386321": "Kızıltepe (only with ı), Transfeindlichkeit, 'Transgender Day of Remembrance'",
    "1042696": "Michael Müller quote 'Europas modernstes Herzzentrum', Charité",
    "1063841": "Müller zum Tode von Eva Herlitz",
    "1497984": "Şişli, Kirstin Bauch",
    "1515180": "Şişli, Kirstin Bauch",
    "1099607": "Christiane Heiß (ß), Airbnb, Zweckentfremdungsstelle",
    "947821": "Christiane Heiß (ß), Blümelteich",
    "1115013": "Bouchéstraße, Spaziergang",
    "1266135": "Bouchéstraße, Spaziergang",
    "1310610": "Bouchéstraße, Spaziergang",
    "806246": "Mascha Kaléko",
    "1566274": "Mascha Kaléko",
    # rare words for typos
    "1523844": "Antiziganismus; Kızıltepe quote",
    "1541989": "Antiziganismus, Ansprechperson; Kızıltepe quote",
    "1549071": "Antiziganismus (Kiziltepe in the title)",
    "316471": "Kräuterkunde, Schulgärten",
    # names one letter off
    "1207002": "Giffey, Jakarta, Partnerstädten",
    "814700": "Europatour, Oliver Schruoffeneger",
    "1227023": "Emine Demirbüken-Wegner, Lastenrad",
    "1352003": "Katharina Günther-Wünsch, MINT-Bildung",
    "1344009": "Badenberg (only 'die Senatorin' at the quote), Amtsgericht Wedding",
    # speakers, some named only outside the quote's paragraph
    "1559937": "Henriette Reker quote; Kızıltepe quote",
    "1531999": "Walter Gauks quote; Wegner, Kızıltepe quotes",
    "1480047": "Walter Gauks quote",
    "928894": "Angelika Schöttler (bq. block), Ramadan",
    "1357583": "Felor Badenberg (named in the lead), Brandanschläge",
    "1230955": "Katarina Niewiedzial (named in the paragraph before), Drittstaatsangehörige",
    "1044008": "Michael Müller (named in the paragraph before), Auschwitz",
    "784416": "Oliver Schruoffeneger (bq. block), Abbiegeassistenten",
    # phrases
    "1048744": "'Der Frühling kommt', Sportplätze, Hubertussportplatz",
}

# Records a query is about (White House id: what it carries).
WHITE_HOUSE_ANCHORS: dict[str, str] = {
    "2021-11-14-president-biden-announces-former-new-orleans-mayor-mitch-landrieu-as-senior-"
    "advisor-and-infrastructure-coordinator": "Landrieu quote, infrastructure coordinator",
    "2023-11-25-statement-by-president-biden-in-remembrance-of-holodomor":
        "Holodomor, Stalin, grain, farms",
    "2024-09-11-statement-from-president-joe-biden-on-aysenur-eygi": "Aysenur Eygi, West Bank",
    "2022-11-20-statement-by-president-biden-on-the-deadly-shooting-in-colorado-springs":
        "'safe spaces of acceptance and celebration', Colorado Springs",
    "2023-10-27-first-lady-jill-biden-announces-new-virtual-white-house-tour":
        "virtual tour, Google Street View; Elizabeth Alexander quote",
}

# Phenomena (name, pattern over title and body, how many releases to draw).
UMLAUT_PLURALS = "plätze|fälle|häuser|städte|gärten|bäume|höfe|räume|züge|bänke|wände|stätten"
PHENOMENA: tuple[tuple[str, str, int], ...] = (
    ("umlaut plural compound", rf"\b[A-ZÄÖÜ][a-zäöüß]+(?:{UMLAUT_PLURALS})n?\b", 20),
    ("hyphenated compound", r"\b[A-ZÄÖÜ][a-zäöüß]{2,}-[A-ZÄÖÜ][a-zäöüß]{3,}\b", 15),
    ("non-German diacritics", r"[ıİğşŞçÇéèáàłńśźżćčřšžýíóúâêîôûãõñ]", 15),
    ("ß in a name", r"\b(?:Heiß|Komoß|Voß|Weiß|Strauß|Groß)\b", 6),
    ("Müller", r"\bMüller\b", 6),
    ("named speaker quote", r"(?:[A-ZÄÖÜ][a-zäöüß-]+ [A-ZÄÖÜ][a-zäöüß-]+(?: \([^)]{1,30}\))?: „"
                            r"|“,? (?:sagt|sagte|erklärt|betont|so) [A-ZÄÖÜ])", 20),
)
BERLIN_RANDOM = 50

WHITE_HOUSE_RANDOM = 20
WHITE_HOUSE_POOL = ("statements-releases",)
WHITE_HOUSE_LENGTH = (600, 4500)  # characters of body_markdown: short items keep it small


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def draw_berlin(records: Sequence[dict[str, Any]], rng: random.Random
                ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Anchors, then each phenomenon's draw, then distractors; in the corpus' order."""
    by_id = {r["id"]: r for r in records}
    missing = sorted(set(BERLIN_ANCHORS) - set(by_id))
    if missing:
        raise SystemExit(f"anchors not in the Berlin sample: {', '.join(missing)}")
    chosen: set[str] = set(BERLIN_ANCHORS)
    counts = {"anchors": len(chosen)}
    for name, pattern, k in PHENOMENA:
        regex = re.compile(pattern)
        pool = [r["id"] for r in records if r["id"] not in chosen
                and regex.search(r["title"] + "\n" + r["body"])]
        picked = rng.sample(pool, min(k, len(pool)))
        chosen.update(picked)
        counts[name] = len(picked)
    rest = [r["id"] for r in records if r["id"] not in chosen]
    chosen.update(rng.sample(rest, BERLIN_RANDOM))
    counts["random"] = BERLIN_RANDOM
    return [r for r in records if r["id"] in chosen], counts


def draw_white_house(records: Sequence[dict[str, Any]], rng: random.Random
                     ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    ids = {r["id"] for r in records}
    missing = sorted(set(WHITE_HOUSE_ANCHORS) - ids)
    if missing:
        raise SystemExit(f"anchors not in the White House sample: {', '.join(missing)}")
    low, high = WHITE_HOUSE_LENGTH
    pool = [r["id"] for r in records if r["id"] not in WHITE_HOUSE_ANCHORS
            and r["category"] in WHITE_HOUSE_POOL and low <= len(r["body_markdown"]) <= high]
    chosen = set(WHITE_HOUSE_ANCHORS) | set(rng.sample(pool, WHITE_HOUSE_RANDOM))
    counts = {"anchors": len(WHITE_HOUSE_ANCHORS), "random": WHITE_HOUSE_RANDOM}
    return [r for r in records if r["id"] in chosen], counts


def encode(berlin: Iterable[dict[str, Any]], white_house: Iterable[dict[str, Any]]) -> bytes:
    """One JSON object a line, gzipped with a fixed timestamp (so the bytes are stable)."""
    lines = [json.dumps({"corpus": "berlin", **r}, ensure_ascii=False) for r in berlin]
    lines += [json.dumps({"corpus": "whitehouse", **r}, ensure_ascii=False)
              for r in white_house]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0,
                       filename="") as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def build() -> tuple[bytes, dict[str, dict[str, int]]]:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible sample, nothing secret
    berlin, berlin_counts = draw_berlin(read_jsonl(BERLIN), rng)
    white_house, wh_counts = draw_white_house(read_jsonl(WHITE_HOUSE), rng)
    return encode(berlin, white_house), {"berlin": berlin_counts, "whitehouse": wh_counts}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the fixture instead of writing it")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data, counts = build()
    for corpus, parts in counts.items():
        total = sum(parts.values())
        print(f"{corpus}: {total} records ("
              + ", ".join(f"{n} {name}" for name, n in parts.items()) + ")")
    print(f"{len(data):,} bytes compressed")
    if len(data) > MAX_BYTES:
        print(f"over the {MAX_BYTES:,}-byte budget", file=sys.stderr)
        return 1
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print("fixture is up to date" if same else f"{args.out} differs from a fresh draw")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
