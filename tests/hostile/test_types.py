"""Wrong types and out-of-range values in every field: each refused where it is written.

Table-driven over the schema: every case is its own copy of a valid BASE entry with one field
changed, so every problem reported must be in that copy, at that field.  All cases are checked in
one run (as `atlas check` does), in process and once through the real command line.
"""
from __future__ import annotations

import re

import pytest

from generator.catalog.kinds import KINDS
from generator.schema import Model

from .project import BASE, assert_clean_failure, atlas, entry, new_project, problems_in, write

LONG = "x" * 301
TOO_MUCH_PROSE = "y" * 20_001
FUTURE = "2999-01-01"

COMMON = {  # fields every kind has
    "name": [None, 123, True, [], {}, "", LONG, "two\nlines", "\r"],
    "summary": [None, 4.5, ["a"], "", LONG, "a\nb"],
    "description": [0, [], {}, "", TOO_MUCH_PROSE],
    "homepage": [5, "javascript:alert(1)", "data:text/html,x", "ftp://example.org", "http://", "https://exa mple.org",
                 "https://example.org/\"onclick", "//example.org", "example.org", "https://example.org/<x>"],
    "sources": [None, [], "https://example.org", [{"about": "x"}], [{"url": "javascript:alert(1)"}],
                [{"url": "https://example.org", "about": ["x"]}], [{"url": "https://example.org", "extra": 1}], [5]],
    "added": [None, FUTURE, "2025-13-01", "2025-02-30", "yesterday", [], {}, "2025"],
    "updated": [FUTURE, "2024-12-31", "soon"],
    "tags": ["tag", [1], ["Tag"], ["a b"], [None], [["x"]], {"a": 1}],
    "unknown_field": ["anything"],
}

