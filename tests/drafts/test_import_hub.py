"""`atlas import-hub`: drafts from a stand-in Hub on 127.0.0.1, through the real HfApi and hf_hub_download."""
from __future__ import annotations

import pytest
import yaml

from generator.mof.components import COMPONENTS

from ..verify.hub_standin import HubStandIn
from ..verify.projects import HEAD, atlas, make_project, model_yaml

CARD = """---
license: apache-2.0
base_model: acme/Base-7B
datasets:
- acme/web-mix
- someone/elsewhere
library_name: transformers
---
# Good Model 7B

Read the report at https://arxiv.org/abs/2501.00656 and [the paper](https://arxiv.org/pdf/2403.13784v2).
Training code: https://github.com/acme/trainer. Issues: https://github.com/acme/trainer/issues.
"""
LICENCE = ("name: Llama\nsummary: A licence.\nurl: https://example.org/l\nhub_ids: [llama3.1]\n"
           "terms: {commercial_use: conditional, field_of_use_restrictions: true, attribution_required: true, "
           "derivatives: yes, redistribution: yes}\n" + HEAD)
DATASET = ("name: Web Mix\nsummary: A web crawl.\norganization: Acme\nmodality: [text]\nlicense: ODC-By-1.0\n"
           "availability: available\nhub: acme/web-mix\n" + HEAD)
ENGINE = "name: Transformers\nsummary: A library.\nkind: [framework]\nlicense: Apache-2.0\n" + HEAD
SECRET = "hf_standin_secret_0123456789"


@pytest.fixture
def hub():
    with HubStandIn() as standin:
        yield standin


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path, {"base": model_yaml("Base", [{"id": "b7", "hub": "acme/Base-7B"}])},
                        datasets={"web-mix": DATASET}, licences={"llama": LICENCE})
    (root / "catalog" / "engines").mkdir()
    (root / "catalog" / "engines" / "transformers.yaml").write_text(ENGINE)
    return root


def _fill_summary(path) -> None:
    text = path.read_text()
    assert "\nsummary:\n" in text
    path.write_text(text.replace("\nsummary:\n", "\nsummary: A model drafted from the Hub.\n"))


def test_a_model_draft_says_what_the_hub_says_and_where(project, hub):
    hub.add("acme/Good-Model-7B", gated="auto", card=CARD,
            card_data={"base_model": "acme/Base-7B", "datasets": ["acme/web-mix", "someone/elsewhere"]},
            extra={"library_name": "transformers", "tags": ["license:apache-2.0", "arxiv:2501.00656"]})
    result = atlas(project, "import-hub", "acme/Good-Model-7B", "--endpoint", hub.url, env={"HF_TOKEN": SECRET})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "catalog/models/good-model-7b.yaml"
    path = project / "catalog" / "models" / "good-model-7b.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/model.schema.json\n")
    entry = yaml.safe_load(text)

    assert entry["name"] == "Good-Model-7B" and entry["organization"] == "acme" and entry["modality"] == ["text"]
    assert entry["summary"] is None  # not drafted: the contributor writes it
    assert entry["license"] == {"weights": "Apache-2.0"}
    assert entry["gating"] == "automatic"
    assert entry["variants"] == [{"id": "good-model-7b", "name": "Good-Model-7B", "hub": "acme/Good-Model-7B",
                                  "parameters": 7_000_000_000}]
    assert entry["base_model"] == "base" and entry["datasets"] == ["web-mix"] and entry["engines"] == ["transformers"]

    components = entry["components"]
    assert list(components) == [c.slug for c in COMPONENTS]
    weights = components["model-parameters-final"]
    assert weights["status"] == "published" and weights["url"] == f"{hub.url}/acme/Good-Model-7B"
    assert "safetensors" in weights["note"] and "9.7 GB" in weights["note"]
    assert components["model-card"]["status"] == "published"
    for slug in ("technical-report", "research-paper"):
        assert components[slug]["status"] == "unknown"
        assert "https://arxiv.org/abs/2501.00656" in components[slug]["note"]
        assert "https://arxiv.org/abs/2403.13784" in components[slug]["note"]
    for slug in ("model-architecture", "training-code", "inference-code"):
        assert components[slug]["status"] == "unknown" and "https://github.com/acme/trainer" in components[slug]["note"]
        assert "issues" not in components[slug]["note"].split("trainer")[1][:8]
    assert "someone/elsewhere" in components["datasets"]["note"]
    untouched = [s for s, c in components.items() if c == {"status": "unknown"}]
    assert "evaluation-code" in untouched and "model-parameters-intermediate" in untouched

    assert [s["url"] for s in entry["sources"]] == [
        f"{hub.url}/api/models/acme/Good-Model-7B", f"{hub.url}/acme/Good-Model-7B/blob/{'a' * 40}/README.md"]
    assert all(s["about"] for s in entry["sources"])
    # Where each drafted value came from, next to it.
    assert "# ↳ from the Hub's pipeline_tag: text-generation" in text
    assert "# ↳ from the Hub API: gated = 'auto'" in text
    assert "someone/elsewhere" in text.split("\ndatasets:")[0].rsplit("# datasets —", 1)[1]

    # The token went to the Hub (API and card), and nowhere else.
    assert {r["authorization"] for r in hub.requests} == {f"Bearer {SECRET}"}
    assert {r["authorization"] for r in hub.file_requests} == {f"Bearer {SECRET}"}
    assert {r["method"] for r in hub.file_requests} >= {"GET"}
    assert SECRET not in result.stdout + result.stderr + text

    unfilled = atlas(project, "check")
    assert unfilled.returncode == 1
    assert unfilled.stderr.splitlines()[0].startswith("catalog/models/good-model-7b.yaml:") and ": summary: " in unfilled.stderr
    _fill_summary(path)
    checked = atlas(project, "check")
    assert checked.returncode == 0, checked.stderr


