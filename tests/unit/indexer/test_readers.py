"""Readers on real and hand-made inputs: HTML, JSON(L), Markdown, front matter, SpkAtt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.readers import FieldMapping, ReleaseInput, read_inputs
from indexer.readers.spkatt import detokenize
from indexer.readers.text import split_front_matter
from indexer.sources import SourceError
from search_service.errors import ConfigurationError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def read_all(path: Path, mapping: FieldMapping | None = None) -> list[ReleaseInput | SourceError]:
    return list(read_inputs(path, mapping or FieldMapping()))


def only_release(path: Path, mapping: FieldMapping | None = None) -> ReleaseInput:
    items = read_all(path, mapping)
    assert len(items) == 1 and isinstance(items[0], ReleaseInput), items
    return items[0]


def test_html_page_keeps_the_release_and_drops_the_site() -> None:
    item = only_release(FIXTURES / "html" / "berlin-1001067.html")
    body = item.structure.body
    assert item.structure.title.startswith("Gesundheitsamt Mitte schult 70 Soldat*innen")
    assert body.startswith("Der Bezirksstadtrat für Stadtentwicklung")
    assert "„Die Situation ist kritisch." in body
    for boilerplate in ("Pressemitteilung Nr. 361/2020", "Bild: Bezirksamt Mitte",
                        "Medienkontakt", "Barrierefreiheit", "Impressum"):
        assert boilerplate not in body
    assert item.meta["published"] == "2020-10-07"
    assert item.meta["url"].endswith("pressemitteilung.1001067.php")
    assert "Gesundheit" in item.meta["topics"] and "ii1001067" not in item.meta["topics"]
    assert item.source.format == "html"


def test_truncated_html_is_an_error_naming_the_file(tmp_path: Path) -> None:
    page = tmp_path / "cut.html"
    page.write_text("<html><head><title>x</title></head><body><div><p>")
    items = read_all(page)
    assert len(items) == 1 and isinstance(items[0], SourceError)
    assert "cut.html" in str(items[0])


def test_jsonl_records_use_default_field_names_and_bad_lines_are_reported(
        tmp_path: Path) -> None:
    records = tmp_path / "releases.jsonl"
    good = {"id": "1", "url": "https://example.org/pm/1", "date": "2021-11-26",
            "title": "Glühwein", "publisher": "Bezirksamt Pankow", "keywords": ["Bezirke"],
            "body": "„Wir freuen uns“, sagt Bezirksbürgermeister Sören Benn.\u2028Weiter."}
    lines = [json.dumps(good, ensure_ascii=False), "{broken", json.dumps({"title": "no body"}),
             json.dumps({"title": 5, "body": "Text."})]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(records)
    assert isinstance(items[0], ReleaseInput)
    assert items[0].meta["published"] == "2021-11-26"
    assert items[0].meta["topics"] == ["Bezirke"]
    assert items[0].source.path.endswith("releases.jsonl:1")
    errors = [str(i) for i in items[1:]]
    assert "releases.jsonl:2: is not valid JSON" in errors[0]
    assert "releases.jsonl:3: has no release text" in errors[1]
    assert "releases.jsonl:4: field 'title' must be a string" in errors[2]


def test_mapping_file_renames_fields_without_code(tmp_path: Path) -> None:
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({
        "fields": {"body": "Inhalt", "title": "Ueberschrift", "published": "Datum"},
        "defaults": {"publisher": "Senatskanzlei", "language": "de"}}))
    record = tmp_path / "r.json"
    record.write_text(json.dumps({"Ueberschrift": "Titel", "Datum": "2020-01-02",
                                  "Inhalt": "Absatz eins.\n\nAbsatz zwei."}))
    item = only_release(record, FieldMapping.load(mapping_file))
    assert item.structure.title == "Titel"
    assert item.meta["publisher"] == "Senatskanzlei" and item.meta["published"] == "2020-01-02"


def test_bad_mapping_file_is_a_clear_error(tmp_path: Path) -> None:
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"fields": {"bdoy": "x"}}))
    with pytest.raises(ConfigurationError, match="unknown field 'bdoy'"):
        FieldMapping.load(mapping_file)


def test_markdown_body_from_the_white_house_shape() -> None:
    record = json.loads((FIXTURES / "releases" /
                         "whitehouse-2021-07-12-statement-cuba.json").read_text())
    mapping = FieldMapping.load(Path(__file__).resolve().parents[3] / "data" / "mappings" /
                                "whitehouse.json")
    path = FIXTURES / "releases" / "whitehouse-2021-07-12-statement-cuba.json"
    item = only_release(path, mapping)
    assert item.structure.title == record["title"]
    assert item.meta["publisher"] == "The White House" and item.meta["language"] == "en"
    assert "**" not in item.structure.body and "###" not in item.structure.body


def test_curated_quote_records(tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.jsonl"
    rows = [{"quote": "Diese Werte sind nicht verhandelbar.", "speaker": "Kai Klose",
             "role": "Staatssekretär", "date": "2018-06-14", "url": "https://example.org/a"},
            {"quote": "Zweites Zitat.", "speaker": "Kai Klose", "url": "https://example.org/a"}]
    quotes.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    items = read_all(quotes)
    assert all(isinstance(i, ReleaseInput) for i in items)
    first = items[0]
    assert isinstance(first, ReleaseInput)
    given = first.given_quotes[0]
    assert given.speaker is not None and given.speaker.name == "Kai Klose"
    assert first.structure.body[given.start:given.end] == given.text
    assert not first.extract


def test_front_matter() -> None:
    meta, rest = split_front_matter(
        "---\ntitle: \"Statement\"\ndate: 2021-03-08\ntags: [Immigration, Health]\n"
        "topics:\n  - Wohnen\n  - Verkehr\n---\nBody text.\n")
    assert meta == {"title": "Statement", "date": "2021-03-08",
                    "tags": ["Immigration", "Health"], "topics": ["Wohnen", "Verkehr"]}
    assert rest == "Body text.\n"
    assert split_front_matter("No front matter.") == ({}, "No front matter.")


def test_cp1252_text_release(tmp_path: Path) -> None:
    release = tmp_path / "alt.txt"
    release.write_bytes("Titel\n\n„Wir handeln jetzt“, sagte Senatorin Anna Beispiel.\n"
                        .encode("cp1252"))
    item = only_release(release)
    assert "„Wir handeln jetzt“" in item.structure.body


def test_spkatt_speech(tmp_path: Path) -> None:
    speech = tmp_path / "19002_Zusatzpunkt_3_CDUCSU_Jung_ID19209800_21.11.2017.json"
    speech.write_text(json.dumps({
        "1": {"Tokens": ["Frau", "Präsidentin", "!"], "Annotations": []},
        "2": {"Tokens": ["Er", "sagte", ":", "„", "Wir", "schaffen", "das", ".", "“"],
              "Annotations": []}}, ensure_ascii=False))
    item = only_release(speech)
    assert item.meta["published"] == "2017-11-21"
    statement = item.given_quotes[0]
    assert statement.kind == "statement" and statement.speaker is not None
    assert statement.speaker.name == "Jung" and statement.speaker.organization == "CDU/CSU"
    assert item.structure.body == "Frau Präsidentin! Er sagte: „Wir schaffen das.“"


def test_detokenize() -> None:
    assert detokenize(["(", "so", "„", "ist", "es", "“", ")", "."]) == "(so „ist es“)."


def test_gzip_compressed_jsonl_is_found_and_streamed_and_damage_is_reported(
        tmp_path: Path) -> None:
    import gzip

    from indexer.sources import discover

    record = {"url": "https://example.org/pm/7", "title": "Kita", "publisher": "Bezirksamt",
              "body": "„Wir bauen“, sagt Bezirksstadträtin Anna Beispiel."}
    lines = (json.dumps(record, ensure_ascii=False) + "\n") * 2
    good = tmp_path / "sample.jsonl.gz"
    good.write_bytes(gzip.compress(lines.encode("utf-8")))
    assert list(discover([str(tmp_path)])) == [good]
    items = read_all(good)
    assert [type(i) for i in items] == [ReleaseInput, ReleaseInput]
    assert items[1].source.path.endswith("sample.jsonl.gz:2")

    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(gzip.compress(lines.encode("utf-8"))[:-12])  # truncated
    errors = [str(i) for i in read_all(damaged) if isinstance(i, SourceError)]
    assert len(errors) == 1 and "damaged.jsonl.gz: is not a readable gzip file" in errors[0]
    plain = tmp_path / "plain.jsonl.gz"
    plain.write_text(lines, encoding="utf-8")  # named .gz but not compressed
    assert "not a readable gzip file" in str(read_all(plain)[0])
