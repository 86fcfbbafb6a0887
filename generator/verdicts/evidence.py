"""The facts each verdict rule reads, taken once from a model's evidence record."""
from __future__ import annotations

from dataclasses import dataclass

from ..licenses import LicenseRegistry
from ..mof.convert import effective_licence
from ..schema.models import Gating, Model, Status, Variant
from .licence_terms import LicenceAssessment, assess, is_osi_approved

def component_status(model: Model, slug: str) -> Status:
    component = model.components.get(slug)
    return component.status if component else Status.unknown


@dataclass(frozen=True)
class Evidence:
    """Everything the rules need for one model, or one variant of it."""

    model: Model
    variant: Variant | None
    weights_licence: LicenceAssessment
    gating: Gating
    served_by_api: bool
    served_by_app: bool
    registry: LicenseRegistry

    @property
    def weights_downloadable(self) -> Status:
        if not self.model.weights_available:
            return Status.not_published
        status = component_status(self.model, "model-parameters-final")
        return Status.published if status is Status.unknown and self.model.weights_available else status

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
    rungs = {services[s].rung.value for s in model.served_by if s in services and services[s].rung}
    return Evidence(
        model=model,
        variant=variant,
        weights_licence=assess(expression, registry),
        gating=gating,
        served_by_api="directly-accessible" in rungs,
        served_by_app="behind-app" in rungs,
        registry=registry,
    )