SPECIFIC = {
    "models/tiny-lm.yaml": {
        "organization": [None, 5, [], LONG],
        "modality": [None, [], "text", ["smell"], [5], {"text": 1}],
        "released": [FUTURE, "1989", "2025-02-30", "2025-1", "June 2024", [], True],
        "license": [None, "MIT", 5, {}, {"weights": 5}, {"weights": "Not-A-Licence"}, {"weights": "MIT", "extra": 1},
                    {"weights": "MIT", "code": "GPL-2.0"}, {"weights": "unknown AND MIT"}, {"weights": ""},
                    {"weights": "MIT", "note": "a\nb"}],
        "weights_available": ["maybe", 2, [], {}],
        "gating": ["sometimes", True, 1, []],
        "components": [None, [], "all", {"model-parameters-final": "published"},
                       {"model-parameters-final": {"status": "published"}},
                       {"model-parameters-final": {"status": "maybe"}}, {"weights": {"status": "unknown"}},
                       {"model-parameters-final": {"status": "published", "url": "javascript:x"}},
                       {"model-parameters-final": {"status": "unknown", "license": 5}}],
        "variants": [{}, "small", [{"id": "A", "name": "x"}], [{"id": "x"}], [{"id": "x", "name": "X", "parameters": -1}],
                     [{"id": "x", "name": "X", "parameters": 0}], [{"id": "x", "name": "X", "parameters": "7Q"}],
                     [{"id": "x", "name": "X", "parameters": 1.5}],
                     [{"id": "x", "name": "X", "parameters": float("inf")}], [{"id": "x", "name": "X", "hub": "not-a-repo"}],
                     [{"id": "x", "name": "X", "hub": "../x/y"}], [{"id": "x", "name": "X", "hub": "a/b/c"}],
                     [{"id": "x", "name": "X"}, {"id": "x", "name": "Y"}],
                     [{"id": "x", "name": "X", "architecture": {"layers": 0}}],
                     [{"id": "x", "name": "X", "architecture": {"layers": 1001}}],
                     [{"id": "x", "name": "X", "architecture": {"kv_heads": "many"}}],
                     [{"id": "x", "name": "X", "architecture": {"head_dim": 1.5}}],
                     [{"id": "x", "name": "X", "architecture": {"context_length": -1}}],
                     [{"id": "x", "name": "X", "released": FUTURE}], [{"id": "x", "name": "X", "gating": "later"}],
                     [{"id": "x", "name": "X", "license": "Nope-1.0"}], [{"id": "x", "name": "X", "ollama": "a\nb"}]],
        "base_model": [["tiny-lm"], 5, "Tiny-LM", "no-such-model"],
        "datasets": ["web-mix", [5], ["no-such-data"]],
        "engines": ["runner", [{"id": "runner"}], ["ghost"]],
        "benchmarks": [True, ["ghost"]],
        "served_by": [{}, ["ghost"]],
        "talk": ["open", {"rung": "top"}, {"said": ["x"]}, {"extra": 1}],
    },
    "datasets/web-mix.yaml": {
        "organization": [None, 5], "modality": [[], ["smell"]], "license": [None, 5, "Nope-1.0", ""],
        "availability": [None, "maybe", True], "hub": [5, "x", "../a/b"], "size": [18.5, "a\nb"],
        "released": [FUTURE, "1980"], "derived_from": ["web-mix-clean", ["ghost"], ["Web"]],
    },
    "engines/runner.yaml": {
        "kind": [None, [], "inference-engine", ["toaster"]], "license": [None, 5, "Nope-1.0"],
        "repository": ["javascript:x", 5], "formats": ["GGUF", [5], ["a\nb"]],
        "openai_compatible_api": ["sometimes", 3], "platforms": ["linux", [LONG]], "based_on": ["runner", ["ghost"]],
        "determinism": [[], "seed", {"seed": "fixed"}, {"Seed": {"how": "x"}}, {"seed": {}}, {"seed": {"how": "x", "source": "ftp://x"}},
                        {"not-in-checklist": {"how": "x"}}],
    },
    "benchmarks/quiz.yaml": {
        "organization": [None], "kind": [None, "quiz", ["benchmark"]], "license": [5, "Nope-1.0"],
        "repository": ["x"], "datasets": [["ghost"], "web-mix"],
    },
    "services/hostly.yaml": {
        "provider": [None, 5], "rung": ["open-source", 1, ["behind-app"]], "openai_compatible_api": ["often"],
        "models": ["tiny-lm", ["ghost"]],
    },
    "licenses/acme-terms.yaml": {
        "url": [None, "x", "javascript:x"], "hub_ids": ["acme", [5]], "hub_license_names": [{}],
        "terms": [None, "permissive", {}, {**BASE["licenses/acme-terms.yaml"]["terms"], "commercial_use": "maybe"},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "user_threshold": -5},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "user_threshold": "lots"},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "revenue_threshold_usd": 0},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "field_of_use_restrictions": "some"},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "acceptable_use_policy": "see site"},
                  {**BASE["licenses/acme-terms.yaml"]["terms"], "surprise": True}],
    },
    "recipes/run-tiny.yaml": {
        "engine": [None, ["runner"], "ghost", "Runner"], "model": [None, 5, "ghost"], "variant": ["huge", 5],
        "platforms": [None, [], "Linux"], "prerequisites": ["docker", [LONG]],
        "steps": [None, [], "run it", [{"title": "x"}], [{"code": "x"}], [{"title": "x", "code": ""}],
                  [{"title": "x", "code": "z" * 5001}], [{"title": "x", "code": "x", "language": "bash"}],
                  [{"title": "x", "code": ["a", "b"]}], [{"title": "a\nb", "code": "x"}]],
        "expected": [None, "", "a\nb", 5], "uses": ["chat-ui", ["ghost"]],
    },
}


def _cases() -> list[tuple[str, str, object]]:
    cases = []
    for relative in sorted(SPECIFIC):
        for field, values in {**COMMON, **SPECIFIC[relative]}.items():
            for value in values:
                cases.append((relative, field, value))
    return cases


CASES = _cases()


def _case_file(i: int, relative: str) -> str:
    folder = relative.split("/")[0]
    return f"{folder}/case-{i}.yaml"


def _case_data(relative: str, field: str, value: object) -> dict:
    data = entry(relative)
    if value is None:
        data.pop(field, None)
    else:
        data[field] = value
    return data


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("types") / "p", site_files=False)
    for i, (relative, field, value) in enumerate(CASES):
        write(root, _case_file(i, relative), _case_data(relative, field, value))
    return root, problems_in(root)


