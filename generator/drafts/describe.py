"""What a field is, in words, read from the JSON Schema that pydantic makes of our models.

The skeleton's comments come from here, so they change when the schema changes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..schema.common import SLUG_PATTERN

LICENCE_HINT = "a licence: an SPDX expression (Apache-2.0, MIT AND CC-BY-4.0), LicenseRef-<id> of catalog/licenses/, unknown or none"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    schema: dict  # the property's schema, with null removed and $ref resolved
    required: bool
    default: object  # `MISSING` when the field has no default
    description: str | None


MISSING = object()


def resolve(schema: dict, defs: dict) -> dict:
    """The schema with `$ref` followed and `| None` removed; the outer description wins."""
    outer_description = schema.get("description")
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if len(options) == 1:
            schema = {**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]}
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[1]]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        if outer_description is None:
            outer_description = target.get("description")
    if outer_description:
        schema = {**schema, "description": outer_description}
    return schema


def fields_of(schema: dict, defs: dict) -> list[FieldSpec]:
    required = set(schema.get("required", []))
    return [
        FieldSpec(name, resolve(prop, defs), name in required, prop.get("default", MISSING), resolve(prop, defs).get("description"))
        for name, prop in schema.get("properties", {}).items()
    ]


def is_object(schema: dict) -> bool:
    return schema.get("type") == "object" and "properties" in schema


def item_schema(schema: dict, defs: dict) -> dict | None:
    return resolve(schema["items"], defs) if schema.get("type") == "array" and "items" in schema else None


def value_schema(schema: dict, defs: dict) -> dict | None:
    """For a mapping of id → object (components, determinism): the object's schema."""
    extra = schema.get("additionalProperties")
    return resolve(extra, defs) if schema.get("type") == "object" and isinstance(extra, dict) else None


def type_hint(schema: dict, defs: dict, refers_to: str | None = None) -> str:
    """One short phrase: what to write for a value of this schema."""
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    if (item := item_schema(schema, defs)) is not None:
        if is_object(item):
            return "a list of entries with the fields below"
        inner = type_hint(item, defs, refers_to)
        return f"a list; each {inner}"
    if (value := value_schema(schema, defs)) is not None:
        return "a mapping of id to entries with the fields below" if is_object(value) else "a mapping"
    if is_object(schema):
        return "the fields below"
    if "anyOf" in schema:
        types = {s.get("type") for s in schema["anyOf"]} - {"null"}
        if types == {"integer", "string"}:
            return "a number such as 7000000000, or '7B'"
        if schema.get("pattern", "").startswith("^\\d{4}"):
            return "a date: YYYY-MM-DD, YYYY-MM or YYYY"
    if schema.get("format") == "uri":
        return "an http(s) URL"
    if schema.get("format") == "date":
        return "a date, YYYY-MM-DD"
    if schema.get("pattern") == SLUG_PATTERN:
        return f"the id of an entry in catalog/{refers_to}/" if refers_to else "an id: lowercase letters, digits and single hyphens"
    if any(isinstance(e, str) and e.startswith("LicenseRef-") for e in schema.get("examples", [])):
        return LICENCE_HINT
    kind = schema.get("type")
    if kind == "boolean":
        return "true or false"
    if kind == "integer":
        return "a whole number"
    if kind == "string":
        if schema.get("pattern") == "^[^\\n\\r]*$":
            return "one line of text"
        if "pattern" in schema and "/" in schema["pattern"]:
            return "owner/name"
        if schema.get("maxLength", 0) > 1000:
            return "text; use a | block for several lines"
        return "text"
    return "a value"


def comment(spec: FieldSpec, schema: dict, defs: dict, refers_to: str | None = None) -> str:
    """`name — Required. Description. What to write.`"""
    if spec.required:
        need = "Required"
        if spec.schema.get("minItems"):
            need += ", at least one"
    elif spec.default is MISSING or spec.default in (None, [], {}):
        need = "Optional"
    else:
        need = f"Optional, default {_plain(spec.default)}"
    parts = [f"{spec.name} — {need}."]
    if spec.description:
        parts.append(_sentence(spec.description))
    hint = type_hint(schema, defs, refers_to)
    if hint not in ("the fields below", "text") or not spec.description:
        parts.append(hint[0].upper() + hint[1:] + ".")
    return " ".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
