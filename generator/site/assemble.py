"""Build site/ from build/docs/: the index pages in one mkdocs run, the entry pages in batches,
reusing from the previous site every entry page that has not changed."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..parallel import cpu_count
from .layout import is_entry_page, published_file, published_url, stand_in
from .manifest import BuiltPage, SiteManifest, digest, read_manifest
from .mkdocs_run import MkdocsRun, place, prepare_run, run_all, search_documents, sitemap_elements
from .setup import setup_digest


# Entry pages per mkdocs run: a run holds its pages in memory (about 80 MB for 400), and each
# run starts mkdocs and its theme again (about a second).
PAGES_PER_BATCH = 400


class HtmlBuildFailed(Exception):
    pass


@dataclass
class HtmlBuild:
    """What to build from where. `previous_site` and `manifest` are the last build's."""

    docs: Path
    site: Path
    previous_site: Path
    manifest: Path | None
    mkdocs_config: Path
    work: Path
    theme_overrides: Path | None = None
    pages_per_batch: int = PAGES_PER_BATCH
    workers: int = field(default_factory=cpu_count)


@dataclass
class HtmlReport:
    manifest: SiteManifest
    built: int
    reused: int
    batches: int


def _reusable(request: HtmlBuild, previous: SiteManifest, relative: str, markdown: str) -> BuiltPage | None:
    page = previous.pages.get(relative)
    if page is None or page.markdown != markdown:
        return None
    html = request.previous_site / published_file(relative)
    # The HTML must still be what was built: site/ is a folder anyone (or a pull request) can change.
    if html.is_symlink() or not html.is_file() or digest(html.read_bytes()) != page.html:
        return None
    return page


def build_html(request: HtmlBuild, meanwhile: Callable[[], object] | None = None) -> HtmlReport:
    """Build the pages into `request.site`; `meanwhile` (writing the files mkdocs knows nothing
    about) runs while mkdocs does, and must not write where pages go."""
    files = sorted(p.relative_to(request.docs).as_posix() for p in request.docs.rglob("*") if p.is_file())
    entry_pages = [f for f in files if is_entry_page(f)]
    core_files = [f for f in files if not is_entry_page(f)]
    stand_ins = {f: stand_in((request.docs / f).read_text(encoding="utf-8")) for f in core_files if f.endswith(".md")}
    setup = setup_digest(request.mkdocs_config, request.theme_overrides, stand_ins)
    previous = read_manifest(request.manifest) if request.manifest else None
    if previous is None or previous.setup != setup or not request.previous_site.is_dir():
        previous = SiteManifest(setup)

    markdown = {f: digest((request.docs / f).read_bytes()) for f in entry_pages}
    reused = {f: page for f in entry_pages if (page := _reusable(request, previous, f, markdown[f])) is not None}
    to_build = [f for f in entry_pages if f not in reused]

    request.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="html.", dir=request.work))
    try:
        core, batches = _prepare_runs(request, work, core_files, to_build, stand_ins)
        errors = run_all([core, *batches], request.docs.parent, request.workers, meanwhile)
        if errors:
            raise HtmlBuildFailed("\n".join(errors))
        _move_into(core.site, request.site)
        pages = _collect(batches, request.site, markdown)
        for relative, page in reused.items():
            place(request.previous_site / published_file(relative), request.site / published_file(relative))
        pages.update(reused)
        pages = {relative: pages[relative] for relative in entry_pages}
        _merge_search_index(request.site, pages)
        _merge_sitemap(request.site, pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return HtmlReport(SiteManifest(setup, pages), len(to_build), len(reused), len(batches))


def _prepare_runs(request: HtmlBuild, work: Path, core_files: list[str], to_build: list[str],
                  stand_ins: dict[str, str]) -> tuple[MkdocsRun, list[MkdocsRun]]:
    """One run for the index pages and hand-written docs, and runs of at most `pages_per_batch`
    entry pages, each with the stand-ins that give it the navigation."""
    # The index pages build into their own folder, not the site: mkdocs empties its site folder
    # first, and `meanwhile` is writing into the site at the same time.
    core = prepare_run(work, "index-pages", request.mkdocs_config)
    for relative in core_files:
        place(request.docs / relative, core.docs / relative)
    batches, size = [], max(1, request.pages_per_batch)
    for start in range(0, len(to_build), size):
        batch = prepare_run(work, f"entry-pages-{len(batches) + 1}", request.mkdocs_config)
        for relative in to_build[start:start + size]:
            place(request.docs / relative, batch.docs / relative)
        for relative, text in stand_ins.items():
            (batch.docs / relative).parent.mkdir(parents=True, exist_ok=True)
            (batch.docs / relative).write_text(text, encoding="utf-8")
        batches.append(batch)
    return core, batches


def _move_into(source: Path, target: Path) -> None:
    """Everything in `source` moved to the same place under `target`, folders merged."""
    target.mkdir(parents=True, exist_ok=True)
    for child in source.iterdir():
        there = target / child.name
        if child.is_dir() and there.is_dir():
            _move_into(child, there)
        else:
            os.replace(child, there)


def _collect(batches: list[MkdocsRun], site: Path, markdown: dict[str, str]) -> dict[str, BuiltPage]:
    """Each batch's entry pages moved into the site, with their search documents and sitemap elements."""
    pages: dict[str, BuiltPage] = {}
    for batch in batches:
        _, documents = search_documents(batch.site)
        _, elements, _ = sitemap_elements(batch.site)
        for markdown_file in sorted(p for p in batch.docs.rglob("*.md")):
            relative = markdown_file.relative_to(batch.docs).as_posix()
            if not is_entry_page(relative):
                continue  # a stand-in
            built, target = batch.site / published_file(relative), site / published_file(relative)
            html = built.read_bytes()
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(built, target)
            url = published_url(relative)
            pages[relative] = BuiltPage(markdown[relative], digest(html),
                                        documents.get(url, []), elements.get(url, []))
    return pages


def _merge_search_index(site: Path, pages: dict[str, BuiltPage]) -> None:
    config, documents = search_documents(site)
    merged = [d for docs in documents.values() for d in docs] + [d for page in pages.values() for d in page.search]
    (site / "search" / "search_index.json").write_text(
        json.dumps({"config": config, "docs": merged}, separators=(",", ":")), encoding="utf-8")


def _merge_sitemap(site: Path, pages: dict[str, BuiltPage]) -> None:
    head, elements, tail = sitemap_elements(site)
    merged = [e for group in elements.values() for e in group] + [e for page in pages.values() for e in page.sitemap]
    text = head + "\n    ".join(merged) + tail
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    compressed = site / "sitemap.xml.gz"
    if compressed.exists():
        # The same timestamp mkdocs gave its own copy, so the file stays reproducible.
        with gzip.open(compressed, "rb") as handle:
            handle.read()
            mtime = getattr(handle, "mtime", None)
        with open(compressed, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime) as handle:
            handle.write(text.encode("utf-8"))
