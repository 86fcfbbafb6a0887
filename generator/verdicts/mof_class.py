"""A model's evidence record, read as the Model Openness Tool reads a model file."""
from __future__ import annotations

from ..mof.classify import MofResult, classify
from ..mof.convert import to_mot_document
from ..schema.models import Model


def mof_class(model: Model) -> MofResult:
    return classify(to_mot_document(model))
