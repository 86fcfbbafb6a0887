"""Every rung of the talk's spectrum, and every edge case the methodology page decides."""
import pytest

from generator.verdicts import judge_model

from .builders import catalog, licence, model, service

EVERYTHING = "all"
NO_DATA = {"model-architecture", "model-parameters-final", "technical-report", "training-code", "inference-code", "model-card"}
NO_TRAINING_CODE = {"model-architecture", "model-parameters-final", "technical-report", "inference-code"}
WEIGHTS_ONLY = {"model-parameters-final"}

CASES = [
    # (name, model fields, licences, services, expected rung, words the reason must contain)
    ("app only", dict(published=set(), weights="none", weights_available=False, served_by=["app"]), {}, {"app": "behind-app"}, "behind-app", "used through an app"),
    ("api only", dict(published=set(), weights="none", weights_available=False, served_by=["api"]), {}, {"api": "directly-accessible"}, "directly-accessible", "weights are not published"),
    ("non-commercial weights", dict(published=EVERYTHING, weights="CC-BY-NC-4.0"), {}, {}, "available-weights", "commercial use is forbidden"),
    ("user threshold", dict(published=EVERYTHING, weights="LicenseRef-big"), {"big": licence(user_threshold=700_000_000, commercial_use="conditional")}, {}, "available-weights", "monthly active users"),
    ("acceptable-use policy", dict(published=EVERYTHING, weights="LicenseRef-aup"), {"aup": licence(acceptable_use_policy="https://example.org/aup")}, {}, "available-weights", "acceptable-use policy"),
    ("extra agreement", dict(published=EVERYTHING, weights="LicenseRef-agree"), {"agree": licence(extra_agreement=True)}, {}, "available-weights", "agreement beyond the licence"),
    ("territory", dict(published=EVERYTHING, weights="LicenseRef-terr"), {"terr": licence(territory_restrictions=True)}, {}, "available-weights", "countries or regions"),
    ("unknown licence", dict(published=EVERYTHING, weights="unknown"), {}, {}, "available-weights", "not known"),
    ("manual gate", dict(published=EVERYTHING, gating="manual"), {}, {}, "available-weights", "approved by hand"),
    ("automatic gate is fine", dict(published=NO_DATA, gating="automatic"), {}, {}, "open-source", "training data is not published"),
    ("weights only", dict(published=WEIGHTS_ONLY), {}, {}, "open-weight", "training code is not published"),
    ("code not OSI", dict(published=NO_DATA, code="CC-BY-NC-4.0"), {}, {}, "open-weight", "not under an OSI-approved licence"),
    ("no report", dict(published=NO_DATA - {"technical-report"}), {}, {}, "open-weight", "no technical report or paper"),
    ("paper instead of report", dict(published=(NO_DATA - {"technical-report"}) | {"research-paper"}), {}, {}, "open-source", "training data"),
    ("no training code", dict(published=NO_TRAINING_CODE), {}, {}, "open-weight", "training code is not published"),
    ("everything", dict(published=EVERYTHING), {}, {}, "reproducible", ""),
    ("OR picks the free choice", dict(published=EVERYTHING, weights="CC-BY-NC-4.0 OR MIT"), {}, {}, "reproducible", ""),
    ("AND keeps every condition", dict(published=EVERYTHING, weights="MIT AND CC-BY-NC-4.0"), {}, {}, "available-weights", "commercial use is forbidden"),
]


@pytest.mark.parametrize("name, fields, licences, services, rung, words", CASES, ids=[c[0] for c in CASES])
def test_rung(name, fields, licences, services, rung, words):
    m = model(**fields)
    c = catalog({"m": m}, licences, {k: service(v) for k, v in services.items()})
    verdict = judge_model(m, c).spectrum
    assert verdict.rung.value == rung
    assert words in " ".join(filter(None, [verdict.blocker, *verdict.reasons]))


def test_unknown_evidence_never_passes():
    m = model(published=WEIGHTS_ONLY)
    m = m.model_copy(update={"components": {**m.components, "training-code": m.components["training-code"].model_copy(update={"status": "unknown"})}})
    verdict = judge_model(m, catalog({"m": m})).spectrum
    assert verdict.rung.value == "open-weight"
    assert verdict.blocker == "not open source: training code is unknown"


def test_family_with_different_licences_takes_its_least_open_variant():
    m = model(published=EVERYTHING, variants=[
        {"id": "small", "name": "Small", "parameters": "1B"},
        {"id": "big", "name": "Big", "parameters": "70B", "license": "LicenseRef-research"},
    ])
    verdicts = judge_model(m, catalog({"m": m}, {"research": licence(commercial_use="no")}))
    assert verdicts.by_variant["small"].rung.value == "reproducible"
    assert verdicts.by_variant["big"].rung.value == "available-weights"
    assert verdicts.spectrum.rung.value == "available-weights"
    assert verdicts.varies_by_variant


def test_variant_gate_overrides_family():
    m = model(published=EVERYTHING, variants=[{"id": "a", "name": "A", "gating": "manual"}, {"id": "b", "name": "B"}])
    verdicts = judge_model(m, catalog({"m": m}))
    assert verdicts.by_variant["a"].rung.value == "available-weights"
    assert verdicts.by_variant["b"].rung.value == "reproducible"


@pytest.mark.parametrize("talk_rung, agrees, words", [
    ("reproducible", True, "as the evidence does"),
    ("open-source", False, "the evidence supports reproducible, because its training data is available"),
])
def test_talk_comparison_when_evidence_is_complete(talk_rung, agrees, words):
    m = model(published=EVERYTHING, talk={"rung": talk_rung})
    comparison = judge_model(m, catalog({"m": m})).talk
    assert comparison.agrees is agrees
    assert words in comparison.explanation


def test_talk_placing_higher_than_evidence_says_why():
    m = model(published=WEIGHTS_ONLY, talk={"rung": "reproducible", "said": "Apache 2.0"})
    comparison = judge_model(m, catalog({"m": m})).talk
    assert not comparison.agrees
    assert comparison.explanation == ("The talk places it at reproducible; the evidence supports only open weight, "
                                      "not open source: training code is not published.")
