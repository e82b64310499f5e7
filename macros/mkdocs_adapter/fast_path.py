"""Let finished HTML skip Markdown: only headings go through it, the HTML is put back after.

Generated pod pages are HTML rendered from autoescaped fragments, with Markdown `## ` headings
between sections for the table of contents. Python-Markdown would parse every tag of that HTML
only to pass it through unchanged; with hundreds of pods that parsing is most of the build.
"""

from __future__ import annotations

import zlib

MARK = "PBFINISHEDHTML{}X"


def split_finished(markdown: str) -> tuple[str, list[str]]:
    """Markdown with each HTML run between `## ` headings replaced by a placeholder paragraph."""
    out: list[str] = []
    blocks: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "\n".join(run).strip()
        run.clear()
        if text:
            out.append(f"\n{MARK.format(len(blocks))}\n")
            blocks.append(text)

    for line in markdown.splitlines():
        if line.startswith("## "):
            flush()
            out.append(line)
        else:
            run.append(line)
    flush()
    return "\n".join(out) + "\n", blocks


def restore_finished(html: str, blocks: list[str]) -> str:
    """Put each HTML run back where Markdown left its placeholder paragraph."""
    for number, block in enumerate(blocks):
        html = html.replace(f"<p>{MARK.format(number)}</p>", block, 1)
    return html


def pack(blocks: list[str]) -> bytes:
    """The HTML runs, compressed while the page waits to be rendered."""
    return zlib.compress("\x00".join(blocks).encode("utf-8"), 1)


def unpack(packed: bytes) -> list[str]:
    """The HTML runs `pack` compressed."""
    return zlib.decompress(packed).decode("utf-8").split("\x00")
