"""Every limit Wortlaut puts on a request, in one object.

The request schemas of :mod:`web`, the typed requests of :mod:`search_service.request`, the
searches, the export, verification and the index settings read their limits from
:data:`LIMITS`; each has its help text next to its value, and the README's "Limits" table is
:func:`limits_table` (a unit test keeps the two in step, like datasette's settings table).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def _limit(value: int, help: str, *, year: bool = False) -> int:
    return field(default=value, metadata={"help": help, "year": year})


@dataclass(frozen=True)
class Limits:
    """The limits; use the shared instance :data:`LIMITS`."""

    query_length: int = _limit(500, "characters of search text (`q`)")
    value_length: int = _limit(300, "characters of one filter value or speaker-name query")
    filter_values: int = _limit(50, "values selected in one filter (`speaker`, `topic`, ...)")
    per_page: int = _limit(100, "results per page (`per_page`, speakers' `size`)")
    default_per_page: int = _limit(20, "results per page when `per_page` is not given")
    result_window: int = _limit(10_000, "results reachable by paging (the indices' "
                                "`max_result_window`); beyond it, use the export")
    min_year: int = _limit(1900, "earliest year a filter or a release date may name", year=True)
    max_year: int = _limit(2100, "latest year a filter or a release date may name", year=True)
    facet_size: int = _limit(50, "values shown per facet")
    kind_facet_size: int = _limit(5, "values of the `kind` facet")
    speaker_values: int = _limit(20, "names as printed, roles, topics, ... listed per speaker")
    export_rows: int = _limit(5_000, "quotes in one export (CSV or JSON)")
    export_batch: int = _limit(500, "quotes fetched per request while exporting")
    quotes_per_release: int = _limit(1_000, "quotes shown with one release")
    similar: int = _limit(50, "quotes with similar wording (`size` of /similar)")
    default_similar: int = _limit(10, "similar quotes when `size` is not given")
    default_speakers: int = _limit(50, "speakers listed when `size` is not given")
    feed_entries: int = _limit(50, "quotes in one Atom feed (`/feeds/...`), newest first")
    claim_length: int = _limit(5_000, "characters of a claimed quote to verify")
    verify_candidates: int = _limit(25, "candidate quotes compared with one claim")
    verify_rescore_window: int = _limit(100, "best quotes of the cheap first pass of a "
                                        "verification rescored by phrase and inflection")
    request_body: int = _limit(256 * 1024, "bytes of a request body (HTTP 413 beyond)")
    keyword_length: int = _limit(200, "characters of one publisher keyword in release "
                                 "metadata (`keywords` or `topics`)")


LIMITS = Limits()


def limits_table() -> str:
    """The Markdown table of every limit, as the README shows it."""
    rows = ["| limit | value | what it bounds |", "| --- | --- | --- |"]
    for item in fields(Limits):
        value = getattr(LIMITS, item.name)
        rows.append(f"| `{item.name}` | {value if item.metadata['year'] else f'{value:,}'} | "
                    f"{item.metadata['help']} |")
    return "\n".join(rows)
