"""Tiny throw-away Atlas projects for the foundation tests, and a way to run the real `atlas`.

A project is a folder holding `catalog/`, the repository's `docs/` and `mkdocs.yml`: exactly
what `atlas --root <folder> …` needs.  `BASE` is a small valid catalog in which every kind
and every reference field is used once, so a test adds or replaces one file and knows that
every problem reported comes from that file.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
KIND_FOLDERS = ("models", "datasets", "engines", "benchmarks", "services", "licenses", "recipes")

SOURCES = [{"url": "https://example.org/source", "about": "where the facts come from"}]
ADDED = "2025-01-01"

BASE: dict[str, dict] = {
    "licenses/acme-terms.yaml": {
        "name": "Acme Terms",
        "summary": "Acme's terms for its models.",
        "url": "https://example.org/acme/terms",
        "hub_ids": ["acme"],
        "terms": {
            "commercial_use": "yes",
            "field_of_use_restrictions": True,
            "attribution_required": True,
            "derivatives": "conditional",
            "redistribution": "conditional",
        },
        "sources": SOURCES,
        "added": ADDED,
    },
    "datasets/web-mix.yaml": {
        "name": "Web Mix",
        "summary": "A web crawl.",
        "organization": "Acme",
        "modality": ["text"],
        "license": "ODC-By-1.0",
        "availability": "available",
        "hub": "acme/web-mix",
        "sources": SOURCES,
        "added": ADDED,
    },
    "engines/runner.yaml": {
        "name": "Runner",
        "summary": "Runs models.",
        "kind": ["inference-engine"],
        "license": "MIT",
        "repository": "https://example.org/runner",
        "openai_compatible_api": True,
        "sources": SOURCES,
        "added": ADDED,
    },
    "engines/chat-ui.yaml": {
        "name": "Chat UI",
        "summary": "A front end.",
        "kind": ["frontend"],
        "license": "Apache-2.0",
        "based_on": ["runner"],
        "sources": SOURCES,
        "added": ADDED,
    },
    "benchmarks/quiz.yaml": {
        "name": "Quiz",
        "summary": "Questions with answers.",
        "organization": "Acme",
        "kind": "benchmark",
        "license": "MIT",
        "datasets": ["web-mix"],
        "sources": SOURCES,
        "added": ADDED,
    },
    "services/hostly.yaml": {
        "name": "Hostly",
        "summary": "Hosts models behind an API.",
        "provider": "Hostly Inc.",
        "rung": "directly-accessible",
        "models": ["tiny-lm"],
        "sources": SOURCES,
        "added": ADDED,
    },
    "models/tiny-lm.yaml": {
        "name": "Tiny LM",
        "summary": "A small language model.",
        "organization": "Acme",
        "modality": ["text"],
        "released": "2024-06",
        "license": {"weights": "LicenseRef-acme-terms", "code": "Apache-2.0"},
        "components": {
            "model-parameters-final": {"status": "published", "url": "https://example.org/weights"},
            "training-code": {"status": "not-published"},
        },
        "variants": [
            {"id": "small", "name": "Tiny LM Small", "hub": "acme/tiny-lm-small", "parameters": "1B"},
            {"id": "large", "name": "Tiny LM Large", "parameters": 7_000_000_000},
        ],
        "datasets": ["web-mix"],
        "engines": ["runner"],
        "benchmarks": ["quiz"],
        "served_by": ["hostly"],
        "sources": SOURCES,
        "added": ADDED,
    },
    "models/tiny-lm-chat.yaml": {
        "name": "Tiny LM Chat",
        "summary": "Tiny LM tuned to chat.",
        "organization": "Acme",
        "modality": ["text"],
        "released": "2024-07-01",
        "license": {"weights": "Apache-2.0"},
        "components": {},
        "base_model": "tiny-lm",
        "sources": SOURCES,
        "added": ADDED,
    },
    "recipes/run-tiny.yaml": {
        "name": "Tiny LM with Runner",
        "summary": "Serve Tiny LM with Runner.",
        "engine": "runner",
        "model": "tiny-lm",
        "variant": "small",
        "uses": ["chat-ui"],
        "platforms": ["Linux"],
        "steps": [{"title": "Start", "code": "runner serve tiny-lm"}],
        "expected": "A reply.",
        "sources": SOURCES,
        "added": ADDED,
    },
}


def entry_from(base: dict, relative: str, **changes) -> dict:
    """A copy of base[relative] with some fields changed (a value of None removes the field)."""
    data = json.loads(json.dumps(base[relative]))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def entry(relative: str, **changes) -> dict:
    return entry_from(BASE, relative, **changes)


def dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def write(root: Path, relative: str, content: dict | list | str | bytes) -> Path:
    """Write catalog/<relative>: bytes as they are, a str as UTF-8 text, anything else as YAML."""
    path = root / "catalog" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:  # newline="": a str is written exactly, CRLF included
        path.write_text(content if isinstance(content, str) else dump(content), encoding="utf-8", newline="")
    return path


def new_project(root: Path, files: dict[str, dict | str | bytes] | None = None, *, base: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in KIND_FOLDERS:
        (root / "catalog" / folder).mkdir(parents=True, exist_ok=True)
    for relative, content in ({**BASE} if base else {}).items():
        write(root, relative, content)
    for relative, content in (files or {}).items():
        write(root, relative, content)
    return root


def atlas(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a contributor would: `python -m generator --root <root> …`."""
    return subprocess.run(
        [PYTHON, "-m", "generator", "--root", str(root), *args],
        capture_output=True, text=True, cwd=root, env=env, timeout=900,
    )


class PageParser(HTMLParser):
    """Every start tag of a page with its attributes, and the text of every <script>.

    As in a browser, the content of <title> and <textarea> is text up to their end tag, never markup.
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script, self._script_text = attributes, []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._script_text.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
