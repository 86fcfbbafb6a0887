"""MOT YAML → catalog entry → MOT YAML keeps every component, licence, class and progress."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from generator.mof import classify
from generator.mof.components import COMPONENTS
from generator.mof.convert import to_mot_document
from generator.schema import Model

FIXTURES = Path(__file__).parent / "fixtures"
MOT_SCHEMA = json.loads((FIXTURES / "mof_schema.json").read_text())
CLASS_II_ONLY = {c.mot_name for c in COMPONENTS if c.mof_class >= 2}


def _mot_file(path: Path) -> dict:
    document = {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {
            "name": "Round Trip 7B", "version": "7B", "date": "2025-01-01", "type": "language",
            "architecture": "transformer decoder", "origin": "", "producer": "Test Lab", "contact": "",
            "license": {"distribution": {"name": "Apache-2.0", "path": ""}, "data": {"name": "CC-BY-4.0", "path": ""}},
            "components": [
                {"name": c.mot_name, "description": c.description, "component_path": f"https://example.org/{c.slug}",
                 **({"license": "MIT"} if c.kind == "code" else {})}
                for c in COMPONENTS if c.mot_name in CLASS_II_ONLY
            ],
        },
    }
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return document


def _atlas(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(cwd), *args], capture_output=True, text=True, cwd=cwd)


def test_round_trip_keeps_components_licences_and_class(tmp_path):
    original = _mot_file(tmp_path / "round.yml")
    (tmp_path / "catalog" / "models").mkdir(parents=True)
    result = _atlas("mof", "import", str(tmp_path / "round.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    draft_path = tmp_path / "catalog" / "models" / "round-trip-7b.yaml"
    draft = yaml.safe_load(draft_path.read_text())
    model = Model.model_validate(draft)
    exported = to_mot_document(model)

    def components(doc):
        return {c["name"]: (c.get("component_path"), c.get("license") or None) for c in doc["release"]["components"]}

    assert set(components(exported)) == set(components(original))
    for name, (path, _) in components(original).items():
        assert components(exported)[name][0] == path
    before, after = classify(original), classify(exported)
    assert (before.mof_class, before.progress) == (after.mof_class, after.progress)
    assert before.mof_class == 2 and before.progress[2] == 100.0
    jsonschema.validate(exported, MOT_SCHEMA)


def test_export_command_writes_a_file_mot_accepts(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    result = _atlas("mof", "export", "olmo-2", "--out", str(tmp_path / "olmo-2.yml"), cwd=repo)
    assert result.returncode == 0, result.stderr
    document = yaml.safe_load((tmp_path / "olmo-2.yml").read_text())
    jsonschema.validate(document, MOT_SCHEMA)
    assert document["release"]["name"] == "OLMo 2"


def test_import_refuses_to_overwrite_and_reports_unreadable_files(tmp_path):
    _mot_file(tmp_path / "round.yml")
    (tmp_path / "catalog" / "models").mkdir(parents=True)
    assert _atlas("mof", "import", str(tmp_path / "round.yml"), cwd=tmp_path).returncode == 0
    again = _atlas("mof", "import", str(tmp_path / "round.yml"), cwd=tmp_path)
    assert again.returncode == 1 and "exists; use --force" in again.stderr
    (tmp_path / "broken.yml").write_text("- just\n- a list\n")
    broken = _atlas("mof", "import", str(tmp_path / "broken.yml"), cwd=tmp_path)
    assert broken.returncode == 1 and "broken.yml" in broken.stderr


def test_import_keeps_unrecognised_licences_as_notes(tmp_path):
    document = _mot_file(tmp_path / "odd.yml")
    document["release"]["license"]["distribution"]["name"] = "Apache 2.0"
    (tmp_path / "odd.yml").write_text(yaml.safe_dump(document))
    (tmp_path / "catalog" / "models").mkdir(parents=True)
    assert _atlas("mof", "import", str(tmp_path / "odd.yml"), cwd=tmp_path).returncode == 0
    draft = yaml.safe_load((tmp_path / "catalog" / "models" / "round-trip-7b.yaml").read_text())
    assert draft["license"]["weights"] == "CC-BY-4.0"  # MOT's data licence covers the parameters
    assert draft["license"]["code"] == "unknown"
    assert "'Apache 2.0'" in draft["license"]["note"]
