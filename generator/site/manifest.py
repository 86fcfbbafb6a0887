"""What site/ holds, so the next build can reuse what has not changed.

For each entry page: the digest of the Markdown it was built from and of the HTML it became,
and its documents in the search index and its elements in the sitemap (which the next build
merges without rebuilding the page). `setup` is the digest of everything else a page's HTML
depends on (setup.py); when it changes, nothing is reused. The record is sealed with this
machine's key (local_state.py): a record from anywhere else reads as no record.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..local_state import seal, unseal
from ..output import write_bytes_atomic

FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class BuiltPage:
    markdown: str
    html: str
    search: list = field(default_factory=list)
    sitemap: list = field(default_factory=list)


@dataclass
class SiteManifest:
    setup: str
    pages: dict[str, BuiltPage] = field(default_factory=dict)


def read_manifest(path: Path) -> SiteManifest | None:
    try:
        payload = unseal(path.read_bytes())
        if payload is None:
            return None
        data = json.loads(payload)
        if data.get("format") != FORMAT:
            return None
        pages = {relative: BuiltPage(**page) for relative, page in data["pages"].items()}
        return SiteManifest(data["setup"], pages)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # unreadable: the next build reuses nothing


def write_manifest(path: Path, manifest: SiteManifest) -> None:
    data = {"format": FORMAT, "setup": manifest.setup,
            "pages": {relative: asdict(page) for relative, page in sorted(manifest.pages.items())}}
    sealed = seal(json.dumps(data, separators=(",", ":")).encode("utf-8"))
    if sealed is not None:
        write_bytes_atomic(path, sealed)


def forget_manifest(path: Path) -> None:
    """Called before site/ is replaced: a record must never describe a site it was not written for."""
    path.unlink(missing_ok=True)
