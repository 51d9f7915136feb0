"""Schemas of the /healthz response."""

from __future__ import annotations

from marshmallow import Schema, fields


class IndexStatusSchema(Schema):
    kind = fields.String(required=True)
    alias = fields.String(required=True)
    index = fields.String(allow_none=True)
    documents = fields.Integer(required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"description": "ok or unavailable"})
    elasticsearch = fields.String(required=True)
    indices = fields.List(fields.Nested(IndexStatusSchema), required=True)
    message = fields.String(allow_none=True)
