"""Classify a model against the Model Openness Framework the way the MOT does.

Sources read (not copied; MOT at commit 8b5d30e9, 2026-05-11); the rules below are
re-expressed as tables:
- MOF paper, arXiv 2403.13784: https://arxiv.org/abs/2403.13784
- MOT evaluator (classes, progress, paper-for-report substitution):
  https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/src/ModelEvaluator.php
- MOT YAML import (which components count as included, "unlicensed"):
  https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/src/ModelUpdater.php
- MOT README, "Understanding the Model evaluation process":
  https://github.com/lfai/model_openness_tool/blob/main/README.md
- MOT's own expected results for its test files, used as our oracle:
  https://github.com/lfai/model_openness_tool/blob/main/Test_Data/expected_results.json

The rules, in order:
1. A component is included when the YAML lists it by its exact MOT name, whatever
   its licence says ("Component not included" as a licence string still counts as
   included, under a licence that is not open).
2. Its licence: see LICENCE_FALLBACK below.
3. It counts for a class when included under an open licence (open_licenses.py).
4. Class c requires every required component of c and of each class below it
   (REQUIRED_FOR_CLASS). If the technical report does not count but the research
   paper does, PAPER_FOR_REPORT says what happens in each class.
5. progress[c] = counted / required * 100 (unrounded, as MOT's API reports it), and
   0 whenever a class below c is not met.
6. The model's class is the highest met class (1 beats 2 beats 3), 0 for none.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.mof.components import COMPONENTS, by_mot_name
from generator.mof.open_licenses import is_open_license

CLASSES_LOWEST_FIRST: tuple[int, ...] = (3, 2, 1)

# Slugs a class needs: its own required components plus those of all lower classes.
REQUIRED_FOR_CLASS: dict[int, tuple[str, ...]] = {
    cls: tuple(c.slug for c in COMPONENTS if c.required and c.mof_class >= cls)
    for cls in CLASSES_LOWEST_FIRST
}

# A component `license` value meaning "no licence"; it stops the fallback below.
# MOT's import turns "unlicensed" into "" and its evaluator reads "" as no licence.
UNLICENSED_VALUES: frozenset[str] = frozenset({"", "unlicensed"})

# Where a component without its own `license` key gets one, first non-empty wins.
# "{kind}" is the component's kind: release.license.code / .data / .document.
LICENCE_FALLBACK: tuple[str, ...] = ("{kind}", "distribution")
RELEASE_LICENCE_KEYS: frozenset[str] = frozenset({"code", "data", "document", "distribution"})

# What an openly licensed research paper does for a technical report that is
# missing or not open (MOT README: "If the paper is included, the technical report
# is optional"). In classes III and II the paper is not itself required, so MOT
# counts it in the report's place (still 6 and 10 required). In class I the paper
# already counts for itself, so MOT drops the report instead (13 required, not 14).
PAPER_COUNTS_AS_REPORT = "paper counts as the report"
REPORT_NOT_REQUIRED = "report not required"
PAPER_FOR_REPORT: dict[int, str] = {
    3: PAPER_COUNTS_AS_REPORT,
    2: PAPER_COUNTS_AS_REPORT,
    1: REPORT_NOT_REQUIRED,
}
REPORT, PAPER = "technical-report", "research-paper"


class MotDocumentError(ValueError):
    """The mapping is not shaped like a MOT model file."""


@dataclass(frozen=True)
class ComponentVerdict:
    slug: str
    included: bool
    license: str | None  # the licence that applies; None when not included or unlicensed
    license_source: str | None  # "component", "code"/"data"/"document", "distribution" or None
    is_open: bool

    @property
    def reason(self) -> str:
        """Why this component does not count (meaningless when it does)."""
        if not self.included:
            return "not included"
        if self.license is None:
            return "unlicensed"
        return f"licence {self.license!r} is not open"


@dataclass(frozen=True)
class MofResult:
    mof_class: int  # 0 (none), 3, 2 or 1
    progress: dict[int, float]  # per class, MOT's percentage, unrounded
    # Per class, cumulative: every (slug, reason) still keeping that class from being
    # met, lower classes included; a class is met exactly when its list is empty.
    missing: dict[int, list[tuple[str, str]]]
    components: dict[str, ComponentVerdict] = field(default_factory=dict)
    unknown_components: tuple[str, ...] = ()  # YAML names that are not MOF components


def classify(document: Mapping) -> MofResult:
    """Classify a parsed MOT YAML document (the mapping with `framework` and `release`)."""
    release = _mapping(_mapping(document, "the document").get("release"), "release")
    release_licences = _release_licences(release)
    listed, unknown = _listed_components(release)
    verdicts = {c.slug: _verdict(c, listed, release_licences) for c in COMPONENTS}
    counting = {slug for slug, v in verdicts.items() if v.is_open}
    paper_stands_in = REPORT not in counting and PAPER in counting

    share: dict[int, float] = {}
    missing: dict[int, list[tuple[str, str]]] = {}
    for cls in CLASSES_LOWEST_FIRST:
        required = list(REQUIRED_FOR_CLASS[cls])
        counted = [slug for slug in required if slug in counting]
        if paper_stands_in:
            if PAPER_FOR_REPORT[cls] == PAPER_COUNTS_AS_REPORT:
                counted.append(REPORT)
            else:
                required.remove(REPORT)
        missing[cls] = [(s, verdicts[s].reason) for s in required if s not in counted]
        # Same operation order as MOT, so the floats match to the last digit.
        share[cls] = len(counted) / len(required) * 100

    progress: dict[int, float] = {}
    mof_class = 0
    lower_classes_met = True
    for cls in CLASSES_LOWEST_FIRST:
        progress[cls] = share[cls] if lower_classes_met else 0.0
        lower_classes_met = lower_classes_met and not missing[cls]
        if lower_classes_met:
            mof_class = cls

    return MofResult(mof_class, progress, missing, verdicts, unknown)


def _verdict(component, listed: Mapping[str, Mapping], release_licences: Mapping) -> ComponentVerdict:
    entry = listed.get(component.mot_name)
    if entry is None:
        return ComponentVerdict(component.slug, False, None, None, False)
    licence, source = _resolve_licence(component.kind, entry, release_licences)
    return ComponentVerdict(component.slug, True, licence, source, is_open_license(licence))


def _resolve_licence(kind: str, entry: Mapping, release_licences: Mapping) -> tuple[str | None, str | None]:
    if "license" in entry:
        own = entry["license"]
        # A bare `license:` (null) is read as unlicensed, the cautious reading: MOT's
        # schema rejects the file, and MOT's evaluator alone would fall back instead.
        return (None if own is None or own in UNLICENSED_VALUES else own), "component"
    for key in LICENCE_FALLBACK:
        key = key.format(kind=kind)
        name = release_licences.get(key)
        if name:
            return name, key
    return None, None


def _release_licences(release: Mapping) -> dict[str, str | None]:
    """release.license as {"distribution"/"code"/...: name}, validated.

    Other keys are ignored, as MOT's schema allows them and its evaluator never reads them.
    """
    raw = release.get("license")
    if raw is None:
        return {}
    names = {}
    for key, value in _mapping(raw, "release.license").items():
        if value is None or key not in RELEASE_LICENCE_KEYS:
            continue
        name = _mapping(value, f"release.license.{key}").get("name")
        if name is not None and not isinstance(name, str):
            raise MotDocumentError(f"release.license.{key}.name must be a string")
        names[str(key)] = name
    return names


def _listed_components(release: Mapping) -> tuple[dict[str, Mapping], tuple[str, ...]]:
    """Listed components by MOT name (a repeated name: the last entry wins, as in MOT)."""
    raw = release.get("components")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise MotDocumentError("release.components must be a list")
    listed: dict[str, Mapping] = {}
    unknown: list[str] = []
    for index, entry in enumerate(raw):
        where = f"release.components[{index}]"
        entry = _mapping(entry, where)
        name = entry.get("name")
        if not isinstance(name, str):
            raise MotDocumentError(f"{where}.name must be a string")
        if "license" in entry and entry["license"] is not None and not isinstance(entry["license"], str):
            raise MotDocumentError(f"{where}.license must be a string")
        if by_mot_name(name) is None:
            unknown.append(name)
        else:
            listed[name] = entry
    return listed, tuple(unknown)


def _mapping(value, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise MotDocumentError(f"{where} must be a mapping")
    return value
