"""Search semantics on the real node with the fixture corpus (seed + corpus samples)."""

from __future__ import annotations

from datetime import date

import pytest

from search_service.errors import NotFound, SearchInputError
from search_service.request import QuoteSearch, ReleaseSearch, SpeakerQuery
from search_service.results import Quote
from search_service.search import Searcher
from search_service.speakers import get_speaker, list_speakers


def texts(items: list[Quote]) -> list[str]:
    return [q.text for q in items]


def facet(page: object, name: str) -> dict[str, tuple[int, bool]]:
    return {v.value: (v.count, v.selected) for v in page.facets[name]}  # type: ignore[attr-defined]


def test_inflected_query_finds_the_seed_quotes(searcher: Searcher) -> None:
    page = searcher.quotes(QuoteSearch(q="Integrationsplans"))
    assert page.total == 4
    assert {q.speaker.name for q in page.items if q.speaker} == {"Kai Klose"}
    assert facet(page, "speaker") == {"Kai Klose": (4, False)}
    # the base form and a compound part find the same quotes
    base = searcher.quotes(QuoteSearch(q="integrationsplan"))
    assert base.total >= 4 and facet(base, "speaker").keys() == {"Kai Klose"}
    assert searcher.quotes(QuoteSearch(q="konferenz")).total >= 1


def test_phrase_search_is_exact_and_ordered(searcher: Searcher) -> None:
    page = searcher.quotes(QuoteSearch(q='"starkes Signal"'))
    assert page.items[0].text.count("starkes Signal") == 1
    assert all("starkes Signal" in q.text or "starkes Signal" in q.context
               for q in page.items)
    assert searcher.quotes(QuoteSearch(q='"Signal starkes"')).total == 0
    assert searcher.quotes(QuoteSearch(q="„starkes Signal“")).total == page.total


def test_exclusion_and_or(searcher: Searcher) -> None:
    both = searcher.quotes(QuoteSearch(q="Integration"))
    without = searcher.quotes(QuoteSearch(q="Integration -Hessen"))
    assert 0 < without.total < both.total
    assert not any("Hessen" in q.text or "Hessen" in q.context for q in without.items)
    either = searcher.quotes(QuoteSearch(q="Nachbarschaft OR Demokratie"))
    assert either.total == (searcher.quotes(QuoteSearch(q="Nachbarschaft")).total
                            + searcher.quotes(QuoteSearch(q="Demokratie")).total)


def test_each_filter_narrows(searcher: Searcher) -> None:
    every = searcher.quotes(QuoteSearch(per_page=100))
    assert every.total == len(every.items) > 20
    cases = {
        "speaker": ("Frank Ebert",), "topic": ("Wohnen",), "keyword": ("Bauen",),
        "kind": ("indirect",),
        "publisher": ("Bezirksamt Spandau von Berlin",), "year": (2023,),
    }
    for name, values in cases.items():
        page = searcher.quotes(QuoteSearch(per_page=100, **{name: values}))
        assert 0 < page.total < every.total, name
    ebert = searcher.quotes(QuoteSearch(speaker=("Frank Ebert",), per_page=100))
    assert {q.speaker.name for q in ebert.items if q.speaker} == {"Frank Ebert"}
    indirect = searcher.quotes(QuoteSearch(kind=("indirect",), per_page=100))
    assert {q.kind for q in indirect.items} == {"indirect"}


def test_dates_range_and_undated(searcher: Searcher) -> None:
    ranged = searcher.quotes(QuoteSearch(date_from=date(2022, 1, 1), date_to=date(2023, 3, 1),
                                         per_page=100))
    assert ranged.total > 0
    assert all(q.date and "2022-01-01" <= q.date <= "2023-03-01" for q in ranged.items)
    undated = searcher.quotes(QuoteSearch(undated="only", per_page=100))
    assert undated.total == 5 and all(q.date is None for q in undated.items)
    with_undated = searcher.quotes(QuoteSearch(date_from=date(2022, 1, 1),
                                               date_to=date(2023, 3, 1), undated="include"))
    assert with_undated.total == ranged.total + 5
    dated = searcher.quotes(QuoteSearch(undated="exclude"))
    assert dated.total == searcher.quotes(QuoteSearch()).total - 5


