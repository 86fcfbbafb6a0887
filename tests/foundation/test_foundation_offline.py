"""Every built page works offline: no script, stylesheet, image or font from another host."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from atlas_project import REPO, html_pages, parse_page

# Which attribute of which tag makes the browser fetch something while rendering the page.
FETCHED = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
           ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
           ("object", "data"), ("image", "href"), ("use", "href")}


def _foreign(url: str) -> bool:
    url = url.strip()
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc or url.startswith("//"))


def test_mkdocs_config_turns_off_theme_fonts():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    assert config["theme"]["font"] is False


def test_no_page_loads_anything_from_another_host(built_site: Path):
    pages = html_pages(built_site)
    assert len(pages) > 10
    offenders = []
    for page in pages:
        for tag, attrs in parse_page(page).tags:
            for name in ("src", "href", "srcset", "data"):
                value = attrs.get(name)
                if (tag, name) in FETCHED and value:
                    urls = [u.split()[0] for u in value.split(",") if u.strip()] if name == "srcset" else [value]
                    offenders += [f"{page.relative_to(built_site)}: <{tag} {name}={u}>" for u in urls if _foreign(u)]
    assert offenders == []


def test_no_font_host_anywhere(built_site: Path):
    hosts = re.compile(rb"fonts\.googleapis|fonts\.gstatic|use\.typekit|fonts\.bunny")
    found = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file() and hosts.search(p.read_bytes())]
    assert found == []


def test_stylesheets_import_nothing_from_another_host(built_site: Path):
    remote = re.compile(r"""(@import\s+(url\()?|url\()\s*['"]?(https?:)?//""", re.IGNORECASE)
    found = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.css") if remote.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert found == []
