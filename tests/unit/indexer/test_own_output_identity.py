"""Recognising the files a command writes (indexer.own_output), without a subprocess."""

from __future__ import annotations

import io
import os
from pathlib import Path

from indexer.own_output import is_written, written_files


def test_a_redirected_stream_is_recognised_under_any_name(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with target.open("w") as stream:
        written = written_files(stream)
        os.link(target, tmp_path / "other-name.jsonl")
        assert is_written(target, written)
        assert is_written(tmp_path / "other-name.jsonl", written)
        assert is_written(tmp_path / "." / "out.jsonl", written)
        (tmp_path / "input.jsonl").write_text("{}")
        assert not is_written(tmp_path / "input.jsonl", written)


def test_pipes_memory_streams_and_devices_are_never_outputs(tmp_path: Path) -> None:
    read, write = os.pipe()
    try:
        with os.fdopen(write, "w") as pipe, open(os.devnull, "w") as null:
            assert written_files(pipe, null, io.StringIO()) == frozenset()
    finally:
        os.close(read)
    assert not is_written(tmp_path / "missing.txt", frozenset({(1, 2)}))
