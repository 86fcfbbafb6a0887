"""Script and HTML in every text field of every kind: built for real, the text shows as text and
nothing runs.

One hostile project is built with the real `atlas build`; every built page is parsed with the
standard library's HTML parser and may hold only the elements, attributes and scripts that the
same theme produces for a harmless catalog (plus the tags the prose sanitiser allows).  The JSON
API carries the hostile strings as plain JSON strings, and the generated Markdown, rendered with
the extensions of mkdocs.yml, produces no tag from contributor text either.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from .project import BASE, REPO, atlas, entry, new_project, parse_html, problems_in, write

SCRIPT = "<script>alert('xss-script')</script>"
IMG = "<img src=x onerror=alert('xss-img')>"
SVG = "<svg onload=alert('xss-svg')></svg>"
JS_LINK = "[js](javascript:alert('xss-js'))"
DATA_LINK = "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
VB_LINK = "[vb](vbscript:msgbox('xss-vb'))"
QUOTE_BREAK = "\" onmouseover=\"alert('xss-quote')"
SINGLE_QUOTE_BREAK = "' onfocus='alert(1)' autofocus='"
ATTR_LIST = "{: onclick=alert('xss-attr') }"
CLOSE_DIV = "</div></p></td></table>"
TABLE = "a | b || c |"
FENCES = "``` ~~~"
ENTITY = "&lt;script&gt;&#106;avascript:"
AUTOLINK = "<javascript:alert('xss-auto')>"
ALL_LINE = [SCRIPT, IMG, SVG, JS_LINK, DATA_LINK, VB_LINK, QUOTE_BREAK, SINGLE_QUOTE_BREAK, ATTR_LIST,
            CLOSE_DIV, TABLE, FENCES, ENTITY, AUTOLINK]


def line(*parts: str) -> str:
    """A one-line hostile value that the schema's `Line` accepts (≤ 300 characters, no newline)."""
    text = " ".join(parts)
    assert len(text) <= 300 and "\n" not in text, text
    return text


def tagged(label: str, *parts: str) -> str:
    """A hostile line that also carries a unique word, so the test can find it on the page."""
    return line(f"{label}", *parts)


PROSE = f"""\
Prose-marker {SCRIPT} and {IMG} and {SVG}.

{JS_LINK} {DATA_LINK} {VB_LINK} [upper](JaVaScRiPt:alert(1)) [tab](java\tscript:alert(1)) [ent](&#106;avascript:alert(1))

<a href="javascript:alert(1)" onclick="alert(1)">raw anchor</a> {AUTOLINK} ![pic](javascript:alert(1)) ![pic2](data:image/svg+xml,<svg onload=alert(1)>)

<div onclick="alert(1)">{CLOSE_DIV}</div>

<iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x"><base href="https://evil.example/">
<form action="javascript:alert(1)"><input onfocus=alert(1) autofocus></form>

[ref][evil] and [ok link](https://example.org/fine)

[evil]: javascript:alert(1)

{QUOTE_BREAK} {SINGLE_QUOTE_BREAK} {ATTR_LIST}
{{: onclick="x"}}

| a | b |
|---|---|
| {SCRIPT} | {IMG} |

    indented {SCRIPT}

<style>body{{display:none}}</style><!-- comment --><![CDATA[x]]>
"""

# Each hostile line carries a marker word, so the visible-text check knows which field it sees.
def h(marker: str, *extra: str) -> str:
    return tagged(marker, *(extra or (SCRIPT, "|", QUOTE_BREAK)))


STEP_CODE = f"echo '{SCRIPT}'\n```\n~~~\n</code></pre>{SCRIPT}\n```html\n{IMG}\n~~~~~\n"

