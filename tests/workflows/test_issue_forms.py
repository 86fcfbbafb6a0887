"""The issue forms and the pull-request template: valid for GitHub, and they ask for sources."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"


def _schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    tool = Path(sys.executable).parent / "check-jsonschema"
    assert tool.exists(), "check-jsonschema is not installed: run `make setup`"
    return subprocess.run([str(tool), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120)


def test_issue_forms_and_config_match_githubs_schemas():
    forms = sorted(FORMS.glob("*.yml"))
    assert {p.name for p in forms} >= {"add-entry.yml", "wrong-fact.yml", "config.yml"}
    result = _schema_check("vendor.github-issue-forms", *[p for p in forms if p.name != "config.yml"])
    assert result.returncode == 0, result.stdout + result.stderr
    result = _schema_check("vendor.github-issue-config", FORMS / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_form_requires_a_source_url():
    for name in ("add-entry.yml", "wrong-fact.yml"):
        body = yaml.safe_load((FORMS / name).read_text())["body"]
        sources = [f for f in body if f.get("id") == "source"]
        assert len(sources) == 1, name
        assert sources[0]["validations"]["required"] is True, name
        assert "URL" in sources[0]["attributes"]["description"], name


def test_the_pull_request_template_has_the_review_checklist():
    text = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text()
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 6
    for words in ("make check", "make site", "source", "`unknown`", "catalog/licenses/", "no HTML"):
        assert any(words in box for box in boxes), words
