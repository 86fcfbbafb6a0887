"""Every loading and schema problem is reported with its file, line and field, all in one run.

One catalog holds every broken file below (plus the valid BASE catalog); `atlas check` runs on
it once as text and once as JSON, and each case asserts that its problem is among those reported
exactly where the contributor has to fix it, and that its file causes no other report.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from atlas_project import atlas, new_project

ENGINE = """\
name: Engine Case
summary: An engine.
kind: [inference-engine]
license: MIT
sources:
  - url: https://example.org/engine
added: 2025-01-01
"""

MODEL = """\
name: Model Case
summary: A model.
organization: Acme
modality: [text]
released: 2024-05
license:
  weights: Apache-2.0
  code: MIT
components:
  model-parameters-final:
    status: published
    url: https://example.org/weights
variants:
  - id: small
    name: Small
    parameters: 1B
  - id: large
    name: Large
    parameters: 7B
sources:
  - url: https://example.org/model
added: 2025-01-01
"""

NEXT_YEAR = (dt.date.today() + dt.timedelta(days=366)).isoformat()


def engine(**replace: str) -> str:
    """ENGINE with whole lines replaced: engine(license="license: GPL-2.0")."""
    lines = ENGINE.splitlines()
    for key, new in replace.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[index] = new
    return "\n".join(lines) + "\n"


def model(old: str, new: str) -> str:
    assert MODEL.count(old) == 1, old
    return MODEL.replace(old, new)


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # under catalog/
    content: str | bytes
    line: int
    field: str  # "" for the whole entry
    says: tuple[str, ...]  # parts of the message, in order

    @property
    def path(self) -> str:
        return f"catalog/{self.file}"


CASES = [
    # schema
    Case("wrong type", "engines/wrong-type.yaml", engine(name="name: [a, b]"), 1, "name", ("Input should be a valid string",)),
    Case("wrong type nested", "models/wrong-type-nested.yaml", model("    parameters: 7B", "    parameters: lots"),
         19, "variants[1].parameters", ("must be a number such as 7000000000 or '7B'",)),
    Case("missing required field", "engines/missing-field.yaml", ENGINE.replace("summary: An engine.\n", ""),
         1, "summary", ("required field is missing",)),
    Case("unknown field", "engines/unknown-field.yaml", ENGINE + "colour: teal\n", 8, "colour",
         ("unknown field; expected one of: name, summary, description, homepage, sources, added, updated, tags, kind, license, repository",)),
    Case("unknown nested field", "models/unknown-nested.yaml", model("    name: Large\n", "    name: Large\n    size: big\n"),
         19, "variants[1].size", ("unknown field; expected one of: id, name, hub, parameters",)),
    Case("bad enum", "engines/bad-enum.yaml", engine(kind="kind: [inference-engne]"), 3, "kind[0]",
         ("'inference-engine', 'frontend', 'framework', 'app' or 'format'", "(got 'inference-engne')")),
    # YAML
    Case("duplicate key", "engines/duplicate-key.yaml", ENGINE + "license: Apache-2.0\n", 8, "license",
         ("duplicate key (first given on line 4)",)),
    Case("duplicate nested key", "models/duplicate-nested.yaml", model("  code: MIT\n", "  code: MIT\n  weights: MIT\n"),
         9, "license.weights", ("duplicate key (first given on line 7)",)),
    Case("YAML syntax error", "engines/syntax-error.yaml", ENGINE + "note: a: b\n", 8, "",
         ("not valid YAML: mapping values are not allowed",)),
    Case("tab indentation", "engines/tab-indent.yaml", ENGINE.replace("  - url", "\t- url"), 6, "",
         ("not valid YAML", "cannot start any token")),
    Case("not UTF-8", "engines/latin-1.yaml", ENGINE.replace("An engine.", "Caf\xe9.").encode("latin-1"), 2, "",
         ("not valid UTF-8", "save it as UTF-8")),
    Case("oversized", "engines/oversized.yaml", ENGINE + "# padding\n" * 27_000, 1, "",
         ("an entry may have at most 262,144",)),
    Case("binary", "engines/binary.yaml", ENGINE.encode() + b"\x00\x01\x02", 1, "", ("binary", "NUL")),
    Case("empty", "engines/empty.yaml", "", 1, "", ("file is empty",)),
    Case("only comments", "engines/only-comments.yaml", "# nothing yet\n", 1, "", ("file is empty",)),
    Case("only a list", "engines/only-a-list.yaml", "- name: X\n- summary: Y\n", 1, "", ("a mapping of fields, not a list",)),
    Case("python tag", "engines/python-tag.yaml", engine(summary="summary: !!python/object/apply:os.system ['echo pwned']"),
         2, "summary", ("YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",)),
    Case("custom tag", "engines/custom-tag.yaml", engine(name="name: !shout Engine"), 1, "name", ("YAML tag '!shout' is not allowed",)),
    Case("merge key", "engines/merge-key.yaml", "base: &b {name: X}\n<<: *b\n" + ENGINE, 2, "", ("merge keys",)),
    # file names
    Case("uppercase file name", "engines/Big-Engine.yaml", ENGINE, 1, "id", ("file name 'Big-Engine' is not an id",)),
    Case("dots in file name", "engines/a..b.yaml", ENGINE, 1, "id", ("file name 'a..b' is not an id",)),
    Case("underscore file name", "engines/my_engine.yaml", ENGINE, 1, "id", ("file name 'my_engine' is not an id",)),
    Case(".yml file", "engines/engine-case.yml", ENGINE, 1, "", ("entries are .yaml files",)),
    Case("text file", "engines/notes.txt", "notes\n", 1, "", ("entries are .yaml files",)),
    # dates
    Case("date in the future", "engines/future-date.yaml", engine(added=f"added: {NEXT_YEAR}"), 7, "added",
         (f"{NEXT_YEAR} is in the future",)),
    Case("partial date in the future", "models/future-release.yaml", model("released: 2024-05", f"released: {NEXT_YEAR[:7]}"),
         5, "released", ("is in the future",)),
    Case("impossible date", "engines/impossible-date.yaml", engine(added="added: 2025-02-30"), 7, "added",
         ("day value is outside expected range", "2025-02-30")),
    Case("impossible partial date", "models/impossible-release.yaml", model("released: 2024-05", "released: 2025-02-30"),
         5, "released", ("'2025-02-30' is not a real date",)),
    Case("not a date", "models/not-a-date.yaml", model("released: 2024-05", "released: spring 2024"),
         5, "released", ("is not a date; write YYYY-MM-DD, YYYY-MM or YYYY",)),
    # URLs
    Case("javascript URL", "engines/javascript-url.yaml", ENGINE + 'homepage: "javascript:alert(1)"\n', 8, "homepage",
         ("must be an absolute http:// or https:// URL", "javascript:alert(1)")),
    Case("ftp URL", "engines/ftp-url.yaml", ENGINE.replace("https://example.org/engine", "ftp://example.org/engine"),
         6, "sources[0].url", ("must be an absolute http:// or https:// URL",)),
    Case("data URL", "models/data-url.yaml", model("url: https://example.org/weights", "url: data:text/html,hi"),
         12, "components.model-parameters-final.url", ("must be an absolute http:// or https:// URL",)),
    Case("URL with a space", "engines/spaced-url.yaml", ENGINE + "repository: https://example.org/a b\n", 8, "repository",
         ("must be an absolute http:// or https:// URL",)),
    # licence expressions
    Case("unknown licence id", "engines/unknown-licence.yaml", engine(license="license: Foo-License-9"), 4, "license",
         ("'Foo-License-9' is neither an SPDX id nor a LicenseRef-<id> of catalog/licenses/",)),
    Case("deprecated SPDX id", "engines/deprecated-licence.yaml", engine(license="license: GPL-2.0"), 4, "license",
         ("GPL-2.0 is a deprecated SPDX id; use GPL-2.0-only",)),
    Case("deprecated SPDX id with plus", "engines/deprecated-plus.yaml", engine(license="license: GPL-2.0+"), 4, "license",
         ("GPL-2.0+ is a deprecated SPDX id; use GPL-2.0-or-later",)),
    Case("wrong case", "engines/wrong-case-licence.yaml", engine(license="license: apache-2.0"), 4, "license",
         ("'apache-2.0' is not spelled as SPDX spells it; write Apache-2.0",)),
    Case("LicenseRef without entry", "engines/missing-licenseref.yaml", engine(license="license: LicenseRef-x"), 4, "license",
         ("LicenseRef-x has no entry: add catalog/licenses/x.yaml",)),
    Case("Hub licence id", "engines/hub-licence.yaml", engine(license="license: acme"), 4, "license",
         ("'acme' is a Hugging Face licence id; write LicenseRef-acme-terms",)),
    Case("malformed expression", "engines/malformed-licence.yaml", engine(license="license: MIT AND"), 4, "license",
         ("'MIT AND' is not a licence expression",)),
    Case("unbalanced parenthesis", "engines/unbalanced-licence.yaml", engine(license='license: "(MIT OR Apache-2.0"'), 4, "license",
         ("is not a licence expression",)),
    Case("unknown inside expression", "engines/unknown-in-expression.yaml", engine(license="license: unknown AND MIT"), 4, "license",
         ("'unknown' stands alone",)),
    Case("licence of a variant", "models/variant-licence.yaml", model("    name: Small\n", "    name: Small\n    license: gpl-3.0-only\n"),
         16, "variants[0].license", ("write GPL-3.0-only",)),
    Case("licence of a component", "models/component-licence.yaml",
         model("    url: https://example.org/weights\n", "    url: https://example.org/weights\n    license: LicenseRef-nowhere\n"),
         13, "components.model-parameters-final.license", ("LicenseRef-nowhere has no entry",)),
]

IDS = [case.name for case in CASES]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("broken"), {case.file: case.content for case in CASES})
    text = atlas(root, "check")
    as_json = atlas(root, "check", "--format", "json")
    return text, as_json


@pytest.fixture(scope="module")
def problems(broken) -> list[dict]:
    return json.loads(broken[1].stdout)["problems"]


def test_the_cases_are_what_they_say():
    assert ENGINE.splitlines()[3] == "license: MIT"
    assert model("    parameters: 7B", "    parameters: lots").splitlines()[18] == "    parameters: lots"
    assert len(next(c for c in CASES if c.name == "oversized").content) > 256 * 1024


def test_check_exits_1_with_problems(broken):
    text, as_json = broken
    assert text.returncode == 1
    assert as_json.returncode == 1


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_text_report_locates_the_problem(broken, case):
    prefix = f"{case.path}:{case.line}: {case.field or '(entry)'}: "
    lines = [line for line in broken[0].stderr.splitlines() if line.startswith(prefix)]
    assert lines, f"no line starting {prefix!r} in:\n{broken[0].stderr}"
    message = lines[0][len(prefix):]
    position = 0
    for part in case.says:
        found = message.find(part, position)
        assert found >= 0, f"{part!r} not in {message!r}"
        position = found + len(part)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_json_report_locates_the_problem(problems, case):
    mine = [p for p in problems if p["path"] == case.path]
    assert len(mine) == 1, f"expected exactly one problem for {case.path}, got {mine}"
    problem = mine[0]
    assert set(problem) == {"path", "line", "field", "message"}
    assert (problem["line"], problem["field"]) == (case.line, case.field)
    assert all(part in problem["message"] for part in case.says), problem["message"]


def test_every_problem_is_reported_in_one_run(broken, problems):
    text, as_json = broken
    report = json.loads(as_json.stdout)
    assert report["total"] == len(problems) == len(CASES)
    assert {p["path"] for p in problems} == {case.path for case in CASES}
    body = text.stderr.splitlines()
    assert body[-1] == f"{len(CASES)} problem(s) found."
    assert len(body) == len(CASES) + 1
    assert text.stdout == ""


def test_problems_are_sorted_by_file_and_line(problems):
    keys = [(p["path"], p["line"], p["field"], p["message"]) for p in problems]
    assert keys == sorted(keys)


def test_build_reports_the_same_problems_and_builds_nothing(tmp_path):
    root = new_project(tmp_path, {case.file: case.content for case in CASES[:5]})
    result = atlas(root, "build")
    assert result.returncode == 1
    assert f"{len(CASES[:5])} problem(s) found; the site was not built." in result.stderr
    for case in CASES[:5]:
        assert f"{case.path}:{case.line}: {case.field or '(entry)'}: " in result.stderr
    assert not (root / "site").exists()


def test_stray_folder_in_catalog_is_reported(tmp_path):
    root = new_project(tmp_path)
    (root / "catalog" / "model").mkdir()
    (root / "catalog" / "engines" / "nested").mkdir()
    code, report = _check(root)
    assert code == 1
    assert [(p["path"], p["line"]) for p in report["problems"]] == [("catalog/engines/nested", 1), ("catalog/model", 1)]
    assert "not a catalog folder; expected one of models, datasets" in report["problems"][1]["message"]


def test_a_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    root = new_project(tmp_path / "p", {
        "engines/evil.yaml": f"!!python/object/apply:os.system ['touch {marker}']\n",
        "engines/evil-value.yaml": engine(summary=f"summary: !!python/object/apply:os.system ['touch {marker}']"),
    })
    code, report = _check(root)
    assert code == 1
    assert {p["path"] for p in report["problems"]} == {"catalog/engines/evil.yaml", "catalog/engines/evil-value.yaml"}
    assert not marker.exists()


def test_yes_and_no_stay_words(tmp_path):
    """YAML 1.1 reads yes/no/on/off as booleans; the reader keeps them as the words written."""
    root = new_project(tmp_path, {
        "engines/norway.yaml": engine(name="name: no", summary="summary: yes"),
        "licenses/plain-terms.yaml": """\
