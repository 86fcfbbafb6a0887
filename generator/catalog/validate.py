"""Raw documents → a typed, cross-checked Catalog, or every problem found on the way."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..licenses import LicenseRegistry
from ..problems import CatalogError, Problem
from ..schema import Entry
from .kinds import BY_FOLDER, KINDS
from .load import RawEntry, load_catalog
from .yaml_reader import Path as DocPath, dotted


@dataclass
class Catalog:
    entries: dict[str, dict[str, Entry]]  # folder → id → entry
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (folder, id) → file
    licenses: LicenseRegistry = None  # type: ignore[assignment]

    def of(self, folder: str) -> dict[str, Entry]:
        return self.entries[folder]

    def all(self) -> Iterable[tuple[str, str, Entry]]:
        for folder, entries in self.entries.items():
            for entry_id, entry in entries.items():
                yield folder, entry_id, entry


def load_and_validate(root: Path) -> Catalog:
    """The whole front half of the pipeline; raises CatalogError with every problem."""
    raws, problems = load_catalog(root)
    catalog, schema_problems = _validate_schemas(raws)
    problems += schema_problems
    problems += cross_check(catalog, {(r.kind.folder, r.id): r for r in raws})
    if problems:
        raise CatalogError(problems)
    return catalog


def _validate_schemas(raws: list[RawEntry]) -> tuple[Catalog, list[Problem]]:
    entries: dict[str, dict[str, Entry]] = {kind.folder: {} for kind in KINDS}
    paths: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    for raw in raws:
        try:
            entry = raw.kind.schema.model_validate(raw.document.data)
        except ValidationError as exc:
            problems.extend(_located(raw, exc))
            continue
        entries[raw.kind.folder][raw.id] = entry
        paths[(raw.kind.folder, raw.id)] = raw.path
    return Catalog(entries, paths), problems


def _located(raw: RawEntry, exc: ValidationError) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        path = _data_path(raw.document.data, error["loc"], error["type"])
        found.append(Problem(raw.path, raw.document.line_of(path), dotted(path), _explain(raw, error)))
    return found


def _data_path(data: object, loc: tuple, error_type: str) -> DocPath:
    """Pydantic's loc also names union branches and validators; keep only what is in the file."""
    kept: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif error_type == "missing" and i == len(loc) - 1:
            pass
        else:
            break
        kept.append(part)
    return tuple(kept)


def _explain(raw: RawEntry, error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(raw.kind.schema, error["loc"][:-1])
        return f"unknown field; expected one of: {', '.join(allowed)}" if allowed else "unknown field"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, (str, int, float, bool)) and not isinstance(value, dict) and len(repr(value)) <= 80 and repr(value) not in message:
        message += f" (got {value!r})"
    return message


def _allowed_fields(schema: type, loc: tuple) -> list[str]:
    model = schema
    for part in loc:
        field_info = getattr(model, "model_fields", {}).get(part) if isinstance(part, str) else None
        if field_info is None:
            continue
        model = _inner_model(field_info.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _inner_model(annotation: object) -> type | None:
    from typing import get_args

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None


# --- cross-entry rules -------------------------------------------------------------------

Getter = Callable[[Entry], Iterable[tuple[DocPath, str | None]]]


def _field(name: str) -> Getter:
    def get(entry: Entry) -> Iterable[tuple[DocPath, str | None]]:
        value = getattr(entry, name)
        if isinstance(value, list):
            return [((name, i), v) for i, v in enumerate(value)]
        return [((name,), value)]

    return get


# (kind whose entries refer, which field, kind referred to).  Add a reference field here and
# the loader checks it, the renderer links it and back-links are computed from it.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("models", "datasets", "datasets"),
    ("models", "engines", "engines"),
    ("models", "benchmarks", "benchmarks"),
    ("models", "served_by", "services"),
    ("models", "base_model", "models"),
    ("datasets", "derived_from", "datasets"),
    ("engines", "based_on", "engines"),
    ("benchmarks", "datasets", "datasets"),
    ("services", "models", "models"),
    ("recipes", "engine", "engines"),
    ("recipes", "model", "models"),
    ("recipes", "uses", "engines"),
)

