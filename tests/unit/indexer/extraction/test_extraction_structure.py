"""Release structure from plain text and Markdown (beyond the seed)."""

from __future__ import annotations

from indexer.extraction import parse_plaintext_release, structure_from_body
from indexer.extraction.markdown import parse_markdown_release, render_markdown

OTHER_STATE = """Neue Förderrichtlinie für Sportvereine

Ministerin Erika Beispiel: „Sport verbindet Menschen in allen Regionen.“

sport-foto_1234.png

Sport

Das Ministerium hat heute eine neue Förderrichtlinie vorgestellt. Vereine können ab sofort
Anträge stellen, und zwar online oder schriftlich bei der zuständigen Stelle des Landes.

Was gefördert wird

Gefördert werden Sportstätten, Ausstattung und Jugendarbeit in den Vereinen des Landes.

Pressekontakt:
Max Presse
Tel.: 0711 123-456
E-Mail: presse@sport.example.de

Ministerium für Kultus, Jugend und Sport
Thouretstraße 6
70173 Stuttgart

Seite drucken
Nach oben
"""


def test_other_state_shape() -> None:
    structure = parse_plaintext_release(OTHER_STATE)
    assert structure.title == "Neue Förderrichtlinie für Sportvereine"
    assert (
        structure.lead == "Ministerin Erika Beispiel: „Sport verbindet Menschen in allen Regionen.“"
    )
    assert structure.topics_from_category == ("Sport",)
    assert structure.headings == ("Was gefördert wird",)
    assert structure.publisher == "Ministerium für Kultus, Jugend und Sport"
    assert structure.place == "Stuttgart"
    assert structure.contact is not None
    assert structure.contact.name == "Max Presse"
    assert structure.contact.phone == "0711 123-456"
    assert structure.contact.email == "presse@sport.example.de"
    for noise in ("sport-foto", "Seite drucken", "Nach oben", "Thouretstraße", "Max Presse"):
        assert noise not in structure.body


def test_structure_from_body_strips_contact_tail_and_credits() -> None:
    body = (
        "Erster Absatz mit genug Text, damit er ein richtiger Absatz ist.\n\n"
        "Bild: Fotograf: Frank Oberüber\n\n"
        "Zweiter Absatz mit ebenfalls genug Text für einen richtigen Absatz.\n\n"
        "Für weitere Informationen:\n\n"
        "Sandra Teuffel │ Pressesprecherin\n\n"
        "Tel.: 49 (0)30 99 245 -426\n\n"
        "teuffel@ash-berlin.eu"
    )
    structure = structure_from_body("Titel", body, publisher="Bezirksamt Mitte")
    assert [p.text[:6] for p in structure.paragraphs] == ["Erster", "Zweite"]
    assert structure.contact is not None
    assert structure.contact.name == "Sandra Teuffel"
    assert structure.contact.role == "Pressesprecherin"
    assert structure.contact.email == "teuffel@ash-berlin.eu"
    assert structure.publisher == "Bezirksamt Mitte"


def test_structure_from_body_keeps_text_as_given() -> None:
    body = "Absatz eins.\n\nAbsatz zwei mit „Zitat“ und – Strich."
    structure = structure_from_body("T", body, lead="Der Vorspann.")
    assert structure.body == "Der Vorspann.\n\n" + body
    assert structure.paragraphs[0].text == "Der Vorspann."


def test_render_markdown() -> None:
    markdown = (
        "*Lead in italics*\n\nA hard-wrapped\nparagraph with a [link](https://example.org) and\n"
        "\\[brackets\\].  \nAfter a hard break.\n\n**Senator Jane Roe (VT):** “Quote.”\n\n\\###\n"
    )
    assert render_markdown(markdown) == [
        "Lead in italics",
        "A hard-wrapped paragraph with a link and [brackets].\nAfter a hard break.",
        "Senator Jane Roe (VT): “Quote.”",
    ]
    structure = parse_markdown_release("Title", markdown)
    assert structure.lead == "Lead in italics"
    assert structure.language == "en"
