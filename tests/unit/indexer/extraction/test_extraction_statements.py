"""Whole statements: releases issued in a person's name, and transcript turns."""

from __future__ import annotations

from collections.abc import Callable

from indexer.extraction import ReleaseStructure, extract_quotes, structure_from_body
from indexer.extraction.markdown import parse_markdown_release


def test_statement_release_by_the_president(load: Callable[[str], ReleaseStructure]) -> None:
    structure = load("whitehouse-2021-07-12-statement-cuba.json")
    found = extract_quotes(structure)
    assert [q.kind for q in found] == ["statement"]
    statement = found[0]
    assert statement.text == structure.body
    assert statement.text.startswith("We stand with the Cuban people")
    assert statement.text.endswith("rather than enriching themselves.")
    assert "###" not in structure.body
    assert statement.speaker is not None
    assert statement.speaker.name == "Joseph R. Biden, Jr."
    assert statement.speaker.role == "President"
    assert statement.cue == "Statement by President Joseph R. Biden, Jr."
    assert statement.cue_start is None  # the cue is in the title, not in the body


def test_german_erklaerung_von_senatorin() -> None:
    structure = structure_from_body(
        "Erklärung von Senatorin Anna Beispiel zum Tag der Pflege",
        "Pflegekräfte leisten jeden Tag Großartiges. Dafür danke ich allen von Herzen.",
        publisher="Senatsverwaltung für Wissenschaft, Gesundheit und Pflege",
    )
    (statement,) = extract_quotes(structure)
    assert statement.kind == "statement"
    assert statement.speaker is not None
    assert statement.speaker.name == "Anna Beispiel"
    assert statement.speaker.role == "Senatorin"
    assert (
        statement.speaker.organization == "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege"
    )


def test_statement_titles_without_one_named_person_give_no_statement() -> None:
    for title in (
        "Statement by the Press Secretary on the Upcoming Visit",
        "Joint Statement by President Biden and Prime Minister Kishida",
        "FACT SHEET: Biden Administration Announces New Actions",
    ):
        structure = parse_markdown_release(title, "The United States welcomes this step.")
        assert [q for q in extract_quotes(structure) if q.kind == "statement"] == [], title


def test_press_gaggle_turns(load: Callable[[str], ReleaseStructure]) -> None:
    structure = load("whitehouse-2021-03-16-psaki-gaggle-excerpt.json")
    found = extract_quotes(structure)
    assert found and all(q.kind == "statement" for q in found)
    assert len(found) == 6
    first = found[0]
    assert first.text.startswith("All right, welcome to our trip to Pennsylvania.")
    assert first.text.endswith("What is on your minds?")
    assert "\n\n" in first.text  # a turn runs over several paragraphs
    assert first.cue == "MS. PSAKI"
    for turn in found:
        assert turn.speaker is not None
        assert turn.speaker.name == "Jen Psaki"
        assert turn.speaker.as_printed == "MS. PSAKI"
        assert turn.speaker.role == "Press Secretary"
        assert structure.body[turn.start : turn.end] == turn.text
        assert not turn.text.startswith("Q ")
    # journalists' questions are not statements
    assert all("how do you respond to that?" not in q.text for q in found)
    assert found[-1].text == "To get shots in arms?"


def test_turn_label_inside_a_paragraph_and_moderator() -> None:
    markdown = (
        "MODERATOR: Our first question goes to Jane.\n\n"
        "Q Thank you. What is the plan?\n\n"
        "MR. KIRBY: The plan is simple.  \nQ And the timing?\n\n"
        "MR. KIRBY: Soon."
    )
    structure = parse_markdown_release(
        "Press Gaggle by National Security Communications Advisor John Kirby", markdown
    )
    found = extract_quotes(structure)
    assert [q.text for q in found] == ["The plan is simple.", "Soon."]
    assert all(q.speaker is not None and q.speaker.name == "John Kirby" for q in found)


def test_the_president_label_is_the_person_named_in_the_title() -> None:
    markdown = (
        "THE PRESIDENT: Thank you. As President Herbert Hoover once said, it was hard.\n\n"
        "Q Mr. President, one question?\n\n"
        "THE PRESIDENT: No questions today."
    )
    structure = parse_markdown_release("Remarks by President Biden Celebrating Labor Day", markdown)
    found = extract_quotes(structure)
    assert [q.text for q in found] == [
        "Thank you. As President Herbert Hoover once said, it was hard.",
        "No questions today.",
    ]
    for turn in found:
        assert turn.speaker is not None
        assert turn.speaker.name == "Biden"
        assert turn.speaker.role == "President"
        assert turn.speaker.as_printed == "THE PRESIDENT"
