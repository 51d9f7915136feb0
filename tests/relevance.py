"""The relevance test set (issue 13): loading it, scoring search results, running it.

``tests/fixtures/relevance/`` holds a corpus of real releases (``releases.jsonl.gz``) and
queries written by reading those releases (``queries.jsonl``), each naming what a user
half-remembering the release must see in the top five. The first part of this module is
pure (no Elasticsearch) and unit-tested in ``tests/unit/test_relevance_scoring.py``; the
last part indexes the corpus through ``indexer.run.index_sources`` and runs the queries
through ``Searcher`` - used by ``tests/integration/test_relevance.py`` and
``scripts/evaluate_relevance.py``.

Scores, per query class and overall:

* **success@5**: the share of queries whose every ``must_find`` is among the first five
  results; a negative query (``expect_none``) succeeds when the search finds nothing;
* **MRR** (mean reciprocal rank, over the top five): 1/rank of the best-ranked expected
  result, 0 when none is in the top five. Negative queries have no expected result and are
  left out of MRR.

A release is expected by its URL (the indexer derives the id from it); a quote by a
snippet of its text. Text is compared after :func:`normalize`.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "relevance"
CORPUS = FIXTURES / "releases.jsonl.gz"
QUERIES = FIXTURES / "queries.jsonl"
ARTIFACT = Path(__file__).parent / "artifacts" / "relevance.json"
ROOT = Path(__file__).resolve().parents[1]
WHITE_HOUSE_MAPPING = ROOT / "data" / "mappings" / "whitehouse.json"

TOP = 5
KINDS = ("quotes", "releases")
CLASSES = (
    "inflection", "umlaut_plural_compound", "hyphenation", "compound_part", "diacritics",
    "typo_name", "typo_word", "phrase", "speaker", "english", "negative",
)
# the quoted parts of a query, as the search box reads them ("…", „…“, “…”)
_PHRASE_RE = re.compile(r'"([^"]*)"?|„([^“”"]*)[“”"]?|“([^”"]*)”?')


# --- the set ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    id: str
    cls: str
    query: str
    kind: str
    must_find: tuple[str, ...]
    expect_none: bool = False
    note: str = ""

    @property
    def phrases(self) -> list[str]:
        """The quoted phrases of the query text (empty ones dropped)."""
        found = (next((g for g in m.groups() if g is not None), "")
                 for m in _PHRASE_RE.finditer(self.query))
        return [p for p in found if normalize(p)]


class QuerySetError(ValueError):
    """A query record is malformed."""


def parse_query(record: Any, where: str = "query") -> Query:
    if not isinstance(record, dict):
        raise QuerySetError(f"{where}: not a JSON object")
    missing = {"id", "class", "query", "kind", "must_find"} - set(record)
    if missing:
        raise QuerySetError(f"{where}: missing {', '.join(sorted(missing))}")
    cls, kind, must = record["class"], record["kind"], record["must_find"]
    if cls not in CLASSES:
        raise QuerySetError(f"{where}: unknown class {cls!r}")
    if kind not in KINDS:
        raise QuerySetError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if not isinstance(must, list) or not all(isinstance(m, str) and m.strip() for m in must):
        raise QuerySetError(f"{where}: must_find must be a list of non-empty strings")
    expect_none = bool(record.get("expect_none", False))
    if expect_none == bool(must):
        raise QuerySetError(f"{where}: give must_find, or an empty must_find with "
                            "expect_none: true")
    if not str(record["query"]).strip():
        raise QuerySetError(f"{where}: empty query")
    return Query(id=str(record["id"]), cls=cls, query=str(record["query"]), kind=kind,
                 must_find=tuple(must), expect_none=expect_none,
                 note=str(record.get("note", "")))


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                queries.append(parse_query(json.loads(line), f"{path.name}:{number}"))
    ids = [q.id for q in queries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QuerySetError(f"duplicate query ids: {', '.join(duplicates)}")
    return queries


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus records, each with its ``corpus`` key (``berlin`` or ``whitehouse``)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- scoring ------------------------------------------------------------------------------

def normalize(text: str) -> str:
    """Case-folded words separated by single spaces: punctuation, quotation marks and line
    breaks do not count (as in a phrase search); letters keep their diacritics (case
    folding only turns ß into ss)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, after :func:`normalize`."""
    needle = normalize(phrase)
    return bool(needle) and f" {needle} " in f" {normalize(text)} "


@dataclass(frozen=True)
class Hit:
    """One search result as scoring sees it."""

    id: str  # release id, or quote id
    text: str  # where a phrase may be found: title, lead and body; or quote and context
    quote: str | None = None  # the quote's text (quote searches)
    label: str = ""  # short description for reports


def hit_matches(query: Query, expected: str, hit: Hit) -> bool:
    """A release is expected by id; a quote by a snippet of its text."""
    if query.kind == "releases":
        return hit.id == expected
    return hit.quote is not None and normalize(expected) in normalize(hit.quote)


@dataclass(frozen=True)
class Outcome:
    query: Query
    ranks: tuple[int | None, ...]  # per must_find: 1-based rank in the results, or None
    total: int  # hits the search reported
    top: tuple[str, ...]  # labels of the returned results
    phrase_ok: bool | None  # first result holds every quoted phrase; None: nothing to check

    @property
    def success(self) -> bool:
        if self.query.expect_none:
            return self.total == 0
        return all(rank is not None and rank <= TOP for rank in self.ranks)

    @property
    def reciprocal_rank(self) -> float | None:
        if self.query.expect_none:
            return None
        found = [rank for rank in self.ranks if rank is not None and rank <= TOP]
        return 1.0 / min(found) if found else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.query.id, "class": self.query.cls, "query": self.query.query,
            "kind": self.query.kind, "success": self.success,
            "reciprocal_rank": self.reciprocal_rank, "ranks": list(self.ranks),
            "total": self.total, "phrase_ok": self.phrase_ok, "top": list(self.top),
        }


def judge(query: Query, hits: Sequence[Hit], total: int,
          expected: Sequence[str] | None = None) -> Outcome:
    """Score one query's results. ``expected`` replaces ``query.must_find`` (the test maps
    release URLs to ids); it must be in the same order."""
    wanted = tuple(query.must_find if expected is None else expected)
    if len(wanted) != len(query.must_find):
        raise ValueError("expected must have one entry per must_find")
    top = list(hits)[:TOP]
    ranks = tuple(next((rank for rank, hit in enumerate(top, 1)
                        if hit_matches(query, item, hit)), None) for item in wanted)
    phrase_ok = None
    if query.phrases and top:
        phrase_ok = all(contains(top[0].text, phrase) for phrase in query.phrases)
    return Outcome(query, ranks, total, tuple(hit.label for hit in top), phrase_ok)


def _scores(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    rrs = [rr for o in outcomes if (rr := o.reciprocal_rank) is not None]
    return {
        "queries": len(outcomes),
        "success_at_5": round(sum(o.success for o in outcomes) / len(outcomes), 4)
        if outcomes else None,
        "mrr": round(sum(rrs) / len(rrs), 4) if rrs else None,
    }


def summarize(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Per-class and overall success@5 and MRR, the failures and the phrase violations."""
    classes = [c for c in CLASSES if any(o.query.cls == c for o in outcomes)]
    classes += sorted({o.query.cls for o in outcomes} - set(classes))
    return {
        "k": TOP,
        "overall": _scores(outcomes),
        "classes": {c: _scores([o for o in outcomes if o.query.cls == c]) for c in classes},
        "failed": [o.query.id for o in outcomes if not o.success],
        "phrase_violations": [o.query.id for o in outcomes if o.phrase_ok is False],
    }


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The artifact: the summary and every query's outcome."""
    return {**summarize(outcomes), "outcomes": [o.as_dict() for o in outcomes]}


