"""A realistic scale-up corpus: real sentences recombined, vocabulary growing like an archive.

``bench.generate`` draws whole quotes from a pool of a few thousand, so at 100k quotes
most quote texts repeat and every term has far more postings than in a real archive.
Here the material is every release of the three corpora under ``../shared/corpora``:

* German releases (Berlin): titles, publishers, keywords and dates as they occur, and
  paragraphs rebuilt from sentences of different releases;
* English releases (White House, about one in eight): likewise, with the speakers their
  titles name ("Remarks by Vice President Harris ...");
* quotes: one to three sentences of real quoted speech: the Berlin quotes the extractor
  finds, sentences of Bundestag speeches (SpkAtt-2023, with the speaker and party) and of
  White House remarks.

Real corpora keep meeting new words: Heaps' law, V = K·n^β, for the number V of distinct
words among n words. Recombination alone stops at the material's vocabulary, so the
generator follows the law fitted on the Berlin releases: whenever the distinct words fall
behind K·n^β, a noun in the next sentence is replaced by a new compound of a real
modifier and a real head ("Schul" + "sanierungsprogramm"), and a new speaker may join
(a real first name and surname). ``--check`` prints both curves.
Deterministic by seed and streamed: memory holds the material and the vocabulary only.

    python -m bench.realistic --quotes 100000 --out corpus.jsonl [--check]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import CORPORA, work_dir, write_once
from bench.generate import TEMPLATES, _shifted, pool

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
QUOTE_MARKS = "„“\"»«”"
TEMPLATES_EN = (
    "“{q}” {role} {name} said.",
    "{role} {name} said: “{q}”",
    "“{q}” said {name}, {role}.",
)
ENGLISH_SHARE = 0.12
REMARKS_BY = re.compile(r"^Remarks (?:by|of) (.+?) (?:on|at|in|to|before|during|and)\b")
MATERIAL_VERSION = 1
PARTIES = {"CDUCSU": "CDU/CSU", "GRUENE": "Grüne", "LINKE": "Die Linke"}


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if 40 <= len(s.strip()) <= 320]


def _plain(sentence: str) -> bool:
    return not any(mark in sentence for mark in QUOTE_MARKS)


def _berlin(material: dict[str, Any]) -> None:
    path = CORPORA / "berlin-press-releases" / "press_releases.sample.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            keywords = record.get("keywords") or "[]"
            try:
                topics = json.loads(keywords.replace("'", '"')) if isinstance(keywords, str) \
                    else list(keywords)
            except ValueError:
                topics = []
            if record.get("title"):
                material["heads_de"].append({"title": record["title"],
                                             "publisher": record.get("publisher"),
                                             "topics": topics, "date": record.get("date")})
            material["sentences_de"].extend(
                s for s in _sentences((record.get("body") or "").replace("\n", " "))
                if _plain(s))


def _whitehouse(material: dict[str, Any]) -> None:
    path = CORPORA / "whitehouse-briefing-room" / "briefing_room.sample.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            title = record.get("title") or ""
            material["heads_en"].append({"title": title, "publisher": "The White House",
                                         "topics": [record.get("category") or "briefing"],
                                         "date": record.get("date")})
            if match := REMARKS_BY.match(title):
                material["speakers_en"].append(match.group(1))
            body = re.sub(r"[*_#>\[\]]", "", record.get("body_markdown") or "")
            for sentence in _sentences(body.replace("\n", " ")):
                (material["sentences_en"] if _plain(sentence) else material["quotes_en"]
                 ).append(sentence.strip(QUOTE_MARKS + " "))


def _spkatt(material: dict[str, Any]) -> None:
    for path in sorted((CORPORA / "spkatt-2023-gold").glob("*/*.json")):
        surname, party = path.stem.split("_")[-3], path.stem.split("_")[-4]
        speech = json.loads(path.read_text(encoding="utf-8"))
        sentences = []
        for number in sorted(speech, key=int):
            text = " ".join(speech[number]["Tokens"])
            text = re.sub(r" ([.,;:!?)])", r"\1", text).replace("( ", "(")
            if 40 <= len(text) <= 320 and _plain(text):
                sentences.append(text)
        material["speeches"].append({"speaker": surname, "party": party,
                                     "sentences": sentences})


def _word_parts(material: dict[str, Any]) -> None:
    """Modifiers and heads of real compounds, to make new ones from."""
    from search_service.compounds import splitter_for
    from search_service.settings import Settings

    splitter = splitter_for(Settings.from_env().hunspell_dir)
    modifiers: set[str] = set()
    heads: set[str] = set()
    for sentence in material["sentences_de"][:60_000]:
        for word in WORD.findall(sentence):
            if len(word) < 10 or not word[0].isupper():
                continue
            spans = splitter.spans(word)
            if len(spans) >= 2:
                cut = spans[-1][0]
                modifiers.add(word[:cut])
                heads.add(word[cut:].lower())
    material["modifiers"], material["heads"] = sorted(modifiers), sorted(heads)


def material() -> dict[str, Any]:
    """Everything the generator draws from (cached under the Wortlaut home)."""
    cache = work_dir() / f"realistic-material-v{MATERIAL_VERSION}.json"
    if cache.exists():
        loaded: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8"))
        return loaded
    found: dict[str, Any] = {key: [] for key in (
        "heads_de", "heads_en", "sentences_de", "sentences_en", "quotes_en", "speakers_en",
        "speeches")}
    _berlin(found)
    _whitehouse(found)
    _spkatt(found)
    _word_parts(found)
    berlin = pool()  # the quotes, speakers and roles the extractor finds in Berlin releases
    found["quotes_de"] = berlin["quotes"]
    found["speakers_de"] = berlin["speakers"]
    names = [name.split() for name, _ in berlin["speakers"] if len(name.split()) == 2]
    found["first_names"] = sorted({n[0] for n in names if n[0].isalpha()})
    found["surnames"] = sorted({n[1] for n in names if n[1].isalpha()}
                               | {s["speaker"] for s in found["speeches"]})
    cache.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def heaps_fit(sentences: list[str], points: int = 8) -> tuple[float, float, list[tuple[int, int]]]:
    """K and β of V = K·n^β over ``sentences`` in order, and the measured (n, V) points."""
    seen: set[str] = set()
    total = 0
    marks = {int(len(sentences) * (i + 1) / points) for i in range(points)}
    curve: list[tuple[int, int]] = []
    for number, sentence in enumerate(sentences, 1):
        for word in WORD.findall(sentence):
            total += 1
            seen.add(word.lower())
        if number in marks:
            curve.append((total, len(seen)))
    xs = [math.log(n) for n, _ in curve]
    ys = [math.log(v) for _, v in curve]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    beta = (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
            / sum((x - mean_x) ** 2 for x in xs))
    return math.exp(mean_y - beta * mean_x), beta, curve


class Vocabulary:
    """The words written so far, and the words Heaps' law says there should be."""

    def __init__(self, k: float, beta: float) -> None:
        self.k, self.beta = k, beta
        self.seen: set[str] = set()
        self.total = 0

    def add(self, text: str) -> None:
        for word in WORD.findall(text):
            self.total += 1
            self.seen.add(word.lower())

    def behind(self) -> bool:
        return bool(len(self.seen) < self.k * max(self.total, 1) ** self.beta)


