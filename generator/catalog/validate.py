"""Raw documents → a typed, cross-checked Catalog, or every problem found on the way."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..licenses import LicenseRegistry
from ..parallel import map_chunks
from ..problems import CatalogError, Problem
from ..schema import SLUG_PATTERN, Entry
from .kinds import BY_FOLDER, KINDS
from .cache import EntryCache, content_key, pack_document, pack_entry, paused_gc, unpack_entry
from .entry_file import FileResult, check_files
from .load import EntryFile, RawEntry, list_entry_files
from .yaml_reader import PackedDocument, Path as DocPath, dotted


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


PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves


def load_and_validate(root: Path, cache_path: Path | None = None) -> Catalog:
    """The whole front half of the pipeline; raises CatalogError with every problem."""
    # Loading builds hundreds of thousands of long-lived objects and almost no cyclic garbage;
    # the collector would walk all of them again and again (a third of a cold check's time).
    with paused_gc():
        return _load_and_validate(root, cache_path)


def _load_and_validate(root: Path, cache_path: Path | None) -> Catalog:
    files, problems = list_entry_files(root)
    cache = EntryCache(cache_path, root.parent)
    results: dict[EntryFile, FileResult] = {}
    misses: list[tuple[EntryFile, str, tuple[str, str, bytes]]] = []
    for file in files:
        try:
            raw = file.path.read_bytes()
        except OSError as exc:
            problems.append(Problem(file.rel, 1, "", f"cannot be read: {exc.strerror}"))
            continue
        key = content_key(file.kind.folder, raw)
        if (hit := cache.get(key)) is not None:
            results[file] = FileResult(PackedDocument(hit[0]), unpack_entry(hit[1]))
        else:
            misses.append((file, key, (file.kind.folder, file.rel, raw)))
    for (file, key, _), result in zip(misses, _check_all([job for _, _, job in misses])):
        results[file] = result
        if result.entry is not None:
            cache.put(key, (pack_document(result.document), result.packed_entry or pack_entry(result.entry)))
    entries: dict[str, dict[str, Entry]] = {kind.folder: {} for kind in KINDS}
    paths: dict[tuple[str, str], str] = {}
    raws: dict[tuple[str, str], RawEntry] = {}
    for file, result in results.items():
        problems.extend(result.problems)
        if result.document is not None:
            raws[(file.kind.folder, file.id)] = RawEntry(file.kind, file.id, file.rel, result.document)
        if result.entry is not None:
            entries[file.kind.folder][file.id] = result.entry
            paths[(file.kind.folder, file.id)] = file.rel
    catalog = Catalog(entries, paths)
    problems += cross_check(catalog, raws, {(f.kind.folder, f.id) for f in files})
    if problems:
        raise CatalogError(problems)
    cache.save()
    return catalog


def _check_all(jobs: list[tuple[str, str, bytes]]) -> list[FileResult]:
    if len(jobs) < PARALLEL_THRESHOLD:
        return check_files(jobs)
    results = []
    for chunk in map_chunks(_check_chunk, jobs, PARALLEL_THRESHOLD):
        for result in chunk:  # while the workers check the next chunks
            if result.packed_entry is not None:
                result.entry = unpack_entry(result.packed_entry)
            results.append(result)
    return results


def _check_chunk(jobs: list[tuple[str, str, bytes]]) -> list[FileResult]:
    """check_files in a worker process; a valid entry and its document come back as the bytes
    the cache stores, which are cheaper to send than the objects, and need no packing again."""
    with paused_gc():
        results = check_files(jobs)
    for result in results:
        if result.entry is not None and result.document is not None:
            result.document = PackedDocument(pack_document(result.document))
            result.packed_entry, result.entry = pack_entry(result.entry), None
    return results


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

SLUG = re.compile(SLUG_PATTERN)
# References that must not loop back to where they started.
ACYCLIC = {("models", "base_model"), ("datasets", "derived_from"), ("engines", "based_on")}


def cross_check(catalog: Catalog, raws: dict[tuple[str, str], RawEntry], files: set[tuple[str, str]]) -> list[Problem]:
    from ..determinism.checklist import SLUGS as checklist_slugs, unknown_slug_message
    from ..mof.components import COMPONENTS

    component_slugs = {c.slug for c in COMPONENTS}

    # An entry file that exists but failed to load or validate has been reported already;
    # references to it are not reported again.
    present = {folder: {i for (f, i) in files if f == folder} for folder in catalog.entries}
    catalog.licenses = LicenseRegistry(catalog.of("licenses"), present["licenses"])
    problems: list[Problem] = []

    def report(folder: str, entry_id: str, path: DocPath, message: str) -> None:
        raw = raws[(folder, entry_id)]
        problems.append(Problem(raw.path, raw.document.line_of(path), dotted(path), message))

    for folder, field_name, target in REFERENCES:
        for entry_id, entry in _with_failed_entries(catalog, raws, folder):
            for path, ref in _field(field_name)(entry):
                if not isinstance(ref, str) or not SLUG.match(ref):
                    continue  # not an id at all: the schema has said so already
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

    for entry_id, engine in catalog.of("engines").items():
        for slug in engine.determinism:
            if slug not in checklist_slugs:
                report("engines", entry_id, ("determinism", slug), unknown_slug_message(slug))

    for entry_id, recipe in catalog.of("recipes").items():
        model = catalog.of("models").get(recipe.model)
        if recipe.variant and model is not None and recipe.variant not in {v.id for v in model.variants}:
            report("recipes", entry_id, ("variant",), f"model {recipe.model!r} has no variant {recipe.variant!r}")

    for folder, entry_id, entry in catalog.all():
        if entry.updated and entry.updated < entry.added:
            report(folder, entry_id, ("updated",), "is before `added`")
        for path, expression in license_fields(folder, entry):
            for error in catalog.licenses.parse(expression)[1]:
                report(folder, entry_id, path, error)
    for folder, entry_id, data in _failed_entries(catalog, raws):
        for path, expression in _raw_license_fields(data):
            for error in catalog.licenses.parse(expression)[1]:
                report(folder, entry_id, path, error)
    return problems


def _raw_license_fields(data: dict) -> Iterable[tuple[DocPath, str]]:
    """The licence expressions of an entry that failed its schema, where they are strings."""
    licence = data.get("license")
    if isinstance(licence, str):
        yield ("license",), licence
    elif isinstance(licence, dict):
        yield from ((("license", k), v) for k, v in licence.items() if isinstance(v, str) and k != "note")
    for key in ("components", "variants"):
        items = data.get(key)
        pairs = items.items() if isinstance(items, dict) else enumerate(items) if isinstance(items, list) else ()
        for name, item in pairs:
            if isinstance(item, dict) and isinstance(item.get("license"), str):
                yield (key, name, "license"), item["license"]


class _RawView:
    """An entry that failed its schema, read field by field, so its references are still
    checked in the same run (every problem at once)."""

    def __init__(self, data: dict):
        self._data = data

    def __getattr__(self, name: str):
        return self._data.get(name)


def _failed_entries(catalog: Catalog, raws: dict[tuple[str, str], RawEntry]) -> Iterable[tuple[str, str, dict]]:
    """Entries whose YAML loaded but whose schema failed: (folder, id, data)."""
    for (folder, entry_id), raw in raws.items():
        if entry_id not in catalog.of(folder) and isinstance(raw.document.data, dict):
            yield folder, entry_id, raw.document.data


def _with_failed_entries(catalog: Catalog, raws: dict[tuple[str, str], RawEntry], folder: str):
    yield from catalog.of(folder).items()
    for failed_folder, entry_id, data in _failed_entries(catalog, raws):
        if failed_folder == folder:
            yield entry_id, _RawView(data)


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
