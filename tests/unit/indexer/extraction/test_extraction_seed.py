"""Acceptance on the project's seed: the Hessian Integrationskonferenz release."""

from __future__ import annotations

from indexer.extraction import ReleaseStructure, extract_quotes
from indexer.extraction.records import QuoteCandidate


def _direct(quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    return [q for q in quotes if q.kind == "direct"]


def test_structure_of_the_seed(seed: ReleaseStructure) -> None:
    assert seed.title == "Fünfte Hessische Integrationskonferenz"
    assert seed.lead is not None and seed.lead.startswith("Staatssekretär Kai Klose: „Danke")
    assert seed.topics_from_category == ("Integration",)
    assert seed.publisher == "Hessisches Ministerium für Soziales und Integration"
    assert seed.place == "Wiesbaden"
    assert seed.language == "de"
    assert seed.contact is not None
    assert seed.contact.name == "Esther Walter"
    assert seed.contact.role == "Pressesprecherin"
    assert seed.contact.phone == "+49 611 817 3408"
    assert seed.contact.email == "esther.walter@hsm.hessen.de"
    assert seed.headings == ("Intensive Diskussion zu verschiedenen Handlungsfeldern",)


def test_body_is_clean(seed: ReleaseStructure) -> None:
    body = seed.body
    for noise in (
        "iStock-504271344.jpg",
        "Hessen-Navigator",
        "Wie können wir Ihnen helfen",
        "Kontakt Pressevertreter",
        "Esther Walter",
        "Dostojewskistraße",
        "65187",
    ):
        assert noise not in body
    # the lead is the first paragraph, the category line is not in the body
    assert body.startswith(seed.lead or "")
    assert "\n\nIntegration\n\n" not in body
    assert body.endswith("Dies wurde von allen Anwesenden übereinstimmend begrüßt.")


def test_paragraph_offsets(seed: ReleaseStructure) -> None:
    assert [p.kind for p in seed.paragraphs].count("heading") == 1
    for paragraph in seed.paragraphs:
        assert seed.body[paragraph.start : paragraph.end] == paragraph.text
    assert seed.body == "\n\n".join(p.text for p in seed.paragraphs)


def test_exactly_four_direct_quotes_by_kai_klose(seed: ReleaseStructure) -> None:
    direct = _direct(extract_quotes(seed))
    assert [q.text.split()[:4] for q in direct] == [
        ["Danke", "allen", "Beteiligten", "in"],
        ["dass", "wir", "mit", "dem"],
        ["In", "Hessen", "richtet", "sich"],
        ["Die", "Erarbeitung", "des", "Hessischen"],
    ]
    for quote in direct:
        assert quote.speaker is not None
        assert quote.speaker.name == "Kai Klose"
        assert quote.speaker.role == "Staatssekretär"
        assert quote.speaker.organization == "Hessisches Ministerium für Soziales und Integration"


def test_lead_quote(seed: ReleaseStructure) -> None:
    lead = _direct(extract_quotes(seed))[0]
    assert lead.start < len(seed.lead or "")
    assert lead.text == (
        "Danke allen Beteiligten in Integrationsbeirat und -konferenz – intensive und "
        "produktive Diskussion zu allen Handlungsfeldern des Hessischen Integrationsplans."
    )
    assert lead.cue == "Staatssekretär Kai Klose"
    assert lead.speaker is not None and lead.speaker.as_printed == "Kai Klose"
    assert seed.body[lead.start - 1] == "„" and seed.body[lead.end] == "“"
    assert lead.confidence >= 0.9


def test_long_quote_attributed_with_so_klose(seed: ReleaseStructure) -> None:
    quote = _direct(extract_quotes(seed))[1]
    assert quote.text.startswith("dass wir mit dem Hessischen Integrationsplan")
    assert quote.text.endswith(
        "gemeinsam daran arbeiten dieses Bekenntnis weiter mit Leben zu füllen"
    )
    assert "In unserer vielfältigen Gesellschaft" in quote.text  # multi-sentence
    assert quote.cue == "so Klose"
    assert quote.cue_start is not None and seed.body[quote.cue_start : quote.cue_end] == "so Klose"
    assert quote.speaker is not None and quote.speaker.as_printed == "Klose"
    assert quote.context.startswith("Anlässlich der gestrigen fünften Sitzung")


def test_in_hessen_quote(seed: ReleaseStructure) -> None:
    quote = _direct(extract_quotes(seed))[2]
    assert quote.text.startswith("In Hessen richtet sich Integrationspolitik an alle Menschen")
    assert quote.text.endswith("ist mir besonders wichtig")
    assert quote.cue == "so Klose"


def test_misspelt_name_kose(seed: ReleaseStructure) -> None:
    quote = _direct(extract_quotes(seed))[3]
    assert quote.text.startswith("Die Erarbeitung des Hessischen Integrationsplans")
    assert quote.text.endswith("allen, die sich an diesem Prozess aktiv beteiligen")
    assert quote.speaker is not None
    assert quote.speaker.name == "Kai Klose"
    assert quote.speaker.as_printed == "Kose"
    assert quote.cue == "hob Kose hervor"
    # a fuzzy match is less certain than an exact surname
    assert quote.confidence < _direct(extract_quotes(seed))[2].confidence


def test_indirect_statement(seed: ReleaseStructure) -> None:
    indirect = [q for q in extract_quotes(seed) if q.kind == "indirect"]
    assert len(indirect) == 1
    quote = indirect[0]
    assert quote.text == (
        "dass das Bekenntnis zu Vielfalt, das sich im Integrationsplan widerspiegele, ein "
        "starkes Signal gerade in der derzeitigen Diskussion sei"
    )
    assert quote.speaker is not None and quote.speaker.name == "Kai Klose"
    assert quote.cue == "Klose unterstrich"


def test_press_contact_is_never_a_speaker(seed: ReleaseStructure) -> None:
    for quote in extract_quotes(seed):
        assert quote.speaker is None or quote.speaker.name != "Esther Walter"


def test_offsets_and_order(seed: ReleaseStructure) -> None:
    quotes = extract_quotes(seed)
    assert quotes == sorted(quotes, key=lambda q: (q.start, q.end, q.kind))
    for quote in quotes:
        assert seed.body[quote.start : quote.end] == quote.text
        assert seed.body[quote.context_start :].startswith(quote.context)
        if quote.cue_start is not None:
            assert seed.body[quote.cue_start : quote.cue_end] == quote.cue
