"""The README's quick start on a clean clone: `make site` builds the site from committed files only.

The clone reuses the packages already installed (no network): a throw-away venv whose
site-packages path file points at this suite's interpreter's packages, passed as `VENV=`,
with the Makefile's install stamp already present, as after a first `make setup`.
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from atlas_project import REPO

pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    result = _run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return clone


def _venv_reusing_installed_packages(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    result = _run([base, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    purelib = Path(sysconfig.get_paths()["purelib"])  # this interpreter's site-packages (the project venv's)
    site_packages = next(venv.glob("lib/python3*/site-packages"))
    (site_packages / "reuse-installed.pth").write_text(f"{purelib}\n")
    return venv


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MAKE"))}
    env["PIP_NO_INDEX"] = "1"  # should make try to install anything, it fails instead of reaching the network
    return env


def test_make_site_on_a_clean_clone(tmp_path):
    clone = _clone(tmp_path)
    assert not (clone / "site").exists() and not (clone / ".venv").exists()
    venv = _venv_reusing_installed_packages(tmp_path)
    (venv / ".installed-stamp").touch()  # newer than the clone's pyproject.toml: `make setup` has nothing to do

    dry = _run(["make", "-n", "site", f"VENV={venv}"], cwd=clone, env=_env())
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.split("\n")[0].strip() == f"{venv}/bin/python -m generator build", dry.stdout

    result = _run(["make", "site", f"VENV={venv}"], cwd=clone, env=_env())
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert (clone / "site" / "index.html").is_file()
    assert (clone / "site" / "api" / "v1" / "models.json").is_file()
    assert f"built {clone / 'site'}" in result.stdout


def test_make_site_can_reuse_a_venv_made_before_the_clone(tmp_path):
    venv = _venv_reusing_installed_packages(tmp_path)
    (venv / ".installed-stamp").touch()
    stamp = (venv / ".installed-stamp").stat().st_mtime
    os.utime(venv / ".installed-stamp", (stamp - 3600, stamp - 3600))  # the venv predates the clone
    clone = _clone(tmp_path)
    dry = _run(["make", "-n", "site", f"VENV={venv}", "SKIP_SETUP=1"], cwd=clone, env=_env())  # a dry run: nothing is installed
    assert dry.returncode == 0, dry.stderr
    assert "pip install" not in dry.stdout and "-m venv" not in dry.stdout, dry.stdout
