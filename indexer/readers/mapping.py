"""Field names of JSON/JSONL records, configurable without code edits.

Defaults cover the common spellings (the Berlin and White House corpora among
them). A mapping file (``wortlaut index --mapping FILE``) overrides them::

    {
      "fields": {"body": "Inhalt", "title": "Ueberschrift", "published": "Datum"},
      "body_format": "markdown",
      "defaults": {"publisher": "The White House", "language": "en"}
    }

``fields`` maps a Wortlaut field to the record's key (a string or a list of
candidates, first present wins); ``body_format`` is ``text`` or ``markdown``
(default: ``markdown`` when the body came from a key ending in ``markdown``);
``defaults`` fills fields the record lacks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search_service.errors import ConfigurationError

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid"),
    "url": ("url", "source_url", "link", "canonical_url"),
    "published": ("published", "date", "published_time", "datePublished", "pubdate"),
    "title": ("title", "headline"),
    "lead": ("lead", "subtitle", "teaser", "summary"),
    "body": ("body", "text", "content", "body_markdown", "body_text", "article"),
    "publisher": ("publisher", "organization", "organisation", "source_name"),
    "topics": ("topics", "keywords", "tags", "subjects"),
    "language": ("language", "lang"),
    "place": ("place", "location", "dateline"),
    # Curated, already attributed quotes.
    "quote": ("quote", "quote_text", "statement"),
    "speaker": ("speaker", "speaker_name", "person", "author"),
    "role": ("role", "speaker_role", "function"),
    "organization": ("speaker_organization", "party", "affiliation"),
}
BODY_FORMATS = ("text", "markdown")


@dataclass(frozen=True)
class FieldMapping:
    fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    body_format: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)

    def get(self, record: dict[str, Any], name: str) -> tuple[str | None, Any]:
        """(key found, value) of the first candidate key present and non-empty."""
        for key in self.fields.get(name, ()):
            value = record.get(key)
            if value not in (None, "", []):
                return key, value
        return None, self.defaults.get(name)

    @classmethod
    def load(cls, path: Path | None) -> FieldMapping:
        if path is None:
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"Mapping file {path} cannot be read: {error}") from None
        if not isinstance(data, dict) or not set(data) <= {"fields", "body_format", "defaults"}:
            raise ConfigurationError(
                f"Mapping file {path} must be a JSON object with 'fields', 'body_format' "
                "and/or 'defaults'."
            )
        fields = dict(DEFAULT_FIELDS)
        for name, keys in data.get("fields", {}).items():
            if name not in DEFAULT_FIELDS:
                raise ConfigurationError(
                    f"Mapping file {path}: unknown field {name!r}; known: "
                    f"{', '.join(sorted(DEFAULT_FIELDS))}."
                )
            if isinstance(keys, str):
                keys = [keys]
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                raise ConfigurationError(f"Mapping file {path}: {name!r} must name keys.")
            fields[name] = tuple(keys)
        body_format = data.get("body_format")
        if body_format is not None and body_format not in BODY_FORMATS:
            raise ConfigurationError(
                f"Mapping file {path}: body_format must be one of {', '.join(BODY_FORMATS)}."
            )
        defaults = data.get("defaults", {})
        if not isinstance(defaults, dict):
            raise ConfigurationError(f"Mapping file {path}: 'defaults' must be an object.")
        return cls(fields=fields, body_format=body_format, defaults=defaults)
