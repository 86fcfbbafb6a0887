"""Read one repo from the Hugging Face Hub: its API answer and its card (README.md), through huggingface_hub.

Both go to the same endpoint (`--endpoint`, else HF_ENDPOINT, else the public Hub), with HF_TOKEN
when it is set. The card is read at the commit the API answered with, so both describe one state.

`ModelCard.load(repo_id)` takes no endpoint: it downloads through the module-level endpoint that
huggingface_hub reads from HF_ENDPOINT once, at import. So the card is fetched with
`hf_hub_download(..., endpoint=...)` into a throw-away cache and parsed with `ModelCard(text)`.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx2
import yaml
from huggingface_hub import DatasetCard, HfApi, ModelCard, hf_hub_download
from huggingface_hub.errors import (EntryNotFoundError, GatedRepoError, HfHubHTTPError, LocalEntryNotFoundError,
                                   RepositoryNotFoundError)


class HubReadError(Exception):
    """The repo could not be read; the message says why, for the contributor."""


@dataclass(frozen=True)
class HubRepo:
    repo_id: str
    kind: str  # model | dataset
    endpoint: str
    info: object  # ModelInfo or DatasetInfo
    card_data: dict
    card_text: str | None  # the card's Markdown body; None when the repo has no README.md
    card_problem: str | None  # why the card could not be read, if it could not

    @property
    def page_url(self) -> str:
        prefix = "" if self.kind == "model" else "datasets/"
        return f"{self.endpoint}/{prefix}{self.repo_id}"

    @property
    def api_url(self) -> str:
        return f"{self.endpoint}/api/{self.kind}s/{self.repo_id}"

    @property
    def revision(self) -> str:
        return getattr(self.info, "sha", None) or "main"

    @property
    def card_url(self) -> str:
        return f"{self.page_url}/blob/{self.revision}/README.md"


def read_repo(repo_id: str, kind: str, endpoint: str | None, token: str | None, timeout: float = 20.0) -> HubRepo:
    api = HfApi(endpoint=endpoint, token=token or False)
    base = api.endpoint.rstrip("/")
    get = api.model_info if kind == "model" else api.dataset_info
    try:
        info = get(repo_id, files_metadata=True, timeout=timeout)
    except GatedRepoError:
        raise HubReadError(f"{repo_id}: the Hub refused its metadata (gated); set HF_TOKEN to a token with access") from None
    except RepositoryNotFoundError:
        raise HubReadError(f"{repo_id}: no such {kind} repo on {base} (or it is private; set HF_TOKEN)") from None
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        raise HubReadError(f"{repo_id}: the Hub answered HTTP {status}" if status else f"{repo_id}: {str(exc).splitlines()[0]}") from None
    except (httpx2.TransportError, httpx2.TimeoutException) as exc:
        raise HubReadError(f"could not reach {base}: {type(exc).__name__}") from None
    except ValueError as exc:
        raise HubReadError(f"{repo_id}: the Hub's answer was not readable ({exc})") from None
    card_data = info.card_data.to_dict() if getattr(info, "card_data", None) is not None else {}
    text, problem = _read_card(repo_id, kind, base, token, getattr(info, "sha", None) or "main", timeout)
    if text is not None:
        try:
            card = (ModelCard if kind == "model" else DatasetCard)(text, ignore_metadata_errors=True)
        except (yaml.YAMLError, ValueError):
            problem = "the card's YAML header is not valid YAML; only its text was read"
        else:
            card_data = {**card.data.to_dict(), **card_data}
            text = card.text
    return HubRepo(repo_id, kind, base, info, card_data, text, problem)


def _read_card(repo_id: str, kind: str, endpoint: str, token: str | None, revision: str, timeout: float) -> tuple[str | None, str | None]:
    with tempfile.TemporaryDirectory(prefix="atlas-card-") as cache:
        try:
            path = hf_hub_download(repo_id, "README.md", repo_type=kind, revision=revision, endpoint=endpoint,
                                   token=token or False, cache_dir=cache, etag_timeout=timeout)
        except LocalEntryNotFoundError:  # huggingface_hub's word for "could not reach the server"
            return None, "README.md could not be fetched from the Hub"
        except GatedRepoError:
            return None, "the Hub refused the card (gated); set HF_TOKEN to a token with access"
        except EntryNotFoundError:
            return None, "the repo has no README.md"
        except HfHubHTTPError as exc:
            status = exc.response.status_code if exc.response is not None else None
            return None, f"the Hub answered HTTP {status} for README.md"
        except (httpx2.TransportError, httpx2.TimeoutException) as exc:
            return None, f"README.md could not be fetched: {type(exc).__name__}"
        return Path(path).read_text(encoding="utf-8-sig", errors="replace"), None
