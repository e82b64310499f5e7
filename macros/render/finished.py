"""Pages whose body is finished HTML, kept as sections (heading + HTML) until an engine needs them.

A generated pod page is HTML rendered from autoescaped fragments, cut into sections whose
headings feed the table of contents. The structure stays in these objects: nothing ever looks
for headings inside rendered HTML, so text from data that reads `## `, `</td>` or `<h2>` stays
text wherever it lands.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from macros.render.front_matter import brace_safe

# Characters that would make heading text mean something else to Markdown (`<`, `&` and braces
# become entities instead).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+\-.!|])")


@dataclass(frozen=True)
class Section:
    """One section of a finished page: its heading (plain text) and its body (finished HTML)."""

    title: str
    html: str


@dataclass(frozen=True)
class FinishedBody:
    """A page body of finished HTML: what comes before the first heading, then the sections."""

    intro: str
    sections: tuple[Section, ...] = ()

    def markdown(self) -> str:
        """The body as one Markdown text (headings as `## `, the HTML as raw blocks)."""
        parts = [self.intro] + [f"## {heading_text(s.title)}\n\n{s.html}" for s in self.sections]
        return brace_safe("\n\n".join(part for part in parts if part.strip()) + "\n")


@dataclass(frozen=True)
class FinishedPage:
    """A generated page whose body is finished HTML: front matter now, body when asked for.

    `body` is called once, when the engine reaches the page: with thousands of pods, holding
    every body from the start would be most of the build's memory.
    """

    front_matter: str
    body: Callable[[], FinishedBody]

    def markdown(self) -> str:
        """The whole page as Markdown, front matter included (renders the body now)."""
        return f"{self.front_matter}\n{self.body().markdown()}"


def heading_text(title: str) -> str:
    """A section title as Markdown heading text that reads literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(title.split()), quote=False))
