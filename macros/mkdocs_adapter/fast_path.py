"""The pod-page fast path: finished HTML skips Markdown; only the section headings go through it.

Generated pod pages are HTML rendered from autoescaped fragments, in sections whose headings
feed the table of contents. Python-Markdown would parse every tag of that HTML only to pass it
through unchanged; with hundreds of pods that parsing was most of the build. So the engine gets
a skeleton: the headings (from the section objects, never found in HTML) with a placeholder
paragraph for each block of HTML. After conversion the blocks wait compressed (MkDocs converts
every page before it renders any) and go back in, in one pass, just before the theme renders.
"""

from __future__ import annotations

import marshal
import re
import zlib
from collections.abc import Mapping

from macros.render.finished import FinishedBody, FinishedPage, heading_text

_MARK = "PBFINISHEDHTML{}X"
_PLACEHOLDER = re.compile(r"<p>PBFINISHEDHTML(\d+)X</p>")


class FastPath:
    """The finished pages of one build, from skeleton Markdown to restored HTML.

    The engine calls `skeleton` when it reaches a page's Markdown, `converted` once the page
    is HTML, and `restore` just before the page's template is rendered.
    """

    def __init__(self, pages: Mapping[str, FinishedPage], *, compress: bool = True) -> None:
        self._pages = dict(pages)
        self._compress = compress
        self._fresh: dict[str, list[str]] = {}  # rendered, waiting for conversion
        self._held: dict[str, bytes | list[str]] = {}  # waiting for the template

    def handles(self, src: str) -> bool:
        """Whether the page at `src` is one of the finished pages (and not restored yet)."""
        return src in self._pages or src in self._fresh or src in self._held

    def front_matter(self, src: str) -> str:
        """The page's front matter, the only text the engine reads from the page's file."""
        return self._pages[src].front_matter

    def skeleton(self, src: str) -> str:
        """Render the page's body now; return Markdown of its headings and placeholders only."""
        body = self._pages.pop(src).body()
        blocks = [body.intro, *(section.html for section in body.sections)]
        self._fresh[src] = blocks
        return skeleton_markdown(body)

    def converted(self, src: str) -> None:
        """The page is HTML now: keep its blocks aside (compressed) until its template renders."""
        blocks = self._fresh.pop(src)
        self._held[src] = _pack(blocks) if self._compress else blocks

    def restore(self, src: str, html: str) -> str:
        """The page's HTML with every placeholder replaced by its block, each exactly once."""
        held = self._held.pop(src)
        blocks = _unpack(held) if isinstance(held, bytes) else held
        return fill_placeholders(html, blocks, src)


def skeleton_markdown(body: FinishedBody) -> str:
    """The body's headings as Markdown, a placeholder paragraph where each HTML block goes."""
    lines = [_MARK.format(0)] if body.intro.strip() else []
    for number, section in enumerate(body.sections, start=1):
        lines += [f"## {heading_text(section.title)}", _MARK.format(number)]
    return "\n\n".join(lines) + "\n"


def fill_placeholders(html: str, blocks: list[str], src: str) -> str:
    """Put each block where Markdown left its placeholder; the blocks themselves are never read."""
    found: list[int] = []

    def block(match: re.Match[str]) -> str:
        found.append(int(match[1]))
        return blocks[found[-1]]

    out = _PLACEHOLDER.sub(block, html)
    expected = list(range(0 if blocks[0].strip() else 1, len(blocks)))
    if found != expected:
        raise ValueError(f"{src}: the converted page lost or moved a block of finished HTML "
                         f"(placeholders {found}, expected {expected})")
    return out


def _pack(blocks: list[str]) -> bytes:
    return zlib.compress(marshal.dumps(blocks), 1)


def _unpack(packed: bytes) -> list[str]:
    blocks: list[str] = marshal.loads(zlib.decompress(packed))
    return blocks
