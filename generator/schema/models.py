"""A model entry: an evidence record of what was published, where, and under which terms."""
from __future__ import annotations

from enum import Enum

from pydantic import Field, field_validator, model_validator

from .common import Count, Entry, WholeNumber, LicenseExpression, Line, PartialDate, Slug, Source, Strict, Url

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

    status: Status = Field(description="published only with the url where it is; not-published only when a source says so or it is clearly absent; else unknown.")
    url: Url | None = Field(None, description="Where it is published; required when published.")
    license: LicenseExpression | None = Field(
        None, description="Its own licence; when absent, the family licence for its kind (code, data, documents)."
    )
    note: Line | None = Field(None, description="What was found, and where, in a line.")

    @model_validator(mode="after")
    def _published_needs_url(self):
        if self.status is Status.published and not self.url:
            raise ValueError("a published component needs the url where it is published")
        return self


class Licensing(Strict):
    weights: LicenseExpression = Field(description="Licence of the model parameters.")
    code: LicenseExpression = Field("unknown", description="Licence of the code components.")
    data: LicenseExpression = Field("unknown", description="Licence of the data components (datasets, checkpoints).")
    documents: LicenseExpression = Field("unknown", description="Licence of the documents (cards, reports, papers).")
    note: Line | None = Field(None, description="How the licences differ, or what is unclear.")


class Architecture(Strict):
    """What a KV-cache estimate needs; every field is optional because cards often omit them."""

    layers: WholeNumber | None = Field(None, gt=0, le=1000, description="Transformer layers (config.json num_hidden_layers).")
    kv_heads: WholeNumber | None = Field(None, gt=0, le=1024, description="Key/value heads (num_key_value_heads).")
    head_dim: WholeNumber | None = Field(None, gt=0, le=4096, description="Size of one attention head (head_dim, or hidden_size / num_attention_heads).")
    context_length: WholeNumber | None = Field(None, gt=0, le=100_000_000, description="Longest context in tokens (max_position_embeddings).")
    experts: WholeNumber | None = Field(None, gt=0, le=10_000, description="Experts, for mixtures of experts.")


class Variant(Strict):
    id: Slug = Field(description="Unique within the entry, such as 7b-instruct.")
    name: Line = Field(description="The name as its makers write it.")
    hub: str | None = Field(None, pattern=HUB_REPO_PATTERN, description="Hugging Face repo id, owner/name.")
    parameters: Count | None = Field(None, description="Total parameters: 7000000000 or '7B'.")
    active_parameters: Count | None = Field(None, description="Parameters active per token, for mixtures of experts.")
    license: LicenseExpression | None = Field(None, description="Only where it differs from the family's weights licence.")
    gating: Gating | None = Field(None, description="Only where it differs from the family's.")
    ollama: Line | None = Field(None, description="Ollama tag, such as gemma3:1b.")
    released: PartialDate | None = Field(None, description="Release date of this variant, if it differs.")
    architecture: Architecture | None = Field(None, description="Read from the repo's config.json; only what you read.")
    sources: list[Source] = Field([], description="Sources for facts about this variant alone.")


class TalkPlacement(Strict):
    """Where the talk put the model; a source to compare with, not a verdict."""

    rung: Rung | None = Field(None, description="Only where the talk itself puts the model on a rung.")
    said: Line | None = Field(None, description="What the talk said about it, verbatim or nearly.")
    note: Line | None = Field(None, description="Where a primary source disagrees with the talk.")


class Model(Entry):
    organization: Line = Field(description="Who made and released it.")
    modality: list[Modality] = Field(min_length=1, description="What it takes in and puts out.")
    released: PartialDate | None = Field(None, description="Release date; leave out when no source gives it.")
    license: Licensing = Field(description="Licences of the release, by kind of component.")
    weights_available: bool = Field(True, description="False for models reachable only through an app or API.")
    gating: Gating = Field(Gating.none, description="Access to the weights on Hugging Face: automatic (click-through), manual (approval), none.")
    components: dict[str, Component] = Field(description="Model Openness Framework components, by slug.")
    variants: list[Variant] = Field([], description="Sizes and checkpoints, each with its Hugging Face repo.")
    base_model: Slug | None = Field(None, description="The catalog model this one was fine-tuned or derived from.")
    datasets: list[Slug] = Field([], description="Datasets it was trained on (catalog ids).")
    engines: list[Slug] = Field([], description="Engines a source says run it (catalog ids).")
    benchmarks: list[Slug] = Field([], description="Benchmarks that report it (catalog ids).")
    served_by: list[Slug] = Field([], description="Services that offer this model through an app or API.")
    talk: TalkPlacement | None = Field(None, description="Only for models the talk names.")

    @field_validator("variants")
    @classmethod
    def _variant_ids_unique(cls, variants: list[Variant]) -> list[Variant]:
        seen: set[str] = set()
        for variant in variants:
            if variant.id in seen:
                raise ValueError(f"variant id {variant.id!r} is used twice")
            seen.add(variant.id)
        return variants
