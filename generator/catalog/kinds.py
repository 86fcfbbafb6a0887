"""The entry kinds: the folder each lives in and the schema it follows."""
from __future__ import annotations

from dataclasses import dataclass

from ..schema import Benchmark, Dataset, Engine, Entry, License, Model, Recipe, Service


@dataclass(frozen=True)
class Kind:
    folder: str
    singular: str
    title: str
    schema: type[Entry]


KINDS: tuple[Kind, ...] = (
    Kind("models", "model", "Models", Model),
    Kind("datasets", "dataset", "Datasets", Dataset),
    Kind("engines", "engine", "Engines and apps", Engine),
    Kind("benchmarks", "benchmark", "Benchmarks", Benchmark),
    Kind("services", "service", "Services", Service),
    Kind("licenses", "license", "Licences", License),
    Kind("recipes", "recipe", "Recipes", Recipe),
)

BY_FOLDER = {kind.folder: kind for kind in KINDS}
