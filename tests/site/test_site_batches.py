"""site/ is built from entry pages in batches, and a rebuild reuses the pages that did not change:
the result must always be the site a single full build gives, byte for byte."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.foundation.atlas_project import BASE, atlas, entry_from, new_project, write

SITE_URL = "https://atlas.example.org/"


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def _project(root: Path) -> Path:
    new_project(root)
    config = root / "mkdocs.yml"
    # With a site_url the sitemap lists every page, so merging it is tested too.
    config.write_text(config.read_text().replace("site_name:", f"site_url: {SITE_URL}\nsite_name:", 1))
    return root


def _build(root: Path, *args: str) -> tuple[int, int, int]:
    """Entry pages built, batches, entry pages reused."""
    result = atlas(root, "build", *args, env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    found = re.search(r"\(entry pages: (\d+) built in (\d+) batch\(es\), (\d+) unchanged and reused\)", result.stdout)
    assert found, result.stdout
    return int(found[1]), int(found[2]), int(found[3])


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _fresh_build(project: Path, elsewhere: Path, *args: str) -> dict[str, bytes]:
    """The site a full build of the same project gives (a copy without build/ and site/)."""
    shutil.copytree(project, elsewhere, ignore=shutil.ignore_patterns("build", "site"))
    _build(elsewhere, *args)
    return _files(elsewhere / "site")


def _assert_same_site(got: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(expected)
    assert [name for name in got if got[name] != expected[name]] == []


ENTRY_PAGES = len(BASE)


def test_batches_build_the_same_site_as_one_run(tmp_path):
    project = _project(tmp_path / "p")
    assert _build(project, "--batch-size", "2") == (ENTRY_PAGES, (ENTRY_PAGES + 1) // 2, 0)
    in_one = _fresh_build(project, tmp_path / "one", "--batch-size", "1000")
    _assert_same_site(_files(project / "site"), in_one)
    sitemap = in_one["sitemap.xml"].decode()
    for relative in BASE:
        assert sitemap.count(f"<loc>{SITE_URL}{relative.removesuffix('.yaml')}/</loc>") == 1
    documents = json.loads(in_one["search/search_index.json"])["docs"]
    assert {d["location"].split("#")[0] for d in documents} >= {f"{r.removesuffix('.yaml')}/" for r in BASE}
    assert len([d for d in documents if d["location"] == ""]) == 1, \
        "the stand-ins that give each batch its navigation never reach the search index"


def test_a_rebuild_builds_only_the_pages_a_change_touches(tmp_path):
    project = _project(tmp_path / "p")
    _build(project, "--batch-size", "2")
    assert _build(project, "--batch-size", "2") == (0, 0, ENTRY_PAGES), "nothing changed, nothing rebuilt"

    write(project, "datasets/web-mix.yaml", entry_from(BASE, "datasets/web-mix.yaml", name="Web Mix Renamed"))
    built, _, reused = _build(project, "--batch-size", "2")
    linking = [r for r, e in BASE.items() if "web-mix" in yaml.safe_dump(e) and r != "datasets/web-mix.yaml"]
    assert linking, "some entry links to the dataset"
    assert built == 1 + len(linking) and reused == ENTRY_PAGES - built
    html = (project / "site/models/tiny-lm/index.html").read_text()
    assert "Web Mix Renamed" in html and 'href="../../datasets/web-mix/"' in html
    _assert_same_site(_files(project / "site"), _fresh_build(project, tmp_path / "full", "--batch-size", "2"))


def test_a_removed_entry_leaves_the_site_and_its_search_index(tmp_path):
    project = _project(tmp_path / "p")
    _build(project)
    (project / "catalog/benchmarks/quiz.yaml").unlink()
    write(project, "models/tiny-lm.yaml", {k: v for k, v in BASE["models/tiny-lm.yaml"].items() if k != "benchmarks"})
    _build(project)
    site = project / "site"
    assert not (site / "benchmarks/quiz").exists()
    index = (site / "search/search_index.json").read_text()
    assert '"benchmarks/quiz/' not in index and "benchmarks/quiz/" not in (site / "sitemap.xml").read_text()
    _assert_same_site(_files(site), _fresh_build(project, tmp_path / "full"))


def test_a_changed_site_setup_rebuilds_every_page(tmp_path):
    project = _project(tmp_path / "p")
    _build(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Open Model Atlas", "site_name: Another Atlas"))
    built, _, reused = _build(project)
    assert (built, reused) == (ENTRY_PAGES, 0)
    assert "Another Atlas" in (project / "site/models/tiny-lm/index.html").read_text()


def test_a_page_changed_in_site_is_built_again_not_reused(tmp_path):
    project = _project(tmp_path / "p")
    _build(project)
    page = project / "site/models/tiny-lm/index.html"
    clean = page.read_bytes()
    page.write_bytes(clean.replace(b"</body>", b"<script>alert(1)</script></body>"))
    built, _, reused = _build(project)
    assert (built, reused) == (1, ENTRY_PAGES - 1)
    assert page.read_bytes() == clean


def test_without_the_previous_site_every_page_is_built(tmp_path):
    project = _project(tmp_path / "p")
    _build(project)
    shutil.rmtree(project / "site")
    assert _build(project)[0] == ENTRY_PAGES


def test_a_failed_build_keeps_the_previous_site_and_its_record(tmp_path):
    project = _project(tmp_path / "p")
    _build(project)
    before = _files(project / "site")
    record = (project / "build/cache/site.json").read_bytes()
    contributing = project / "docs/contributing.md"
    contributing.write_text(contributing.read_text() + "\nSee [a page that is not there](nowhere.md).\n")
    write(project, "datasets/web-mix.yaml", entry_from(BASE, "datasets/web-mix.yaml", name="Web Mix Renamed"))
    result = atlas(project, "build", env=_env())
    assert result.returncode == 1 and "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert _files(project / "site") == before
    assert (project / "build/cache/site.json").read_bytes() == record
    assert not list((project / "build/work").iterdir()), "no batch folders left behind"


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_batch_size_must_be_a_positive_number(tmp_path, value):
    project = _project(tmp_path / "p")
    result = atlas(project, "build", "--batch-size", value)
    assert result.returncode == 2 and "--batch-size" in result.stderr and "Traceback" not in result.stderr
