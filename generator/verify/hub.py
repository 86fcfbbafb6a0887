"""`atlas verify hub`: what the Hugging Face Hub says about every repo the catalog names.

One call per repo (`/api/models/{id}?blobs=true`, or datasets) through huggingface_hub's
HfApi, behind a shared rate limiter.  A 429 pauses every worker for as long as the server's
`RateLimit` or `Retry-After` header says; 5xx answers and network faults are retried with
backoff, then recorded as an error for that repo alone.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx2
from huggingface_hub import HfApi
from huggingface_hub.errors import DisabledRepoError, GatedRepoError, HfHubHTTPError, RepositoryNotFoundError
from huggingface_hub.utils import parse_ratelimit_headers

from .ratelimit import WindowLimiter
from .repos import RepoRef

# File suffix → weight format, as users meet them.
WEIGHT_FORMATS: tuple[tuple[str, str], ...] = (
    (".safetensors", "safetensors"),
    (".gguf", "GGUF"),
    (".bin", "PyTorch bin"),
    (".pt", "PyTorch"),
    (".pth", "PyTorch"),
    (".ckpt", "checkpoint"),
    (".onnx", "ONNX"),
    (".msgpack", "Flax"),
    (".h5", "TensorFlow"),
    (".nemo", "NeMo"),
    (".mlmodel", "Core ML"),
    (".tflite", "TFLite"),
)
RETRYABLE_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class HubSettings:
    endpoint: str | None = None
    token: str | None = None
    concurrency: int = 8
    calls_per_window: int = 500
    window_seconds: float = 300.0
    timeout: float = 20.0
    retries: int = 3
    backoff_seconds: float = 1.0


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def weight_formats(filenames: Iterable[str]) -> list[str]:
    found = {fmt for name in filenames for suffix, fmt in WEIGHT_FORMATS if name.lower().endswith(suffix)}
    return sorted(found)


def _card_licence(info) -> dict:
    card = info.card_data.to_dict() if info.card_data is not None else {}
    tags = [t.split(":", 1)[1] for t in (info.tags or []) if t.startswith("license:")]
    licence = card.get("license")
    if isinstance(licence, list):
        licence = licence[0] if licence else None
    return {"id": licence or (tags[0] if tags else None), "name": card.get("license_name"),
            "link": card.get("license_link"), "tags": tags}


def observe(info) -> dict:
    """The facts we keep from a ModelInfo or DatasetInfo."""
    siblings = info.siblings or []
    sizes = {s.rfilename: s.size for s in siblings if s.size is not None}
    formats = weight_formats(s.rfilename for s in siblings)
    weight_bytes = sum(size for name, size in sizes.items() if weight_formats([name]))
    safetensors = getattr(info, "safetensors", None)
    gated = info.gated if info.gated in ("auto", "manual") else False
    return {
        "outcome": "ok",
        "private": bool(info.private),
        "gated": gated,
        "license": _card_licence(info),
        "formats": formats,
        "weight_bytes": weight_bytes or None,
        "parameters": safetensors.total if safetensors else None,
        "sha": info.sha,
        "last_modified": info.last_modified.isoformat().replace("+00:00", "Z") if info.last_modified else None,
    }


def _wait_from_headers(headers) -> float | None:
    info = parse_ratelimit_headers(headers)
    if info is not None and info.remaining == 0:
        return float(info.reset_in_seconds)
    retry_after = headers.get("Retry-After")
    if retry_after and retry_after.strip().isdigit():
        return float(retry_after)
    return None


class HubChecker:
    def __init__(self, settings: HubSettings, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.api = HfApi(endpoint=settings.endpoint, token=settings.token or False)
        self.limiter = WindowLimiter(settings.calls_per_window, settings.window_seconds)
        self.sleep = sleep
        self.calls = 0

    def fetch(self, ref: RepoRef):
        get = self.api.model_info if ref.kind == "model" else self.api.dataset_info
        return get(ref.repo_id, files_metadata=True, timeout=self.settings.timeout)

    def check(self, ref: RepoRef) -> dict:
        """Never raises: every outcome, errors included, is a record."""
        delay = self.settings.backoff_seconds
        last_error = "no attempt made"
        for attempt in range(self.settings.retries + 1):
            self.limiter.acquire()
            self.calls += 1
            try:
                return {**observe(self.fetch(ref)), "checked_at": now_iso()}
            except GatedRepoError:
                return {"outcome": "restricted", "gated": "unknown", "note": "exists, but the Hub refused its metadata: gated", "checked_at": now_iso()}
            except RepositoryNotFoundError:
                return {"outcome": "missing", "note": "not found, or private", "checked_at": now_iso()}
            except DisabledRepoError:
                return {"outcome": "disabled", "note": "disabled by the Hub", "checked_at": now_iso()}
            except HfHubHTTPError as exc:
                status = exc.response.status_code if exc.response is not None else None
                last_error = f"HTTP {status}" if status else str(exc).splitlines()[0]
                if status not in RETRYABLE_STATUS:
                    break
                wait = _wait_from_headers(exc.response.headers) if status == 429 else None
                if wait is not None:
                    self.limiter.pause(wait)
                    continue
            except (httpx2.TransportError, httpx2.TimeoutException) as exc:
                last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            except ValueError as exc:  # the answer was not the JSON the Hub sends
                last_error = f"unreadable answer: {exc}"
            if attempt < self.settings.retries:
                self.sleep(delay)
                delay *= 2
        return {"outcome": "error", "error": last_error, "checked_at": now_iso()}

    def check_all(self, refs: list[RepoRef]) -> dict[RepoRef, dict]:
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            return dict(zip(refs, pool.map(self.check, refs)))
