"""`atlas build`: validate, render pages into build/docs/, run `mkdocs build --strict`, add the API."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_and_validate
from .problems import CatalogError, format_problems
from .local_state import state_file
from .output import refuse_links, refuse_links_within, staged_folder, write_files
from .render import PageRenderer, iter_api_files, write_pages
from .render.badges import iter_badges
from .render.feed import iter_feed
from .render.matrix import iter_matrix_json
from .render.settings import read_settings
from .enrich.status import status_view
from .site import PAGES_PER_BATCH, HtmlBuild, build_html
from .site.assemble import HtmlBuildFailed
from .site.manifest import forget_manifest, write_manifest
from .verdicts import judge_catalog


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def catalog(self) -> Path:
        return self.root / "catalog"

    @property
    def static_docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated_docs(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def entry_cache(self) -> Path:
        return self.root / "build" / "cache" / "entries.pickle"

    def load(self):
        """The validated catalog, reusing what earlier runs validated."""
        return load_and_validate(self.catalog, self.entry_cache)

    @property
    def site_manifest(self) -> Path:
        """What site/ holds, so the next build reuses unchanged pages (generator/site/)."""
        return self.root / "build" / "cache" / "site.json"

    @property
    def html_work(self) -> Path:
        return self.root / "build" / "work"

    @property
    def status(self) -> Path:
        return self.root / "status"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"


def load_or_report(project: Project, hint: str | None = None) -> Catalog | None:
    """For commands that need a valid catalog: the catalog, or None after every problem is printed."""
    try:
        return project.load()
    except CatalogError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        if hint:
            print(hint, file=sys.stderr)
        return None


class BuildFailed(Exception):
    pass


def generated_at() -> str:
    """Reproducible when SOURCE_DATE_EPOCH is set, as reproducible-builds.org asks."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Enriched:
    """What the pages, the API and the extra files are rendered from besides the catalog."""

    verdicts: dict
    status: object
    settings: object


def enrich(project: Project, catalog: Catalog) -> Enriched:
    return Enriched(judge_catalog(catalog), status_view(catalog, project.status), read_settings(project.mkdocs_config))


def render_docs(project: Project, catalog: Catalog, enriched: Enriched, into: Path | None = None) -> int:
    """Hand-written docs/ plus generated pages, swapped into build/docs/ (or `into`) whole."""
    target = into or project.generated_docs
    with staged_folder(target, project.root if into is None else target.parent) as staging:
        if project.static_docs.is_dir():
            refuse_links_within(project.static_docs)
            shutil.copytree(project.static_docs, staging, dirs_exist_ok=True)
        return write_pages(staging, PageRenderer(catalog, enriched.verdicts, enriched.status, enriched.settings))


def write_other_files(site: Path, catalog: Catalog, enriched: Enriched) -> dict[str, int]:
    """The files mkdocs knows nothing about: the JSON API, badges, the feed, and the rows the
    compare page fetches."""
    verdicts, stamp = enriched.verdicts, generated_at()
    return {
        "api_files": write_files(site, iter_api_files(catalog, verdicts, stamp)),
        "extra_files": write_files(site, iter_badges(catalog, verdicts)) + write_files(site, iter_feed(catalog, enriched.settings))
        + write_files(site, iter_matrix_json(catalog, verdicts, stamp)),
    }


def _theme_overrides(project: Project, settings) -> Path | None:
    if not settings.custom_dir:
        return None
    folder = (project.root / settings.custom_dir).resolve()
    return folder if project.root.resolve() in folder.parents else None


def build_site(project: Project, pages_per_batch: int = PAGES_PER_BATCH, workers: int | None = None) -> dict[str, int]:
    catalog = project.load()
    enriched = enrich(project, catalog)
    pages = render_docs(project, catalog, enriched)
    manifest = state_file(project.site_manifest, project.root)
    refuse_links(project.html_work, project.root)
    with staged_folder(project.site, project.root) as site:
        request = HtmlBuild(docs=project.generated_docs, site=site, previous_site=project.site,
                            manifest=manifest, mkdocs_config=project.mkdocs_config, work=project.html_work,
                            theme_overrides=_theme_overrides(project, enriched.settings),
                            pages_per_batch=pages_per_batch)
        if workers:
            request.workers = workers
        written: dict[str, int] = {}
        try:
            html = build_html(request, meanwhile=lambda: written.update(write_other_files(site, catalog, enriched)))
        except HtmlBuildFailed as exc:
            raise BuildFailed(str(exc)) from None
        if manifest is not None:
            forget_manifest(manifest)
    if manifest is not None:
        write_manifest(manifest, html.manifest)
    return {"pages": pages, **written,
            "entry_pages_built": html.built, "entry_pages_reused": html.reused, "batches": html.batches}
