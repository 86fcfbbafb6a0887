"""The matrix in Chromium: sorting, filters, the view in the URL, downloads, keyboard, no-JS."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def matrix_data(built_site: Path) -> dict:
    return json.loads((built_site / "matrix.json").read_text(encoding="utf-8"))


def open_matrix(page, site_url: str, query: str = ""):
    page.goto(f"{site_url}matrix/{query}")
    page.wait_for_selector("#atlas-matrix.atlas-enhanced")
    return page


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#atlas-matrix-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def column_keys(page, key: str) -> list[str]:
    index = page.eval_on_selector_all("#atlas-matrix-table thead th", f"ths => ths.findIndex(t => t.dataset.key === {key!r})")
    return page.eval_on_selector_all(
        "#atlas-matrix-table tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{index}].dataset.sort)")


def header(page, key: str):
    return page.locator(f'#atlas-matrix-table th[data-key="{key}"]')


def test_without_javascript_the_matrix_is_a_complete_table(page_without_js, site_url, matrix_data):
    page_without_js.goto(f"{site_url}matrix/")
    ids = page_without_js.eval_on_selector_all("#atlas-matrix-table tbody tr", "rows => rows.map(r => r.dataset.id)")
    assert ids == [m["id"] for m in matrix_data["models"]]
    assert page_without_js.locator(".atlas-controls").count() == 0
    first = page_without_js.locator("#atlas-matrix-table tbody tr").first.locator("td")
    assert first.count() == len(matrix_data["columns"])


def test_clicking_a_header_sorts_and_sets_aria_sort(page, site_url, matrix_data):
    open_matrix(page, site_url)
    params = header(page, "parameters")
    params.get_by_role("button").click()
    assert params.get_attribute("aria-sort") == "ascending"
    assert page.locator('#atlas-matrix-table th[aria-sort]').count() == 1
    values = column_keys(page, "parameters")
    known = [int(v) for v in values if v]
    assert known == sorted(known) and len(known) > 10
    assert all(v == "" for v in values[len(known):]), "models of unknown size go last"
    status = page.locator("#atlas-matrix [role=status]")
    assert "Sorted by Parameters (largest) ascending" in status.text_content()
    assert f"{len(matrix_data['models'])} of {len(matrix_data['models'])} models shown" in status.text_content()

    params.get_by_role("button").click()
    assert params.get_attribute("aria-sort") == "descending"
    known = [int(v) for v in column_keys(page, "parameters") if v]
    assert known == sorted(known, reverse=True)
    assert "descending" in status.text_content()
    assert "sort=parameters" in page.url and "dir=desc" in page.url

    header(page, "model").get_by_role("button").click()
    names = column_keys(page, "model")
    assert names == page.evaluate("names => names.slice().sort((a, b) => a.localeCompare(b))", names)
    assert params.get_attribute("aria-sort") is None


def test_rung_sorts_by_openness_not_alphabet(page, site_url, matrix_data):
    open_matrix(page, site_url)
    header(page, "rung").get_by_role("button").click()
    by_id = {m["id"]: m for m in matrix_data["models"]}
    ranks = [by_id[i]["rung_rank"] for i in visible_ids(page)]
    assert ranks == sorted(ranks) and ranks[0] < ranks[-1]


def test_keyboard_sorts_a_column(page, site_url):
    open_matrix(page, site_url)
    button = header(page, "released").get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    assert header(page, "released").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert header(page, "released").get_attribute("aria-sort") == "descending"
    dates = [d for d in column_keys(page, "released") if d]
    assert dates == sorted(dates, reverse=True)


def test_filter_by_rung(page, site_url, matrix_data):
    open_matrix(page, site_url)
    rung = "open-weight"
    expected = [m["id"] for m in matrix_data["models"] if m["rung"] == rung]
    assert expected, "the catalog has open-weight models"
    page.get_by_label("Rung", exact=True).select_option(rung)
    assert visible_ids(page) == expected
    assert "rung=open-weight" in page.url
    assert f"{len(expected)} of {len(matrix_data['models'])} models shown" in page.locator("#atlas-matrix [role=status]").text_content()


def test_free_text_finds_name_organisation_and_licence(page, site_url, matrix_data):
    open_matrix(page, site_url)
    search = page.get_by_label("Text", exact=True)
    search.fill("olmo")
    ids = visible_ids(page)
    assert "olmo-2" in ids and all("olmo" in (i + matrix_data_name(matrix_data, i)).lower() for i in ids)
    search.fill("Google DeepMind")
    assert set(visible_ids(page)) == {m["id"] for m in matrix_data["models"] if "google deepmind" in m["organization"].lower()}
    search.fill("LicenseRef-gemma-terms")
    assert "gemma-3" in visible_ids(page)
    search.fill("no such model anywhere")
    assert visible_ids(page) == []
    assert "0 of" in page.locator("#atlas-matrix [role=status]").text_content()


def matrix_data_name(matrix_data: dict, model_id: str) -> str:
    return next(m["name"] + " " + m["organization"] for m in matrix_data["models"] if m["id"] == model_id)


def test_fits_in_filter(page, site_url, matrix_data):
    open_matrix(page, site_url)
    page.get_by_label("Fits in (GiB, 4-bit)").fill("8")
    expected = [m["id"] for m in matrix_data["models"] if m["smallest_4bit_gib"] is not None and m["smallest_4bit_gib"] <= 8]
    assert 0 < len(expected) < len(matrix_data["models"])
    assert visible_ids(page) == expected
    assert "fits=8" in page.url


def test_filters_combine_and_clear(page, site_url, matrix_data):
    open_matrix(page, site_url)
    page.get_by_label("Modality", exact=True).select_option("text")
    page.get_by_label("Commercial use", exact=True).select_option("yes")
    expected = [m["id"] for m in matrix_data["models"] if "text" in m["modality"] and m["commercial_use"] == "yes"]
    assert visible_ids(page) == expected
    page.get_by_role("button", name="Clear filters").click()
    assert len(visible_ids(page)) == len(matrix_data["models"])
    assert "?" not in page.url


def test_a_shared_url_restores_the_view(page, site_url, matrix_data):
    open_matrix(page, site_url, "?rung=open-weight&fits=16&sort=parameters&dir=desc&text=a")
    assert page.get_by_label("Rung", exact=True).input_value() == "open-weight"
    assert page.get_by_label("Fits in (GiB, 4-bit)").input_value() == "16"
    assert page.get_by_label("Text", exact=True).input_value() == "a"
    assert header(page, "parameters").get_attribute("aria-sort") == "descending"
    chosen = [m for m in matrix_data["models"] if m["rung"] == "open-weight" and m["smallest_4bit_gib"] is not None
              and m["smallest_4bit_gib"] <= 16]
    ids = visible_ids(page)
    assert set(ids) <= {m["id"] for m in chosen} and ids
    sizes = [int(v) for v in column_keys(page, "parameters") if v]
    assert sizes == sorted(sizes, reverse=True)
    screenshot(page, "matrix-filtered")


def test_downloads_hold_the_visible_rows(page, site_url, matrix_data):
    open_matrix(page, site_url, "?rung=open-weight&sort=memory")
    ids = visible_ids(page)
    assert ids
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "atlas-matrix.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ids
    by_id = {m["id"]: m for m in matrix_data["models"]}
    assert all(r["rung"] == "Open weight" and r["model"] == by_id[r["id"]]["name"] for r in rows)
    assert {"organisation", "licence", "commercial", "memory", "parameters", "released"} <= set(rows[0])

    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    body = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [m["id"] for m in body["models"]] == ids and body["total"] == len(ids)
    assert all(m["memory"] is None or m["memory"] == by_id[m["id"]]["smallest_4bit_gib"] for m in body["models"])
    assert all(m["parameters"] is None or m["parameters"] == by_id[m["id"]]["parameters"] for m in body["models"])


def test_matrix_links_reach_model_pages(page, site_url):
    open_matrix(page, site_url, "?text=olmo-2")
    page.locator("#atlas-matrix-table tbody tr:not([hidden]) a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/models/olmo-2/")
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == "OLMo 2"
