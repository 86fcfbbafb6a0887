"""A valid catalog: `atlas check` says so, in words and in JSON, and exits 0."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from atlas_project import PYTHON, REPO, atlas, new_project


def test_check_of_a_clean_catalog_prints_a_summary(tmp_path):
    root = new_project(tmp_path)
    result = atlas(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "catalog is valid: 2 models, 1 datasets, 2 engines, 1 benchmarks, 1 services, 1 licenses, 1 recipes\n"
    assert result.stderr == ""


def test_check_json_of_a_clean_catalog_is_empty(tmp_path):
    root = new_project(tmp_path)
    result = atlas(root, "check", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"problems": [], "total": 0}


def test_an_empty_catalog_is_valid(tmp_path):
    root = new_project(tmp_path, base=False)
    result = atlas(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("catalog is valid: 0 models")


def test_the_atlas_script_and_cwd_root(tmp_path):
    """The installed `atlas` command, run from the project folder with the default --root."""
    root = new_project(tmp_path)
    script = Path(PYTHON).parent / "atlas"
    result = subprocess.run([str(script), "check", "--format", "json"], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 0


def test_the_real_catalog_is_valid():
    result = atlas(REPO, "check", "--format", "json")
    report = json.loads(result.stdout)
    assert report == {"problems": [], "total": 0}, "\n".join(
        f"{p['path']}:{p['line']}: {p['field']}: {p['message']}" for p in report["problems"])
    assert result.returncode == 0
