"""English messages of the API and domain layer, shown in the interface's language.

``search_service`` (shared with the command line, free of Flask), marshmallow's validation and
werkzeug's HTTP errors word their messages in English; they reach the web edge as finished
text. Every such message is listed here once, as a template with ``{name}`` for its variable
parts; :func:`localize` recognises a message by its template and returns the template's
translation, filled with the same parts. A message not listed passes through unchanged.

These are the only English msgids of the catalogs (see :mod:`web.i18n`); ``de/messages.po``
translates them. ``tests/unit/web/test_i18n.py`` checks that every message the code raises is
listed, so a new or reworded one cannot stay English on a German page unnoticed.
"""

from __future__ import annotations

import functools
import re
from string import Formatter

from web.i18n import catalog, current_locale


def N_(message: str) -> str:
    """Marks ``message`` for ``pybabel extract``; translated later by :func:`localize`."""
    return message


TEMPLATES = (
    # web/errors.py: a client over its rate limit (web/rate_limits.py)
    N_("Too many requests from this client: at most {limit}. Try again later."),
    # search_service/request.py: a search request's values
    N_("The end date lies before the start date."),
    N_("Page {page} with {per_page} per page goes beyond the first {window} results. "
       "Narrow the search or use the export."),
    N_("The search text is {length} characters long; at most {limit} are allowed. "
       "Shorten it."),
    N_("Unknown sort {value}; use one of {choices}."),
    N_("Use one of {choices}."),
    N_("Must be between 1 and {max}."),
    N_("Pages are counted from 1."),
    N_("{year} is not a year between {min} and {max}."),
    N_("Unknown kind {value}; use one of {choices}."),
    N_("At most {max} characters."),
    N_("At most {max} values can be selected."),
    N_("Each value must be 1 to {max} characters long."),
    N_("Page {page} goes beyond the first {window} speakers. Narrow the name."),
    # web/schemas, web/verify.py, web/dates.py: arguments and JSON bodies
    N_("Unknown parameter."),
    N_("The JSON is nested too deeply; send a JSON object."),
    N_('Send a JSON object (Content-Type: application/json), like {{"text": "..."}}.'),
    N_('Send a JSON object like {{"text": "..."}}.'),
    N_("Enter the words to check."),
    N_("Use an ISO date (2018-06-14, 2018-06, 2018) or a range like 2018-01-01/2018-12-31."),
    N_("{value} is not a date in the calendar."),
    N_("The range ends before it starts."),
    # marshmallow's own messages, for the fields and validators the schemas use
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Unknown field."),
    N_("Invalid input type."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid date."),
    N_("Not a valid list."),
    N_("Shorter than minimum length {min}."),
    N_("Longer than maximum length {max}."),
    N_("Length must be between {min} and {max}."),
    N_("Length must be {equal}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min}."),
    N_("Must be less than or equal to {max}."),
    N_("Must be one of: {choices}."),
    # search_service/verification: why a verdict (the ``rule`` of a match)
    N_("nothing to compare"),
    N_("same words as the original (punctuation, quotation marks and case aside)"),
    N_("the claim is words {first}-{last} of a {total}-word original"),
    N_("no word in common"),
    N_("{score}/100 of the words agree, {changes} change(s)"),
    N_("best agreement {score}/100 is below {minimum}"),
    N_("{verdict}: the words are attributed to {speaker}, not to {claimed}"),
    # search_service/search.py, search_service/speakers.py: an unknown id ({label}: a phrase)
    N_("There is no {label} with the id {id}."),
    # search_service/client.py, web/backend.py, web/app.py: Elasticsearch not available
    N_("Elasticsearch at {where} did not answer in time. The search is unavailable for the "
       "moment; try again shortly."),
    N_("Cannot reach Elasticsearch at {where}. The search is unavailable for the moment; try "
       "again shortly, and check that the node runs (`wortlaut es status`)."),
    N_("The request to Elasticsearch at {where} failed ({reason}); try again shortly."),
    N_("The search indices do not exist yet. Index releases first: "
       "`wortlaut index data/samples`."),
    N_("Elasticsearch is overloaded or unavailable (HTTP {status}); try again shortly."),
    N_("Elasticsearch at {where} refused a request (HTTP {status}: {reason})."),
    N_("No Elasticsearch is configured and the local node is not running. Start the local "
       "node with `wortlaut es start` (or `make run`), or set WORTLAUT_ES_URL to the URL of an "
       "Elasticsearch 8 node, e.g. http://127.0.0.1:9200."),
    N_("Elasticsearch at {url} refused the credentials. Check WORTLAUT_ES_API_KEY or "
       "WORTLAUT_ES_USERNAME / WORTLAUT_ES_PASSWORD."),
    N_("Cannot reach Elasticsearch at {url} ({where}): {reason}. Check that it is running and "
       "that the URL is right; to use a local node instead, unset WORTLAUT_ES_URL and run "
       "`wortlaut es start`."),
    N_("Elasticsearch at {url} runs version {server}, but this Wortlaut speaks Elasticsearch "
       "{major}.x. Point WORTLAUT_ES_URL at an Elasticsearch {major} node."),
    N_("The German Hunspell dictionary is missing in {path} ({reason}). Install "
       "hunspell-de-de or set WORTLAUT_HUNSPELL_DIR."),
    N_("The German Hunspell dictionary {path} is missing. Install it (on Debian: "
       "`apt-get install hunspell-de-de`) or set WORTLAUT_HUNSPELL_DIR to the folder holding "
       "de_DE.aff and de_DE.dic."),
    N_("Elasticsearch at {url} is not answering."),
    # web/errors.py and werkzeug's descriptions of HTTP errors
    N_("An unexpected error occurred; it has been logged."),
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("The requested URL was not found on the server. If you entered the URL manually please "
       "check your spelling and try again."),
    N_("The method is not allowed for the requested URL."),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("The server encountered an internal error and was unable to complete your request. "
       "Either the server is overloaded or there is an error in the application."),
    N_("The server is temporarily unable to service your request due to maintenance downtime "
       "or capacity problems. Please try again later."),
)

# Words that stand for a variable part of a message above, translated on their own, each as it
# reads in its place there: "the local node" in "({where})", "an unnamed speaker" after
# "attributed to", a verdict before ":", an id's kind at the start of the German sentence.
PHRASES = (
    N_("the configured URL"),
    N_("the local node"),
    N_("an unnamed speaker"),
    N_("exact"),
    N_("fragment"),
    N_("altered"),
    N_("quote"),
    N_("release"),
    N_("speaker"),
)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each template with a pattern matching the messages it words."""
    compiled = []
    for template in TEMPLATES:
        pattern, seen = [], set()
        for literal, name, _spec, _conversion in Formatter().parse(template):
            pattern.append(re.escape(literal))
            if name is not None:
                pattern.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
                seen.add(name)
        compiled.append((template, re.compile("".join(pattern), re.DOTALL)))
    return tuple(compiled)


def localize(message: str, locale: str | None = None) -> str:
    """``message`` (English, from the layers below) in ``locale``, by default the current
    request's language."""
    return _localized(message, locale or current_locale())


@functools.lru_cache(maxsize=1024)
def _localized(message: str, locale: str) -> str:
    """The same few messages (a verification's rules) recur on every request, and trying
    each template costs more than translating: each wording is made once."""
    for template, pattern in _patterns():
        found = pattern.fullmatch(message)
        if found:
            messages = catalog(locale)
            parts = {name: messages.gettext(value) if value in PHRASES else value
                     for name, value in found.groupdict().items()}
            return messages.gettext(template).format(**parts)
    return message
