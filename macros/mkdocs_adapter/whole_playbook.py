"""Fill the one-page playbook from the pages MkDocs has rendered (see render.whole_playbook).

MkDocs converts every page's Markdown before the `env` event and renders templates after it,
so at `on_env` each page's `content` is its finished HTML and the whole-playbook page can take
them all before its own template is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from macros.render import whole_playbook as book


def nav_entries(items: Iterable[StructureItem]) -> tuple[book.NavEntry, ...]:
    """The site's navigation as plain entries (links to other sites left out)."""
    entries: list[book.NavEntry] = []
    for item in items:
        if isinstance(item, Page):
            entries.append(book.NavEntry(item.title or "", item.file.src_uri))
        elif isinstance(item, Section):
            entries.append(book.NavEntry(item.title, None, nav_entries(item.children)))
    return tuple(entries)


def fill(page: Page, nav: Navigation) -> None:
    """Append the contents, the pages left out and every chapter to `page`'s own content."""
    plan = book.plan(nav_entries(nav.items))
    rendered = {p.url: p for p in nav.pages}
    sources = {chapter.url: book.Source(rendered[chapter.url].title or chapter.title,
                                        rendered[chapter.url].content or "")
               for chapter in plan.chapters if chapter.url is not None}
    page.content = book.combine(plan, sources, page.content or "")
