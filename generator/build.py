"""`atlas build`: validate, render pages into build/docs/, run `mkdocs build --strict`, add the API."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_and_validate
from .problems import CatalogError, format_problems
from .output import staged_folder, write_files
from .render import iter_api_files, iter_pages
from .render.badges import iter_badges
from .render.feed import iter_feed
from .render.matrix import iter_matrix_json
from .render.settings import read_settings
from .enrich.status import status_view
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
            shutil.copytree(project.static_docs, staging, dirs_exist_ok=True)
        return write_files(staging, iter_pages(catalog, enriched.verdicts, enriched.status, enriched.settings))


def build_site(project: Project) -> dict[str, int]:
    catalog = project.load()
    enriched = enrich(project, catalog)
    pages = render_docs(project, catalog, enriched)
    with staged_folder(project.site, project.root) as site:
        # Not --quiet: it hides the warnings that --strict turns into a failure.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict",
                   "--config-file", str(project.mkdocs_config), "--site-dir", str(site)]
        result = subprocess.run(command, cwd=project.root, capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildFailed(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
        verdicts, stamp = enriched.verdicts, generated_at()
        api_files = write_files(site, iter_api_files(catalog, verdicts, stamp))
        # Files mkdocs knows nothing about: badges, the feed, and the rows the compare page fetches.
        extra_files = write_files(site, iter_badges(catalog, verdicts))
        extra_files += write_files(site, iter_feed(catalog, enriched.settings))
        extra_files += write_files(site, iter_matrix_json(catalog, verdicts, stamp))
    return {"pages": pages, "api_files": api_files, "extra_files": extra_files}
