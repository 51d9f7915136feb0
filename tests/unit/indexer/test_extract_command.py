"""`wortlaut extract` as a user runs it: JSON Lines out, errors as records, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WORTLAUT = str(Path(sys.executable).parent / "wortlaut")
SEED = FIXTURES / "releases" / "hessen-integrationskonferenz.txt"


def extract(*args: str) -> tuple[list[dict], subprocess.CompletedProcess[str]]:
    result = subprocess.run([WORTLAUT, "extract", *args], capture_output=True, text=True,
                            check=False)
    return [json.loads(line) for line in result.stdout.splitlines()], result


def test_seed_acceptance() -> None:
    rows, result = extract(str(SEED), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    releases = [r for r in rows if r["type"] == "release"]
    quotes = [r for r in rows if r["type"] == "quote"]
    assert len(releases) == 1
    release = releases[0]
    assert release["title"] == "Fünfte Hessische Integrationskonferenz"
    # The category line "Integration" is the publisher's keyword; its topic is the
    # vocabulary's name for it.
    assert release["topics"] == ["Migration und Integration"]
    assert release["keywords"] == ["Integration"]
    assert release["publisher"] == "Hessisches Ministerium für Soziales und Integration"
    assert release["published"] is None
    assert release["contact"]["name"] == "Esther Walter"
    for noise in ("iStock-504271344.jpg", "Hessen-Navigator", "Wie können wir Ihnen helfen"):
        assert noise not in release["body"]
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert [q["text"][:30] for q in direct] == [
        "Danke allen Beteiligten in Int", "dass wir mit dem Hessischen In",
        "In Hessen richtet sich Integra", "Die Erarbeitung des Hessischen"]
    assert {q["speaker"]["name"] for q in direct} == {"Kai Klose"}
    assert direct[-1]["speaker"]["as_printed"] == "Kose"
    for quote in quotes:
        assert release["body"][quote["start"]:quote["end"]] == quote["text"]
        assert not {"compound_parts", "folded", "surroundings"} & set(quote)  # for search
    indirect = [q for q in quotes if q["kind"] == "indirect"]
    assert len(indirect) == 1 and indirect[0]["text"].startswith("dass das Bekenntnis zu Vielfalt")
    assert indirect[0]["speaker"]["name"] == "Kai Klose"
    assert all((q["speaker"] or {}).get("name") != "Esther Walter" for q in quotes)
    assert "1 releases, 5 quotes (4 direct, 1 indirect, 0 statement)" in result.stderr


def test_broken_file_in_a_folder_is_an_error_record_and_exit_1(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00binary")
    shutil.copy(SEED, tmp_path / "c.txt")
    rows, result = extract(str(tmp_path))
    assert result.returncode == 1
    assert [r["type"] for r in rows].count("release") == 2
    errors = [r for r in rows if r["type"] == "error"]
    assert errors == [{"type": "error", "path": str(tmp_path / "b.txt"),
                       "reason": "looks like a binary file (NUL bytes), not a text release"}]
    assert "1 errors" in result.stderr and "Traceback" not in result.stderr


def test_missing_input_is_a_usage_error() -> None:
    _, result = extract("/nonexistent/releases")
    assert result.returncode == 2
    assert "/nonexistent/releases: no such file or folder" in result.stderr
