"""How fast the matrix page opens and reacts in Chromium with a big catalog.

    python benchmarks/matrix_load.py                     # builds a synthetic site of 10,000 models
    python benchmarks/matrix_load.py --models 2000       # smaller
    python benchmarks/matrix_load.py --site /tmp/x/site  # reuse a site built earlier
    python benchmarks/matrix_load.py --matrix-only       # quick: only the matrix page and its assets

Builds (or reuses) a site, serves it on 127.0.0.1 and opens `matrix/` in /usr/bin/chromium through
Playwright (never downloads a browser), then prints: the matrix page's size, from the Navigation
Timing entry when the HTML had arrived, when DOMContentLoaded started and ended (its end includes
the script's set-up, which runs in that event) and load, when the controls were there, and how long
one sort (a click on "Parameters") and one filter (typing in "Text") take until the status line
says so.  `--matrix-only` renders the real matrix page and serves it with the site's assets but
skips the other pages, so 10,000 rows take seconds rather than minutes to prepare.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from build_scale import make_project  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

MATRIX_ONLY_CONFIG = """site_name: Matrix load benchmark
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  font: false
  features: [navigation.top]
plugins: []
markdown_extensions: [tables, attr_list, admonition]
extra_css: [assets/atlas.css]
extra_javascript: [assets/atlas.js]
validation:
  links: {not_found: info, absolute_links: info, unrecognized_links: info}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def build_full(root: Path, models: int) -> Path:
    make_project(root, models)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                            cwd=root, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"atlas build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return root / "site"


def build_matrix_only(root: Path, models: int) -> Path:
    """The real matrix page (the same template, rows and assets), without the other pages."""
    from generator.build import Project
    from generator.render.pages import iter_pages
    from generator.verdicts import judge_catalog

    make_project(root, models)
    catalog = Project(root).load()
    matrix = next(text for path, text in iter_pages(catalog, judge_catalog(catalog)) if path == "matrix.md")
    docs = root / "matrix-docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    (docs / "matrix.md").write_text(matrix, encoding="utf-8")
    (docs / "index.md").write_text("# Matrix load benchmark\n", encoding="utf-8")
    (root / "matrix-mkdocs.yml").write_text(MATRIX_ONLY_CONFIG.replace("docs_dir: docs", f"docs_dir: {docs}"))
    site = root / "matrix-site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(root / "matrix-mkdocs.yml"),
                             "--site-dir", str(site)], cwd=root, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return site


def measure(site: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/matrix/"
    page_bytes = (site / "matrix" / "index.html").stat().st_size
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
            print(f"matrix/index.html: {page_bytes / 1e6:.2f} MB")
            print("times are wall ms; [script+layout+style ms] is the renderer's main-thread work (Chrome's"
                  " Performance metrics), steadier than wall time on a busy machine")
            print(f"{'run':>4} {'rows':>6} {'HTML ms':>8} {'DCL ms':>8} {'DCL end':>8} {'load ms':>8} {'enhanced ms':>12} {'[work]':>7} {'sort ms':>8} {'[work]':>7} {'filter ms':>10} {'[work]':>7}")
            for run in range(runs):
                page = browser.new_page()
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")

                def work() -> float:
                    m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
                    return 1000 * (m["ScriptDuration"] + m["LayoutDuration"] + m["RecalcStyleDuration"])

                start = time.perf_counter()
                page.goto(url, wait_until="load", timeout=300_000)
                page.wait_for_selector("#atlas-matrix.atlas-enhanced", timeout=300_000)
                enhanced = 1000 * (time.perf_counter() - start)
                page.wait_for_timeout(300)  # let the first paint's layout finish
                load_work = work()
                nav = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                    " return [n.responseEnd, n.domContentLoadedEventStart, n.domContentLoadedEventEnd, n.loadEventEnd]; }")
                rows = page.evaluate("() => document.querySelectorAll('#atlas-matrix-table tbody tr').length")
                status_js = "() => document.querySelector('.atlas-status').textContent"
                changed_js = "(before) => document.querySelector('.atlas-status').textContent !== before"
                # One sort: click a heading, until the status line has changed.
                before, before_work = page.evaluate(status_js), work()
                start = time.perf_counter()
                page.locator("th[data-key=parameters] button").click()
                page.wait_for_function(changed_js, arg=before)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")  # the relayout
                sort_ms = 1000 * (time.perf_counter() - start)
                sort_work = work() - before_work
                # One filter: type a few characters of an id in "Text" (keeps a few rows).
                before, before_work = page.evaluate(status_js), work()
                start = time.perf_counter()
                page.get_by_label("Text", exact=True).fill("0001")
                page.wait_for_function(changed_js, arg=before)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
                filter_ms = 1000 * (time.perf_counter() - start)
                filter_work = work() - before_work
                status = page.locator(".atlas-status").text_content()
                page.close()
                print(f"{run + 1:>4} {rows:>6} {nav[0]:>8.0f} {nav[1]:>8.0f} {nav[2]:>8.0f} {nav[3]:>8.0f} {enhanced:>12.0f} {load_work:>7.0f} {sort_ms:>8.0f} {sort_work:>7.0f} {filter_ms:>10.0f} {filter_work:>7.0f}"
                      f"   ({status.strip()})", flush=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="a built site to reuse instead of building one")
    parser.add_argument("--matrix-only", action="store_true", help="build only the matrix page (much quicker)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if args.site:
        measure(args.site, args.runs)
        return 0
    with tempfile.TemporaryDirectory(prefix="atlas-matrix-") as tmp:
        start = time.perf_counter()
        site = (build_matrix_only if args.matrix_only else build_full)(Path(tmp), args.models)
        print(f"built a site of {args.models} models in {time.perf_counter() - start:.0f} s"
              f"{' (matrix page only)' if args.matrix_only else ''}")
        measure(site, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
