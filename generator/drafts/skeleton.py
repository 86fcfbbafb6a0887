"""A commented catalog entry, written from the kind's schema: every field, what it means, whether it is required.

`render(kind, values, notes)` writes the entry as YAML text:
- a field with a value in `values` is written with it (nested mappings are filled field by field);
- a required field without one is left empty, for the contributor to fill (`atlas check` names it);
- an optional field without one is commented out, ready to uncomment.
Above each field, one comment from the schema (description, required or not, what to write),
then the lines of `notes[field]`: where a drafted value came from, what was found but not used.
"""
from __future__ import annotations

import datetime as dt
import textwrap

import yaml

from ..catalog.kinds import Kind
from ..catalog.validate import REFERENCES
from ..mof.components import COMPONENTS
from .describe import MISSING, FieldSpec, comment, fields_of, is_object, item_schema, type_hint, value_schema

WIDTH = 100
# Shown last: the bookkeeping every entry shares.
TAIL_FIELDS = ("sources", "added", "updated", "tags")


def modeline(kind: Kind) -> str:
    return f"# yaml-language-server: $schema=../../schemas/{kind.singular}.schema.json"


def render(kind: Kind, values: dict | None = None, notes: dict[str, list[str]] | None = None,
           header: list[str] | None = None) -> str:
    schema = kind.schema.model_json_schema()
    writer = _Writer(schema.get("$defs", {}), kind, notes or {})
    lines = [modeline(kind)]
    lines += [f"# {line}" if line else "#" for line in header or _default_header(kind)]
    specs = fields_of(schema, writer.defs)
    specs = [s for s in specs if s.name not in TAIL_FIELDS] + [s for s in specs if s.name in TAIL_FIELDS]
    for spec in specs:
        lines.append("")
        lines += writer.field(spec, (values or {}).get(spec.name, MISSING), indent=0, top=True)
    return "\n".join(lines) + "\n"


def default_values(kind: Kind, today: dt.date | None = None) -> dict:
    """What a new entry of any kind can say for sure: the day it joins the catalog."""
    return {"added": today or dt.date.today()}


def _default_header(kind: Kind) -> list[str]:
    return [
        f"A {kind.singular} entry of Open Model Atlas. The id is the file name.",
        "Fill every empty field; uncomment an optional field to use it. Every fact a reader might doubt",
        "needs a source (in `sources`, with `about:` saying what you read there); write `unknown`",
        "rather than guess. Then run `atlas check`. CONTRIBUTING.md walks through it.",
    ]


