"""What a draft can link to in the catalog as it is now, even when some entries have problems:
the licences (for the Hub's licence ids) and the entries that name a Hub repo."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..catalog.yaml_reader import YamlProblem, read_document
from ..licenses import LicenseRegistry
from ..schema import License


@dataclass
class CatalogIndex:
    licences: LicenseRegistry
    models_by_hub: dict[str, str] = field(default_factory=dict)  # lowercased repo id → model id
    datasets_by_hub: dict[str, str] = field(default_factory=dict)
    engines: set[str] = field(default_factory=set)


def _entries(catalog: Path, folder: str):
    for path in sorted((catalog / folder).glob("*.yaml")):
        try:
            data = read_document(path.read_bytes()).data  # the loader's reading: `yes` stays a word
        except (OSError, YamlProblem):
            continue  # `atlas check` reports it; a draft only needs the readable entries
        if isinstance(data, dict):
            yield path.stem, data


def catalog_index(catalog: Path) -> CatalogIndex:
    licences: dict[str, License] = {}
    present: set[str] = set()
    for entry_id, data in _entries(catalog, "licenses"):
        present.add(entry_id)
        try:
            licences[entry_id] = License.model_validate(data)
        except ValidationError:
            pass
    index = CatalogIndex(LicenseRegistry(licences, present))
    for entry_id, data in _entries(catalog, "models"):
        for variant in data.get("variants") or []:
            if isinstance(variant, dict) and isinstance(variant.get("hub"), str):
                index.models_by_hub.setdefault(variant["hub"].lower(), entry_id)
    for entry_id, data in _entries(catalog, "datasets"):
        if isinstance(data.get("hub"), str):
            index.datasets_by_hub.setdefault(data["hub"].lower(), entry_id)
    index.engines = {entry_id for entry_id, _ in _entries(catalog, "engines")}
    return index
