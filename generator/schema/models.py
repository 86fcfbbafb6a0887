"""A model entry: an evidence record of what was published, where, and under which terms."""
from __future__ import annotations

from enum import Enum

from pydantic import Field, field_validator, model_validator

from .common import Count, Entry, LicenseExpression, Line, PartialDate, Slug, Source, Strict, Url

HUB_REPO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"


class Modality(str, Enum):
    text = "text"
    code = "code"
    vision_language = "vision-language"
    image = "image"
    image_editing = "image-editing"
    video = "video"
    speech_to_text = "speech-to-text"
    text_to_speech = "text-to-speech"
    audio = "audio"
    three_d = "3d"
    time_series = "time-series"
    embedding = "embedding"


class Rung(str, Enum):
    """The talk's spectrum, least open first."""

    behind_app = "behind-app"
    directly_accessible = "directly-accessible"
    available_weights = "available-weights"
    open_weight = "open-weight"
    open_source = "open-source"
    reproducible = "reproducible"


class Status(str, Enum):
    published = "published"
    not_published = "not-published"
    unknown = "unknown"


class Gating(str, Enum):
    none = "none"
    automatic = "automatic"
    manual = "manual"
    unknown = "unknown"


class Component(Strict):
    """One Model Openness Framework component (see generator.mof.components)."""

    status: Status
    url: Url | None = None
    license: LicenseExpression | None = Field(
        None, description="Its own licence; when absent, the family licence for its kind (code, data, documents)."
    )
    note: Line | None = None

    @model_validator(mode="after")
    def _published_needs_url(self):
        if self.status is Status.published and not self.url:
            raise ValueError("a published component needs the url where it is published")
        return self


class Licensing(Strict):
    weights: LicenseExpression = Field(description="Licence of the model parameters.")
    code: LicenseExpression = "unknown"
    data: LicenseExpression = "unknown"
    documents: LicenseExpression = "unknown"
    note: Line | None = None


class Architecture(Strict):
    """What a KV-cache estimate needs; every field is optional because cards often omit them."""

    layers: int | None = Field(None, gt=0, le=1000)
    kv_heads: int | None = Field(None, gt=0, le=1024)
    head_dim: int | None = Field(None, gt=0, le=4096)
    context_length: int | None = Field(None, gt=0, le=100_000_000)
    experts: int | None = Field(None, gt=0, le=10_000)


class Variant(Strict):
    id: Slug
    name: Line
    hub: str | None = Field(None, pattern=HUB_REPO_PATTERN, description="Hugging Face repo id, owner/name.")
    parameters: Count | None = Field(None, description="Total parameters: 7000000000 or '7B'.")
    active_parameters: Count | None = Field(None, description="Parameters active per token, for mixtures of experts.")
    license: LicenseExpression | None = Field(None, description="Only where it differs from the family's weights licence.")
    gating: Gating | None = Field(None, description="Only where it differs from the family's.")
    ollama: Line | None = Field(None, description="Ollama tag, such as gemma3:1b.")
    released: PartialDate | None = None
    architecture: Architecture | None = None
    sources: list[Source] = []


class TalkPlacement(Strict):
    """Where the talk put the model; a source to compare with, not a verdict."""

    rung: Rung | None = Field(None, description="Only where the talk itself puts the model on a rung.")
    said: Line | None = Field(None, description="What the talk said about it, verbatim or nearly.")
    note: Line | None = None


class Model(Entry):
    organization: Line
    modality: list[Modality] = Field(min_length=1)
    released: PartialDate | None = Field(None, description="Release date; leave out when no source gives it.")
    license: Licensing
    weights_available: bool = Field(True, description="False for models reachable only through an app or API.")
    gating: Gating = Gating.none
    components: dict[str, Component] = Field(description="Model Openness Framework components, by slug.")
    variants: list[Variant] = []
    base_model: Slug | None = None
    datasets: list[Slug] = []
    engines: list[Slug] = []
    benchmarks: list[Slug] = []
    served_by: list[Slug] = Field([], description="Services that offer this model through an app or API.")
    talk: TalkPlacement | None = None

    @field_validator("variants")
    @classmethod
    def _variant_ids_unique(cls, variants: list[Variant]) -> list[Variant]:
        seen: set[str] = set()
        for variant in variants:
            if variant.id in seen:
                raise ValueError(f"variant id {variant.id!r} is used twice")
            seen.add(variant.id)
        return variants
