"""Home, compare, model pages, search, badges and the feed, in Chromium and as files."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, screenshot

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def models(built_site: Path) -> dict[str, dict]:
    return {m["id"]: m for m in json.loads((built_site / "matrix.json").read_text(encoding="utf-8"))["models"]}


def _catalog_model(model_id: str) -> dict:
    return yaml.safe_load((REPO / "catalog" / "models" / f"{model_id}.yaml").read_text(encoding="utf-8"))


def test_home_shows_the_spectrum_recent_changes_and_ways_in(page, site_url, built_site):
    page.goto(site_url)
    assert page.get_by_role("heading", name="The spectrum of openness").is_visible()
    recent = page.locator("h2:has-text('Recently added or changed') + ul li")
    assert recent.count() == 10
    page.get_by_role("link", name="Open the matrix").click()
    page.wait_for_selector("#atlas-matrix.atlas-enhanced")
    page.go_back()
    feed = page.get_by_role("link", name="Atom feed")
    assert feed.get_attribute("href") == "feed.xml"
    assert page.request.get(site_url + "feed.xml").ok
    screenshot(page, "home", full_page=True)


def test_compare_from_the_url(page, site_url, models):
    chosen = ["olmo-2", "gemma-3", "llama-3"]
    page.goto(f"{site_url}compare/?models={','.join(chosen)}")
    table = page.locator("#atlas-compare-table")
    table.wait_for()
    heads = table.locator("thead th").all_text_contents()
    assert heads == ["Fact"] + [models[i]["name"] for i in chosen]
    for label, key in (("Rung", "rung_label"), ("MOF class", "mof_label"), ("Commercial use", "commercial_use"),
                       ("Weights licence", "licence")):
        cells = table.locator(f"tbody tr:has(th:text-is('{label}')) td").all_text_contents()
        assert cells == [models[i][key] for i in chosen], label
    assert [page.locator(f"#atlas-compare-{n}").input_value() for n in (1, 2, 3, 4)] == chosen + [""]
    table.locator("thead a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/models/olmo-2/")


def test_compare_by_choosing_on_the_page(page, site_url, models):
    page.goto(f"{site_url}compare/")
    status = page.locator("#atlas-compare [role=status]")
    page.wait_for_selector("#atlas-compare-1 option[value='olmo-2']", state="attached")
    assert "Choose at least two" in status.text_content()
    page.get_by_label("Model 1", exact=True).select_option("whisper")
    page.get_by_label("Model 2", exact=True).select_option("olmo-2")
    table = page.locator("#atlas-compare-table")
    table.wait_for()
    assert page.url.endswith("compare/?models=whisper,olmo-2")
    assert table.locator("thead th").all_text_contents()[1:] == [models["whisper"]["name"], models["olmo-2"]["name"]]
    page.get_by_label("Model 3 (optional)").select_option("qwen3")
    assert page.locator("#atlas-compare-table thead th").count() == 4
    assert "models=whisper,olmo-2,qwen3" in page.url
    screenshot(page, "compare")
    page.reload()
    page.locator("#atlas-compare-table").wait_for()
    assert page.locator("#atlas-compare-table thead th").count() == 4


def test_compare_says_which_requested_models_are_unknown(page, site_url):
    page.goto(f"{site_url}compare/?models=olmo-2,not-a-model")
    status = page.locator("#atlas-compare [role=status]")
    page.wait_for_function("document.querySelector('#atlas-compare [role=status]').textContent.includes('not-a-model')")
    assert "Choose at least two" in status.text_content()


def test_model_page_shows_verdicts_licence_badges_and_variants(page, site_url, models):
    page.goto(f"{site_url}models/gemma-3/")
    verdicts = page.locator("table:has(td:text-is('Spectrum'))")
    spectrum = verdicts.locator("tr:has(td:text-is('Spectrum')) td").nth(1).text_content()
    assert models["gemma-3"]["rung_label"] in spectrum
    licence = page.locator("h2#what-the-licence-lets-you-do + p + ul li").all_text_contents()
    assert licence and "commercial use" in licence[0].lower()
    for condition in models["gemma-3"]["conditions"]:
        assert any(condition[:40].lower() in item.lower() for item in licence), condition
    images = page.locator("h2#badges + p img").all()
    assert len(images) == 2
    for image in images:
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
    assert page.locator("h2#badges ~ div pre").first.text_content().startswith("![Openness: ")
    repos = [v["hub"] for v in _catalog_model("gemma-3")["variants"] if v.get("hub")]
    assert repos and page.get_by_role("link", name=repos[0], exact=True).count() == 1
    screenshot(page, "model-gemma-3")
    page.locator("h2#what-the-licence-lets-you-do").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('what-the-licence-lets-you-do').scrollIntoView({block: 'start'})")
    screenshot(page, "model-gemma-3-licence")
    page.evaluate("document.getElementById('badges').scrollIntoView({block: 'start'})")
    screenshot(page, "model-gemma-3-badges")


def _search(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    # Material reads the query on keyup, on focus or when its index is ready; `fill` alone sends
    # none of them, so without a key the query counted only if the index was still loading.
    box.press("End")
    page.wait_for_selector(".md-search-result__list li a")
    return page.eval_on_selector_all(".md-search-result__list li > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("query, model", [("OLMo 2", "olmo-2"), ("allenai/OLMo-2-0425-1B-Instruct", "olmo-2"),
                                          ("Lightricks", "ltx-video"), ("Kyutai", "moshi")])
def test_search_finds_a_model_offline(page, site_url, query, model):
    """By name, by variant repo id and by organisation, from the search index the site ships."""
    hits = _search(page, site_url, query)
    assert any(f"/models/{model}/" in h for h in hits[:5]), hits


def test_search_finds_a_model_by_its_licence(page, site_url):
    hits = _search(page, site_url, "LicenseRef-gemma-terms")
    assert any("/models/gemma-" in h for h in hits[:10]), hits


def test_every_model_has_badges_that_parse(built_site, models):
    for model_id, model in models.items():
        for what in ("rung", "mof"):
            root = ET.parse(built_site / "badges" / f"{model_id}-{what}.svg").getroot()
            assert root.tag == f"{SVG}svg"
            assert int(root.get("width")) > 40 and root.get("height") == "20"
            title = root.find(f"{SVG}title").text
            assert (model["rung_label"].lower() in title) if what == "rung" else title.startswith("MOF: ")


def test_the_feed_is_atom_with_the_newest_entries(built_site):
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for field in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{field}") is not None, field
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 50
    dates = []
    for e in entries:
        for field in ("id", "title", "updated", "summary"):
            assert (e.find(f"{ATOM}{field}").text or "").strip(), field
        href = e.find(f"{ATOM}link").get("href")
        assert (built_site / href / "index.html").is_file(), href
        dates.append(e.find(f"{ATOM}updated").text)
    assert dates == sorted(dates, reverse=True)
    assert feed.find(f"{ATOM}updated").text == dates[0]
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)


def test_key_pages_stay_on_this_host_and_log_no_errors(page, site_url, page_log):
    for path in ("", "matrix/", "compare/?models=olmo-2,whisper", "models/olmo-2/", "models/", "licenses/", "methodology/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page_log.requests, "requests were recorded"
    # the `page` fixture fails the test on any request to another host and on any console error


def test_the_guard_sees_and_blocks_requests_to_other_hosts(browser, site_url):
    """The check every other test relies on: a request to another host is recorded and aborted."""
    from .conftest import PageLog, _open_page

    log = PageLog()
    context, page = _open_page(browser, log)
    try:
        page.goto(site_url)
        page.evaluate("() => new Promise(done => { const i = new Image(); i.onerror = i.onload = done; i.src = 'https://example.org/x.png'; })")
        page.evaluate("() => fetch('http://203.0.113.1/probe').catch(() => null)")
    finally:
        context.close()
    assert log.foreign == ["https://example.org/x.png", "http://203.0.113.1/probe"]
