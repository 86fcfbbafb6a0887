"""`atlas verify hub|links`: the nightly checks, with a summary line and a meaningful exit status."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .ratelimit import parse_limit

FAIL_ON = ("drift", "error", "never")


def add_commands(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="check the catalog against the Hugging Face Hub and the web")
    verbs = verify.add_subparsers(dest="verify_command", required=True)

    hub = verbs.add_parser("hub", help="check every Hugging Face repo the catalog names")
    hub.add_argument("--endpoint", default=os.environ.get("HF_ENDPOINT"), help="Hub endpoint (default: HF_ENDPOINT or the public Hub)")
    hub.add_argument("--concurrency", type=int, default=8)
    hub.add_argument("--rate-limit", help="CALLS/SECONDS (default: 500/300, or 1000/300 when HF_TOKEN is set)")
    hub.add_argument("--timeout", type=float, default=20.0, help="seconds per call")
    hub.add_argument("--retries", type=int, default=3)
    hub.add_argument("--backoff", type=float, default=1.0, help="seconds before the first retry; doubles each time")
    hub.add_argument("--fail-on", choices=FAIL_ON, default="drift")
    hub.add_argument("--status-dir", help="default: status/")
    hub.set_defaults(func=cmd_hub)

    links = verbs.add_parser("links", help="check every URL in the catalog with lychee")
    links.add_argument("--policy", help="exclusions file (default: links-policy.yaml)")
    links.add_argument("--failures-before-broken", type=int, default=3)
    links.add_argument("--timeout", type=int, default=20)
    links.add_argument("--max-concurrency", type=int, default=16)
    links.add_argument("--host-concurrency", type=int, default=2, help="requests at once to one host")
    links.add_argument("--host-interval", default="500ms", help="pause between requests to one host, such as 500ms")
    links.add_argument("--fail-on", choices=FAIL_ON, default="drift")
    links.add_argument("--status-dir", help="default: status/")
    links.set_defaults(func=cmd_links)


def _load(args):
    from ..build import Project, load_or_report

    project = Project(Path(args.root).resolve())
    return project, load_or_report(project, "fix the catalog before verifying it")


def _status_dir(args, project) -> Path:
    return Path(args.status_dir) if args.status_dir else project.status


def cmd_hub(args: argparse.Namespace) -> int:
    from .drift import all_drifts
    from .hub import HubChecker, HubSettings, now_iso
    from .repos import hub_repos
    from .status_store import merge_keeping_good, read_status_or_empty, write_status

    project, catalog = _load(args)
    if catalog is None:
        return 2
    token = os.environ.get("HF_TOKEN") or None
    calls, window = parse_limit(args.rate_limit or ("1000/300" if token else "500/300"))
    settings = HubSettings(endpoint=args.endpoint, token=token, concurrency=args.concurrency, calls_per_window=calls,
                           window_seconds=window, timeout=args.timeout, retries=args.retries,
                           backoff_seconds=args.backoff)
    path = _status_dir(args, project) / "hub.json"
    previous = read_status_or_empty(path, lambda msg: print(msg, file=sys.stderr)).get("repos", {})
    repos = hub_repos(catalog)
    started = time.monotonic()
    checker = HubChecker(settings)
    results = checker.check_all(list(repos))
    merged = {ref.key: merge_keeping_good(previous.get(ref.key, {}), result) for ref, result in results.items()}
    for ref, claims in repos.items():
        merged[ref.key]["used_by"] = [[c.folder, c.entry_id, c.variant_id] for c in claims]
    write_status(path, {"generated_at": now_iso(), "endpoint": settings.endpoint or "https://huggingface.co", "repos": merged})

    drifts = all_drifts(catalog, repos, merged)
    by_key = {ref.key: result for ref, result in results.items()}
    errors = [key for key, result in by_key.items() if result.get("outcome") == "error"]
    for drift in drifts:
        where = f"{drift.folder}/{drift.entry_id}" + (f" ({drift.variant_id})" if drift.variant_id else "")
        print(f"drift: {drift.repo}: {where}: {drift.field}: entry says {drift.entry_says!r}, Hub says {drift.hub_says!r}")
    for key in errors:
        print(f"error: {key}: {by_key[key].get('error')}", file=sys.stderr)
    outcomes = [r.get("outcome") for r in results.values()]
    print(f"checked {len(repos)} repos in {time.monotonic() - started:.1f} s with {checker.calls} calls: "
          f"{outcomes.count('ok')} ok, {outcomes.count('missing')} missing, {outcomes.count('disabled')} disabled, "
          f"{len(errors)} errors; {len(drifts)} drifts; status written to {path}")
    return _exit(args.fail_on, bool(drifts), bool(errors))


def _exit(fail_on: str, drifted: bool, errored: bool) -> int:
    if fail_on == "drift" and (drifted or errored):
        return 1
    if fail_on == "error" and errored:
        return 1
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .links import check_links

    project, catalog = _load(args)
    if catalog is None:
        return 2
    report = check_links(catalog, project, args)
    return _exit(args.fail_on, bool(report.broken), bool(report.errors))
