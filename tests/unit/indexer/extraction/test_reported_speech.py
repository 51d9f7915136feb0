"""Reported speech: the shapes German and English releases use, and what is not reported speech.

The releases are written for the test (invented people and places), each sentence one shape.
"""

from __future__ import annotations

import pytest

from indexer.extraction import QuoteCandidate, extract_quotes, structure_from_body
from indexer.extraction.konjunktiv import mood

PUBLISHER = "Bezirksamt Beispielstadt"
INTRO = ("Bezirksbürgermeisterin Anna Beispiel hat am Montag die neue Bibliothek in der "
         "Lindenstraße besucht.")


def reported(body: str, *, publisher: str = PUBLISHER, language: str = "de",
             title: str = "Neue Bibliothek eröffnet") -> list[QuoteCandidate]:
    structure = structure_from_body(title, body, publisher=publisher, language=language)
    found = [q for q in extract_quotes(structure) if q.kind == "indirect"]
    for quote in found:
        assert structure.body[quote.start:quote.end] == quote.text
    return found


def only(found: list[QuoteCandidate]) -> QuoteCandidate:
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(("sentence", "text"), [
    ("Beispiel betonte, dass die Bibliothek ein Ort für alle sei.",
     "dass die Bibliothek ein Ort für alle sei"),
    ("Dabei unterstrich die Bezirksbürgermeisterin, dass Lesen verbinde.",
     "dass Lesen verbinde"),
    ("Beispiel wies darauf hin, dass die Öffnungszeiten verlängert würden.",
     "dass die Öffnungszeiten verlängert würden"),
    ("Beispiel zeigte sich überzeugt, dass das Angebot gut angenommen werde.",
     "dass das Angebot gut angenommen werde"),
    ("Beispiel freut sich, dass so viele Familien gekommen sind.",
     "dass so viele Familien gekommen sind"),
    ("Beispiel sagte, das Programm sei ein großer Erfolg.", "das Programm sei ein großer Erfolg"),
    ("Beispiel kündigte an, die Mittel für Bücher im nächsten Jahr zu erhöhen.",
     "die Mittel für Bücher im nächsten Jahr zu erhöhen"),
    ("Beispiel hat im Ausschuss angedeutet, dass weitere Standorte folgen könnten.",
     "dass weitere Standorte folgen könnten"),
    ("Die Bibliothek sei ein Gewinn für den ganzen Kiez, betonte Beispiel.",
     "Die Bibliothek sei ein Gewinn für den ganzen Kiez"),
    ("Der Umbau habe sich gelohnt, so die Bezirksbürgermeisterin.", "Der Umbau habe sich gelohnt"),
    ("Wie Beispiel betonte, werden die Räume auch abends geöffnet.",
     "werden die Räume auch abends geöffnet"),
])
def test_a_speech_verb_with_its_clause_before_or_after(sentence: str, text: str) -> None:
    quote = only(reported(f"{INTRO} {sentence}"))
    assert quote.text == text
    assert quote.speaker is not None and quote.speaker.name == "Anna Beispiel"
    assert quote.speaker.type == "person"


def test_konjunktiv_sentences_continue_the_last_source_until_the_indicative() -> None:
    found = reported(
        f"{INTRO} Beispiel erklärte, das Programm sei ein Erfolg. Man werde es fortsetzen. "
        "Auch die Schulen könnten die Räume nutzen. Die Bibliothek ist montags geschlossen. "
        "Der Eintritt sei frei.")
    assert [q.text for q in found] == [
        "das Programm sei ein Erfolg", "Man werde es fortsetzen",
        "Auch die Schulen könnten die Räume nutzen"]
    assert {q.speaker.name for q in found if q.speaker} == {"Anna Beispiel"}
    assert found[1].cue is None and found[1].confidence < found[0].confidence


@pytest.mark.parametrize(("sentence", "speaker", "kind"), [
    ("Laut Polizei wurden bei dem Unfall zwei Menschen verletzt.", "Polizei", "organisation"),
    ("Der Polizei zufolge flüchtete der Fahrer unerkannt.", "Polizei", "organisation"),
    ("Nach Angaben der Feuerwehr brannte der Keller vollständig aus.", "Feuerwehr",
     "organisation"),
    ("Einer Studie des Instituts zufolge lesen Kinder wieder mehr.", "Studie des Instituts",
     "document"),
    ("Der Bericht kommt zu dem Ergebnis, dass die Ausleihen um zehn Prozent gestiegen sind.",
     "Bericht", "document"),
])
def test_organisations_and_documents_are_sources(sentence: str, speaker: str, kind: str) -> None:
    quote = only(reported(f"{INTRO} {sentence}"))
    assert quote.speaker is not None
    assert quote.speaker.name == speaker and quote.speaker.type == kind


