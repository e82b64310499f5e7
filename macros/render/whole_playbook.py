"""The whole playbook on one page: which pages it holds (in nav order), and that page's HTML.

Nothing is written twice: each chapter is the HTML the engine has already rendered for its own
page, rewritten (`html_rewrite.py`) so that its ids carry the chapter's prefix, its links reach
the chapters on this page (or the real page, for pages left out) and its headings sit one or two
levels down, numbered 1, 1.1, 1.1.1 in document order.

A nav section with an index page (Pod design, Templates) is one chapter: the index page, then
its other pages as numbered sub-chapters. A section without one (Related guidance) is a numbered
heading over its pages. Pod pages, briefings and the pod lists are not in the nav, so they are
not here either: the registry chapter links to each.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from markupsafe import Markup

from macros.model import urls
from macros.render.environment import render
from macros.render.html_rewrite import Heading, Landmarks, Numbering, Rules, rewrite

HERE = urls.WHOLE_PLAYBOOK
# Pages of the nav left out, by source path (a folder ends in '/'), and the reason shown.
LEFT_OUT = (
    ("tags.md", "a list of pages by tag; the contents of this page does that job here"),
    ("whats-new.md", "a dated list of changes with a filter by role, best followed on the site "
                     "or in its Atom feed"),
    ("maintain/", "for the editors who keep the playbook, not for its readers"),
    ("review-status.md", "for the editors who keep the playbook, not for its readers"),
)
CONTENTS_DEPTH = 2  # the contents lists chapters and their sections (1 and 1.1)


@dataclass(frozen=True)
class NavEntry:
    """One entry of the site's navigation: a page (its source path) or a section of entries."""

    title: str
    src: str | None = None
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """One place in the book: a page at `url`, or (url None) a section's heading alone."""

    title: str
    anchor: str
    depth: int  # 1 for a chapter, 2 for a page inside a section of the nav, ...
    url: str | None = None


@dataclass(frozen=True)
class Omitted:
    """A page of the nav that the book leaves out, and why."""

    title: str
    url: str
    reason: str


@dataclass(frozen=True)
class Plan:
    """The book's chapters in order and the nav pages it leaves out."""

    chapters: tuple[Chapter, ...]
    omitted: tuple[Omitted, ...]


@dataclass(frozen=True)
class Source:
    """A page's title and its rendered HTML (the page's content, without the site around it)."""

    title: str
    html: str


@dataclass
class Entry:
    """A line of the contents: a numbered heading and the sections under it."""

    number: str
    text: str
    anchor: str
    children: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """What the page prints as one unit, starting a new sheet: the headings this page writes
    (of sections with no page of their own, or a page's missing title), then a chapter's HTML."""

    anchor: str
    openers: tuple[Heading, ...]
    html: Markup
    headings: tuple[Heading, ...]  # every heading of the block, openers first


def anchor(url: str) -> str:
    """The id of the chapter holding the page at `url` ('cycle/' → 'ch-cycle')."""
    return "ch-" + (urls.slug(url) if url.strip("/") else "home")


def left_out(src: str) -> str | None:
    """Why the page at `src` is not in the book, or None when it is."""
    for path, reason in LEFT_OUT:
        if src == path or (path.endswith("/") and src.startswith(path)):
            return reason
    return None


def plan(nav: Sequence[NavEntry]) -> Plan:
    """The chapters and left-out pages of `nav`, in nav order."""
    chapters: list[Chapter] = []
    omitted: list[Omitted] = []
    _walk(nav, 1, chapters, omitted)
    return Plan(tuple(_unique(chapters)), tuple(omitted))


def _walk(entries: Sequence[NavEntry], depth: int, chapters: list[Chapter],
          omitted: list[Omitted]) -> None:
    for entry in entries:
        if entry.src is not None:
            _page(entry, entry.src, depth, chapters, omitted)
            continue
        children = list(entry.children)
        first = children[0] if children else None
        if first is not None and first.src is not None and _is_index(first.src) \
                and _included(first):
            # The section's index page is the chapter; the section's other pages go under it.
            _page(NavEntry(entry.title, first.src), first.src, depth, chapters, omitted)
            children = children[1:]
        elif any(_included(child) for child in children):
            chapters.append(Chapter(entry.title, "part-" + urls.slug(entry.title), depth))
        _walk(children, depth + 1, chapters, omitted)


def _page(entry: NavEntry, src: str, depth: int, chapters: list[Chapter],
          omitted: list[Omitted]) -> None:
    url = urls.page_url(src)
    reason = left_out(src)
    if src == urls.WHOLE_PLAYBOOK_SRC:
        return
    if reason is not None:
        omitted.append(Omitted(entry.title, url, reason))
    else:
        chapters.append(Chapter(entry.title, anchor(url), depth, url))


def _is_index(src: str) -> bool:
    """A section's index page, as Material's `navigation.indexes` takes it."""
    return posixpath.basename(src) in ("index.md", "README.md")


