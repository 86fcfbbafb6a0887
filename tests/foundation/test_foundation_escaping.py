"""Hostile text in any field is shown as text: no script runs, no handler attribute, no script URL.

Every free-text field of every kind carries attack strings; the site is built with the real
pipeline and every built page (and the search index, whose text the theme inserts as HTML) is
parsed and checked.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from atlas_project import REPO, atlas, entry, html_pages, new_project, parse_page, PageParser

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"
DATA_LINK = "[x](data:text/html,<script>alert(1)</script>)"
QUOTE_BREAK = '" onmouseover="alert(1)'
ATTR_LIST = '{: onclick="x"}'
CLOSE_DIV = "</div>"
TABLE = "a | b | c"
ALL = [SCRIPT, IMG, JS_LINK, DATA_LINK, QUOTE_BREAK, ATTR_LIST, CLOSE_DIV, TABLE]


def line(*parts: str) -> str:
    text = " ".join(parts)
    assert len(text) <= 300 and "\n" not in text
    return text


PROSE = f"""\
Intro {SCRIPT} and {IMG}.

{JS_LINK} {DATA_LINK} [upper](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1)) [spaced]( javascript:alert(1))

<a href="javascript:alert(1)" onclick="alert(1)">raw link</a> <javascript:alert(1)> ![pic](javascript:alert(1))

<div onclick="alert(1)">{CLOSE_DIV}{CLOSE_DIV}</div>

<iframe src="https://evil.example/"></iframe><svg onload=alert(1)></svg><object data="x"></object>

[ref][evil]

[evil]: javascript:alert(1)

{QUOTE_BREAK} {ATTR_LIST}
{{: onclick="x"}}

| a | b |
|---|---|
| {SCRIPT} | {IMG} |

```
{SCRIPT}
```
"""

NAME = line(SCRIPT, "|", IMG)
SUMMARY = line(JS_LINK, DATA_LINK, QUOTE_BREAK, ATTR_LIST, CLOSE_DIV, TABLE)
ABOUT = line(IMG, JS_LINK, "|")

FILES = {
    "models/evil-model.yaml": entry(
        "models/tiny-lm.yaml",
        name=NAME, summary=SUMMARY, description=PROSE, organization=line(CLOSE_DIV, SCRIPT, "|"),
        tags=["safe-tag"],
        license={"weights": "LicenseRef-evil-terms", "code": "MIT", "note": line(ATTR_LIST, SCRIPT, TABLE)},
        components={
            "model-parameters-final": {"status": "published", "url": "https://example.org/w?a=1&b=(2)]x",
                                       "note": line(IMG, "|")},
            "training-code": {"status": "not-published", "note": line(QUOTE_BREAK, "|", SCRIPT)},
        },
        variants=[
            {"id": "small", "name": line(QUOTE_BREAK, "|", SCRIPT), "parameters": "1B", "ollama": line("tag`", SCRIPT)},
            {"id": "large", "name": line(TABLE, CLOSE_DIV, IMG), "parameters": "7B", "license": "MIT"},
        ],
        talk={"rung": "open-weight", "said": line(SCRIPT, QUOTE_BREAK, "|"), "note": line(JS_LINK, "|")},
        sources=[{"url": "https://example.org/a", "about": ABOUT}, {"url": "https://example.org/b", "about": line(DATA_LINK)}],
    ),
    "licenses/evil-terms.yaml": entry(
        "licenses/acme-terms.yaml",
        name=line(SCRIPT, "|"), summary=SUMMARY, description=PROSE,
        hub_ids=[line(SCRIPT), line("`", IMG)], hub_license_names=[line(QUOTE_BREAK)],
        terms={**entry("licenses/acme-terms.yaml")["terms"], "notes": line(IMG, ATTR_LIST, "|")},
    ),
    "engines/evil-engine.yaml": entry(
        "engines/runner.yaml",
        name=line(IMG, "|"), summary=SUMMARY, description=PROSE,
        formats=[line(SCRIPT, "|")], platforms=[line(QUOTE_BREAK, "|")],
        determinism={"seed": {"how": line(JS_LINK, "|"), "caveat": line(SCRIPT, "|"), "source": "https://example.org/seed"},
                     "temperature": {"how": line(IMG, "|")}},
    ),
    "datasets/evil-data.yaml": entry("datasets/web-mix.yaml", name=line(CLOSE_DIV, "|"), summary=SUMMARY,
                                     organization=line(SCRIPT, "|"), size=line(IMG, "|"), description=PROSE),
    "benchmarks/evil-bench.yaml": entry("benchmarks/quiz.yaml", name=line(ATTR_LIST), summary=SUMMARY,
                                        organization=line(IMG, "|"), description=PROSE),
    "services/evil-service.yaml": entry("services/hostly.yaml", name=line(QUOTE_BREAK), summary=SUMMARY,
                                        provider=line(SCRIPT, "|"), description=PROSE),
    "recipes/evil-recipe.yaml": entry(
        "recipes/run-tiny.yaml", name=line(JS_LINK), summary=SUMMARY, description=PROSE, model="evil-model",
        variant="small", platforms=[line(SCRIPT, "|")], prerequisites=[line(IMG, "|"), line(ATTR_LIST)],
        steps=[
            {"title": line(SCRIPT, "|"), "code": f"echo '{SCRIPT}'\n```\n~~~\n</code></pre>{SCRIPT}\n", "note": line(IMG, "|")},
            {"title": line(QUOTE_BREAK), "language": "text", "code": f"{IMG}\n~~~~\n"},
        ],
        expected=line(CLOSE_DIV, SCRIPT, "|"),
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("hostile"), FILES)
    result = atlas(root, "build")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _page(site: Path, relative: str) -> Path:
    folder, name = relative.removesuffix(".yaml").split("/")
    return site / folder / name / "index.html"


BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "xlink:href", "poster", "background"}


def _allowed_scripts() -> tuple[str, ...]:
    """The theme's bundle and search worker, and the site's own scripts named in mkdocs.yml."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    extra = [item if isinstance(item, str) else item.get("path", "") for item in config.get("extra_javascript", [])]
    return ("assets/javascripts/", "search/", *extra)


