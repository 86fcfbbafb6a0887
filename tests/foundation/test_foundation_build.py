"""`atlas build`: the pages, the navigation, the JSON API, and a site/ that is replaced only whole."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from atlas_project import BASE, KIND_FOLDERS, REPO, atlas, entry, html_pages, new_project, parse_page

ENTRIES = sorted(BASE)  # "models/tiny-lm.yaml", …
SINGULAR = {"models": "model", "datasets": "dataset", "engines": "engine", "benchmarks": "benchmark",
            "services": "service", "licenses": "license", "recipes": "recipe"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    root = new_project(tmp_path_factory.mktemp("build"))
    result = atlas(root, "build")
    assert result.returncode == 0, result.stderr
    return root, result.stdout


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0] / "site"


def test_build_says_what_it_built(built):
    root, output = built
    pages = 2 + len(KIND_FOLDERS) + len(ENTRIES)  # home, matrix, one index per kind, one page per entry
    api_files = 1 + len(KIND_FOLDERS) + len(ENTRIES)  # index.json, one list per kind, one file per entry
    match = re.fullmatch(rf"built {re.escape(str(root / 'site'))}: (\d+) pages \(entry pages: (\d+) built in "
                         r"(\d+) batch\(es\), (\d+) unchanged and reused\), (\d+) API files\n", output)
    assert match, output
    assert int(match[1]) >= pages  # hand-written pages such as the methodology may be generated too
    assert (int(match[2]), int(match[3]), int(match[4])) == (len(ENTRIES), 1, 0)  # a first build reuses nothing
    assert int(match[5]) == api_files
    assert sorted(p.name for p in root.iterdir()) == ["build", "catalog", "docs", "mkdocs.yml", "site"]


def test_home_matrix_and_kind_indexes_exist(site):
    assert (site / "index.html").is_file()
    assert (site / "matrix" / "index.html").is_file()
    for folder in KIND_FOLDERS:
        assert (site / folder / "index.html").is_file(), folder


@pytest.mark.parametrize("relative", ENTRIES)
def test_one_page_per_entry(site, relative):
    folder, name = relative.removesuffix(".yaml").split("/")
    page = site / folder / name / "index.html"
    assert page.is_file()
    text = page.read_text(encoding="utf-8")
    assert f">{BASE[relative]['name']}</h1>" in text or f">{BASE[relative]['name']}<a" in text


def test_licence_pages(site):
    index = (site / "licenses" / "index.html").read_text(encoding="utf-8")
    assert "acme-terms/" in index
    page = (site / "licenses" / "acme-terms" / "index.html").read_text(encoding="utf-8")
    assert "LicenseRef-acme-terms" in page
    model = (site / "models" / "tiny-lm" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../licenses/acme-terms/"' in model  # the weights licence links to its terms
    assert 'href="https://spdx.org/licenses/Apache-2.0.html"' in model


def test_matrix_lists_every_model(site):
    matrix = (site / "matrix" / "index.html").read_text(encoding="utf-8")
    for relative in ENTRIES:
        if relative.startswith("models/"):
            assert f'href="../models/{Path(relative).stem}/"' in matrix


def _nav_targets(root: Path) -> set[str]:
    """The pages mkdocs.yml lists in its nav, as site-relative directory URLs."""
    nav = yaml.safe_load((root / "mkdocs.yml").read_text())["nav"]
    found: set[str] = set()

    def walk(items):
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    walk(value)
                else:
                    page = value.removesuffix(".md").removesuffix("index")
                    found.add(page if page.endswith("/") or not page else page + "/")
    walk(nav)
    return found


def test_entry_pages_are_not_in_the_navigation(built, site):
    targets = _nav_targets(built[0])
    entry_urls = {f"{r.removesuffix('.yaml')}/" for r in ENTRIES}
    assert {"", "matrix/", "models/", "licenses/"} <= targets and not targets & entry_urls
    for page in html_pages(site):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        page_url = "https://atlas.invalid/" + relative.removesuffix("index.html")
        links = [attrs.get("href") or "" for tag, attrs in parse_page(page).tags
                 if tag == "a" and "md-nav__link" in (attrs.get("class") or "").split()]
        resolved = {urljoin(page_url, href).removeprefix("https://atlas.invalid/")
                    for href in links if not href.startswith("#")}
        resolved = {url.split("#")[0] for url in resolved}
        assert resolved <= targets, f"{relative}: nav links to {sorted(resolved - targets)}"
        assert not resolved & entry_urls, relative
        assert len([h for h in links if not h.startswith("#")]) == len(targets), relative


def test_every_link_between_pages_reaches_a_page(site):
    """mkdocs leaves links to entry pages (written by address, so a page renders the same in any
    batch) unchecked: this checks every relative href and src of every page instead."""
    checked = 0
    for page in html_pages(site):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html":
            continue  # its links are relative to whatever missing address was asked for
        page_url = "https://atlas.invalid/" + relative
        for tag, attrs in parse_page(page).tags:
            target = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("script", "img") else None
            if not target or target.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            resolved = urljoin(page_url, target).split("#")[0].split("?")[0]
            assert resolved.startswith("https://atlas.invalid/"), (relative, target)
            path = site / resolved.removeprefix("https://atlas.invalid/")
            assert (path / "index.html").is_file() if resolved.endswith("/") else path.is_file(), (relative, target)
            checked += 1
    assert checked > 100 * len(ENTRIES)


# --- the JSON API ------------------------------------------------------------------------------

def _load(site: Path, relative: str) -> dict:
    return json.loads((site / "api" / "v1" / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("schemas")
    result = atlas(REPO, "schema", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return {folder: json.loads((out / f"{SINGULAR[folder]}.schema.json").read_text()) for folder in KIND_FOLDERS}


def _assert_envelope(body: dict, key: str, total: int) -> None:
    assert list(body) == ["schema_version", "generated_at", "total", key]
    assert re.fullmatch(r"\d+\.\d+", body["schema_version"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", body["generated_at"])
    assert body["total"] == total


def schema_errors(value: object, spec: dict, root: dict, where: str = "") -> list[str]:
    """The subset of JSON Schema that `atlas schema` writes: $ref, anyOf, type, enum, const, pattern,
    lengths, bounds, properties/required/additionalProperties, items.  (jsonschema is not installed.)"""
    if "$ref" in spec:
        name = spec["$ref"].removeprefix("#/$defs/")
        return schema_errors(value, {**root["$defs"][name], **{k: v for k, v in spec.items() if k != "$ref"}}, root, where)
    errors: list[str] = []
    if "anyOf" in spec:
        if all(schema_errors(value, option, root, where) for option in spec["anyOf"]):
            errors.append(f"{where}: {value!r} matches no anyOf option")
    types = spec.get("type")
    if types is not None:
        checks = {"string": lambda v: isinstance(v, str), "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
                  "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
                  "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None,
                  "array": lambda v: isinstance(v, list), "object": lambda v: isinstance(v, dict)}
        if not any(checks[t](value) for t in ([types] if isinstance(types, str) else types)):
            return errors + [f"{where}: {value!r} is not of type {types}"]
    if "enum" in spec and value not in spec["enum"]:
        errors.append(f"{where}: {value!r} not in {spec['enum']}")
    if "const" in spec and value != spec["const"]:
        errors.append(f"{where}: {value!r} != {spec['const']!r}")
    if isinstance(value, str):
        if "pattern" in spec and not re.search(spec["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {spec['pattern']}")
        if len(value) < spec.get("minLength", 0) or len(value) > spec.get("maxLength", len(value)):
            errors.append(f"{where}: length of {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if ("minimum" in spec and value < spec["minimum"]) or ("maximum" in spec and value > spec["maximum"]) \
                or ("exclusiveMinimum" in spec and value <= spec["exclusiveMinimum"]):
            errors.append(f"{where}: {value} out of bounds")
    if isinstance(value, list):
        if len(value) < spec.get("minItems", 0):
            errors.append(f"{where}: fewer than {spec['minItems']} items")
        for i, item in enumerate(value):
            errors += schema_errors(item, spec.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        properties = spec.get("properties", {})
        errors += [f"{where}.{name}: required" for name in spec.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], root, f"{where}.{name}")
            elif spec.get("additionalProperties") is False:
                errors.append(f"{where}.{name}: not allowed")
            elif isinstance(spec.get("additionalProperties"), dict):
                errors += schema_errors(item, spec["additionalProperties"], root, f"{where}.{name}")
    return errors


def _assert_record_matches(record: dict, folder: str, schema: dict) -> None:
    """The record against the JSON Schema `atlas schema` writes, then against the pydantic model."""
    from generator.catalog import BY_FOLDER

    # `id` is the file name and `computed` holds derived facts (verdicts): neither is written in the entry.
    fields = {k: v for k, v in record.items() if k not in ("id", "computed")}
    assert schema.get("additionalProperties") is False
    assert schema_errors(fields, schema, schema) == []
    BY_FOLDER[folder].schema.model_validate(fields)


def test_the_schema_check_rejects_what_it_should(schemas):
    model = schemas["models"]
    assert schema_errors({"name": "x"}, model, model)  # required fields missing
    record = json.loads(json.dumps(BASE["models/tiny-lm.yaml"]))
    record["variants"][0]["parameters"] = 1_000_000_000
    record["variants"][1]["parameters"] = 7_000_000_000
    assert schema_errors(record, model, model) == []
    assert schema_errors({**record, "gating": "sometimes"}, model, model)
    assert schema_errors({**record, "colour": "teal"}, model, model)
    assert schema_errors({**record, "modality": ["text", 3]}, model, model)


def test_api_kind_files(site, schemas):
    for folder in KIND_FOLDERS:
        body = _load(site, f"{folder}.json")
        expected_ids = sorted(Path(r).stem for r in ENTRIES if r.startswith(f"{folder}/"))
        _assert_envelope(body, folder, len(expected_ids))
        assert [record["id"] for record in body[folder]] == expected_ids
        for record in body[folder]:
            _assert_record_matches(record, folder, schemas[folder])


@pytest.mark.parametrize("relative", ENTRIES)
def test_api_entry_files(site, schemas, relative):
    folder, entry_id = relative.removesuffix(".yaml").split("/")
    body = _load(site, f"{folder}/{entry_id}.json")
    _assert_envelope(body, SINGULAR[folder], 1)
    record = body[SINGULAR[folder]]
    assert record["id"] == entry_id
    assert record["name"] == BASE[relative]["name"]
    _assert_record_matches(record, folder, schemas[folder])
    assert record == next(r for r in _load(site, f"{folder}.json")[folder] if r["id"] == entry_id)


def test_api_index(site):
    body = _load(site, "index.json")
    _assert_envelope(body, "kinds", len(KIND_FOLDERS))
    for item in body["kinds"]:
        assert (site / "api" / "v1" / item["url"]).is_file()
        assert item["total"] == _load(site, item["url"])["total"]


def test_api_records_are_typed_as_the_contract_says(site):
    model = _load(site, "models/tiny-lm.json")["model"]
    assert [v["parameters"] for v in model["variants"]] == [1_000_000_000, 7_000_000_000]
    assert model["released"] == "2024-06" and model["added"] == "2025-01-01"
    assert "base_model" not in model  # absent optional fields are left out
    assert _load(site, "models/tiny-lm-chat.json")["model"]["base_model"] == "tiny-lm"


def test_generated_at_follows_source_date_epoch(tmp_path):
    import os

    root = new_project(tmp_path)
    result = atlas(root, "build", env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    for path in (root / "site" / "api" / "v1").rglob("*.json"):
        assert json.loads(path.read_text())["generated_at"] == "2023-11-14T22:13:20Z", path


# --- site/ is replaced whole or not at all ------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site") or p.name.startswith(".docs"))


def test_a_catalog_error_leaves_the_previous_site_untouched(tmp_path):
    root = new_project(tmp_path)
    assert atlas(root, "build").returncode == 0
    before = _snapshot(root / "site")
    (root / "catalog" / "models" / "broken.yaml").write_text("name: [\n")
    result = atlas(root, "build")
    assert result.returncode == 1
    assert "catalog/models/broken.yaml:2: (entry): not valid YAML" in result.stderr
    assert "1 problem(s) found; the site was not built." in result.stderr
    assert _snapshot(root / "site") == before
    assert _leftovers(root) == []


def _break_mkdocs(root: Path) -> None:
    """A mkdocs.yml that mkdocs refuses: an extension that does not exist."""
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("markdown_extensions:\n", "markdown_extensions:\n  - no_such_extension\n"))


def test_a_failed_mkdocs_step_leaves_the_previous_site_untouched(tmp_path):
    root = new_project(tmp_path)
    assert atlas(root, "build").returncode == 0
    before = _snapshot(root / "site")
    (root / "catalog" / "engines" / "extra.yaml").write_text(yaml.safe_dump(entry("engines/runner.yaml", name="Extra")))
    original = (root / "mkdocs.yml").read_text()
    _break_mkdocs(root)
    result = atlas(root, "build")
    assert result.returncode == 1
    assert "mkdocs build failed" in result.stderr
    assert "no_such_extension" in result.stderr
    assert _snapshot(root / "site") == before
    assert not (root / "site" / "engines" / "extra").exists()
    assert _leftovers(root) == []
    # Fixed, the next build replaces the site.
    (root / "mkdocs.yml").write_text(original)
    assert atlas(root, "build").returncode == 0
    assert (root / "site" / "engines" / "extra" / "index.html").is_file()
    assert (root / "site" / "api" / "v1" / "engines" / "extra.json").is_file()


def test_a_build_without_a_previous_site_creates_none_on_failure(tmp_path):
    root = new_project(tmp_path)
    _break_mkdocs(root)
    assert atlas(root, "build").returncode == 1
    assert not (root / "site").exists()
    assert _leftovers(root) == []


def test_a_broken_link_in_a_hand_written_page_fails_the_strict_build(tmp_path):
    root = new_project(tmp_path)
    (root / "docs" / "broken.md").write_text("# Broken\n\nSee [nowhere](nowhere.md).\n")
    result = atlas(root, "build")
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr
    assert not (root / "site").exists()


def test_the_real_site_keeps_entry_pages_out_of_the_navigation(built_site):
    targets = _nav_targets(REPO)
    sizes = set()
    for page in html_pages(built_site):
        hrefs = [attrs.get("href") or "" for tag, attrs in parse_page(page).tags
                 if tag == "a" and "md-nav__link" in (attrs.get("class") or "").split()]
        sizes.add(len([h for h in hrefs if not h.startswith("#")]))
    assert sizes == {len(targets)}, "every page's navigation lists the nav pages and nothing else"


def test_the_real_site_has_a_page_and_a_record_per_entry(built_site):
    for folder in KIND_FOLDERS:
        ids = sorted(p.stem for p in (REPO / "catalog" / folder).glob("*.yaml"))
        records = _load(built_site, f"{folder}.json")[folder]
        assert [r["id"] for r in records] == ids
        for entry_id in ids:
            assert (built_site / folder / entry_id / "index.html").is_file()
            assert (built_site / "api" / "v1" / folder / f"{entry_id}.json").is_file()
