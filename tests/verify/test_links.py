"""`atlas verify links` with the real lychee binary against loopback routes."""
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import threading

import pytest

from .projects import atlas, make_project


class Routes(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
            self.end_headers()
            return
        self.do_GET()

    def do_GET(self):
        self.server.hits.append(self.path)
        routes = {"/ok": 200, "/no-head": 200, "/gone": 404, "/limited": 429, "/forbidden": 403, "/flaky": self.server.flaky_status}
        if self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(4)
        status = routes.get(self.path, 200 if self.path == "/slow" else 500)
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Length", "2")
        self.end_headers()
        try:
            self.wfile.write(b"ok")
        except BrokenPipeError:  # lychee gave up on /slow first, as it should
            pass


@pytest.fixture
def web():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Routes)
    server.hits, server.flaky_status = [], 500
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def _dataset(urls: list[str]) -> str:
    sources = "\n".join(f"  - url: {u}" for u in urls)
    return ("name: D\nsummary: A dataset.\norganization: O\nmodality: [text]\nlicense: MIT\navailability: available\n"
            f"sources:\n{sources}\nadded: 2025-01-01\n")


FAST = ["--timeout", "2", "--host-interval", "10ms", "--failures-before-broken", "2"]


def _links(root):
    return json.loads((root / "status" / "links.json").read_text())["links"]


def test_each_kind_of_answer_is_judged(tmp_path, web):
    base = f"http://127.0.0.1:{web.server_address[1]}"
    paths = ["/ok", "/redirect", "/no-head", "/gone", "/limited", "/forbidden", "/slow"]
    make_project(tmp_path, {}, datasets={"d": _dataset([base + p for p in paths] + ["https://huggingface.co/org/model"])})
    result = atlas(tmp_path, "verify", "links", *FAST, timeout=180)
    links = _links(tmp_path)
    state = {url.removeprefix(base): record["state"] for url, record in links.items()}
    assert state["/ok"] == state["/redirect"] == state["/no-head"] == "ok"
    assert state["/limited"] == state["/forbidden"] == "unverifiable"
    assert state["/gone"] == "failing" and state["/slow"] == "failing"  # one failure is not enough
    assert state["https://huggingface.co/org/model"] == "skipped"
    assert links[base + "/gone"]["used_by"] == [["datasets", "d"]]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 Hub repos skipped" in result.stdout and "2 failing" in result.stdout


def test_broken_only_after_consecutive_failures_and_a_success_resets(tmp_path, web):
    base = f"http://127.0.0.1:{web.server_address[1]}"
    make_project(tmp_path, {}, datasets={"d": _dataset([base + "/flaky", base + "/gone"])})
    first = atlas(tmp_path, "verify", "links", *FAST, timeout=120)
    assert first.returncode == 0 and _links(tmp_path)[base + "/gone"]["consecutive_failures"] == 1
    second = atlas(tmp_path, "verify", "links", *FAST, timeout=120)
    assert second.returncode == 1
    assert f"broken: {base}/gone (Rejected status code: 404" in second.stdout
    assert _links(tmp_path)[base + "/flaky"]["state"] == "broken"
    web.flaky_status = 200
    third = atlas(tmp_path, "verify", "links", *FAST, "--fail-on", "never", timeout=120)
    assert third.returncode == 0
    assert _links(tmp_path)[base + "/flaky"] == {**_links(tmp_path)[base + "/flaky"], "state": "ok", "consecutive_failures": 0}


def test_policy_excludes_with_a_reason(tmp_path, web):
    base = f"http://127.0.0.1:{web.server_address[1]}"
    make_project(tmp_path, {}, datasets={"d": _dataset([base + "/gone", base + "/ok"])})
    (tmp_path / "links-policy.yaml").write_text(f"exclude:\n  - pattern: '/gone$'\n    reason: Known to block automated checks.\n")
    result = atlas(tmp_path, "verify", "links", *FAST, timeout=120)
    assert result.returncode == 0, result.stderr
    assert _links(tmp_path)[base + "/gone"] == {"state": "excluded", "reason": "Known to block automated checks.", "used_by": [["datasets", "d"]]}
    assert "/gone" not in web.hits
    (tmp_path / "links-policy.yaml").write_text("exclude:\n  - pattern: 'x'\n")
    bad = atlas(tmp_path, "verify", "links", *FAST, timeout=60)
    assert bad.returncode != 0 and "links-policy.yaml: not a valid link policy" in bad.stderr
