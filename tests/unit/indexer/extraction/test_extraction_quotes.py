"""Direct quotes and reported speech: quotation marks, attribution patterns, edge cases."""

from __future__ import annotations

import pytest

from indexer.extraction import extract_quotes, structure_from_body
from indexer.extraction.records import QuoteCandidate, ReleaseStructure
from indexer.extraction.spans import find_quote_spans


def release(
    body: str, title: str = "Pressemitteilung", publisher: str | None = None
) -> ReleaseStructure:
    return structure_from_body(title, body, publisher=publisher)


def quotes_of(body: str, kind: str | None = None, **kwargs: str) -> list[QuoteCandidate]:
    structure = release(body, **kwargs)
    found = extract_quotes(structure)
    for quote in found:
        assert structure.body[quote.start : quote.end] == quote.text
        if quote.cue_start is not None:
            assert structure.body[quote.cue_start : quote.cue_end] == quote.cue
    return [q for q in found if kind is None or q.kind == kind]


def only(body: str, kind: str = "direct") -> QuoteCandidate:
    found = quotes_of(body, kind)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Senatorin Anna Beispiel: „Das ist gut so.“", "Das ist gut so."),
        ("Senatorin Anna Beispiel: »Das ist gut so.«", "Das ist gut so."),
        ("Senatorin Anna Beispiel: “Das ist gut so.”", "Das ist gut so."),
        ('Senatorin Anna Beispiel: "Das ist gut so."', "Das ist gut so."),
        ("Senatorin Anna Beispiel: „Das ist gut so.”", "Das ist gut so."),
    ],
)
def test_quotation_mark_styles(body: str, text: str) -> None:
    quote = only(body)
    assert quote.text == text
    assert quote.speaker is not None and quote.speaker.name == "Anna Beispiel"


def test_nested_german_quotes_with_the_same_marks() -> None:
    body = (
        "Stephan Machulik, Staatssekretär für Wohnen: „Unter dem Motto „Miteinander statt "
        "übereinander reden“ werden sie künftig teilnehmen. Das ist gut.“"
    )
    quote = only(body)
    assert quote.text == (
        "Unter dem Motto „Miteinander statt übereinander reden“ werden sie künftig "
        "teilnehmen. Das ist gut."
    )
    assert quote.speaker is not None and quote.speaker.name == "Stephan Machulik"


def test_nested_single_quotes() -> None:
    quote = only("„Berlin erfährt als ‚Stadt der Freiheit‘ große Wertschätzung“, sagte Tom Sello.")
    assert quote.text == "Berlin erfährt als ‚Stadt der Freiheit‘ große Wertschätzung"
    assert quote.speaker is not None and quote.speaker.name == "Tom Sello"
    quote = only("“We call it the ‘decade of action’ for a reason,” said Secretary Jane Roe.")
    assert quote.text == "We call it the ‘decade of action’ for a reason"


def test_unbalanced_quotation_mark_does_not_run_away() -> None:
    body = (
        "Bezirksbürgermeister Max Muster eröffnete die „Lange Nacht der Bibliotheken.\n\n"
        "Im zweiten Absatz steht ein vollständiges Zitat: „Wir freuen uns sehr auf alle "
        "Gäste und auf viele gute Gespräche.“, sagte Muster.\n\n"
        "Ein dritter Absatz ohne jedes Zitat, der lang genug ist, um aufzufallen."
    )
    structure = release(body)
    spans = find_quote_spans(structure.body, structure.paragraphs)
    assert len(spans) == 1
    found = extract_quotes(structure)
    assert [q.text for q in found] == [
        "Wir freuen uns sehr auf alle Gäste und auf viele gute Gespräche."
    ]
    assert found[0].speaker is not None and found[0].speaker.name == "Max Muster"


def test_unclosed_quote_at_end_of_text_gives_nothing() -> None:
    assert quotes_of("Senatorin Anna Beispiel: „Das ist ein Satz ohne Ende und ohne Schluss") == []


