"""The determinism checklist: its data, the catalog keyed by it, and the pages generated from it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.catalog import load_and_validate
from generator.determinism.checklist import CHECKLIST, SLUGS
from generator.problems import CatalogError
from generator.render import iter_pages
from generator.render.escape import md_text
from generator.verdicts import judge_catalog

REPO = Path(__file__).resolve().parents[2]
ENGINES_THAT_RUN_MODELS = ("llama-cpp", "ollama", "vllm", "transformers", "openai-whisper")


@pytest.fixture(scope="module")
def catalog():
    return load_and_validate(REPO / "catalog")


@pytest.fixture(scope="module")
def pages(catalog):
    return dict(iter_pages(catalog, judge_catalog(catalog)))


def test_the_checklist_is_the_talks_summary_in_order():
    assert SLUGS == ("seed", "temperature", "top-k", "same-parameters", "same-engine", "no-batch-mixing",
                     "same-system-software", "same-hardware")
    assert [item.talk for item in CHECKLIST] == [
        "Define a seed, this may be enough", "temperature = 0", "top_k = 1", "All other parameters should be equal",
        "Same inference software", "No mix of different inferences", "Same system software (GPU drivers, etc)",
        "Same hardware (CPU, GPU, etc)"]
    assert all(item.why and item.title for item in CHECKLIST)
    assert [i.slug for i in CHECKLIST if i.per_request] == ["seed", "temperature", "top-k", "same-parameters"]


@pytest.mark.parametrize("engine_id", ENGINES_THAT_RUN_MODELS)
def test_engines_that_run_models_say_how_to_set_the_checklist(catalog, engine_id):
    settings = catalog.of("engines")[engine_id].determinism
    assert {"temperature", "same-hardware"} <= set(settings), engine_id
    assert len(settings) >= 5
    assert all(s.source and s.how for s in settings.values()), "every setting needs its source"


def test_every_determinism_key_in_the_catalog_is_a_checklist_slug(catalog):
    for engine in catalog.of("engines").values():
        assert set(engine.determinism) <= set(SLUGS)


def test_an_unknown_determinism_key_is_a_located_error(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", root)
    path = root / "engines" / "vllm.yaml"
    text = path.read_text()
    text = text.replace("determinism:\n", "determinism:\n  batch-invariance:\n    how: VLLM_BATCH_INVARIANT=1\n", 1)
    path.write_text(text)
    line = text.splitlines().index("  batch-invariance:") + 1
    with pytest.raises(CatalogError) as caught:
        load_and_validate(root)
    [problem] = caught.value.problems
    assert problem.path.endswith("engines/vllm.yaml") and problem.line == line
    assert problem.field == "determinism.batch-invariance"
    assert problem.message.startswith("'batch-invariance' is not an item of the determinism checklist; use one of: seed, temperature, top-k")


def test_the_determinism_page_lists_the_checklist_and_every_engine(pages, catalog):
    page = pages["determinism.md"]
    positions = [page.index(f"**{md_text(item.title)}**") for item in CHECKLIST]
    assert positions == sorted(positions)
    table = page.split("## How each engine sets it")[1].split("## Measure an endpoint yourself")[0]
    header = table.split("\n|---")[0]
    for engine_id, engine in catalog.of("engines").items():
        assert (f"(../engines/{engine_id}/)" in header) == bool(engine.determinism), engine_id
    assert "atlas determinism --endpoint" in page
    assert "It cannot tell a server that\n  ignores the seed from one whose batching or kernels change the numbers" in page


def test_the_determinism_page_is_in_the_nav_after_methodology():
    about = yaml.safe_load((REPO / "mkdocs.yml").read_text())["nav"]
    section = next(item["About"] for item in about if isinstance(item, dict) and "About" in item)
    names = [next(iter(entry)) for entry in section]
    assert names.index("Determinism") == names.index("Methodology") + 1
    assert {"Determinism": "determinism.md"} in section


def test_a_model_page_says_how_to_run_it_before_related(pages, catalog):
    page = pages["models/gemma-3.md"]
    assert page.index("## How to run it") < page.index("## Related")
    block = page.split("## How to run it")[1].split("## Related")[0]
    recipes = sorted(i for i, r in catalog.of("recipes").items() if r.model == "gemma-3")
    assert len(recipes) >= 4
    for rid in recipes:
        assert f"(../../recipes/{rid}/)" in block
    assert "### Repeatable output" in block and "(../determinism.md)" in block
    table = block.split("### Repeatable output")[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Checklist item")]
    assert len(rows) == len(CHECKLIST)
    assert "(../../engines/llama-cpp/)" in table
    assert "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md" in table


def test_a_model_without_recipes_still_lists_its_engines(pages, catalog):
    model_id = next(i for i, m in sorted(catalog.of("models").items())
                    if m.engines and not any(r.model == i for r in catalog.of("recipes").values()))
    block = pages[f"models/{model_id}.md"].split("## How to run it")[1]
    assert "Engines that run it:" in block and "Step-by-step recipes" not in block.split("##")[0]


def test_an_engine_page_lists_its_recipes_models_and_checklist(pages, catalog):
    page = pages["engines/ollama.md"]
    runs = page.split("## What it runs")[1].split("## Determinism settings")[0]
    for rid, recipe in catalog.of("recipes").items():
        assert (f"(../../recipes/{rid}/)" in runs) == ("ollama" in [recipe.engine, *recipe.uses]), rid
    assert "(../../models/gemma-3/)" in runs
    rows = re.findall(r"^\| ([^|]+) \|", page.split("## Determinism settings")[1], re.M)
    assert rows[0] == "Checklist item"
    assert rows[1:1 + len(CHECKLIST)] == [str(md_text(item.title)) for item in CHECKLIST]


def test_a_recipe_page_shows_where_each_command_comes_from(pages):
    page = pages["recipes/llama-cpp-gemma3-1b.md"]
    assert page.count("Source: [") == 4
    assert "~~~ shell\n./llama.cpp/build/bin/llama-server -hf ggml-org/gemma-3-1b-it-GGUF --port 8080\n~~~" in page
    assert "## Repeatable output" in page and "(../../engines/llama-cpp/)" in page.split("## Repeatable output")[1]
