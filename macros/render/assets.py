"""The site's own scripts and stylesheets as few, content-hashed files (pure; no MkDocs).

Pages load one project stylesheet, one print stylesheet (for print only) and one deferred
script bundle, instead of a request per source file. Each name carries the first 8 hex digits
of the SHA-256 of its content (`playbook.3f2a9c1b.js`), like Material's own bundles, so a new
build gets a new URL and the web server may let browsers keep the files for a year.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass

STYLES = "assets/stylesheets"
SCRIPTS = "assets/javascripts"


@dataclass(frozen=True)
class Bundles:
    """Built bundles: output path → bytes, and the paths pages link to."""

    files: dict[str, bytes]
    stylesheet: str | None
    print_stylesheet: str | None
    script: str | None
    sources: tuple[str, ...]


def hashed(folder: str, stem: str, suffix: str, content: bytes) -> str:
    """'folder/stem.<8 hex of SHA-256>.suffix'."""
    return f"{folder}/{stem}.{hashlib.sha256(content).hexdigest()[:8]}.{suffix}"


def concatenate(sources: Sequence[str], read: Callable[[str], str]) -> bytes:
    """The sources in order, each headed by a comment naming it, as one UTF-8 file."""
    parts = [f"/* {posixpath.basename(src)} */\n{read(src).strip()}\n" for src in sources]
    return "\n".join(parts).encode("utf-8")


def is_print(src: str) -> bool:
    """A stylesheet for print only (its name ends in 'print.css')."""
    return src.endswith("print.css")


def bundle(styles: Sequence[str], scripts: Sequence[str], read: Callable[[str], str]) -> Bundles:
    """Bundle the screen stylesheets, the print stylesheets and the scripts, in their order."""
    files: dict[str, bytes] = {}

    def add(folder: str, stem: str, suffix: str, sources: Sequence[str]) -> str | None:
        if not sources:
            return None
        content = concatenate(sources, read)
        path = hashed(folder, stem, suffix, content)
        files[path] = content
        return path

    screen = [s for s in styles if not is_print(s)]
    printed = [s for s in styles if is_print(s)]
    return Bundles(files, add(STYLES, "playbook", "css", screen),
                   add(STYLES, "print", "css", printed), add(SCRIPTS, "playbook", "js", scripts),
                   (*styles, *scripts))
