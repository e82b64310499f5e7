"""Rewrite a rendered page's HTML tag by tag: prefix its ids, re-point its links, move and number
its headings. Text, comments and scripts pass through unchanged.

The one-page playbook (`whole_playbook.py`) puts many pages into one; each page's ids must stay
unique there, its links must reach the copy on that page, and its headings must sit under the
chapter that holds it. `html.parser` reads the tags, so text that merely looks like a tag (it is
escaped in rendered HTML) or a `>` inside an attribute value never confuses it. A tag is written
anew only when one of its attributes changes; otherwise its original text is kept byte for byte.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Attributes whose value names other elements by id (one id, or several separated by spaces).
ID_REFERENCES = frozenset({
    "for", "headers", "list", "form", "popovertarget", "aria-activedescendant", "aria-controls",
    "aria-describedby", "aria-details", "aria-errormessage", "aria-flowto", "aria-labelledby",
    "aria-owns"})
# Attributes holding a URL: a link, an image, a form's target.
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "poster", "cite"})
# SVG paint and marker references: fill="url(#gradient)", marker-end="url(#arrow)".
# Elements that are landmarks when named; axe wants each landmark's name unique on the page.
LANDMARK_TAGS = frozenset({"nav", "aside", "form", "section"})
LANDMARK_ROLES = frozenset({"region", "navigation", "complementary", "form", "search"})
# The wrapper Material's script puts round each table without a class (a scroll box on small
# screens); `Rules.wrap_tables` writes it into the HTML for a page that loads no such script.
TABLE_WRAP = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")
_FUNC_IRI = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_HEADING = re.compile(r"h([1-6])")


@dataclass(frozen=True)
class Heading:
    """A heading as written on the rewritten page: its level, id, plain text and number."""

    level: int
    id: str
    text: str
    number: str


@dataclass(frozen=True)
class Rewritten:
    """A rewritten page: its HTML and the headings in it, in order."""

    html: str
    headings: tuple[Heading, ...]


@dataclass
class Numbering:
    """Section numbers (1, 1.1, 1.1.1) for headings taken in document order across pages.

    `first` is the heading level numbered as a chapter (2 when the page's own title is the
    only `<h1>`); headings above it are not numbered.
    """

    first: int = 2
    counts: list[int] = field(default_factory=list)

    def next(self, level: int) -> str:
        """The number of the next heading at `level`, or '' above the numbered levels."""
        depth = level - self.first + 1
        if depth < 1:
            return ""
        self.counts = (self.counts + [0] * depth)[:depth]
        self.counts[-1] += 1
        return ".".join(str(count) for count in self.counts)


@dataclass
class Landmarks:
    """Names of the landmarks already on a page made of several: a name seen before gets the
    title of the part it is in ("Duties in the cycle (Change Lead)")."""

    seen: set[str] = field(default_factory=set)

    def name(self, label: str, part: str) -> str:
        """A name for a landmark labelled `label` in `part` that no earlier landmark has."""
        unique = label if label not in self.seen else f"{label} ({part})"
        self.seen.add(unique)
        return unique


@dataclass(frozen=True)
class Rules:
    """What to change: every id gets `prefix` + '--' (and so do references to ids), every URL
    goes through `link`, headings move down `shift` levels and, with `numbering`, get the number
    that `mark` turns into HTML at the start of the heading; with `landmarks`, a landmark whose
    name is taken gets `part` added to it; with `terms`, only a term's first `<abbr>` (its
    glossary tooltip) stays; with `wrap_tables`, each table without a class gets `TABLE_WRAP`."""

    prefix: str | None = None
    link: Callable[[str], str] | None = None
    shift: int = 0
    numbering: Numbering | None = None
    mark: Callable[[str], str] = lambda number: f"{html.escape(number)} "
    landmarks: Landmarks | None = None  # with `part`, the title named landmarks get if repeated
    part: str = ""
    terms: set[str] | None = None  # terms whose `<abbr>` came before: later ones become text
    wrap_tables: bool = False


def rewrite(page: str, rules: Rules) -> Rewritten:
    """Apply `rules` to the HTML `page`."""
    parser = _Rewriter(rules)
    parser.feed(page)
    parser.close()
    return Rewritten("".join(parser.out), tuple(parser.headings))


def prefixed(prefix: str, value: str) -> str:
    """`value` (an id, or ids separated by spaces) with `prefix--` before each id."""
    return " ".join(f"{prefix}--{one}" for one in value.split())


def start_tag(tag: str, attrs: list[tuple[str, str | None]], *, closed: bool = False) -> str:
    """A start tag written from its name and attributes, every value escaped."""
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                      for name, value in attrs)
    return f"<{tag}{written}{' /' if closed else ''}>"


class _Rewriter(HTMLParser):
    """Copies the HTML it is fed to `out`, changing tags as the rules say."""

    def __init__(self, rules: Rules) -> None:
        super().__init__(convert_charrefs=False)
        self.rules = rules
        self.out: list[str] = []
        self.headings: list[Heading] = []
        self._names: dict[str, str] = {}  # lower-case tag name → as written (SVG: clipPath)
        self._heading: tuple[int, str, str, list[str]] | None = None  # level, id, number, text
        self._in_permalink = 0  # depth of <a> inside a heading's permalink
        self._abbr: tuple[int, list[str]] | None = None  # open <abbr>: where it starts, its text
        self._tables: list[bool] = []  # open tables: whether each was wrapped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Write the tag, changed if the rules change it; open a heading."""
        self._write_start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing tag (`<br/>`, SVG's `<path/>`)."""
        self._write_start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        """Write the end tag (a heading's at its new level) and close a heading."""
        level = _heading_level(tag)
        if level and self._heading is not None:
            self._close_heading()
        if self._in_permalink and tag == "a":
            self._in_permalink -= 1
        if tag == "abbr" and self._abbr is not None and self._close_abbr():
            return
        self.out.append(f"</{self._moved(tag) if level else self._names.get(tag, tag)}>")
        if tag == "table" and self._tables and self._tables.pop():
            self.out.append(TABLE_WRAP[1])

    def handle_data(self, data: str) -> None:
        """Copy text; inside a heading, note it for the heading's plain text."""
        self.out.append(data)
        self._note(data)

    def handle_entityref(self, name: str) -> None:
        """Copy `&name;`."""
        self.out.append(f"&{name};")
        self._note(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        """Copy `&#name;`."""
        self.out.append(f"&#{name};")
        self._note(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        """Copy a comment."""
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        """Copy a declaration."""
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        """Copy a processing instruction."""
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        """Copy a CDATA section (SVG)."""
        self.out.append(f"<![{data}]>")

    def _write_start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        raw = self.get_starttag_text() or start_tag(tag, attrs, closed=closed)
        self._names.setdefault(tag, raw[1:1 + len(tag)])
        changed = [(name, self._value(name, value)) for name, value in attrs]
        if self.rules.landmarks is not None and _is_landmark(tag, changed):
            changed = [(name, self.rules.landmarks.name(value, self.rules.part)
                        if name == "aria-label" and value else value) for name, value in changed]
        level = _heading_level(tag)
        name = self._moved(tag) if level else self._names[tag]
        if changed != attrs or name != tag:
            raw = start_tag(name, changed, closed=closed)
        if tag == "table" and not closed:
            self._open_table(attrs)
        self.out.append(raw)
        if tag == "abbr" and self.rules.terms is not None and not closed:
            self._abbr = (len(self.out) - 1, [])
        if level and not closed:
            self._open_heading(level, dict(changed).get("id") or "")
        elif tag == "a" and (self._in_permalink or self._is_permalink(attrs)):
            self._in_permalink += 1

    def _value(self, name: str, value: str | None) -> str | None:
        """An attribute's value under the rules."""
        if value is None:
            return None
        prefix, link = self.rules.prefix, self.rules.link
        if name in URL_ATTRIBUTES:
            if prefix is not None and value.startswith("#") and len(value) > 1:
                return "#" + prefixed(prefix, value[1:])  # a place on the same page
            return link(value) if link is not None else value
        if prefix is None:
            return value
        if name == "id" or name in ID_REFERENCES:
            return prefixed(prefix, value)
        if "url(#" in value.replace(" ", ""):
            return _FUNC_IRI.sub(lambda found: f"url(#{prefix}--{found[1]})", value)
        return value

    def _open_table(self, attrs: list[tuple[str, str | None]]) -> None:
        wrapped = self.rules.wrap_tables and "class" not in dict(attrs)
        self._tables.append(wrapped)
        if wrapped:
            self.out.append(TABLE_WRAP[0])

    def _moved(self, tag: str) -> str:
        return f"h{min(6, int(tag[1]) + self.rules.shift)}"

    def _open_heading(self, source_level: int, heading_id: str) -> None:
        level = min(6, source_level + self.rules.shift)
        numbering = self.rules.numbering
        number = numbering.next(level) if numbering is not None else ""
        if number:
            self.out.append(self.rules.mark(number))
        self._heading = (level, heading_id, number, [])

    def _close_heading(self) -> None:
        assert self._heading is not None
        level, heading_id, number, text = self._heading
        self.headings.append(Heading(level, heading_id, " ".join("".join(text).split()), number))
        self._heading = None

    def _is_permalink(self, attrs: list[tuple[str, str | None]]) -> bool:
        """An `<a class="headerlink">` inside a heading: the ¶ that is not part of its text."""
        classes = (dict(attrs).get("class") or "").split()
        return self._heading is not None and "headerlink" in classes

    def _note(self, text: str) -> None:
        if self._heading is not None and not self._in_permalink:
            self._heading[3].append(text)
        if self._abbr is not None:
            self._abbr[1].append(text)

    def _close_abbr(self) -> bool:
        """Note the `<abbr>` that ends here; True when it repeats a term and is dropped (its
        start tag taken out, its text kept)."""
        assert self._abbr is not None
        assert self.rules.terms is not None
        start, text = self._abbr
        self._abbr = None
        term = "".join(text)
        if term not in self.rules.terms:
            self.rules.terms.add(term)
            return False
        self.out[start] = ""
        return True


def _heading_level(tag: str) -> int:
    found = _HEADING.fullmatch(tag)
    return int(found[1]) if found else 0


def _is_landmark(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether the element is a landmark that screen readers list by its `aria-label`."""
    role = dict(attrs).get("role")
    return role in LANDMARK_ROLES if role else tag in LANDMARK_TAGS
