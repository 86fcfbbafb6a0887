"""What the nightly checks found, per entry: a line a reader understands, and the drift list.

Reads status/hub.json as `atlas verify hub` wrote it.  A missing or corrupt file never stops
a build: the site then says the entry has not been checked.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..verify.drift import Drift, all_drifts
from ..verify.repos import hub_repos
from ..verify.status_store import read_status_or_empty

GATING_WORDS = {False: "not gated", "auto": "gated (automatic approval)", "manual": "gated (manual approval)", "unknown": "gated"}


@dataclass(frozen=True)
class RepoLine:
    repo: str
    variant_id: str | None
    text: str
    drifted: bool


@dataclass
class StatusView:
    by_entry: dict[tuple[str, str], list[RepoLine]] = field(default_factory=dict)
    drifts: list[Drift] = field(default_factory=list)
    generated_at: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (repo key, error)

    def lines(self, folder: str, entry_id: str) -> list[RepoLine]:
        return self.by_entry.get((folder, entry_id), [])


def _describe(record: dict, drifts: list[Drift]) -> str:
    outcome = record.get("outcome")
    checked = (record.get("checked_at") or "")[:10]
    if outcome in ("missing", "disabled"):
        return f"Hub: repo {'not found' if outcome == 'missing' else 'disabled'}; checked {checked}"
    if outcome == "restricted":
        return f"Hub: exists, metadata restricted (gated); checked {checked}"
    if outcome == "error":
        return f"Hub: could not be checked ({record.get('error')}); last tried {checked}"
    parts = []
    licence_drift = next((d for d in drifts if d.field == "license"), None)
    parts.append(f"licence differs (Hub says {licence_drift.hub_says})" if licence_drift else "licence matches")
    formats = record.get("formats") or []
    parts.append(f"weights available in {' and '.join(formats)}" if formats else "no weight files")
    parts.append(GATING_WORDS.get(record.get("gated"), "gating unknown"))
    for d in drifts:
        if d.field in ("gating", "parameters"):
            parts.append(f"{d.field} differs (entry: {d.entry_says}, Hub: {d.hub_says})")
    text = "Hub: " + ", ".join(parts) + f"; checked {checked}"
    if record.get("last_error"):
        text += f" (a later check failed: {record['last_error'].get('error')})"
    return text


def status_view(catalog: Catalog, status_dir: Path) -> StatusView:
    data = read_status_or_empty(status_dir / "hub.json", lambda message: print(f"warning: {message}", file=sys.stderr))
    records = data.get("repos", {}) if isinstance(data.get("repos"), dict) else {}
    repos = hub_repos(catalog)
    drifts = all_drifts(catalog, repos, records)
    view = StatusView(drifts=drifts, generated_at=data.get("generated_at"))
    for ref, claims in repos.items():
        record = records.get(ref.key)
        if not isinstance(record, dict):
            continue
        if record.get("outcome") == "error" or record.get("last_error"):
            view.errors.append((ref.key, record.get("error") or (record.get("last_error") or {}).get("error", "")))
        for claim in claims:
            mine = [d for d in drifts if d.repo == ref.key and d.entry_id == claim.entry_id and d.variant_id == claim.variant_id]
            view.by_entry.setdefault((claim.folder, claim.entry_id), []).append(
                RepoLine(ref.repo_id, claim.variant_id, _describe(record, mine), bool(mine)))
    return view
