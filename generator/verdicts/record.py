"""Verdicts as plain data, for the JSON API and the matrix."""
from __future__ import annotations

from . import ModelVerdicts
from .spectrum import SpectrumVerdict


def _spectrum(v: SpectrumVerdict) -> dict:
    return {"rung": v.rung.value, "label": v.label, "reasons": list(v.reasons), "not_higher_because": v.blocker}


def verdicts_record(v: ModelVerdicts) -> dict:
    return {
        "spectrum": _spectrum(v.spectrum),
        "spectrum_by_variant": {key: _spectrum(s) for key, s in v.by_variant.items()},
        "aspects": v.aspects,
        "freedoms": v.freedoms,
        "licence": {
            "weights": v.licence.expression,
            "commercial_use": v.licence.commercial_use,
            "conditions": [{"code": c.code, "text": c.text} for c in v.licence.conditions],
        },
        "mof": {
            "class": v.mof.mof_class,
            "progress": {str(k): v.mof.progress[k] for k in sorted(v.mof.progress)},
            "missing": {str(k): [{"component": s, "reason": r} for s, r in v.mof.missing[k]] for k in sorted(v.mof.missing)},
        },
        "osaid": {"passed": v.osaid.passed, "missing": list(v.osaid.missing)},
        "owd": {"passed": v.owd.passed, "failures": [{"criterion": c, "reason": r} for c, r in v.owd.failures],
                "not_assessed": list(v.owd.not_assessed)},
        "talk": None if v.talk is None else {"rung": v.talk.talk_rung.value, "agrees": v.talk.agrees, "explanation": v.talk.explanation},
    }