ALLOWED_SCRIPTS = _allowed_scripts()


def _problems(parser: PageParser, where: str) -> list[str]:
    found = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if squashed.startswith(BAD_SCHEMES):
                    found.append(f"{where}: <{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "base", "frame"}:
            found.append(f"{where}: <{tag}>")
    for attrs, text in parser.scripts:
        src = (attrs.get("src") or "").lstrip("./")
        if "alert" in text or (attrs.get("src") and not src.startswith(ALLOWED_SCRIPTS)):
            found.append(f"{where}: <script {attrs}>{text[:60]}")
    return found


def test_no_page_has_an_injected_script_handler_or_script_url(site):
    pages = html_pages(site)
    assert len(pages) >= 2 + 7 + len(FILES)
    problems = [p for page in pages for p in _problems(parse_page(page), page.relative_to(site).as_posix())]
    assert problems == []


def test_the_theme_scripts_are_the_only_scripts(site):
    """The hostile model page has exactly the scripts of a harmless page."""
    def scripts(page: Path) -> list[str]:
        return [attrs.get("src") or attrs.get("id") or "inline" for attrs, _ in parse_page(page).scripts]

    assert scripts(_page(site, "models/evil-model.yaml")) == scripts(_page(site, "models/tiny-lm.yaml"))
    assert scripts(_page(site, "recipes/evil-recipe.yaml")) == scripts(_page(site, "recipes/run-tiny.yaml"))


def test_the_search_index_carries_no_markup_from_entries(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    problems = []
    for doc in docs:
        for key in ("title", "text"):
            parser = PageParser()
            parser.feed(doc.get(key, ""))
            problems += _problems(parser, f"search {doc['location']} {key}")
    assert problems == []
    assert any("&lt;script&gt;" in doc["text"] for doc in docs)


class TextParser(PageParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        super().handle_data(data)
        if not self._skip:
            self.text.append(data)


def _visible_text(page: Path) -> str:
    parser = TextParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join("".join(parser.text).split())


@pytest.mark.parametrize("relative, strings", [
    ("models/evil-model.yaml", [NAME, SUMMARY, ABOUT, FILES["models/evil-model.yaml"]["variants"][0]["name"],
                                FILES["models/evil-model.yaml"]["license"]["note"], FILES["models/evil-model.yaml"]["organization"]]),
    ("licenses/evil-terms.yaml", [FILES["licenses/evil-terms.yaml"]["terms"]["notes"], SCRIPT]),
    ("engines/evil-engine.yaml", [FILES["engines/evil-engine.yaml"]["name"], FILES["engines/evil-engine.yaml"]["platforms"][0]]),
    ("recipes/evil-recipe.yaml", [FILES["recipes/evil-recipe.yaml"]["expected"], f"</code></pre>{SCRIPT}",
                                  FILES["recipes/evil-recipe.yaml"]["prerequisites"][0]]),
    ("datasets/evil-data.yaml", [FILES["datasets/evil-data.yaml"]["size"]]),
    ("services/evil-service.yaml", [FILES["services/evil-service.yaml"]["provider"], QUOTE_BREAK]),
])
def test_hostile_text_is_still_shown_as_text(site, relative, strings):
    page = _page(site, relative)
    text = _visible_text(page)
    for string in strings:
        assert " ".join(string.split()) in text, string
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")


def test_prose_keeps_what_is_safe(site):
    """Markdown prose keeps emphasis and text; the dangerous link targets are dropped, their words kept."""
    text = _visible_text(_page(site, "models/evil-model.yaml"))
    assert "raw link" in text and "upper" in text and "entity" in text


@pytest.mark.parametrize("relative", sorted(FILES))
def test_tables_keep_their_shape(site, relative):
    """A `|` in a value never adds a cell: every row of every table has as many cells as its header."""
    parser = parse_page(_page(site, relative))
    tables, current, row = [], None, None
    for tag, _ in parser.tags:
        if tag == "table":
            current = []
            tables.append(current)
        elif tag == "tr" and current is not None:
            row = [0]
            current.append(row)
        elif tag in ("td", "th") and row is not None:
            row[0] += 1
    assert tables
    for table in tables:
        widths = {r[0] for r in table}
        assert len(widths) == 1, f"rows of {widths} cells in one table"


def test_hostile_tags_and_ids_are_refused(tmp_path):
    root = new_project(tmp_path, {
        "engines/tagged.yaml": entry("engines/runner.yaml", tags=[SCRIPT]),
        "engines/based.yaml": entry("engines/runner.yaml", based_on=[IMG]),
        "models/hub.yaml": entry("models/tiny-lm-chat.yaml", variants=[{"id": "x", "name": "X", "hub": "a/b\" onclick=\"x"}]),
    })
    result = atlas(root, "check", "--format", "json")
    assert result.returncode == 1
    fields = sorted((p["path"], p["field"]) for p in json.loads(result.stdout)["problems"])
    assert fields == [("catalog/engines/based.yaml", "based_on[0]"), ("catalog/engines/tagged.yaml", "tags[0]"),
                      ("catalog/models/hub.yaml", "variants[0].hub")]


def test_a_name_cannot_close_the_title_and_inject_a_script(tmp_path):
    """Material prints `{{ page.title | striptags }}`, and striptags turns &lt; back into `<`."""
    root = new_project(tmp_path, {
        "engines/title-break.yaml": entry("engines/runner.yaml", name="</title><script>alert(1)</script>"),
        "models/title-break.yaml": entry("models/tiny-lm-chat.yaml", name="</title><img src=x onerror=alert(1)>"),
    })
    assert atlas(root, "build").returncode == 0
    site = root / "site"
    problems = [p for page in html_pages(site) for p in _problems(parse_page(page), page.relative_to(site).as_posix())]
    assert problems == []
