"""Throw-away Atlas projects for the hostile-input tests, and ways to run the real pipeline on them.

A project is a folder holding `catalog/`, a copy of the repository's `docs/` and `mkdocs.yml`:
what `atlas --root <folder> …` needs.  `BASE` is a small valid catalog using every kind and every
reference field, so a test adds or replaces one file and knows where every problem comes from.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path


from tests.foundation.atlas_project import dump, entry_from, write  # noqa: F401  (re-exported for the hostile tests)

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
KIND_FOLDERS = ("models", "datasets", "engines", "benchmarks", "services", "licenses", "recipes")
OUTPUT_FOLDERS = ("build", "site", "status")

SOURCES = [{"url": "https://example.org/source", "about": "where the facts come from"}]
ADDED = "2025-01-01"

BASE: dict[str, dict] = {
    "licenses/acme-terms.yaml": {
        "name": "Acme Terms", "summary": "Acme's terms.", "url": "https://example.org/acme/terms",
        "hub_ids": ["acme"],
        "terms": {"commercial_use": "yes", "field_of_use_restrictions": True, "attribution_required": True,
                  "derivatives": "conditional", "redistribution": "conditional"},
        "sources": SOURCES, "added": ADDED,
    },
    "datasets/web-mix.yaml": {
        "name": "Web Mix", "summary": "A web crawl.", "organization": "Acme", "modality": ["text"],
        "license": "ODC-By-1.0", "availability": "available", "sources": SOURCES, "added": ADDED,
    },
    "datasets/web-mix-clean.yaml": {
        "name": "Web Mix Clean", "summary": "The crawl, cleaned.", "organization": "Acme", "modality": ["text"],
        "license": "ODC-By-1.0", "availability": "available", "derived_from": ["web-mix"],
        "sources": SOURCES, "added": ADDED,
    },
    "engines/runner.yaml": {
        "name": "Runner", "summary": "Runs models.", "kind": ["inference-engine"], "license": "MIT",
        "repository": "https://example.org/runner", "sources": SOURCES, "added": ADDED,
    },
    "engines/chat-ui.yaml": {
        "name": "Chat UI", "summary": "A front end.", "kind": ["frontend"], "license": "Apache-2.0",
        "based_on": ["runner"], "sources": SOURCES, "added": ADDED,
    },
    "benchmarks/quiz.yaml": {
        "name": "Quiz", "summary": "Questions.", "organization": "Acme", "kind": "benchmark", "license": "MIT",
        "datasets": ["web-mix"], "sources": SOURCES, "added": ADDED,
    },
    "services/hostly.yaml": {
        "name": "Hostly", "summary": "Hosts models.", "provider": "Hostly Inc.", "rung": "directly-accessible",
        "models": ["tiny-lm"], "sources": SOURCES, "added": ADDED,
    },
    "models/tiny-lm.yaml": {
        "name": "Tiny LM", "summary": "A small language model.", "organization": "Acme", "modality": ["text"],
        "released": "2024-06", "license": {"weights": "LicenseRef-acme-terms", "code": "Apache-2.0"},
        "components": {
            "model-parameters-final": {"status": "published", "url": "https://example.org/weights"},
            "training-code": {"status": "not-published"},
        },
        "variants": [{"id": "small", "name": "Tiny LM Small", "parameters": "1B"}],
        "datasets": ["web-mix"], "engines": ["runner"], "benchmarks": ["quiz"], "served_by": ["hostly"],
        "sources": SOURCES, "added": ADDED,
    },
    "models/tiny-lm-chat.yaml": {
        "name": "Tiny LM Chat", "summary": "Tiny LM tuned to chat.", "organization": "Acme", "modality": ["text"],
        "license": {"weights": "Apache-2.0"}, "components": {}, "base_model": "tiny-lm",
        "sources": SOURCES, "added": ADDED,
    },
    "recipes/run-tiny.yaml": {
        "name": "Tiny LM with Runner", "summary": "Serve Tiny LM with Runner.", "engine": "runner",
        "model": "tiny-lm", "variant": "small", "uses": ["chat-ui"], "platforms": ["Linux"],
        "steps": [{"title": "Start", "code": "runner serve tiny-lm"}], "expected": "A reply.",
        "sources": SOURCES, "added": ADDED,
    },
}


def entry(relative: str, **changes) -> dict:
    return entry_from(BASE, relative, **changes)


def plain(value) -> bool:
    """Only the plain types a catalog entry is made of, all the way down."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def new_project(root: Path, files: dict | None = None, *, base: bool = True, site_files: bool = True) -> Path:
    """A project folder: catalog/ (BASE plus `files`), and, for builds, docs/ and mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    if site_files:
        shutil.copytree(REPO / "docs", root / "docs")
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in KIND_FOLDERS:
        (root / "catalog" / folder).mkdir(parents=True, exist_ok=True)
    for relative, content in {**(BASE if base else {}), **(files or {})}.items():
        write(root, relative, content)
    return root


def clean_env() -> dict[str, str]:
    """The environment without Hub settings or tokens, so nothing reaches a real server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def atlas(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command line, as a contributor runs it: `python -m generator --root <root> …`."""
    return subprocess.run([PYTHON, "-m", "generator", "--root", str(root), *args], capture_output=True,
                          text=True, cwd=root, env=clean_env(), timeout=600)


def check_json(root: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    result = atlas(root, "check", "--format", "json")
    problems = json.loads(result.stdout)["problems"] if result.stdout.strip().startswith("{") else None
    return result, problems


def assert_clean_failure(result: subprocess.CompletedProcess) -> None:
    """Exit 1 and no traceback (the callers check that the report is located)."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])


def snapshot(root: Path, skip: tuple[str, ...] = OUTPUT_FOLDERS) -> dict[str, str]:
    """Path → content hash (or link target) of everything under `root` except the output folders."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        if here == root:
            dirnames[:] = [d for d in dirnames if d not in skip]
        for name in dirnames + filenames:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


class PageParser(HTMLParser):
    """Every start tag with its attributes, the text of every <script>, and the visible text."""

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("script", "style"):
            self._open, self._buffer = tag, []
            self._attrs = attributes

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == self._open:
            if tag == "script":
                self.scripts.append((self._attrs, "".join(self._buffer)))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._buffer.append(data)
        else:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join("".join(self.text).split())


def parse_html(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser


def problems_in(root: Path) -> list:
    """Every problem `load_and_validate` reports for root/catalog, in process ([] when valid)."""
    from generator.catalog import load_and_validate
    from generator.problems import CatalogError

    try:
        load_and_validate(root / "catalog")
    except CatalogError as exc:
        return exc.problems
    return []


def located(problems: list, path: str) -> list:
    """The problems of one catalog file (`path` as `catalog/<kind>/<file>`)."""
    return [p for p in problems if p.path == path]
