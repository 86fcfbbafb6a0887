"""status/*.json: machine-written facts, replaced whole or not at all."""
from __future__ import annotations

import json
from pathlib import Path

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
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StatusUnreadable(f"{path}: not readable JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or not isinstance(data.get("repos", data.get("links", {})), dict):
        raise StatusUnreadable(f"{path}: not a status file of schema version {SCHEMA_VERSION}")
    return data


def read_status_or_empty(path: Path, warn) -> dict:
    try:
        return read_status(path)
    except StatusUnreadable as exc:
        warn(f"ignoring {exc}")
        return {}


def write_status(path: Path, body: dict) -> None:
    write_text_atomic(path, json.dumps({"schema_version": SCHEMA_VERSION, **body}, indent=1, sort_keys=True) + "\n")


def merge_keeping_good(previous: dict, fresh: dict) -> dict:
    """A failed check never erases what an earlier check established."""
    if fresh.get("outcome") != "error" or not previous or previous.get("outcome") == "error":
        return fresh
    kept = {k: v for k, v in previous.items() if k != "last_error"}
    kept["last_error"] = {"error": fresh.get("error"), "at": fresh.get("checked_at")}
    return kept
