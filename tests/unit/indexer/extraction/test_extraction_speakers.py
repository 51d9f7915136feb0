"""Speaker phrases, the per-release person registry and resolution."""

from __future__ import annotations

import pytest

from indexer.extraction import extract_quotes, structure_from_body
from indexer.extraction.persons import build_registry, edit_distance, resolve
from indexer.extraction.phrases import parse_speaker_phrase
from indexer.extraction.roles import normalize_role, organization_for_role


@pytest.mark.parametrize(
    ("phrase", "name", "role"),
    [
        ("Staatssekretär Kai Klose", "Kai Klose", "Staatssekretär"),
        ("Regierender Bürgermeister Kai Wegner", "Kai Wegner", "Regierender Bürgermeister"),
        (
            "Sandra Scheeres, Senatorin für Bildung, Jugend und Familie",
            "Sandra Scheeres",
            "Senatorin",
        ),
        ("Senatorin für Bildung Sandra Scheeres", "Sandra Scheeres", "Senatorin"),
        (
            "Bezirksbürgermeister Stephan von Dassel (Grüne)",
            "Stephan von Dassel",
            "Bezirksbürgermeister",
        ),
        ("Prof. Dr. Kai Maaz, der Vorsitzende des Forschungsverbundes", "Kai Maaz", "Vorsitzende"),
        (
            "Claudia Freistühler, kaufmännische Geschäftsleiterin",
            "Claudia Freistühler",
            "kaufmännische Geschäftsleiterin",
        ),
        ("President Joseph R. Biden, Jr.", "Joseph R. Biden, Jr.", "President"),
        (
            "Secretary of Homeland Security Alejandro N. Mayorkas",
            "Alejandro N. Mayorkas",
            "Secretary",
        ),
        ("NSC Spokesperson Emily Horne", "Emily Horne", "NSC Spokesperson"),
        ("Senator Catherine Cortez Masto (NV)", "Catherine Cortez Masto", "Senator"),
        ("Iron Workers General President Eric Dean", "Eric Dean", "General President"),
        (
            "Norman Chen, Chief Executive Officer, The Asian American Foundation",
            "Norman Chen",
            "Chief Executive Officer",
        ),
    ],
)
def test_full_names_and_roles(phrase: str, name: str, role: str) -> None:
    parsed = parse_speaker_phrase(phrase)
    assert parsed.reference == "name"
    assert parsed.name == name
    assert parsed.role == role
    assert parsed.name_start is not None and phrase[parsed.name_start : parsed.name_end] == name


@pytest.mark.parametrize(
    ("phrase", "reference"),
    [
        (" Klose", "surname"),
        (" der Staatssekretär", "role"),
        (" die Senatorin", "role"),
        (" er", "pronoun"),
        (" sie", "pronoun"),
        (" das Bezirksamt Mitte", None),
        (" der Integrationsbeirat", None),
    ],
)
def test_phrases_after_a_cue(phrase: str, reference: str | None) -> None:
    assert parse_speaker_phrase(phrase, after_cue=True).reference == reference


def test_not_names() -> None:
    for phrase in [
        "Das Motto lautet",
        "Die Welt für Berlin",
        "We’ve also",
        "14.00 Uhr Presse- und Fototermin",
    ]:
        assert parse_speaker_phrase(phrase).reference != "name", phrase


def test_edit_distance() -> None:
    assert edit_distance("klose", "kose") == 1
    assert edit_distance("klose", "klose") == 0
    assert edit_distance("klose", "müller") > 2


def test_normalize_role() -> None:
    assert normalize_role("Kulturstadtrats") == "Kulturstadtrat"
    assert normalize_role("Regierenden Bürgermeisterin") == "Regierende Bürgermeisterin"
    assert normalize_role("Aufarbeitungsbeauftragten") == "Aufarbeitungsbeauftragte"
    assert normalize_role("Staatssekretär") == "Staatssekretär"


