"""A model or dataset entry drafted from what the Hub says, each fact marked with where it came from.

What the Hub states is drafted (licence through our registry, gating, weight formats, parameter
count, base model, datasets, library); what it links is noted (arXiv papers, GitHub repos) for
the contributor to read; everything else stays `unknown` or empty. Nothing is guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..licenses.registry import hub_licence_key
from ..schema.models import HUB_REPO_PATTERN
from ..verify.hub import observe
from .catalog_index import CatalogIndex
from .hub_read import HubRepo
from .ids import slug_of

HUB_REPO = re.compile(HUB_REPO_PATTERN)
ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})", re.IGNORECASE)
GITHUB = re.compile(r"https?://github\.com/([A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+)", re.IGNORECASE)
MAX_NOTE = 300

# The Hub's pipeline_tag → our modality (only tags that name exactly one).
PIPELINE_MODALITY = {
    "text-generation": "text", "text2text-generation": "text", "image-text-to-text": "vision-language",
    "visual-question-answering": "vision-language", "image-to-text": "vision-language", "text-to-image": "image",
    "image-to-image": "image-editing", "text-to-video": "video", "image-to-video": "video",
    "automatic-speech-recognition": "speech-to-text", "text-to-speech": "text-to-speech", "text-to-audio": "audio",
    "audio-to-audio": "audio", "feature-extraction": "embedding", "sentence-similarity": "embedding",
    "time-series-forecasting": "time-series", "text-to-3d": "3d", "image-to-3d": "3d",
}
# The Hub's `modality:` tags on datasets → our modality.
DATASET_MODALITY = {"text": "text", "image": "image", "audio": "audio", "video": "video",
                    "timeseries": "time-series", "3d": "3d"}
GATING = {"auto": "automatic", "manual": "manual", False: "none"}


@dataclass
class Draft:
    entry_id: str
    values: dict
    notes: dict[str, list[str]]
    header: list[str]
    unfilled: list[str]


def _line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_NOTE else text[: MAX_NOTE - 1] + "…"


def _size(count: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def card_links(repo: HubRepo) -> tuple[list[str], list[str]]:
    """arXiv ids (from the card and the Hub's arxiv: tags) and GitHub repos the card links, in order."""
    text = repo.card_text or ""
    arxiv = [m.group(1) for m in ARXIV.finditer(text)]
    arxiv += [t.split(":", 1)[1] for t in (getattr(repo.info, "tags", None) or []) if t.startswith("arxiv:")]
    github = [m.group(1).removesuffix(".git").rstrip(".") for m in GITHUB.finditer(text)]
    return list(dict.fromkeys(arxiv)), list(dict.fromkeys(g for g in github if not g.lower().startswith(("orgs/", "sponsors/"))))


def _licence(repo: HubRepo, facts: dict, index: CatalogIndex) -> tuple[str, str | None, str]:
    """(our key or unknown, a licence note for the entry, a comment on where it came from)."""
    hub = facts["license"]
    said = f"license: {hub['id']}" if hub["id"] else "no licence"
    if hub["name"]:
        said += f", license_name: {hub['name']}"
    if hub["link"]:
        said += f", license_link: {hub['link']}"
    key = hub_licence_key(index.licences, hub["id"], hub["name"])
    if key:
        return key, None, f"from the Hub card ({said}), mapped through catalog/licenses/ and SPDX"
    note = _line(f"The Hub card says {said}; not mapped to a licence we know: read it and add catalog/licenses/ or an SPDX id.")
    return "unknown", note, f"the Hub card says {said}; we have no licence with that Hub id, so it stays unknown"


def _read_on(repo: HubRepo, today: dt.date) -> str:
    return f"read {today.isoformat()} at commit {repo.revision[:12]}"


def _names(repo: HubRepo, noun: str) -> tuple[dict, dict[str, list[str]], list[str]]:
    """What every draft starts from: the repo's name and owner, and the summary left to write."""
    owner, name = repo.repo_id.split("/", 1)
    notes = {
        "name": [f"the Hub repo's name: write the {noun}'s name as its makers do"],
        "organization": [f"the Hub owner's id ({owner}): write the organisation's full name"],
        "summary": [f"not drafted: write one plain sentence from the {noun} card"],
    }
    return {"name": name, "organization": owner}, notes, ["summary"]


def draft_model(repo: HubRepo, index: CatalogIndex, entry_id: str, today: dt.date) -> Draft:
    facts = observe(repo.info)
    card = repo.card_data
    values, notes, unfilled = _names(repo, "model")
    name = values["name"]

    pipeline = getattr(repo.info, "pipeline_tag", None) or card.get("pipeline_tag")
    if pipeline in PIPELINE_MODALITY:
        values["modality"] = [PIPELINE_MODALITY[pipeline]]
        notes["modality"] = [f"from the Hub's pipeline_tag: {pipeline}"]
    else:
        notes["modality"] = [f"not drafted: the Hub's pipeline_tag is {pipeline or 'not set'}"]
        unfilled.append("modality")

    weights, licence_note, said = _licence(repo, facts, index)
    values["license"] = {"weights": weights, **({"note": licence_note} if licence_note else {})}
    notes["license"] = [f"weights: {said}", "code, data and documents: not on the Hub; find them in the repos and papers"]

    gating = GATING.get(facts["gated"], "unknown")
    values["gating"] = gating
    notes["gating"] = [f"from the Hub API: gated = {facts['gated']!r}"]

    values["components"], component_notes = _components(repo, facts)
    notes["components"] = component_notes

    variant: dict = {"id": slug_of(name) or "main", "name": name, "hub": repo.repo_id}
    if facts["parameters"]:
        variant["parameters"] = facts["parameters"]
    values["variants"] = [variant]
    notes["variants"] = ["one variant: this repo" + (", parameters = the Hub's safetensors total" if facts["parameters"]
                                                    else "; the Hub gives no safetensors parameter count")]

    bases = _as_list(card.get("base_model"))
    matched = [index.models_by_hub[b.lower()] for b in bases if b.lower() in index.models_by_hub]
    if matched and matched[0] != entry_id:
        values["base_model"] = matched[0]
    if bases:
        notes["base_model"] = [f"the Hub card's base_model: {', '.join(bases)}"
                               + (f" → catalog model {matched[0]}" if matched else "; no catalog model has that repo as a variant")]

    datasets = _as_list(card.get("datasets"))
    found = [index.datasets_by_hub[d.lower()] for d in datasets if d.lower() in index.datasets_by_hub]
    if found:
        values["datasets"] = list(dict.fromkeys(found))
    if datasets:
        missing = [d for d in datasets if d.lower() not in index.datasets_by_hub]
        notes["datasets"] = [_line(f"the Hub card's datasets: {', '.join(datasets)}"
                                   + (f"; not in the catalog: {', '.join(missing)}" if missing else ""))]

    library = getattr(repo.info, "library_name", None) or card.get("library_name")
    if library and library in index.engines:
        values["engines"] = [library]
    if library:
        notes["engines"] = [f"the Hub card's library_name: {library}" + ("" if library in index.engines else " (not a catalog engine)")]

    values["sources"] = _sources(repo, today, "licence tag, gating, file list and weight formats, safetensors parameter count",
                                 "licence, base model, datasets, library and links")
    values["added"] = today
    notes["sources"] = [f"drafted by atlas import-hub from {repo.api_url}"]
    return Draft(entry_id, values, notes, _header(repo, today, unfilled), unfilled)


def _components(repo: HubRepo, facts: dict) -> tuple[dict, list[str]]:
    components: dict[str, dict] = {}
    notes = ["drafted from the Hub where it says so; every other component is unknown until you read its source"]
    if facts["formats"]:
        size = f", {_size(facts['weight_bytes'])}" if facts["weight_bytes"] else ""
        components["model-parameters-final"] = {
            "status": "published", "url": repo.page_url,
            "note": _line(f"Weight files on the Hub: {', '.join(facts['formats'])}{size} (Hub API, {repo.revision[:12]})."),
        }
    else:
        components["model-parameters-final"] = {"status": "unknown", "note": "The Hub repo lists no weight files."}
    if repo.card_text is not None:
        problem = f" ({repo.card_problem})" if repo.card_problem else ""
        components["model-card"] = {"status": "published", "url": repo.page_url, "note": _line(f"README.md of the Hub repo{problem}.")}
    elif repo.card_problem:
        components["model-card"] = {"status": "unknown", "note": _line(f"No card read: {repo.card_problem}.")}
    arxiv, github = card_links(repo)
    if arxiv:
        papers = ", ".join(f"https://arxiv.org/abs/{a}" for a in arxiv)
        note = _line(f"The card links {papers}: read it, then mark it published here or as the research-paper/technical-report.")
        components["technical-report"] = {"status": "unknown", "note": note}
        components["research-paper"] = {"status": "unknown", "note": note}
        notes.append(f"arXiv links in the card: {', '.join(arxiv)}")
    if github:
        repos = ", ".join(f"https://github.com/{g}" for g in github[:4])
        for slug in ("model-architecture", "training-code", "inference-code"):
            components[slug] = {"status": "unknown", "note": _line(f"The card links {repos}: check what it holds and under which licence.")}
        notes.append(_line(f"GitHub links in the card: {', '.join(github)}"))
    datasets = _as_list(repo.card_data.get("datasets"))
    if datasets:
        components["datasets"] = {"status": "unknown", "note": _line(f"The Hub card lists datasets: {', '.join(datasets)}.")}
    return components, notes


def draft_dataset(repo: HubRepo, index: CatalogIndex, entry_id: str, today: dt.date) -> Draft:
    facts = observe(repo.info)
    values, notes, unfilled = _names(repo, "dataset")
    tags = [t.split(":", 1)[1] for t in (getattr(repo.info, "tags", None) or []) if t.startswith("modality:")]
    modality = list(dict.fromkeys(DATASET_MODALITY[t] for t in tags if t in DATASET_MODALITY))
    if modality:
        values["modality"] = modality
        notes["modality"] = [f"from the Hub's modality tags: {', '.join(tags)}"]
    else:
        notes["modality"] = ["not drafted: the Hub has no modality tag we can map"]
        unfilled.append("modality")
    licence, licence_note, said = _licence(repo, facts, index)
    values["license"] = licence
    notes["license"] = [said] + ([licence_note] if licence_note else [])
    values["availability"] = "gated" if facts["gated"] in ("auto", "manual") else "available"
    notes["availability"] = [f"from the Hub API: gated = {facts['gated']!r}"]
    values["hub"] = repo.repo_id
    sizes = _as_list(repo.card_data.get("size_categories"))
    if sizes:
        notes["size"] = [f"the Hub card's size_categories: {', '.join(sizes)} (rows, not a size the publisher states)"]
    values["sources"] = _sources(repo, today, "licence tag, gating, modality tags, file list", "licence and description")
    values["added"] = today
    notes["sources"] = [f"drafted by atlas import-hub from {repo.api_url}"]
    return Draft(entry_id, values, notes, _header(repo, today, unfilled), unfilled)


def _sources(repo: HubRepo, today: dt.date, api_facts: str, card_facts: str) -> list[dict]:
    sources = [{"url": repo.api_url, "about": _line(f"Hugging Face Hub API ({_read_on(repo, today)}): {api_facts}.")}]
    if repo.card_text is not None:
        sources.append({"url": repo.card_url, "about": _line(f"The Hub card, README.md ({_read_on(repo, today)}): {card_facts}.")})
    return sources


def _header(repo: HubRepo, today: dt.date, unfilled: list[str]) -> list[str]:
    lines = [
        f"Drafted by `atlas import-hub {repo.repo_id}` on {today.isoformat()} from {repo.endpoint}.",
        "Each drafted value says where it came from (↳ lines, `note:` fields, `sources`). Check each against",
        "its source, fill the empty fields, and replace an `unknown` only with what a source states.",
    ]
    if repo.card_problem:
        lines.append(f"The card was not read: {repo.card_problem}.")
    lines.append(f"Left for you: {', '.join(unfilled)}; then run `atlas check`.")
    return lines
