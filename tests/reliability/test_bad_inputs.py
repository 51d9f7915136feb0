"""Bad input to the indexer: each file gets a clear error or a sane record, the run goes
on, nothing already indexed is lost, and the summary and exit code tell the truth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from indexer.run import Extracted, Extractor, RunSummary, index_sources
from indexer.sources import MAX_BYTES
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.settings import Settings
from tests.conftest import FIXTURES
from tests.reliability.conftest import FIGURES

ROOT = Path(__file__).resolve().parents[2]
SEED = FIXTURES / "releases" / "hessen-integrationskonferenz.txt"
HTML = FIXTURES / "html" / "berlin-1001067.html"
BIG = 200 * 2**20

GOOD_RELEASE = ("Neue Brücke eröffnet\n\n"
                "„Die Brücke verbindet zwei Stadtteile“, sagte Senatorin Petra Probe.\n")


def _release(title: str, body: str, **meta: object) -> dict[str, object]:
    return {"title": title, "body": body, **meta}


def write_bad_inputs(folder: Path) -> dict[str, str | None]:
    """Every bad input of the issue, written into ``folder``.

    Returns ``{file name (or name:line / name[index]): expected error fragment}``; None
    means the input must give a sane record rather than an error.
    """
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str | None] = {}
    serial = iter(range(1000))

    def good() -> str:  # distinct texts, so records without a URL get distinct ids
        return GOOD_RELEASE + f"Kennung {next(serial)}.\n"

    def put(name: str, data: bytes | str, error: str | None) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = error

    put("empty.txt", b"", "is empty")
    put("blank.md", b"  \n\n\t\n", "is empty")
    put("empty.json", b"", "is empty")
    put("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "looks like a binary file")
    put("archive.html", b"PK\x03\x04\x14\x00\x00\x00" + os.urandom(4096),
        "looks like a binary file")
    # Truncated HTML: a real page cut off in the middle of its main text.
    page = HTML.read_bytes()
    put("truncated.html", page[: len(page) // 2], None)
    put("truncated-head.html", b"<html><head><title>Nur ein Kopf", "no recognisable release text")
    # Encodings: Windows-1252, Latin-1 and a file mixing UTF-8 with Windows-1252 bytes.
    put("cp1252.txt", good().encode("cp1252"), None)
    put("mixed.txt", good().encode("utf-8") + "Für Rückfragen: Grüße".encode("cp1252"),
        None)
    put("utf16.txt", good().encode("utf-16"), "looks like a binary file")
    # JSON with wrong types and missing fields.
    put("not-json.json", "{'title': 'single quotes'", "is not valid JSON")
    put("list-of-junk.json", json.dumps([1, "zwei", None, [3]]), "must be a JSON object")
    for index in range(4):
        expect[f"list-of-junk.json[{index}]"] = "must be a JSON object"
    del expect["list-of-junk.json"]
    put("no-body.json", json.dumps({"title": "Nur ein Titel"}), "has no release text")
    put("body-number.json", json.dumps({"title": "T", "body": 42}), "must be a string")
    put("topics-dict.json", json.dumps(_release("T", good(), topics={"a": 1})),
        "must be a list of strings")
    put("date-list.json", json.dumps(_release("T", good(), date=[2018])),
        "must be a date string")
    put("title-object.json", json.dumps(_release({"de": "T"}, good())),  # type: ignore[arg-type]
        "must be a string")
    lines = [json.dumps(_release("Gut", good(), url="https://example.org/jsonl-gut")),
             "{kaputt",
             json.dumps({"quote": 17, "speaker": "X"}),
             json.dumps(_release("Auch gut", good() + " Zweiter Absatz.",
                                 url="https://example.org/jsonl-auch-gut"))]
    put("records.jsonl", "\n".join(lines) + "\n", None)
    expect["records.jsonl:2"] = "is not valid JSON"
    expect["records.jsonl:3"] = "must be a string"
    del expect["records.jsonl"]
    expect["records.jsonl:1"] = None
    expect["records.jsonl:4"] = None
    # A sidecar that is not JSON, and one that is not an object.
    # (the error names the sidecar; the release beside it is not read without it)
    put("sidecar-bad.txt", good(), None)
    put("sidecar-bad.meta.json", "{nope", "is not valid JSON")
    put("sidecar-list.txt", good(), None)
    put("sidecar-list.meta.json", "[1, 2]", "must hold a JSON object")
    del expect["sidecar-bad.txt"], expect["sidecar-list.txt"]
    # Absurd dates.
    for name, date, error in (("date-year-0.json", "0000-01-01", "outside"),
                              ("date-far.json", "99999-12-31", "is not a date"),
                              ("date-feb30.json", "2018-02-30", "not a valid date"),
                              ("date-words.json", "gestern", "is not a date"),
                              ("date-2101.json", "2101", "outside"),
                              ("date-german-ok.json", "14.06.2018", None)):
        put(name, json.dumps(_release("Datum", good(), date=date)), error)
    put("date-front-matter.md",
        "---\npublished: 31.13.2018\n---\n# Titel\n\n" + good(), "is not a valid date")
    # A source URL that would be a script link.
    put("js-url.json", json.dumps(_release("Link", good(), url="javascript:alert(1)")),
        "must be an http(s) address")
    # Quotation marks: 5,000 of them; unbalanced ones; only opening ones.
    many = " ".join(f"„Satz {i} ist gesagt“, sagte Petra Probe." for i in range(2_500))
    put("many-quotes.txt", "Viele Zitate\n\n" + many, None)
    put("unbalanced.txt", "Unausgeglichen\n\n" + " ".join(
        f"„Satz {i} ohne Ende, sagte Petra Probe. »Und {i}«“ „" for i in range(500)), None)
    put("only-marks.txt", "Nur Zeichen\n\n" + "„“»«\"'" * 1_000, None)
    return expect


def _problems(summary: RunSummary) -> dict[str, str]:
    """``{input name as expected above: message}`` for every failure of a run."""
    found = {}
    for failure in summary.failed:
        where, _, problem = failure.partition(": ")
        found[Path(where).name] = problem
    return found


def check_outcome(summary: RunSummary, expect: dict[str, str | None]) -> None:
    problems = _problems(summary)
    for name, error in expect.items():
        if error is None:
            assert name not in problems, f"{name} should give a record, got {problems[name]}"
        else:
            assert name in problems, f"{name} should be reported (expected {error!r})"
            assert error in problems[name], f"{name}: {problems[name]!r}, expected {error!r}"
    unexpected = set(problems) - set(expect)
    assert not unexpected, f"unexpected failures: {unexpected}"


def test_every_bad_input_gets_a_clear_error_or_a_sane_record(
        tmp_path: Path, splitter: CompoundSplitter) -> None:
    expect = write_bad_inputs(tmp_path)
    summary = RunSummary()
    started = time.monotonic()
    items = list(Extractor(splitter).run([str(tmp_path)], summary))
    seconds = time.monotonic() - started
    check_outcome(summary, expect)
    records = {Path(i.release.source.path or "").name: i for i in items
               if isinstance(i, Extracted)}
    assert summary.releases == len(records) == sum(e is None for e in expect.values())
    for name, item in records.items():  # sane: offsets hold, text is readable
        body = item.release.body
        assert "\ufffd" not in body and "Ã" not in body, name
        for quote in item.quotes:
            assert body[quote.start:quote.end] == quote.text, name
    assert "Brücke" in records["cp1252.txt"].release.body
    assert "Grüße" in records["mixed.txt"].release.body
    assert "Brücke" in records["mixed.txt"].release.body
    assert records["date-german-ok.json"].release.published == "2018-06-14"
    assert len(records["many-quotes.txt"].quotes) == 2_500
    assert seconds < 30, f"the bad inputs took {seconds:.1f} s"
    FIGURES["bad inputs tried"] += len(expect)
    FIGURES["bad inputs rejected with a per-file error"] += len(summary.failed)


def test_five_thousand_quote_marks_extract_in_linear_time(splitter: CompoundSplitter,
                                                          tmp_path: Path) -> None:
    """Doubling the quotes must not quadruple the time (no quadratic extraction)."""
    extractor = Extractor(splitter)

    def seconds(pairs: int) -> float:
        path = tmp_path / f"q{pairs}.txt"
        path.write_text("Zitate\n\n" + "\n\n".join(
            f"„Satz {i} ist gesagt“, sagte Petra Probe." for i in range(pairs)))
        started = time.monotonic()
        summary = RunSummary()
        list(extractor.run([str(path)], summary))
        assert summary.quotes == pairs
        return time.monotonic() - started

    seconds(200)  # warm-up
    small, large = seconds(1_250), seconds(2_500)
    assert large < 10, f"5,000 quote marks took {large:.1f} s"
    assert large < 3.2 * small + 0.5, f"1,250 pairs {small:.2f} s, 2,500 pairs {large:.2f} s"
    FIGURES["bad inputs tried"] += 3


_MEASURE = textwrap.dedent("""
    import resource, sys
    from indexer.run import Extractor, RunSummary
    from search_service.compounds import splitter_for
    from search_service.settings import Settings
    summary = RunSummary()
    for _ in Extractor(splitter_for(Settings.from_env().hunspell_dir)).run(sys.argv[1:], summary):
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    print("\\n".join(summary.failed))
""")


def _peak_mb(paths: list[Path]) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, paths)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=True)
    first, *failures = result.stdout.splitlines()
    return int(first), [f for f in failures if f]


def _write_big(path: Path, size: int, line: Callable[[int], bytes]) -> None:
    with path.open("wb") as handle:
        written = number = 0
        while written < size:
            chunk = line(number)
            handle.write(chunk)
            written += len(chunk)
            number += 1


def test_a_200_mb_file_is_refused_by_name_with_memory_bounded(tmp_path: Path) -> None:
    big_text = tmp_path / "huge.txt"
    _write_big(big_text, BIG, lambda n: f"„Satz {n}“, sagte Petra Probe.\n".encode() * 2000)
    one_line = tmp_path / "huge-line.jsonl"
    with one_line.open("wb") as handle:  # one 200 MB record, then a good one
        handle.write(b'{"title": "Riesig", "body": "' + b"x" * BIG + b'"}\n')
        handle.write(json.dumps({"title": "Danach", "body": GOOD_RELEASE}).encode() + b"\n")
    small = tmp_path / "small.txt"
    small.write_text(GOOD_RELEASE)
    baseline, _ = _peak_mb([small])
    peak, failures = _peak_mb([big_text, one_line, small])
    assert any("huge.txt: is 200 MB; a release file over 32 MB is not read" in f
               for f in failures), failures
    assert any("huge-line.jsonl:1: is a record over 32 MB" in f for f in failures), failures
    assert len(failures) == 2  # the record after the huge line and small.txt were read
    assert peak - baseline < 3 * MAX_BYTES // 2**20 + 50, (baseline, peak)
    FIGURES["bad inputs tried"] += 2
    FIGURES["bad inputs rejected with a per-file error"] += 2


def _counts(es: Elasticsearch, names: IndexNames) -> tuple[int, int, set[str]]:
    es.indices.refresh(index=[names.alias("releases"), names.alias("quotes")])
    releases = es.count(index=names.alias("releases"))["count"]
    quotes = es.search(index=names.alias("quotes"), size=1000, source=False)["hits"]["hits"]
    return releases, len(quotes), {hit["_id"] for hit in quotes}


def test_bad_inputs_never_lose_what_is_indexed(tmp_path: Path, es: Elasticsearch,
                                               names: IndexNames,
                                               splitter: CompoundSplitter) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "seed.txt").write_bytes(SEED.read_bytes())
    (good / "bruecke.txt").write_text(GOOD_RELEASE)
    first = index_sources([str(good)], es, names, splitter)
    assert first.ok and first.releases == 2
    before = _counts(es, names)

    bad = tmp_path / "bad"
    expect = write_bad_inputs(bad)
    for name in ("many-quotes.txt", "unbalanced.txt"):  # keep the quote ids countable
        (bad / name).unlink()
        del expect[name]
    second = index_sources([str(bad)], es, names, splitter)
    check_outcome(second, expect)
    assert not second.ok
    after = _counts(es, names)
    assert after[0] == before[0] + second.releases  # new sane records added, none lost
    assert before[2] <= after[2]  # every quote indexed before is still there
    assert after[1] == before[1] + second.quotes


def test_the_index_command_reports_bad_files_and_exits_1(tmp_path: Path, settings: Settings,
                                                         names: IndexNames,
                                                         es: Elasticsearch) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x00\x01binary")
    (folder / "bad-date.json").write_text(json.dumps(_release("T", GOOD_RELEASE,
                                                              date="2018-13-45")))
    env = {**os.environ, "WORTLAUT_ES_URL": str(settings.es_url),
           "WORTLAUT_INDEX_PREFIX": names.prefix}
    wortlaut = str(Path(sys.executable).with_name("wortlaut"))
    result = subprocess.run([wortlaut, "index", str(folder)], env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert "empty.txt: is empty" in result.stderr
    assert "image.html: looks like a binary file" in result.stderr
    assert "bad-date.json: metadata: '2018-13-45' is not a valid date" in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("4 files, 1 releases,") and ", 3 errors," in summary, summary
    assert "Traceback" not in result.stderr
    assert es.count(index=names.alias("releases"))["count"] == 1

    (folder / "empty.txt").unlink()
    (folder / "image.html").unlink()
    (folder / "bad-date.json").unlink()
    clean = subprocess.run([wortlaut, "index", str(folder)], env=env, capture_output=True,
                           text=True, timeout=300, check=False)
    assert clean.returncode == 0, clean.stderr
    assert ", 0 errors," in clean.stderr
    FIGURES["bad inputs tried"] += 3


@pytest.mark.parametrize("name", ["missing.txt", "missing-folder/"])
def test_a_missing_input_is_a_usage_error(tmp_path: Path, name: str) -> None:
    wortlaut = str(Path(sys.executable).with_name("wortlaut"))
    result = subprocess.run([wortlaut, "extract", str(tmp_path / name)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_oversized_fields_are_reported_by_name_and_the_run_goes_on(
        tmp_path: Path, es: Elasticsearch, names: IndexNames,
        splitter: CompoundSplitter) -> None:
    """Fields far beyond any real release (a 40 KB topic, URL, speaker, title):
    each record is stored or named in an error; the others are indexed."""
    huge = "Überlang" * 5_000
    records = {
        "topic": _release("Thema", GOOD_RELEASE + "A", topics=[huge]),
        "url": _release("URL", GOOD_RELEASE + "B", url="https://example.org/" + huge),
        "title": _release(huge, GOOD_RELEASE + "C"),
        "publisher": _release("Amt", GOOD_RELEASE + "D", publisher=huge),
        "speaker": {"quote": "Ein kurzer Satz", "speaker": huge, "url": "https://e.org/s"},
        "fine": _release("Gut", GOOD_RELEASE + "E"),
    }
    for name, record in records.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False))
    summary = index_sources([str(tmp_path)], es, names, splitter)
    problems = _problems(summary)
    es.indices.refresh(index=names.alias("releases"))
    stored = {Path(hit["_source"]["source"]["path"]).name for hit in es.search(
        index=names.alias("releases"), size=20)["hits"]["hits"]}
    for name in records:
        assert (f"{name}.json" in stored) != (f"{name}.json" in problems), (name, problems)
    assert "fine.json" in stored
    assert "keywords are short labels" in problems["topic.json"]
    assert "a name or role has at most 200" in problems["speaker.json"]
    assert not any("extraction failed" in problem for problem in problems.values()), problems
    FIGURES["bad inputs tried"] += len(records)
    FIGURES["bad inputs rejected with a per-file error"] += len(problems)
