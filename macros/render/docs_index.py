"""The hand-written pages as macros see them: their titles, the sources they cite, their reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.load import page_meta
from macros.load.macro_calls import find_calls
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import sources
from macros.render.registry import by_name


def cited_sources(pb: Playbook, markdown: str) -> set[str]:
    """Source ids a page cites: named in its macro calls, or in the data those macros show."""
    specs = by_name()
    found: set[str] = set()
    for call in find_calls(markdown):
        spec = specs.get(call.name)
        if spec is None or not call.plain:
            continue
        found.update(str(value) for param, value in call.bound(spec.params) if param.ids == "source")
        if spec.shows is not None:
            try:
                shown = spec.shows(pb, *call.args, **call.kwargs)
            except (KeyError, TypeError):  # an unknown id or a wrong call: `check` reports it
                continue
            found.update(c.source for c in sources.citations_in(shown))
    return found


def page_title(text: str, default: str) -> str:
    """The `title:` in a page's front matter, or `default`."""
    for line in text.splitlines()[1:20]:
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("\"'")
    return default


class DocsIndex:
    """The pages under `docs_dir`, read when a macro asks (the `Docs` of `registry.Page`)."""

    def __init__(self, pb: Playbook, docs_dir: Path, today: dt.date, grace_days: int) -> None:
        """Remember where the pages are and what "today" and the review grace are."""
        self.pb, self.docs_dir, self.today, self.grace_days = pb, docs_dir, today, grace_days

    def _pages(self) -> list[tuple[str, str]]:
        return [(p.relative_to(self.docs_dir).as_posix(), p.read_text(encoding="utf-8"))
                for p in sorted(self.docs_dir.rglob("*.md"))]

    def backlinks(self) -> dict[str, list[tuple[str, str]]]:
        """Source id → (title, URL) of each page citing it: generated pages by their data,
        hand-written ones by their macro calls."""
        links: dict[str, list[tuple[str, str]]] = {
            key: list(value) for key, value in sources.data_citations(self.pb).items()}
        for src, text in self._pages():
            for source_id in sorted(cited_sources(self.pb, text)):
                links.setdefault(source_id, []).append((page_title(text, src), urls.page_url(src)))
        return links

    def titles(self) -> dict[str, str]:
        """Page URL → title for hand-written pages (front matter) and generated ones (data)."""
        found = {urls.page_url(src): page_title(text, "") for src, text in self._pages()}
        found.update({url: title for title, url, _ in urls.data_pages(self.pb)})
        return {url: title for url, title in found.items() if title}

    def reviews(self) -> list[page_meta.PageReview]:
        """Review status of every page whose front matter is valid."""
        return page_meta.page_reviews(self.docs_dir, self.today, self.grace_days)
