"""Citations of a quote: a plain-text line and schema.org ``Quotation`` JSON-LD."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from search_service.results import Quote
from web.formatting import local_date


def plain_citation(quote: Quote, page_url: str) -> str:
    speaker = quote.speaker
    who = speaker.name if speaker else gettext("Unbekannt")
    if speaker and speaker.role:
        who = f"{who} ({speaker.role})"
    source = ", ".join(part for part in (
        quote.release_title, quote.publisher, local_date(quote.date, quote.date_precision))
        if part)
    lines = [gettext("%(who)s: „%(text)s“", who=who, text=quote.text),
             gettext("Quelle: %(source)s.", source=source)]
    if quote.source_url:
        lines.append(quote.source_url)
    lines.append(gettext("Zitiert nach Wortlaut: %(url)s", url=page_url))
    return "\n".join(lines)


def quotation_jsonld(quote: Quote, page_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": page_url,
        "url": page_url,
        "text": quote.text,
        "inLanguage": quote.language or "de",  # the quote's, not the page's
    }
    if quote.speaker:
        person: dict[str, Any] = {"@type": "Person", "name": quote.speaker.name}
        if quote.speaker.role:
            person["jobTitle"] = quote.speaker.role
        if quote.speaker.organization:
            person["affiliation"] = {"@type": "Organization",
                                     "name": quote.speaker.organization}
        data["spokenByCharacter"] = person
        data["creator"] = person
    if quote.date:
        data["dateCreated"] = quote.date
    work: dict[str, Any] = {"@type": "CreativeWork", "name": quote.release_title}
    if quote.source_url:
        work["url"] = quote.source_url
    if quote.publisher:
        work["publisher"] = {"@type": "Organization", "name": quote.publisher}
    data["isPartOf"] = work
    return data
