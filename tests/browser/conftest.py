"""Browser fixtures: Debian's chromium driven by Playwright, and a local HTTP server.

Reusable by any browser test:

- `browser`: one Chromium for the session (fails, never skips, when /usr/bin/chromium is missing);
- `serve_dir(path) -> base_url`: serves a folder on http://127.0.0.1:<free port> until the session ends;
- `new_page(**context_options) -> Page`: a page in a fresh context (own storage); console errors
  (failed loads included, but for Chromium's own /favicon.ico probe) and uncaught page errors
  fail the test at teardown;
- `page`: `new_page()` with the default context.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("run: sudo apt-get install -y chromium", pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path | str], str]]:
    """`serve_dir(path)` serves `path` over HTTP on 127.0.0.1 and returns the base URL (no trailing /)."""
    running: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def serve(path: Path | str) -> str:
        root = Path(path)
        assert root.is_dir(), f"not a folder: {root}"
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
        thread.start()
        running.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """`new_page(**context_options)`: a page in a new context; errors it logs fail the test."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium probes /favicon.ico on its own; a site without one is not an error of the page.
        if message.type == "error" and urlsplit(message.location.get("url", "")).path != "/favicon.ico":
            errors.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error.message}")

    def make(**context_options: Any) -> Page:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, "the page logged errors:\n" + "\n".join(errors)


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()
