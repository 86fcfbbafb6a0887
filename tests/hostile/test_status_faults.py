"""Faults in the nightly job's files: a corrupt status/hub.json never stops a build, and a failed
check never erases what an earlier check established.

`atlas verify hub` is pointed at a closed port on this machine (http://127.0.0.1:9), so every call
fails at once without reaching the internet.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalog import load_and_validate
from generator.enrich.status import status_view
from generator.render import iter_pages
from generator.verdicts import judge_catalog

from .project import atlas, entry, new_project, snapshot

REPO_ID = "acme/tiny-lm-small"
KEY = f"model:{REPO_ID}"
UNREACHABLE = ["--endpoint", "http://127.0.0.1:9", "--retries", "0", "--timeout", "1", "--fail-on", "never"]

GOOD_RECORD = {
    "outcome": "ok", "private": False, "gated": False,
    "license": {"id": "apache-2.0", "name": None, "link": None, "tags": ["license:apache-2.0"]},
    "formats": ["safetensors"], "weight_bytes": 2_000_000_000, "parameters": 1_000_000_000, "sha": "0123abcd",
    "last_modified": "2025-05-01T00:00:00Z", "checked_at": "2025-06-01T00:00:00Z",
    "used_by": [["models", "tiny-lm", "small"]],
}


def _project(root: Path, site: bool = True) -> Path:
    model = entry("models/tiny-lm.yaml", license={"weights": "Apache-2.0", "code": "Apache-2.0"},
                  variants=[{"id": "small", "name": "Tiny LM Small", "hub": REPO_ID, "parameters": "1B"}])
    return new_project(root, {"models/tiny-lm.yaml": model}, site_files=site)


def _status(root: Path, content: bytes | str | dict) -> Path:
    path = root / "status" / "hub.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def _body(records: object, version: object = "1.0") -> dict:
    return {"schema_version": version, "generated_at": "2025-06-01T00:00:00Z", "repos": records}


GOOD = json.dumps(_body({KEY: GOOD_RECORD}))

# Files that are not a status file at all: ignored with a warning.
CORRUPT_FILES = {
    "binary": b"\x00\xff\xfe garbage \x89PNG\r\n",
    "not UTF-8": b'{"schema_version": "1.0", "repos": {"caf\xe9": {}}}',
    "empty": b"",
    "truncated JSON": GOOD[: len(GOOD) // 2].encode(),
    "JSON list": b"[1, 2, 3]",
    "JSON string": b'"hub"',
    "wrong schema_version": json.dumps(_body({KEY: GOOD_RECORD}, version="0.1")).encode(),
    "schema_version a number": json.dumps(_body({KEY: GOOD_RECORD}, version=1.0)).encode(),
    "no schema_version": json.dumps({"repos": {KEY: GOOD_RECORD}}).encode(),
    "repos a list": json.dumps(_body([GOOD_RECORD])).encode(),
    "repos a string": json.dumps(_body("all fine")).encode(),
}
DEEP_JSON = b'{"schema_version": "1.0", "repos": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"

# Well-formed files whose records are not what `atlas verify hub` writes: each such record is ignored.
BAD_RECORDS = {
    "record a list": [1, 2],
    "record a string": "ok",
    "record null": None,
    "license a string": {**GOOD_RECORD, "license": "mit"},
    "last_error a string": {**GOOD_RECORD, "last_error": "boom"},
    "checked_at a number": {**GOOD_RECORD, "checked_at": 20250601},
    "formats a number": {**GOOD_RECORD, "formats": 3},
    "gated a list": {**GOOD_RECORD, "gated": ["auto"]},
    "parameters a string": {**GOOD_RECORD, "parameters": "1B"},
}
HARMLESS_RECORDS = {
    "unknown outcome": {**GOOD_RECORD, "outcome": "exploded"},
    "empty record": {},
    "extra fields": {**GOOD_RECORD, "surprise": {"deep": [1, 2, 3]}},
    "record for a repo the catalog does not name": None,  # (added under another key below)
    "NaN and infinite numbers": {**GOOD_RECORD, "parameters": float("nan"), "weight_bytes": float("inf")},
    "hostile text from the Hub": {**GOOD_RECORD, "license": {"id": "<script>alert(1)</script>", "name": "\" onclick=\"x"},
                                  "formats": ["<img src=x onerror=alert(1)>"]},
}
@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    root = _project(tmp_path_factory.mktemp("status-catalog"), site=False)
    return load_and_validate(root / "catalog")


def _render_all(catalog, status_dir: Path) -> dict[str, str]:
    view = status_view(catalog, status_dir)
    return dict(iter_pages(catalog, judge_catalog(catalog), view))


@pytest.mark.parametrize("name", sorted(CORRUPT_FILES))
def test_a_corrupt_status_file_is_ignored_with_a_warning(catalog, tmp_path, capsys, name):
    _status(tmp_path, CORRUPT_FILES[name])
    pages = _render_all(catalog, tmp_path / "status")
    assert "warning" in capsys.readouterr().err
    assert "Not checked against the Hugging Face Hub yet" in pages["models/tiny-lm.md"]


def test_a_deeply_nested_status_file_is_ignored_with_a_warning(catalog, tmp_path, capsys):
    _status(tmp_path, DEEP_JSON)
    pages = _render_all(catalog, tmp_path / "status")
    assert "warning" in capsys.readouterr().err
    assert "Not checked against the Hugging Face Hub yet" in pages["models/tiny-lm.md"]


@pytest.mark.parametrize("name", sorted(BAD_RECORDS))
def test_a_record_of_the_wrong_shape_does_not_stop_the_pages(catalog, tmp_path, name):
    _status(tmp_path, _body({KEY: BAD_RECORDS[name]}))
    pages = _render_all(catalog, tmp_path / "status")
    assert "models/tiny-lm.md" in pages
    # the record is ignored, as if the repo had never been checked
    assert "Not checked against the Hugging Face Hub yet" in pages["models/tiny-lm.md"]


@pytest.mark.parametrize("name", sorted(HARMLESS_RECORDS))
def test_odd_but_well_formed_records_render(catalog, tmp_path, name):
    records = {KEY: HARMLESS_RECORDS[name]} if HARMLESS_RECORDS[name] is not None else {"model:other/repo": GOOD_RECORD}
    _status(tmp_path, _body(records))
    pages = _render_all(catalog, tmp_path / "status")
    assert "<script>" not in pages["models/tiny-lm.md"] and "<img" not in pages["drift.md"]


def test_status_is_only_read_during_rendering(catalog, tmp_path):
    path = _status(tmp_path, GOOD)
    before = path.read_bytes()
    _render_all(catalog, tmp_path / "status")
    assert path.read_bytes() == before and sorted(p.name for p in (tmp_path / "status").iterdir()) == ["hub.json"]


# --- the real command line ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["binary", "repos a list"])
def test_atlas_build_builds_with_a_corrupt_status_file(tmp_path, name):
    root = _project(tmp_path / "p")
    path = _status(root, CORRUPT_FILES[name])
    before = path.read_bytes()
    result = atlas(root, "build")
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "Traceback" not in result.stderr
    assert (root / "site" / "models" / "tiny-lm" / "index.html").is_file()
    assert path.read_bytes() == before, "a build never rewrites status/"


def test_atlas_build_builds_with_a_record_that_is_a_list(tmp_path):
    root = _project(tmp_path / "p")
    _status(root, _body({KEY: [1, 2]}))
    result = atlas(root, "build")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


def _verify(root: Path, *extra: str):
    return atlas(root, "verify", "hub", *UNREACHABLE, *extra)


def _record(root: Path) -> dict:
    data = json.loads((root / "status" / "hub.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.0"
    return data["repos"][KEY]


def test_verify_against_an_unreachable_hub_records_an_error(tmp_path):
    root = _project(tmp_path / "p", site=False)
    before = snapshot(root)
    result = _verify(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and f"error: {KEY}:" in result.stderr
    assert "1 errors" in result.stdout
    record = _record(root)
    assert record["outcome"] == "error" and record["error"]
    assert snapshot(root) == before, "verify writes nothing but status/"
    assert sorted(p.name for p in (root / "status").iterdir()) == ["hub.json"]


def test_verify_exit_status_follows_fail_on(tmp_path):
    root = _project(tmp_path / "p", site=False)
    result = atlas(root, "verify", "hub", *UNREACHABLE[:-2], "--fail-on", "error")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def _without_none(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    return value


def test_a_failed_check_keeps_the_previous_good_status(tmp_path):
    root = _project(tmp_path / "p")
    _status(root, GOOD)
    result = _verify(root)
    assert result.returncode == 0, result.stderr
    record = _record(root)
    assert record["outcome"] == "ok"
    for key in ("license", "formats", "parameters", "sha", "checked_at"):
        assert _without_none(record[key]) == _without_none(GOOD_RECORD[key])  # read_status drops fields that are null
    assert record["last_error"]["error"]
    build = atlas(root, "build")
    assert build.returncode == 0, build.stderr
    page = (root / "site" / "models" / "tiny-lm" / "index.html").read_text(encoding="utf-8")
    assert "licence matches" in page and "a later check failed" in page


def test_a_failed_check_replaces_a_previous_error(tmp_path):
    root = _project(tmp_path / "p", site=False)
    _status(root, _body({KEY: {"outcome": "error", "error": "old failure", "checked_at": "2025-01-01T00:00:00Z"}}))
    assert _verify(root).returncode == 0
    record = _record(root)
    assert record["outcome"] == "error" and record["error"] != "old failure"


@pytest.mark.parametrize("name", ["binary", "truncated JSON", "wrong schema_version", "repos a list"])
def test_verify_starts_afresh_from_a_corrupt_status_file(tmp_path, name):
    root = _project(tmp_path / "p", site=False)
    _status(root, CORRUPT_FILES[name])
    result = _verify(root)
    assert result.returncode == 0, result.stderr
    assert "ignoring" in result.stderr and "Traceback" not in result.stderr
    assert _record(root)["outcome"] == "error"


@pytest.mark.parametrize("record", [[1, 2], "ok"], ids=["list", "string"])
def test_verify_survives_a_previous_record_of_the_wrong_shape(tmp_path, record):
    root = _project(tmp_path / "p", site=False)
    _status(root, _body({KEY: record}))
    result = _verify(root)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0 and _record(root)["outcome"] == "error"
