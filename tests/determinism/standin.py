"""A tiny OpenAI-compatible chat server on 127.0.0.1 whose (non)determinism the tests choose.

Behaviours:
- ``deterministic``: greedy at temperature 0; sampling draws from a generator seeded by the
  request's `seed` (or from fresh entropy without one), as a well-behaved server does.
- ``nondeterministic``: even greedy requests differ (a counter leaks into the output), like a
  server whose batching changes the numbers.
- ``ignores-seed``: greedy at temperature 0, but sampling never looks at `seed`.
- ``ignores-temperature``: always the greedy answer, whatever is asked.

Options: the served model name, whether `/v1/models` exists, whether `top_k` is refused (as a
strict OpenAI-style server does), and a 404 naming the model for any other model name.
"""
from __future__ import annotations

import json
import os
import random
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = "the sea is wide and blue under a grey sky where gulls call over cold waves and salt".split()
GREEDY = "The sea is wide and blue under a grey sky."


@dataclass
class StandIn:
    behaviour: str = "deterministic"
    model: str = "standin-model"
    models_route: bool = True
    refuse_top_k: bool = False
    requests: list[dict] = field(default_factory=list)
    counter: int = 0

    def answer(self, body: dict) -> str:
        temperature = body.get("temperature", 1.0)
        max_tokens = int(body.get("max_tokens", 16))
        if self.behaviour == "nondeterministic":
            self.counter += 1
            return f"{GREEDY} Run {self.counter}."
        if temperature == 0 or self.behaviour == "ignores-temperature":
            return GREEDY
        if self.behaviour == "ignores-seed" or "seed" not in body:
            rng = random.Random(os.urandom(16))
        else:
            rng = random.Random(int(body["seed"]))
        return " ".join(rng.choice(WORDS) for _ in range(max_tokens))


def _handler(state: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/v1/models" and state.models_route:
                self._send(200, {"object": "list", "data": [{"id": state.model, "object": "model"}]})
            else:
                self._send(404, {"error": {"message": f"route {self.path} not found", "code": 404}})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path != "/v1/chat/completions":
                self._send(404, {"error": {"message": f"route {self.path} not found"}})
                return
            state.requests.append(body)
            if body.get("model") != state.model:
                self._send(404, {"error": {"message": f"The model `{body.get('model')}` does not exist.", "type": "NotFoundError"}})
                return
            if state.refuse_top_k and "top_k" in body:
                self._send(400, {"error": {"message": "Unrecognized request argument supplied: top_k", "type": "invalid_request_error"}})
                return
            content = state.answer(body)
            self._send(200, {
                "id": "chatcmpl-standin", "object": "chat.completion", "model": state.model,
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            })

    return Handler


class Server:
    """`with Server(StandIn(...)) as server:` → server.url is http://127.0.0.1:<port>."""

    def __init__(self, state: StandIn):
        self.state = state
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
