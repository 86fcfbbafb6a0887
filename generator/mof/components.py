"""The 17 components of the Model Openness Framework (MOF), as data.

Sources read (not copied):
- MOF paper, arXiv 2403.13784: https://arxiv.org/abs/2403.13784
- MOT component configuration (names, type, class, required flag):
  https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/config/install/mof.settings.yml

Class III (open model) is the lowest class, Class I (open science) the highest;
a class is only met together with every class below it (see classify.py).
`required` is False for the three components MOT lists but never demands:
sample model outputs, supporting libraries and tools, model metadata.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["code", "data", "document"]


@dataclass(frozen=True)
class Component:
    slug: str
    mot_name: str  # exactly as written in MOT YAML `components[].name`
    kind: Kind  # picks the release-wide licence that applies when the component has none
    mof_class: int  # 3, 2 or 1
    description: str
    required: bool = True


COMPONENTS: tuple[Component, ...] = (
    # Class III: open model
    Component("model-architecture", "Model architecture", "code", 3,
              "Source code that defines the model's architecture."),
    Component("model-parameters-final", "Model parameters (Final)", "data", 3,
              "The trained weights and biases of the released model."),
    Component("technical-report", "Technical report", "document", 3,
              "A report on the model's capabilities and how to use it."),
    Component("evaluation-results", "Evaluation results", "document", 3,
              "The results of evaluating the model."),
    Component("model-card", "Model card", "document", 3,
              "A summary of the model's intended use, performance and limitations."),
    Component("data-card", "Data card", "document", 3,
              "A description of the datasets' sources, contents and preprocessing."),
    Component("sample-model-outputs", "Sample model outputs", "document", 3,
              "Examples of what the model produces.", required=False),
    # Class II: open tooling
    Component("training-code", "Training code", "code", 2,
              "The code used to train the model."),
    Component("inference-code", "Inference code", "code", 2,
              "The code used to run the model and get predictions."),
    Component("evaluation-code", "Evaluation code", "code", 2,
              "The code used to evaluate the model."),
    Component("evaluation-data", "Evaluation data", "data", 2,
              "The data used to evaluate the model."),
    Component("supporting-libraries-and-tools", "Supporting libraries and tools", "code", 2,
              "Libraries and tools written while developing the model.", required=False),
    # Class I: open science
    Component("research-paper", "Research paper", "document", 1,
              "A research paper on how the model was developed and what it can do."),
    Component("datasets", "Datasets", "data", 1,
              "The data used to train, validate and test the model."),
    Component("data-preprocessing-code", "Data preprocessing code", "code", 1,
              "The code that cleans, normalises and augments the training data."),
    Component("model-parameters-intermediate", "Model parameters (Intermediate)", "data", 1,
              "Checkpoints of the weights saved during training."),
    Component("model-metadata", "Model metadata", "data", 1,
              "Training configuration, optimizer states and other metadata.", required=False),
)

_BY_SLUG = {c.slug: c for c in COMPONENTS}
_BY_MOT_NAME = {c.mot_name: c for c in COMPONENTS}


def by_slug(slug: str) -> Component:
    """The component with this slug; KeyError if there is none."""
    return _BY_SLUG[slug]


def by_mot_name(name: str) -> Component | None:
    """The component MOT calls `name` (exact, case-sensitive, as MOT matches it), or None."""
    return _BY_MOT_NAME.get(name)
