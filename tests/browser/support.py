"""Helpers for the browser suite: serve a built site, find its pages, record what a page did."""

from __future__ import annotations

import functools
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]

# Types the deployed server must send too; set here so the test server does not depend on the
# machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".csv": "text/csv",
    ".ics": "text/calendar",
    ".md": "text/markdown",
    ".gz": "application/gzip",
    ".map": "application/json",
    ".txt": "text/plain",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with fixed content types and no request log on stderr."""

    extensions_map = CONTENT_TYPES

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: pytest output stays readable."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def sitemap_pages(site_dir: Path) -> list[str]:
    """The pages `sitemap.xml` lists, relative to the site root (the shortest entry)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    spaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text or "" for loc in ET.parse(sitemap).getroot().iterfind("s:url/s:loc", spaces)]
    root = min(locs, key=len, default="")
    return [loc[len(root):] for loc in locs if loc.startswith(root)]


def site_pages(site_dir: Path) -> list[str]:
    """Every page of a built site, from its sitemap and its files ("" is the home page)."""
    pages = set(sitemap_pages(site_dir))
    for index in site_dir.rglob("index.html"):
        rel = index.parent.relative_to(site_dir).as_posix()
        if not rel.startswith("assets"):
            pages.add("" if rel == "." else rel + "/")
    return sorted(pages)


@dataclass
class Recorder:
    """What the pages of one browser context did wrong: console errors, failed and external requests."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        """True for URLs served by the test server (and inline data/blob URLs)."""
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def problems(self) -> list[str]:
        """Everything recorded so far, one line each."""
        return ([f"console error: {e}" for e in self.console_errors]
                + [f"failed request: {r}" for r in self.failed_requests]
                + [f"external request (blocked): {r}" for r in self.external_requests])

    def clear(self) -> None:
        """Forget what was recorded, e.g. before opening the next page."""
        self.console_errors.clear()
        self.failed_requests.clear()
        self.external_requests.clear()


def origin_of(base_url: str) -> str:
    """`http://host:port` of a base URL."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


def page_path(url: str) -> str:
    """The path of a URL without query or fragment, e.g. `/pods/acme/`."""
    return urlsplit(url).path


# new_page(site_url=None, **context_options) -> (page, recorder); see conftest.new_page.
PageFactory = Callable[..., "tuple[Page, Recorder]"]


# Truthy once the search box holds `query` and its first result links to one of `wanted` paths.
FIRST_RESULT_IS = """([query, wanted]) => {
  const input = document.querySelector("[data-md-component=search-query]");
  const link = document.querySelector(".md-search-result__item a.md-search-result__link");
  if (!input || input.value !== query || !link) return false;
  return wanted.includes(new URL(link.href).pathname);
}"""

# The path of the first search result, for failure messages.
FIRST_RESULT = """() => {
  const link = document.querySelector(".md-search-result__item a.md-search-result__link");
  return link ? new URL(link.href).pathname : "(no result)";
}"""
