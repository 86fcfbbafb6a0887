"""OSAID 1.0 and Open Weight Definition outcomes, one reason at a time."""
import pytest

from generator.verdicts import judge_model

from .builders import catalog, licence, model

ALL = "all"  # every component published


@pytest.mark.parametrize("published, code, weights, missing_words", [
    (ALL, "Apache-2.0", "Apache-2.0", None),
    ({"model-parameters-final", "training-code", "inference-code", "model-architecture", "data-preprocessing-code"}, "Apache-2.0", "Apache-2.0", "Data information"),
    ({"model-parameters-final", "data-card", "inference-code", "model-architecture", "data-preprocessing-code"}, "Apache-2.0", "Apache-2.0", "Code: training: training-code is not published"),
    ({"model-parameters-final", "data-card", "training-code", "inference-code", "model-architecture"}, "Apache-2.0", "Apache-2.0", "Code: data processing"),
    (ALL, "CC-BY-NC-4.0", "Apache-2.0", "not under an OSI-approved licence (CC-BY-NC-4.0)"),
    (ALL, "Apache-2.0", "CC-BY-NC-4.0", "Parameters: the parameters' licence sets conditions: commercial use is forbidden"),
])
def test_osaid(published, code, weights, missing_words):
    m = model(published=published, code=code, weights=weights)
    verdict = judge_model(m, catalog({"m": m})).osaid
    if missing_words is None:
        assert verdict.passed and verdict.missing == ()
    else:
        assert not verdict.passed
        assert any(missing_words in reason for reason in verdict.missing), verdict.missing


def test_osaid_data_information_satisfied_by_data_card_alone():
    m = model(published={"model-parameters-final", "data-card", "training-code", "inference-code", "model-architecture", "data-preprocessing-code"})
    assert judge_model(m, catalog({"m": m})).osaid.passed


@pytest.mark.parametrize("weights, terms, criteria", [
    ("Apache-2.0", None, set()),
    ("CC-BY-4.0", None, set()),
    ("CC-BY-NC-4.0", None, {6}),
    ("CC-BY-ND-4.0", None, {3}),
    ("LicenseRef-l", dict(user_threshold=700_000_000, commercial_use="conditional"), {5, 6}),
    ("LicenseRef-l", dict(field_of_use_restrictions=True), {6}),
    ("LicenseRef-l", dict(acceptable_use_policy="https://example.org/aup"), {6}),
    ("LicenseRef-l", dict(derivatives="no"), {3}),
    ("LicenseRef-l", dict(redistribution="conditional"), {1}),
    ("LicenseRef-l", dict(extra_agreement=True), {7}),
    ("LicenseRef-l", dict(territory_restrictions=True), {5}),
    ("LicenseRef-l", dict(naming_required=True), set()),
    ("none", None, {1, 3}),
])
def test_owd_criteria(weights, terms, criteria):
    m = model(published=ALL, weights=weights)
    verdict = judge_model(m, catalog({"m": m}, {"l": licence(**terms)} if terms else {})).owd
    assert {c for c, _ in verdict.failures} == criteria
    assert verdict.passed is (not criteria)
    assert verdict.not_assessed == (4, 8, 9, 10)


def test_owd_fails_criterion_2_without_weights():
    m = model(published=set(), weights_available=False)
    verdict = judge_model(m, catalog({"m": m})).owd
    assert (2, "the weights are not published") in verdict.failures


@pytest.mark.parametrize("weights, terms, answer", [
    ("Apache-2.0", None, "yes"),
    ("CC-BY-NC-4.0", None, "no"),
    ("LicenseRef-l", dict(commercial_use="conditional", user_threshold=700_000_000), "conditional"),
    ("LicenseRef-l", dict(commercial_use="unknown"), "unknown"),
    ("unknown", None, "unknown"),
    ("none", None, "no"),
])
def test_commercial_use_answered_from_the_record(weights, terms, answer):
    m = model(published=ALL, weights=weights)
    assert judge_model(m, catalog({"m": m}, {"l": licence(**terms)} if terms else {})).licence.commercial_use == answer
