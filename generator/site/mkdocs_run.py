"""`mkdocs build --strict` over one folder of pages, through a config that inherits mkdocs.yml."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

_URL_ELEMENT = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


@dataclass(frozen=True)
class MkdocsRun:
    name: str
    docs: Path
    site: Path
    config: Path


def prepare_run(work: Path, name: str, mkdocs_config: Path) -> MkdocsRun:
    """An empty docs folder to fill, and a config that builds it into a site folder beside it."""
    folder = work / name
    docs = folder / "docs"
    docs.mkdir(parents=True)
    run = MkdocsRun(name, docs, folder / "site", folder / "mkdocs.yml")
    # JSON is YAML, and quotes the paths whatever they hold.
    settings = {"INHERIT": str(mkdocs_config.resolve()), "docs_dir": str(docs.resolve()),
                "site_dir": str(run.site.resolve())}
    run.config.write_text("\n".join(f"{key}: {json.dumps(value)}" for key, value in settings.items()) + "\n",
                          encoding="utf-8")
    return run


def place(source: Path, target: Path) -> None:
    """`target` with `source`'s content: a hard link when the file system allows, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        target.write_bytes(source.read_bytes())


def _run(run: MkdocsRun, cwd: Path) -> str | None:
    # Not --quiet: it hides the warnings that --strict turns into a failure.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(run.config)]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        return f"mkdocs build failed ({run.name}):\n{result.stdout}{result.stderr}"
    return None


def run_all(runs: list[MkdocsRun], cwd: Path, workers: int, meanwhile: Callable[[], object] | None = None) -> list[str]:
    """Every run, `workers` at a time, with `meanwhile` called in this process as they go (this
    process only waits for them otherwise); the failures' reports (empty when all succeeded)."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_run, run, cwd) for run in runs]
        if meanwhile is not None:
            meanwhile()
        return [error for future in futures if (error := future.result())]


def search_documents(site: Path) -> tuple[dict, dict[str, list]]:
    """The search index's settings, and its documents by the address of their page."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, list] = {}
    for document in index["docs"]:
        by_page.setdefault(document["location"].split("#", 1)[0], []).append(document)
    return index["config"], by_page


def sitemap_elements(site: Path) -> tuple[str, dict[str, list[str]], str]:
    """The sitemap's text before and after its <url> elements, and the elements by page address.

    Every <loc> is site_url followed by the page's address; the home page is in every build,
    and its <loc> is site_url itself, the shortest."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    elements = _URL_ELEMENT.findall(text)
    if elements:
        head, tail = text[:text.find("<url>")], text[text.rfind("</url>") + len("</url>"):]
    else:
        head, tail = text[:text.rfind("</urlset>")], text[text.rfind("</urlset>"):]
    locations = [match.group(1) if (match := _LOC.search(element)) else "" for element in elements]
    base = min(locations, key=len) if locations else ""
    by_page: dict[str, list[str]] = {}
    for element, location in zip(elements, locations):
        by_page.setdefault(location[len(base):], []).append(element)
    return head, by_page, tail
