"""Request arguments: URL arguments (and JSON bodies) in, typed search requests out.

The rules, written once here and used by the API (through :class:`Parser`, the webargs
parser of every flask-smorest ``@blp.arguments``) and by the HTML pages
(:func:`parse_args`):

- list filters (``speaker``, ``topic``, ...) repeat: ``?speaker=A&speaker=B``;
  a scalar given twice takes its last value;
- empty values (``?date_from=``, as sent by an empty form field) count as absent;
- unknown arguments are an error in the API and ignored on HTML pages, where browsers
  add their own;
- the first problem becomes a :class:`SearchInputError` naming the field: HTTP 400 with
  ``{"error": "invalid_request", "field": ..., "message": ...}`` (:mod:`web.errors`).

Every limit comes from :data:`search_service.limits.LIMITS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, ClassVar, NoReturn

from flask import Request
from marshmallow import (
    EXCLUDE,
    RAISE,
    Schema,
    ValidationError,
    fields,
    missing,
    post_load,
    types,
    validate,
)
from webargs.flaskparser import FlaskParser
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from search_service.errors import SearchInputError
from search_service.limits import LIMITS
from search_service.request import (
    KINDS,
    SORTS,
    UNDATED,
    QuoteSearch,
    ReleaseSearch,
    SpeakerQuery,
)

_VALUE = fields.String(validate=validate.Length(min=1, max=LIMITS.value_length))


def _list(inner: fields.Field[Any], description: str) -> fields.List[Any]:
    return fields.List(inner, metadata={"description": description}, load_default=list,
                       validate=validate.Length(max=LIMITS.filter_values))


def _values(description: str) -> fields.List[Any]:
    return _list(_VALUE, description)


class _Args(Schema):
    """URL arguments, loaded into ``made`` (the request type; a dict if None), lists as
    tuples. No argument is required: an absent one takes its ``load_default``
    (:func:`_defaults`) without marshmallow's pass over the field - loaded ``partial``,
    only the arguments given are deserialized and validated (2 of 13 on a typical
    search; marshmallow neither deserializes nor validates a default either)."""

    error_messages = {"unknown": "Unknown parameter."}  # noqa: RUF012 (marshmallow's API)
    made: ClassVar[Callable[..., Any] | None] = None

    class Meta:
        unknown = RAISE

    def load(self, data: Any, *, many: bool | None = None,
             partial: bool | types.StrSequenceOrSet | None = None,
             unknown: types.UnknownOption | None = None) -> Any:
        return super().load(data, many=many, partial=True if partial is None else partial,
                            unknown=unknown)

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> Any:
        for name, default in _defaults(type(self)).items():
            if name not in data:
                data[name] = default() if callable(default) else default
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return values if self.made is None else self.made(**values)


@cache
def _defaults(schema_class: type[_Args]) -> dict[str, Any]:
    """The ``load_default`` of each field of ``schema_class``, by attribute."""
    defaults = {}
    for name, field in schema_class._declared_fields.items():
        if field.required:
            raise TypeError(f"{schema_class.__name__}.{name}: URL arguments are loaded "
                            "partial, so none may be required")
        if field.load_default is not missing:
            defaults[field.attribute or name] = field.load_default
    return defaults


class _SearchArgs(_Args):
    q = fields.String(load_default="", validate=validate.Length(max=LIMITS.query_length),
                      metadata={"description": 'Words (German-aware), "exact phrases", '
                                "-excluded words, OR between alternatives."})
    topic = _values("Topic (repeatable; OR within, AND across filters).")
    keyword = _values("Publisher's own keyword, as printed (repeatable).")
    publisher = _values("Publishing organisation (repeatable).")
    year = _list(fields.Integer(validate=validate.Range(LIMITS.min_year, LIMITS.max_year)),
                 "Calendar year (repeatable).")
    date_from = fields.Date(load_default=None, metadata={"description": "ISO date, inclusive."})
    date_to = fields.Date(load_default=None, metadata={"description": "ISO date, inclusive."})
    undated = fields.String(load_default=None, validate=validate.OneOf(UNDATED),
                            metadata={"description": "Undated items: include (default "
                                      "without a date range), exclude, only."})
    sort = fields.String(load_default="relevance", validate=validate.OneOf(SORTS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=LIMITS.default_per_page,
                              validate=validate.Range(1, LIMITS.per_page))


class QuoteSearchArgs(_SearchArgs):
    speaker = _values("Speaker's canonical name (repeatable).")
    kind = _list(fields.String(validate=validate.OneOf(KINDS)),
                 "direct, indirect or statement.")
    made = QuoteSearch


class ReleaseSearchArgs(_SearchArgs):
    made = ReleaseSearch


class SpeakerSearchArgs(_Args):
    q = fields.String(load_default="", validate=validate.Length(max=LIMITS.value_length),
                      metadata={"description": "The start of words of the name (\"kor ste\" "
                                "finds Korinna Stephan), or a form it was printed in."})
    size = fields.Integer(load_default=LIMITS.default_speakers,
                          validate=validate.Range(1, LIMITS.per_page))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    made = SpeakerQuery


class SimilarArgs(_Args):
    size = fields.Integer(load_default=LIMITS.default_similar,
                          validate=validate.Range(1, LIMITS.similar))


def query_values(args: MultiDict[str, str], schema: Schema) -> dict[str, Any]:
    """``args`` as ``schema`` loads them: without empty values, lists for list fields
    (repeated arguments), the last value for the others; without ``lang``, the interface
    language that any URL may choose (:mod:`web.i18n`). A plain dict: marshmallow looks
    up every field, and each absent one raised werkzeug's ``BadRequestKeyError`` through
    webargs' proxy (17 exceptions for a search with two arguments)."""
    multiple = _multiple_keys(type(schema))
    values: dict[str, Any] = {}
    for key, value in args.items(multi=True):
        if value == "" or key == "lang":
            continue
        if key in multiple:
            values.setdefault(key, []).append(value)
        else:
            values[key] = value
    return values


