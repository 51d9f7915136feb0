"""A command never reads its own output (issue: `extract DIR > DIR/out.jsonl` ran forever).

The shell creates the output file inside the folder being read before the command starts;
the command must skip it, name it once, and write only the other inputs' records.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from elasticsearch import Elasticsearch

from search_service.indices import IndexNames
from search_service.settings import Settings
from tests.conftest import FIXTURES
from tests.reliability.conftest import FIGURES

SEED = FIXTURES / "releases" / "hessen-integrationskonferenz.txt"
WORTLAUT = str(Path(sys.executable).with_name("wortlaut"))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    return folder


def _run_into(command: list[str], output: Path, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    with output.open("w", encoding="utf-8") as handle:  # what `> output` does
        return subprocess.run(command, stdout=handle, stderr=subprocess.PIPE, text=True,
                              timeout=120, check=False, env=env)


def test_extract_into_the_folder_it_reads_skips_its_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    output = folder / "out.jsonl"
    result = _run_into([WORTLAUT, "extract", str(folder), "--format", "jsonl"], output)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("out.jsonl") == 1, result.stderr
    assert "own output" in result.stderr and "1 skipped" in result.stderr
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert {row["type"] for row in rows} == {"release", "quote"}
    assert [row["source"]["path"] for row in rows if row["type"] == "release"] == [
        str(folder / "seed.txt")]
    assert len(rows) == 6  # the seed's release and its five quotes, once
    FIGURES["own output skipped"] += 1


def test_a_second_name_for_the_output_is_recognised(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    output = tmp_path / "out.jsonl"
    output.touch()
    os.link(output, folder / "linked.jsonl")
    result = _run_into([WORTLAUT, "extract", str(folder)], output)
    assert "linked.jsonl: this command's own output" in result.stderr
    assert len(output.read_text(encoding="utf-8").splitlines()) == 6


def test_index_into_the_folder_it_reads_skips_its_output(
        tmp_path: Path, settings: Settings, names: IndexNames, es: Elasticsearch) -> None:
    folder = _folder(tmp_path)
    env = {**os.environ, "WORTLAUT_ES_URL": str(settings.es_url),
           "WORTLAUT_INDEX_PREFIX": names.prefix}
    log = folder / "log.txt"  # a .txt file would otherwise be read as a release
    result = _run_into([WORTLAUT, "index", str(folder)], log, env)
    assert result.returncode == 0, result.stderr
    assert "log.txt: this command's own output; not read" in result.stderr
    assert es.count(index=names.alias("releases"))["count"] == 1
    FIGURES["own output skipped"] += 1
