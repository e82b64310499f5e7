"""A Markdown extension: every Markdown table sits in a labelled, focusable scrolling region.

A table wider than the screen scrolls sideways inside its box; keyboard users can only scroll a
box they can focus, and screen readers announce it by name. This tree processor wraps each
`<table>` in `<div class="pb-table-region" role="region" tabindex="0" aria-label=...>`,
named after the heading above it (or, without one, its column heads). Material's own
`md-typeset__scrollwrap`, added by its script inside the region, is told not to scroll (CSS).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# After the inline processors (20) have turned heading text into elements; before `toc` (5).
PRIORITY = 8


class TableRegionsTreeprocessor(Treeprocessor):
    """Wrap each table in a labelled, focusable region named after its heading."""

    def run(self, root: Element) -> None:
        """Walk the page in document order, remembering the latest heading."""
        parents = {child: parent for parent in root.iter() for child in parent}
        heading = ""
        for el in list(root.iter()):
            if el.tag in HEADINGS:
                heading = _text(el)
            elif el.tag == "table" and el in parents:
                _wrap(el, parents[el], table_label(el, heading))


def table_label(table: Element, heading: str) -> str:
    """`Table: <heading>`, or `Table: <column heads>` when no heading comes before it."""
    if heading:
        return f"Table: {heading}"
    heads = [_text(th) for th in table.iter("th")]
    return "Table: " + (", ".join(h for h in heads if h) or "untitled")


def _text(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _wrap(table: Element, parent: Element, label: str) -> None:
    """Put `table` inside a region `div` at its place in `parent`."""
    region = Element("div", {"class": "pb-table-region", "role": "region",
                             "tabindex": "0", "aria-label": label})
    index = list(parent).index(table)
    parent.remove(table)
    region.tail, table.tail = table.tail, None
    region.append(table)
    parent.insert(index, region)


class TableRegionsExtension(Extension):
    """Register the tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        """Add the processor to `md`."""
        md.treeprocessors.register(TableRegionsTreeprocessor(md), "table_regions", PRIORITY)


def makeExtension(**kwargs: object) -> TableRegionsExtension:  # noqa: N802  (Python-Markdown's name)
    """The entry point Python-Markdown looks for when `mkdocs.yml` names this module."""
    return TableRegionsExtension(**kwargs)
