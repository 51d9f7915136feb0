#!/usr/bin/env python3
"""Measure quote extraction against hand-annotated gold data.

Default: the Berlin gold set ``tests/fixtures/gold/berlin-gold.jsonl`` (70 releases annotated by
hand, see ``tests/fixtures/gold/README.md``). Each release body goes through
``structure_from_body`` and ``extract_quotes``; the produced records are compared with the gold
quotes of the same release.

Matching (one-to-one per release and kind, best pairs first):

* strict: the two texts are equal after normalisation (whitespace runs collapsed to one space,
  leading/trailing whitespace and ``, ; :`` stripped);
* lenient: token-level Jaccard similarity >= 0.8, tokens being the lower-cased word characters
  runs (``\\w+``) of each text.

A produced record and a gold quote can only match when their kinds are equal (``direct``,
``indirect``, ``statement``). Precision = matched / produced, recall = matched / gold,
F1 their harmonic mean; "overall" pools direct and indirect (statements are shown on their own).
Speaker accuracy = of the lenient matches, the share whose produced speaker name equals the gold
speaker after name normalisation (case, whitespace, academic titles ``Dr.``/``Prof.``, a
bracketed party dropped); a gold speaker ``null`` is matched only by a produced ``None``.

``--spkatt DIR`` evaluates on SpkAtt-2023 (see ``--help`` of that option and the README of the
gold folder): each speech becomes one release body, and produced direct/indirect records are
compared with the gold speech events on the token level.

Only the standard library and the project's own code are used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.extraction import (  # noqa: E402
    Paragraph,
    QuoteCandidate,
    ReleaseStructure,
    extract_quotes,
    structure_from_body,
)

DEFAULT_GOLD = ROOT / "tests" / "fixtures" / "gold" / "berlin-gold.jsonl"
EVALUATION = ROOT / "tests" / "fixtures" / "evaluation"
# the evaluation sets, grouped by what the README reports (see tests/fixtures/evaluation)
EVALUATION_GROUPS = {
    "Berlin, rich in reported speech": ("berlin-reported", "berlin-reported-more"),
    "Berlin, at random": ("berlin-random",),
    "Berlin, third draw": ("berlin-reported-extra",),
    "White House": ("whitehouse", "whitehouse-quoted", "whitehouse-quoted-extra"),
}


def evaluation_files(half: str) -> dict[str, list[Path]]:
    """The annotated files of one half (``dev`` or ``test``) per group."""
    return {label: [EVALUATION / f"{stem}-{half}.jsonl" for stem in stems
                    if (EVALUATION / f"{stem}-{half}.jsonl").is_file()]
            for label, stems in EVALUATION_GROUPS.items()}
LENIENT_JACCARD = 0.8
KINDS = ("direct", "indirect", "statement")

# --------------------------------------------------------------------------- text helpers


def normalize_text(text: str) -> str:
    """Whitespace collapsed, surrounding whitespace and ``, ; :`` stripped."""
    return " ".join(text.split()).strip(" ,;:")


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def jaccard(a: set[Any], b: set[Any]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


_TITLES = re.compile(r"\b(?:Dr|Prof|Dipl|Ing|med|phil|rer|nat|h\.\s?c)\.(?:-|\s)*", re.IGNORECASE)


def normalize_name(name: str | None) -> str | None:
    """``Prof. Dr. Stephan Bröchler (SPD)`` -> ``stephan bröchler``."""
    if name is None:
        return None
    name = re.sub(r"\([^)]*\)", " ", name)
    name = _TITLES.sub(" ", name)
    name = " ".join(name.split()).lower()
    return name or None


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    produced: int = 0
    gold: int = 0
    strict: int = 0
    lenient: int = 0
    speaker_ok: int = 0

    def add(self, other: Counts) -> None:
        self.produced += other.produced
        self.gold += other.gold
        self.strict += other.strict
        self.lenient += other.lenient
        self.speaker_ok += other.speaker_ok

    def as_dict(self) -> dict[str, Any]:
        def prf(matched: int) -> dict[str, float | None]:
            p = matched / self.produced if self.produced else None
            r = matched / self.gold if self.gold else None
            f = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else None
            if p is not None and r is not None and p + r == 0:
                f = 0.0
            return {"precision": _round(p), "recall": _round(r), "f1": _round(f)}

        return {
            "produced": self.produced,
            "gold": self.gold,
            "matched_strict": self.strict,
            "matched_lenient": self.lenient,
            "strict": prf(self.strict),
            "lenient": prf(self.lenient),
            "speaker_accuracy": _round(self.speaker_ok / self.lenient if self.lenient else None),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class Pairing:
    """Result of matching the records of one kind in one release."""

    strict: int
    lenient: list[tuple[int, int]]  # (gold index, produced index)


_LEADING_CONJUNCTION = re.compile(r"^(?:dass|daß|ob|that)\s+", re.IGNORECASE)
COVER = 0.9
SHORTER_SHARE = 0.5


def similarity(gold: set[str], produced: set[str], *, reported: bool) -> float:
    """Token Jaccard; for reported speech also containment: annotators keep an attribution
    phrase inside the sentence ("…, so X, dass …") when the content is not one substring, so
    a text covering 90 % of the other, and at least half as long, counts as the same."""
    score = jaccard(gold, produced)
    if reported and gold and produced:
        shorter, longer = sorted((gold, produced), key=len)
        if len(shorter & longer) >= COVER * len(shorter) and \
                len(shorter) >= SHORTER_SHARE * len(longer):
            score = max(score, LENIENT_JACCARD)
    return score


def match(gold_texts: Sequence[str], produced_texts: Sequence[str], *,
          reported: bool = False) -> Pairing:
    """One-to-one matching: strict pairs first, then lenient pairs by descending similarity.

    For reported speech a leading ``dass``/``ob``/``that`` is not part of the comparison."""
    if reported:
        gold_texts = [_LEADING_CONJUNCTION.sub("", normalize_text(t)) for t in gold_texts]
        produced_texts = [_LEADING_CONJUNCTION.sub("", normalize_text(t)) for t in produced_texts]
    g_norm = [normalize_text(t) for t in gold_texts]
    p_norm = [normalize_text(t) for t in produced_texts]
    used_g: set[int] = set()
    used_p: set[int] = set()
    strict = 0
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(g_norm):
        for pi, p in enumerate(p_norm):
            if pi not in used_p and g == p:
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((gi, pi))
                strict += 1
                break
    g_tok = [tokens(t) for t in gold_texts]
    p_tok = [tokens(t) for t in produced_texts]
    scored = sorted(
        (
            (similarity(g_tok[gi], p_tok[pi], reported=reported), gi, pi)
            for gi in range(len(gold_texts))
            for pi in range(len(produced_texts))
            if gi not in used_g and pi not in used_p
        ),
        reverse=True,
    )
    for score, gi, pi in scored:
        if score < LENIENT_JACCARD:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return Pairing(strict, pairs)


def same_speaker(want: str | None, got: str | None, speaker_type: str | None) -> bool:
    """Persons by normalised name; joint speakers ("A; B") by either name; organisations and
    documents also when one naming contains the other ("Wasserbetriebe" in "Berliner
    Wasserbetriebe")."""
    if want == got:
        return True
    if want is None or got is None:
        return False
    if ";" in want and got in {part.strip() for part in want.split(";")}:
        return True
    return speaker_type in {"organisation", "document"} and (want in got or got in want)


# --------------------------------------------------------------------------- gold files


def load_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def structure_for(record: dict[str, Any]) -> ReleaseStructure:
    """The same mapping a JSON release record gets: title, body, keywords, publisher."""
    return structure_from_body(
        record["title"],
        record["body"],
        topics=record.get("keywords") or (),
        publisher=record.get("publisher"),
        language=record.get("language") or "de",
    )


@dataclass
class ReleaseResult:
    id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_speakers: list[dict[str, Any]] = field(default_factory=list)


def evaluate_release(record: dict[str, Any]) -> ReleaseResult:
    produced = extract_quotes(structure_for(record))
    if "language" not in record:
        # the gold set was annotated before organisations and documents counted as sources of
        # reported speech: their records are not scored there (the evaluation sets score them)
        produced = [q for q in produced if q.kind != "indirect" or q.speaker is None
                    or q.speaker.type == "person"]
    result = ReleaseResult(record["id"])
    for kind in KINDS:
        gold = [q for q in record["quotes"] if q["kind"] == kind]
        pred = [q for q in produced if q.kind == kind]
        produced_texts = [q.text for q in pred]
        if kind == "statement":  # gold keeps a statement's first sentence only
            produced_texts = [_opening(t, [g["text"] for g in gold]) for t in produced_texts]
        pairing = match([q["text"] for q in gold], produced_texts,
                        reported=kind == "indirect")
        counts = Counts(produced=len(pred), gold=len(gold), strict=pairing.strict)
        counts.lenient = len(pairing.lenient)
        matched_g = {gi for gi, _ in pairing.lenient}
        matched_p = {pi for _, pi in pairing.lenient}
        for gi, pi in pairing.lenient:
            want = normalize_name(gold[gi]["speaker"])
            speaker = pred[pi].speaker
            got = normalize_name(speaker.name if speaker is not None else None)
            if same_speaker(want, got, gold[gi].get("speaker_type")):
                counts.speaker_ok += 1
            else:
                result.wrong_speakers.append(
                    {"kind": kind, "text": _short(gold[gi]["text"]), "gold": want, "got": got}
                )
        for gi, q in enumerate(gold):
            if gi not in matched_g:
                result.misses.append({"kind": kind, "text": _short(q["text"])})
        for pi, c in enumerate(pred):
            if pi not in matched_p:
                result.false_positives.append(
                    {
                        "kind": kind,
                        "text": _short(c.text),
                        "speaker": c.speaker.name if c.speaker else None,
                    }
                )
        result.counts[kind] = counts
    return result


def _opening(produced: str, gold: Sequence[str]) -> str:
    """A whole-release statement compared by its opening: cut to a gold text it starts with."""
    flat = normalize_text(produced)
    for text in gold:
        if flat.startswith(normalize_text(text)):
            return text
    return produced


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evaluate_gold(records: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], list[ReleaseResult]]:
    totals = {kind: Counts() for kind in KINDS}
    results = []
    for record in records:
        result = evaluate_release(record)
        results.append(result)
        for kind in KINDS:
            totals[kind].add(result.counts[kind])
    overall = Counts()
    overall.add(totals["direct"])
    overall.add(totals["indirect"])
    summary: dict[str, Any] = {kind: totals[kind].as_dict() for kind in KINDS}
    summary["overall"] = overall.as_dict()
    summary["releases"] = len(results)
    return summary, results


