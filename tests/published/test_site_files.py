"""The files the build adds beside mkdocs' pages (badges, feed, matrix rows) and the settings read
from mkdocs.yml, on the real catalog; hostile text stays text in every one of them."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalog import load_and_validate
from generator.render.badges import badge_svg, iter_badges
from generator.render.feed import FEED_SIZE, atom_feed
from generator.render.matrix import iter_matrix_json, matrix_rows
from generator.render.pages import iter_pages
from generator.render.settings import SiteSettings, read_settings
from generator.verdicts import judge_catalog

REPO = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "</title><script>alert(1)</script> & ]]> \"quoted\" 'single' \x07bell"


@pytest.fixture(scope="module")
def catalog():
    return load_and_validate(REPO / "catalog")


@pytest.fixture(scope="module")
def verdicts(catalog):
    return judge_catalog(catalog)


def test_settings_come_from_mkdocs_yml(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nrepo_url: https://git.example.org/atlas/\nsite_url: https://atlas.example.org/\n"
                      "extra:\n  entry_edit_uri: -/edit/trunk/\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    settings = read_settings(config)
    assert settings.edit_url("catalog/models/olmo-2.yaml") == "https://git.example.org/atlas/-/edit/trunk/catalog/models/olmo-2.yaml"
    assert settings.absolute("badges/x-rung.svg") == "https://atlas.example.org/badges/x-rung.svg"
    config.write_text("site_name: x\nrepo_url: 'javascript:alert(1)'\n")
    assert read_settings(config) == SiteSettings()
    assert read_settings(REPO / "mkdocs.yml").repo_url is None, "no repository address is invented"


def test_entry_pages_link_to_their_yaml_only_when_repo_url_is_set(catalog, verdicts):
    with_repo = dict(iter_pages(catalog, verdicts, settings=SiteSettings(repo_url="https://github.com/example/atlas")))
    page = with_repo["models/olmo-2.md"]
    assert "[edit this entry](<https://github.com/example/atlas/edit/main/catalog/models/olmo-2.yaml>)" in page
    assert "edit this entry" in with_repo["engines/ollama.md"]
    without = dict(iter_pages(catalog, verdicts))
    assert not any("edit this entry" in text for text in without.values())


def test_badges_are_svg_for_every_model(catalog, verdicts):
    files = dict(iter_badges(catalog, verdicts))
    assert len(files) == 2 * len(catalog.of("models"))
    for text in files.values():
        assert ET.fromstring(text).tag == "{http://www.w3.org/2000/svg}svg"
    root = ET.fromstring(badge_svg("<&>", HOSTILE.replace("\x07", ""), "#000\" onload=\"x"))
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("<&>: </title><script>")
    assert "onload" not in root.attrib and all("onload" not in e.attrib for e in root.iter())


def _with_hostile_entry(catalog):
    entry = catalog.of("models")["olmo-2"]
    hostile = entry.model_copy(update={"name": HOSTILE, "summary": HOSTILE, "updated": dt.date(2999, 1, 1)})
    entries = {folder: dict(items) for folder, items in catalog.entries.items()}
    entries["models"]["olmo-2"] = hostile
    return type(catalog)(entries, catalog.paths, catalog.licenses)


def test_the_feed_is_atom_and_keeps_hostile_text_as_text(catalog):
    feed = ET.fromstring(atom_feed(_with_hostile_entry(catalog), SiteSettings()))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_SIZE, sum(1 for _ in catalog.all()))
    first = entries[0]
    assert first.find(f"{ATOM}title").text == HOSTILE.replace("\x07", "") + " (model updated)"
    assert first.find(f"{ATOM}summary").text == HOSTILE.replace("\x07", "")
    assert first.find(f"{ATOM}link").get("href") == "models/olmo-2/"
    assert first.find(f"{ATOM}updated").text == "2999-01-01T00:00:00Z" == feed.find(f"{ATOM}updated").text
    absolute = ET.fromstring(atom_feed(catalog, SiteSettings(site_url="https://atlas.example.org")))
    assert absolute.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("https://atlas.example.org/")


def test_matrix_rows_escape_in_html_and_json(catalog, verdicts):
    hostile = _with_hostile_entry(catalog)
    page = dict(iter_pages(hostile, judge_catalog(hostile)))["matrix.md"]
    assert "<script>" not in page and "&lt;/title&gt;&lt;script&gt;" in page
    assert 'data-name="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot;quoted&quot; &#x27;single&#x27;' in page
    assert "\\" not in page.split('id="atlas-matrix"', 1)[1], "no Markdown escapes inside the raw HTML table"
    (_, text), = iter_matrix_json(catalog, verdicts, "2026-01-01T00:00:00Z")
    body = json.loads(text)
    assert [m["id"] for m in body["models"]] == [r.id for r in matrix_rows(catalog, verdicts)]
    assert len(body["models"]) == len(catalog.of("models"))
