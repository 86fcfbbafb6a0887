import pytest

from generator.mof.classify import MotDocumentError, classify
from mof_helpers import (CLASS_I, CLASS_II, CLASS_III, OPTIONAL, document, entry, open_doc,
                         without)

ALL = CLASS_III + CLASS_II + CLASS_I
REPORT, PAPER = "technical-report", "research-paper"

# Progress values are exact floats, as MOT's API returns them: (counted / required) * 100.
CLASS_BOUNDARIES = [
    # (case, openly licensed components, class, {1: .., 2: .., 3: ..})
    ("nothing", [], 0, {1: 0.0, 2: 0.0, 3: 0.0}),
    ("optional components only", OPTIONAL, 0, {1: 0.0, 2: 0.0, 3: 0.0}),
    ("one of six for III", ["model-card"], 0, {1: 0.0, 2: 0.0, 3: 16.666666666666664}),
    ("III short of one", without(CLASS_III, "model-card"), 0, {1: 0.0, 2: 0.0, 3: 83.33333333333334}),
    ("II and I complete, III short of one", without(ALL, "data-card"), 0,
     {1: 0.0, 2: 0.0, 3: 83.33333333333334}),
    ("III met", CLASS_III, 3, {1: 0.0, 2: 60.0, 3: 100.0}),
    ("III met, II short of one", CLASS_III + without(CLASS_II, "evaluation-data"), 3,
     {1: 0.0, 2: 90.0, 3: 100.0}),
    ("III met, I complete, II short of one", without(ALL, "training-code"), 3,
     {1: 0.0, 2: 90.0, 3: 100.0}),
    ("II met", CLASS_III + CLASS_II, 2, {1: 71.42857142857143, 2: 100.0, 3: 100.0}),
    ("II met, I short of one", without(ALL, "datasets"), 2, {1: 92.85714285714286, 2: 100.0, 3: 100.0}),
    ("I met", ALL, 1, {1: 100.0, 2: 100.0, 3: 100.0}),
    ("all seventeen", ALL + OPTIONAL, 1, {1: 100.0, 2: 100.0, 3: 100.0}),
]


@pytest.mark.parametrize(("case", "open_slugs", "mof_class", "progress"), CLASS_BOUNDARIES,
                         ids=[c[0] for c in CLASS_BOUNDARIES])
def test_class_boundaries(case, open_slugs, mof_class, progress):
    result = classify(open_doc(open_slugs))
    assert result.mof_class == mof_class
    assert result.progress == progress


# An open research paper standing in for a missing or non-open technical report.
PAPER_FOR_REPORT = [
    # (case, open, other licences, class, progress, report listed as missing in class 3?)
    ("paper fills III's report slot", without(CLASS_III, REPORT) + [PAPER], {}, 3,
     {1: 0.0, 2: 60.0, 3: 100.0}, False),
    ("paper fills the slot of a report that is not open", without(CLASS_III, REPORT) + [PAPER],
     {REPORT: "Proprietary"}, 3, {1: 0.0, 2: 60.0, 3: 100.0}, False),
    ("paper counts in the report's place for partial progress", ["model-card", PAPER], {}, 0,
     {1: 0.0, 2: 0.0, 3: 33.33333333333333}, False),
    ("unlicensed paper does not stand in", without(CLASS_III, REPORT), {PAPER: "unlicensed"}, 0,
     {1: 0.0, 2: 0.0, 3: 83.33333333333334}, True),
    ("no paper, no report", without(CLASS_III, REPORT), {}, 0,
     {1: 0.0, 2: 0.0, 3: 83.33333333333334}, True),
    ("I: report dropped, 13 required", without(ALL, REPORT), {}, 1,
     {1: 100.0, 2: 100.0, 3: 100.0}, False),
    ("I: report dropped, 10 of 13", without(CLASS_III + CLASS_II, REPORT) + [PAPER], {}, 2,
     {1: 76.92307692307693, 2: 100.0, 3: 100.0}, False),
    ("I: report open, paper not, 13 of 14", without(ALL, PAPER), {PAPER: "CC-BY-NC-4.0"}, 2,
     {1: 92.85714285714286, 2: 100.0, 3: 100.0}, False),
    ("I: both open, 11 of 14", CLASS_III + CLASS_II + [PAPER], {}, 2,
     {1: 78.57142857142857, 2: 100.0, 3: 100.0}, False),
]


@pytest.mark.parametrize(("case", "open_slugs", "other", "mof_class", "progress", "report_missing"),
                         PAPER_FOR_REPORT, ids=[c[0] for c in PAPER_FOR_REPORT])
def test_paper_for_report(case, open_slugs, other, mof_class, progress, report_missing):
    result = classify(open_doc(open_slugs, other))
    assert result.mof_class == mof_class
    assert result.progress == progress
    assert (REPORT in dict(result.missing[3])) is report_missing


