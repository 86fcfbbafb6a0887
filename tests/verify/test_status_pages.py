"""What the nightly check found shows on entry pages and on the drift page."""
import re

from .hub_standin import HubStandIn
from .projects import atlas, make_project, model_yaml

FAST = ["--retries", "1", "--backoff", "0.05", "--timeout", "2", "--fail-on", "never"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_status_lines_and_drift_page(tmp_path):
    with HubStandIn() as hub:
        hub.add("org/fine", files={"model.safetensors": 10, "model-q4.gguf": 5}, gated="manual")
        hub.add("org/wrong", licence="mit")
        make_project(tmp_path, {
            "fine": model_yaml("Fine", [{"id": "v", "hub": "org/fine"}], gating="manual"),
            "wrong": model_yaml("Wrong", [{"id": "v", "hub": "org/wrong"}]),
        })
        assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST).returncode == 0
    build = atlas(tmp_path, "build")
    assert build.returncode == 0, build.stderr
    fine = _text((tmp_path / "site/models/fine/index.html").read_text())
    assert "Hub: licence matches, weights available in GGUF and safetensors, gated (manual approval); checked 20" in fine
    wrong = _text((tmp_path / "site/models/wrong/index.html").read_text())
    assert "Drift:" in wrong and "licence differs (Hub says MIT)" in wrong
    drift = _text((tmp_path / "site/drift/index.html").read_text())
    assert "org/wrong" in drift and "Apache-2.0" in drift and "MIT" in drift
    assert "org/fine" not in drift


def test_a_corrupt_status_file_does_not_stop_the_build(tmp_path):
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "v", "hub": "org/m"}])})
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "hub.json").write_bytes(b"\x00\xffgarbage")
    build = atlas(tmp_path, "build")
    assert build.returncode == 0, build.stderr
    assert "warning: ignoring" in build.stderr
    assert "Not checked against the Hugging Face Hub yet" in _text((tmp_path / "site/models/m/index.html").read_text())
