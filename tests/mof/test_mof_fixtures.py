"""Our classifier against MOT's own published results and against real MOT model files.

See fixtures/SOURCES.md for where every file comes from.
"""
import json
from pathlib import Path

import pytest

from generator.mof.mot_yaml import classify_file, load_mot_yaml

FIXTURES = Path(__file__).parent / "fixtures"
MOT_TEST_DATA = sorted((FIXTURES / "mot_test_data").glob("*.yml"))
MOT_EXPECTED = json.loads((FIXTURES / "mot_test_data" / "expected_results.json").read_text())


def test_every_mot_test_file_has_an_expected_result():
    names = {load_mot_yaml(p)["release"]["name"] for p in MOT_TEST_DATA}
    assert len(MOT_TEST_DATA) == 27
    assert names == set(MOT_EXPECTED)


@pytest.mark.parametrize("path", MOT_TEST_DATA, ids=lambda p: p.stem.split("_")[0] + ":" + p.stem[-20:])
def test_matches_mot_api_to_the_last_digit(path):
    expected = MOT_EXPECTED[load_mot_yaml(path)["release"]["name"]]
    got = classify_file(path)
    assert got["class"] == expected["class"]
    assert got["progress"] == {k: float(v) for k, v in expected["progress"].items()}


REAL_MODELS = [
    # (file, class, progress {"1", "2", "3"}); worked out by hand in fixtures/SOURCES.md
    ("OLMo-7B.yml", 1, {"1": 100.0, "2": 100.0, "3": 100.0}),
    ("Polyglot-Ko.yml", 2, {"1": 92.85714285714286, "2": 100.0, "3": 100.0}),
    ("GPT-NeoX-20B.yml", 3, {"1": 0.0, "2": 90.0, "3": 100.0}),
    ("Mistral-7B-v0.1.yml", 0, {"1": 0.0, "2": 0.0, "3": 33.33333333333333}),
    ("Llama-3-8B.yml", 0, {"1": 0.0, "2": 0.0, "3": 0.0}),
]


@pytest.mark.parametrize(("name", "mof_class", "progress"), REAL_MODELS, ids=[m[0] for m in REAL_MODELS])
def test_real_mot_models(name, mof_class, progress):
    got = classify_file(FIXTURES / "models" / name)
    assert (got["class"], got["progress"]) == (mof_class, progress)
