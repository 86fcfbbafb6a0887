"""Fixtures of the hostile-input suite: small throw-away projects."""
from __future__ import annotations

from pathlib import Path

import pytest

from .project import new_project


@pytest.fixture
def catalog_only(tmp_path: Path) -> Path:
    """A project with the BASE catalog and nothing to build a site with (for validation tests)."""
    return new_project(tmp_path / "project", site_files=False)
