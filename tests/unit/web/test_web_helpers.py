"""Pure helpers of the web layer: highlight pieces, marking, charts, dates, filenames."""

from __future__ import annotations

from typing import Any

from search_service.facets import FacetValue
from search_service.request import QuoteSearch
from search_service.results import Quote, Segment, segments
from web.charts import month_chart
from web.export import export_filename
from web.formatting import local_date
from web.marking import context_pieces, paragraphs


def quote(**fields: Any) -> Quote:
    base: dict[str, Any] = dict(
        id="q", release_id="r", kind="direct", text="", speaker=None, cue=None, start=0,
        end=0, context="", context_start=0, date=None, date_precision=None, topics=[],
        publisher=None, language=None, release_title=None, source_url=None,
        confidence=None)
    base.update(fields)
    return Quote(**base)


def test_highlight_segments_unescape_only_between_marks() -> None:
    fragment = "a &lt;mark&gt; <mark>b&amp;c</mark> d"
    assert segments(fragment) == [Segment("a <mark> "), Segment("b&c", True), Segment(" d")]


def test_release_paragraphs_mark_quotes_in_place() -> None:
    body = "Erster Absatz.\n\nEr sagte: „Hallo Welt“. Ende.\n\nLetzter."
    start = body.index("Hallo")
    inner = quote(id="a", start=start, end=start + len("Hallo Welt"), text="Hallo Welt")
    whole = quote(id="b", start=0, end=len(body), kind="statement", text=body)
    result = paragraphs(body, [whole, inner])
    assert [[p.text for p in para] for para in result] == [
        ["Erster Absatz."], ["Er sagte: „", "Hallo Welt", "“. Ende."], ["Letzter."]]
    marked = result[1][1]
    assert marked.quote_id == "a" and marked.anchor


def test_context_pieces_check_offsets() -> None:
    good = quote(text="Welt", start=15, end=19, context="Er sagte Hallo Welt.",
                 context_start=0)
    assert [p.text for p in context_pieces(good)] == ["Er sagte Hallo ", "Welt", "."]
    bad = quote(text="Welt", start=3, end=7, context="Er sagte Hallo Welt.", context_start=0)
    assert [p.quote_id for p in context_pieces(bad)] == [None]


def test_month_chart_fills_gaps() -> None:
    chart = month_chart([FacetValue("2022-11", 2, False), FacetValue("2023-02", 4, False)])
    assert chart is not None and len(chart.bars) == 4 and chart.peak == 4
    assert [b.count for b in chart.bars] == [2, 0, 0, 4]
    assert chart.bars[0].label == "November 2022"
    assert month_chart([]) is None


def test_dates_respect_precision_in_german_outside_a_request() -> None:
    assert local_date("2022-11-01", "day") == "1. November 2022"
    assert local_date("2022-11-01", "month") == "November 2022"
    assert local_date("2022-01-01", "year") == "2022"
    assert local_date(None) == "undatiert"


def test_export_filename_carries_the_query() -> None:
    name = export_filename(QuoteSearch(q='"Integrationsplan" Hessen/../ä', speaker=("Kai Klose",)),
                           "csv")
    assert name.startswith("wortlaut-zitate-integrationsplan-hessen-ae-kai-klose-")
    assert name.endswith(".csv") and "/" not in name
    assert export_filename(QuoteSearch(), "json").startswith("wortlaut-zitate-alle-")
