"""Tiny project folders with a catalog, for the verification tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAD = "sources: [{url: 'https://example.org/source'}]\nadded: 2025-01-01\n"


def model_yaml(name: str, variants: list[dict], weights: str = "Apache-2.0", gating: str = "none") -> str:
    lines = [f"name: {name}", "summary: A model for tests.", "organization: Tests", "modality: [text]",
             f"license: {{weights: {weights}}}", f"gating: {gating}",
             "components: {model-parameters-final: {status: published, url: 'https://example.org/w'}}", "variants:"]
    for v in variants:
        lines.append(f"  - {{id: {v['id']}, name: {v['id']}, hub: {v['hub']}" + (f", parameters: {v['parameters']}" if "parameters" in v else "")
                     + (f", license: {v['license']}" if "license" in v else "") + (f", gating: {v['gating']}" if "gating" in v else "") + "}")
    return "\n".join(lines) + "\n" + HEAD


def make_project(root: Path, models: dict[str, str], datasets: dict[str, str] | None = None, licences: dict[str, str] | None = None) -> Path:
    for folder, files in (("models", models), ("datasets", datasets or {}), ("licenses", licences or {})):
        (root / "catalog" / folder).mkdir(parents=True, exist_ok=True)
        for entry_id, text in files.items():
            (root / "catalog" / folder / f"{entry_id}.yaml").write_text(text)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def atlas(root: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    import os

    environment = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args], capture_output=True, text=True,
                          env=environment, timeout=timeout, cwd=root)