def test_english_quote_over_two_paragraphs() -> None:
    body = (
        "“The first paragraph of the quote ends here without a closing mark.\n\n"
        "“The second paragraph closes it,” said Secretary Jane Roe."
    )
    quote = only(body)
    assert quote.text.startswith("The first paragraph")
    assert quote.text.endswith("The second paragraph closes it")
    assert "\n\n“" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Jane Roe"


def test_short_titles_in_quotes_are_not_quotes() -> None:
    body = (
        "Die Ausstellung „Das Ei zu Ostern“ ist in der Bibliothek „Mark Twain“ zu sehen. "
        "Die Initiative „Schule macht stark“ startet im Herbst."
    )
    assert quotes_of(body) == []


def test_quote_without_speaker_is_kept_with_speaker_none() -> None:
    body = (
        "Auf dem Plakat der Initiative steht: „Wir lassen niemanden zurück und wir helfen "
        "allen Familien im Bezirk, die Unterstützung brauchen.“"
    )
    quote = only(body)
    assert quote.speaker is None
    assert quote.cue is None
    assert quote.confidence < 0.5


# --------------------------------------------------------------------------- German attribution


@pytest.mark.parametrize(
    ("body", "cue", "as_printed"),
    [
        (
            "„Wir haben viel erreicht.“, so Bürgermeisterin Anna Beispiel.",
            "so Bürgermeisterin Anna Beispiel",
            "Anna Beispiel",
        ),
        (
            "„Wir haben viel erreicht“, sagte Anna Beispiel (SPD).",
            "sagte Anna Beispiel",
            "Anna Beispiel",
        ),
        (
            "„Wir haben viel erreicht“, erklärt Senatorin Anna Beispiel am Montag.",
            "erklärt Senatorin Anna Beispiel",
            "Anna Beispiel",
        ),
        (
            "„Wir haben viel erreicht“, betonte Anna Beispiel bei der Eröffnung.",
            "betonte Anna Beispiel",
            "Anna Beispiel",
        ),
        (
            "„Wir haben viel erreicht“, hob Anna Beispiel hervor.",
            "hob Anna Beispiel hervor",
            "Anna Beispiel",
        ),
        ("„Wir haben viel erreicht“ – so Anna Beispiel.", "so Anna Beispiel", "Anna Beispiel"),
        (
            "Anna Beispiel, Senatorin für Bildung, Jugend und Familie: „Wir haben viel erreicht.“",
            "Anna Beispiel, Senatorin für Bildung, Jugend und Familie",
            "Anna Beispiel",
        ),
        (
            "Bezirksstadträtin für Verkehr, Umwelt und Naturschutz, Anna Beispiel (Grüne): "
            "„Wir haben viel erreicht.“",
            "Bezirksstadträtin für Verkehr, Umwelt und Naturschutz, Anna Beispiel (Grüne)",
            "Anna Beispiel",
        ),
        (
            "Dazu erklärt Senatorin Anna Beispiel: „Wir haben viel erreicht.“",
            "erklärt Senatorin Anna Beispiel",
            "Anna Beispiel",
        ),
        ("Anna Beispiel sagte: „Wir haben viel erreicht.“", "Anna Beispiel sagte", "Anna Beispiel"),
    ],
)
def test_german_attribution_patterns(body: str, cue: str, as_printed: str) -> None:
    quote = only(body)
    assert quote.text.startswith("Wir haben viel erreicht")
    assert quote.speaker is not None
    assert quote.speaker.name == "Anna Beispiel"
    assert quote.speaker.as_printed == as_printed
    assert quote.cue == cue


def test_around_pattern_dass_quote() -> None:
    body = (
        "Bei der Eröffnung hatte die Senatorin für Bildung, Anna Beispiel, betont, „dass wir "
        "alle Schulen gleich behandeln.“"
    )
    quote = only(body)
    assert quote.text == "dass wir alle Schulen gleich behandeln."
    assert quote.speaker is not None and quote.speaker.name == "Anna Beispiel"


