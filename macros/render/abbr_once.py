"""A Markdown extension: a glossary tooltip on a term's first use in body text, nowhere else.

Python-Markdown's `abbr` marks every occurrence of every term, headings included: dozens of
dotted underlines on a page, "pod" in headings. This tree processor runs right after `abbr`
(and before `toc` copies headings) and unwraps every `<abbr>` in a heading and every repeat.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# After `abbr` (7), before `toc` (5), which copies heading text into the table of contents.
PRIORITY = 6


class AbbrOnceTreeprocessor(Treeprocessor):
    """Keep the first `<abbr>` of each term outside headings; unwrap the others."""

    def run(self, root: Element) -> None:
        """Walk the page in document order and unwrap what should not carry a tooltip."""
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for abbr in list(root.iter("abbr")):
            term = abbr.text or ""
            if term in seen or _in_heading(abbr, parents):
                _unwrap(abbr, parents[abbr])
            else:
                seen.add(term)


def _in_heading(el: Element, parents: dict[Element, Element]) -> bool:
    while el in parents:
        el = parents[el]
        if el.tag in HEADINGS:
            return True
    return False


def _unwrap(el: Element, parent: Element) -> None:
    """Replace `el` by its text, keeping the text that followed it."""
    text = (el.text or "") + (el.tail or "")
    index = list(parent).index(el)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(el)


class AbbrOnceExtension(Extension):
    """Register the tree processor after `abbr`."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        """Add the processor to `md`."""
        md.treeprocessors.register(AbbrOnceTreeprocessor(md), "abbr_once", PRIORITY)


def makeExtension(**kwargs: object) -> AbbrOnceExtension:  # noqa: N802  (Python-Markdown's name)
    """The entry point Python-Markdown looks for when `mkdocs.yml` names this module."""
    return AbbrOnceExtension(**kwargs)
