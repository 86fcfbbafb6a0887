"""The OSI Open Source AI Definition 1.0: pass or fail, with the missing required elements.

OSAID 1.0 (https://opensource.org/ai/open-source-ai-definition) requires, under OSI-approved
terms: data information, the complete code to train and run the system, and the parameters.
Each row below is one element with the evidence components that satisfy it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..schema.models import Status
from .evidence import Evidence

SOURCE = "https://opensource.org/ai/open-source-ai-definition"


@dataclass(frozen=True)
class Element:
    name: str
    components: tuple[str, ...]  # all must be published under OSI-approved terms …
    any_of: bool = False  # … or, when set, any one of them suffices
    needs_osi: bool = True


ELEMENTS: tuple[Element, ...] = (
    # Data information: a complete description of the training data; a data card or the
    # published data itself is what our evidence can show.  Licence terms are not required.
    Element("Data information", ("data-card", "datasets"), any_of=True, needs_osi=False),
    Element("Code: training", ("training-code",)),
    Element("Code: data processing", ("data-preprocessing-code",)),
    Element("Code: inference and architecture", ("inference-code", "model-architecture")),
    Element("Parameters", ("model-parameters-final",)),
)


@dataclass(frozen=True)
class OsaidVerdict:
    passed: bool
    missing: tuple[str, ...]


def _element_problem(evidence: Evidence, element: Element) -> str | None:
    problems = []
    for slug in element.components:
        status = evidence.published(slug) if slug != "model-parameters-final" else evidence.weights_downloadable
        if status is not Status.published:
            problems.append(f"{slug} is {'not published' if status is Status.not_published else 'unknown'}")
        elif element.needs_osi and slug == "model-parameters-final" and evidence.weights_licence.conditions:
            problems.append("the parameters' licence sets conditions: " + "; ".join(c.text for c in evidence.weights_licence.conditions))
        elif element.needs_osi and slug != "model-parameters-final" and not evidence.osi_licensed(slug):
            problems.append(f"{slug} is not under an OSI-approved licence ({evidence.licence_of(slug)})")
        elif element.any_of:
            return None
    if not problems:
        return None
    return f"{element.name}: " + ("; ".join(problems) if not element.any_of else " and ".join(problems))


def judge(evidence: Evidence) -> OsaidVerdict:
    missing = tuple(p for e in ELEMENTS if (p := _element_problem(evidence, e)))
    return OsaidVerdict(not missing, missing)
