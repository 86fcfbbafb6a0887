"""`atlas verify hub` against a stand-in Hub on 127.0.0.1, through the real HfApi."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .hub_standin import HubStandIn
from .projects import atlas, make_project, model_yaml

FAST = ["--retries", "2", "--backoff", "0.05", "--timeout", "1"]


def _status(root):
    return json.loads((root / "status" / "hub.json").read_text())


@pytest.fixture
def hub():
    with HubStandIn() as standin:
        yield standin


def test_matching_repo_has_no_drift_and_records_facts(tmp_path, hub):
    hub.add("org/good", parameters=7_000_000_000)
    make_project(tmp_path, {"good": model_yaml("Good", [{"id": "v", "hub": "org/good", "parameters": "7B"}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked 1 repos" in result.stdout and "1 ok" in result.stdout and "0 drifts" in result.stdout
    record = _status(tmp_path)["repos"]["model:org/good"]
    assert record["outcome"] == "ok" and record["formats"] == ["safetensors"] and record["parameters"] == 7_000_000_000
    assert record["sha"] == "a" * 40 and record["last_modified"].startswith("2025-03-01") and record["checked_at"]
    assert record["used_by"] == [["models", "good", "v"]]
    assert hub.requests[0]["query"].get("blobs") == ["True"] or hub.requests[0]["query"].get("blobs") == ["true"]


@pytest.mark.parametrize("hub_fields, entry_variant, field, hub_says", [
    (dict(licence="mit"), {}, "license", "MIT"),
    (dict(licence=None), {}, "license", "no licence stated"),
    (dict(licence="other", licence_name="mystery-licence"), {}, "license", "other mystery-licence (not in our licence registry)"),
    (dict(gated="manual"), {}, "gating", "manual"),
    (dict(parameters=9_000_000_000), {"parameters": "7B"}, "parameters", "9,000,000,000"),
    (dict(files={"README.md": 10}), {}, "weights", "no weight files"),
])
def test_drift_is_reported_with_both_sides(tmp_path, hub, hub_fields, entry_variant, field, hub_says):
    hub.add("org/drifty", **hub_fields)
    make_project(tmp_path, {"drifty": model_yaml("Drifty", [{"id": "v", "hub": "org/drifty", **entry_variant}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 1
    assert f"models/drifty (v): {field}:" in result.stdout
    assert f"Hub says {hub_says!r}" in result.stdout
    assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--fail-on", "never", *FAST).returncode == 0
    assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--fail-on", "error", *FAST).returncode == 0


def test_hub_licence_ids_map_through_the_registry(tmp_path, hub):
    hub.add("org/llama", licence="llama3.1")
    licence = ("name: L\nsummary: A licence.\nurl: https://example.org/l\nhub_ids: [llama3.1]\n"
               "terms: {commercial_use: yes, field_of_use_restrictions: false, attribution_required: true, derivatives: yes, redistribution: yes}\n"
               "sources: [{url: 'https://example.org/l'}]\nadded: 2025-01-01\n")
    make_project(tmp_path, {"llama": model_yaml("Llama", [{"id": "v", "hub": "org/llama"}], weights="LicenseRef-llama")},
                 licences={"llama": licence})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("behaviour, outcome, drifted", [
    ("missing", "missing", True),
    ("private", "missing", True),
    ("disabled", "disabled", True),
    ("gated401", "restricted", False),
])
def test_repo_outcomes(tmp_path, hub, behaviour, outcome, drifted):
    hub.add("org/odd", behaviour)
    make_project(tmp_path, {"odd": model_yaml("Odd", [{"id": "v", "hub": "org/odd"}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--fail-on", "never", *FAST)
    assert result.returncode == 0
    assert _status(tmp_path)["repos"]["model:org/odd"]["outcome"] == outcome
    assert ("drift: model:org/odd" in result.stdout) is drifted
    assert hub.hits("org/odd") == 1  # a definite answer is never retried


def test_rate_limit_pauses_for_as_long_as_the_server_says(tmp_path, hub):
    hub.retry_after = 2
    hub.add("org/limited", "ratelimited")
    hub.add("org/other")
    make_project(tmp_path, {"a": model_yaml("A", [{"id": "v", "hub": "org/limited"}, {"id": "w", "hub": "org/other"}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--concurrency", "1", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    limited = [r["at"] for r in hub.requests if r["path"].endswith("org/limited")]
    assert len(limited) == 2 and limited[1] - limited[0] >= 2.0


def test_client_side_limit_spaces_the_calls(tmp_path, hub):
    for i in range(6):
        hub.add(f"org/m{i}")
    make_project(tmp_path, {"many": model_yaml("Many", [{"id": f"v{i}", "hub": f"org/m{i}"} for i in range(6)])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--rate-limit", "3/1", *FAST)
    assert result.returncode == 0, result.stderr
    times = sorted(r["at"] for r in hub.requests)
    assert len(times) == 6 and times[-1] - times[0] >= 0.5  # the second three waited for the window


@pytest.mark.parametrize("calls, window, starts, expected_waits", [
    (3, 1.0, 6, [0, 0, 0, 1.0, 1.0, 1.0]),
    (2, 10.0, 5, [0, 0, 10.0, 10.0, 20.0]),
])
def test_window_limiter_never_lets_more_than_its_budget_start(calls, window, starts, expected_waits):
    from generator.verify.ratelimit import WindowLimiter

    now = [0.0]
    limiter = WindowLimiter(calls, window, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    started = []
    for _ in range(starts):
        limiter.acquire()
        started.append(now[0])
    assert started == pytest.approx(expected_waits)
    assert all(sum(1 for t in started if s <= t < s + window) <= calls for s in started)


def test_window_limiter_pause_holds_every_caller():
    from generator.verify.ratelimit import WindowLimiter

    now = [0.0]
    limiter = WindowLimiter(100, 1.0, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    limiter.acquire()
    limiter.pause(7.0)
    limiter.acquire()
    assert now[0] == pytest.approx(7.0)


def test_server_errors_are_retried_then_recorded_for_that_repo_only(tmp_path, hub):
    hub.add("org/broken", "error500")
    hub.add("org/flaky", "flaky")
    hub.add("org/fine")
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/broken"}, {"id": "b", "hub": "org/flaky"}, {"id": "c", "hub": "org/fine"}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 1
    repos = _status(tmp_path)["repos"]
    assert repos["model:org/broken"]["outcome"] == "error" and repos["model:org/broken"]["error"] == "HTTP 500"
    assert repos["model:org/flaky"]["outcome"] == "ok" and repos["model:org/fine"]["outcome"] == "ok"
    assert hub.hits("org/broken") == 3 and hub.hits("org/flaky") == 2
    assert "error: model:org/broken: HTTP 500" in result.stderr
    assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--fail-on", "never", *FAST).returncode == 0


@pytest.mark.parametrize("behaviour, error_words", [("slow", "Timeout"), ("garbage", "unreadable answer")])
def test_slow_and_garbage_answers_become_errors(tmp_path, hub, behaviour, error_words):
    hub.slow_seconds = 2.5
    hub.add("org/bad", behaviour)
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/bad"}])})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, "--fail-on", "error", *FAST)
    assert result.returncode == 1
    assert error_words in _status(tmp_path)["repos"]["model:org/bad"]["error"]


def test_an_error_keeps_the_previous_good_facts(tmp_path, hub):
    hub.add("org/repo")
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/repo"}])})
    assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST).returncode == 0
    hub.repos[("model", "org/repo")].behaviour = "error500"
    atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    record = _status(tmp_path)["repos"]["model:org/repo"]
    assert record["outcome"] == "ok" and record["formats"] == ["safetensors"]
    assert record["last_error"]["error"] == "HTTP 500"


def test_token_is_sent_and_never_printed(tmp_path, hub):
    hub.add("org/private-ish")
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/private-ish"}])})
    secret = "hf_secretTOKENvalue123"
    result = atlas(tmp_path, "verify", "hub", *FAST, env={"HF_TOKEN": secret, "HF_ENDPOINT": hub.url})
    assert result.returncode == 0, result.stderr
    assert hub.requests[0]["authorization"] == f"Bearer {secret}"
    assert secret not in result.stdout + result.stderr + (tmp_path / "status" / "hub.json").read_text()


def test_datasets_are_checked_too(tmp_path, hub):
    hub.add("org/data", kind="dataset", licence="odc-by")
    dataset = ("name: D\nsummary: A dataset.\norganization: O\nmodality: [text]\nlicense: ODC-By-1.0\navailability: available\n"
               "hub: org/data\nsources: [{url: 'https://example.org/d'}]\nadded: 2025-01-01\n")
    make_project(tmp_path, {}, datasets={"d": dataset})
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _status(tmp_path)["repos"]["dataset:org/data"]["outcome"] == "ok"
    assert any(r["path"] == "/api/datasets/org/data" for r in hub.requests)


def test_a_run_killed_halfway_leaves_the_previous_status_intact(tmp_path, hub):
    hub.add("org/a")
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/a"}])})
    assert atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST).returncode == 0
    before = (tmp_path / "status" / "hub.json").read_text()
    hub.latency = 5
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tmp_path), "verify", "hub", "--endpoint", hub.url],
                               env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while len(hub.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (tmp_path / "status" / "hub.json").read_text() == before
    assert not [p for p in (tmp_path / "status").iterdir() if p.name != "hub.json"]  # no half-written file left behind


def test_a_corrupt_status_file_is_reported_and_replaced(tmp_path, hub):
    hub.add("org/a")
    make_project(tmp_path, {"m": model_yaml("M", [{"id": "a", "hub": "org/a"}])})
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "hub.json").write_text("{not json")
    result = atlas(tmp_path, "verify", "hub", "--endpoint", hub.url, *FAST)
    assert result.returncode == 0
    assert "ignoring" in result.stderr and "not readable JSON" in result.stderr
    assert _status(tmp_path)["repos"]["model:org/a"]["outcome"] == "ok"
