"""Ids and file names that try to leave their folder, pass for another entry, or point elsewhere.

Every such file is refused with a located problem, every hostile reference fails validation where
it is written, and neither `atlas check` nor `atlas build` writes anything outside build/, site/
and status/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .project import (assert_clean_failure, atlas, check_json, dump, entry, new_project, problems_in,
                      snapshot, write)

VALID_ENGINE = entry("engines/runner.yaml")


# --- file names ------------------------------------------------------------------------------

BAD_NAMES = {
    "cyrillic o": "\u043elmo.yaml",            # оlmo: Cyrillic о
    "greek omicron": "\u03bflmo.yaml",
    "fullwidth": "\uff4flmo.yaml",
    "combining accent": "ol\u0301mo.yaml",
    "capital": "Olmo.yaml",
    "trailing hyphen": "olmo-.yaml",
    "leading hyphen": "-olmo.yaml",
    "double hyphen": "ol--mo.yaml",
    "underscore": "ol_mo.yaml",
    "dot in stem": "ol.mo.yaml",
    "space": "ol mo.yaml",
    "too long": "a" * 81 + ".yaml",
    "much too long": "b" * 250 + ".yaml",
    "zero width space": "ol\u200bmo.yaml",
    "right-to-left override": "ol\u202emo.yaml",
    "markup": "<script>.yaml",
    "quote": "ol'mo.yaml",
}
WRONG_SUFFIX = ["olmo.yml", "olmo.YAML", "olmo.yaml.bak", "olmo.json", "olmo"]


@pytest.mark.parametrize("name", sorted(BAD_NAMES))
def test_a_file_name_that_is_not_an_id_is_refused(catalog_only, name):
    write(catalog_only, f"engines/{BAD_NAMES[name]}", dump(VALID_ENGINE))
    problems = problems_in(catalog_only)
    assert [(p.path, p.line, p.field) for p in problems] == [(f"catalog/engines/{BAD_NAMES[name]}", 1, "id")]
    assert "not an id" in problems[0].message


@pytest.mark.parametrize("name", WRONG_SUFFIX)
def test_a_file_that_is_not_yaml_is_refused(catalog_only, name):
    write(catalog_only, f"engines/{name}", dump(VALID_ENGINE))
    problems = problems_in(catalog_only)
    assert [(p.path, p.line) for p in problems] == [(f"catalog/engines/{name}", 1)]
    assert ".yaml" in problems[0].message


def test_the_longest_id_is_accepted(catalog_only):
    write(catalog_only, f"engines/{'a' * 80}.yaml", dump(VALID_ENGINE))
    assert problems_in(catalog_only) == []


def test_case_and_look_alike_twins_never_become_two_entries(catalog_only):
    """Olmo.yaml and оlmo.yaml (Cyrillic) beside olmo.yaml: only the real one is an entry, the twins are refused."""
    for name in ("runner-x.yaml", "Runner-x.yaml", "RUNNER-X.yaml", "\u0440unner-x.yaml"):  # р: Cyrillic er
        write(catalog_only, f"engines/{name}", dump(VALID_ENGINE))
    problems = problems_in(catalog_only)
    assert sorted(p.path for p in problems) == sorted(
        f"catalog/engines/{n}" for n in ("Runner-x.yaml", "RUNNER-X.yaml", "\u0440unner-x.yaml"))


def test_every_bad_name_is_reported_by_atlas_check_in_one_run(tmp_path):
    root = new_project(tmp_path / "p", {f"engines/{n}": dump(VALID_ENGINE) for n in [*BAD_NAMES.values(), *WRONG_SUFFIX]},
                       site_files=False)
    result, problems = check_json(root)
    assert_clean_failure(result)
    assert sorted(p["path"] for p in problems) == sorted(f"catalog/engines/{n}" for n in [*BAD_NAMES.values(), *WRONG_SUFFIX])
    text = atlas(root, "check")
    assert_clean_failure(text)
    assert "catalog/engines/\u043elmo.yaml:1: id: file name" in text.stderr


# --- links and folders -----------------------------------------------------------------------

def _outside_entry(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / "secret.yaml"
    secret.write_text(dump(VALID_ENGINE), encoding="utf-8")
    return secret


def test_a_link_to_a_file_outside_the_catalog_is_refused(tmp_path):
    root = new_project(tmp_path / "p", site_files=False)
    secret = _outside_entry(tmp_path)
    (root / "catalog/engines/stolen.yaml").symlink_to(secret)
    (root / "catalog/engines/passwd.yaml").symlink_to("/etc/passwd")
    (root / "catalog/engines/up.yaml").symlink_to("../../../outside/secret.yaml")
    (root / "catalog/engines/dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (root / "catalog/engines/twin.yaml").symlink_to(root / "catalog/engines/runner.yaml")
    problems = problems_in(root)
    expected = sorted(f"catalog/engines/{n}.yaml" for n in ("stolen", "passwd", "up", "dangling", "twin"))
    assert sorted(p.path for p in problems) == expected
    assert all(p.line == 1 and "links" in p.message for p in problems)


def test_a_folder_named_like_an_entry_is_refused(catalog_only):
    (catalog_only / "catalog/engines/folder.yaml").mkdir()
    write(catalog_only, "engines/folder.yaml/inner.yaml", dump(VALID_ENGINE))
    (catalog_only / "catalog/engines/nested").mkdir()
    write(catalog_only, "engines/nested/deeper.yaml", dump(VALID_ENGINE))
    problems = problems_in(catalog_only)
    assert sorted((p.path, p.line) for p in problems) == [("catalog/engines/folder.yaml", 1), ("catalog/engines/nested", 1)]


def test_stray_things_beside_the_kind_folders_are_refused(tmp_path):
    root = new_project(tmp_path / "p", site_files=False)
    secret = _outside_entry(tmp_path)
    (root / "catalog/elsewhere").symlink_to(secret.parent, target_is_directory=True)
    (root / "catalog/stray.yaml").write_text(dump(VALID_ENGINE))
    (root / "catalog/Models").mkdir()
    problems = problems_in(root)
    assert sorted(p.path for p in problems) == ["catalog/Models", "catalog/elsewhere", "catalog/stray.yaml"]


def test_a_kind_folder_that_is_a_link_to_elsewhere_is_refused(tmp_path):
    root = new_project(tmp_path / "p", site_files=False)
    secret = _outside_entry(tmp_path)
    real = root / "catalog" / "engines"
    for path in real.iterdir():
        (secret.parent / path.name).write_bytes(path.read_bytes())
        path.unlink()
    real.rmdir()
    real.symlink_to(secret.parent, target_is_directory=True)
    problems = problems_in(root)
    assert any(p.path == "catalog/engines" for p in problems), [str(p) for p in problems]


# --- references ------------------------------------------------------------------------------

HOSTILE_REFS = ["../../etc/passwd", "<script>", "/etc/passwd", "..", "runner/../runner", "Runner", "runner x",
                "r\u0443nner", "runner\x00", "file:///etc/passwd", "https://evil.example/x", "", "-"]
# (file, field, shape): shape "list" → [value], "str" → value
REF_FIELDS = [
    ("models/tiny-lm.yaml", "datasets", "list"),
    ("models/tiny-lm.yaml", "engines", "list"),
    ("models/tiny-lm.yaml", "benchmarks", "list"),
    ("models/tiny-lm.yaml", "served_by", "list"),
    ("models/tiny-lm-chat.yaml", "base_model", "str"),
    ("datasets/web-mix-clean.yaml", "derived_from", "list"),
    ("engines/chat-ui.yaml", "based_on", "list"),
    ("benchmarks/quiz.yaml", "datasets", "list"),
    ("services/hostly.yaml", "models", "list"),
    ("recipes/run-tiny.yaml", "engine", "str"),
    ("recipes/run-tiny.yaml", "model", "str"),
    ("recipes/run-tiny.yaml", "variant", "str"),
    ("recipes/run-tiny.yaml", "uses", "list"),
    ("models/tiny-lm.yaml", "tags", "list"),
]


@pytest.mark.parametrize("relative, field, shape", REF_FIELDS, ids=[f"{r}:{f}" for r, f, _ in REF_FIELDS])
def test_hostile_references_fail_where_they_are_written(catalog_only, relative, field, shape):
    """Every hostile value is refused at the field (and list position) that holds it, and nowhere else."""
    if shape == "list":
        write(catalog_only, relative, entry(relative, **{field: HOSTILE_REFS}))
        expected = {(f"catalog/{relative}", f"{field}[{i}]") for i in range(len(HOSTILE_REFS))}
    else:
        expected = set()
        for i, value in enumerate(HOSTILE_REFS):
            copy = relative.replace(".yaml", f"-copy-{i}.yaml")
            write(catalog_only, copy, entry(relative, **{field: value}))
            expected.add((f"catalog/{copy}", field))
    problems = problems_in(catalog_only)
    assert {(p.path, p.field) for p in problems} == expected, [str(p) for p in problems]
    assert all(p.line > 1 for p in problems)


def test_references_to_entries_that_do_not_exist_name_the_missing_file(catalog_only):
    write(catalog_only, "models/tiny-lm.yaml", entry("models/tiny-lm.yaml", datasets=["web-mix", "no-such-data"],
                                                      engines=["ghost"], served_by=["n" * 500]))
    write(catalog_only, "recipes/run-tiny.yaml", entry("recipes/run-tiny.yaml", model="tiny-lm", variant="huge"))
    problems = problems_in(catalog_only)
    found = {(p.path, p.field): p.message for p in problems}
    assert set(found) == {("catalog/models/tiny-lm.yaml", "datasets[1]"), ("catalog/models/tiny-lm.yaml", "engines[0]"),
                          ("catalog/models/tiny-lm.yaml", "served_by[0]"), ("catalog/recipes/run-tiny.yaml", "variant")}
    assert "catalog/datasets/no-such-data.yaml" in found[("catalog/models/tiny-lm.yaml", "datasets[1]")]
    assert "huge" in found[("catalog/recipes/run-tiny.yaml", "variant")]


@pytest.mark.parametrize("expression", ["LicenseRef-../../etc/passwd", "LicenseRef-<script>", "LicenseRef-ghost",
                                        "LicenseRef-Acme-Terms", "MIT AND LicenseRef-../x", "LicenseRef-acme-terms/../x"])
def test_hostile_licence_references_fail_where_they_are_written(catalog_only, expression):
    write(catalog_only, "engines/runner.yaml", entry("engines/runner.yaml", license=expression))
    problems = problems_in(catalog_only)
    assert [(p.path, p.field) for p in problems] == [("catalog/engines/runner.yaml", "license")], [str(p) for p in problems]


# --- reference cycles ------------------------------------------------------------------------

def _model(base: str | None) -> dict:
    return entry("models/tiny-lm-chat.yaml", base_model=base)


@pytest.mark.parametrize("files, expected", [
    ({"models/a.yaml": _model("b"), "models/b.yaml": _model("a")},
     {("catalog/models/a.yaml", "base_model"), ("catalog/models/b.yaml", "base_model")}),
    ({"models/a.yaml": _model("b"), "models/b.yaml": _model("c"), "models/c.yaml": _model("a")},
     {(f"catalog/models/{x}.yaml", "base_model") for x in "abc"}),
    ({"models/a.yaml": _model("a")}, {("catalog/models/a.yaml", "base_model")}),
    ({"datasets/a.yaml": entry("datasets/web-mix.yaml", derived_from=["b"]),
      "datasets/b.yaml": entry("datasets/web-mix.yaml", derived_from=["web-mix", "a"])},
     {("catalog/datasets/a.yaml", "derived_from"), ("catalog/datasets/b.yaml", "derived_from")}),
    ({"engines/a.yaml": entry("engines/runner.yaml", based_on=["b"]),
      "engines/b.yaml": entry("engines/runner.yaml", based_on=["a"])},
     {("catalog/engines/a.yaml", "based_on"), ("catalog/engines/b.yaml", "based_on")}),
    ({"engines/a.yaml": entry("engines/runner.yaml", based_on=["a"])}, {("catalog/engines/a.yaml", "based_on[0]")}),
], ids=["base_model a→b→a", "base_model a→b→c→a", "base_model a→a", "derived_from a→b→a", "based_on a→b→a",
        "based_on a→a"])
def test_reference_cycles_are_reported_at_each_entry(catalog_only, files, expected):
    for relative, data in files.items():
        write(catalog_only, relative, data)
    problems = problems_in(catalog_only)
    assert {(p.path, p.field) for p in problems} == expected, [str(p) for p in problems]
    assert all(("cycle" in p.message or "itself" in p.message) and p.line > 1 for p in problems)


def test_a_cycle_does_not_stop_the_rest_of_the_report(catalog_only):
    write(catalog_only, "models/a.yaml", _model("b"))
    write(catalog_only, "models/b.yaml", {**_model("a"), "modality": "text"})
    problems = problems_in(catalog_only)
    assert ("catalog/models/b.yaml", "modality") in {(p.path, p.field) for p in problems}


# --- nothing is written outside the output folders --------------------------------------------

HOSTILE_FILES = {
    "engines/\u043elmo.yaml": dump(VALID_ENGINE),
    "engines/evil.yaml": dump(entry("engines/runner.yaml", based_on=["../../outside"], name="../../../outside/x")),
    "models/evil.yaml": dump(entry("models/tiny-lm-chat.yaml", base_model="../../etc/passwd")),
}


def test_check_and_a_failed_build_write_nothing_anywhere(tmp_path):
    root = new_project(tmp_path / "p", HOSTILE_FILES)
    secret = _outside_entry(tmp_path)
    (root / "catalog/engines/stolen.yaml").symlink_to(secret)
    before, outside_before = snapshot(root, skip=()), snapshot(tmp_path / "outside", skip=())
    for args in (("check",), ("check", "--format", "json"), ("build",)):
        assert_clean_failure(atlas(root, *args))
    assert snapshot(root, skip=()) == before
    assert snapshot(tmp_path / "outside", skip=()) == outside_before
    assert not (root / "site").exists()


def test_a_build_writes_only_into_its_output_folders(tmp_path):
    """A successful build of an entry with path-like text changes nothing but build/ and site/."""
    text = "../../../outside/pwned ..\\..\\outside /etc/passwd"
    root = new_project(tmp_path / "p", {"engines/paths.yaml": entry("engines/runner.yaml", name=text, summary=text,
                                                                     description=f"[x](../../../outside/pwned) {text}")})
    _outside_entry(tmp_path)
    before, outside_before = snapshot(root), snapshot(tmp_path / "outside", skip=())
    siblings_before = sorted(os.listdir(tmp_path))
    result = atlas(root, "build")
    assert result.returncode == 0, result.stderr
    assert snapshot(root) == before
    assert snapshot(tmp_path / "outside", skip=()) == outside_before
    assert sorted(os.listdir(tmp_path)) == siblings_before
    assert sorted(p.name for p in root.iterdir()) == ["build", "catalog", "docs", "mkdocs.yml", "site"]


def test_a_site_folder_that_is_a_link_is_not_written_through(tmp_path):
    root = new_project(tmp_path / "p")
    _outside_entry(tmp_path)
    (root / "site").symlink_to(tmp_path / "outside", target_is_directory=True)
    outside_before = snapshot(tmp_path / "outside", skip=())
    result = atlas(root, "build")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and "symbolic link" in result.stderr, result.stderr[-2000:]
    assert snapshot(tmp_path / "outside", skip=()) == outside_before


def test_a_build_folder_that_is_a_link_is_not_written_through(tmp_path):
    root = new_project(tmp_path / "p")
    outside = tmp_path / "outside"
    (outside / "docs").mkdir(parents=True)
    (outside / "docs" / "precious.txt").write_text("keep me")
    (root / "build").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside, skip=())
    atlas(root, "build")
    assert snapshot(outside, skip=()) == before


@pytest.mark.parametrize("folder", ["build/work", "build/cache"])
def test_a_folder_inside_build_that_is_a_link_is_not_written_through(tmp_path, folder):
    """Where mkdocs runs are prepared, and where the record of site/ is kept."""
    root = new_project(tmp_path / "p")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me")
    (root / folder).parent.mkdir(parents=True, exist_ok=True)
    (root / folder).symlink_to(outside, target_is_directory=True)
    before = snapshot(outside, skip=())
    result = atlas(root, "build")
    assert "Traceback" not in result.stderr
    assert snapshot(outside, skip=()) == before
    if folder == "build/work":
        assert result.returncode == 1 and "symbolic link" in result.stderr, result.stderr[-2000:]
    else:  # the record is simply not kept: the build goes on without reuse
        assert result.returncode == 0, result.stderr[-2000:]
        assert (root / "site/models/tiny-lm/index.html").is_file()


@pytest.mark.parametrize("link", ["docs/leak.txt", "docs/assets/more", "docs"])
def test_a_symbolic_link_in_the_hand_written_docs_is_refused_not_published(tmp_path, link):
    root = new_project(tmp_path / "p")
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("do not publish")
    if link == "docs":
        shutil.move(root / "docs", tmp_path / "outside" / "docs")
        (root / "docs").symlink_to(tmp_path / "outside" / "docs", target_is_directory=True)
    elif link.endswith("more"):
        (root / link).symlink_to(secret.parent, target_is_directory=True)
    else:
        (root / link).symlink_to(secret)
    result = atlas(root, "build")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and "symbolic link" in result.stderr, result.stderr[-2000:]
    published = [p for p in (root / "site").rglob("*") if p.is_file()] if (root / "site").exists() else []
    assert not [p for p in published if "do not publish" in p.read_text(errors="replace")]


@pytest.mark.parametrize("relative", ["../escape.md", "a/../../escape.md", "/etc/x", "a//b", "./a", "a\\..\\b", "a\0b", ""])
def test_generated_files_never_land_outside_their_folder(tmp_path, relative):
    from generator.output import safe_join, write_files

    with pytest.raises(ValueError):
        safe_join(tmp_path / "out", relative)
    with pytest.raises(ValueError):
        write_files(tmp_path / "out", [(relative, "x")])
    assert not (tmp_path / "escape.md").exists()
