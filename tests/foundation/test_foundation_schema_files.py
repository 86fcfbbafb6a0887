"""`atlas schema` writes one JSON Schema per kind, and the committed schemas/ are what it writes."""
from __future__ import annotations

import json

from atlas_project import KIND_FOLDERS, REPO, atlas, new_project

SINGULAR = ("model", "dataset", "engine", "benchmark", "service", "license", "recipe")


def test_schema_writes_one_file_per_kind(tmp_path):
    out = tmp_path / "out"
    result = atlas(REPO, "schema", "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{kind}.schema.json" for kind in SINGULAR)
    assert result.stdout.split() == [str(out / f"{kind}.schema.json") for kind in SINGULAR]
    for kind in SINGULAR:
        schema = json.loads((out / f"{kind}.schema.json").read_text())
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == f"Open Model Atlas {kind} entry"
        assert schema["type"] == "object" and schema["additionalProperties"] is False
        assert {"name", "summary", "sources", "added"} <= set(schema["required"])


def test_schema_writes_into_the_project_by_default(tmp_path):
    root = new_project(tmp_path)
    result = atlas(root, "schema")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(f"{kind}.schema.json" for kind in SINGULAR)
    assert len(KIND_FOLDERS) == len(SINGULAR)


def test_committed_schemas_are_up_to_date(tmp_path):
    result = atlas(REPO, "schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_text() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text() for p in (REPO / "schemas").glob("*.json")}
    stale = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert stale == [], f"run `make schema` and commit: {stale}"


def test_catalog_files_name_their_schema(tmp_path):
    """Each real entry's yaml-language-server modeline points at its kind's committed schema."""
    wrong = []
    for folder, kind in zip(KIND_FOLDERS, SINGULAR):
        for path in sorted((REPO / "catalog" / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[:1]
            if first != [f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"]:
                wrong.append(path.relative_to(REPO).as_posix())
    assert wrong == []
