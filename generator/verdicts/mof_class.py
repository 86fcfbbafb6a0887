"""A model's evidence record, read as the Model Openness Tool reads a model file."""
from __future__ import annotations

from ..mof.classify import MofResult, classify
from ..mof.components import COMPONENTS
from ..schema.models import Model, Status
from .evidence import component_licence

FRAMEWORK = {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}


def to_mot_document(model: Model, name: str | None = None) -> dict:
    """Only published components are listed; each carries the licence that applies to it."""
    components = []
    for component in COMPONENTS:
        record = model.components.get(component.slug)
        if record is None or record.status is not Status.published:
            continue
        entry = {"name": component.mot_name, "description": component.description,
                 "license": component_licence(model, component.slug)}
        if record.url:
            entry["component_path"] = record.url
        components.append(entry)
    licences = {"distribution": model.license.weights, "code": model.license.code,
                "data": model.license.data, "document": model.license.documents}
    return {
        "framework": dict(FRAMEWORK),
        "release": {
            "name": name or model.name,
            "version": "",
            "date": str(model.released),
            "type": ", ".join(m.value for m in model.modality),
            "producer": model.organization,
            "license": {kind: {"name": value if value not in ("unknown", "none") else ""} for kind, value in licences.items()},
            "components": components,
        },
    }


def mof_class(model: Model) -> MofResult:
    return classify(to_mot_document(model))
