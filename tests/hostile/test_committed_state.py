"""State under build/ that arrives in a pull request (committed with `git add -f`) is never trusted:
the validation cache is a pickle, and reading a pickle can run code."""
from __future__ import annotations

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
