"""Who refers to an entry: the engines that run a model, the models trained on a dataset…"""
from __future__ import annotations

from collections import defaultdict

from ..catalog.validate import REFERENCES, Catalog

# target (folder, id) → referring folder → sorted ids
Backlinks = dict[tuple[str, str], dict[str, list[str]]]


def compute_backlinks(catalog: Catalog) -> Backlinks:
    found: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for folder, field_name, target in REFERENCES:
        for entry_id, entry in catalog.of(folder).items():
            value = getattr(entry, field_name)
            for ref in value if isinstance(value, list) else [value] if value else []:
                found[(target, ref)][folder].add(entry_id)
    return {key: {folder: sorted(ids) for folder, ids in by_folder.items()} for key, by_folder in found.items()}