def test_the_table_covers_every_field_of_every_kind():
    for kind in KINDS:
        relative = next(r for r in SPECIFIC if r.startswith(kind.folder + "/"))
        covered = set(COMMON) | set(SPECIFIC[relative])
        assert set(kind.schema.model_fields) <= covered, (kind.folder, set(kind.schema.model_fields) - covered)
    assert "variants" in Model.model_fields


def test_no_problem_is_blamed_on_a_valid_file(reported):
    _, problems = reported
    assert [str(p) for p in problems if not re.match(r"catalog/[a-z]+/case-\d+\.yaml$", p.path)] == []


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{r.split('/')[0]}.{f}={v!r:.40}" for r, f, v in CASES])
def test_a_wrong_value_is_refused_at_its_field(reported, i):
    relative, field, value = CASES[i]
    _, problems = reported
    path = f"catalog/{_case_file(i, relative)}"
    mine = [p for p in problems if p.path == path]
    assert mine, f"{field}: {value!r} was accepted"
    fields = {p.field for p in mine}
    assert all(f == field or f.startswith((field + ".", field + "[")) or (value is None and f in (field, ""))
               for f in fields), sorted(str(p) for p in mine)
    for problem in mine:
        assert problem.line >= 1 and problem.message and "\n" not in problem.message
        assert "errors.pydantic.dev" not in problem.message and "Traceback" not in problem.message
        assert len(problem.message) < 1000


def test_a_field_present_but_wrong_is_located_on_its_own_line(reported):
    """Missing fields are reported at line 1; present ones at the line that holds them (never line 1 here)."""
    root, problems = reported
    wrong_line = []
    for i, (relative, field, value) in enumerate(CASES):
        if value is None or field in ("name",):
            continue
        text = (root / "catalog" / _case_file(i, relative)).read_text(encoding="utf-8").splitlines()
        key_line = next((n for n, line in enumerate(text, 1) if line.startswith(f"{field}:")), None)
        for p in problems:
            if p.path == f"catalog/{_case_file(i, relative)}" and p.field == field and key_line and p.line < key_line:
                wrong_line.append(str(p))
    assert wrong_line == []


def test_atlas_check_reports_every_case_in_one_run_without_a_traceback(reported):
    root, problems = reported
    result = atlas(root, "check")
    assert_clean_failure(result)
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(problems)} problem(s) found."
    assert lines[:-1] == [str(p) for p in problems]
    assert all(re.match(r"^catalog/[a-z]+/case-\d+\.yaml:\d+: [^:]+: .+", line) for line in lines[:-1])


# --- values that once crashed the validator or slipped through it --------------------------------

@pytest.mark.parametrize("expression", ["()", "(())", "( )"])
def test_an_empty_parenthesised_licence_is_a_located_problem(catalog_only, expression):
    write(catalog_only, "engines/runner.yaml", entry("engines/runner.yaml", license=expression))
    problems = problems_in(catalog_only)
    assert [(p.path, p.field) for p in problems] == [("catalog/engines/runner.yaml", "license")]


@pytest.mark.parametrize("relative, field, value", [
    ("models/tiny-lm.yaml", "variants", [{"id": "x", "name": "X", "parameters": True}]),
    ("models/tiny-lm.yaml", "variants", [{"id": "x", "name": "X", "parameters": "1B", "active_parameters": True}]),
    ("models/tiny-lm.yaml", "variants", [{"id": "x", "name": "X", "architecture": {"layers": True}}]),
    ("licenses/acme-terms.yaml", "terms", {**BASE["licenses/acme-terms.yaml"]["terms"], "user_threshold": True}),
], ids=["parameters", "active_parameters", "architecture.layers", "user_threshold"])
def test_a_boolean_is_not_a_count(catalog_only, relative, field, value):
    write(catalog_only, relative, _case_data(relative, field, value))
    problems = problems_in(catalog_only)
    assert [p.path for p in problems] == [f"catalog/{relative}"]
