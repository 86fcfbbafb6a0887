"""Openness verdicts, computed from each model's evidence record and never typed in."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..mof.classify import MofResult
from ..schema.models import Model, Rung
from . import osaid, owd
from .aspects import aspects_of, freedoms_of
from .evidence import Evidence, gather
from .licence_terms import LicenceAssessment
from .mof_class import mof_class
from .spectrum import RUNG_LABELS, RUNG_ORDER, SpectrumVerdict, place


@dataclass(frozen=True)
class TalkComparison:
    talk_rung: Rung
    agrees: bool
    explanation: str


@dataclass(frozen=True)
class ModelVerdicts:
    spectrum: SpectrumVerdict
    by_variant: dict[str, SpectrumVerdict]
    licence: LicenceAssessment
    mof: MofResult
    osaid: osaid.OsaidVerdict
    owd: owd.OwdVerdict
    talk: TalkComparison | None

    @property
    def aspects(self) -> dict[str, str]:
        return aspects_of(self.spectrum.rung)

    @property
    def freedoms(self) -> dict[str, str]:
        return freedoms_of(self.spectrum.rung)

    @property
    def varies_by_variant(self) -> bool:
        return len({v.rung for v in self.by_variant.values()}) > 1


def judge_model(model: Model, catalog: Catalog) -> ModelVerdicts:
    services = catalog.of("services")
    evidences: dict[str | None, Evidence] = (
        {v.id: gather(model, v, catalog.licenses, services) for v in model.variants}
        or {None: gather(model, None, catalog.licenses, services)}
    )
    placed = {key: place(e) for key, e in evidences.items()}
    # A family is as open as its least open variant: the headline must hold for every size.
    worst = min(placed, key=lambda key: RUNG_ORDER.index(placed[key].rung))
    headline, evidence = placed[worst], evidences[worst]
    return ModelVerdicts(
        spectrum=headline,
        by_variant={k: v for k, v in placed.items() if k is not None},
        licence=evidence.weights_licence,
        mof=mof_class(model),
        osaid=osaid.judge(evidence),
        owd=owd.judge(evidence),
        talk=_compare_with_talk(model, headline),
    )


def _compare_with_talk(model: Model, verdict: SpectrumVerdict) -> TalkComparison | None:
    if model.talk is None or model.talk.rung is None:
        return None
    said = model.talk.rung
    if said == verdict.rung:
        return TalkComparison(said, True, f"The talk places it at {RUNG_LABELS[said].lower()}, as the evidence does.")
    if RUNG_ORDER.index(said) > RUNG_ORDER.index(verdict.rung):
        why = verdict.blocker or "the evidence supports no higher rung"
        return TalkComparison(said, False, f"The talk places it at {RUNG_LABELS[said].lower()}; the evidence supports only {verdict.label.lower()}, {why}.")
    return TalkComparison(said, False, f"The talk places it at {RUNG_LABELS[said].lower()}; the evidence supports {verdict.label.lower()}, because {verdict.reasons[-1]}.")


def judge_catalog(catalog: Catalog) -> dict[str, ModelVerdicts]:
    return {model_id: judge_model(model, catalog) for model_id, model in catalog.of("models").items()}