def _included(entry: NavEntry) -> bool:
    if entry.src is not None:
        return entry.src != urls.WHOLE_PLAYBOOK_SRC and left_out(entry.src) is None
    return any(_included(child) for child in entry.children)


def _unique(chapters: list[Chapter]) -> Iterator[Chapter]:
    """The chapters with a number added to any anchor that two of them would share."""
    seen: set[str] = set()
    for chapter in chapters:
        name, count = chapter.anchor, 1
        while name in seen:
            count += 1
            name = f"{chapter.anchor}-{count}"
        seen.add(name)
        yield Chapter(chapter.title, name, chapter.depth, chapter.url)


def relink(href: str, *, page: str, chapters: Mapping[str, str]) -> str:
    """Where `href`, written on the page at URL `page`, points from the one-page playbook.

    A page in the book (with or without an anchor) becomes an anchor on this page; any other
    relative link (a page left out, a download) is rebased to reach the same file from here;
    links to other sites and anchors on the same page (already prefixed) stay as they are.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "#")) or not href:
        return href
    target = posixpath.normpath(posixpath.join(page, parts.path)) if parts.path else page
    if target in (".", ""):
        target = ""
    elif parts.path.endswith("/") or posixpath.basename(parts.path) in ("", ".", ".."):
        target += "/"
    target = target.removesuffix("index.html")
    if target == HERE and not parts.query:  # this page itself (the home page links to it)
        return f"#{parts.fragment}"
    if target in chapters and not parts.query:
        prefix = chapters[target]
        return f"#{prefix}--{parts.fragment}" if parts.fragment else f"#{prefix}"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return urls.link(HERE, target) + query + fragment


def number_mark(number: str) -> str:
    """The HTML that starts a numbered heading."""
    return render("whole-playbook-number.html", number=number)


def combine(book: Plan, pages: Mapping[str, Source], intro: str) -> str:
    """The page: its own `intro` (rendered from its Markdown), then the contents, the pages left
    out and the chapters. Links in the intro to pages in the book become anchors too."""
    shared = _Shared(Numbering(first=2), Landmarks(), set())
    chapters = {c.url: c.anchor for c in book.chapters if c.url is not None}
    own = rewrite(intro, Rules(link=partial(relink, page=HERE, chapters=chapters),
                               terms=shared.terms, wrap_tables=True))
    blocks: list[Block] = []
    parts: list[Heading] = []
    for chapter in book.chapters:
        if chapter.url is None:
            number = shared.numbering.next(chapter.depth + 1)
            parts.append(Heading(chapter.depth + 1, chapter.anchor, chapter.title, number))
            continue
        blocks.append(_block(chapter, pages[chapter.url], chapters, shared, tuple(parts)))
        parts = []
    headings = [h for block in blocks for h in block.headings]
    return own.html + render("whole-playbook.html", contents=contents(headings),
                             omitted=book.omitted, blocks=blocks, root=urls.root_for(HERE))


@dataclass(frozen=True)
class _Shared:
    """What the chapters share as they are rewritten one after another."""

    numbering: Numbering  # section numbers run on from chapter to chapter
    landmarks: Landmarks  # landmark names already used
    terms: set[str]  # glossary terms already marked: a term gets one tooltip per page


def _block(chapter: Chapter, source: Source, chapters: Mapping[str, str], shared: _Shared,
           parts: tuple[Heading, ...]) -> Block:
    """One chapter, rewritten, after the headings of the sections it opens."""
    openers = parts
    if "<h1" not in source.html:  # as Material does, give a page without a title its nav title
        level = chapter.depth + 1
        openers += (Heading(level, f"{chapter.anchor}--title", chapter.title,
                            shared.numbering.next(level)),)
    rules = Rules(prefix=chapter.anchor, link=partial(relink, page=chapter.url or "",
                                                      chapters=chapters),
                  shift=chapter.depth, numbering=shared.numbering, mark=number_mark,
                  landmarks=shared.landmarks, part=source.title, terms=shared.terms,
                  wrap_tables=True)  # the page loads no Material script to do it
    rewritten = rewrite(source.html, rules)
    return Block(chapter.anchor, openers, Markup(rewritten.html),  # the engine rendered it
                 (*openers, *rewritten.headings))


def contents(headings: Sequence[Heading]) -> list[Entry]:
    """The numbered headings down to `CONTENTS_DEPTH` levels, as a tree."""
    top: list[Entry] = []
    stack: list[tuple[int, list[Entry]]] = [(0, top)]
    for heading in headings:
        depth = heading.number.count(".") + 1 if heading.number else 0
        if not depth or depth > CONTENTS_DEPTH:
            continue
        while stack[-1][0] >= depth:
            stack.pop()
        entry = Entry(heading.number, heading.text, heading.id)
        stack[-1][1].append(entry)
        stack.append((depth, entry.children))
    return top
