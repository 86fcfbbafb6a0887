"""status/*.json: machine-written facts, replaced whole or not at all."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..output import write_text_atomic

SCHEMA_VERSION = "1.0"


class StatusUnreadable(Exception):
    pass


def read_status(path: Path) -> dict:
    """The last good status; {} when there is none.  Raises StatusUnreadable when corrupt."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise StatusUnreadable(f"{path}: not readable JSON ({str(exc)[:200]})") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or not isinstance(data.get("repos", data.get("links", {})), dict):
        raise StatusUnreadable(f"{path}: not a status file of schema version {SCHEMA_VERSION}")
    for key, model in (("repos", HubRecord), ("links", LinkRecord)):
        if key in data:
            data[key] = {name: record for name, raw in data[key].items() if (record := _clean(model, raw)) is not None}
    return data


def _clean(model: type[BaseModel], raw: object) -> dict | None:
    """A record as the checks write it, or None: a hand-edited or damaged record is ignored."""
    try:
        return model.model_validate(raw).model_dump(exclude_none=True)
    except ValidationError:
        return None


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class HubLicence(_Record):
    id: str | None = None
    name: str | None = None
    link: str | None = None
    tags: list[str] = []


class LastError(_Record):
    error: str | None = None
    at: str | None = None


class HubRecord(_Record):
    outcome: Literal["ok", "missing", "disabled", "restricted", "error"]
    checked_at: str | None = None
    gated: Literal[False, "auto", "manual", "unknown"] | None = None
    license: HubLicence | None = None
    formats: list[str] = []
    weight_bytes: int | None = None
    parameters: int | None = None
    sha: str | None = None
    last_modified: str | None = None
    note: str | None = None
    error: str | None = None
    last_error: LastError | None = None
    used_by: list[list[str | None]] = []


class LinkRecord(_Record):
    state: Literal["ok", "failing", "broken", "unverifiable", "excluded", "skipped"]
    consecutive_failures: int = 0


def read_status_or_empty(path: Path, warn) -> dict:
    try:
        return read_status(path)
    except StatusUnreadable as exc:
        warn(f"ignoring {exc}")
        return {}


def write_status(path: Path, body: dict) -> None:
    write_text_atomic(path, json.dumps({"schema_version": SCHEMA_VERSION, **body}, indent=1, sort_keys=True) + "\n")


def merge_keeping_good(previous: object, fresh: dict) -> dict:
    """A failed check never erases what an earlier check established."""
    if fresh.get("outcome") != "error" or not isinstance(previous, dict) or not previous or previous.get("outcome") == "error":
        return fresh
    kept = {k: v for k, v in previous.items() if k != "last_error"}
    kept["last_error"] = {"error": fresh.get("error"), "at": fresh.get("checked_at")}
    return kept
