"""Where a page lands in the built site, how its links reach the site root, and the build date."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file at `src_uri`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


def root_for(url: str) -> str:
    """Relative prefix from a page at `url` (e.g. 'pods/acme/') back to the site root."""
    depth = url.strip("/").count("/") + 1 if url.strip("/") else 0
    return "../" * depth


def page_root(src_uri: str) -> str:
    """Relative prefix from the page built from `src_uri` back to the site root."""
    return root_for(page_url(src_uri))
