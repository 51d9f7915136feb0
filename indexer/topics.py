"""Topics from a keyword taxonomy, so releases without a category line get topics too.

The taxonomy is a JSON object ``{"Topic": ["keyword", ...]}``; a keyword matches
a word of the title or body that starts with it, case-insensitively (so
"integration" matches "Integrationsplan"). A topic is assigned when its keywords
match in the title, or at least ``min_hits`` times in the body. The default
taxonomy ships with the package (``indexer/topic_taxonomy.json``); another can be
given with ``wortlaut index --topics FILE``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from search_service.errors import ConfigurationError

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class TopicTaxonomy:
    keywords: dict[str, tuple[str, ...]]
    min_hits: int = 2

    def topics_for(self, title: str, body: str) -> list[str]:
        title_words = [w.lower() for w in _WORD.findall(title)]
        body_words = [w.lower() for w in _WORD.findall(body)]
        found = []
        for topic, keywords in self.keywords.items():
            in_title = any(w.startswith(k) for w in title_words for k in keywords)
            hits = sum(1 for w in body_words if w.startswith(keywords))
            if in_title or hits >= self.min_hits:
                found.append(topic)
        return found

    @classmethod
    def load(cls, path: Path | None = None) -> TopicTaxonomy:
        try:
            if path is None:
                text = resources.files("indexer").joinpath("topic_taxonomy.json").read_text(
                    encoding="utf-8")
            else:
                text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"Topic taxonomy {path} cannot be read: {error}") from None
        if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(k, str) for k in v) for v in data.values()
        ):
            raise ConfigurationError(
                f"Topic taxonomy {path} must map topic names to lists of keywords.")
        return cls({topic: tuple(k.lower() for k in words) for topic, words in data.items()})
