"""Fast ``Schema.dump``: a marshmallow schema compiled once into plain conversions.

Profiling the search API showed marshmallow's per-field machinery (accessors, field
objects, nested schema instances) costing more per request than every other Python
layer together; on a page of 20 quotes the compiled dump is about 5x faster than
``QuoteListSchema().dump``. The schemas stay the single definition of each response
(the OpenAPI document is generated from them); this module reads them once, through
marshmallow's public API (``dump_fields``, the field classes and their options), and
produces the same output with plain dict and attribute access.

A schema is compiled only if it and every schema it nests declare no dump hooks
(``pre_dump``/``post_dump``) and use no ``data_key``, ``dump_default``, dotted
``attribute``, ``only``/``exclude`` or field type not handled here; otherwise
marshmallow dumps it. ``tests/unit/web/test_serialize.py`` proves identical output for every
response schema of the API.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

from search_service.document_model import ApiView, ApiViews, api_view

Convert = Callable[[Any], Any]
_MISSING = object()


class Unsupported(Exception):
    """The schema uses something this compiler does not reproduce exactly."""


def _plain(kind: type) -> Convert:
    return lambda value: None if value is None else kind(value)


def _boolean(value: Any) -> Any:
    return None if value is None else bool(value)


def _raw(value: Any) -> Any:
    return value


class _Never:
    """No value is of this type: the field always converts."""


# Fields whose value is one built-in type; a value already of that exact type is dumped as
# it is (not a str subclass such as an enum).
_TYPED: dict[type, type] = {fields.String: str, fields.Integer: int, fields.Float: float}
_AS_IS: dict[type, type] = {**_TYPED, fields.Boolean: bool}
_SIMPLE: dict[type, Convert] = {**{field: _plain(kind) for field, kind in _TYPED.items()},
                                fields.Boolean: _boolean, fields.Raw: _raw}


def _field(field: fields.Field[Any]) -> Convert:
    # Order matters: Integer and Float are Numbers; check exact leaf types last.
    if isinstance(field, fields.Nested):
        convert = compile_dump(_nested_schema(field))
        if field.many:
            return lambda value: None if value is None else [convert(v) for v in value]
        return lambda value: None if value is None else convert(value)
    if isinstance(field, fields.List):
        if type(field.inner) is fields.Nested and not field.inner.many:
            try:
                many = _compiled(_nested_schema(field.inner))[1]
            except Unsupported:
                pass
            else:
                return lambda value: (None if value is None else value
                                      if type(value) is ApiViews else many(value))
        inner = _field(field.inner)
        as_is = _AS_IS.get(type(field.inner))
        if as_is is not None:
            # Words of a diff, topics: each item already of its type, so no call per item.
            return lambda value: None if value is None else [
                v if type(v) is as_is else inner(v) for v in value]
        return lambda value: None if value is None else [inner(v) for v in value]
    if type(field) is fields.Dict:
        if field.key_field is None and field.value_field is None:
            return lambda value: None if value is None else dict(value)
        key = _field(field.key_field) if field.key_field else _raw
        val = _field(field.value_field) if field.value_field else _raw
        return lambda value: None if value is None else {key(k): val(v)
                                                          for k, v in value.items()}
    exact = _SIMPLE.get(type(field))
    if exact is None or getattr(field, "as_string", False):
        raise Unsupported(repr(field))
    return exact


def _nested_schema(field: fields.Nested) -> type[Schema]:
    nested = field.nested
    if not (isinstance(nested, type) and issubclass(nested, Schema)) or field.only \
            or field.exclude:
        raise Unsupported(repr(field))
    return nested


def compile_dump(schema_class: type[Schema]) -> Convert:
    """``obj -> schema_class().dump(obj)`` as plain conversions; :exc:`Unsupported` if the
    schema (or one it nests) needs marshmallow itself."""
    return _compiled(schema_class)[0]


@cache
def _compiled(schema_class: type[Schema]) -> tuple[Convert, Convert]:
    """:func:`compile_dump`'s conversion, and one of a list of such objects (each item as
    the conversion makes it, ``None`` as ``None``)."""
    hooks = schema_class.resolve_hooks()
    if hooks.get(PRE_DUMP) or hooks.get(POST_DUMP):
        raise Unsupported(f"{schema_class.__name__} declares dump hooks")
    # (name, attribute, conversion, the type a value already has when it needs none)
    plan: list[tuple[str, str, Convert, type]] = []
    for name, field in schema_class().dump_fields.items():
        if (field.data_key not in (None, name) or field.dump_default is not missing
                or "." in (field.attribute or "")):
            raise Unsupported(f"{schema_class.__name__}.{name}")
        plan.append((name, field.attribute or name, _field(field),
                     _AS_IS.get(type(field), _Never)))

    return _generated(schema_class.__name__, plan)


def _object_lines(plan: list[tuple[str, str, Convert, type]], pad: str, opening: str,
                  closing: list[str]) -> list[str]:
    """The common case, at indentation ``pad``: an object with every attribute of the plan,
    read directly and written as one dict display after ``opening``, then ``closing`` (a
    facet value dumped in 0.17 µs instead of 0.22, 0.20 instead of 0.28 with a speaker
    id). No lines where an attribute is no identifier."""
    if not all(attribute.isidentifier() for _, attribute, _, _ in plan):
        return []
    lines = [f"{pad}if not isinstance(obj, dict):", f"{pad}    try:"]
    lines += [f"{pad}        value{i} = obj.{attribute}"
              for i, (_, attribute, _, _) in enumerate(plan)]
    lines += [f"{pad}    except AttributeError:", f"{pad}        pass", f"{pad}    else:",
              f"{pad}        {opening}"]
    lines += [f"{pad}            {field!r}: value{i} if type(value{i}) is as_is{i} "
              f"else change{i}(value{i}),"
              for i, (field, _, _, _) in enumerate(plan)]
    return lines + [f"{pad}        {line}" for line in closing]


def _generated(name: str, plan: list[tuple[str, str, Convert, type]]
               ) -> tuple[Convert, Convert]:
    """The plan as straight-line Python (one statement per field, no loop over the plan):
    dumping a page of 20 quotes and about 140 facet values, and writing its JSON, took
    0.15 ms with the loop and 0.11 without (the bench's filter searches at 100k)."""
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "ApiView": ApiView}
    lines = ["def convert(obj):", "    if type(obj) is ApiView:", "        return obj"]
    lines += _object_lines(plan, "    ", "return {", ["}"])
    lines += ["    out = {}", "    if isinstance(obj, dict):"]
    # Else each value read if present: a dict's keys, an object's attributes.
    for read in ("obj.get({attribute!r}, _MISSING)", "getattr(obj, {attribute!r}, _MISSING)"):
        for i, (field, attribute, change, as_is) in enumerate(plan):
            namespace[f"change{i}"], namespace[f"as_is{i}"] = change, as_is
            lines += [f"        value = {read.format(attribute=attribute)}",
                      "        if value is not _MISSING:",
                      f"            out[{field!r}] = value if type(value) is as_is{i} "
                      f"else change{i}(value)"]
        lines += ["        return out", "    else:"]
    lines.pop()  # the last "else:"
    # A list of them (a page's 130 facet values, its hits): the common cases written out
    # in the loop, so an item costs no call.
    lines += ["def convert_many(values):", "    out = []", "    append = out.append",
              "    for obj in values:", "        if obj is None or type(obj) is ApiView:",
              "            append(obj)", "            continue"]
    lines += _object_lines(plan, "        ", "append({", ["})", "continue"])
    lines += ["        append(convert(obj))", "    return out"]
    exec(compile("\n".join(lines), f"<dump of {name}>", "exec"), namespace)  # noqa: S102
    return namespace["convert"], namespace["convert_many"]


