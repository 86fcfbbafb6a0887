"""Which Hugging Face repos the catalog names, and which entries name each."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..catalog import Catalog


@dataclass(frozen=True, order=True)
class RepoRef:
    kind: str  # "model" or "dataset", as the Hub's API calls them
    repo_id: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.repo_id}"


@dataclass(frozen=True)
class Claim:
    """An entry (and, for models, a variant) that names a repo."""

    folder: str
    entry_id: str
    variant_id: str | None = None


def hub_repos(catalog: Catalog) -> dict[RepoRef, list[Claim]]:
    found: dict[RepoRef, list[Claim]] = defaultdict(list)
    for model_id, model in catalog.of("models").items():
        for variant in model.variants:
            if variant.hub:
                found[RepoRef("model", variant.hub)].append(Claim("models", model_id, variant.id))
    for dataset_id, dataset in catalog.of("datasets").items():
        if dataset.hub:
            found[RepoRef("dataset", dataset.hub)].append(Claim("datasets", dataset_id))
    return dict(sorted(found.items()))
