"""`atlas serve`: preview with live reload, re-rendering pages whenever catalog/ or docs/ change."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build import Project, enrich, load_or_report, render_docs


def _fingerprint(folders: list[Path]) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for f in folders if f.is_dir() for p in f.rglob("*") if p.is_file()))


def _refresh(project: Project) -> None:
    from .output import sync_folder

    catalog = load_or_report(project, "pages not updated until these are fixed")
    if catalog is None:
        return
    with tempfile.TemporaryDirectory() as scratch:
        pages = Path(scratch) / "docs"
        render_docs(project, catalog, enrich(project, catalog), into=pages)
        sync_folder(pages, project.generated_docs)
    print("pages updated", file=sys.stderr)


def serve(project: Project, address: str = "127.0.0.1:8000", poll_seconds: float = 1.0) -> int:
    _refresh(project)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project.mkdocs_config),
                               "--dev-addr", address], cwd=project.root)
    watched = [project.catalog, project.static_docs]
    seen = _fingerprint(watched)
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            if (now := _fingerprint(watched)) != seen:
                seen = now
                _refresh(project)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