@cache
def _multiple_keys(schema_class: type[Schema]) -> frozenset[str]:
    """The arguments of ``schema_class`` that may repeat, as webargs decides them."""
    return frozenset(MultiDictProxy(MultiDict(), schema_class()).multiple_keys)


def input_error(messages: Any, whole: str = "request") -> SearchInputError:
    """marshmallow's error messages as a :class:`SearchInputError` naming the first field
    (``whole`` for an error about the input as a whole)."""
    name, message = _first(messages, whole)
    return SearchInputError(name, message)


def _first(messages: Any, path: str) -> tuple[str, str]:
    if isinstance(messages, dict):
        key, value = next(iter(messages.items()))
        name = path if isinstance(key, int) or key == "_schema" else str(key)
        return _first(value, name)
    if isinstance(messages, list) and messages:
        return _first(messages[0], path)
    return path, str(messages)


def parse_args(schema: Schema, args: MultiDict[str, str], *, strict: bool = True) -> Any:
    """Load URL arguments with ``schema`` outside the API (HTML pages: ``strict=False``
    ignores unknown arguments); the first problem raises :class:`SearchInputError`."""
    try:
        return schema.load(query_values(args, schema), unknown=RAISE if strict else EXCLUDE)
    except ValidationError as error:
        raise input_error(error.messages) from None


class Parser(FlaskParser):
    """The webargs parser of the API blueprints: the rules above, and a JSON body that is
    not a JSON object is a 400 naming ``body``."""

    DEFAULT_VALIDATION_STATUS = 400

    def __init__(self) -> None:
        # The query string, like a JSON body, is loaded with the schemas' own ``unknown``
        # (RAISE): an unknown argument is a 400, not silently dropped.
        super().__init__(unknown=None)

    def load_querystring(self, req: Request, schema: Schema) -> Any:
        return query_values(req.args, schema)

    def load_json(self, req: Request, schema: Schema) -> Any:
        try:
            data = req.get_json(silent=True)  # None unless a JSON body (a 413 still raises)
        except RecursionError:
            raise SearchInputError("body", "The JSON is nested too deeply; send a JSON "
                                   "object.") from None
        if not isinstance(data, dict):
            raise SearchInputError("body", "Send a JSON object (Content-Type: "
                                   "application/json), like {\"text\": \"...\"}.")
        return data

    def handle_error(self, error: ValidationError, req: Request, schema: Schema, *,
                     error_status_code: int | None,
                     error_headers: Mapping[str, str] | None) -> NoReturn:
        messages: Any = error.messages
        whole = "request"
        if isinstance(messages, dict) and len(messages) == 1:
            # webargs nests the messages under their location: {"json": {"text": [...]}}
            location, messages = next(iter(messages.items()))
            whole = "body" if location == "json" else whole
        raise input_error(messages, whole)
