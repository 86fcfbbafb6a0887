"""Between our evidence records and the Model Openness Tool's model files, both ways.

MOT file format (schema/mof_schema.json in https://github.com/lfai/model_openness_tool):
`framework`, and `release` with `name`, `version`, `date`, `type`, `architecture`, `producer`,
`license.{distribution,code,data,document}.{name,path}` and `components[]` of `name`,
`description`, `license`, `license_path`, `component_path`.
"""
from __future__ import annotations

import re

from ..schema.models import Model, Status
from .components import COMPONENTS, by_mot_name

FRAMEWORK = {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}
MOT_REPOSITORY = "https://github.com/lfai/model_openness_tool"

# Our modality → MOT's release.type, first match wins; and back.
_TYPE_OF_MODALITY = (("text", "language"), ("code", "code"), ("vision-language", "multimodal"),
                     ("image", "image"), ("image-editing", "image"), ("video", "video"),
                     ("speech-to-text", "audio"), ("text-to-speech", "audio"), ("audio", "audio"),
                     ("3d", "3d"))
_MODALITY_OF_TYPE = {"language": "text", "code": "code", "vision": "vision-language", "multimodal": "vision-language",
                     "image": "image", "video": "video", "audio": "audio", "3d": "3d"}
_FAMILY_LICENCE = {"code": "code", "data": "data", "document": "documents"}
_PARAMETERS = {"model-parameters-final", "model-parameters-intermediate"}
_NO_LICENCE = {"unknown", "none"}


def effective_licence(model: Model, slug: str) -> str:
    """The licence that applies to a component: its own, else the weights' for parameters,
    else the family licence of its kind."""
    component = model.components.get(slug)
    if component and component.license:
        return component.license
    if slug in _PARAMETERS:
        return model.license.weights
    kind = next(c.kind for c in COMPONENTS if c.slug == slug)
    return getattr(model.license, _FAMILY_LICENCE[kind])


def to_mot_document(model: Model, date: str | None = None) -> dict:
    """Only published components are listed, each with the licence that applies to it."""
    components = []
    for component in COMPONENTS:
        record = model.components.get(component.slug)
        if record is None or record.status is not Status.published:
            continue
        licence = effective_licence(model, component.slug)
        entry = {"name": component.mot_name, "description": component.description,
                 "license": "" if licence in _NO_LICENCE else licence}
        if record.url:
            entry["component_path"] = record.url
        components.append(entry)
    family = {"distribution": model.license.weights, "code": model.license.code,
              "data": model.license.data, "document": model.license.documents}
    modalities = {m.value for m in model.modality}
    release_type = next((t for m, t in _TYPE_OF_MODALITY if m in modalities), "other")
    return {
        "framework": dict(FRAMEWORK),
        "release": {
            "name": model.name,
            "version": "",
            "date": date or (model.updated or model.added).isoformat(),
            "type": release_type,
            "architecture": "",
            "origin": "",
            "producer": model.organization,
            "contact": "",
            "license": {kind: {"name": "" if value in _NO_LICENCE else value, "path": ""} for kind, value in family.items()},
            "components": components,
        },
    }


def slug_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80].strip("-") or "model"


def from_mot_document(document: dict, valid_licence, source_url: str, added: str) -> dict:
    """A draft model entry (plain data, ready to dump as YAML) from a MOT model file.

    `valid_licence(name) -> bool` says whether our registry accepts a licence string; strings
    it rejects become `unknown`, with the original kept in a note so nothing is lost.
    Components listed without a location cannot be `published` here (that needs a URL),
    so they are drafted as `unknown` with a note for the contributor to resolve.
    """
    release = document.get("release") or {}
    licences = release.get("license") or {}

    def licence(value) -> tuple[str, str | None]:
        name = (value or {}).get("name") if isinstance(value, dict) else value
        if not name:
            return "unknown", None
        return (name, None) if valid_licence(name) else ("unknown", f"the Model Openness Tool says {name!r}")

    # MOT falls back from a component's type licence to the distribution licence; our family
    # licences have no such fallback, so it is applied here.  Weights are MOT "data".
    distribution = licences.get("distribution")
    family = {ours: licence(licences.get(theirs) if (licences.get(theirs) or {}).get("name") else distribution)
              for theirs, ours in (("code", "code"), ("data", "data"), ("document", "documents"))}
    family = {"weights": family["data"], **family}
    components: dict[str, dict] = {c.slug: {"status": "unknown"} for c in COMPONENTS}
    for listed in release.get("components") or []:
        component = by_mot_name(str(listed.get("name", "")))
        if component is None:
            continue
        record: dict = {}
        path = str(listed.get("component_path") or "")
        if path.startswith(("http://", "https://")):
            record.update(status="published", url=path)
        else:
            record.update(status="unknown", note="listed as included by the Model Openness Tool, without a location")
        if "license" in listed:
            name, note = licence(listed.get("license"))
            if name != "unknown":
                record["license"] = name
            elif note:
                record["note"] = note
        components[component.slug] = record
    notes = [f"{kind}: {note}" for kind, (_, note) in family.items() if note]
    draft = {
        "name": str(release.get("name") or "unnamed"),
        "summary": f"Draft imported from the Model Openness Tool: {release.get('name')}.",
        "organization": str(release.get("producer") or "unknown"),
        "modality": [_MODALITY_OF_TYPE.get(str(release.get("type")), "text")],
        "license": {kind: value for kind, (value, _) in family.items()},
        "components": components,
        "sources": [{"url": source_url, "about": "imported from the Model Openness Tool's model file"}],
        "added": added,
    }
    if notes:
        draft["license"]["note"] = "; ".join(notes)[:300]
    return draft
