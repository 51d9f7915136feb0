"""Attribution patterns found missing by the Berlin gold set (tests/fixtures/gold), written
with invented names and texts so the rules are tested on their own."""

from __future__ import annotations

from indexer.extraction import extract_quotes, structure_from_body
from indexer.extraction.phrases import parse_speaker_phrase
from indexer.extraction.records import QuoteCandidate
from indexer.extraction.roles import normalize_role


def quotes_of(body: str, kind: str | None = None) -> list[QuoteCandidate]:
    structure = structure_from_body("Pressemitteilung", body, publisher="Bezirksamt Beispiel")
    found = extract_quotes(structure)
    for quote in found:
        assert structure.body[quote.start : quote.end] == quote.text
        if quote.cue_start is not None:
            assert structure.body[quote.cue_start : quote.cue_end] == quote.cue
    return [q for q in found if kind is None or q.kind == kind]


def test_quote_over_several_paragraphs_opened_and_closed_once() -> None:
    body = (
        "Bezirksbürgermeisterin Anna Beispiel erklärt zum Jahrestag:\n\n"
        "„Heute erinnern wir an das Ende des Krieges. Das ist uns wichtig.\n\n"
        "Der Ort ist gut gewählt, denn hier liegen viele Opfer.\n\n"
        "Wir bleiben wachsam und stehen für Demokratie ein.“\n\n"
        "Weitere Informationen gibt es im Rathaus."
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.text.startswith("Heute erinnern wir")
    assert quote.text.endswith("stehen für Demokratie ein.")
    assert "\n\n" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Anna Beispiel"


def test_stray_opening_mark_does_not_swallow_following_paragraphs() -> None:
    body = (
        "Die Reihe „Lebende Bücher geht weiter.\n\n"
        "Am Montag liest Max Muster. Der Eintritt ist frei.\n\n"
        "Karten gibt es an der Kasse „Nord“."
    )
    assert not [q for q in quotes_of(body, "direct") if "\n\n" in q.text]


def test_textile_block_quote_without_quotation_marks() -> None:
    body = (
        "Die Beratung findet wieder im Rathaus statt.\n\n"
        "Sozialstadtrat Max Muster:\n\n"
        "bq. Ich freue mich sehr über die Wiederaufnahme der Beratung. "
        "Hier bekommen Menschen in unserem Bezirk schnell Hilfe."
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.text.startswith("Ich freue mich sehr")
    assert quote.text.endswith("schnell Hilfe.")
    assert quote.speaker is not None and quote.speaker.name == "Max Muster"


def test_unattributed_block_quote_is_not_a_quote() -> None:
    body = "Aus der Satzung des Vereins:\n\nbq. Der Verein fördert Kunst und Kultur im Bezirk."
    assert quotes_of(body, "direct") == []


def test_markup_asterisk_before_the_cue() -> None:
    body = (
        "Bezirksbürgermeister Otto Erster freut sich. Er erklärt: „Das ist gut.“\n\n"
        "„Vielen Dank an alle Beteiligten, die an der Studie mitgearbeitet haben“, *sagt "
        "Anna Zweite, Bezirksstadträtin für Gesundheit."
    )
    found = quotes_of(body, "direct")
    assert found[-1].speaker is not None and found[-1].speaker.name == "Anna Zweite"


def test_role_noun_with_colon_refers_to_named_person() -> None:
    body = (
        "Nach dem Urteil legt der Landeswahlleiter Prof. Dr. Max Muster den Wahltag fest.\n\n"
        "Der Landeswahlleiter: „Mit dem Termin sind wir einen wichtigen Schritt vorangekommen.“"
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.speaker is not None and quote.speaker.name == "Max Muster"


def test_role_complement_with_capitalised_adjective_is_no_name() -> None:
    parsed = parse_speaker_phrase(
        " der Bezirksstadtrat für Schule, Öffentliche Ordnung und Verkehr, Max Muster (CDU)",
        0,
        after_cue=True,
    )
    assert parsed.name == "Max Muster"


def test_surname_ending_in_ing_after_first_name() -> None:
    parsed = parse_speaker_phrase("Anna Kipping, Senatorin für Integration und Soziales", 0)
    assert parsed.name == "Anna Kipping"


def test_object_of_the_verb_is_not_the_speaker() -> None:
    body = (
        "Die Regierende Bürgermeisterin, Anna Beispiel, würdigt aus Anlass seines Geburtstags "
        "den Ehrenbürger und früheren Bundesminister Max Muster:\n\n"
        "„Max Muster war ein Berliner aus vollem Herzen. Wir vermissen ihn sehr.“"
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.speaker is not None and quote.speaker.name == "Anna Beispiel"


def test_title_on_a_line_of_its_own_is_not_speech() -> None:
    body = (
        "Am Donnerstag um 10 Uhr in der Stadtteilbibliothek:\n\n"
        "„Bewährte Hausmittel sind besser als ihr Ruf?“\n\n"
        "Eintritt frei."
    )
    assert quotes_of(body, "direct") == []


def test_title_after_a_quote_does_not_continue_the_speaker() -> None:
    body = (
        "Die Ärztin Anna Beispiel sagte: „Wer Allergien hat, hat das bessere Immunsystem.“\n\n"
        "„Hirn oder Herz: wo es schmerzt“ hieß der Titel des Beitrags von Max Muster."
    )
    found = quotes_of(body, "direct")
    assert all(not q.text.startswith("Hirn oder Herz") for q in found if q.speaker)


def test_group_speaker_kept_as_unknown() -> None:
    body = (
        "Der Flohmarkt findet im Garten statt. „Beim Kiezflohmarkt zeigt sich, wie durch "
        "Engagement lebendige Nachbarschaften entstehen“, betonen die Veranstalter und laden "
        "herzlich ein."
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.speaker is None
    assert quote.cue == "betonen die Veranstalter"


def test_source_in_brackets_after_the_quote() -> None:
    body = (
        "Galerie im Rathaus.\n\n"
        "„Was der Maler sein Eigen nennt, schafft er aus sich heraus neu.“ "
        "(Max Muster – Malerei – 2002)"
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.speaker is not None and quote.speaker.name == "Max Muster"


def test_reported_speech_after_name_and_apposition() -> None:
    body = (
        "Max Muster, Bezirksbürgermeister von Beispielstadt, machte deutlich, dass die "
        "Ausstellung perfekt in den Bezirk passt."
    )
    (quote,) = quotes_of(body, "indirect")
    assert quote.text == "dass die Ausstellung perfekt in den Bezirk passt"
    assert quote.speaker is not None and quote.speaker.name == "Max Muster"


def test_role_normalisation_to_nominative() -> None:
    assert normalize_role("Regierende Bürgermeister") == "Regierender Bürgermeister"
    assert normalize_role("Parlamentarischen Staatssekretärs") == "Parlamentarischer Staatssekretär"
    assert normalize_role("Regierenden Bürgermeisterin") == "Regierende Bürgermeisterin"
    assert normalize_role("Spandaus Bezirksstadtrat") == "Bezirksstadtrat"
    assert normalize_role("Press Secretary") == "Press Secretary"


def test_state_office_holder_in_district_release_keeps_no_district_organization() -> None:
    body = (
        "Die Regierende Bürgermeisterin Anna Beispiel sagte:\n\n"
        "„Die Bären stehen seit Jahren für unsere Stadt und ihre Vielfalt.“"
    )
    (quote,) = quotes_of(body, "direct")
    assert quote.speaker is not None
    assert quote.speaker.role == "Regierende Bürgermeisterin"
    assert quote.speaker.organization is None
