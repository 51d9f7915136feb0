"""marshmallow schemas derived from the document classes of :mod:`search_service.documents`.

A response shows every field the document marks for the API, with its type, whether it may
be null, its description and (for enums) its values, so the OpenAPI document and the JSON
bodies follow the one definition of each document.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Any

from marshmallow import Schema, fields

from search_service.document_model import FieldInfo, api_fields

_SCALARS: dict[Any, type[fields.Field[Any]]] = {
    str: fields.String, int: fields.Integer, float: fields.Float, bool: fields.Boolean}


def _one(info: FieldInfo, base: type[Schema], **options: Any) -> fields.Field[Any]:
    if info.nested is not None:
        return fields.Nested(schema_for(info.nested, base=base), **options)
    if info.choices:
        return fields.String(**options)
    if typing.get_origin(info.kind) is dict:
        return fields.Dict(keys=fields.String(), values=fields.String(), **options)
    return _SCALARS.get(info.kind, fields.Raw)(**options)


def field_for(info: FieldInfo, base: type[Schema] = Schema) -> fields.Field[Any]:
    """The marshmallow field of one document field."""
    metadata: dict[str, Any] = {}
    if info.doc:
        metadata["description"] = info.doc
    if info.choices:
        metadata["enum"] = list(info.choices)
    required = not info.optional and not info.hit_only
    if info.many:
        return fields.List(_one(info, base), required=required, metadata=metadata)
    return _one(info, base, required=required, allow_none=info.optional, metadata=metadata)


@cache
def schema_for(document: type, *, base: type[Schema] = Schema,
               exclude: tuple[str, ...] = ()) -> type[Schema]:
    """The response schema of ``document`` (a subclass of ``base``)."""
    attrs: dict[str, Any] = {info.name: field_for(info, base) for info in api_fields(document)
                             if info.name not in exclude}
    suffix = "".join(part.title() for part in exclude)
    name = f"{document.__name__}{'Without' + suffix if suffix else ''}Schema"
    return type(name, (base,), attrs)