@pytest.mark.parametrize("sentence", [
    "Beispiel eröffnete die Ausstellung im Foyer.",
    "Beispiel begrüßte die Gäste aus der Partnerstadt.",
    "Beispiel warnte vor Hetze im Netz.",
    "Das Bezirksamt bittet alle Anwohnenden, die Lindenstraße zu meiden.",
    "Das Bezirksamt weist darauf hin, dass die Lindenstraße gesperrt ist.",
    "Beispiel weiß, dass viele Familien warten.",
    "Wer behauptet, dass Lesen aus der Mode sei, irrt.",
])
def test_what_is_not_reported_speech(sentence: str) -> None:
    assert reported(f"{INTRO} {sentence}") == []


def test_a_role_the_release_never_names_keeps_speaker_null() -> None:
    quote = only(reported("Die Senatorin betonte im Ausschuss, dass die Mittel reichen würden."))
    assert quote.speaker is None


def test_reported_speech_inside_a_direct_quote_is_not_recorded() -> None:
    found = reported(f"{INTRO} „Sie sagte mir, dass sie jeden Tag hier lese“, so Beispiel.")
    assert found == []


def test_english_said_that_and_according_to() -> None:
    body = ("Secretary of Commerce Jane Example visited the new plant in Springfield today. "
            "Example said that the plant would create 500 jobs. According to the Department "
            "of Labor, wages in the county rose by four percent.")
    found = reported(body, publisher="The White House", language="en",
                     title="Secretary Example Visits Springfield")
    assert [q.text for q in found] == ["that the plant would create 500 jobs",
                                       "wages in the county rose by four percent"]
    assert found[0].speaker is not None and found[0].speaker.name == "Jane Example"
    assert found[1].speaker is not None and found[1].speaker.type == "organisation"


def test_the_white_house_is_not_a_source_of_its_own_releases() -> None:
    body = "The White House announced that the summit will take place in June."
    assert reported(body, publisher="The White House", language="en") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Das Programm sei ein Erfolg.", "konjunktiv"),
    ("Man werde es fortsetzen.", "konjunktiv"),
    ("Insgesamt plane der Senat neue Schulen.", "konjunktiv"),
    ("Die neue Schule ist groß.", "indicative"),
    ("Sie plante eine Reise.", "unknown"),
    ("Diese wird normalerweise durch Spenden finanziert.", "indicative"),
])
def test_mood(sentence: str, expected: str) -> None:
    assert mood(sentence) == expected


@pytest.mark.parametrize(("sentence", "text", "speaker"), [
    ("Nach ihren Worten sei die Bibliothek ein Ort für alle Generationen.",
     "sei die Bibliothek ein Ort für alle Generationen", "Anna Beispiel"),
    ("Ihrer Ansicht nach fehlen in der Stadt noch viele Leseorte.",
     "fehlen in der Stadt noch viele Leseorte", "Anna Beispiel"),
    ("Eine wichtige Rolle spielt dabei aus Beispiels Sicht die Stadtteilschule.",
     "Eine wichtige Rolle spielt dabei aus Beispiels Sicht die Stadtteilschule",
     "Anna Beispiel"),
    ("Sie besichtigte den Lesesaal und erklärte, dass die Bibliothek länger öffnen werde.",
     "dass die Bibliothek länger öffnen werde", "Anna Beispiel"),
    ("Beispiel teilte mit, bis Ende des Jahres sollten zwei weitere Filialen öffnen.",
     "bis Ende des Jahres sollten zwei weitere Filialen öffnen", "Anna Beispiel"),
])
def test_possessive_phrases_coordinated_pronouns_and_past_modals(
        sentence: str, text: str, speaker: str) -> None:
    quote = only(reported(f"{INTRO} {sentence}"))
    assert quote.text == text
    assert quote.speaker is not None and quote.speaker.name == speaker


def test_a_surname_after_an_office_is_a_person_of_the_release() -> None:
    body = ("Bezirksstadträtin Lindner (Grüne) lud zum Kiezspaziergang ein. An der "
            "Bushaltestelle erläuterte Lindner, dass eine neue Querung gebaut werde.")
    quote = only(reported(body))
    assert quote.speaker is not None and quote.speaker.name == "Lindner"
    # the full name printed later is the same person
    quote = only(reported(body + " Maria Lindner (Grüne) dankte allen Gästen."))
    assert quote.speaker is not None and quote.speaker.name == "Maria Lindner"


@pytest.mark.parametrize(("sentence", "text"), [
    ("The Department of Energy estimated in March that the drawdown capacity was only 500,000 "
     "barrels.",
     "that the drawdown capacity was only 500,000 barrels"),
    ("Mayor Greg Fischer of Louisville explained how his city was able to use all of its funds.",
     "how his city was able to use all of its funds"),
    ("Gene Sperling said that 22 governments had distributed their funds, but stressed that "
     "much more progress is needed.",
     "that 22 governments had distributed their funds, but stressed that much more progress is "
     "needed"),
])
def test_english_adverbials_places_and_coordinated_verbs(sentence: str, text: str) -> None:
    body = ("Mayor Greg Fischer of Louisville and Gene Sperling, the American Rescue Plan "
            f"Coordinator, joined the call.\n\n{sentence}")
    found = reported(body, publisher="The White House", language="en", title="Readout")
    assert text in [q.text for q in found]
