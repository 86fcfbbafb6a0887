"""Which pages of build/docs/ are entry pages, and where mkdocs publishes a page."""
from __future__ import annotations

import re

from ..catalog.kinds import KINDS

_ENTRY_FOLDERS = frozenset(kind.folder for kind in KINDS)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r"^# .*$", re.M)


def is_entry_page(relative: str) -> bool:
    """`models/olmo-2.md` is; `models/index.md`, `matrix.md` and `assets/atlas.css` are not."""
    folder, _, name = relative.partition("/")
    return folder in _ENTRY_FOLDERS and name.endswith(".md") and "/" not in name and name != "index.md"


def published_url(relative: str) -> str:
    """An entry page's address under use_directory_urls: `models/olmo-2.md` → `models/olmo-2/`."""
    return relative.removesuffix(".md") + "/"


def published_file(relative: str) -> str:
    return published_url(relative) + "index.html"


def stand_in(markdown: str) -> str:
    """What an entry page's build needs of another page: that it exists (links to it resolve)
    and its title (the navigation may show it); not its content."""
    front = _FRONT_MATTER.match(markdown)
    title = _TITLE.search(markdown)
    return (front.group(0) if front else "") + (title.group(0) if title else "# Page") + "\n"
