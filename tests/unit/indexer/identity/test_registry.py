"""The speaker registry joins mentions of one person and never two people."""

from __future__ import annotations

from indexer.documents import speaker_id
from indexer.identity import Mention, Registry, RoleSeen, build_registry
from indexer.identity.names import fold, name_key

WH = "The White House"
FK = "Bezirksamt Friedrichshain-Kreuzberg"


def mention(name: str, count: int = 1, *, publisher: str | None = WH, year: int | None = 2022,
            role: str | None = None, type_: str = "person") -> Mention:
    roles = (RoleSeen(role, None, f"{year}-01-01", f"{year}-12-31", count),) if role else ()
    return Mention(name, type_, publisher, year, count, ((name, count),), roles)  # type: ignore[arg-type]


def ids(registry: Registry, *names: str) -> set[str]:
    found = set()
    for name in names:
        hits = [i.id for i in registry.identities if any(m.name == name for m in i.mentions)]
        assert len(hits) == 1, (name, hits)
        found.add(hits[0])
    return found


def test_name_keys_fold_titles_suffixes_initials_and_short_forms() -> None:
    assert name_key("Joseph R. Biden, Jr.") == name_key("Joe Biden") == name_key("Joseph Biden")
    assert name_key("President Biden") == name_key("Biden")
    assert name_key("Jill Biden") != name_key("Joe Biden")
    assert name_key("Ursula von der Leyen").surname == "von der leyen"  # type: ignore[union-attr]
    assert fold("Kızıltepe") == fold("Kiziltepe") and fold("Keküllüoğlu") == fold("Keküllüoǧlu")


def test_biden_and_harris_variants_are_one_person_each_and_jill_biden_is_apart() -> None:
    registry = build_registry([
        mention("Joe Biden", 169, role="President"), mention("Joseph Biden", 38),
        mention("Joseph R. Biden, Jr.", 24), mention("Biden", 708, role="President"),
        mention("Jill Biden", 30, role="First Lady"), mention("Harris", 635, role="Vice President"),
        mention("Kamala Harris", 26, role="Vice President"),
    ], speaker_id)
    assert len(ids(registry, "Joe Biden", "Joseph Biden", "Joseph R. Biden, Jr.", "Biden")) == 1
    assert ids(registry, "Jill Biden").isdisjoint(ids(registry, "Joe Biden"))
    assert len(ids(registry, "Harris", "Kamala Harris")) == 1
    joe = registry.find("Joe Biden")[0]
    assert joe.name == "Joe Biden" and joe.count == 169 + 38 + 24 + 708
    rules = {d.mention.name: d.rule for d in joe.decisions}
    assert rules == {"Joe Biden": "same-name", "Joseph Biden": "name-variant",
                     "Joseph R. Biden, Jr.": "name-variant", "Biden": "surname-and-role"}


def test_three_herrmanns_stay_three_and_a_bare_surname_joins_by_period() -> None:
    registry = build_registry([
        mention("Monika Herrmann", 40, publisher=FK, year=2015),
        mention("Clara Herrmann", 30, publisher=FK, year=2022),
        mention("Kathrin Herrmann", 5, publisher="Bezirksamt Pankow", year=2022),
        mention("Herrmann", 7, publisher=FK, year=2014),
        mention("Herrmann", 3, publisher=FK, year=2022),
    ], speaker_id)
    assert len(ids(registry, "Monika Herrmann", "Clara Herrmann", "Kathrin Herrmann")) == 3
    monika = registry.find("Monika Herrmann")[0]
    clara = registry.find("Clara Herrmann")[0]
    assert [m.year for m in monika.mentions if m.name == "Herrmann"] == [2014]
    assert [m.year for m in clara.mentions if m.name == "Herrmann"] == [2022]


def test_an_ambiguous_surname_stays_apart_and_says_why() -> None:
    registry = build_registry([
        mention("Anna Stephan", 5, publisher=FK), mention("Bernd Stephan", 5, publisher=FK),
        mention("Stephan", 2, publisher=FK),
    ], speaker_id)
    assert len(ids(registry, "Anna Stephan", "Bernd Stephan", "Stephan")) == 3
    [decision] = registry.kept_apart("Stephan")
    assert decision.rule == "ambiguous-surname" and "Anna Stephan" in decision.detail


