"""Shared helpers for the extraction tests: loading the real release fixtures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from indexer.extraction import ReleaseStructure, parse_plaintext_release, structure_from_body
from indexer.extraction.markdown import parse_markdown_release

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "releases"


def load_record(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def load_structure(name: str) -> ReleaseStructure:
    """A fixture as a ReleaseStructure, the way the readers are expected to build it."""
    if name.endswith(".txt"):
        return parse_plaintext_release((FIXTURES / name).read_text(encoding="utf-8"))
    record = load_record(name)
    if "body_markdown" in record:
        return parse_markdown_release(
            record["title"], record["body_markdown"], publisher="The White House"
        )
    return structure_from_body(
        record["title"],
        record["body"],
        topics=record.get("keywords", ()),
        publisher=record.get("publisher"),
    )


Loader = Callable[[str], ReleaseStructure]


@pytest.fixture
def load() -> Loader:
    """Load a fixture release by file name."""
    return load_structure


@pytest.fixture
def seed() -> ReleaseStructure:
    return load_structure("hessen-integrationskonferenz.txt")