BODY = (
    "Anlässlich der Sitzung hatte der Bevollmächtigte des Landes Hessen für Integration, "
    "Staatssekretär Kai Klose, betont, dass alles gut sei. Bezirksstadträtin Anna Beispiel "
    "(SPD) war ebenfalls anwesend."
)


def test_registry_collects_named_people_with_roles() -> None:
    registry = build_registry(BODY)
    names = {p.name: p for p in registry.people}
    assert set(names) == {"Kai Klose", "Anna Beispiel"}
    assert names["Kai Klose"].role == "Staatssekretär"
    assert names["Kai Klose"].gender == "m"
    assert names["Anna Beispiel"].role == "Bezirksstadträtin"
    assert names["Anna Beispiel"].gender == "f"


def test_resolution_by_surname_fuzzy_role_and_pronoun() -> None:
    registry = build_registry(BODY)
    end = len(BODY)
    speaker, exact = resolve(parse_speaker_phrase(" Klose", after_cue=True), registry, end)
    assert speaker is not None and speaker.name == "Kai Klose" and speaker.as_printed == "Klose"
    speaker, fuzzy = resolve(parse_speaker_phrase(" Kose", after_cue=True), registry, end)
    assert speaker is not None and speaker.name == "Kai Klose" and speaker.as_printed == "Kose"
    assert fuzzy < exact
    speaker, by_role = resolve(
        parse_speaker_phrase(" der Staatssekretär", after_cue=True), registry, end
    )
    assert speaker is not None and speaker.name == "Kai Klose"
    speaker, by_pronoun = resolve(parse_speaker_phrase(" sie", after_cue=True), registry, end)
    assert speaker is not None and speaker.name == "Anna Beispiel"
    assert exact > fuzzy > by_role > by_pronoun
    # a role noun nobody in the release holds is not guessed
    speaker, _ = resolve(parse_speaker_phrase(" die Ministerin", after_cue=True), registry, end)
    assert speaker is None


def test_contact_person_is_excluded() -> None:
    registry = build_registry(
        "Pressesprecherin Esther Walter stellte Staatssekretär Kai Klose vor.", ["Esther Walter"]
    )
    assert [p.name for p in registry.people] == ["Kai Klose"]
    speaker, _ = resolve(parse_speaker_phrase(" Walter", after_cue=True), registry, 99)
    assert speaker is None


def test_organization_from_publisher() -> None:
    ministry = "Hessisches Ministerium für Soziales und Integration"
    assert organization_for_role("Staatssekretär", ministry) == ministry
    assert organization_for_role("Bezirksstadträtin", "Bezirksamt Mitte") == "Bezirksamt Mitte"
    assert organization_for_role("Geschäftsführer", "Bezirksamt Mitte") is None
    assert organization_for_role("Staatssekretär", None) is None


def test_a_misspelt_full_name_takes_the_spelling_the_release_printed_first() -> None:
    body = ("Die Bezirksbürgermeisterin Clara Beispielmann informiert:\n\n"
            "„Ich freue mich über den neuen Spielplatz.“, so Bezirksbürgermeisterin "
            "Clara Beispielman.")
    structure = structure_from_body("Spielplatz", body, publisher="Bezirksamt Beispielstadt")
    [quote] = [q for q in extract_quotes(structure) if q.kind == "direct"]
    assert quote.speaker is not None
    assert quote.speaker.name == "Clara Beispielmann"
    assert quote.speaker.as_printed == "Clara Beispielman"


def test_a_chef_compound_is_a_role_not_part_of_the_name() -> None:
    body = "„Niemand kann das bestreiten“, sagte SPD-Fraktionschef Max Beispiel."
    structure = structure_from_body("Bildung", body, publisher="Senatskanzlei")
    [quote] = extract_quotes(structure)
    assert quote.speaker is not None and quote.speaker.name == "Max Beispiel"
