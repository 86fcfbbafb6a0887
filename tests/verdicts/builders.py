"""Small real catalogs for verdict tests, built through the real schema and registry."""
from __future__ import annotations

from generator.catalog.validate import Catalog
from generator.licenses import LicenseRegistry
from generator.mof.components import COMPONENTS
from generator.schema import License, Model, Service

SOURCE = [{"url": "https://example.org/source"}]


def licence(**terms) -> License:
    base = dict(commercial_use="yes", field_of_use_restrictions=False, attribution_required=True,
                derivatives="yes", redistribution="yes")
    base.update(terms)
    return License.model_validate({"name": "Test licence", "summary": "A licence for tests.", "url": "https://example.org/licence",
                                   "terms": base, "sources": SOURCE, "added": "2025-01-01"})


def model(published: set[str] | str = "all", weights: str = "Apache-2.0", code: str = "Apache-2.0", **fields) -> Model:
    slugs = {c.slug for c in COMPONENTS} if published == "all" else set(published)
    components = {c.slug: ({"status": "published", "url": f"https://example.org/{c.slug}"} if c.slug in slugs
                           else {"status": "not-published"}) for c in COMPONENTS}
    data = dict(name="Test model", summary="A model for tests.", organization="Tests", modality=["text"],
                license={"weights": weights, "code": code, "data": "CC-BY-4.0", "documents": "CC-BY-4.0"},
                components=components, sources=SOURCE, added="2025-01-01")
    data.update(fields)
    return Model.model_validate(data)


def catalog(models: dict[str, Model], licences: dict[str, License] | None = None, services: dict[str, Service] | None = None) -> Catalog:
    licences = licences or {}
    entries = {"models": models, "licenses": licences, "services": services or {}, "datasets": {},
               "engines": {}, "benchmarks": {}, "recipes": {}}
    paths = {(folder, i): f"catalog/{folder}/{i}.yaml" for folder, items in entries.items() for i in items}
    return Catalog(entries, paths, LicenseRegistry(licences))


def service(rung: str) -> Service:
    return Service.model_validate({"name": "Svc", "summary": "A service.", "provider": "P", "rung": rung,
                                   "sources": SOURCE, "added": "2025-01-01"})
