"""Rules between entries: references resolve, no self-reference or cycle, dates in order."""
from __future__ import annotations

import json

import pytest

from atlas_project import atlas, dump, entry, new_project

FILES = {
    "models/missing-refs.yaml": entry(
        "models/tiny-lm.yaml", datasets=["web-mix", "no-such-data"], engines=["ghost-engine"],
        benchmarks=["ghost-bench"], served_by=["ghost-service"], base_model="ghost-model",
    ),
    "recipes/missing-model.yaml": entry("recipes/run-tiny.yaml", model="ghost-model", variant=None),
    "recipes/missing-engine.yaml": entry("recipes/run-tiny.yaml", engine="ghost-engine", uses=["ghost-ui"]),
    "recipes/missing-variant.yaml": entry("recipes/run-tiny.yaml", variant="huge"),
    "services/missing-model.yaml": entry("services/hostly.yaml", models=["tiny-lm", "ghost-model"]),
    "benchmarks/missing-dataset.yaml": entry("benchmarks/quiz.yaml", datasets=["ghost-data"]),
    "engines/self-based.yaml": entry("engines/chat-ui.yaml", based_on=["self-based"]),
    "models/self-based.yaml": entry("models/tiny-lm-chat.yaml", base_model="self-based"),
    "models/cycle-a.yaml": entry("models/tiny-lm-chat.yaml", base_model="cycle-b"),
    "models/cycle-b.yaml": entry("models/tiny-lm-chat.yaml", base_model="cycle-a"),
    "datasets/loop-one.yaml": entry("datasets/web-mix.yaml", derived_from=["web-mix", "loop-two"]),
    "datasets/loop-two.yaml": entry("datasets/web-mix.yaml", derived_from=["loop-three"]),
    "datasets/loop-three.yaml": entry("datasets/web-mix.yaml", derived_from=["loop-one"]),
    "models/bad-component.yaml": entry(
        "models/tiny-lm-chat.yaml",
        components={"training-code": {"status": "not-published"}, "weights-ish": {"status": "unknown"}},
    ),
    "engines/updated-early.yaml": entry("engines/runner.yaml", added="2025-03-01", updated="2025-02-28"),
}

# (file, needle on the reported line, field, message)
EXPECTED = [
    ("models/missing-refs.yaml", "- no-such-data", "datasets[1]", "no dataset with id 'no-such-data' (expected a file catalog/datasets/no-such-data.yaml)"),
    ("models/missing-refs.yaml", "- ghost-engine", "engines[0]", "no engine with id 'ghost-engine' (expected a file catalog/engines/ghost-engine.yaml)"),
    ("models/missing-refs.yaml", "- ghost-bench", "benchmarks[0]", "no benchmark with id 'ghost-bench'"),
    ("models/missing-refs.yaml", "- ghost-service", "served_by[0]", "no service with id 'ghost-service'"),
    ("models/missing-refs.yaml", "base_model: ghost-model", "base_model", "no model with id 'ghost-model' (expected a file catalog/models/ghost-model.yaml)"),
    ("recipes/missing-model.yaml", "model: ghost-model", "model", "no model with id 'ghost-model'"),
    ("recipes/missing-engine.yaml", "engine: ghost-engine", "engine", "no engine with id 'ghost-engine'"),
    ("recipes/missing-engine.yaml", "- ghost-ui", "uses[0]", "no engine with id 'ghost-ui'"),
    ("recipes/missing-variant.yaml", "variant: huge", "variant", "model 'tiny-lm' has no variant 'huge'"),
    ("services/missing-model.yaml", "- ghost-model", "models[1]", "no model with id 'ghost-model'"),
    ("benchmarks/missing-dataset.yaml", "- ghost-data", "datasets[0]", "no dataset with id 'ghost-data'"),
    ("engines/self-based.yaml", "- self-based", "based_on[0]", "an entry cannot refer to itself"),
    ("models/self-based.yaml", "base_model: self-based", "base_model", "an entry cannot refer to itself"),
    ("models/cycle-a.yaml", "base_model: cycle-b", "base_model", "reference cycle: cycle-a → cycle-b → cycle-a"),
    ("models/cycle-b.yaml", "base_model: cycle-a", "base_model", "reference cycle: cycle-b → cycle-a → cycle-b"),
    ("datasets/loop-one.yaml", "derived_from:", "derived_from", "reference cycle: loop-one → loop-two → loop-three → loop-one"),
    ("datasets/loop-two.yaml", "derived_from:", "derived_from", "reference cycle: loop-two → loop-three → loop-one → loop-two"),
    ("datasets/loop-three.yaml", "derived_from:", "derived_from", "reference cycle: loop-three → loop-one → loop-two → loop-three"),
    ("models/bad-component.yaml", "  weights-ish:", "components.weights-ish", "'weights-ish' is not a Model Openness Framework component"),
    ("engines/updated-early.yaml", "updated: '2025-02-28'", "updated", "is before `added`"),
]


