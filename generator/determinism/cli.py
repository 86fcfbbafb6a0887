"""`atlas determinism --endpoint URL --model NAME`: the checklist's settings, measured on a server."""
from __future__ import annotations

import argparse
import os
import sys

from .probe import DEFAULT_MAX_TOKENS, DEFAULT_PROMPT, SEED, ProbeError, format_report, probe


def add_commands(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser(
        "determinism",
        help="send the same request N times to an OpenAI-compatible endpoint and say whether the outputs repeat",
        description="Sends one chat request N times with the determinism checklist's settings (seed, temperature 0, "
                    "top_k 1, top_p 1, fixed max_tokens), N times with sampling on, and checks what `seed` does. "
                    "Exit status: 0 identical, 1 the checklist's settings gave different outputs, 2 the probe could "
                    "not run (endpoint down, unknown model, seed ignored).",
    )
    command.add_argument("--endpoint", required=True, help="server URL, such as http://127.0.0.1:8080 or …/v1")
    command.add_argument("--model", required=True, help="model name as the server knows it")
    command.add_argument("--runs", type=int, default=5, help="requests per set (default: 5)")
    command.add_argument("--prompt", default=DEFAULT_PROMPT, help="the user message to send")
    command.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each answer (default: 60)")
    command.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS, help=f"tokens per answer (default: {DEFAULT_MAX_TOKENS})")
    command.add_argument("--api-key-env", default="OPENAI_API_KEY",
                         help="environment variable holding the API key, if the server wants one (default: OPENAI_API_KEY)")
    command.set_defaults(func=cmd_determinism)


def cmd_determinism(args: argparse.Namespace) -> int:
    try:
        report = probe(args.endpoint, args.model, runs=args.runs, prompt=args.prompt, timeout=args.timeout,
                       max_tokens=args.max_tokens, api_key=os.environ.get(args.api_key_env))
    except ProbeError as exc:
        print(f"atlas determinism: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if report.seed.verdict == "ignored":
        diff = report.seed.difference
        print(f"atlas determinism: the endpoint ignores `seed`: seed {SEED} twice at temperature 1 gave "
              f"different outputs (from character {diff.offset})", file=sys.stderr)
        return 2
    return 0 if report.passed else 1