name: off
summary: on
url: https://example.org/terms
terms:
  commercial_use: yes
  field_of_use_restrictions: false
  attribution_required: true
  derivatives: no
  redistribution: yes
sources:
  - url: https://example.org/terms
added: 2025-01-01
""",
    })
    code, report = _check(root)
    assert (code, report) == (0, {"problems": [], "total": 0})
    result = atlas(root, "build")
    assert result.returncode == 0, result.stderr
    engine_record = json.loads((root / "site/api/v1/engines/norway.json").read_text())["engine"]
    assert (engine_record["name"], engine_record["summary"]) == ("no", "yes")
    license_record = json.loads((root / "site/api/v1/licenses/plain-terms.json").read_text())["license"]
    assert (license_record["name"], license_record["summary"]) == ("off", "on")
    terms = license_record["terms"]
    assert (terms["commercial_use"], terms["derivatives"], terms["redistribution"]) == ("yes", "no", "yes")
    assert (terms["field_of_use_restrictions"], terms["attribution_required"]) == (False, True)


def test_yes_is_not_a_ternary_boolean_but_true_is_rejected_there(tmp_path):
    """`true` is a boolean, and a yes/no/conditional/unknown field says so instead of guessing."""
    root = new_project(tmp_path, {"licenses/bool-terms.yaml": """\