def test_facet_counts_keep_other_values_of_the_selected_facet(searcher: Searcher) -> None:
    plain = searcher.quotes(QuoteSearch())
    chosen = searcher.quotes(QuoteSearch(speaker=("Frank Ebert",)))
    assert chosen.total == facet(plain, "speaker")["Frank Ebert"][0]
    speakers = facet(chosen, "speaker")
    # the speaker facet ignores its own selection: the others stay, with their counts
    assert speakers["Kai Klose"] == (5, False)
    assert speakers["Frank Ebert"] == (chosen.total, True)
    assert {k: c for k, (c, _) in speakers.items()} == {
        k: c for k, (c, _) in facet(plain, "speaker").items()}
    # ...while the other facets count only Frank Ebert's quotes
    assert facet(chosen, "publisher") == {
        "Beauftragter zur Aufarbeitung der SED-Diktatur": (chosen.total, False)}
    two = searcher.quotes(QuoteSearch(speaker=("Frank Ebert", "Kai Klose")))
    assert two.total == chosen.total + 5  # OR within a facet
    narrowed = searcher.quotes(QuoteSearch(speaker=("Frank Ebert", "Kai Klose"),
                                           year=(2023,)))
    assert narrowed.total == chosen.total  # AND across facets
    assert facet(narrowed, "speaker")["Kai Klose"] == (0, True)  # undated: not in 2023
    years = facet(narrowed, "year")
    assert years["2023"] == (chosen.total, True) and years["undated"][0] == 5
    assert [m.value for m in narrowed.months] == ["2023-03"]


def test_date_sorting_with_undated_last(searcher: Searcher) -> None:
    newest = searcher.quotes(QuoteSearch(sort="newest", per_page=100)).items
    oldest = searcher.quotes(QuoteSearch(sort="oldest", per_page=100)).items
    dates_new = [q.date for q in newest if q.date]
    assert dates_new == sorted(dates_new, reverse=True)
    assert [q.date for q in oldest if q.date] == sorted(dates_new)
    assert newest[-1].date is None and oldest[-1].date is None
    assert newest[0].date == "2025-01-30"