def hit_view(schema_class: type[Schema], document: type) -> Callable[[dict[str, Any]], Any]:
    """``hit -> the hit's document as dumped by schema_class`` (a response schema of
    ``document``, :func:`web.schemas.derived.schema_for`), read straight from the hit
    (:func:`~search_service.document_model.api_view`); the dump passes it on unchanged."""
    return api_view(document, tuple(schema_class().dump_fields))


class FastDump:
    """A response schema for ``@blp.response``: dumps with the compiled plan of
    ``schema_class`` (or marshmallow's own dump if it cannot be compiled); ``schema`` is
    the marshmallow instance the OpenAPI document is generated from."""

    def __init__(self, schema_class: type[Schema]) -> None:
        self.schema = schema_class()
        try:
            self._convert: Convert = compile_dump(schema_class)
        except Unsupported:
            self._convert = self.schema.dump

    def dump(self, obj: Any, *, many: bool = False) -> Any:
        return [self._convert(item) for item in obj] if many else self._convert(obj)


@cache
def _fast(schema_class: type[Schema]) -> FastDump:
    return FastDump(schema_class)


def dump(schema_class: type[Schema], obj: Any, *, many: bool = False) -> Any:
    """What ``schema_class(many=many).dump(obj)`` returns, without marshmallow's overhead."""
    return _fast(schema_class).dump(obj, many=many)