class Generator:
    def __init__(self, found: dict[str, Any], seed: int) -> None:
        self.m = found
        self.rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
        k, beta, _ = heaps_fit(found["sentences_de"][:200_000])
        self.vocabulary = Vocabulary(k, beta)
        self.new_speakers: list[tuple[str, str]] = []
        self.roles = [role for _, role in found["speakers_de"]]

    def _novel(self, sentence: str) -> str:
        """``sentence`` with one long noun replaced by a compound nobody has written yet."""
        nouns = [w for w in WORD.findall(sentence) if len(w) >= 7 and w[0].isupper()]
        if not nouns:
            return sentence
        for _ in range(5):
            word = self.rng.choice(self.m["modifiers"]) + self.rng.choice(self.m["heads"])
            if word.lower() not in self.vocabulary.seen:
                return sentence.replace(self.rng.choice(nouns), word, 1)
        return sentence

    def sentence(self, pool_name: str) -> str:
        text: str = self.rng.choice(self.m[pool_name])
        if self.vocabulary.behind():
            text = self._novel(text)
        self.vocabulary.add(text)
        return text

    def speaker_de(self) -> tuple[str, str]:
        if self.vocabulary.behind() and self.rng.random() < 0.3:
            name = f"{self.rng.choice(self.m['first_names'])} {self.rng.choice(self.m['surnames'])}"
            self.new_speakers.append((name, self.rng.choice(self.roles)))
        choices = self.m["speakers_de"]
        if self.new_speakers and self.rng.random() < 0.4:
            choices = self.new_speakers
        name, role = self.rng.choice(choices)
        return str(name), str(role)

    def quote_de(self) -> tuple[str, str, str]:
        """Text, name and role of a German quote: a release quote or a speech's sentences."""
        if self.rng.random() < 0.5:
            speech = self.rng.choice(self.m["speeches"])
            start = self.rng.randrange(max(1, len(speech["sentences"]) - 2))
            text = " ".join(speech["sentences"][start:start + self.rng.randint(1, 3)])
            self.vocabulary.add(text)
            party = PARTIES.get(speech["party"], speech["party"])
            return text, f"{speech['speaker']} ({party})", "Bundestagsabgeordnete"
        parts = [self.sentence("quotes_de") for _ in range(self.rng.randint(1, 2))]
        name, role = self.speaker_de()
        return " ".join(parts), name, role

    def release(self, number: int, seed: int, wanted: int) -> dict[str, Any]:
        english = self.rng.random() < ENGLISH_SHARE
        head = self.rng.choice(self.m["heads_en" if english else "heads_de"])
        plain = "sentences_en" if english else "sentences_de"
        body = [" ".join(self.sentence(plain) for _ in range(self.rng.randint(2, 4)))
                for _ in range(2)]
        for _ in range(wanted):
            if english:
                text = " ".join(self.sentence("quotes_en") for _ in range(self.rng.randint(1, 2)))
                name, role = self.rng.choice(self.m["speakers_en"] or ["the President"]), ""
                line = self.rng.choice(TEMPLATES_EN).format(q=text, name=name, role=role)
                body.append(re.sub(r"\s+", " ", line).replace(" ,", ","))
            else:
                text, name, role = self.quote_de()
                body.append(self.rng.choice(TEMPLATES).format(q=text, name=name, role=role))
            if self.rng.random() < 0.5:
                body.append(" ".join(self.sentence(plain) for _ in range(self.rng.randint(1, 3))))
        record = {"id": f"real-{seed}-{number}", "url": f"https://bench.invalid/r{seed}/{number}",
                  "date": _shifted(head["date"], self.rng), "title": head["title"],
                  "publisher": head["publisher"], "keywords": head["topics"],
                  "body": "\n\n".join(body)}
        if english:
            record["language"] = "en"
        return record


