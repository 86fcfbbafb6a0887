"""Entry pages rendered in worker processes are the pages one process renders."""
from __future__ import annotations

from generator.catalog.validate import load_and_validate
from generator.render import PageRenderer, iter_pages, write_pages
from generator.render.pages import PARALLEL_PAGES
from generator.verdicts import judge_catalog

from tests.foundation.atlas_project import BASE, entry_from, new_project


def test_pages_written_by_worker_processes_match_the_pages_rendered_in_one(tmp_path):
    models = {f"models/tiny-lm-{i:03d}.yaml": entry_from(BASE, "models/tiny-lm.yaml", name=f"Tiny LM {i:03d}")
              for i in range(PARALLEL_PAGES + 20)}
    root = new_project(tmp_path / "p", models)
    catalog = load_and_validate(root / "catalog")
    verdicts = judge_catalog(catalog)
    expected = dict(iter_pages(catalog, verdicts))
    out = tmp_path / "pages"
    written = write_pages(out, PageRenderer(catalog, verdicts))
    got = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    assert written == len(expected) == len(got) > PARALLEL_PAGES
    assert got == expected
    assert "Tiny LM 007" in got["models/tiny-lm-007.md"]
