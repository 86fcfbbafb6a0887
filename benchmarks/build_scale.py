"""How `atlas build` scales: synthetic catalogs of N model entries, built with the real command.

    python benchmarks/build_scale.py                       # 100, 1,000 and 5,000 models
    python benchmarks/build_scale.py --sizes 100,1000,10000
    python benchmarks/build_scale.py --sizes 100,1000      # quicker
    python benchmarks/build_scale.py --check-only          # time `atlas check` alone (cold and warm)

For each size it writes a project into a temporary folder (the repository's docs/ and
mkdocs.yml, and a catalog of N models, each with variants and a full Model Openness Framework
record, sharing a few datasets, engines, benchmarks, services and catalog licences), runs
`python -m generator --root <tmp> build` (or `check`) as a subprocess and prints: wall seconds,
seconds per entry, CPU seconds (user + system, of atlas and the mkdocs it starts), the size of
site/ in MB, and the peak resident memory of the run (the larger of atlas and mkdocs, from
wait4's rusage), then of atlas alone and of the largest process it started (a mkdocs run, or a
worker). Last, the ratio of the per-entry cost
at the largest size to that at the smallest: 1.0 is linear; well above it means the build grows
faster than the catalog (such as a navigation that lists every page).

Then, for each size: `atlas check` cold (empty build/cache) and warm (the cache a previous run
filled), the parts of the site that grow with the catalog (the search index, the matrix page,
the models index, one entry page, sitemap.xml), and at the sizes given by --rebuild-at (1,000 by
default) a rebuild after one entry changed: validation is skipped for unchanged files, every
page's Markdown is rendered again (cheap), and mkdocs builds only the pages whose Markdown
changed (the changed entry, the entries that link to it) and the index pages; the other entry
pages are reused from the previous site (generator/site/).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ADDED = "2025-01-01"

COMPONENTS = (
    "model-architecture", "model-parameters-final", "technical-report", "evaluation-results", "model-card",
    "data-card", "sample-model-outputs", "training-code", "inference-code", "evaluation-code", "evaluation-data",
    "supporting-libraries-and-tools", "research-paper", "datasets", "data-preprocessing-code",
    "model-parameters-intermediate", "model-metadata",
)
DATASETS = ("web-crawl", "code-mix", "math-mix", "chat-sft", "eval-suite")
ENGINES = ("runner-cpp", "serve-llm", "chat-front", "hf-lib")
LICENCES = ("open-rail", "community-terms", "research-only")
SPDX = ("Apache-2.0", "MIT", "CC-BY-4.0", "BSD-3-Clause")
MODALITIES = ("text", "code", "vision-language", "image", "speech-to-text", "embedding")
STATUSES = ("published", "not-published", "unknown")


def _sources(slug: str) -> str:
    return (
        "sources:\n"
        f"  - url: https://example.org/{slug}/card\n"
        "    about: model card, licence, parameter counts\n"
        f"  - url: https://example.org/{slug}/paper\n"
        "    about: technical report\n"
    )


def shared_entries() -> dict[str, str]:
    files: dict[str, str] = {}
    for i, slug in enumerate(LICENCES):
        files[f"licenses/{slug}.yaml"] = (
            f"name: Licence {slug}\nsummary: Terms for synthetic models number {i}.\n"
            f"url: https://example.org/licences/{slug}\nhub_ids: [{slug}]\n"
            "terms:\n"
            f"  commercial_use: {('yes', 'conditional', 'no')[i]}\n"
            f"  field_of_use_restrictions: {'true' if i else 'false'}\n"
            "  attribution_required: true\n"
            "  derivatives: conditional\n"
            "  redistribution: yes\n"
            + (f"  user_threshold: 700M\n" if i == 1 else "")
            + _sources(slug) + f"added: {ADDED}\n"
        )
    for i, slug in enumerate(DATASETS):
        derived = f"derived_from: [{DATASETS[0]}]\n" if i else ""
        files[f"datasets/{slug}.yaml"] = (
            f"name: Dataset {slug}\nsummary: A synthetic training or evaluation set.\norganization: Bench Org\n"
            f"modality: [text]\nlicense: {SPDX[i % len(SPDX)]}\navailability: available\nhub: bench/{slug}\n"
            f"size: {i + 1}T tokens\n{derived}" + _sources(slug) + f"added: {ADDED}\n"
        )
    for i, slug in enumerate(ENGINES):
        based = f"based_on: [{ENGINES[0]}]\n" if i == 1 else ""
        files[f"engines/{slug}.yaml"] = (
            f"name: Engine {slug}\nsummary: Runs synthetic models.\nkind: [inference-engine]\nlicense: {SPDX[i % 2]}\n"
            f"repository: https://example.org/{slug}\nformats: [GGUF, safetensors]\nplatforms: [Linux, macOS]\n"
            f"openai_compatible_api: true\n{based}" + _sources(slug) + f"added: {ADDED}\n"
        )
    files["benchmarks/bench-qa.yaml"] = (
        "name: Bench QA\nsummary: Questions and answers.\norganization: Bench Org\nkind: benchmark\nlicense: MIT\n"
        f"datasets: [{DATASETS[-1]}]\n" + _sources("bench-qa") + f"added: {ADDED}\n"
    )
    files["services/bench-host.yaml"] = (
        "name: Bench Host\nsummary: Hosts models behind an API.\nprovider: Bench Host Inc.\nrung: directly-accessible\n"
        "openai_compatible_api: true\nmodels: [model-00000]\n" + _sources("bench-host") + f"added: {ADDED}\n"
    )
    return files


def model_entry(i: int) -> str:
    slug = f"model-{i:05d}"
    weights = f"LicenseRef-{LICENCES[i % len(LICENCES)]}" if i % 2 else SPDX[i % len(SPDX)]
    lines = [
        f"name: Synthetic Model {i}",
        f"summary: Synthetic model number {i}, with variants, components and references like a real entry.",
        "description: |",
        f"  Synthetic model {i} exists to measure how the build scales. It was *trained* on a mix of",
        "  web text and code and evaluated on a question-answering benchmark; see the",
        f"  [model card](https://example.org/{slug}/card) for details.",
        f"organization: Org {i % 37}",
        f"homepage: https://example.org/{slug}",
        f"modality: [{MODALITIES[i % len(MODALITIES)]}]",
        f"released: {2019 + i % 6}-{1 + i % 12:02d}",
        "license:",
        f"  weights: {weights}",
        "  code: Apache-2.0",
        "  data: unknown",
        "  documents: CC-BY-4.0",
        f"gating: {('none', 'automatic', 'manual')[i % 3]}",
        "components:",
    ]
    for j, component in enumerate(COMPONENTS):
        status = STATUSES[(i + j) % len(STATUSES)]
        lines.append(f"  {component}:")
        lines.append(f"    status: {status}")
        if status == "published":
            lines.append(f"    url: https://example.org/{slug}/{component}")
    lines.append("variants:")
    for size in (1, 7, 70):
        lines += [
            f"  - id: {size}b",
            f"    name: Synthetic {i} {size}B",
            f"    hub: bench/{slug}-{size}b",
            f"    parameters: {size}B",
            f"    architecture: {{layers: {16 + size // 2}, kv_heads: 8, head_dim: 128, context_length: 8192}}",
        ]
    lines += [
        f"datasets: [{DATASETS[i % 3]}, {DATASETS[-1]}]",
        f"engines: [{ENGINES[i % 2]}, {ENGINES[2]}]",
        "benchmarks: [bench-qa]",
        "tags: [synthetic, benchmark]",
    ]
    if i % 5 == 1:
        lines.append(f"base_model: model-{i - 1:05d}")
    if i == 0:
        lines.append("served_by: [bench-host]")
    return "\n".join(lines) + "\n" + _sources(slug) + f"added: {ADDED}\n"


def make_project(root: Path, models: int) -> None:
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    files = shared_entries()
    for i in range(models):
        files[f"models/model-{i:05d}.yaml"] = model_entry(i)
    for relative, text in files.items():
        path = root / "catalog" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# `atlas` as `python -m generator` runs it, then the peak memory of atlas itself and of the
# largest mkdocs run it started, on the last line of its output.
_ATLAS_WITH_MEMORY = (
    "import resource, sys\n"
    "from generator.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('peak KiB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)\n"
    "sys.exit(code)\n"
)
atlas_peaks: dict[str, tuple[int, int]] = {}


def run(root: Path, command: str) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds and peak RSS in KiB (of the process and the children it waited for), and its output.
    The peaks of atlas alone and of its largest child are kept in atlas_peaks[command]."""
    log = root / f".{command}.log"
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _ATLAS_WITH_MEMORY, "--root", str(root), command],
                                   cwd=root, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text()
    peaks = [line.split()[2:] for line in text.splitlines() if line.startswith("peak KiB ")]
    if peaks:
        atlas_peaks[command] = (int(peaks[-1][0]), int(peaks[-1][1]))
        text = "\n".join(line for line in text.splitlines() if not line.startswith("peak KiB ")) + "\n"
    if process.returncode != 0:
        raise SystemExit(f"`atlas {command}` failed with {process.returncode}:\n{text[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, text


def touch_one_entry(root: Path) -> None:
    """Change one model's summary, as a contributor's edit would."""
    path = root / "catalog" / "models" / "model-00001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: Synthetic model number 1,", "summary: Synthetic model number one (edited),", 1),
                    encoding="utf-8")