def line_of(text: str, needle: str) -> int:
    found = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle) or line.strip() == needle]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("cross"), FILES)
    result = atlas(root, "check", "--format", "json")
    assert result.returncode == 1
    return json.loads(result.stdout)


@pytest.mark.parametrize("file, needle, field, message", EXPECTED, ids=[f"{e[0]}:{e[2]}" for e in EXPECTED])
def test_cross_entry_problem_is_located(report, file, needle, field, message):
    line = line_of(dump(FILES[file]), needle)
    mine = [p for p in report["problems"] if p["path"] == f"catalog/{file}" and p["field"] == field]
    assert len(mine) == 1, f"{file} {field}: {mine}"
    assert mine[0]["line"] == line
    assert message in mine[0]["message"]


def test_cross_entry_problems_all_come_in_one_run_and_nothing_else(report):
    assert report["total"] == len(EXPECTED) == len(report["problems"])
    assert not any(p["path"].startswith("catalog/") and p["path"][len("catalog/"):] not in FILES for p in report["problems"])


def test_reference_to_an_entry_that_failed_its_schema_is_not_reported_again(tmp_path):
    root = new_project(tmp_path, {
        "datasets/broken-data.yaml": entry("datasets/web-mix.yaml", availability="maybe"),
        "licenses/broken-terms.yaml": entry("licenses/acme-terms.yaml", url="ftp://example.org/terms"),
        "engines/broken-engine.yaml": entry("engines/runner.yaml", kind=["rocket"]),
        "models/user.yaml": entry(
            "models/tiny-lm-chat.yaml", datasets=["broken-data"], engines=["broken-engine"],
            license={"weights": "LicenseRef-broken-terms"},
        ),
    })
    result = atlas(root, "check", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["path"], p["field"]) for p in problems] == [
        ("catalog/datasets/broken-data.yaml", "availability"),
        ("catalog/engines/broken-engine.yaml", "kind[0]"),
        ("catalog/licenses/broken-terms.yaml", "url"),
    ]


def test_reference_to_an_entry_that_failed_to_load_is_not_reported_again(tmp_path):
    root = new_project(tmp_path, {
        "datasets/unreadable.yaml": "name: [unclosed\n",
        "licenses/unreadable-terms.yaml": b"name: caf\xe9\n",
        "models/user.yaml": entry(
            "models/tiny-lm-chat.yaml", datasets=["unreadable"], license={"weights": "LicenseRef-unreadable-terms"},
        ),
    })
    result = atlas(root, "check", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [p["path"] for p in problems] == ["catalog/datasets/unreadable.yaml", "catalog/licenses/unreadable-terms.yaml"]


def test_licence_and_reference_errors_of_an_entry_with_a_schema_error_come_in_the_same_run(tmp_path):
    root = new_project(tmp_path, {
        "engines/two-problems.yaml": entry("engines/runner.yaml", license="GPL-2.0", homepage="ftp://example.org"),
        "models/two-problems.yaml": entry("models/tiny-lm-chat.yaml", engines=["ghost-engine"], modality=["smell"]),
    })
    result = atlas(root, "check", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert sorted((p["path"], p["field"]) for p in problems) == [
        ("catalog/engines/two-problems.yaml", "homepage"),
        ("catalog/engines/two-problems.yaml", "license"),
        ("catalog/models/two-problems.yaml", "engines[0]"),
        ("catalog/models/two-problems.yaml", "modality[0]"),
    ]
