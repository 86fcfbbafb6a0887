"""Shared by the whole suite: markers, and the real site built once per session."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes tens of seconds (clones the repository, builds whole sites)")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalog built with the real `atlas build`, in a copy of the project; returns site/."""
    root = tmp_path_factory.mktemp("real-project")
    for name in ("catalog", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        capture_output=True, text=True, cwd=root, timeout=900,
    )
    assert result.returncode == 0, f"atlas build of the real catalog failed:\n{result.stdout}\n{result.stderr}"
    return root / "site"
