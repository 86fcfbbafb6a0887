"""How fast `atlas verify hub` checks many repos against a slow Hub, within the rate limit.

Starts the tests' stand-in Hub on 127.0.0.1 with a fixed latency per answer, writes a synthetic
catalog naming N repos, runs the real `atlas verify hub`, and prints the wall time next to the
ideal (repos × latency ÷ concurrency) and the busiest 300-second window of calls.

    python benchmarks/verify_scale.py [--repos 1000] [--latency 0.05] [--concurrency 8] [--rate-limit 1000/300]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.verify.hub_standin import HubStandIn  # noqa: E402
from tests.verify.projects import make_project, model_yaml  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate-limit", default="1000/300", help="as with a token; anonymous is 500/300")
    args = parser.parse_args()
    calls, window = (float(x) for x in args.rate_limit.split("/"))

    per_model = 10
    with HubStandIn(latency=args.latency) as hub, tempfile.TemporaryDirectory() as scratch:
        models = {}
        for m in range(0, args.repos, per_model):
            variants = [{"id": f"v{i}", "hub": f"bench/model-{m + i}", "parameters": "7B"} for i in range(min(per_model, args.repos - m))]
            for v in variants:
                hub.add(v["hub"])
            models[f"model-{m}"] = model_yaml(f"Model {m}", variants)
        root = make_project(Path(scratch), models)
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "verify", "hub", "--endpoint", hub.url,
                                 "--concurrency", str(args.concurrency), "--rate-limit", args.rate_limit, "--fail-on", "never"],
                                capture_output=True, text=True)
        wall = time.monotonic() - started
        if result.returncode != 0:
            print(result.stdout, result.stderr)
            return 1
        times = sorted(r["at"] for r in hub.requests)
        busiest = max((sum(1 for t in times[i:] if t - times[i] < window) for i in range(0, len(times), max(1, len(times) // 200))), default=0)
        ideal = args.repos * args.latency / args.concurrency
        print(result.stdout.strip().splitlines()[-1])
        print(f"repos {args.repos}, latency {args.latency * 1000:.0f} ms, concurrency {args.concurrency} "
              f"(server saw at most {hub.max_in_flight} at once)")
        print(f"wall {wall:.2f} s (including start-up and catalog load), ideal {ideal:.2f} s, ratio {wall / ideal:.2f} (target ≤ 1.5)")
        print(f"calls {len(times)}; busiest {window:.0f}-second window {busiest} calls, limit {calls:.0f}: "
              f"{'within' if busiest <= calls else 'OVER'} the limit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