def test_pagination_is_stable_and_complete(searcher: Searcher) -> None:
    total = searcher.quotes(QuoteSearch()).total
    seen: list[str] = []
    page = 1
    while True:
        result = searcher.quotes(QuoteSearch(sort="newest", page=page, per_page=7))
        if not result.items:
            break
        seen.extend(q.id for q in result.items)
        page += 1
    assert len(seen) == len(set(seen)) == total
    assert page - 1 == -(-total // 7)
    last = searcher.quotes(QuoteSearch(page=-(-total // 7), per_page=7))
    assert 0 < len(last.items) <= 7 and last.pages == page - 1
    assert searcher.quotes(QuoteSearch(page=100, per_page=100)).items == []


@pytest.mark.parametrize(("request_", "field"), [
    (QuoteSearch(per_page=101), "per_page"),
    (QuoteSearch(per_page=0), "per_page"),
    (QuoteSearch(page=0), "page"),
    (QuoteSearch(page=101, per_page=100), "page"),
    (QuoteSearch(q="x" * 501), "q"),
    (QuoteSearch(kind=("rumour",)), "kind"),
    (QuoteSearch(date_from=date(2023, 1, 2), date_to=date(2023, 1, 1)), "date_to"),
    (QuoteSearch(year=(1066,)), "year"),
])
def test_invalid_requests_name_the_field(searcher: Searcher, request_: QuoteSearch,
                                         field: str) -> None:
    with pytest.raises(SearchInputError) as error:
        searcher.quotes(request_)
    assert error.value.field == field


def test_highlights_are_escaped_by_elasticsearch(searcher: Searcher) -> None:
    page = searcher.quotes(QuoteSearch(q="klare Worte"))
    quote = page.items[0]
    assert "<script>" in quote.text  # the source text, as printed
    highlighted = quote.highlight["text"]
    assert "<script>" not in highlighted and "&lt;script&gt;" in highlighted
    assert "<mark>klare</mark>" in highlighted
    pieces = quote.text_segments
    assert "".join(p.text for p in pieces) == quote.text
    assert [p.text for p in pieces if p.marked] == ["klare", "Worte"]


def test_releases_are_searched_the_same_way(searcher: Searcher) -> None:
    page = searcher.releases(ReleaseSearch(q="Nachbarschaften"))
    assert page.total == 2
    assert "<mark>" in page.items[0].highlight.get("title", "") + page.items[0].highlight.get(
        "body", "")
    topics = {v.value: v.count for v in page.facets["topic"]}
    assert topics == {"Stadtentwicklung und Bauen": 2, "Wohnen": 2}  # the vocabulary's names
    keywords = {v.value: v.count for v in page.facets["keyword"]}
    assert keywords == {"Bauen": 2, "Stadtentwicklung": 2, "Wohnen": 2}  # as printed
    assert searcher.releases(ReleaseSearch(q='"Berlin Entwickelt Neue"')).total == 1
    white_house = searcher.releases(ReleaseSearch(publisher=("The White House",)))
    assert white_house.total == 3
    # English releases have no keywords; text cues give them the same German topics.
    assert {v.value for v in white_house.facets["topic"]} == {
        "Migration und Integration", "Sicherheit und Ordnung", "Gesundheit", "Verkehr",
        "Außenpolitik"}
    assert white_house.facets["keyword"] == []


def test_release_with_quotes_and_offsets(searcher: Searcher) -> None:
    quote = searcher.quotes(QuoteSearch(q="Integrationsplans", sort="oldest")).items[0]
    found = searcher.release(quote.release_id)
    assert found.release.title == "Fünfte Hessische Integrationskonferenz"
    assert len(found.quotes) == 5
    for item in found.quotes:
        assert found.release.body[item.start:item.end] == item.text
    with pytest.raises(NotFound):
        searcher.release("no-such-release")


def test_similar_quotes(searcher: Searcher) -> None:
    quote = searcher.quotes(QuoteSearch(q='"Hessischen Integrationsplans"')).items[0]
    similar = searcher.similar(quote.id)
    assert similar and quote.id not in {q.id for q in similar}
    assert similar[0].speaker and similar[0].speaker.name == "Kai Klose"


def test_speakers_from_aggregations(searcher: Searcher) -> None:
    found = list_speakers(searcher, SpeakerQuery(q="klose"))
    assert [s.id for s in found] == ["kai-klose"]
    klose = get_speaker(searcher, "kai-klose")
    assert klose.quote_count == 5 and klose.undated == 5
    assert {a.value: a.count for a in klose.aliases}["Kose"] == 1
    assert [r.value for r in klose.roles] == ["Staatssekretär"]
    ebert = get_speaker(searcher, "frank-ebert")
    assert ebert.months and ebert.months[0].value == "2023-03"
    with pytest.raises(NotFound):
        get_speaker(searcher, "nobody")


def test_export_applies_filters_and_cap(searcher: Searcher) -> None:
    request = QuoteSearch(speaker=("Frank Ebert",))
    exported = list(searcher.export_quotes(request))
    assert len(exported) == searcher.quotes(request).total
    assert len(list(searcher.export_quotes(QuoteSearch(), limit=3))) == 3


def test_selected_value_outside_the_top_values_keeps_its_real_count(
        es: object, corpus: object) -> None:
    """A facet lists its top values only; a selected value beyond them still shows its
    true count (not 0), so a journalist sees how many quotes the selection holds."""
    from search_service.facets import (
        Facet,
        facet_filters,
        facet_searches,
        merged_aggregations,
        read_facets,
    )

    narrow = Facet("speaker", "speaker.name.keyword", size=1)
    request = QuoteSearch(speaker=["Kai Klose", "Frank Ebert"])
    query, aggs, searches = facet_searches([narrow], request, {"bool": {}},
                                           facet_filters([narrow], request))
    responses = [es.search(index=corpus.alias("quotes"),  # type: ignore[attr-defined]
                           **body) for body in [{"query": query, "aggs": aggs, "size": 0},
                                                *searches]]
    merged = merged_aggregations([response["aggregations"] for response in responses])
    values = {v.value: v.count for v in read_facets([narrow], request, merged)["speaker"]}
    assert len(values) == 2 and all(count > 0 for count in values.values())