def test_laut_and_nach_worten_von() -> None:
    body = (
        "Senatorin Anna Beispiel eröffnete die Schule.\n\n"
        "Laut Beispiel ist die neue Schule „ein wichtiger Schritt für den ganzen Bezirk und für "
        "alle Familien“.\n\n"
        "Nach den Worten von Anna Beispiel ist das „ein Grund zur Freude für alle Beteiligten "
        "im Bezirk“."
    )
    found = quotes_of(body, "direct")
    assert [q.speaker.name if q.speaker else None for q in found] == ["Anna Beispiel"] * 2
    assert found[0].cue == "Laut Beispiel"
    assert found[1].cue is not None and found[1].cue.startswith("Nach den Worten von")


def test_surname_role_noun_and_pronoun_resolution() -> None:
    body = (
        "Bezirksbürgermeisterin Anna Beispiel (SPD) eröffnete am Montag den Spielplatz.\n\n"
        "„Der Platz ist ein Gewinn für alle Kinder im Kiez“, sagte Beispiel.\n\n"
        "„Ich danke allen, die mitgeholfen haben“, so die Bürgermeisterin.\n\n"
        "„Wir bauen im nächsten Jahr noch einen weiteren Platz“, kündigte sie an."
    )
    found = quotes_of(body, "direct")
    assert [q.speaker.name for q in found if q.speaker] == ["Anna Beispiel"] * 3
    assert [q.speaker.as_printed for q in found if q.speaker] == [
        "Beispiel",
        "Bürgermeisterin",
        "sie",
    ]
    confidences = [q.confidence for q in found]
    assert confidences == sorted(confidences, reverse=True)  # surname > role noun > pronoun
    assert all(q.speaker is not None and q.speaker.role == "Bezirksbürgermeisterin" for q in found)


def test_pronoun_without_antecedent_is_not_guessed() -> None:
    quote = only("„Wir bauen im nächsten Jahr noch einen weiteren Platz für alle.“, sagte er.")
    assert quote.speaker is None


def test_continuation_quote_inherits_speaker() -> None:
    body = (
        "„Das ist ein guter Tag für den Bezirk“, sagte Senator Max Muster. „Wir haben lange "
        "auf diesen Moment gewartet und freuen uns sehr.“"
    )
    found = quotes_of(body, "direct")
    assert len(found) == 2
    assert found[1].speaker is not None and found[1].speaker.name == "Max Muster"
    assert found[1].cue is None
    assert found[1].confidence < found[0].confidence


def test_speaker_line_on_its_own_paragraph() -> None:
    body = "Bezirksbürgermeister Jörn Oltmann:\n\n„Das Fußballturnier war ein voller Erfolg.“"
    quote = only(body)
    assert quote.speaker is not None and quote.speaker.name == "Jörn Oltmann"
    assert quote.cue == "Bezirksbürgermeister Jörn Oltmann"


# --------------------------------------------------------------------------- English attribution


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ("“We will rebuild the economy,” said Secretary Jane Roe.", "said Secretary Jane Roe"),
        ("“We will rebuild the economy,” Jane Roe said.", "Jane Roe said"),
        ("Secretary Jane Roe said: “We will rebuild the economy.”", "Secretary Jane Roe said"),
        ("Secretary Jane Roe said, “We will rebuild the economy.”", "Secretary Jane Roe said"),
        ("“We will rebuild the economy,” according to Jane Roe.", "according to Jane Roe"),
        (
            "“We will rebuild the economy,” said Jane Roe, Administrator of the Agency.",
            "said Jane Roe",
        ),
    ],
)
def test_english_attribution_patterns(body: str, cue: str) -> None:
    quote = only(body)
    assert quote.text.startswith("We will rebuild the economy")
    assert not quote.text.endswith(",")
    assert quote.speaker is not None and quote.speaker.name == "Jane Roe"
    assert quote.cue == cue


