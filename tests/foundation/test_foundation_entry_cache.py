"""The validation cache (build/cache/entries.pickle): a second run gives the same catalog, and a
problem found between entries is still located in a file whose validation came from the cache."""
from __future__ import annotations

import gc
import pickle

import pytest

from generator import parallel as worker_pool
from generator.catalog import validate
from generator.catalog.cache import EntryCache
from generator.catalog.validate import load_and_validate
from generator.local_state import seal
from generator.catalog.yaml_reader import PackedDocument, read_document
from generator.licenses.registry import LicenseRegistry
from generator.problems import CatalogError

from atlas_project import dump, new_project


def _check(root):
    return load_and_validate(root / "catalog", root / "build" / "cache" / "entries.pickle")


def _snapshot(catalog) -> dict:
    return {(folder, entry_id): entry.model_dump() for folder, entry_id, entry in catalog.all()}


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "worker-processes"])
def test_a_cached_run_gives_the_same_catalog(tmp_path, monkeypatch, parallel):
    if parallel:
        monkeypatch.setattr(validate, "PARALLEL_THRESHOLD", 0)
        monkeypatch.setattr(worker_pool, "cpu_count", lambda: 2)
    root = new_project(tmp_path)
    first = _check(root)
    cache_file = root / "build" / "cache" / "entries.pickle"
    assert cache_file.is_file()
    second = _check(root)
    assert _snapshot(second) == _snapshot(first)
    assert len(EntryCache(cache_file).stored) == sum(1 for _ in first.all())
    assert gc.isenabled()


def test_a_problem_in_a_cached_entry_is_located_at_its_line(tmp_path):
    root = new_project(tmp_path)
    _check(root)  # fills the cache with every entry, tiny-lm included
    (root / "catalog" / "datasets" / "web-mix.yaml").unlink()
    with pytest.raises(CatalogError) as raised:
        _check(root)
    text = (root / "catalog" / "models" / "tiny-lm.yaml").read_text()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "- web-mix")
    mine = [p for p in raised.value.problems if p.path == "catalog/models/tiny-lm.yaml"]
    assert [(p.line, p.field) for p in mine] == [(line, "datasets[0]")]
    assert gc.isenabled()


def test_a_cache_written_in_an_older_format_is_ignored(tmp_path):
    root = new_project(tmp_path)
    cache_file = root / "build" / "cache" / "entries.pickle"
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(seal(pickle.dumps(("not-this-code", {"key": ((({}, {}), None))}))))
    assert EntryCache(cache_file).stored == {}
    _check(root)
    assert EntryCache(cache_file).stored


def test_a_packed_document_reads_as_the_document():
    document = read_document(dump({"name": "x", "items": [1, 2]}).encode())
    packed = PackedDocument(pickle.dumps((document.data, document.lines)))
    assert packed.data == document.data
    assert packed.line_of(("items", 1)) == document.line_of(("items", 1)) == 4
    assert pickle.loads(pickle.dumps(packed)).data == document.data


def test_licence_parses_are_remembered_but_callers_get_their_own_lists():
    registry = LicenseRegistry({})
    first = registry.parse("MIT OR Nonsense-1")
    first[1].append("changed by a caller")
    again = registry.parse("MIT OR Nonsense-1")
    assert again[0] is None and len(again[1]) == 1
    assert registry.parse("Apache-2.0")[0].keys == ("Apache-2.0",)