def releases(quotes: int, seed: int, found: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Release records until about ``quotes`` quote paragraphs are written."""
    generator = Generator(found, seed)
    written = number = 0
    while written < quotes:
        number += 1
        wanted = min(generator.rng.randint(3, 7), quotes - written)
        written += wanted
        yield generator.release(number, seed, wanted)


def write_corpus(quotes: int, seed: int, out: Path) -> Path:
    """Write (once; the output is deterministic) a corpus of about ``quotes`` quotes."""
    return write_once(out, lambda: releases(quotes, seed, material()))


def corpus(quotes: int, seed: int = 7) -> Path:
    return write_corpus(quotes, seed,
                        work_dir() / f"realistic-q{quotes}-s{seed}-v{MATERIAL_VERSION}.jsonl")


def workload_material(documents: Path, limit: int = 20_000) -> dict[str, Any]:
    """What ``bench.workload`` draws its searches from, taken from the documents the indexer
    built for a corpus (``bench.extraction.prebuilt``): the quote texts, the speakers and
    the topics as indexed, so every filter names something the index holds."""
    quotes: list[str] = []
    speakers: dict[tuple[str, str], None] = {}
    topics: dict[str, None] = {}
    with documents.open(encoding="utf-8") as lines:
        for line in lines:
            for quote in json.loads(line)["quotes"]:
                quotes.append(quote["text"])
                speaker = quote.get("speaker") or {}
                if speaker.get("name"):
                    speakers[(speaker["name"], speaker.get("role") or "")] = None
                topics.update(dict.fromkeys(quote.get("topics") or ()))
            if len(quotes) >= limit:
                break
    return {"quotes": quotes, "speakers": [list(s) for s in speakers],
            "heads": [{"topics": sorted(topics)}]}


def check(path: Path) -> None:
    """Heaps' law of the Berlin releases against the generated corpus's, and repetition."""
    found = material()
    k, beta, real = heaps_fit(found["sentences_de"])
    print(f"Berlin releases: V = {k:.1f}·n^{beta:.3f}; (words, distinct): {real}")
    texts: list[str] = []
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["body"] for line in lines]
    gk, gbeta, curve = heaps_fit(texts)
    print(f"{path.name}: V = {gk:.1f}·n^{gbeta:.3f}; (words, distinct): {curve}")
    n, v = curve[-1]
    print(f"distinct words at n={n:,}: {v:,}; Berlin's law predicts {k * n ** beta:,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--check", action="store_true", help="print the Heaps curves")
    args = parser.parse_args()
    out = write_corpus(args.quotes, args.seed, args.out) if args.out else corpus(args.quotes,
                                                                                args.seed)
    print(out)
    if args.check:
        check(out)


if __name__ == "__main__":
    main()
