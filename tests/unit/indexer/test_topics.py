"""The topic vocabulary: publisher keywords and text cues in, curated German topics out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.topics import TopicVocabulary, fold
from search_service.errors import ConfigurationError

BUILT_IN = TopicVocabulary.default()


def _vocabulary(**rules: object) -> TopicVocabulary:
    return TopicVocabulary.from_data({
        "rules": rules,
        "topics": {
            "Migration und Integration": {
                "keywords": ["Integration", "Migration", "Ausländerangelegenheiten"],
                "cues": {"de": ["integration*", "geflüchtet*"], "en": ["immigra*"]}},
            "Verkehr": {"keywords": ["Verkehr", "Transport"],
                        "cues": {"de": ["verkehr*", "s bahn*"], "en": ["transit"]}},
            "Recht": {"keywords": ["Recht", "Gesetz"], "cues": {"de": ["gericht"]}},
        },
        "no_topic": {"Meldungsart": ["Termine", "Veranstaltungen"], "Personen": ["Böhm"],
                     "Zahlen und Kürzel": ["07"]},
    })


def test_a_keyword_maps_to_its_topic_whatever_its_case_and_diacritics() -> None:
    vocabulary = _vocabulary()
    assert vocabulary.from_keywords(["Verkehr"]) == ["Verkehr"]
    assert vocabulary.from_keywords(["VERKEHR", "auslanderangelegenheiten"]) == [
        "Verkehr", "Migration und Integration"]
    assert vocabulary.from_keywords(["AuslÃ¤nderangelegenheiten"]) == [
        "Migration und Integration"]  # UTF-8 read as Latin-1, as in the Berlin corpus
    assert vocabulary.from_keywords(["Verkehr #pm_sga"]) == ["Verkehr"]  # internal tag


def test_synonyms_merge_into_one_topic() -> None:
    vocabulary = _vocabulary()
    assert vocabulary.from_keywords(["Verkehr", "Transport"]) == ["Verkehr"]
    assert vocabulary.from_keywords(["Gesetz", "Recht"]) == ["Recht"]
    assert vocabulary.topics_for(["Integration", "Migration"], "Integrationsplan", "") == [
        "Migration und Integration"]


def test_release_types_people_numbers_and_unknown_keywords_map_to_nothing() -> None:
    vocabulary = _vocabulary()
    for keyword in ("Termine", "Veranstaltungen", "Böhm", "07", "Monika Herrmann",
                    "Lichtblick im Advent"):
        assert vocabulary.from_keywords([keyword]) == []
    assert vocabulary.unmapped_reason("termine") == "Meldungsart"
    assert vocabulary.is_reviewed("07") and not vocabulary.is_reviewed("Monika Herrmann")
    assert vocabulary.topics_for(["Termine", "07"], "Sommerfest", "Kommen Sie!") == []


def test_text_cues_assign_topics_when_the_keywords_give_none() -> None:
    vocabulary = _vocabulary()
    # Title matches count double: a title match and one in the body reach the score 3.
    assert vocabulary.from_text("Neuer Integrationsplan", "Die Integration gelingt.") == [
        "Migration und Integration"]
    assert vocabulary.from_text("Neues", "Verkehr, Verkehrswende, S-Bahn-Ring.") == ["Verkehr"]
    assert vocabulary.from_text("Neuer Integrationsplan", "") == []  # too weak alone
    assert vocabulary.from_text("Neues", "Einmal Verkehr.") == []
    # A whole-word cue does not match longer words ("gerichtet" is not "Gericht").
    assert vocabulary.from_text("Gericht", "Das Gericht hat an alle gerichtet.") == ["Recht"]
    assert vocabulary.from_text("Brief", "gerichtet, gerichtet, gerichtet") == []
    # The publisher's keywords win; cues only fill in when they map to nothing.
    text = ("Verkehr im Integrationsplan", "Verkehr, Verkehr und Integration.")
    assert vocabulary.topics_for(["Integration"], *text) == ["Migration und Integration"]
    assert vocabulary.topics_for(["Termine"], *text) == ["Verkehr", "Migration und Integration"]
    both = _vocabulary(cues_besides_keywords=True)
    assert both.topics_for(["Integration"], *text) == ["Migration und Integration", "Verkehr"]


def test_english_releases_get_the_same_german_topics() -> None:
    vocabulary = _vocabulary()
    assert vocabulary.from_text("Statement on Immigration Reform",
                                "Our immigration system and immigrants", "en") == [
        "Migration und Integration"]
    # English cues are not used on German text, and the other way round.
    assert vocabulary.from_text("Transit", "transit transit", "de") == []
    assert vocabulary.from_text("Verkehr", "Verkehr Verkehr", "en") == []
    assert vocabulary.from_text("Transit", "transit transit", None) == ["Verkehr"]


def test_the_built_in_vocabulary_is_german_and_maps_what_the_corpora_print() -> None:
    names = BUILT_IN.names
    assert 20 <= len(names) <= 40
    assert not any(c.isdigit() for name in names for c in name)
    assert not {"Foreign Policy", "Health", "Economy", "Climate", "Immigration"} & set(names)
    assert BUILT_IN.from_keywords(["Foreign Policy"]) == ["Außenpolitik"]
    assert BUILT_IN.from_keywords(["Umwelt", "Umwelt und Klima", "Natur"]) == [
        "Umwelt und Klima"]
    assert BUILT_IN.from_keywords(["Sicherheit", "Sicherheit und Ordnung"]) == [
        "Sicherheit und Ordnung"]
    assert BUILT_IN.from_keywords(["Geld", "Finanzen"]) == ["Finanzen"]
    assert BUILT_IN.from_keywords(["Gesetz", "Recht"]) == ["Recht"]
    assert BUILT_IN.from_keywords(["Integration"]) == ["Migration und Integration"]
    for keyword in ("Termine", "Veranstaltungen", "Bürgermeisterreden", "Bezirke", "07",
                    "Monika Herrmann", "Senatskanzlei"):
        assert BUILT_IN.from_keywords([keyword]) == [], keyword
        assert BUILT_IN.is_reviewed(keyword), keyword
    assert BUILT_IN.topics_for([], "Statement on the Foreign Policy of the United States",
                               "Our diplomats and ambassadors met in Kyiv.", "en") == [
        "Außenpolitik"]
    assert "Migration und Integration" in BUILT_IN.topics_for(
        [], "Immigration Reform", "immigrants and refugees at the border", "en")


def test_fold() -> None:
    assert fold("Bürger_innen-Beteiligung #pm_x") == "burger innen beteiligung"
    assert fold("Städtepartnerschaft") == fold("Staedtepartnerschaft")
    assert fold("BÃ¼rgerservice") == fold("Bürgerservice")


def test_topic_names_and_files_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a topic name"):
        TopicVocabulary.from_data({"topics": {"07": {"keywords": ["07"]}}})
    with pytest.raises(ValueError, match="under a topic and under no_topic"):
        TopicVocabulary.from_data({"topics": {"Recht": {"keywords": ["Gesetz"]}},
                                   "no_topic": {"Meldungsart": ["gesetz"]}})
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"Topic": ["old", "format"]}))
    with pytest.raises(ConfigurationError, match='"topics"'):
        TopicVocabulary.load(path)
    path.write_text(json.dumps({"topics": {"Recht": {"keywords": "Gesetz"}}}))
    with pytest.raises(ConfigurationError, match="lists of strings"):
        TopicVocabulary.load(path)
    path.write_text("{")
    with pytest.raises(ConfigurationError, match="cannot be read"):
        TopicVocabulary.load(path)
    path.write_text(json.dumps({"topics": {"Recht": {"keywords": ["Gesetz"]}}}))
    assert TopicVocabulary.load(path).from_keywords(["gesetz"]) == ["Recht"]
