"""The real site, built once per session (tests/conftest.py's `built_site`), served on 127.0.0.1 and
driven with Debian's Chromium through Playwright.

Every page a test opens records the requests it makes: anything that leaves 127.0.0.1 is aborted
and fails the test, as does any console error or uncaught exception.  Playwright never downloads
a browser here: it launches /usr/bin/chromium (`apt-get install chromium`).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
LOCAL_SCHEMES = {"data", "blob", "about"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site over HTTP on a free port of 127.0.0.1; yields its base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Browser:
    assert CHROMIUM.exists(), "the browser tests need Debian's Chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class PageLog:
    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []


def _watch(context: BrowserContext, page: Page, log: PageLog) -> None:
    def route(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1":
            log.requests.append(url)
            route.continue_()
        else:
            log.foreign.append(url)
            route.abort()

    context.route("**/*", route)  # the context's route also sees the search worker's requests
    page.on("console", lambda message: log.errors.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _open_page(browser: Browser, log: PageLog, **context_options):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900},
                                  service_workers="block", **context_options)
    page = context.new_page()
    _watch(context, page, log)
    return context, page


@pytest.fixture
def page(browser: Browser, page_log: PageLog):
    """A fresh page; the test fails if it reached another host or logged an error."""
    context, page = _open_page(browser, page_log)
    try:
        yield page
    finally:
        context.close()
    assert page_log.foreign == [], f"requests that left 127.0.0.1: {page_log.foreign}"
    assert page_log.errors == [], f"console errors: {page_log.errors}"


@pytest.fixture
def page_without_js(browser: Browser, page_log: PageLog):
    context, page = _open_page(browser, page_log, java_script_enabled=False)
    try:
        yield page
    finally:
        context.close()
    assert page_log.foreign == [] and page_log.errors == []


def screenshot(page: Page, name: str, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