def site_parts(site: Path) -> dict[str, float]:
    """Sizes in MB of the pages and files that grow with the catalog."""
    parts = {"search index": "search/search_index.json", "matrix page": "matrix/index.html",
             "models index": "models/index.html", "one model page": "models/model-00001/index.html",
             "matrix.json": "matrix.json", "sitemap.xml": "sitemap.xml"}
    return {name: (site / rel).stat().st_size / 1e6 if (site / rel).exists() else float("nan") for name, rel in parts.items()}


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated model counts (default 100,1000,5000)")
    parser.add_argument("--check-only", action="store_true", help="time `atlas check` alone, not the build")
    parser.add_argument("--rebuild-at", default="1000",
                        help="sizes at which to time a rebuild after one entry changed (default 1000; '' for none)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rebuild_at = {int(s) for s in args.rebuild_at.split(",") if s.strip()}
    extra: list[str] = []
    parts_rows: list[str] = []
    command = "check" if args.check_only else "build"

    print(f"atlas {command} on synthetic catalogs ({len(shared_entries())} shared entries + N models)")
    header = (f"{'models':>7} {'entries':>8} {'wall s':>8} {'ms/entry':>9} {'CPU s':>8} {'CPU ms/entry':>13} {'peak RSS MB':>12}"
              f" {'atlas MB':>9} {'child MB':>9}")
    header += "" if args.check_only else f" {'site MB':>8} {'files':>7}"
    print(header)
    per_entry: dict[int, float] = {}
    extra_rebuild: list[str] = []
    cpu_per_entry: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"atlas-scale-{size}-") as tmp:
            root = Path(tmp)
            make_project(root, size)
            entries = sum(1 for _ in (root / "catalog").rglob("*.yaml"))
            cold = run(root, "check")
            if command == "build":
                shutil.rmtree(root / "build", ignore_errors=True)  # the build below starts cold too
            wall, cpu, rss_kib, _ = run(root, command) if command == "build" else cold
            warm = run(root, "check")
            extra.append(f"{size:>7} {entries:>8} {cold[0]:>11.2f} {cold[1]:>10.2f} {cold[2] / 1024:>8.0f}"
                         f" {warm[0]:>11.2f} {warm[1]:>10.2f} {warm[2] / 1024:>8.0f}")
            per_entry[size] = wall / entries
            cpu_per_entry[size] = cpu / entries
            row = (f"{size:>7} {entries:>8} {wall:>8.2f} {1000 * wall / entries:>9.2f} {cpu:>8.2f}"
                   f" {1000 * cpu / entries:>13.2f} {rss_kib / 1024:>12.1f}"
                   f" {atlas_peaks[command][0] / 1024:>9.0f} {atlas_peaks[command][1] / 1024:>9.0f}")
            if not args.check_only:
                site = root / "site"
                row += f" {folder_mb(site):>8.1f} {sum(1 for p in site.rglob('*') if p.is_file()):>7}"
                parts = site_parts(site)
                parts_rows.append(f"{size:>7} " + " ".join(f"{v:>14.2f}" for v in parts.values()))
            print(row, flush=True)
            if command == "build" and size in rebuild_at:
                touch_one_entry(root)
                r_wall, r_cpu, r_rss, r_text = run(root, "build")
                what = r_text.strip().splitlines()[-1].partition(": ")[2]
                extra_rebuild.append(f"{size:>7} {r_wall:>8.2f} {r_cpu:>8.2f} {r_rss / 1024:>12.0f}"
                                     f" {atlas_peaks['build'][0] / 1024:>9.0f} {atlas_peaks['build'][1] / 1024:>9.0f}"
                                     f"   (full build: {wall:.2f} s wall,"
                                     f" {cpu:.2f} s CPU; {what})")
    print("\natlas check, cold (empty build/cache) and warm (cache filled by the previous run)")
    print(f"{'models':>7} {'entries':>8} {'cold wall s':>11} {'cold CPU s':>10} {'RSS MB':>8} {'warm wall s':>11} {'warm CPU s':>10} {'RSS MB':>8}")
    print("\n".join(extra))
    if parts_rows:
        print("\nparts of site/ that grow with the catalog, MB")
        print(f"{'models':>7} " + " ".join(f"{name:>14}" for name in ("search index", "matrix page", "models index",
                                                                      "one model page", "matrix.json", "sitemap.xml")))
        print("\n".join(parts_rows))
    if extra_rebuild:
        print("\nrebuild after one entry changed (validation reuses the cache; mkdocs builds the changed pages)")
        print(f"{'models':>7} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'atlas MB':>9} {'child MB':>9}")
        print("\n".join(extra_rebuild))
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"per-entry cost at {large} models / at {small} models: wall {per_entry[large] / per_entry[small]:.2f},"
              f" CPU {cpu_per_entry[large] / cpu_per_entry[small]:.2f} (1.0 = linear; CPU is steadier on a busy machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