def test_an_unmapped_licence_stays_unknown_with_what_the_hub_says(project, hub):
    hub.add("acme/odd", licence="other", licence_name="acme-odd-licence", gated="manual", files={"odd.Q4_K_M.gguf": 4_000_000_000},
            parameters=None, extra={"pipeline_tag": "any-to-any"})
    result = atlas(project, "import-hub", "acme/odd", "--endpoint", hub.url)
    assert result.returncode == 0, result.stderr
    assert "the repo has no README.md" in result.stderr
    path = project / "catalog" / "models" / "odd.yaml"
    entry = yaml.safe_load(path.read_text())
    assert entry["license"]["weights"] == "unknown"
    assert "license: other" in entry["license"]["note"] and "acme-odd-licence" in entry["license"]["note"]
    assert entry["gating"] == "manual"
    assert entry["modality"] == []  # any-to-any names no single modality: left for the contributor
    assert entry["variants"] == [{"id": "odd", "name": "odd", "hub": "acme/odd"}]
    assert "GGUF" in entry["components"]["model-parameters-final"]["note"]
    assert entry["components"]["model-card"] == {"status": "unknown", "note": "No card read: the repo has no README.md."}
    assert [s["url"] for s in entry["sources"]] == [f"{hub.url}/api/models/acme/odd"]
    for key in ("base_model", "datasets", "engines"):
        assert key not in entry
    assert {r["authorization"] for r in hub.requests + hub.file_requests} == {None}  # no HF_TOKEN, no token
    text = path.read_text().replace("\nsummary:\n", "\nsummary: An odd model.\n").replace("\nmodality: []\n", "\nmodality: [text]\n")
    path.write_text(text)
    assert atlas(project, "check").returncode == 0


def test_hub_licence_ids_map_through_catalog_licences(project, hub):
    hub.add("acme/llama-ish", licence="llama3.1", card="---\nlicense: llama3.1\n---\nNo links here.\n")
    result = atlas(project, "import-hub", "acme/llama-ish", "--endpoint", hub.url, "--id", "llama-ish-8b")
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((project / "catalog" / "models" / "llama-ish-8b.yaml").read_text())
    assert entry["license"] == {"weights": "LicenseRef-llama"}


def test_hf_endpoint_is_honoured_without_the_flag(project, hub):
    hub.add("acme/env-model", licence="mit", card="---\nlicense: mit\n---\nText.\n")
    result = atlas(project, "import-hub", "acme/env-model", env={"HF_ENDPOINT": hub.url})
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((project / "catalog" / "models" / "env-model.yaml").read_text())
    assert entry["license"]["weights"] == "MIT" and entry["sources"][0]["url"].startswith(hub.url)
    assert len(hub.file_requests) >= 1


