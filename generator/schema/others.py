"""Datasets, engines, benchmarks and services: what models are trained on, run by, measured with, served by."""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import Count, Entry, LicenseExpression, Line, PartialDate, Slug, Strict, Url
from .models import Modality

HUB_DATASET_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"


class Availability(str, Enum):
    available = "available"
    gated = "gated"
    withdrawn = "withdrawn"
    unknown = "unknown"


class Dataset(Entry):
    organization: Line = Field(description="Who assembled and published it.")
    modality: list[Modality] = Field(min_length=1, description="What kind of data it holds.")
    license: LicenseExpression = Field(description="Licence of the dataset as published.")
    availability: Availability = Field(description="Can one download it today?")
    hub: str | None = Field(None, pattern=HUB_DATASET_PATTERN, description="Hugging Face dataset repo id.")
    size: Line | None = Field(None, description="As the publisher states it, such as '18.5T tokens'.")
    released: PartialDate | None = Field(None, description="Release date; leave out when no source gives it.")
    derived_from: list[Slug] = Field([], description="Datasets it was built from (catalog ids).")


class EngineKind(str, Enum):
    inference_engine = "inference-engine"
    frontend = "frontend"
    framework = "framework"
    app = "app"
    format = "format"


class DeterminismSetting(Strict):
    how: Line = Field(description="The API field, CLI flag or environment variable.")
    caveat: Line | None = Field(None, description="What it cannot guarantee.")
    source: Url | None = Field(None, description="Where the setting is documented.")


class Engine(Entry):
    kind: list[EngineKind] = Field(min_length=1, description="What sort of software it is.")
    license: LicenseExpression = Field(description="Licence of its code.")
    repository: Url | None = Field(None, description="Its source code repository.")
    formats: list[Line] = Field([], description="Model formats it loads, such as GGUF or safetensors.")
    openai_compatible_api: bool | None = Field(None, description="Does it serve an OpenAI-compatible API?")
    platforms: list[Line] = Field([], description="Operating systems or hardware it runs on.")
    based_on: list[Slug] = Field([], description="Engines it builds on (catalog ids).")
    determinism: dict[Slug, DeterminismSetting] = Field({}, description="How to set each item of the determinism checklist (keys are its slugs, such as seed or temperature; see the Determinism page).")


class BenchmarkKind(str, Enum):
    benchmark = "benchmark"
    leaderboard = "leaderboard"
    arena = "arena"


class Benchmark(Entry):
    organization: Line = Field(description="Who runs or published it.")
    kind: BenchmarkKind = Field(description="A fixed benchmark, a leaderboard, or an arena of human votes.")
    license: LicenseExpression = Field("unknown", description="Licence of its code or data.")
    repository: Url | None = Field(None, description="Its source code repository.")
    datasets: list[Slug] = Field([], description="Datasets it uses (catalog ids).")


class ServiceRung(str, Enum):
    behind_app = "behind-app"
    directly_accessible = "directly-accessible"


class Service(Entry):
    provider: Line = Field(description="Who runs the service.")
    rung: ServiceRung | None = Field(
        None, description="behind-app: only through its app; directly-accessible: through an API; leave out for a site that hosts models to download.")
    openai_compatible_api: bool | None = Field(None, description="Does it offer an OpenAI-compatible API?")
    models: list[Slug] = Field([], description="Catalog models it serves (catalog ids).")


class Ternary(str, Enum):
    yes = "yes"
    no = "no"
    conditional = "conditional"
    unknown = "unknown"


class LicenseTerms(Strict):
    commercial_use: Ternary = Field(description="May one use it commercially?")
    user_threshold: Count | None = Field(None, description="Monthly active users above which a separate licence is needed.")
    revenue_threshold_usd: Count | None = Field(None, description="Annual revenue above which a separate licence is needed.")
    field_of_use_restrictions: bool = Field(description="Does it forbid some uses (beyond the law)?")
    territory_restrictions: bool = Field(False, description="Does it exclude some countries or regions?")
    acceptable_use_policy: Url | None = Field(None, description="The acceptable-use policy the licence binds users to.")
    attribution_required: bool = Field(description="Must a user credit the licensor?")
    naming_required: bool = Field(False, description="Must derivatives carry a name or a 'built with' notice?")
    derivatives: Ternary = Field(description="May one make and share modified versions?")
    redistribution: Ternary = Field(description="May one pass it on?")
    extra_agreement: bool = Field(False, description="Must a user accept terms beyond the licence (click-through, registration)?")
    share_alike: bool = Field(False, description="Must derivatives carry the same licence?")
    notes: Line | None = Field(None, description="Anything the fields above cannot say.")


class License(Entry):
    """A licence with no SPDX id; referenced as LicenseRef-<id>."""

    url: Url = Field(description="The licence text.")
    hub_ids: list[Line] = Field([], description="Hugging Face `license:` values that mean this licence.")
    hub_license_names: list[Line] = Field([], description="`license_name` values used with `license: other`.")
    terms: LicenseTerms = Field(description="What the licence allows, as data.")


class Step(Strict):
    title: Line = Field(description="What the step does.")
    language: str = Field("shell", pattern=r"^(shell|python|json|yaml|text)$", description="Language of the code: shell, python, json, yaml or text.")
    code: str = Field(min_length=1, max_length=5000, description="The commands or code to run, exactly.")
    note: Line | None = Field(None, description="A caveat or hint for this step.")
    source: Url | None = Field(None, description="Where these commands are documented (the project's README or docs).")


class Recipe(Entry):
    engine: Slug = Field(description="The engine that runs the model (catalog id).")
    model: Slug = Field(description="The model it runs (catalog id).")
    variant: Slug | None = Field(None, description="Which of the model's variants (its id in the model entry).")
    platforms: list[Line] = Field(min_length=1, description="Where the recipe was run, such as Linux x86-64 or macOS arm64.")
    prerequisites: list[Line] = Field([], description="What must be installed first.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")
    expected: Line = Field(description="What success looks like.")
    uses: list[Slug] = Field([], description="Other engines the recipe needs, such as a front end's back end.")