name: Bool Terms
summary: Terms.
url: https://example.org/terms
terms:
  commercial_use: true
  field_of_use_restrictions: false
  attribution_required: true
  derivatives: conditional
  redistribution: yes
sources:
  - url: https://example.org/terms
added: 2025-01-01
"""})
    code, report = _check(root)
    assert code == 1
    assert [(p["line"], p["field"]) for p in report["problems"]] == [(5, "terms.commercial_use")]
    assert "'yes', 'no', 'conditional' or 'unknown'" in report["problems"][0]["message"]


# --- generator bugs ------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, hint", [
    (ENGINE + "note: a: b\n", 8, "(a value containing ': ' must be quoted)"),
    (ENGINE.replace("  - url", "\t- url"), 6, "(indent with spaces, not tabs"),
], ids=["colon in a value", "tab"])
def test_yaml_syntax_errors_come_with_their_hint(tmp_path, text, line, hint):
    root = new_project(tmp_path, {"engines/hinted.yaml": text})
    code, report = _check(root)
    assert code == 1
    [problem] = report["problems"]
    assert problem["line"] == line
    assert hint in problem["message"], problem["message"]


ALIAS_CASES = {
    "scalar": "name: &n Engine Case\nsummary: *n\n" + ENGINE.split("\n", 2)[2],
    "sequence": ENGINE.replace("kind: [inference-engine]", "kind: &k [inference-engine]") + "platforms: *k\n",
}


@pytest.mark.parametrize("kind", sorted(ALIAS_CASES))
def test_yaml_alias_is_rejected_where_it_is_used(tmp_path, kind):
    text = ALIAS_CASES[kind]
    root = new_project(tmp_path, {"engines/alias.yaml": text})
    code, report = _check(root)
    alias_line = next(i for i, line in enumerate(text.splitlines(), 1) if "*" in line)
    assert code == 1
    assert [(p["path"], p["line"]) for p in report["problems"]] == [("catalog/engines/alias.yaml", alias_line)]
    assert "YAML aliases (*name) are not allowed" in report["problems"][0]["message"]


def test_unclosed_quote_is_reported_where_the_quote_opens(tmp_path):
    text = engine(summary='summary: "An engine.')
    root = new_project(tmp_path, {"engines/unclosed.yaml": text})
    code, report = _check(root)
    assert code == 1
    [problem] = report["problems"]
    assert problem["line"] <= len(text.splitlines()), "the reported line is past the end of the file"
    assert problem["line"] == 2


def _check(root):
    result = atlas(root, "check", "--format", "json")
    return result.returncode, json.loads(result.stdout)