def test_a_surname_of_another_publisher_is_not_joined() -> None:
    registry = build_registry([mention("Anna Stephan", 5, publisher=FK),
                               mention("Stephan", 2, publisher="Bezirksamt Pankow")], speaker_id)
    assert len(ids(registry, "Anna Stephan", "Stephan")) == 2
    assert registry.kept_apart("Stephan")[0].rule == "no-full-name"


def test_spelling_variants_join_the_established_spelling() -> None:
    registry = build_registry([
        mention("Cansel Kiziltepe", 3, publisher="SenASGIVA"),
        mention("Cansel Kızıltepe", 40, publisher="SenASGIVA"),
        mention("Franziska Giffey", 90, publisher="Senatskanzlei"),
        mention("Franziska Giffei", 2, publisher="Senatskanzlei"),
    ], speaker_id)
    [kizil] = registry.find("Cansel Kiziltepe")
    assert kizil.name == "Cansel Kızıltepe"
    assert {d.rule for d in kizil.decisions} == {"same-name", "spelling-variant"}
    [giffey] = registry.find("Franziska Giffei")
    assert giffey.name == "Franziska Giffey"
    assert "typo-variant" in {d.rule for d in giffey.decisions}


def test_two_frequent_names_one_letter_apart_are_two_people() -> None:
    registry = build_registry([mention("Clara Herrmann", 30, publisher=FK),
                               mention("Klara Herrmann", 25, publisher=FK)], speaker_id)
    assert len(ids(registry, "Clara Herrmann", "Klara Herrmann")) == 2


def test_organisations_join_only_on_their_folded_name() -> None:
    registry = build_registry([
        mention("Robert Koch-Institut", 3, type_="organisation"),
        mention("Robert Koch-Institut", 2, type_="organisation", year=2021),
        mention("Robert Koch", 1),
    ], speaker_id)
    assert len(ids(registry, "Robert Koch-Institut")) == 1
    assert ids(registry, "Robert Koch-Institut") != ids(registry, "Robert Koch")


def test_role_at_a_date_follows_the_roles_over_time() -> None:
    registry = build_registry([
        mention("Franziska Giffey", 10, publisher="Bezirksamt Neukölln", year=2016,
                role="Bezirksbürgermeisterin"),
        mention("Franziska Giffey", 10, publisher="Senatskanzlei", year=2022,
                role="Regierende Bürgermeisterin"),
    ], speaker_id)
    [giffey] = registry.find("Franziska Giffey")
    assert giffey.role_at("2016-05-01") == "Bezirksbürgermeisterin"
    assert giffey.role_at("2022-05-01") == "Regierende Bürgermeisterin"
    assert giffey.role_at("2019-05-01") in {"Bezirksbürgermeisterin", "Regierende Bürgermeisterin"}


def test_the_same_mentions_give_the_same_identities_in_any_order() -> None:
    mentions = [mention("Joe Biden", 5, role="President"), mention("Biden", 9, role="President"),
                mention("Jill Biden", 2, role="First Lady")]
    first = build_registry(mentions, speaker_id)
    second = build_registry(list(reversed(mentions)), speaker_id)
    assert [(i.id, i.count) for i in first.identities] == \
        [(i.id, i.count) for i in second.identities]


def test_rows_printed_only_as_their_name_keep_no_forms_and_give_the_same_aliases() -> None:
    from indexer.identity.documents import registry_from_rows, speaker_document

    def row(name: str, count: int, printed: list[tuple[str, int]]) -> dict[str, object]:
        return {"name": name, "type": "person", "publisher": FK, "year": 2023, "count": count,
                "printed": printed, "roles": []}

    registry = registry_from_rows([
        row("Clara Herrmann", 3, [("Clara Herrmann", 3)]),
        row("Herrmann", 2, [("Herrmann", 1), ("Frau Herrmann", 1)]),
    ])
    mentions = {m.name: m for i in registry.identities for m in i.mentions}
    assert mentions["Clara Herrmann"].printed == ()
    assert mentions["Herrmann"].printed == (("Herrmann", 1), ("Frau Herrmann", 1))
    [identity] = registry.identities
    assert identity.aliases() == [("Clara Herrmann", 3), ("Frau Herrmann", 1), ("Herrmann", 1)]
    assert [(a.value, a.count) for a in speaker_document(identity).aliases] == \
        identity.aliases()
