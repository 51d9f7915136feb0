"""Small guards from the reliability work: links, redaction, decoding, the JSONL cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.readers import FieldMapping
from indexer.readers.jsonrecords import read_jsonl
from indexer.sources import SourceError, decode
from search_service.settings import Settings, redact_url
from web.formatting import external_url


@pytest.mark.parametrize(("url", "shown"), [
    ("https://example.org/a", "https://example.org/a"),
    ("HTTP://example.org", "HTTP://example.org"),
    ("javascript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//evil.example/x", None),
    ("/relative", None),
    ("", None),
    (None, None),
])
def test_only_http_links_are_rendered(url: str | None, shown: str | None) -> None:
    assert external_url(url) == shown


def test_credentials_are_redacted_from_urls_and_settings() -> None:
    secret = "pw-" + "x9"
    assert redact_url(f"http://elastic:{secret}@es:9200/") == "http://***@es:9200/"
    assert redact_url("http://es:9200") == "http://es:9200"
    settings = Settings.from_env({"WORTLAUT_ES_URL": f"https://u:{secret}@es:9200",
                                  "WORTLAUT_ES_PASSWORD": secret,
                                  "WORTLAUT_ES_API_KEY": secret})
    assert secret not in repr(settings) and secret not in str(settings)
    assert settings.es_password == secret  # still there for the client


def test_mixed_encodings_decode_without_mojibake() -> None:
    raw = "„Grüße“ ".encode() + "für Bürger".encode("cp1252")
    assert decode(raw, Path("x")) == ("„Grüße“ für Bürger", "utf-8+cp1252")
    assert decode("für".encode("cp1252"), Path("x")) == ("für", "cp1252")
    with pytest.raises(SourceError, match="binary"):
        decode("für".encode("utf-16"), Path("x"))


def test_an_oversized_jsonl_line_is_skipped_and_named(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.readers.jsonrecords as jsonrecords

    monkeypatch.setattr(jsonrecords, "MAX_BYTES", 1000)
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"title": "a", "body": "' + b"x" * 5000 + b'"}\n'
                     b'{"title": "b", "body": "Ein Text."}\n')
    items = list(read_jsonl(path, FieldMapping()))
    assert isinstance(items[0], SourceError) and "r.jsonl:1: is a record over" in str(items[0])
    assert not isinstance(items[1], SourceError)
    assert len(items) == 2
