"""The Open Weight Definition (openweight.org, draft 0.x): pass or fail, criterion by criterion.

The OWD's ten criteria are about the licence of the weights; each licence condition we can
record breaks the criteria listed here.  Criteria 4, 8, 9 and 10 concern wording that our
licence records do not capture; they are shown as not assessed rather than passed silently.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..schema.models import Status
from .evidence import Evidence

SOURCE = "https://openweight.org/"

CRITERIA: dict[int, str] = {
    1: "Free redistribution",
    2: "Model weights available",
    3: "Derived works",
    4: "Integrity of the author's work",
    5: "No discrimination against persons or groups",
    6: "No discrimination against fields of endeavor",
    7: "Distribution of licence: rights without extra agreements",
    8: "Licence not specific to a product",
    9: "Licence does not restrict other software",
    10: "Licence technology-neutral",
}
NOT_ASSESSED = (4, 8, 9, 10)

# Licence condition (see licence_terms.CONDITIONS) → the criteria it breaks.
BREAKS: dict[str, tuple[int, ...]] = {
    "unknown": (1, 3, 5, 6, 7),
    "no-licence": (1, 3),
    "not-open": (1, 3, 6),
    "non-commercial": (6,),
    "commercial-conditional": (6,),
    "user-threshold": (5,),
    "revenue-threshold": (5,),
    "field-of-use": (6,),
    "acceptable-use-policy": (6,),
    "territory": (5,),
    "no-derivatives": (3,),
    "derivatives-conditional": (3,),
    "redistribution-restricted": (1,),
    "extra-agreement": (7,),
}


@dataclass(frozen=True)
class OwdVerdict:
    passed: bool
    failures: tuple[tuple[int, str], ...]  # (criterion, why)
    not_assessed: tuple[int, ...] = NOT_ASSESSED


def judge(evidence: Evidence) -> OwdVerdict:
    failures: list[tuple[int, str]] = []
    if evidence.weights_downloadable is not Status.published:
        failures.append((2, "the weights are not published" if evidence.weights_downloadable is Status.not_published else "whether the weights are published is unknown"))
    for condition in evidence.weights_licence.conditions:
        for criterion in BREAKS[condition.code]:
            failures.append((criterion, condition.text))
    failures = sorted(set(failures))
    return OwdVerdict(not failures, tuple(failures))
