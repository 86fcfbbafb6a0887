"""A stand-in for the Hugging Face Hub's API on 127.0.0.1, answering as the Hub does.

Each repo has a behaviour: `ok` (the JSON the Hub returns for /api/models/{id}?blobs=true),
`missing` (404, X-Error-Code: RepoNotFound), `private` (401, RepoNotFound), `gated401`
(401, X-Error-Code: GatedRepo), `disabled` (403, X-Error-Message: Access to this resource is
disabled.), `ratelimited` (429 with RateLimit and Retry-After headers, then ok), `error500`,
`flaky` (500 once, then ok), `slow` (answers after `slow_seconds`), `garbage` (200, not JSON).

A repo may also have a card: `add(..., card="---\nlicense: mit\n---\n# Text")` serves it as README.md at
`/{repo}/resolve/{revision}/README.md` (datasets under `/datasets/`), answering HEAD and GET with the
headers huggingface_hub's `hf_hub_download` needs (X-Repo-Commit, ETag, Content-Length); those
requests are kept in `file_requests`, apart from the API's `requests`.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse


def model_json(repo_id: str, licence: str | None = "apache-2.0", gated: object = False, parameters: int | None = 7_000_000_000,
               files: dict[str, int] | None = None, licence_name: str | None = None, kind: str = "model",
               card_data: dict | None = None, extra: dict | None = None) -> dict:
    files = {"config.json": 700, "model-00001-of-00002.safetensors": 4_900_000_000,
             "model-00002-of-00002.safetensors": 4_800_000_000} if files is None else files
    card = {"license": licence} if licence else {}
    if licence_name:
        card["license_name"] = licence_name
    card.update(card_data or {})
    body = {
        "_id": "0" * 24, "id": repo_id, "author": repo_id.split("/")[0], "sha": "a" * 40,
        "lastModified": "2025-03-01T12:00:00.000Z", "createdAt": "2024-11-01T12:00:00.000Z",
        "private": False, "disabled": False, "gated": gated, "downloads": 10, "likes": 1,
        "tags": [f"license:{licence}"] if licence else [],
        "cardData": card,
        "siblings": [{"rfilename": name, "size": size, "blobId": "b" * 40} for name, size in files.items()],
    }
    if kind == "model":
        body["modelId"] = repo_id
        body["pipeline_tag"] = "text-generation"
        if parameters:
            body["safetensors"] = {"parameters": {"BF16": parameters}, "total": parameters}
    body.update(extra or {})
    return body


@dataclass
class Repo:
    behaviour: str = "ok"
    body: dict = field(default_factory=dict)
    hits: int = 0
    card: str | None = None


class HubStandIn:
    def __init__(self, latency: float = 0.0, slow_seconds: float = 3.0, retry_after: int = 1):
        self.repos: dict[tuple[str, str], Repo] = {}
        self.latency, self.slow_seconds, self.retry_after = latency, slow_seconds, retry_after
        self.requests: list[dict] = []
        self.file_requests: list[dict] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, repo_id: str, behaviour: str = "ok", kind: str = "model", card: str | None = None, **body) -> None:
        self.repos[(kind, repo_id)] = Repo(behaviour, model_json(repo_id, kind=kind, **body), card=card)

    def hits(self, repo_id: str, kind: str = "model") -> int:
        return self.repos[(kind, repo_id)].hits

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                with standin.lock:
                    standin.in_flight += 1
                    standin.max_in_flight = max(standin.max_in_flight, standin.in_flight)
                try:
                    self._answer()
                finally:
                    with standin.lock:
                        standin.in_flight -= 1

            def do_HEAD(self):
                self._file(head=True)

            def _answer(self):
                parsed = urlparse(self.path)
                parts = unquote(parsed.path).strip("/").split("/")
                if parts[:1] != ["api"] and "resolve" in parts:
                    return self._file(head=False)
                if len(parts) != 4 or parts[0] != "api" or parts[1] not in ("models", "datasets"):
                    # huggingface_hub also asks for other things (its agent registry): not ours to count.
                    return self._send(404, {"error": "Not Found"})
                with standin.lock:
                    standin.requests.append({"path": parsed.path, "query": parse_qs(parsed.query),
                                             "authorization": self.headers.get("Authorization"), "at": time.monotonic()})
                if standin.latency:
                    time.sleep(standin.latency)
                kind = "model" if parts[1] == "models" else "dataset"
                repo = standin.repos.get((kind, f"{parts[2]}/{parts[3]}"))
                if repo is None:
                    return self._send(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                with standin.lock:
                    repo.hits += 1
                    hits = repo.hits
                b = repo.behaviour
                if b == "missing":
                    return self._send(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                if b == "private":
                    return self._send(401, {"error": "Invalid username or password."}, {"X-Error-Code": "RepoNotFound"})
                if b == "gated401":
                    return self._send(401, {"error": "Access to model is restricted."}, {"X-Error-Code": "GatedRepo"})
                if b == "disabled":
                    return self._send(403, {"error": "Access to this resource is disabled."},
                                      {"X-Error-Message": "Access to this resource is disabled."})
                if b == "ratelimited" and hits == 1:
                    return self._send(429, {"error": "Too many requests"}, {
                        "RateLimit": f'"api";r=0;t={standin.retry_after}',
                        "RateLimit-Policy": '"fixed window";"api";q=500;w=300',
                        "Retry-After": str(standin.retry_after)})
                if b == "error500" or (b == "flaky" and hits == 1):
                    return self._send(500, {"error": "Internal Error"})
                if b == "slow":
                    time.sleep(standin.slow_seconds)
                if b == "garbage":
                    return self._send_raw(200, b"<html>we are down</html>", "text/html")
                return self._send(200, repo.body)

            def _file(self, head: bool):
                """/{org}/{name}/resolve/{revision}/README.md, or /datasets/… : the repo's card."""
                parsed = urlparse(self.path)
                parts = unquote(parsed.path).strip("/").split("/")
                kind = "dataset" if parts[:1] == ["datasets"] else "model"
                parts = parts[1:] if kind == "dataset" else parts
                with standin.lock:
                    standin.file_requests.append({"path": parsed.path, "method": "HEAD" if head else "GET",
                                                  "authorization": self.headers.get("Authorization")})
                if len(parts) != 5 or parts[2] != "resolve":
                    return self._send(404, {"error": "Not Found"}, head=head)
                repo = standin.repos.get((kind, f"{parts[0]}/{parts[1]}"))
                if repo is None or repo.behaviour in ("missing", "private"):
                    return self._send(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"}, head=head)
                if repo.behaviour == "gated401":
                    return self._send(401, {"error": "Access to model is restricted."}, {"X-Error-Code": "GatedRepo"}, head=head)
                commit = repo.body.get("sha", "a" * 40)
                if parts[4] != "README.md" or repo.card is None:
                    return self._send(404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": commit},
                                      head=head)
                payload = repo.card.encode()
                etag = '"' + hashlib.sha256(payload).hexdigest() + '"'
                self._send_raw(200, payload, "text/plain; charset=utf-8", {"X-Repo-Commit": commit, "ETag": etag}, head=head)

            def _send(self, status: int, body: dict, headers: dict | None = None, head: bool = False):
                self._send_raw(status, json.dumps(body).encode(), "application/json", headers, head=head)

            def _send_raw(self, status, payload: bytes, content_type: str, headers: dict | None = None, head: bool = False):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    if not head:
                        self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