def format_table(summary: dict[str, Any]) -> str:
    def cell(value: float | None) -> str:
        return "   -" if value is None else f"{value:.2f}"

    lines = [f"{'class':<24}{'queries':>8}{'success@5':>11}{'MRR':>7}"]
    rows = [*summary["classes"].items(), ("overall", summary["overall"])]
    for name, scores in rows:
        if name == "overall":
            lines.append("-" * 50)
        lines.append(f"{name:<24}{scores['queries']:>8}{cell(scores['success_at_5']):>11}"
                     f"{cell(scores['mrr']):>7}")
    if summary["failed"]:
        lines.append(f"failed: {', '.join(summary['failed'])}")
    if summary["phrase_violations"]:
        lines.append("first result without the phrase: "
                     + ", ".join(summary["phrase_violations"]))
    return "\n".join(lines)


def write_artifact(outcomes: Sequence[Outcome], path: Path = ARTIFACT) -> dict[str, Any]:
    data = report(outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


# --- running against a node ---------------------------------------------------------------
# (imports of the project's packages are local, so the scoring above loads without them)

@dataclass
class Corpus:
    """The corpus unpacked as the indexer reads it: one JSON Lines file per field mapping."""

    folder: Path
    berlin: Path = field(init=False)
    white_house: Path = field(init=False)

    def __post_init__(self) -> None:
        self.berlin = self.folder / "berlin.jsonl"
        self.white_house = self.folder / "whitehouse.jsonl"


def unpack_corpus(folder: Path, path: Path = CORPUS) -> Corpus:
    """Write the records without their ``corpus`` key, split by corpus (the readers take
    ``.jsonl``, not gzip)."""
    corpus = Corpus(folder)
    parts: dict[str, list[str]] = {"berlin": [], "whitehouse": []}
    for record in load_corpus(path):
        name = record.pop("corpus")
        parts[name].append(json.dumps(record, ensure_ascii=False) + "\n")
    corpus.berlin.write_text("".join(parts["berlin"]), encoding="utf-8")
    corpus.white_house.write_text("".join(parts["whitehouse"]), encoding="utf-8")
    return corpus


def index_corpus(client: Any, names: Any, splitter: Any, path: Path = CORPUS) -> None:
    """Index the corpus through ``index_sources``: Berlin with the default field names, the
    White House with ``data/mappings/whitehouse.json``. Raises if anything failed."""
    from indexer.readers import FieldMapping
    from indexer.run import index_sources

    with tempfile.TemporaryDirectory() as folder:
        corpus = unpack_corpus(Path(folder), path)
        for source, mapping in ((corpus.berlin, FieldMapping()),
                                (corpus.white_house, FieldMapping.load(WHITE_HOUSE_MAPPING))):
            summary = index_sources([str(source)], client, names, splitter, mapping=mapping)
            if not summary.ok:
                raise RuntimeError(f"indexing {source.name} failed: {summary.failed}")


def expected_keys(query: Query) -> list[str]:
    """``must_find`` as hits are matched: release URLs become release ids."""
    if query.kind == "quotes":
        return list(query.must_find)
    from indexer.documents import release_id

    return [release_id(url, "") for url in query.must_find]


def search(searcher: Any, query: Query) -> tuple[list[Hit], int]:
    """The first five results of ``query`` through ``Searcher``, as hits."""
    from search_service.request import QuoteSearch, ReleaseSearch

    if query.kind == "quotes":
        page = searcher.quotes(QuoteSearch(q=query.query, per_page=TOP))
        hits = [Hit(id=q.id, text=f"{q.text}\n{q.context}", quote=q.text,
                    label=f"{q.speaker.name if q.speaker else '?'}: {q.text[:70]}")
                for q in page.items]
    else:
        page = searcher.releases(ReleaseSearch(q=query.query, per_page=TOP))
        hits = [Hit(id=r.id, text=f"{r.title}\n{r.lead}\n{r.body}",
                    label=f"{r.title[:80]} <{r.source_url}>") for r in page.items]
    return hits, page.total


def run_queries(searcher: Any, queries: Iterable[Query],
                progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    outcomes = []
    for query in queries:
        hits, total = search(searcher, query)
        outcome = judge(query, hits, total, expected_keys(query))
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
