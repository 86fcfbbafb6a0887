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
    organization: Line
    modality: list[Modality] = Field(min_length=1)
    license: LicenseExpression
    availability: Availability
    hub: str | None = Field(None, pattern=HUB_DATASET_PATTERN, description="Hugging Face dataset repo id.")
    size: Line | None = Field(None, description="As the publisher states it, such as '18.5T tokens'.")
    released: PartialDate | None = None
    derived_from: list[Slug] = []


class EngineKind(str, Enum):
    inference_engine = "inference-engine"
    frontend = "frontend"
    framework = "framework"
    app = "app"
    format = "format"


class DeterminismSetting(Strict):
    how: Line = Field(description="The API field, CLI flag or environment variable.")
    caveat: Line | None = Field(None, description="What it cannot guarantee.")
    source: Url | None = None


class Engine(Entry):
    kind: list[EngineKind] = Field(min_length=1)
    license: LicenseExpression
    repository: Url | None = None
    formats: list[Line] = []
    openai_compatible_api: bool | None = None
    platforms: list[Line] = []
    based_on: list[Slug] = []
    determinism: dict[Slug, DeterminismSetting] = {}


class BenchmarkKind(str, Enum):
    benchmark = "benchmark"
    leaderboard = "leaderboard"
    arena = "arena"


class Benchmark(Entry):
    organization: Line
    kind: BenchmarkKind
    license: LicenseExpression = "unknown"
    repository: Url | None = None
    datasets: list[Slug] = []


class ServiceRung(str, Enum):
    behind_app = "behind-app"
    directly_accessible = "directly-accessible"


class Service(Entry):
    provider: Line
    rung: ServiceRung
    openai_compatible_api: bool | None = None
    models: list[Slug] = []


class Ternary(str, Enum):
    yes = "yes"
    no = "no"
    conditional = "conditional"
    unknown = "unknown"


class LicenseTerms(Strict):
    commercial_use: Ternary
    user_threshold: Count | None = Field(None, description="Monthly active users above which a separate licence is needed.")
    revenue_threshold_usd: Count | None = None
    field_of_use_restrictions: bool = Field(description="Does it forbid some uses (beyond the law)?")
    territory_restrictions: bool = Field(False, description="Does it exclude some countries or regions?")
    acceptable_use_policy: Url | None = None
    attribution_required: bool
    naming_required: bool = Field(False, description="Must derivatives carry a name or a 'built with' notice?")
    derivatives: Ternary
    redistribution: Ternary
    extra_agreement: bool = Field(False, description="Must a user accept terms beyond the licence (click-through, registration)?")
    share_alike: bool = False
    notes: Line | None = None


class License(Entry):
    """A licence with no SPDX id; referenced as LicenseRef-<id>."""

    url: Url
    hub_ids: list[Line] = Field([], description="Hugging Face `license:` values that mean this licence.")
    hub_license_names: list[Line] = Field([], description="`license_name` values used with `license: other`.")
    terms: LicenseTerms


class Step(Strict):
    title: Line
    language: str = Field("shell", pattern=r"^(shell|python|json|yaml|text)$")
    code: str = Field(min_length=1, max_length=5000)
    note: Line | None = None


class Recipe(Entry):
    engine: Slug
    model: Slug
    variant: Slug | None = None
    platforms: list[Line] = Field(min_length=1)
    prerequisites: list[Line] = []
    steps: list[Step] = Field(min_length=1)
    expected: Line = Field(description="What success looks like.")
    uses: list[Slug] = Field([], description="Other engines the recipe needs, such as a front end's back end.")
