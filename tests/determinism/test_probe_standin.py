"""`atlas determinism` against a stand-in OpenAI-compatible server whose behaviour each test picks."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.determinism.probe import (DEFAULT_MAX_TOKENS, SEED, Endpoint, ProbeError, first_difference)

from .standin import GREEDY, Server, StandIn

REPO = Path(__file__).resolve().parents[2]


def run(capsys, url: str, *extra: str, model: str = "standin-model") -> tuple[int, str, str]:
    code = main(["determinism", "--endpoint", url, "--model", model, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line error, got: {err!r}"
    assert lines[0].startswith("atlas determinism: ")
    return lines[0]


def test_deterministic_server_passes_and_the_requests_carry_the_checklist(capsys):
    state = StandIn("deterministic")
    with Server(state) as server:
        code, out, err = run(capsys, server.url)
    assert code == 0, out + err
    assert err == ""
    assert f"endpoint: {server.url}/v1/chat/completions" in out
    assert f"IDENTICAL: 5 of 5 outputs byte-identical ({len(GREEDY)} bytes)" in out
    assert "DIFFERENT: " in out.split("sampling on")[1].split("seed (")[0]
    assert "HONOURED: the same seed repeated its output and another seed changed it" in out
    assert out.rstrip().endswith("verdict: deterministic with the checklist's settings, for these runs on this server as it is now")
    checklist, sampling, seeded = state.requests[:5], state.requests[5:10], state.requests[10:]
    for body in checklist:
        assert {k: body[k] for k in ("seed", "temperature", "top_k", "top_p", "max_tokens")} == {
            "seed": SEED, "temperature": 0, "top_k": 1, "top_p": 1, "max_tokens": DEFAULT_MAX_TOKENS}
        assert body["stream"] is False and body["messages"][0]["role"] == "user"
    for body in sampling:
        assert body["temperature"] == 1 and "seed" not in body and "top_k" not in body
    assert [b["seed"] for b in seeded] == [SEED, SEED, 4321]
    assert len({b["messages"][0]["content"] for b in state.requests}) == 1


def test_a_nondeterministic_server_fails_with_the_first_difference_located(capsys):
    with Server(StandIn("nondeterministic")) as server:
        code, out, err = run(capsys, server.url, "--runs", "3")
    assert code == 1
    block = out.split("checklist settings")[1].split("sampling on")[0]
    assert "DIFFERENT: 3 distinct outputs in 3 runs" in block
    offset = len(GREEDY) + len(" Run ")
    assert f"first difference: run 1 and run 2 part at character {offset} (byte {offset})" in block
    assert 'run 1: …"e under a grey sky. Run ⟨1."' in block
    assert 'run 2: …"e under a grey sky. Run ⟨2."' in block
    assert "verdict: NOT deterministic" in out


def test_a_server_that_ignores_seed_is_an_error_after_the_report(capsys):
    with Server(StandIn("ignores-seed")) as server:
        code, out, err = run(capsys, server.url)
    assert code == 2
    assert "IGNORED: the same seed gave different outputs" in out
    line = one_line(err)
    assert "the endpoint ignores `seed`" in line and f"seed {SEED} twice at temperature 1" in line


def test_a_server_that_ignores_temperature_makes_the_seed_check_inconclusive(capsys):
    with Server(StandIn("ignores-temperature")) as server:
        code, out, err = run(capsys, server.url)
    assert code == 0 and err == ""
    sampling = out.split("sampling on")[1].split("seed (")[0]
    assert "IDENTICAL: 5 of 5 outputs byte-identical: the endpoint may ignore temperature" in sampling
    assert "INCONCLUSIVE: both seeds gave the same output" in out


def test_a_wrong_model_name_is_caught_from_the_model_list(capsys):
    state = StandIn()
    with Server(state) as server:
        code, out, err = run(capsys, server.url + "/v1", model="no-such-model")
    assert code == 2 and out == ""
    line = one_line(err)
    assert f"model 'no-such-model' is not served at {server.url}/v1; it serves: standin-model" in line
    assert state.requests == []


def test_a_wrong_model_name_is_caught_from_a_404_naming_it(capsys):
    with Server(StandIn(models_route=False)) as server:
        code, out, err = run(capsys, server.url, model="no-such-model")
    assert code == 2 and out == ""
    line = one_line(err)
    assert "model 'no-such-model' is not served" in line
    assert "HTTP 404: The model `no-such-model` does not exist." in line


def test_a_dead_endpoint_is_a_one_line_error(capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, out, err = run(capsys, f"http://127.0.0.1:{port}")
    assert code == 2 and out == ""
    assert f"cannot connect to http://127.0.0.1:{port}/v1/models: connection refused" in one_line(err)


def test_a_server_that_never_answers_times_out(capsys):
    with socket.socket() as sock:  # listens, but nobody ever reads the request
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        port = sock.getsockname()[1]
        code, out, err = run(capsys, f"http://127.0.0.1:{port}", "--timeout", "0.5")
    assert code == 2
    assert "no answer from" in one_line(err) and "within 0.5 s" in err


def test_a_server_that_refuses_top_k_gets_requests_without_it(capsys):
    state = StandIn(refuse_top_k=True)
    with Server(state) as server:
        code, out, err = run(capsys, server.url)
    assert code == 0, out + err
    assert "note: the endpoint refused top_k, so the deterministic requests were sent without it" in out
    assert "top_k" in state.requests[0] and all("top_k" not in b for b in state.requests[1:])


def test_runs_below_two_are_refused(capsys):
    code, out, err = run(capsys, "http://127.0.0.1:9", "--runs", "1")
    assert code == 2 and "--runs must be at least 2" in one_line(err)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/",
    "http://127.0.0.1:8080/v1/chat/completions", " http://127.0.0.1:8080/v1/models ",
])
def test_endpoint_urls_with_or_without_v1_reach_the_same_routes(url):
    endpoint = Endpoint.parse(url)
    assert endpoint.chat == "http://127.0.0.1:8080/v1/chat/completions"
    assert endpoint.models == "http://127.0.0.1:8080/v1/models"


def test_an_endpoint_must_be_an_http_url():
    with pytest.raises(ProbeError, match="is not an http"):
        Endpoint.parse("127.0.0.1:8080")


def test_first_difference_counts_characters_and_bytes():
    diff = first_difference(["mañana sí", "mañana no", "mañana sí"])
    assert (diff.run_a, diff.run_b, diff.offset, diff.byte_offset) == (1, 2, 7, 8)
    assert diff.context_a == '"mañana ⟨sí"' and diff.context_b == '"mañana ⟨no"'
    assert first_difference(["same", "same"]) is None
    prefix = first_difference(["abc", "abcd"])
    assert (prefix.offset, prefix.context_a, prefix.context_b) == (3, '"abc⟨"', '"abc⟨d"')


def test_the_command_is_wired_into_atlas(tmp_path):
    with Server(StandIn()) as server:
        result = subprocess.run([sys.executable, "-m", "generator", "determinism", "--endpoint", server.url,
                                 "--model", "standin-model", "--runs", "2"], capture_output=True, text=True, cwd=REPO,
                                timeout=120)
    assert result.returncode == 0, result.stderr
    assert "IDENTICAL: 2 of 2" in result.stdout


def test_when_greedy_output_already_varies_the_seed_is_not_blamed(capsys):
    with Server(StandIn("nondeterministic")) as server:
        code, out, err = run(capsys, server.url, "--runs", "2")
    assert code == 1 and err == ""
    assert "UNTESTABLE: the checklist's settings already gave different outputs" in out
