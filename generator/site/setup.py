"""Everything besides its own Markdown that an entry page's HTML depends on, as one digest."""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

# The tools that turn Markdown into HTML; a new version may render any page differently.
_TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
# Bump when the way pages are built in batches changes what a page looks like.
_BATCHING = "1"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def setup_digest(mkdocs_config: Path, theme_overrides: Path | None, stand_ins: dict[str, str]) -> str:
    digest = hashlib.sha256(_BATCHING.encode())
    for name in _TOOLS:
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(mkdocs_config.read_bytes())
    if theme_overrides is not None and theme_overrides.is_dir():
        for path in sorted(p for p in theme_overrides.rglob("*") if p.is_file()):
            digest.update(path.relative_to(theme_overrides).as_posix().encode() + b"\0" + path.read_bytes())
    for relative, text in sorted(stand_ins.items()):
        digest.update(relative.encode() + b"\0" + text.encode())
    return digest.hexdigest()