class _Writer:
    def __init__(self, defs: dict, kind: Kind, notes: dict[str, list[str]]):
        self.defs = defs
        self.kind = kind
        self.notes = notes
        self.refers = {field: target for folder, field, target in REFERENCES if folder == kind.folder}

    # --- one field ---------------------------------------------------------------------------

    def field(self, spec: FieldSpec, value: object, indent: int, top: bool = False) -> list[str]:
        pad = " " * indent
        refers_to = self.refers.get(spec.name) if top else None
        out = _wrap(comment(spec, spec.schema, self.defs, refers_to), pad)
        for note in self.notes.get(spec.name, []) if top else []:
            out += _wrap(f"↳ {note}", pad)
        if top and self.kind.folder == "models" and spec.name == "components":
            return out + self._components(spec, value if isinstance(value, dict) else {}, indent)
        if value is not MISSING:
            return out + self._filled(spec, value, indent)
        if spec.required:
            return out + self._placeholder(spec, indent)
        return out + self._commented(spec, indent)

    def _filled(self, spec: FieldSpec, value: object, indent: int) -> list[str]:
        pad = " " * indent
        schema = spec.schema
        if isinstance(value, dict) and is_object(schema):
            return [f"{pad}{spec.name}:"] + self._object(schema, value, indent + 2)
        item = item_schema(schema, self.defs)
        if isinstance(value, list) and value and item is not None and is_object(item):
            out = [f"{pad}{spec.name}:"]
            for entry in value:
                out += _as_item(self._plain_object(item, entry, indent + 4), indent + 2)
            return out
        return [f"{pad}{spec.name}: {_flow(value)}"]

    def _placeholder(self, spec: FieldSpec, indent: int) -> list[str]:
        pad = " " * indent
        schema = spec.schema
        if is_object(schema):
            return [f"{pad}{spec.name}:"] + self._object(schema, {}, indent + 2)
        item = item_schema(schema, self.defs)
        if item is not None and is_object(item):
            return [f"{pad}{spec.name}:"] + _as_item(self._object(item, {}, indent + 4), indent + 2)
        if item is not None:
            return [f"{pad}{spec.name}: []"]
        return [f"{pad}{spec.name}:"]

    def _commented(self, spec: FieldSpec, indent: int) -> list[str]:
        """An optional field, commented out; its own fields carry their comments at the line's end."""
        pad = " " * indent
        schema = spec.schema
        item = item_schema(schema, self.defs)
        value = value_schema(schema, self.defs)
        if is_object(schema):
            body = self._outline(schema, indent + 2)
        elif item is not None and is_object(item):
            body = _as_item(self._outline(item, indent + 4), indent + 2)
        elif value is not None and is_object(value):
            body = [f"{pad}  <id>:"] + self._outline(value, indent + 4)
        else:
            default = spec.default
            shown = "" if default is MISSING or default is None else f" {_flow(default)}"
            if item is not None and not shown:
                shown = " []"
            return [f"{pad}# {spec.name}:{shown}"]
        return [f"{pad}# {spec.name}:"] + [_comment_out(line, indent) for line in body]

    # --- objects -----------------------------------------------------------------------------

    def _object(self, schema: dict, values: dict, indent: int) -> list[str]:
        out: list[str] = []
        for spec in fields_of(schema, self.defs):
            out += self.field(spec, values.get(spec.name, MISSING), indent)
        return out

    def _plain_object(self, schema: dict, values: dict, indent: int) -> list[str]:
        """A filled list item: its values only, in schema order."""
        out: list[str] = []
        for spec in fields_of(schema, self.defs):
            if spec.name in values:
                out += self._filled(spec, values[spec.name], indent)
        return out

    def _outline(self, schema: dict, indent: int) -> list[str]:
        """Every field of an object as `name:  # comment`, for a commented-out block."""
        pad = " " * indent
        out = []
        for spec in fields_of(schema, self.defs):
            need = "required" if spec.required else "optional"
            what = spec.description or type_hint(spec.schema, self.defs)
            out.append(f"{pad}{spec.name}:  # {need}; {what.rstrip('.')}")
        return out

    def _components(self, spec: FieldSpec, values: dict, indent: int) -> list[str]:
        pad = " " * indent
        component_schema = value_schema(spec.schema, self.defs) or {}
        out = _wrap("Each component has these fields:", pad)
        for field in fields_of(component_schema, self.defs):
            out += _wrap(comment(field, field.schema, self.defs), pad)
        out.append(f"{pad}{spec.name}:")
        for component in COMPONENTS:
            optional = "" if component.required else "; MOT does not require it"
            out += _wrap(f"{component.slug}: {component.description} (MOF class {component.mof_class}, "
                         f"{component.kind}{optional})", pad + "  ")
            given = values.get(component.slug) or {"status": "unknown"}
            out.append(f"{pad}  {component.slug}:")
            out += self._plain_object(component_schema, given, indent + 4)
        return out


# --- text helpers ------------------------------------------------------------------------------


def _wrap(text: str, pad: str) -> list[str]:
    lines = textwrap.wrap(text, width=max(40, WIDTH - len(pad) - 2), break_long_words=False, break_on_hyphens=False)
    return [f"{pad}# {lines[0]}"] + [f"{pad}#   {line}" for line in lines[1:]]


def _as_item(lines: list[str], indent: int) -> list[str]:
    """Turn an object's lines (indented by indent + 2) into one YAML list item: `- ` before its first key."""
    out, done = [], False
    for line in lines:
        stripped = line.lstrip()
        if not done and stripped and not stripped.startswith("#"):
            out.append(" " * indent + "- " + stripped)
            done = True
        else:
            out.append(line)
    return out


def _comment_out(line: str, indent: int) -> str:
    pad = " " * indent
    return f"{pad}# {line[indent:]}" if line.startswith(pad) else f"# {line}"


def _flow(value: object) -> str:
    if isinstance(value, str) and value == "":
        return "''"
    text = yaml.safe_dump(value, default_flow_style=True, width=1 << 30, allow_unicode=True, sort_keys=False)
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    return text.strip()
