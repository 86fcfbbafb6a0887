"""Where an entry and the Hub disagree: each mismatch with what each side says."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..licenses.registry import hub_licence_key
from .repos import Claim, RepoRef

PARAMETER_TOLERANCE = 0.10  # tied embeddings and buffers make safetensors totals differ a little
GATING_ON_HUB = {"none": False, "automatic": "auto", "manual": "manual"}


@dataclass(frozen=True, order=True)
class Drift:
    repo: str
    folder: str
    entry_id: str
    variant_id: str | None
    field: str
    entry_says: str
    hub_says: str


def _entry_facts(catalog: Catalog, claim: Claim) -> tuple[str, str | None, int | None]:
    """(licence expression, gating, parameters) the entry states for this repo."""
    entry = catalog.of(claim.folder)[claim.entry_id]
    if claim.folder == "datasets":
        return entry.license, ("automatic" if entry.availability.value == "gated" else None), None
    variant = next(v for v in entry.variants if v.id == claim.variant_id)
    gating = (variant.gating or entry.gating).value
    return variant.license or entry.license.weights, gating, variant.parameters


def drifts_for(catalog: Catalog, ref: RepoRef, claims: list[Claim], status: dict) -> list[Drift]:
    found: list[Drift] = []
    for claim in claims:
        def drift(field: str, entry_says: object, hub_says: object) -> None:
            found.append(Drift(ref.key, claim.folder, claim.entry_id, claim.variant_id, field, str(entry_says), str(hub_says)))

        outcome = status.get("outcome")
        if outcome in ("missing", "disabled"):
            drift("repo", ref.repo_id, status.get("note", outcome))
            continue
        if outcome != "ok":
            continue
        licence, gating, parameters = _entry_facts(catalog, claim)
        hub_licence = status.get("license") or {}
        mapped = hub_licence_key(catalog.licenses, hub_licence.get("id"), hub_licence.get("name"))
        parsed, _ = catalog.licenses.parse(licence)
        keys = set(parsed.keys) if parsed and not parsed.is_special else set()
        if hub_licence.get("id") is None:
            drift("license", licence, "no licence stated")
        elif mapped is None:
            drift("license", licence, f"{hub_licence.get('id')} {hub_licence.get('name') or ''}".strip() + " (not in our licence registry)")
        elif mapped not in keys:
            drift("license", licence, mapped)
        hub_gated = status.get("gated")
        if gating is not None and hub_gated != "unknown":
            if gating == "unknown" or GATING_ON_HUB.get(gating) != hub_gated:
                drift("gating", gating, {False: "none", "auto": "automatic", "manual": "manual"}.get(hub_gated, hub_gated))
        hub_parameters = status.get("parameters")
        if parameters and hub_parameters and abs(hub_parameters - parameters) > PARAMETER_TOLERANCE * parameters:
            drift("parameters", f"{parameters:,}", f"{hub_parameters:,}")
        if claim.folder == "models" and not status.get("formats"):
            drift("weights", "weights published", "no weight files")
    return found


def all_drifts(catalog: Catalog, repos: dict[RepoRef, list[Claim]], statuses: dict[str, dict]) -> list[Drift]:
    return sorted(d for ref, claims in repos.items() if ref.key in statuses for d in drifts_for(catalog, ref, claims, statuses[ref.key]))
