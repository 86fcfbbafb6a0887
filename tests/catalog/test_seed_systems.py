"""Every system the talk names has an entry, and every model's record is complete enough to judge.

The lists are written out by id so that the catalog cannot silently shrink.
"""
from pathlib import Path

import pytest

from generator.catalog import load_and_validate
from generator.mof.components import COMPONENTS

ROOT = Path(__file__).resolve().parents[2]

TALK = {
    "models": [
        # text
        "kimi-k2", "llama-3", "gemma-3", "mistral-large-2411", "tulu-3", "command-a", "granite-code", "deepseek-v3-1",
        "gpt-oss", "qwen3", "olmo-2", "map-neo", "llm360-k2", "llm360-amber", "llm360-crystal", "apertus",
        # images and video
        "qwen-image", "hidream-i1", "flux-1-kontext-dev", "stable-diffusion-3-5", "wan-2-2", "hunyuanvideo", "ltx-video",
        "stable-video-diffusion",
        # speech
        "whisper", "coqui-xtts", "kokoro", "higgs-audio-v2", "chatterbox", "melotts", "openvoice-v2", "fish-speech",
        # other
        "chatts", "hunyuanworld", "llama-mesh",
    ],
    "engines": [
        "llama-cpp", "vllm", "ollama", "text-generation-webui", "open-webui", "librechat", "jan", "comfyui", "wan2gp",
        "langchain", "litellm", "transformer-lab", "surfsense", "deerflow", "hyprnote", "mobirag", "gguf", "gptq",
        "openai-whisper", "coqui-tts",
    ],
    "services": ["notebooklm", "deepl", "windsurf", "huggingface-spaces", "openrouter", "groq", "civitai", "huggingface-hub"],
    "datasets": [
        "lmarena-conversations", "laion-5b", "common-corpus", "common-pile-v0-1", "common-crawl", "fineweb",
        "olmo-mix-1124", "dolmino-mix-1124", "matrix", "llm360-k2-data", "llm360-amber-data", "fineweb-2",
    ],
    "benchmarks": ["lmarena", "livebench", "open-llm-leaderboard", "swe-bench", "swe-bench-live"],
}
# The talk ranks these on its spectrum; the entry must say where.
TALK_RANKED = ["kimi-k2", "llama-3", "gemma-3", "mistral-large-2411", "tulu-3", "command-a", "granite-code",
               "deepseek-v3-1", "gpt-oss", "qwen3", "olmo-2", "map-neo", "llm360-k2", "apertus"]


@pytest.fixture(scope="module")
def catalog():
    return load_and_validate(ROOT / "catalog")


@pytest.mark.parametrize("folder", sorted(TALK))
def test_every_system_in_the_talk_has_an_entry(catalog, folder):
    missing = [i for i in TALK[folder] if i not in catalog.of(folder)]
    assert not missing, f"no entry in catalog/{folder}/ for {missing}"


def test_the_talks_placements_are_recorded(catalog):
    for model_id in TALK_RANKED:
        talk = catalog.of("models")[model_id].talk
        assert talk is not None and talk.rung is not None and talk.said, model_id


def test_at_least_forty_models_beyond_the_talk(catalog):
    assert len(set(catalog.of("models")) - set(TALK["models"])) >= 40


def test_every_model_has_a_licence_decision_sources_and_a_full_evidence_record(catalog):
    slugs = {c.slug for c in COMPONENTS}
    for model_id, model in catalog.of("models").items():
        assert model.license.weights.strip(), model_id
        assert model.sources, model_id
        assert set(model.components) == slugs, f"{model_id} lacks {sorted(slugs - set(model.components))}"
        if model.weights_available:
            assert any(v.hub or v.sources for v in model.variants), f"{model_id}: no variant says where its weights are"


def test_every_rung_and_modality_has_examples(catalog):
    from generator.verdicts import judge_catalog

    rungs = {v.spectrum.rung.value for v in judge_catalog(catalog).values()}
    assert rungs == {"behind-app", "directly-accessible", "available-weights", "open-weight", "open-source", "reproducible"}
    modalities = {m.value for model in catalog.of("models").values() for m in model.modality}
    assert {"text", "code", "image", "video", "speech-to-text", "text-to-speech", "3d", "time-series", "vision-language"} <= modalities
