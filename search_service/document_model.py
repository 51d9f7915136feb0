"""How a document class says everything about a field once.

A document (:mod:`search_service.documents`) is a frozen dataclass. Each field is declared
with :func:`stored` (kept in the index: its Elasticsearch mapping, its description, whether
the API shows it and which export column it fills) or :func:`from_hit` (known only for a
search hit: score, highlight). From that one declaration this module derives

* the index mapping (:func:`mapping_of`) and the fields kept out of the stored ``_source``
  (:func:`source_excludes`),
* the ``_source`` to write (:func:`to_source`) and the object read back from a hit
  (:func:`read_source`, :func:`read_hit`), with enums and nested documents typed,
* a hit as the API shows its document, written straight from the hit (:func:`api_view`),
* the export columns (:func:`export_columns`),

and :mod:`web.schemas.responses` derives the API response schemas from the same fields
(:func:`api_fields`). Adding a field to a document is one line in
:mod:`search_service.documents`.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import MISSING, Field
from typing import Any, TypeVar

D = TypeVar("D")
Convert = Callable[[Any], Any]

# Field metadata keys.
_MAPPING, _DOC, _API, _COLUMN, _HIT = "mapping", "doc", "api", "column", "hit"
_SOURCE, _DERIVED = "source", "derived"


def stored(mapping: dict[str, Any] | None = None, doc: str = "", *, api: bool = True,
           column: str | None = None, derived: bool = False, source: bool = True,
           default: Any = MISSING, default_factory: Any = MISSING) -> Any:
    """A field kept in the index. ``mapping`` is its Elasticsearch mapping (``None`` for a
    nested document: derived from its class); ``column`` names the export column it fills
    (``None``: not exported); ``api=False`` keeps it out of API responses.
    ``derived``: computed from the other fields for search (:func:`derived_fields`), not
    part of the record itself. ``source=False`` (implies ``derived``): only searched, never
    read back - indexed from the document sent, but left out of the stored ``_source``
    (:func:`source_excludes`), so a hit does not carry it and a partial update would lose it
    (the document is written whole instead)."""
    metadata = {_MAPPING: mapping, _DOC: doc, _API: api, _COLUMN: column, _HIT: False,
                _SOURCE: source, _DERIVED: derived or not source}
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata=metadata)


def from_hit(doc: str, *, default: Any = MISSING, default_factory: Any = MISSING) -> Any:
    """A field a search hit carries besides the document (score, highlight)."""
    metadata = {_MAPPING: None, _DOC: doc, _API: True, _COLUMN: None, _HIT: True}
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata=metadata)


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One field of a document class, with its resolved type."""

    name: str
    kind: Any  # the annotation with ``None`` removed
    optional: bool
    many: bool  # a list of ``kind``
    nested: type | None  # a document class, for nested documents
    field: Field[Any]

    @property
    def hit_only(self) -> bool:
        return bool(self.field.metadata.get(_HIT))

    @property
    def doc(self) -> str:
        return str(self.field.metadata.get(_DOC, ""))

    @property
    def in_api(self) -> bool:
        return bool(self.field.metadata.get(_API, True))

    @property
    def in_source(self) -> bool:
        return bool(self.field.metadata.get(_SOURCE, True))

    @property
    def derived(self) -> bool:
        return bool(self.field.metadata.get(_DERIVED, False))

    @property
    def column(self) -> str | None:
        column = self.field.metadata.get(_COLUMN)
        return str(column) if column else None

    @property
    def choices(self) -> tuple[str, ...]:
        """The values of an enum field."""
        if isinstance(self.kind, type) and issubclass(self.kind, enum.Enum):
            return tuple(str(member.value) for member in self.kind)
        return ()


def _unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
    many = typing.get_origin(annotation) is list
    if many:
        (annotation,) = typing.get_args(annotation)
    return annotation, optional, many


_FIELDS: dict[type, tuple[FieldInfo, ...]] = {}
_PLANS: dict[type, tuple[tuple[str, Convert | None, FieldInfo], ...]] = {}


