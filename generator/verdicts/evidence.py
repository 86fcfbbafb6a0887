"""The facts each verdict rule reads, taken once from a model's evidence record."""
from __future__ import annotations

from dataclasses import dataclass

from ..licenses import LicenseRegistry
from ..mof.convert import effective_licence
from ..schema.models import Gating, Model, Status, Variant
from ..schema.others import ServiceRung
from .licence_terms import LicenceAssessment, assess, is_osi_approved


def component_status(model: Model, slug: str) -> Status:
    component = model.components.get(slug)
    return component.status if component else Status.unknown


@dataclass(frozen=True)
class Evidence:
    """Everything the rules need for one model, or one variant of it."""

    model: Model
    weights_licence: LicenceAssessment  # the variant's own, where it has one
    gating: Gating
    served_by_api: bool
    registry: LicenseRegistry

    @property
    def weights_downloadable(self) -> Status:
        if not self.model.weights_available:
            return Status.not_published
        status = component_status(self.model, "model-parameters-final")
        return Status.published if status is Status.unknown else status

    def published(self, slug: str) -> Status:
        return component_status(self.model, slug)

    def licence_of(self, slug: str) -> str:
        if slug == "model-parameters-final" and not (self.model.components.get(slug) and self.model.components[slug].license):
            return self.weights_licence.expression  # a variant may have its own weights licence
        return effective_licence(self.model, slug)

    def osi_licensed(self, slug: str) -> bool:
        return is_osi_approved(self.licence_of(slug), self.registry)


def gather(model: Model, variant: Variant | None, registry: LicenseRegistry, services: dict) -> Evidence:
    expression = (variant.license if variant and variant.license else None) or model.license.weights
    gating = (variant.gating if variant and variant.gating else None) or model.gating
    served_by_api = any(s in services and services[s].rung is ServiceRung.directly_accessible for s in model.served_by)
    return Evidence(model=model, weights_licence=assess(expression, registry), gating=gating,
                    served_by_api=served_by_api, registry=registry)