FILES = {
    "models/evil-model.yaml": entry(
        "models/tiny-lm.yaml",
        name=h("Mname", SCRIPT, "|", IMG), summary=h("Msummary", JS_LINK, DATA_LINK, QUOTE_BREAK, ATTR_LIST, CLOSE_DIV, TABLE),
        description=PROSE, organization=h("Morg", CLOSE_DIV, SCRIPT, "|"),
        license={"weights": "LicenseRef-evil-terms", "code": "MIT", "note": h("Mlicnote", ATTR_LIST, SCRIPT, TABLE)},
        components={
            "model-parameters-final": {"status": "published", "url": "https://example.org/w?a=1&b=(2)]x",
                                       "note": h("Mcompnote", IMG, "|")},
            "training-code": {"status": "not-published", "note": h("Mcompnote2", QUOTE_BREAK)},
        },
        variants=[
            {"id": "small", "name": h("Mvariant1", QUOTE_BREAK, "|", SCRIPT), "parameters": "1B", "ollama": line("tag`", SCRIPT)},
            {"id": "large", "name": h("Mvariant2", TABLE, CLOSE_DIV, IMG), "parameters": "7B", "license": "MIT"},
        ],
        talk={"said": h("Mtalksaid", SCRIPT, QUOTE_BREAK, "|"), "note": h("Mtalknote", JS_LINK, "|")},
        sources=[{"url": "https://example.org/a", "about": h("Mabout", IMG, JS_LINK, "|")},
                 {"url": "https://example.org/b?x=<y>".replace("<y>", "1"), "about": h("Mabout2", DATA_LINK, AUTOLINK)}],
    ),
    "licenses/evil-terms.yaml": entry(
        "licenses/acme-terms.yaml",
        name=h("Lname", SCRIPT, "|"), summary=h("Lsummary", SVG), description=PROSE,
        hub_ids=[line("Lhub", SCRIPT), line("`Lhub2`", IMG, "|", "`")], hub_license_names=[line(QUOTE_BREAK)],
        terms={**BASE["licenses/acme-terms.yaml"]["terms"], "notes": h("Lnotes", IMG, ATTR_LIST, "|")},
        sources=[{"url": "https://example.org/l", "about": h("Labout")}],
    ),
    "engines/evil-engine.yaml": entry(
        "engines/runner.yaml",
        name=h("Ename", IMG, "|"), summary=h("Esummary", FENCES, SCRIPT), description=PROSE,
        formats=[h("Eformat", SCRIPT, "|")], platforms=[h("Eplatform", QUOTE_BREAK, "|")],
        determinism={"seed": {"how": h("Ehow", JS_LINK, "|"), "caveat": h("Ecaveat", SCRIPT, "|"),
                              "source": "https://example.org/seed"},
                     "temperature": {"how": h("Ehow2", IMG, "|"), "caveat": h("Ecaveat2", AUTOLINK)}},
        sources=[{"url": "https://example.org/e", "about": h("Eabout")}],
    ),
    "datasets/evil-data.yaml": entry(
        "datasets/web-mix.yaml", name=h("Dname", CLOSE_DIV, "|"), summary=h("Dsummary", SCRIPT),
        organization=h("Dorg", SCRIPT, "|"), size=h("Dsize", IMG, "|"), description=PROSE,
        sources=[{"url": "https://example.org/d", "about": h("Dabout", SVG)}],
    ),
    "benchmarks/evil-bench.yaml": entry(
        "benchmarks/quiz.yaml", name=h("Bname", ATTR_LIST), summary=h("Bsummary", VB_LINK),
        organization=h("Borg", IMG, "|"), description=PROSE,
        sources=[{"url": "https://example.org/bb", "about": h("Babout")}],
    ),
    "services/evil-service.yaml": entry(
        "services/hostly.yaml", name=h("Sname", QUOTE_BREAK), summary=h("Ssummary", SINGLE_QUOTE_BREAK),
        provider=h("Sprovider", SCRIPT, "|"), description=PROSE, models=["evil-model"],
        sources=[{"url": "https://example.org/s", "about": h("Sabout")}],
    ),
    "recipes/evil-recipe.yaml": entry(
        "recipes/run-tiny.yaml", name=h("Rname", JS_LINK), summary=h("Rsummary", CLOSE_DIV), description=PROSE,
        model="evil-model", variant="small", engine="evil-engine",
        platforms=[h("Rplatform", SCRIPT, "|")], prerequisites=[h("Rprereq", IMG, "|"), h("Rprereq2", ATTR_LIST)],
        steps=[
            {"title": h("Rstep1", SCRIPT, "|"), "code": STEP_CODE, "note": h("Rnote1", IMG, "|")},
            {"title": h("Rstep2", QUOTE_BREAK), "language": "text", "code": f"{IMG}\n~~~~\n````\n", "note": h("Rnote2")},
            {"title": h("Rstep3", ATTR_LIST), "language": "python", "code": f"print('{SCRIPT}')\n    ~~~~~~~~\n"},
        ],
        expected=h("Rexpected", CLOSE_DIV, SCRIPT, "|"),
        sources=[{"url": "https://example.org/r", "about": h("Rabout", SCRIPT)}],
    ),
}

