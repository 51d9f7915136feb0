"""Real releases from the Berlin and White House corpora (see fixtures/releases/PROVENANCE.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.extraction import extract_quotes
from indexer.extraction.records import QuoteCandidate, ReleaseStructure

Loader = Callable[[str], ReleaseStructure]
FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "releases"
ALL_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".txt", ".json"})


def speakers(found: list[QuoteCandidate]) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in found]


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_record_points_at_its_text(name: str, load: Loader) -> None:
    structure = load(name)
    for paragraph in structure.paragraphs:
        assert structure.body[paragraph.start : paragraph.end] == paragraph.text
    found = extract_quotes(structure)
    assert found
    for quote in found:
        assert structure.body[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert structure.body[quote.context_start :].startswith(quote.context)
        assert quote.context_start <= quote.start
        if quote.cue_start is not None and quote.cue_end is not None:
            assert structure.body[quote.cue_start : quote.cue_end] == quote.cue
        assert 0.0 <= quote.confidence <= 1.0
    assert found == sorted(found, key=lambda q: (q.start, q.end, q.kind))


def test_berlin_speaker_lines_and_nested_quotes(load: Loader) -> None:
    structure = load("berlin-1526316-mietergremien.json")
    found = extract_quotes(structure)
    assert speakers(found) == ["Stephan Machulik", "Sandra Obermeyer"]
    machulik, obermeyer = found
    assert machulik.text.startswith("Wir wollen ein sicheres und bezahlbares Zuhause")
    assert "Unter dem Motto „Miteinander statt übereinander reden“ werden sie" in machulik.text
    assert machulik.text.endswith("den Belangen der Mieterinnen und Mietern in den Quartieren.")
    assert machulik.speaker is not None and machulik.speaker.role == "Staatssekretär"
    assert (
        machulik.speaker.organization == "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen"
    )
    assert obermeyer.speaker is not None and obermeyer.speaker.role == "Direktorin"
    assert "Folgen Sie unseren Social-Media-Kanälen" not in structure.body


def test_berlin_indirect_by_role_noun(load: Loader) -> None:
    structure = load("berlin-1254247-benn.json")
    direct = [q for q in extract_quotes(structure) if q.kind == "direct"]
    indirect = [q for q in extract_quotes(structure) if q.kind == "indirect"]
    assert speakers(direct) == ["Ülker Radziwill"]
    assert direct[0].text.startswith("Das Programm ist eine Erfolgsgeschichte.")
    assert direct[0].speaker is not None and direct[0].speaker.role == "Staatssekretärin"
    assert len(indirect) == 1
    assert indirect[0].text.startswith("dass aufgrund der wieder angestiegenen Zuwanderung")
    assert indirect[0].speaker is not None
    assert indirect[0].speaker.name == "Ülker Radziwill"
    assert indirect[0].speaker.as_printed == "Staatssekretärin"
    assert indirect[0].cue == "Die Staatssekretärin kündigte zudem an"


def test_berlin_surname_and_role_noun_references(load: Loader) -> None:
    structure = load("berlin-1299653-aufarbeitungsbeauftragter.json")
    found = [q for q in extract_quotes(structure) if q.kind == "direct"]
    assert len(found) == 8
    assert set(speakers(found)) == {"Frank Ebert"}
    assert [q.cue for q in found[:3]] == [
        "Ebert dankte",
        "betont Ebert",
        "so der Aufarbeitungsbeauftragte",
    ]
    nested = next(q for q in found if q.text.startswith("Die Idee des Campus"))
    assert nested.text == "Die Idee des Campus für Demokratie ist eben nicht nur ‚Stasi‘"
    # "so der Aufarbeitungsbeauftragte" is less certain than "betont Ebert"
    assert found[2].confidence < found[1].confidence
    # the heading that names Ebert is a heading, not a quote
    assert (
        "Frank Ebert: Aufklärung über die SED-Diktatur ist gesamtdeutsche Aufgabe"
        in structure.headings
    )


def test_berlin_continuations_and_unusual_cues(load: Loader) -> None:
    structure = load("berlin-1026436-kladow.json")
    found = extract_quotes(structure)
    assert speakers(found) == [
        "Gerhard Hanke",
        "Gerhard Hanke",
        "Gerhard Hanke",
        "Gerhard Hanke",
        "Sabine Krause",
    ]
    assert found[0].cue == "weiß Bezirksstadtrat Gerhard Hanke"
    assert found[0].speaker is not None and found[0].speaker.role == "Bezirksstadtrat"
    assert found[1].cue is None  # continues the previous speaker
    assert found[2].cue == "führt Hanke weiter aus"
    assert all("Fotograf" not in h for h in structure.headings)


def test_white_house_release_with_said_secretary(load: Loader) -> None:
    structure = load("whitehouse-2021-03-08-mayorkas-tps-excerpt.json")
    found = extract_quotes(structure)
    assert structure.lead == (
        "New Designation Allows Eligible Venezuelans to Apply for TPS and Employment "
        "Authorization Documents"
    )
    assert speakers(found) == ["Alejandro N. Mayorkas", "Alejandro N. Mayorkas"]
    first, second = found
    assert first.text == (
        "The living conditions in Venezuela reveal a country in turmoil, unable to protect "
        "its own citizens"
    )
    assert first.cue == "said Secretary Mayorkas"
    assert first.speaker is not None and first.speaker.as_printed == "Mayorkas"
    assert first.speaker.role == "Secretary"
    assert second.text.startswith("It is in times of extraordinary and temporary circumstances")
    assert second.cue is None and second.confidence < first.confidence
