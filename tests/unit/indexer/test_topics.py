from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.topics import TopicTaxonomy
from search_service.errors import ConfigurationError


def test_prefix_keywords_in_title_or_repeated_in_body() -> None:
    taxonomy = TopicTaxonomy({"Integration": ("integration",), "Verkehr": ("verkehr",)})
    assert taxonomy.topics_for("Integrationsplan beschlossen", "") == ["Integration"]
    assert taxonomy.topics_for("Neues", "Verkehr hier. Verkehrswende dort.") == ["Verkehr"]
    assert taxonomy.topics_for("Neues", "Einmal Verkehr.") == []


def test_default_taxonomy_loads() -> None:
    assert "Integration" in TopicTaxonomy.load().keywords


def test_bad_taxonomy_file(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"Topic": "not a list"}))
    with pytest.raises(ConfigurationError, match="must map topic names"):
        TopicTaxonomy.load(path)
