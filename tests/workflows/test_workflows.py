"""Every file in .github/workflows/, linted offline and read for the rules that keep the automation safe.

- actionlint, `zizmor --offline` and the GitHub workflow JSON Schema (check-jsonschema's vendored
  copy) find nothing;
- no workflow runs on `pull_request_target`; a workflow that runs on pull requests reads the
  repository (`contents: read`), asks for no write permission and uses no secret;
- every `uses:` is pinned to a full commit; no `run:` puts event text (`${{ github.event… }}`,
  `${{ github.head_ref }}`) into a shell line; every checkout keeps no credentials.

The rules are also run on small bad workflows, so a rule that stopped catching anything would fail here.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW_DIR = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
EVENT_TEXT = re.compile(r"\$\{\{\s*github\.(event|head_ref)\b")
PR_TRIGGERS = {"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"}


def workflow_files(folder: Path = WORKFLOW_DIR) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed in {BIN}: run `make setup` (it is in the dev extra of pyproject.toml)"
    return str(path)


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=300)


def actionlint(files: list[Path]) -> subprocess.CompletedProcess:
    # shellcheck and pyflakes are turned off so the result does not depend on what else is installed.
    return _run([_tool("actionlint"), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *map(str, files)])


def zizmor(files: list[Path]) -> subprocess.CompletedProcess:
    return _run([_tool("zizmor"), "--offline", "--no-progress", "--color", "never", *map(str, files)])


def workflow_schema(files: list[Path]) -> subprocess.CompletedProcess:
    return _run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)])


# --- the rules, as functions of one parsed workflow ----------------------------------------------


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def triggers(data: dict) -> set[str]:
    on = data.get("on")
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    return set(on or {})


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _steps(data: dict) -> Iterator[tuple[str, dict]]:
    for job_name, job in (data.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_name, step


def problems(data: dict) -> list[str]:
    found = []
    on = triggers(data)
    if "pull_request_target" in on:
        found.append("runs on pull_request_target: a fork's code would run with secrets and a write token")
    if on & PR_TRIGGERS:
        permissions = data.get("permissions")
        if not isinstance(permissions, dict) or permissions.get("contents") != "read":
            found.append(f"runs on pull requests without top-level `permissions: contents: read` (has {permissions!r})")
        for where, perms in [("workflow", permissions)] + [(f"job {n}", j.get("permissions")) for n, j in (data.get("jobs") or {}).items()]:
            if perms == "write-all" or (isinstance(perms, dict) and "write" in perms.values()):
                found.append(f"runs on pull requests with a write permission ({where}: {perms!r})")
        secrets = sorted({s for s in _strings(data) if "secrets." in s})
        if secrets:
            found.append(f"runs on pull requests and uses secrets: {secrets}")
    for job_name, job in (data.get("jobs") or {}).items():
        if "uses" in job and not str(job["uses"]).startswith("./") and not PINNED.match(str(job["uses"])):
            found.append(f"job {job_name}: reusable workflow not pinned to a full commit: {job['uses']}")
    for job_name, step in _steps(data):
        uses = step.get("uses")
        if uses is not None and not str(uses).startswith("./") and not PINNED.match(str(uses)):
            found.append(f"job {job_name}: action not pinned to a full commit: {uses}")
        if EVENT_TEXT.search(str(step.get("run", ""))):
            found.append(f"job {job_name}: event text in a run line (pass it through env:): {step['run'].strip()[:120]}")
        if uses is not None and str(uses).startswith("actions/checkout@"):
            if (step.get("with") or {}).get("persist-credentials") is not False:
                found.append(f"job {job_name}: actions/checkout without `persist-credentials: false`")
    return found


# --- the repository's workflows ------------------------------------------------------------------


def test_there_are_workflows_to_check():
    assert workflow_files(), f"no workflow in {WORKFLOW_DIR}"


def test_actionlint_finds_nothing():
    result = actionlint(workflow_files())
    assert result.returncode == 0, f"actionlint:\n{result.stdout}{result.stderr}"


def test_zizmor_offline_finds_nothing():
    result = zizmor(workflow_files())
    assert result.returncode == 0, f"zizmor --offline:\n{result.stdout}{result.stderr}"


def test_workflows_match_the_github_workflow_schema():
    result = workflow_schema(workflow_files())
    assert result.returncode == 0, f"check-jsonschema:\n{result.stdout}{result.stderr}"


def test_workflows_follow_the_safety_rules():
    found = {path.name: problems(load(path)) for path in workflow_files()}
    assert {name: p for name, p in found.items() if p} == {}


# --- the checks catch what they are for ---------------------------------------------------------

BAD = """\
name: bad
on:
  pull_request_target:
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo done
        env:
          TOKEN: ${{ secrets.DEPLOY_TOKEN }}
"""

GOOD = """\
name: good
on:
  pull_request:
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - env:
          TITLE: ${{ github.event.pull_request.title }}
        run: echo "$TITLE"
"""


@pytest.fixture
def bad_and_good(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(BAD)
    (folder / "good.yml").write_text(GOOD)
    return folder / "bad.yml", folder / "good.yml"


def test_the_rules_catch_an_unsafe_workflow(bad_and_good):
    bad, good = bad_and_good
    found = "\n".join(problems(load(bad)))
    for words in ("pull_request_target", "contents: read", "write permission", "secrets.DEPLOY_TOKEN",
                  "not pinned to a full commit: actions/checkout@v4", "event text in a run line", "persist-credentials"):
        assert words in found, words
    assert problems(load(good)) == []


def test_the_tools_fail_on_an_unsafe_workflow(bad_and_good):
    bad, good = bad_and_good
    flagged = zizmor([bad])
    assert flagged.returncode != 0 and "dangerous-triggers" in flagged.stdout + flagged.stderr
    assert zizmor([good]).returncode == 0, zizmor([good]).stdout
    broken = bad.with_name("broken.yml")
    broken.write_text(GOOD.replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    timeout-minutes: soon"))
    assert actionlint([broken]).returncode != 0
    assert workflow_schema([broken]).returncode != 0
    assert actionlint([good]).returncode == 0 and workflow_schema([good]).returncode == 0
