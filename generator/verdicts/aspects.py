"""The talk's table of five aspects for each rung, and the four freedoms that follow from it."""
from __future__ import annotations

from ..schema.models import Rung

ASPECTS = ("Access", "Model control", "Data control", "Autonomy", "Trust")

# Verbatim from the talk's summary table.
ASPECT_TABLE: dict[Rung, tuple[str, str, str, str, str]] = {
    Rung.behind_app: ("App-defined", "None", "None", "None", "None"),
    Rung.directly_accessible: ("API restrictions", "API restrictions", "None", "None", "None"),
    Rung.available_weights: ("With conditions", "With conditions", "Complete", "With conditions", "None"),
    Rung.open_weight: ("Use as you want", "Deep control", "Complete", "Study restricted", "None"),
    Rung.open_source: ("Use as you want", "Deep control", "Complete", "Detailed study restricted", "Partial"),
    Rung.reproducible: ("Use as you want", "Deep control", "Complete", "Complete", "Complete"),
}

FREEDOMS = ("Use", "Study", "Modify", "Share")

# The four freedoms of "What is Free Software?" as the talk applies them to each rung.
FREEDOM_TABLE: dict[Rung, tuple[str, str, str, str]] = {
    Rung.behind_app: ("only as the app allows", "no", "no", "no"),
    Rung.directly_accessible: ("as the API allows", "no", "no", "no"),
    Rung.available_weights: ("if the conditions are met", "limited: weights only", "if the conditions are met", "if the conditions are met"),
    Rung.open_weight: ("yes", "restricted: no training information required", "yes", "yes"),
    Rung.open_source: ("yes", "partly: code and a description of training, not the data", "yes", "yes"),
    Rung.reproducible: ("yes", "yes: data, code and description", "yes", "yes"),
}


def aspects_of(rung: Rung) -> dict[str, str]:
    return dict(zip(ASPECTS, ASPECT_TABLE[rung]))


def freedoms_of(rung: Rung) -> dict[str, str]:
    return dict(zip(FREEDOMS, FREEDOM_TABLE[rung]))