# The text fields of each hostile entry, with what a reader must be able to read on its page.
def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def _marked(data: dict) -> list[str]:
    return [s for s in _strings(data) if re.match(r"^[A-Z][a-z0-9]+ ", s)]


# Rendered on the entry's own page (component notes, ollama tags and hub licence names are not shown there).
NOT_ON_PAGE = {"Mcompnote", "Mcompnote2"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "xlink:href", "poster", "background", "cite"}
PROSE_TAGS = {"div", "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr", "h3", "h4"}


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> tuple[Path, Path]:
    """(hostile project, harmless project), both built with the real `atlas build`."""
    harmless = new_project(tmp_path_factory.mktemp("harmless"))
    hostile = new_project(tmp_path_factory.mktemp("hostile"), FILES)
    for root in (harmless, hostile):
        result = atlas(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
    return hostile, harmless


@pytest.fixture(scope="module")
def site(projects) -> Path:
    return projects[0] / "site"


@pytest.fixture(scope="module")
def theme(projects) -> dict:
    """What the theme produces for a harmless catalog: tag names, attribute names, scripts."""
    tags, attributes, scripts = set(), set(), set()
    for page in (projects[1] / "site").rglob("*.html"):
        parser = parse_html(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            tags.add(tag)
            attributes.update(attrs)
        scripts.update(_script_key(attrs, text) for attrs, text in parser.scripts)
    return {"tags": tags | PROSE_TAGS, "attributes": attributes | {"href", "rel"}, "scripts": scripts}


def _script_key(attrs: dict, text: str) -> tuple:
    return tuple(sorted((k, v or "") for k, v in attrs.items())), text.strip()


def _page(site: Path, relative: str) -> Path:
    folder, name = relative.removesuffix(".yaml").split("/")
    return site / folder / name / "index.html"


def _attack_problems(html: str, where: str, theme: dict | None = None, ban_tags: bool = True) -> list[str]:
    parser = parse_html(html)
    found = []
    for tag, attrs in parser.tags:
        if theme is not None and tag not in theme["tags"]:
            found.append(f"{where}: <{tag}> is not an element the theme produces")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if theme is not None and name not in theme["attributes"]:
                found.append(f"{where}: <{tag} {name}=…> is not an attribute the theme produces")
            if name in URL_ATTRIBUTES and value:
                # as a browser reads a URL: C0 controls and spaces trimmed, tabs and newlines removed
                squashed = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                if squashed.startswith(BAD_SCHEMES):
                    found.append(f"{where}: <{tag} {name}={value!r}>")
        if tag in {"iframe", "object", "embed", "base", "frame", "form", "input", "svg", "img", "style", "meta"} and theme is None and ban_tags:
            found.append(f"{where}: <{tag}>")
    for attrs, text in parser.scripts:
        if theme is not None and _script_key(attrs, text) not in theme["scripts"]:
            found.append(f"{where}: <script {attrs}> {text[:80]!r} is not a script of the theme")
        if "xss" in text or "alert" in text:
            found.append(f"{where}: <script> runs contributor text {text[:80]!r}")
    return found


def test_every_page_has_only_what_the_theme_produces(site, theme):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4 + 7 + len(BASE) + len(FILES)
    problems = [p for page in pages for p in _attack_problems(page.read_text(encoding="utf-8"),
                                                              page.relative_to(site).as_posix(), theme)]
    assert problems == []


@pytest.mark.parametrize("relative", sorted(FILES))
def test_hostile_text_shows_as_visible_text(site, relative):
    html = _page(site, relative).read_text(encoding="utf-8")
    text = parse_html(html).visible_text()
    wanted = [s for s in _marked(FILES[relative]) if s.split()[0] not in NOT_ON_PAGE]
    assert wanted
    missing = [s for s in wanted if " ".join(s.split()) not in text]
    assert missing == []


@pytest.mark.parametrize("relative", sorted(FILES))
def test_prose_shows_its_words_and_safe_link_but_no_markup(site, relative):
    html = _page(site, relative).read_text(encoding="utf-8")
    text = parse_html(html).visible_text()
    assert "Prose-marker" in text and "raw anchor" in text and "ok link" in text
    anchors = [attrs.get("href") for tag, attrs in parse_html(html).tags if tag == "a"]
    assert "https://example.org/fine" in anchors


def test_recipe_code_is_shown_exactly(site):
    """Fence breakers (``` and ~~~ of any length) in recipe code neither close the block nor run."""
    text = parse_html(_page(site, "recipes/evil-recipe.yaml").read_text(encoding="utf-8")).visible_text()
    for step in FILES["recipes/evil-recipe.yaml"]["steps"]:
        for code_line in step["code"].splitlines():
            assert " ".join(code_line.split()) in text, code_line


@pytest.mark.parametrize("relative", sorted(FILES))
def test_tables_keep_their_shape(site, relative):
    """A `|` in a value never adds a cell: every row has as many cells as its table's header."""
    parser = parse_html(_page(site, relative).read_text(encoding="utf-8"))
    tables, rows = [], None
    for tag, _ in parser.tags:
        if tag == "table":
            rows = []
            tables.append(rows)
        elif tag == "tr" and rows is not None:
            rows.append(0)
        elif tag in ("td", "th") and rows:
            rows[-1] += 1
    assert tables
    assert all(len(set(rows)) == 1 for rows in tables), tables


def test_search_index_carries_no_markup_from_entries(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    problems = [p for doc in docs for key in ("title", "text")
                for p in _attack_problems(doc.get(key, ""), f"search {doc['location']} {key}")]
    assert problems == []


@pytest.mark.parametrize("relative", sorted(FILES))
def test_api_carries_the_text_as_plain_json_strings(site, relative):
    folder, entry_id = relative.removesuffix(".yaml").split("/")
    record = json.loads((site / "api" / "v1" / folder / f"{entry_id}.json").read_text(encoding="utf-8"))
    body = next(v for k, v in record.items() if isinstance(v, dict) and v.get("id") == entry_id)
    source = FILES[relative]
    for key in ("name", "summary", "description"):
        assert body[key] == source[key].strip()
    assert set(_marked(source)) <= set(_strings(body))
    listing = json.loads((site / "api" / "v1" / f"{folder}.json").read_text(encoding="utf-8"))
    assert any(r["id"] == entry_id and r["name"] == source["name"] for r in listing[folder])


def _mkdocs_markdown_extensions() -> list:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def _markdown_tags(docs: Path, pages: list[str]) -> tuple[set, set, list[str]]:
    names, configs = _mkdocs_markdown_extensions()
    tags, attributes, problems = set(), set(), []
    for relative in pages:
        page = docs / relative
        # as mkdocs does: the YAML front matter (the page title) is metadata, not Markdown
        body, meta = get_data(page.read_text(encoding="utf-8"))
        title = meta.get("title", "")
        if not isinstance(title, str) or set(title) & set("<>&"):
            problems.append(f"{relative}: front matter title {title!r} could become markup")
        html = markdown.markdown(body, extensions=names, extension_configs=configs)
        for tag, attrs in parse_html(html).tags:
            tags.add((relative.split("/")[0], tag))
            attributes.update((relative.split("/")[0], tag, a) for a in attrs)
        problems += _attack_problems(html, relative, ban_tags=False)
    return tags, attributes, problems


def test_generated_markdown_produces_no_tag_from_contributor_text(projects):
    """Each generated entry page, rendered with mkdocs.yml's Markdown extensions alone (no theme), holds
    only the tags and attributes the generator writes for a harmless entry of its kind, plus prose tags."""
    def pages(root: Path, relatives) -> list[str]:
        return [r.replace(".yaml", ".md") for r in relatives]

    hostile_tags, hostile_attributes, problems = _markdown_tags(projects[0] / "build" / "docs", pages(projects[0], FILES))
    theme_tags, theme_attributes, _ = _markdown_tags(projects[1] / "build" / "docs", pages(projects[1], BASE))
    prose_tags = {(folder, tag) for folder, _ in hostile_tags for tag in PROSE_TAGS}
    prose_attributes = {(folder, t, a) for folder, _ in hostile_tags for t, a in (("a", "href"), ("a", "rel"), ("div", "class"))}
    assert hostile_tags - theme_tags - prose_tags == set()
    assert hostile_attributes - theme_attributes - prose_attributes == set()
    assert problems == []


# --- text that breaks out of its place in the generated Markdown -----------------------------

def _recipe(**changes) -> dict:
    return entry("recipes/run-tiny.yaml", **changes)


def _payload(marker: str) -> str:
    return f"<script>alert('{marker}')</script>"


# file → (entry, marker word of its payload): each tries to make the next text escape into raw HTML and run
BREAKERS = {
    "recipes/fence-in-summary.yaml": (_recipe(summary="~~~", steps=[{"title": "Go", "code": "~~~\n" + _payload("fence-summary")}]),
                                      "fence-summary"),
    "recipes/fence-in-note.yaml": (_recipe(steps=[{"title": "One", "code": "true", "note": "~~~"},
                                                  {"title": "Two", "code": "~~~\n" + _payload("fence-note")}]),
                                   "fence-note"),
    "recipes/tilde-in-prose.yaml": (_recipe(description="Words\n~~~\nmore words",
                                            steps=[{"title": "Go", "code": "~~~\n" + _payload("tilde-prose")}]),
                                    "tilde-prose"),
    "recipes/backtick-in-prose.yaml": (_recipe(description="Words\n```\nmore words",
                                               steps=[{"title": "Go", "code": "```\n" + _payload("backtick-prose")}]),
                                       "backtick-prose"),
    "recipes/fence-in-prerequisite.yaml": (_recipe(prerequisites=["~~~", "```"],
                                                   steps=[{"title": "Go", "code": "~~~\n```\n" + _payload("fence-prereq")}]),
                                           "fence-prereq"),
    "recipes/fences-in-code-only.yaml": (_recipe(steps=[{"title": "Go", "code": "~~~\n```\n" + _payload("code-only") + "\n~~~~~~~~~~\n````````"}]),
                                         "code-only"),
    "models/title-break.yaml": (entry("models/tiny-lm-chat.yaml", name="</title>" + _payload("title-break")), "title-break"),
}


@pytest.fixture(scope="module")
def breakers_site(tmp_path_factory) -> Path:
    files = {relative: data for relative, (data, _) in BREAKERS.items()}
    root = new_project(tmp_path_factory.mktemp("breakers"), files)
    result = atlas(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.parametrize("relative", sorted(BREAKERS))
def test_no_text_can_break_out_of_its_place_and_run(breakers_site, relative):
    _, marker = BREAKERS[relative]
    html = _page(breakers_site, relative).read_text(encoding="utf-8")
    assert [text for _, text in parse_html(html).scripts if marker in text] == []
    assert marker in parse_html(html).visible_text()


def test_a_url_ending_in_a_backslash_is_refused_where_it_is_written(catalog_only):
    """md_link writes `[label](<url>)`, where a final backslash would escape the closing `>` and the href would
    become another URL, so the schema refuses a backslash in a URL, at the field that holds it."""
    write(catalog_only, "engines/backslash.yaml", entry("engines/runner.yaml", repository="https://example.org/repo\\",
                                                        sources=[{"url": "https://example.org/source\\"}]))
    problems = problems_in(catalog_only)
    assert sorted((p.path, p.field) for p in problems) == [("catalog/engines/backslash.yaml", "repository"),
                                                           ("catalog/engines/backslash.yaml", "sources[0].url")]
    assert all(p.line > 1 and "URL" in p.message and "\n" not in p.message for p in problems), [str(p) for p in problems]