def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a document class, in declaration order."""
    if cls not in _FIELDS:
        _FIELDS[cls] = _read_fields(cls)
    return _FIELDS[cls]


def _read_fields(cls: type) -> tuple[FieldInfo, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for item in dataclasses.fields(cls):
        kind, optional, many = _unwrap(hints[item.name])
        nested = kind if dataclasses.is_dataclass(kind) and isinstance(kind, type) else None
        out.append(FieldInfo(item.name, kind, optional, many, nested, item))
    return tuple(out)


def api_fields(cls: type) -> Iterator[FieldInfo]:
    """The fields an API response shows."""
    return (info for info in fields_of(cls) if info.in_api)


def mapping_of(cls: type) -> dict[str, Any]:
    """The Elasticsearch ``properties`` of a document class."""
    properties: dict[str, Any] = {}
    for info in fields_of(cls):
        if info.hit_only:
            continue
        mapping = info.field.metadata.get(_MAPPING)
        if mapping is None and info.nested is not None:
            mapping = {"properties": mapping_of(info.nested)}
        if mapping is None:
            raise TypeError(f"{cls.__name__}.{info.name} has no mapping")
        properties[info.name] = mapping
    return properties


def source_excludes(cls: type) -> list[str]:
    """The fields of a document class kept out of the stored ``_source``."""
    return [info.name for info in fields_of(cls) if not info.in_source]


def derived_fields(cls: type) -> list[str]:
    """The fields of a document class computed from its other fields for search."""
    return [info.name for info in fields_of(cls) if info.derived]


def _value_to_source(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_source(value)
    if isinstance(value, list):
        return [_value_to_source(v) for v in value]
    return value


def to_source(document: Any) -> dict[str, Any]:
    """The ``_source`` to index: every stored field (those kept out of the stored
    ``_source`` too: they are indexed from it), enums as their values."""
    return {info.name: _value_to_source(getattr(document, info.name))
            for info in fields_of(type(document)) if not info.hit_only}


def _converter(info: FieldInfo) -> Convert | None:
    """How a stored value is read back; ``None``: as it is (most fields, so the common
    case costs no call)."""
    kind = info.kind
    one: Convert
    if info.nested is not None:
        nested = info.nested
        one = lambda value: read_source(nested, value)  # noqa: E731
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        # The member by a dict lookup (``Kind("direct")`` costs ten times as much);
        # a value no member has still raises the enum's own error.
        members = {member.value: member for member in kind}
        one = lambda value: members[value] if value in members else kind(value)  # noqa: E731
    elif kind in (int, float):
        one = kind  # the value read back typed: int("3")
    elif info.many:
        return lambda value: list(value or ())
    else:
        return None
    if info.many:
        return lambda value: [one(v) for v in value or ()]
    return lambda value: None if value is None else one(value)


def _absent(info: FieldInfo) -> Any:
    """What a field holds when an older document lacks it."""
    if info.field.default is not MISSING:
        return info.field.default
    if info.field.default_factory is not MISSING:
        return info.field.default_factory()
    if info.many:
        return []
    if info.optional:
        return None
    return {str: "", int: 0, float: 0.0}.get(info.kind)


def _plan(cls: type) -> tuple[tuple[str, Convert | None, FieldInfo], ...]:
    if cls not in _PLANS:
        _PLANS[cls] = tuple((info.name, _converter(info), info) for info in fields_of(cls)
                            if not info.hit_only)
    return _PLANS[cls]


def read_source(cls: type[D], source: dict[str, Any], **hit: Any) -> D:
    """The document of class ``cls`` stored as ``source``; ``hit`` gives hit-only fields."""
    values: dict[str, Any] = dict(hit)
    for name, convert, info in _plan(cls):
        raw = source.get(name)
        if raw is None and name not in source:
            values[name] = _absent(info)
        else:
            values[name] = raw if convert is None else convert(raw)
    return cls(**values)


def read_hit(cls: type[D], hit: dict[str, Any]) -> D:
    """The document of a search hit, with its score and highlight fragments."""
    return read_source(cls, hit["_source"], **_hit_values(hit))


def _hit_values(hit: dict[str, Any]) -> dict[str, Any]:
    """The values of the :func:`from_hit` fields."""
    return {"score": hit.get("_score"), "highlight": _highlight(hit)}


def _highlight(hit: dict[str, Any]) -> dict[str, str]:
    """One fragment string per base field; ``text.exact`` stands in for ``text``."""
    found: dict[str, str] = {}
    for name, fragments in (hit.get("highlight") or {}).items():
        base = name.removesuffix(".exact")
        if base not in found or name == base:
            found[base] = " … ".join(fragments)
    return found


class ApiView(dict[str, Any]):
    """A document as the API shows it, read straight from a hit (:func:`api_view`): the
    response dump (:mod:`web.serialize`) passes it on as it is."""


class ApiViews(list[dict[str, Any]]):
    """A list of values each as the API shows it, plain dicts (a page's facet values,
    :meth:`~search_service.facets.Facet.bucket_views`): the response dump passes the
    list on as it is. One mark for the list instead of one :class:`ApiView` a value: a
    dict display costs a tenth of making a dict subclass from keywords."""


_ABSENT_VIEW = object()


def api_view(cls: type, names: tuple[str, ...]) -> Callable[[dict[str, Any]], ApiView]:
    """``hit -> ApiView``: the fields ``names`` (in that order) of the hit's document as
    the API shows them, equal to dumping :func:`read_hit`'s document with the response
    schema :mod:`web.schemas.derived` makes of ``cls`` (``tests/unit/web/test_serialize.py``
    proves it) - without building the document and then reading it again: a results page
    of 17 quotes took 0.22 ms read and dumped, 0.07 ms this way."""
    view = _view_of(cls, names)
    return lambda hit: view(hit["_source"], hit)


def _view_of(cls: type, names: tuple[str, ...]) -> Callable[[Any, Any], ApiView]:
    """The generated ``(source, hit) -> ApiView`` of ``cls`` (a nested document's ``hit``
    is None): each field read as :func:`read_source` reads it, and written as the
    response schema's field writes it, one statement per field. A value that already has
    the field's plain type (a string, a number) is taken as it is after one test, and the
    view is made from a dict display at the end (46 -> 42 k instructions a quote)."""
    infos = {info.name: info for info in fields_of(cls)}
    namespace: dict[str, Any] = {"ApiView": ApiView, "_M": _ABSENT_VIEW,
                                 "_hit_values": _hit_values, "_text": _text}
    lines = ["def view(source, hit):", "    get = source.get"]
    if any(infos[name].hit_only for name in names):
        lines.append("    found = _hit_values(hit)")
    for i, name in enumerate(names):
        info = infos[name]
        if not info.in_api:
            raise TypeError(f"{cls.__name__}.{name} is not shown by the API")
        v = f"v{i}"
        one = _view_expression(info, i, namespace, "x" if info.many else v)
        if info.hit_only:
            lines += [f"    {v} = found[{name!r}]",
                      f"    if {v} is not None: {v} = {one}"]
        elif info.many:  # absent or null: a new empty list
            one = f"list({v})" if one == "x" else f"[{one} for x in {v}]"
            lines += [f"    {v} = get({name!r})", f"    {v} = [] if {v} is None else {one}"]
        else:
            namespace[f"absent{i}"] = _absent_view(info)
            read = f"{v} = absent{i} if {v} is _M else None if {v} is None else {one}"
            lines.append(f"    {v} = get({name!r}, _M)")
            if info.kind in (str, int, float, bool):  # the type the field writes as it is
                lines += [f"    if type({v}) is not {info.kind.__name__}:", f"        {read}"]
            else:
                lines.append(f"    {read}")
    lines.append("    return ApiView({" + ", ".join(
        f"{name!r}: v{i}" for i, name in enumerate(names)) + "})")
    exec(compile("\n".join(lines), f"<api view of {cls.__name__}>", "exec"), namespace)  # noqa: S102
    view: Callable[[Any, Any], ApiView] = namespace["view"]
    return view


def _view_expression(info: FieldInfo, i: int, namespace: dict[str, Any], v: str) -> str:
    """The expression writing one value (the variable ``v``, for a list field one
    element) of a field as the API does."""
    kind = info.kind
    if info.nested is not None:
        namespace[f"nested{i}"] = _view_of(info.nested, tuple(
            nested.name for nested in api_fields(info.nested)))
        return f"(None if {v} is None else nested{i}({v}, None))"
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        namespace[f"kind{i}"] = kind
        namespace[f"members{i}"] = {member.value: str(member) for member in kind}
        return f"(members{i}[{v}] if {v} in members{i} else str(kind{i}({v})))"
    if kind is str:
        return f"({v} if type({v}) is str else _text({v}))"
    if kind in (int, float, bool):
        namespace[f"kind{i}"] = kind
        return f"(None if {v} is None else kind{i}({v}))"
    if typing.get_origin(kind) is dict:
        return f"{{str(key): _text(item) for key, item in {v}.items()}}"
    return v


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _absent_view(info: FieldInfo) -> Any:
    """What the API shows for a field (not a list) an older document lacks (see
    :func:`_absent`)."""
    value = _absent(info)
    if isinstance(value, enum.Enum):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{info.name}: no API form for the default {value!r}")


def export_columns(cls: type) -> tuple[tuple[str, Callable[[Any], str]], ...]:
    """``(column, cell)`` pairs of a document class: each field with a ``column`` (those of a
    nested document in its place), the cell as text (lists joined with "; ")."""
    columns: list[tuple[str, Callable[[Any], str]]] = []
    for info in fields_of(cls):
        if info.nested is not None and not info.many:
            for column, cell in export_columns(info.nested):
                columns.append((column, _through(info.name, cell)))
        elif info.column:
            columns.append((info.column, _cell(info.name)))
    return tuple(columns)


def _through(name: str, cell: Callable[[Any], str]) -> Callable[[Any], str]:
    def read(document: Any) -> str:
        inner = getattr(document, name)
        return "" if inner is None else cell(inner)
    return read


def _cell(name: str) -> Callable[[Any], str]:
    def read(document: Any) -> str:
        value = getattr(document, name)
        if value is None:
            return ""
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        if isinstance(value, enum.Enum):
            return str(value.value)
        return str(value)
    return read
