"""The catalog's schema: one pydantic model per entry kind."""
from .common import Entry, SLUG_PATTERN
from .models import Model, Rung
from .others import Benchmark, Dataset, Engine, License, Recipe, Service

__all__ = ["Benchmark", "Dataset", "Engine", "Entry", "License", "Model", "Recipe", "Rung", "Service", "SLUG_PATTERN"]
