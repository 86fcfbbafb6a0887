"""The GitHub workflows: least privilege, actions pinned by commit, no event text in shell lines."""
from __future__ import annotations

import re

import pytest
import yaml

from atlas_project import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _load(path):
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def _steps(data):
    for name, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_ci_and_pages_workflows():
    assert {"ci.yml", "pages.yml"} <= {p.name for p in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_full_commit_with_their_version(path):
    lines = [line.strip() for line in path.read_text().splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_read_only_by_default_and_safe_shell(path):
    data = _load(path)
    assert data["permissions"] in ({}, {"contents": "read"}), "workflow-wide permissions are read-only at most"
    assert "group" in data["concurrency"]
    for job_name, step in _steps(data):
        assert "${{" not in step.get("run", ""), f"{job_name}: expression in a run line: {step['run']}"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_only_the_pages_deploy_job_may_write(name):
    data = _load(REPO / ".github" / "workflows" / name)
    assert data["permissions"] == {"contents": "read"}
    for job_name, job in data["jobs"].items():
        writes = {k: v for k, v in job.get("permissions", {}).items() if v == "write"}
        if writes:
            assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]), job_name
            assert writes == {"pages": "write", "id-token": "write"}


def test_ci_runs_check_test_and_site_and_keeps_the_site():
    data = _load(REPO / ".github" / "workflows" / "ci.yml")
    assert set(data["on"]) == {"pull_request", "push"} and data["on"]["push"]["branches"] == ["main"]
    steps = [step for _, step in _steps(data)]
    runs = [step.get("run", "").strip() for step in steps]
    assert runs.index("make check") < runs.index("make test") < runs.index("make site")
    assert any("apt-get install -y chromium" in run for run in runs)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pages_builds_then_deploys():
    data = _load(REPO / ".github" / "workflows" / "pages.yml")
    assert set(data["on"]) == {"push", "workflow_dispatch"} and data["on"]["push"]["branches"] == ["main"]
    build = [s.get("uses", "").split("@")[0] or s.get("run", "").strip() for s in data["jobs"]["build"]["steps"]]
    assert build.index("make site") < build.index("actions/configure-pages") < build.index("actions/upload-pages-artifact")
    assert "permissions" not in data["jobs"]["build"]
    assert data["jobs"]["deploy"]["needs"] == "build"