def test_a_dataset_draft(project, hub):
    hub.add("acme/new-corpus", kind="dataset", licence="odc-by", gated="auto", card="---\nlicense: odc-by\nsize_categories: [1B<n<10B]\n---\nA corpus.\n",
            card_data={"size_categories": ["1B<n<10B"]}, extra={"tags": ["license:odc-by", "modality:text"]})
    result = atlas(project, "import-hub", "acme/new-corpus", "--kind", "dataset", "--endpoint", hub.url)
    assert result.returncode == 0, result.stderr
    path = project / "catalog" / "datasets" / "new-corpus.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/dataset.schema.json\n")
    entry = yaml.safe_load(text)
    assert entry["hub"] == "acme/new-corpus" and entry["license"] == "ODC-By-1.0"
    assert entry["availability"] == "gated" and entry["modality"] == ["text"]
    assert "size" not in entry and "1B<n<10B" in text  # a category of rows is noted, not taken as a size
    assert [s["url"] for s in entry["sources"]] == [f"{hub.url}/api/datasets/acme/new-corpus",
                                                    f"{hub.url}/datasets/acme/new-corpus/blob/{'a' * 40}/README.md"]
    assert any(r["path"].startswith("/datasets/acme/new-corpus/resolve/") for r in hub.file_requests)
    _fill_summary(path)
    assert atlas(project, "check").returncode == 0


def test_a_missing_repo_writes_nothing_and_says_why(project, hub):
    result = atlas(project, "import-hub", "acme/nothing", "--endpoint", hub.url)
    assert result.returncode == 1
    assert "acme/nothing: no such model repo" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "catalog" / "models" / "nothing.yaml").exists()


def test_an_unreachable_hub_is_a_message_not_a_traceback(project):
    result = atlas(project, "import-hub", "acme/x", "--endpoint", "http://127.0.0.1:9", "--timeout", "2")
    assert result.returncode == 1
    assert "could not reach http://127.0.0.1:9" in result.stderr and "Traceback" not in result.stderr


def test_existing_entries_need_force_and_ids_are_checked(project, hub):
    hub.add("acme/Base-7B", licence="mit", card="---\nlicense: mit\n---\n")
    before = (project / "catalog" / "models" / "base.yaml").read_text()
    refused = atlas(project, "import-hub", "acme/Base-7B", "--endpoint", hub.url, "--id", "base")
    assert refused.returncode == 1 and "exists already" in refused.stderr and "--force" in refused.stderr
    assert (project / "catalog" / "models" / "base.yaml").read_text() == before
    assert hub.requests == []  # refused before asking the Hub
    bad = atlas(project, "import-hub", "acme/Base-7B", "--endpoint", hub.url, "--id", "Base_7B")
    assert bad.returncode == 2 and "is not an id" in bad.stderr
    not_a_repo = atlas(project, "import-hub", "just-a-name", "--endpoint", hub.url)
    assert not_a_repo.returncode == 2 and "not a Hugging Face repo id" in not_a_repo.stderr
    forced = atlas(project, "import-hub", "acme/Base-7B", "--endpoint", hub.url, "--id", "base", "--force")
    assert forced.returncode == 0, forced.stderr
    entry = yaml.safe_load((project / "catalog" / "models" / "base.yaml").read_text())
    assert entry["variants"][0]["hub"] == "acme/Base-7B" and "base_model" not in entry


def test_a_card_with_broken_yaml_still_gives_its_links(project, hub):
    hub.add("acme/messy", card="---\nlicense: [mit\n---\nCode: https://github.com/acme/messy-code\n")
    result = atlas(project, "import-hub", "acme/messy", "--endpoint", hub.url)
    assert result.returncode == 0, result.stderr
    assert "not valid YAML" in result.stderr and "Traceback" not in result.stderr
    entry = yaml.safe_load((project / "catalog" / "models" / "messy.yaml").read_text())
    assert entry["license"]["weights"] == "Apache-2.0"  # the Hub API's own reading of the card
    assert entry["components"]["model-card"]["status"] == "published"
    assert "not valid YAML" in entry["components"]["model-card"]["note"]
    assert "https://github.com/acme/messy-code" in entry["components"]["training-code"]["note"]
