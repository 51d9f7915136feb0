"""Fast ``Schema.dump``: a marshmallow schema compiled once into plain conversions.

Profiling the search API showed marshmallow's per-field machinery (accessors, field
objects, nested schema instances) costing more per request than every other Python
layer together. The schemas stay the single definition of each response (OpenAPI is
generated from them); this module reads them once and produces the same output with
plain dict and attribute access. Schemas with hooks, ``data_key``, ``only``/``exclude``
or field types not handled here are dumped by marshmallow itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from marshmallow import Schema, fields, missing

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


def _field(field: fields.Field[Any]) -> Convert:
    # Order matters: Integer and Float are Numbers; check exact leaf types first.
    if isinstance(field, fields.Nested):
        nested = field.nested
        if not (isinstance(nested, type) and issubclass(nested, Schema)) or field.only \
                or field.exclude:
            raise Unsupported(repr(field))
        convert = _compile(nested)
        if field.many:
            return lambda value: None if value is None else [convert(v) for v in value]
        return lambda value: None if value is None else convert(value)
    if isinstance(field, fields.List):
        inner = _field(field.inner)
        return lambda value: None if value is None else [inner(v) for v in value]
    if type(field) is fields.Dict:
        if field.key_field is None and field.value_field is None:
            return lambda value: None if value is None else dict(value)
        key = _field(field.key_field) if field.key_field else _raw
        val = _field(field.value_field) if field.value_field else _raw
        return lambda value: None if value is None else {key(k): val(v)
                                                          for k, v in value.items()}
    simple: dict[type, Convert] = {fields.String: _plain(str), fields.Integer: _plain(int),
                                   fields.Float: _plain(float), fields.Boolean: _boolean,
                                   fields.Raw: _raw}
    exact = simple.get(type(field))
    if exact is None or getattr(field, "as_string", False) or getattr(field, "strict", False):
        raise Unsupported(repr(field))
    return exact


@cache
def _compile(schema_class: type[Schema]) -> Convert:
    schema = schema_class()
    if schema._hooks and any(schema._hooks.values()):
        raise Unsupported(schema_class.__name__)
    plan: list[tuple[str, str, Convert]] = []
    for name, field in schema.dump_fields.items():
        if (field.data_key not in (None, name) or field.dump_default is not missing
                or "." in (field.attribute or "")):
            raise Unsupported(f"{schema_class.__name__}.{name}")
        plan.append((name, field.attribute or name, _field(field)))

    def convert(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if isinstance(obj, dict):
            for name, attribute, change in plan:
                value = obj.get(attribute, _MISSING)
                if value is not _MISSING:
                    out[name] = change(value)
        else:
            for name, attribute, change in plan:
                value = getattr(obj, attribute, _MISSING)
                if value is not _MISSING:
                    out[name] = change(value)
        return out

    return convert


@cache
def _dumper(schema_class: type[Schema]) -> Convert:
    try:
        return _compile(schema_class)
    except Unsupported:
        instance = schema_class()
        return instance.dump


def dump(schema_class: type[Schema], obj: Any, *, many: bool = False) -> Any:
    """What ``schema_class(many=many).dump(obj)`` returns, without marshmallow's overhead."""
    convert = _dumper(schema_class)
    return [convert(item) for item in obj] if many else convert(obj)
