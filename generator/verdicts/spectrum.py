"""The talk's six-rung spectrum, as a table of requirements.

Each rung needs every requirement of the rungs below it plus its own.  A model sits on the
highest rung whose requirements all hold; the first failing requirement is the reason it is
not higher.  Unknown evidence never passes a requirement: the reason then says "unknown".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..schema.models import Gating, Rung, Status
from .evidence import Evidence

Outcome = tuple[bool, str]  # (holds, why: phrased to follow "because" or "not ... :")


def _reachable(e: Evidence) -> Outcome:
    if e.weights_downloadable is Status.published or e.served_by_api:
        return True, "it can be called through an API or run from its weights"
    return False, "no API or downloadable weights are recorded; it is used through an app"


def _weights(e: Evidence) -> Outcome:
    status = e.weights_downloadable
    if status is Status.published:
        return True, "its weights can be downloaded"
    return False, "its weights are not published" if status is Status.not_published else "whether its weights are published is unknown"


def _free_terms(e: Evidence) -> Outcome:
    if e.weights_licence.conditions:
        return False, "the weights licence sets conditions: " + "; ".join(c.text for c in e.weights_licence.conditions)
    if e.gating is Gating.manual:
        return False, "downloads are gated and each request is approved by hand"
    return True, f"the weights licence ({e.weights_licence.expression}) sets no conditions on use, redistribution or derived works"


def _open_code(e: Evidence) -> Outcome:
    for slug, label in (("training-code", "training code"), ("inference-code", "inference code")):
        status = e.published(slug)
        if status is not Status.published:
            return False, f"{label} is {'not published' if status is Status.not_published else 'unknown'}"
        if not e.osi_licensed(slug):
            return False, f"{label} is not under an OSI-approved licence ({e.licence_of(slug)})"
    return True, "training and inference code are published under OSI-approved licences"


def _training_described(e: Evidence) -> Outcome:
    if Status.published in (e.published("technical-report"), e.published("research-paper")):
        return True, "a technical report or paper describes the training"
    return False, "no technical report or paper describing the training is recorded"


def _training_data(e: Evidence) -> Outcome:
    status = e.published("datasets")
    if status is Status.published:
        return True, "its training data is available"
    return False, "its training data is not published" if status is Status.not_published else "whether its training data is published is unknown"


@dataclass(frozen=True)
class Requirement:
    rung: Rung
    label: str
    check: Callable[[Evidence], Outcome]


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(Rung.directly_accessible, "callable through an API, or runnable from its weights", _reachable),
    Requirement(Rung.available_weights, "weights can be downloaded", _weights),
    Requirement(Rung.open_weight, "weights under terms with no conditions on use, redistribution or derived works, and no hand-approved gate", _free_terms),
    Requirement(Rung.open_source, "training and inference code published under OSI-approved licences", _open_code),
    Requirement(Rung.open_source, "a detailed description of the training (technical report or paper)", _training_described),
    Requirement(Rung.reproducible, "training data available", _training_data),
)

RUNG_LABELS = {
    Rung.behind_app: "Behind-app",
    Rung.directly_accessible: "Directly accessible",
    Rung.available_weights: "Available weights",
    Rung.open_weight: "Open weight",
    Rung.open_source: "Open source",
    Rung.reproducible: "Reproducible",
}
RUNG_ORDER = list(Rung)


@dataclass(frozen=True)
class SpectrumVerdict:
    rung: Rung
    reasons: tuple[str, ...]  # why it reached its rung
    blocker: str | None  # why it is not one rung higher

    @property
    def label(self) -> str:
        return RUNG_LABELS[self.rung]


def place(evidence: Evidence) -> SpectrumVerdict:
    rung = Rung.behind_app
    reasons: list[str] = []
    for requirement in REQUIREMENTS:
        holds, why = requirement.check(evidence)
        if not holds:
            return SpectrumVerdict(_below(requirement.rung), tuple(reasons), f"not {RUNG_LABELS[requirement.rung].lower()}: {why}")
        reasons.append(why)
        rung = requirement.rung
    return SpectrumVerdict(rung, tuple(reasons), None)


def _below(rung: Rung) -> Rung:
    return RUNG_ORDER[RUNG_ORDER.index(rung) - 1]