# --------------------------------------------------------------------------- indirect speech


def test_german_indirect_speech_orders() -> None:
    body = (
        "Senatorin Anna Beispiel besuchte die Schule.\n\n"
        "Beispiel unterstrich, dass die Sanierung ein wichtiges Signal für den Bezirk sei.\n\n"
        "Dabei betonte die Senatorin, dass weitere Schulen folgen würden."
    )
    found = quotes_of(body, "indirect")
    assert [q.text for q in found] == [
        "dass die Sanierung ein wichtiges Signal für den Bezirk sei",
        "dass weitere Schulen folgen würden",
    ]
    assert [q.cue for q in found] == ["Beispiel unterstrich", "betonte die Senatorin"]
    assert all(q.speaker is not None and q.speaker.name == "Anna Beispiel" for q in found)


def test_german_konjunktiv_without_dass() -> None:
    body = (
        "Senatorin Anna Beispiel besuchte die Schule. Beispiel sagte, die Sanierung sei ein "
        "wichtiges Signal für den ganzen Bezirk."
    )
    quote = only(body, "indirect")
    assert quote.text == "die Sanierung sei ein wichtiges Signal für den ganzen Bezirk"


def test_english_indirect_speech() -> None:
    body = (
        "National Security Adviser Jake Sullivan spoke today with his counterpart. "
        "Mr. Sullivan said that the United States remains committed to the partnership."
    )
    quote = only(body, "indirect")
    assert quote.text == "that the United States remains committed to the partnership"
    assert quote.speaker is not None and quote.speaker.name == "Jake Sullivan"


def test_indirect_speech_needs_a_known_speaker() -> None:
    assert quotes_of("Die Schulen betonten, dass die Sanierung wichtig sei.", "indirect") == []
    assert quotes_of("Hezbollah warned that it would attack the northern border.", "indirect") == []


# --------------------------------------------------------------------------- corpus-found shapes


@pytest.mark.parametrize(
    ("body", "name", "cue"),
    [
        (
            "Martina Klement, Staatssekretärin für Digitalisierung in der Berliner "
            "Senatskanzlei: „Die neue Open-Data-Strategie ist ein bedeutender Schritt.“",
            "Martina Klement",
            "Martina Klement, Staatssekretärin für Digitalisierung in der Berliner Senatskanzlei",
        ),
        (
            "Nils Busch-Petersen, Hauptgeschäftsführer des Handelsverbands e.V.:\n\n"
            "„Die vier großen Player der Innenstädte sind wichtig.“",
            "Nils Busch-Petersen",
            "Nils Busch-Petersen, Hauptgeschäftsführer des Handelsverbands e.V.",
        ),
        (
            "Bezirksstadtrat Max Hobein eröffnete das Haus.\n\n„Das Regenbogenhaus ist das "
            "i-Tüpfelchen unserer Arbeit.“, freute sich Hobein.",
            "Max Hobein",
            "freute sich Hobein",
        ),
        (
            "„Spielplätze sind wichtige urbane Infrastruktur für alle Kinder.“ Annika Gerold, "
            "Stadträtin für Verkehr, Grünflächen, Ordnung und Umwelt",
            "Annika Gerold",
            "Annika Gerold, Stadträtin für Verkehr, Grünflächen, Ordnung und Umwelt",
        ),
        (
            "„Wir wollen als Kommunen keine Steuergelder verschwenden.“ (Clara Herrmann, "
            "Stadträtin Friedrichshain-Kreuzberg)",
            "Clara Herrmann",
            "Clara Herrmann, Stadträtin Friedrichshain-Kreuzberg",
        ),
        (
            "Tobias Dollase, Bezirksstadtrat für Schule und Sport (parteilos):\n\n"
            "bq. „Ich freue mich sehr, dass dem Thema so viel Raum gegeben wird.“",
            "Tobias Dollase",
            "Tobias Dollase, Bezirksstadtrat für Schule und Sport (parteilos)",
        ),
        (
            "„Der Diebstahl der Glocke ist bedrückend“, so Bezirksbürgermeister von Dassel.",
            "von Dassel",
            "so Bezirksbürgermeister von Dassel",
        ),
    ],
)
def test_shapes_seen_in_the_berlin_corpus(body: str, name: str, cue: str) -> None:
    quote = only(body)
    assert quote.speaker is not None
    assert quote.speaker.name == name
    assert quote.cue == cue