# --------------------------------------------------------------------------- SpkAtt-2023

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "%", "…"}
_NO_SPACE_AFTER = {"(", "[", "„"}
_QUOTE_TOKENS = {"„", "“", '"', "”", "»", "«"}


@dataclass
class Speech:
    name: str
    body: str
    # global token index -> (start, end) into body
    spans: list[tuple[int, int]]
    # "sid:tid" -> global token index
    index: dict[str, int]
    token_text: list[str]
    events: list[dict[str, list[str]]]


def detokenize(sentences: Sequence[tuple[str, Sequence[str]]]) -> Speech:
    """Join pre-tokenised sentences into one text, remembering every token's offsets.

    Spaces are left out before closing punctuation (``. , ; : ! ? ) ] “ %``), after ``( [ „``,
    and around a straight double quote according to whether it opens or closes.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    index: dict[str, int] = {}
    texts: list[str] = []
    pos = 0
    prev: str | None = None
    straight_open = False
    for sid, toks in sentences:
        for tid, tok in enumerate(toks):
            space = prev is not None
            if tok in _NO_SPACE_BEFORE or (tok == '"' and straight_open):
                space = False
            if prev in _NO_SPACE_AFTER or (prev == '"' and straight_open):
                space = False
            if tok == '"':
                straight_open = not straight_open
            if space:
                parts.append(" ")
                pos += 1
            index[f"{sid}:{tid}"] = len(spans)
            spans.append((pos, pos + len(tok)))
            texts.append(tok)
            parts.append(tok)
            pos += len(tok)
            prev = tok
    return Speech("", "".join(parts), spans, index, texts, [])


def load_speech(path: Path) -> Speech:
    data = json.loads(path.read_text(encoding="utf-8"))
    order = sorted(data, key=int)
    speech = detokenize([(sid, data[sid]["Tokens"]) for sid in order])
    speech.name = path.name
    for sid in order:
        for event in data[sid].get("Annotations", []):
            speech.events.append(event)
    return speech


def _word_ids(speech: Speech, ids: Iterable[str]) -> set[int]:
    out = set()
    for ref in ids:
        gi = speech.index.get(ref)
        if gi is not None and re.search(r"\w", speech.token_text[gi]):
            out.add(gi)
    return out


def _ids_in_span(speech: Speech, start: int, end: int) -> set[int]:
    return {
        gi
        for gi, (s, e) in enumerate(speech.spans)
        if s < end and start < e and re.search(r"\w", speech.token_text[gi])
    }


_DASS = {"dass", "daß", "ob"}


def event_scope(speech: Speech, event: dict[str, list[str]]) -> str | None:
    """``quote`` / ``dass`` for in-scope events, ``other`` for other events with a Message,
    ``None`` for events without a Message."""
    message = event.get("Message") or []
    if not message:
        return None
    gis = sorted(speech.index[r] for r in message if r in speech.index)
    if any(speech.token_text[g] in _QUOTE_TOKENS for g in gis):
        return "quote"
    words = [speech.token_text[g] for g in gis if re.search(r"\w", speech.token_text[g])]
    if words and words[0].lower() in _DASS:
        return "dass"
    return "other"


def speaker_matches(candidate: QuoteCandidate, speech: Speech, event: dict[str, list[str]]) -> bool:
    """The produced speaker's surface form shares a capitalised word (3+ letters) with the gold
    Source; a produced ``None`` is right only when the gold event has no Source."""
    source_ids = event.get("Source") or []
    source_words = {
        speech.token_text[speech.index[r]].lower() for r in source_ids if r in speech.index
    }
    if candidate.speaker is None:
        return not source_words
    printed = f"{candidate.speaker.as_printed} {candidate.speaker.name}"
    words = {w.lower() for w in re.findall(r"\w+", printed) if len(w) >= 3 and w[0].isupper()}
    return bool(words & source_words)


def evaluate_spkatt(directory: Path, split: str) -> dict[str, Any]:
    folders = ["dev"] if split == "dev" else ["train"] if split == "train" else ["train", "dev"]
    files = [p for folder in folders for p in sorted((directory / folder).glob("*.json"))]
    if not files:
        raise SystemExit(f"no SpkAtt speeches (*.json) under {directory}/{{{','.join(folders)}}}")
    c: dict[str, int] = {
        "speeches": 0,
        "events": 0,
        "events_with_message": 0,
        "in_scope_quote": 0,
        "in_scope_dass": 0,
        "produced": 0,
        "produced_direct": 0,
        "produced_indirect": 0,
        "produced_matching_any_event": 0,
        "in_scope_found_strict": 0,
        "in_scope_found_loose": 0,
        "in_scope_quote_found": 0,
        "in_scope_dass_found": 0,
        "all_found_loose": 0,
        "speaker_checked": 0,
        "speaker_ok": 0,
        "gold_source_pronoun": 0,
        "gold_source_present": 0,
    }
    pronouns = {"ich", "wir", "sie", "er", "es", "man", "du", "ihr", "die", "der", "das", "mir"}
    for path in files:
        speech = load_speech(path)
        c["speeches"] += 1
        para = Paragraph(speech.body, 0, len(speech.body))
        structure = ReleaseStructure(
            title=f"Bundestag speech {path.stem.split('_ID')[0]}",
            lead=None,
            topics_from_category=(),
            paragraphs=(para,),
            headings=(),
            contact=None,
            publisher=None,
            place=None,
            body=speech.body,
            language="de",
        )
        produced = [q for q in extract_quotes(structure) if q.kind in ("direct", "indirect")]
        c["produced"] += len(produced)
        c["produced_direct"] += sum(q.kind == "direct" for q in produced)
        c["produced_indirect"] += sum(q.kind == "indirect" for q in produced)
        pred_ids = [_ids_in_span(speech, q.start, q.end) for q in produced]
        events = []
        for event in speech.events:
            c["events"] += 1
            scope = event_scope(speech, event)
            if scope is None:
                continue
            c["events_with_message"] += 1
            events.append((scope, event, _word_ids(speech, event.get("Message") or [])))
            source = event.get("Source") or []
            if source:
                c["gold_source_present"] += 1
                words = [
                    speech.token_text[speech.index[r]].lower() for r in source if r in speech.index
                ]
                if len(words) == 1 and words[0] in pronouns:
                    c["gold_source_pronoun"] += 1

        def loose(a: set[int], b: set[int]) -> bool:
            return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b))

        for ids in pred_ids:
            if any(loose(ids, g) for _, _, g in events):
                c["produced_matching_any_event"] += 1
        used: set[int] = set()
        for scope, event, gold_ids in events:
            best = None
            best_score = 0.0
            for pi, ids in enumerate(pred_ids):
                if pi in used or not loose(ids, gold_ids):
                    continue
                score = jaccard(ids, gold_ids)
                if score > best_score:
                    best, best_score = pi, score
            found = best is not None
            if found:
                c["all_found_loose"] += 1
            if scope == "other":
                continue
            c["in_scope_" + scope] += 1
            if not found or best is None:
                continue
            used.add(best)
            c["in_scope_found_loose"] += 1
            c[f"in_scope_{scope}_found"] += 1
            if best_score >= LENIENT_JACCARD:
                c["in_scope_found_strict"] += 1
            c["speaker_checked"] += 1
            if speaker_matches(produced[best], speech, event):
                c["speaker_ok"] += 1
    in_scope = c["in_scope_quote"] + c["in_scope_dass"]

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "split": split,
        "counts": c,
        "precision_loose": ratio(c["produced_matching_any_event"], c["produced"]),
        "recall_in_scope_loose": ratio(c["in_scope_found_loose"], in_scope),
        "recall_in_scope_jaccard_0.8": ratio(c["in_scope_found_strict"], in_scope),
        "recall_quote_events": ratio(c["in_scope_quote_found"], c["in_scope_quote"]),
        "recall_dass_events": ratio(c["in_scope_dass_found"], c["in_scope_dass"]),
        "recall_all_events_with_message": ratio(c["all_found_loose"], c["events_with_message"]),
        "speaker_accuracy": ratio(c["speaker_ok"], c["speaker_checked"]),
    }


# --------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def format_table(summary: dict[str, Any], label: str = "Berlin gold set") -> str:
    head = (
        f"{'kind':<10}{'gold':>6}{'prod':>6}  {'P strict':>8}{'R strict':>9}{'F1 strict':>10}"
        f"  {'P len':>7}{'R len':>7}{'F1 len':>8}  {'speaker':>8}"
    )
    lines = [f"{label}: {summary['releases']} releases", head, "-" * len(head)]
    for kind in ("direct", "indirect", "overall", "statement"):
        row = summary[kind]
        lines.append(
            f"{kind:<10}{row['gold']:>6}{row['produced']:>6}  "
            f"{_fmt(row['strict']['precision']):>8}{_fmt(row['strict']['recall']):>9}"
            f"{_fmt(row['strict']['f1']):>10}  {_fmt(row['lenient']['precision']):>7}"
            f"{_fmt(row['lenient']['recall']):>7}{_fmt(row['lenient']['f1']):>8}  "
            f"{_fmt(row['speaker_accuracy']):>8}"
        )
    lines.append(
        "strict = exact text after whitespace/edge-punctuation normalisation; "
        f"len(ient) = token Jaccard >= {LENIENT_JACCARD} (reported speech: or {COVER:.0%} "
        "containment); speaker = accuracy over lenient matches"
    )
    return "\n".join(lines)


def format_spkatt(result: dict[str, Any]) -> str:
    c = result["counts"]
    in_scope = c["in_scope_quote"] + c["in_scope_dass"]
    return "\n".join(
        [
            f"SpkAtt-2023 ({result['split']}): {c['speeches']} speeches, {c['events']} events, "
            f"{c['events_with_message']} with a Message",
            f"  in scope: {in_scope} events ({c['in_scope_quote']} Message in quotation marks, "
            f"{c['in_scope_dass']} Message starting with dass/daß/ob)",
            f"  produced: {c['produced']} records ({c['produced_direct']} direct, "
            f"{c['produced_indirect']} indirect)",
            f"  precision (record overlaps any gold Message): {_fmt(result['precision_loose'])}",
            "  recall in scope (overlap):                    "
            f"{_fmt(result['recall_in_scope_loose'])}"
            f"   quotes {_fmt(result['recall_quote_events'])}"
            f"   dass {_fmt(result['recall_dass_events'])}",
            f"  recall in scope (token Jaccard >= 0.8):       "
            f"{_fmt(result['recall_in_scope_jaccard_0.8'])}",
            f"  recall over ALL events with a Message:        "
            f"{_fmt(result['recall_all_events_with_message'])}",
            f"  speaker accuracy (of in-scope matches):       {_fmt(result['speaker_accuracy'])}"
            f"   ({c['gold_source_pronoun']} of {c['gold_source_present']} gold Sources are a "
            "bare pronoun or article)",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Run the quote extractor on the hand-annotated Berlin gold set and report precision, "
            "recall, F1 (strict exact-text and lenient token-Jaccard>=0.8 matching) and speaker "
            "accuracy for direct, indirect and overall; optionally also on SpkAtt-2023."
        )
    )
    parser.add_argument(
        "--gold",
        type=Path,
        nargs="+",
        default=[DEFAULT_GOLD],
        help=f"gold JSONL files, measured together (default: {DEFAULT_GOLD.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--evaluation",
        choices=["dev", "test"],
        help="measure one half of the evaluation sets in tests/fixtures/evaluation instead, "
             "one table per group (dev guides fixes; test is only reported)",
    )
    parser.add_argument(
        "--spkatt",
        type=Path,
        metavar="DIR",
        help=(
            "also evaluate on SpkAtt-2023 gold: DIR holds train/ and dev/ with the speeches' "
            "*.json files (e.g. ../shared/corpora/spkatt-2023-gold)"
        ),
    )
    parser.add_argument(
        "--spkatt-split",
        choices=["all", "train", "dev"],
        default="all",
        help="which SpkAtt speeches to use (default: all = train + dev)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of tables"
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="also list misses, false positives and wrong speakers per release",
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.evaluation:
        groups = {f"{label} ({args.evaluation})": files
                  for label, files in evaluation_files(args.evaluation).items() if files}
    else:
        groups = {"Gold set": args.gold}
    output: dict[str, Any] = {}
    results: list[ReleaseResult] = []
    for label, files in groups.items():
        for path in files:
            if not path.is_file():
                parser.error(f"gold file not found: {path}")
        summary, found = evaluate_gold(r for path in files for r in load_gold(path))
        output[label] = summary
        results.extend(found)
    if args.details:
        output["details"] = [
            {
                "id": r.id,
                "misses": r.misses,
                "false_positives": r.false_positives,
                "wrong_speakers": r.wrong_speakers,
            }
            for r in results
            if r.misses or r.false_positives or r.wrong_speakers
        ]
    if args.spkatt is not None:
        output["spkatt"] = evaluate_spkatt(args.spkatt, args.spkatt_split)
    output["seconds"] = round(time.monotonic() - started, 2)

    if args.json:
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0
    for label in groups:
        print(format_table(output[label], label))
        print()
    if args.details:
        for item in output["details"]:
            print(f"\n[{item['id']}]")
            for m in item["misses"]:
                print(f"  MISS  {m['kind']:<9} {m['text']}")
            for f in item["false_positives"]:
                print(f"  FP    {f['kind']:<9} {f['text']}  (speaker {f['speaker']})")
            for w in item["wrong_speakers"]:
                print(f"  SPKR  {w['kind']:<9} gold {w['gold']!r} got {w['got']!r}: {w['text']}")
    if "spkatt" in output:
        print()
        print(format_spkatt(output["spkatt"]))
    print(f"\n({output['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
