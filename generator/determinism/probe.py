"""`atlas determinism`: does an OpenAI-compatible endpoint give the same output twice?

The probe sends one chat request N times with the checklist's settings (a fixed seed, temperature 0,
top_k 1, top_p 1, a fixed max_tokens) and N times with sampling left on (temperature 1, no seed), one
request at a time, and compares the outputs byte for byte. It then checks what `seed` does: two
requests with the same seed at temperature 1, and one with another seed.

What can be told from outside, and what cannot:

- Two requests with the same seed at temperature 1 that differ prove that the seed does not make
  sampling repeatable here: the server ignores `seed`, or something else (batching with other
  clients, non-deterministic kernels) changes the numbers. Both are failures of the checklist's first
  item, and the probe says which of the two it cannot tell apart.
- Identical outputs for two different seeds do not prove that `seed` is ignored: a very peaked model
  picks the same tokens whatever the draw, and a server that ignores `temperature` samples nothing.
  The probe reports that as inconclusive, not as an error.
- Identical outputs in N runs are evidence, not proof: another load on the server (other clients'
  requests batched with ours), another version or other hardware may still change them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import requests

SEED = 1234
OTHER_SEED = 4321
DEFAULT_PROMPT = "Write one sentence about the sea."
DEFAULT_MAX_TOKENS = 48
CONTEXT = 24  # characters shown on each side of a difference


class ProbeError(Exception):
    """A one-line reason the probe cannot go on (exit status 2)."""


@dataclass(frozen=True)
class Endpoint:
    base: str  # …/v1

    @classmethod
    def parse(cls, url: str) -> "Endpoint":
        url = url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise ProbeError(f"{url!r} is not an http:// or https:// URL")
        for suffix in ("/chat/completions", "/models"):
            if url.endswith("/v1" + suffix):
                url = url[: -len(suffix)]
        return cls(url if url.endswith("/v1") else url + "/v1")

    @property
    def chat(self) -> str:
        return self.base + "/chat/completions"

    @property
    def models(self) -> str:
        return self.base + "/models"


@dataclass(frozen=True)
class Difference:
    run_a: int  # 1-based run numbers
    run_b: int
    offset: int  # characters in common before the first difference
    byte_offset: int  # the same position in UTF-8 bytes
    context_a: str
    context_b: str


@dataclass
class RunSet:
    label: str
    settings: dict
    outputs: list[str]

    @property
    def identical(self) -> bool:
        return len({o.encode("utf-8") for o in self.outputs}) == 1

    @property
    def distinct(self) -> int:
        return len(set(self.outputs))

    @property
    def difference(self) -> Difference | None:
        return first_difference(self.outputs)


@dataclass
class SeedCheck:
    same_seed_identical: bool
    other_seed_identical: bool
    difference: Difference | None  # between the two same-seed runs, when they differ
    greedy_repeatable: bool = True  # did the checklist's own settings repeat?

    @property
    def verdict(self) -> str:
        if not self.greedy_repeatable:
            return "untestable"  # a server that is not repeatable greedily tells nothing about seed
        if not self.same_seed_identical:
            return "ignored"
        if self.other_seed_identical:
            return "inconclusive"
        return "honoured"


@dataclass
class Report:
    endpoint: Endpoint
    model: str
    prompt: str
    runs: int
    deterministic: RunSet
    sampling: RunSet
    seed: SeedCheck
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.deterministic.identical


def first_difference(outputs: list[str]) -> Difference | None:
    """Where the first output that differs from run 1 departs from it."""
    reference = outputs[0]
    for index, other in enumerate(outputs[1:], start=2):
        if other.encode("utf-8") == reference.encode("utf-8"):
            continue
        offset = 0
        for a, b in zip(reference, other):
            if a != b:
                break
            offset += 1
        return Difference(1, index, offset, len(reference[:offset].encode("utf-8")),
                          _context(reference, offset), _context(other, offset))
    return None


def _context(text: str, offset: int) -> str:
    start = max(0, offset - CONTEXT)
    before, after = text[start:offset], text[offset:offset + CONTEXT]
    shown = json.dumps(before, ensure_ascii=False)[:-1] + "⟨" + json.dumps(after, ensure_ascii=False)[1:]
    return ("…" if start else "") + shown + ("…" if offset + CONTEXT < len(text) else "")


class Client:
    """The few HTTP calls the probe makes, each turned into a ProbeError when it fails."""

    def __init__(self, endpoint: Endpoint, model: str, timeout: float, api_key: str | None = None):
        self.endpoint, self.model, self.timeout = endpoint, model, timeout
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {api_key or 'none'}"
        self.send_top_k = True

    def check_model(self) -> list[str]:
        """The models the endpoint lists; an error when it lists some and not ours."""
        response = self._request("GET", self.endpoint.models, None)
        if response.status_code != 200:
            return []  # not every server has /v1/models; the chat call will tell
        try:
            ids = [str(m.get("id")) for m in response.json().get("data", []) if isinstance(m, dict)]
        except (ValueError, AttributeError):
            return []
        aliases = {i for i in ids} | {i.rsplit("/", 1)[-1] for i in ids}
        if ids and self.model not in aliases:
            raise ProbeError(f"model {self.model!r} is not served at {self.endpoint.base}; it serves: {', '.join(ids)}")
        return ids

    def complete(self, prompt: str, settings: dict) -> str:
        body = {"model": self.model, "messages": [{"role": "user", "content": prompt}], "stream": False, **settings}
        if not self.send_top_k:
            body.pop("top_k", None)
        response = self._request("POST", self.endpoint.chat, body)
        if response.status_code == 400 and "top_k" in body and "top_k" in response.text:
            self.send_top_k = False  # a strict OpenAI-style server that refuses the extra field
            return self.complete(prompt, settings)
        if response.status_code >= 400:
            raise ProbeError(self._error(response, body))
        try:
            choice = response.json()["choices"][0]
            content = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise ProbeError(f"{self.endpoint.chat} answered HTTP {response.status_code} without an OpenAI chat completion in its body") from None
        return content

    def _request(self, method: str, url: str, body: dict | None) -> requests.Response:
        try:
            return self.session.request(method, url, json=body, timeout=self.timeout)
        except requests.exceptions.Timeout:
            raise ProbeError(f"no answer from {url} within {self.timeout:g} s (use --timeout for slow servers)") from None
        except requests.exceptions.ConnectionError as exc:
            raise ProbeError(f"cannot connect to {url}: {_reason(exc)}") from None
        except requests.exceptions.RequestException as exc:
            raise ProbeError(f"request to {url} failed: {_reason(exc)}") from None

    def _error(self, response: requests.Response, body: dict) -> str:
        message = _error_message(response)
        lowered = message.lower()
        names_model = self.model.lower() in lowered and "model" in lowered
        if names_model or ("model" in lowered and ("not found" in lowered or "does not exist" in lowered)):
            return f"model {self.model!r} is not served at {self.endpoint.base} (HTTP {response.status_code}: {message})"
        if response.status_code == 404:
            return f"no OpenAI-compatible chat endpoint at {self.endpoint.chat} (HTTP 404)"
        for key in ("seed", "top_k"):
            if key in body and key in lowered:
                return f"the endpoint refused `{key}` (HTTP {response.status_code}: {message})"
        return f"{self.endpoint.chat} answered HTTP {response.status_code}: {message}"


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host", "timed out"):
        if marker in text:
            return marker.lower()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _error_message(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return " ".join(response.text.split())[:200] or response.reason or "no body"
    error = data.get("error", data) if isinstance(data, dict) else data
    if isinstance(error, dict):
        error = error.get("message") or data.get("message") or json.dumps(error)[:200]
    return " ".join(str(error).split())[:200]


def deterministic_settings(max_tokens: int) -> dict:
    return {"seed": SEED, "temperature": 0, "top_k": 1, "top_p": 1, "max_tokens": max_tokens}


def sampling_settings(max_tokens: int) -> dict:
    return {"temperature": 1, "top_p": 1, "max_tokens": max_tokens}


def probe(url: str, model: str, runs: int = 5, prompt: str = DEFAULT_PROMPT, timeout: float = 60.0,
          max_tokens: int = DEFAULT_MAX_TOKENS, api_key: str | None = None) -> Report:
    if runs < 2:
        raise ProbeError("--runs must be at least 2 to compare anything")
    endpoint = Endpoint.parse(url)
    client = Client(endpoint, model, timeout, api_key)
    client.check_model()
    det_settings = deterministic_settings(max_tokens)
    deterministic = RunSet("deterministic", det_settings, [client.complete(prompt, det_settings) for _ in range(runs)])
    notes = []
    if not client.send_top_k:
        notes.append("the endpoint refused top_k, so the deterministic requests were sent without it")
    samp_settings = sampling_settings(max_tokens)
    sampling = RunSet("sampling", samp_settings, [client.complete(prompt, samp_settings) for _ in range(runs)])
    seeded = {**samp_settings, "seed": SEED}
    same = [client.complete(prompt, seeded) for _ in range(2)]
    other = client.complete(prompt, {**samp_settings, "seed": OTHER_SEED})
    seed = SeedCheck(same[0] == same[1], other == same[0], first_difference(same), deterministic.identical)
    return Report(endpoint, model, prompt, runs, deterministic, sampling, seed, notes)


def _settings_text(settings: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in settings.items())


def _difference_lines(diff: Difference, indent: str = "  ") -> list[str]:
    return [
        f"{indent}first difference: run {diff.run_a} and run {diff.run_b} part at character {diff.offset} (byte {diff.byte_offset})",
        f"{indent}run {diff.run_a}: {diff.context_a}",
        f"{indent}run {diff.run_b}: {diff.context_b}",
    ]


def format_report(report: Report) -> str:
    det, samp, seed = report.deterministic, report.sampling, report.seed
    lines = [
        f"endpoint: {report.endpoint.chat}",
        f"model: {report.model}",
        f"prompt: {json.dumps(report.prompt, ensure_ascii=False)}",
        f"requests: {report.runs} per set, one at a time",
        "",
        f"checklist settings ({_settings_text(det.settings)}):",
    ]
    if det.identical:
        lines.append(f"  IDENTICAL: {report.runs} of {report.runs} outputs byte-identical ({len(det.outputs[0].encode('utf-8'))} bytes)")
    else:
        lines.append(f"  DIFFERENT: {det.distinct} distinct outputs in {report.runs} runs")
        lines += _difference_lines(det.difference)
    lines += ["", f"sampling on ({_settings_text(samp.settings)}, no seed):"]
    if samp.identical:
        lines.append(f"  IDENTICAL: {report.runs} of {report.runs} outputs byte-identical: the endpoint may ignore temperature, or the model is very sure of its answer")
    else:
        lines.append(f"  DIFFERENT: {samp.distinct} distinct outputs in {report.runs} runs, as sampling should give")
        lines += _difference_lines(samp.difference)
    lines += ["", f"seed (temperature 1, seed {SEED} twice, then seed {OTHER_SEED}):"]
    if seed.verdict == "untestable":
        lines.append("  UNTESTABLE: the checklist's settings already gave different outputs, so what seed does cannot be told apart")
    elif seed.verdict == "ignored":
        lines.append("  IGNORED: the same seed gave different outputs (the endpoint ignores seed, or batching or kernels change the numbers)")
        lines += _difference_lines(seed.difference)
    elif seed.verdict == "inconclusive":
        lines.append("  INCONCLUSIVE: both seeds gave the same output, so it cannot be told whether the seed is used")
    else:
        lines.append("  HONOURED: the same seed repeated its output and another seed changed it")
    for note in report.notes:
        lines.append(f"note: {note}")
    lines += ["", "verdict: " + (
        "deterministic with the checklist's settings, for these runs on this server as it is now"
        if report.passed else
        "NOT deterministic with the checklist's settings: see the first difference above"
    )]
    return "\n".join(lines)