# References that must not loop back to where they started.
ACYCLIC = {("models", "base_model"), ("datasets", "derived_from"), ("engines", "based_on")}


def cross_check(catalog: Catalog, raws: dict[tuple[str, str], RawEntry]) -> list[Problem]:
    from ..mof.components import COMPONENTS

    component_slugs = {c.slug for c in COMPONENTS}

    # An entry that exists but failed its schema has been reported already; references to it
    # are not reported again.
    present = {folder: {i for (f, i) in raws if f == folder} for folder in catalog.entries}
    catalog.licenses = LicenseRegistry(catalog.of("licenses"), present["licenses"])
    problems: list[Problem] = []

    def report(folder: str, entry_id: str, path: DocPath, message: str) -> None:
        raw = raws[(folder, entry_id)]
        problems.append(Problem(raw.path, raw.document.line_of(path), dotted(path), message))

    for folder, field_name, target in REFERENCES:
        for entry_id, entry in catalog.of(folder).items():
            for path, ref in _field(field_name)(entry):
                if ref is None:
                    continue
                if ref not in present[target]:
                    report(folder, entry_id, path, f"no {BY_FOLDER[target].singular} with id {ref!r} (expected a file catalog/{target}/{ref}.yaml)")
                elif folder == target and ref == entry_id:
                    report(folder, entry_id, path, "an entry cannot refer to itself")

    for folder, field_name in ACYCLIC:
        for entry_id in catalog.of(folder):
            if (cycle := _cycle_from(catalog.of(folder), field_name, entry_id)) is not None:
                report(folder, entry_id, (field_name,), f"reference cycle: {' → '.join(cycle)}")

    for entry_id, model in catalog.of("models").items():
        for slug in model.components:
            if slug not in component_slugs:
                report("models", entry_id, ("components", slug), f"{slug!r} is not a Model Openness Framework component; see the methodology page for the list")

    for entry_id, recipe in catalog.of("recipes").items():
        model = catalog.of("models").get(recipe.model)
        if recipe.variant and model is not None and recipe.variant not in {v.id for v in model.variants}:
            report("recipes", entry_id, ("variant",), f"model {recipe.model!r} has no variant {recipe.variant!r}")

    for folder, entry_id, entry in catalog.all():
        if entry.updated and entry.updated < entry.added:
            report(folder, entry_id, ("updated",), "is before `added`")
        for path, expression in license_fields(folder, entry):
            _, errors = catalog.licenses.parse(expression)
            for error in errors:
                report(folder, entry_id, path, error)
    return problems


def license_fields(folder: str, entry: Entry) -> Iterable[tuple[DocPath, str]]:
    """Every licence expression an entry states, with where it states it."""
    if folder == "models":
        for name in ("weights", "code", "data", "documents"):
            yield ("license", name), getattr(entry.license, name)
        for slug, component in entry.components.items():
            if component.license:
                yield ("components", slug, "license"), component.license
        for i, variant in enumerate(entry.variants):
            if variant.license:
                yield ("variants", i, "license"), variant.license
    elif hasattr(entry, "license") and isinstance(entry.license, str):
        yield ("license",), entry.license


def _cycle_from(entries: dict[str, Entry], field_name: str, start: str) -> list[str] | None:
    trail = [start]
    seen = {start}
    frontier = [(start, trail)]
    while frontier:
        current, trail = frontier.pop()
        value = getattr(entries[current], field_name, None) if current in entries else None
        for ref in (value if isinstance(value, list) else [value] if value else []):
            if ref == start and current != start:
                return trail + [ref]
            if ref not in seen and ref in entries:
                seen.add(ref)
                frontier.append((ref, trail + [ref]))
    return None
