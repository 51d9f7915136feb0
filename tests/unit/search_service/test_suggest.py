""""Meinten Sie …?" from the term suggester's answer: only words outside quotes and
exclusions are replaced, in place, capitalised like the user typed them."""

from __future__ import annotations

from typing import Any

from search_service.suggest import corrected_text, suggest_body


def _answer(*entries: tuple[str, int, str | None], name: str = "words0",
            score: float = 0.8) -> dict[str, Any]:
    return {"suggest": {name: [
        {"text": text.lower(), "offset": offset, "length": len(text),
         "options": [{"text": option, "score": score, "freq": 9}] if option else []}
        for text, offset, option in entries]}}


def test_body_is_a_term_suggester_per_field_of_printed_words() -> None:
    body = suggest_body("Biffey Sportplatz", ["text.exact", "surroundings.exact"])
    assert body is not None and body["size"] == 0
    assert body["suggest"]["text"] == "Biffey Sportplatz"
    first, second = body["suggest"]["words0"]["term"], body["suggest"]["words1"]["term"]
    assert first["field"] == "text.exact" and first["suggest_mode"] == "popular"
    assert second["field"] == "surroundings.exact"
    assert suggest_body('"Biffey" -Sport', ["text.exact"]) is None


def test_the_best_suggestion_of_any_field_wins() -> None:
    text = "Biffey sagte"
    in_text = _answer(("Biffey", 0, "kiffe"), name="words0", score=0.6)
    around = _answer(("Biffey", 0, "giffey"), name="words1", score=0.8)
    answer = {"suggest": {**in_text["suggest"], **around["suggest"]}}
    assert corrected_text(text, answer) == "Giffey sagte"


def test_words_are_replaced_in_place_with_their_capitals() -> None:
    text = "Biffey und sportplaz"
    answer = _answer(("Biffey", 0, "giffey"), ("und", 7, None), ("sportplaz", 11, "sportplatz"))
    assert corrected_text(text, answer) == "Giffey und sportplatz"


def test_phrases_and_exclusions_are_left_alone() -> None:
    text = '"Biffey" -Kiffey Wegnr'
    answer = _answer(("Biffey", 1, "giffey"), ("Kiffey", 10, "giffey"),
                     ("Wegnr", 17, "wegner"))
    assert corrected_text(text, answer) == '"Biffey" -Kiffey Wegner'


def test_no_suggestion() -> None:
    assert corrected_text("Giffey", _answer(("Giffey", 0, None))) is None
    assert corrected_text("Giffey", {}) is None
    # offsets that do not fit the text (characters beyond the BMP) are ignored
    assert corrected_text("😀 Biffey", _answer(("Biffey", 3, "giffey"))) is None