def test_report_never_missing_in_class_i_when_paper_is_open():
    result = classify(open_doc(without(ALL, REPORT, "datasets")))
    assert dict(result.missing[1]) == {"datasets": "not included"}
    assert dict(result.missing[2]) == {} and dict(result.missing[3]) == {}


LICENCE_FALLBACK = [
    # (case, component entry fields, release.license, licence, source, open?)
    ("component licence beats the rest", {"license": "Proprietary"},
     {"code": {"name": "MIT"}, "distribution": {"name": "MIT"}}, "Proprietary", "component", False),
    ("type licence beats distribution", {},
     {"code": {"name": "MIT"}, "distribution": {"name": "Proprietary"}}, "MIT", "code", True),
    ("other types' licences do not apply", {},
     {"data": {"name": "CC-BY-4.0"}, "document": {"name": "CC-BY-4.0"},
      "distribution": {"name": "Proprietary"}}, "Proprietary", "distribution", False),
    ("empty type licence falls through", {},
     {"code": {"name": ""}, "distribution": {"name": "Apache-2.0"}}, "Apache-2.0", "distribution", True),
    ("null type licence falls through", {},
     {"code": {"name": None, "path": None}, "distribution": {"name": "Apache-2.0"}},
     "Apache-2.0", "distribution", True),
    ("no licence anywhere", {}, {}, None, None, False),
    ("'unlicensed' stops the fallback", {"license": "unlicensed"},
     {"code": {"name": "MIT"}, "distribution": {"name": "MIT"}}, None, "component", False),
    ("empty licence stops the fallback", {"license": ""},
     {"distribution": {"name": "MIT"}}, None, "component", False),
    ("bare `license:` is read as unlicensed", {"license": None},
     {"distribution": {"name": "MIT"}}, None, "component", False),
    ("'Unlicensed' is just a licence name", {"license": "Unlicensed"},
     {"distribution": {"name": "MIT"}}, "Unlicensed", "component", False),
    ("'Component not included' still means included", {"license": "Component not included"},
     {}, "Component not included", "component", False),
]


@pytest.mark.parametrize(("case", "fields", "release_licence", "licence", "source", "is_open"),
                         LICENCE_FALLBACK, ids=[c[0] for c in LICENCE_FALLBACK])
def test_licence_fallback(case, fields, release_licence, licence, source, is_open):
    result = classify(document([entry("model-architecture", **fields)], release_licence))
    verdict = result.components["model-architecture"]
    assert verdict.included
    assert (verdict.license, verdict.license_source, verdict.is_open) == (licence, source, is_open)


def test_distribution_licence_counts_for_every_kind():
    # MOT accepts an open licence of the "wrong" type (e.g. Apache-2.0 on data) with a warning only.
    result = classify(document([entry(s) for s in CLASS_III], {"distribution": {"name": "Apache-2.0"}}))
    assert result.mof_class == 3


def test_missing_reasons():
    doc = document([entry("model-architecture", license="unlicensed"),
                    entry("model-parameters-final", license="Llama 3 Community License"),
                    entry("model-card", license="MIT")])
    missing = dict(classify(doc).missing[3])
    assert missing == {
        "model-architecture": "unlicensed",
        "model-parameters-final": "licence 'Llama 3 Community License' is not open",
        "technical-report": "not included",
        "evaluation-results": "not included",
        "data-card": "not included",
    }


def test_missing_is_cumulative():
    result = classify(open_doc(without(ALL, "model-card", "training-code", "datasets")))
    assert [slug for slug, _ in result.missing[3]] == ["model-card"]
    assert [slug for slug, _ in result.missing[2]] == ["model-card", "training-code"]
    assert [slug for slug, _ in result.missing[1]] == ["model-card", "training-code", "datasets"]


def test_unknown_and_repeated_components():
    doc = document([entry("model-card", license="MIT"), {"name": "Model weights"},
                    entry("model-card", license="Proprietary")])
    result = classify(doc)
    assert result.unknown_components == ("Model weights",)
    assert result.components["model-card"].license == "Proprietary"  # the last entry wins, as in MOT


def test_missing_license_block_and_components_list():
    assert classify({"release": {"name": "x"}}).mof_class == 0


def test_unknown_release_licence_keys_are_ignored():
    doc = document([entry("model-card")], {"model": "MIT", "document": {"name": "CC-BY-4.0"}})
    assert classify(doc).components["model-card"].license == "CC-BY-4.0"


@pytest.mark.parametrize("doc", [
    [],
    {"framework": {}},
    {"release": "x"},
    {"release": {"components": "Model card"}},
    {"release": {"components": ["Model card"]}},
    {"release": {"components": [{"license": "MIT"}]}},
    {"release": {"components": [{"name": "Model card", "license": 2.0}]}},
    {"release": {"license": "MIT", "components": []}},
    {"release": {"license": {"distribution": "MIT"}, "components": []}},
    {"release": {"license": {"distribution": {"name": 1}}, "components": []}},
], ids=repr)
def test_malformed_documents_are_rejected(doc):
    with pytest.raises(MotDocumentError):
        classify(doc)