def test_two_speakers_in_one_cue_are_not_split_or_guessed() -> None:
    quote = only("„Wir helfen den kleinen Tieren mit großen Bedürfnissen.“, so Natascha und Rico.")
    assert quote.speaker is None


def test_title_after_a_name_and_colon_is_not_a_quote() -> None:
    body = "16 Uhr: Vortrag von Prof. Axel Noack, Halle an der Saale: „Staat und Kirche in der DDR“"
    assert quotes_of(body) == []


def test_cue_that_introduces_the_next_quote() -> None:
    body = (
        "Für das “Netzwerk für Menschen in Not” erklärt die Stellvertretende "
        "Bezirksbürgermeisterin Dagmar Pohle: “Wir helfen schnell und ohne Umwege.”"
    )
    found = quotes_of(body, "direct")
    assert [q.text for q in found] == ["Wir helfen schnell und ohne Umwege."]
    assert found[0].speaker is not None and found[0].speaker.name == "Dagmar Pohle"


@pytest.mark.parametrize("body", [
    "Das Netzwerk richtete den Fachtag „Alleinerziehend! Erfahrungen aus fünf Jahren "
    "Netzwerkarbeit.“ aus und feierte sein Jubiläum.",
    "Programm:\n- Donnerstag, 11 Uhr: „Grüner Himmel, rotes Gras. Was sagen uns die Farben?“ "
    "– Workshop für Kinder",
])
def test_quotation_marks_naming_a_thing_inside_a_sentence_are_no_quote(body: str) -> None:
    structure = structure_from_body("Fachtag", body, publisher="Bezirksamt Beispielstadt")
    assert [q.text for q in extract_quotes(structure) if q.kind == "direct"] == []


def test_unattributed_speech_opening_a_sentence_stays_a_quote() -> None:
    body = ("Die Kampagne läuft bis Mai. „Wir wollen den Südwesten auf diese Weise anders "
            "bewerben und haben dafür eine Agentur gewonnen.“")
    structure = structure_from_body("Kampagne", body, publisher="Bezirksamt Beispielstadt")
    assert [q.speaker for q in extract_quotes(structure) if q.kind == "direct"] == [None]


def test_partial_quotes_inside_a_reported_clause_take_the_clause_subject() -> None:
    body = ("The plant will open in May.\n\n"
            "- **Representative Jane Doe—**who represents the county, said the law was passed "
            "“to the detriment of families” and called it a “waste” of money.\n"
            "- Representative John Roe called the Act “horrible” and not “in line with helping "
            "the American people.”")
    structure = structure_from_body("Fact Sheet", body, language="en")
    direct = {q.text: q.speaker.name if q.speaker else None
              for q in extract_quotes(structure) if q.kind == "direct"}
    assert direct == {"to the detriment of families": "Jane Doe", "waste": "Jane Doe",
                      "horrible": "John Roe",
                      "in line with helping the American people.": "John Roe"}


def test_a_title_after_a_german_noun_or_article_is_no_partial_quote() -> None:
    body = ("Bezirksstadtrat Max Beispiel lädt zur Lesung ein. Beispiel zeigt den Film "
            "„Die Akte Lindenberg – Udo und die DDR“ und liest aus seinem Buch „Tatworte“.")
    structure = structure_from_body("Lesung", body, publisher="Bezirksamt Beispielstadt")
    assert [q.text for q in extract_quotes(structure) if q.kind == "direct"] == []
