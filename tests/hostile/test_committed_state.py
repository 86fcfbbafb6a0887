"""State under build/ that arrives in a pull request (committed with `git add -f`) is never trusted:
the validation cache is a pickle, and reading a pickle can run code; the record of what site/
holds decides which pages are copied into the next site."""
from __future__ import annotations

import hashlib
import json
import os
import pickle

from .project import atlas, new_project


class _RunsCode:
    """Unpickling this calls os.system: what a hostile cache file would do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_committed_validation_cache_is_never_unpickled(tmp_path):
    root = new_project(tmp_path / "p")
    marker = tmp_path / "code-ran"
    cache = root / "build" / "cache" / "entries.pickle"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(pickle.dumps(_RunsCode(marker)))
    result = atlas(root, "check")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert cache.read_bytes().startswith(b"atlas-state-1\n"), "replaced by a cache this machine sealed"


def test_a_committed_site_record_cannot_smuggle_a_page_into_the_site(tmp_path):
    root = new_project(tmp_path / "p")
    assert atlas(root, "build").returncode == 0
    page = root / "site" / "models" / "tiny-lm" / "index.html"
    hostile = page.read_bytes().replace(b"</body>", b"<script>alert(1)</script></body>")
    page.write_bytes(hostile)
    markdown = (root / "build" / "docs" / "models" / "tiny-lm.md").read_bytes()
    # Everything a record needs to vouch for the page, except the seal only this machine can make.
    forged = {"format": 1, "setup": "x", "pages": {"models/tiny-lm.md": {
        "markdown": hashlib.sha256(markdown).hexdigest(), "html": hashlib.sha256(hostile).hexdigest(),
        "search": [], "sitemap": []}}}
    record = root / "build" / "cache" / "site.json"
    for forgery in (json.dumps(forged).encode(), b"atlas-state-1\n" + b"0" * 32 + json.dumps(forged).encode()):
        page.write_bytes(hostile)
        record.write_bytes(forgery)
        result = atlas(root, "build")
        assert result.returncode == 0, result.stderr
        assert b"alert(1)" not in page.read_bytes()
        assert "0 unchanged and reused" in result.stdout
