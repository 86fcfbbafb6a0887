"""`atlas new <kind> <id>`: a commented skeleton that `atlas check` accepts once filled, and explains while not."""
from __future__ import annotations

import re

import pytest
import yaml

from generator.catalog.kinds import KINDS
from generator.cli import main
from generator.mof.components import COMPONENTS

from ..verify.projects import atlas

# Values a contributor would write; the test puts them in every empty field of a skeleton.
FILL = {
    "name": "Test Entry", "summary": "A test entry.", "organization": "Tests", "provider": "Tests",
    "url": "https://example.org/source", "weights": "Apache-2.0", "license": "MIT", "modality": "text",
    "availability": "available", "rung": "behind-app", "commercial_use": "yes", "field_of_use_restrictions": "false",
    "attribution_required": "true", "derivatives": "yes", "redistribution": "yes", "engine": "my-engine",
    "model": "my-model", "platforms": "Linux x86-64", "title": "Run it", "code": "echo hello",
    "expected": "It prints hello.",
}
FILL_BY_KIND = {"engine": {"kind": "inference-engine"}, "benchmark": {"kind": "benchmark"}}
EMPTY_FIELD = re.compile(r"^(?P<pad>\s*(?:- )?)(?P<key>[a-z_]+):(?P<list>\s*\[\])?\s*$")


def fill(text: str, singular: str) -> tuple[str, list[str]]:
    """Fill every empty leaf field (`key:` or `key: []` with nothing nested below it)."""
    lines = text.splitlines()
    filled = []
    values = {**FILL, **FILL_BY_KIND.get(singular, {})}
    for i, line in enumerate(lines):
        match = EMPTY_FIELD.match(line)
        if not match:
            continue
        column = len(match["pad"])
        below = next((l for l in lines[i + 1:] if l.strip() and not l.lstrip().startswith("#")), "")
        if len(below) - len(below.lstrip()) > column:
            continue  # a mapping, or a list of mappings, whose fields follow
        key = match["key"]
        assert key in values, f"the test has no value for {key!r} (line {i + 1}: {line!r})"
        value = f"[{values[key]}]" if match["list"] else values[key]
        lines[i] = f"{match['pad']}{key}: {value}"
        filled.append(key)
    return "\n".join(lines) + "\n", filled


def test_every_kind_once_filled_passes_atlas_check(tmp_path):
    for kind in KINDS:
        result = atlas(tmp_path, "new", kind.singular, f"my-{kind.singular}")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"catalog/{kind.folder}/my-{kind.singular}.yaml"
    unfilled = atlas(tmp_path, "check")
    assert unfilled.returncode == 1
    for kind in KINDS:
        path = tmp_path / "catalog" / kind.folder / f"my-{kind.singular}.yaml"
        text, filled = fill(path.read_text(), kind.singular)
        assert {"name", "summary", "url"} <= set(filled), filled
        path.write_text(text)
    result = atlas(tmp_path, "check")
    assert result.returncode == 0, result.stderr + "\n" + "\n".join(
        (tmp_path / "catalog" / k.folder / f"my-{k.singular}.yaml").read_text() for k in KINDS)
    assert "catalog is valid" in result.stdout


def test_an_unfilled_skeleton_gives_located_readable_errors(tmp_path):
    assert atlas(tmp_path, "new", "model", "my-model").returncode == 0
    path = tmp_path / "catalog" / "models" / "my-model.yaml"
    lines = path.read_text().splitlines()
    result = atlas(tmp_path, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    problems = result.stderr.strip().splitlines()[:-1]
    assert result.stderr.strip().splitlines()[-1] == f"{len(problems)} problem(s) found."
    located = {}
    for problem in problems:
        match = re.fullmatch(r"catalog/models/my-model\.yaml:(\d+): (\S+): (.+)", problem)
        assert match, problem
        located[match[2]] = int(match[1])
    assert set(located) == {"name", "summary", "organization", "modality", "license.weights", "sources[0].url"}
    for field, line in located.items():
        key = field.split(".")[-1].split("[")[0]
        key = "url" if field == "sources[0].url" else key
        assert re.match(rf"\s*(- )?{key}:", lines[line - 1]), (field, lines[line - 1])
    # The same in JSON, for tools.
    as_json = atlas(tmp_path, "check", "--format", "json")
    assert as_json.returncode == 1 and '"total": 6' in as_json.stdout


def new(root, *args: str) -> int:
    """`atlas new …` in this process (the same code path as the command, without a new interpreter)."""
    return main(["--root", str(root), "new", *args])


def test_the_model_skeleton_lists_every_field_and_all_17_components(tmp_path):
    assert new(tmp_path, "models", "my-model") == 0
    text = (tmp_path / "catalog" / "models" / "my-model.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/model.schema.json"
    data = yaml.safe_load(text)
    assert list(data["components"]) == [c.slug for c in COMPONENTS]
    assert all(value == {"status": "unknown"} for value in data["components"].values())
    for component in COMPONENTS:
        assert f"# {component.slug}: {component.description}" in _unwrapped(text)
    schema = KINDS[0].schema
    flat = _unwrapped(text)
    for name, info in schema.model_fields.items():
        need = "Required" if info.is_required() else "Optional"
        assert re.search(rf"^(# )?{name}:", text, re.M), name
        assert f"# {name} — {need}" in flat, name
        assert info.description.rstrip(".") in flat, name
    for enum_value in ("vision-language", "time-series", "automatic", "manual"):
        assert enum_value in flat
    assert re.search(r"^added: \d{4}-\d{2}-\d{2}$", text, re.M)


@pytest.mark.parametrize("singular", [k.singular for k in KINDS])
def test_each_skeleton_names_its_schema_and_documents_nested_fields(tmp_path, singular):
    assert new(tmp_path, singular, "an-entry") == 0
    folder = next(k.folder for k in KINDS if k.singular == singular)
    text = (tmp_path / "catalog" / folder / "an-entry.yaml").read_text()
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{singular}.schema.json\n")
    yaml.safe_load(text)  # the skeleton itself is valid YAML
    flat = _unwrapped(text)
    assert "# url — Required. The page, file or paper that was read." in flat
    assert "# about — Optional. Which facts this source supports" in flat


@pytest.mark.parametrize("bad_id", ["My-Model", "my_model", "my--model", "-model", "model-", "a" * 81, "../escape", "a b", ""])
def test_bad_ids_are_refused(tmp_path, capsys, bad_id):
    """The loader's id rule (generator.catalog.load.ID_PATTERN); run in-process, as `atlas new model -- <id>`."""
    assert main(["--root", str(tmp_path), "new", "model", "--", bad_id]) == 2
    assert "is not an id" in capsys.readouterr().err
    assert not (tmp_path / "catalog").exists()


def test_an_existing_entry_is_never_overwritten(tmp_path, capsys):
    target = tmp_path / "catalog" / "models" / "taken.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("name: mine\n")
    assert new(tmp_path, "model", "taken") == 1
    assert "exists already" in capsys.readouterr().err
    assert target.read_text() == "name: mine\n"


def test_an_unknown_kind_is_refused(tmp_path, capsys):
    assert new(tmp_path, "widget", "x") == 2
    err = capsys.readouterr().err
    assert "unknown kind 'widget'" in err and "model, dataset, engine, benchmark, service, license, recipe" in err


def _unwrapped(text: str) -> str:
    """Comment lines joined back where the skeleton wrapped them (`#   ` continues the line above)."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#   ") and out and out[-1].lstrip().startswith("#"):
            out[-1] += " " + stripped[4:]
        else:
            out.append(stripped)
    return "\n".join(out)
