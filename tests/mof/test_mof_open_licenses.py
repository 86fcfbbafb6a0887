import pytest

from generator.mof.open_licenses import is_open_license

CASES = [
    # (licence, open?, why)
    ("MIT", True, "OSI and FSF"),
    ("0BSD", True, "OSI only"),
    ("WTFPL", True, "FSF-libre only"),
    ("Apache-2.0", True, "OSI and FSF"),
    ("GPL-3.0-only", True, "-only variant"),
    ("GPL-3.0-or-later", True, "-or-later variant"),
    ("GPL-3.0", True, "deprecated SPDX ID keeps its flags"),
    ("GPL-3.0+", True, "deprecated SPDX ID keeps its flags"),
    ("CC-BY-4.0", True, "open-data list (also FSF)"),
    ("CC-BY-SA-3.0", True, "open-data list"),
    ("CC0-1.0", True, "open-data list"),
    ("ODC-By-1.0", True, "open-data list only"),
    ("OGL-UK-3.0", True, "open-data list only"),
    ("CDLA-Permissive-2.0", True, "open-data list only"),
    ("ODC-PDDL-1.0", True, "on MOT's list although not an SPDX ID"),
    ("OpenMDW-1.0", True, "MOT's extra open licence"),
    ("PDDL-1.0", False, "the real SPDX ID of ODC-PDDL is neither OSI, FSF nor listed"),
    ("CC-BY-NC-4.0", False, "non-commercial"),
    ("Proprietary", False, "proprietary"),
    ("Llama 3 Community License", False, "custom licence"),
    ("OpenRAIL", False, "not an SPDX ID"),
    ("apache-2.0", False, "MOT compares case-sensitively"),
    ("Apache 2.0", False, "not the SPDX ID"),
    (" MIT", False, "no trimming"),
    ("MIT OR Apache-2.0", False, "expressions are not parsed"),
    ("Apache-2.0 WITH LLVM-exception", False, "expressions are not parsed"),
    ("unlicensed", False, "the unlicensed marker"),
    ("Component not included", False, "free text"),
    ("", False, "empty"),
    (None, False, "none"),
]


@pytest.mark.parametrize(("licence", "expected", "why"), CASES, ids=[repr(c[0]) for c in CASES])
def test_is_open_license(licence, expected, why):
    assert is_open_license(licence) is expected, why
