from collections import Counter

import pytest

from generator.mof.components import COMPONENTS, by_mot_name, by_slug

# The MOT's component list (mof.settings.yml), name -> (type, class, required).
MOT_COMPONENTS = {
    "Model architecture": ("code", 3, True),
    "Model parameters (Final)": ("data", 3, True),
    "Technical report": ("document", 3, True),
    "Evaluation results": ("document", 3, True),
    "Model card": ("document", 3, True),
    "Data card": ("document", 3, True),
    "Sample model outputs": ("document", 3, False),
    "Training code": ("code", 2, True),
    "Inference code": ("code", 2, True),
    "Evaluation code": ("code", 2, True),
    "Evaluation data": ("data", 2, True),
    "Supporting libraries and tools": ("code", 2, False),
    "Research paper": ("document", 1, True),
    "Datasets": ("data", 1, True),
    "Data preprocessing code": ("code", 1, True),
    "Model parameters (Intermediate)": ("data", 1, True),
    "Model metadata": ("data", 1, False),
}


def test_seventeen_components_match_mot():
    assert {c.mot_name: (c.kind, c.mof_class, c.required) for c in COMPONENTS} == MOT_COMPONENTS
    assert len(COMPONENTS) == 17


def test_required_counts_per_class():
    assert Counter(c.mof_class for c in COMPONENTS if c.required) == {3: 6, 2: 4, 1: 4}


def test_slugs_are_unique_kebab_case():
    slugs = [c.slug for c in COMPONENTS]
    assert len(set(slugs)) == len(slugs)
    assert all(s == s.lower() and " " not in s and "_" not in s for s in slugs)
    assert {"model-architecture", "model-parameters-final", "research-paper"} <= set(slugs)


def test_descriptions_are_one_sentence():
    for c in COMPONENTS:
        assert c.description.endswith(".") and c.description.count(". ") == 0, c.slug


def test_lookups():
    assert by_slug("model-parameters-final").mot_name == "Model parameters (Final)"
    assert by_mot_name("Model parameters (Final)").slug == "model-parameters-final"
    assert by_mot_name("model card") is None  # MOT matches names exactly
    with pytest.raises(KeyError):
        by_slug("weights")


def test_components_are_frozen():
    with pytest.raises(AttributeError):
        COMPONENTS[0].mof_class = 1
