"""Query-string schemas: URL arguments in, typed search requests out.

List filters (``speaker``, ``topic``, ...) may repeat (``?speaker=A&speaker=B``).
Unknown arguments are an error in the API (``unknown="raise"``) and ignored on
HTML pages, where browsers add their own (``unknown="exclude"``).
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate
from werkzeug.datastructures import MultiDict

from search_service.errors import SearchInputError
from search_service.request import (
    KINDS,
    MAX_FILTER_VALUES,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_VALUE_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
    SORTS,
    UNDATED,
    QuoteSearch,
    ReleaseSearch,
    SpeakerQuery,
)

_VALUE = fields.String(validate=validate.Length(min=1, max=MAX_VALUE_LENGTH))


def _list(inner: fields.Field[Any], description: str) -> fields.List[Any]:
    return fields.List(inner, metadata={"description": description}, load_default=list,
                       validate=validate.Length(max=MAX_FILTER_VALUES))


def _values(description: str) -> fields.List[Any]:
    return _list(_VALUE, description)


class _SearchArgs(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=MAX_QUERY_LENGTH),
                      metadata={"description": 'Words (German-aware), "exact phrases", '
                                "-excluded words, OR between alternatives."})
    topic = _values("Topic (repeatable; OR within, AND across filters).")
    publisher = _values("Publishing organisation (repeatable).")
    year = _list(fields.Integer(validate=validate.Range(MIN_YEAR, MAX_YEAR)),
                 "Calendar year (repeatable).")
    date_from = fields.Date(load_default=None, metadata={"description": "ISO date, inclusive."})
    date_to = fields.Date(load_default=None, metadata={"description": "ISO date, inclusive."})
    undated = fields.String(load_default=None, validate=validate.OneOf(UNDATED),
                            metadata={"description": "Undated items: include (default "
                                      "without a date range), exclude, only."})
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORTS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, MAX_PER_PAGE))

    class Meta:
        unknown = RAISE

    def _tuples(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


class QuoteSearchArgs(_SearchArgs):
    speaker = _values("Speaker's canonical name (repeatable).")
    kind = _list(fields.String(validate=validate.OneOf(KINDS)),
                 "direct, indirect or statement.")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> QuoteSearch:
        return QuoteSearch(**self._tuples(data))


class ReleaseSearchArgs(_SearchArgs):
    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> ReleaseSearch:
        return ReleaseSearch(**self._tuples(data))


class SpeakerSearchArgs(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=MAX_VALUE_LENGTH),
                      metadata={"description": "Part of the name (or a printed form)."})
    size = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PER_PAGE))

    class Meta:
        unknown = RAISE

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> SpeakerQuery:
        return SpeakerQuery(**data)


class SimilarArgs(Schema):
    size = fields.Integer(load_default=10, validate=validate.Range(1, 50))

    class Meta:
        unknown = RAISE


def parse_args(schema: Schema, args: MultiDict[str, str], *, strict: bool = True) -> Any:
    """Load ``args`` with ``schema``; the first problem becomes a :class:`SearchInputError`.

    Empty values (``?date_from=``, as sent by an empty form field) count as absent.
    """
    data: dict[str, Any] = {}
    for key in args:
        declared = schema.fields.get(key)
        values = [v for v in args.getlist(key) if v != ""]
        if declared is None:
            if strict:
                raise SearchInputError(key, "Unknown parameter.")
            continue
        if not values:
            continue
        data[key] = values if isinstance(declared, fields.List) else values[-1]
    try:
        return schema.load(data, unknown=RAISE if strict else EXCLUDE)
    except ValidationError as error:
        name, message = _first(error.messages)
        raise SearchInputError(name, message) from None


def _first(messages: Any, path: str = "") -> tuple[str, str]:
    if isinstance(messages, dict):
        key, value = next(iter(messages.items()))
        name = path if isinstance(key, int) else str(key)
        return _first(value, name)
    if isinstance(messages, list) and messages:
        return _first(messages[0], path)
    return path or "request", str(messages)
