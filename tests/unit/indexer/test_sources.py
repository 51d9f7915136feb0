from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import SourceError, decode, discover, read_source


def test_discover_walks_folders_and_globs_skipping_sidecars(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "one.meta.json").write_text("{}")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "two.txt").write_text("x")
    (tmp_path / "README.md").write_text("# About these releases")
    (tmp_path / "a" / "PROVENANCE.md").write_text("Where they come from")
    found = list(discover([str(tmp_path), str(tmp_path / "*.txt")]))
    assert found == [tmp_path / "a" / "one.txt", tmp_path / "two.txt"]


def test_missing_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"nope\.txt: no such file"):
        list(discover([str(tmp_path / "nope.txt")]))


def test_encodings() -> None:
    text = "Staatssekretär „Klose“"
    assert decode(text.encode("utf-8"), Path("x")) == (text, "utf-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), Path("x")) == (text, "utf-8")
    assert decode(text.encode("cp1252"), Path("x")) == (text, "cp1252")


def test_binary_and_empty_files_are_rejected_by_name(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(SourceError, match=r"image\.txt: looks like a binary"):
        read_source(binary)
    with pytest.raises(SourceError, match=r"empty\.txt: is empty"):
        read_source(empty)


def test_sidecar_metadata_is_read(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Titel\n\nText")
    (tmp_path / "r.meta.json").write_text('{"published": "2018-06-14"}')
    assert read_source(tmp_path / "r.txt").meta == {"published": "2018-06-14"}
    (tmp_path / "r.meta.json").write_text("[1, 2")
    with pytest.raises(SourceError, match=r"r\.meta\.json: is not valid JSON"):
        read_source(tmp_path / "r.txt")
