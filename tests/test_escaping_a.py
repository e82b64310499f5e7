"""Data text in every sources/glossary/roles/cycle/templates/scoping renderer stays text.

`<script>` must come out escaped (never as an element), and Jinja syntax (`{{ 7*7 }}`,
`{% raw %}`) must come out literally, never evaluated. The mini fixture carries these strings in
descriptions; a "trapped" copy also puts them into names and titles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
from collections.abc import Callable

import jinja2
import pytest

from macros.model.playbook import Playbook
from macros.render import cycle, glossary, roles, scoping, sources
from macros.render import templates as tr
from macros.render.csv_text import read_csv
from tests.fixtures import TRAPS, mini_playbook, split_front_matter, to_html
from tests.htmlparse import Element, parse

TRAP = " " + " ".join(TRAPS)
DAY = dt.date(2025, 6, 15)


def _trap(model: object, **fields: object) -> object:
    update = {name: getattr(model, name) + TRAP if isinstance(value, str) else value
              for name, value in fields.items()}
    return model.model_copy(update=update)  # type: ignore[attr-defined]  # any pydantic model


def trapped_playbook() -> Playbook:
    """The mini playbook with the traps appended to names and titles as well."""
    pb = mini_playbook()
    weeks = tuple(_trap(w, title="", activities=tuple(_trap(a, title="") for a in w.activities))
                  for w in pb.cycle.weeks)
    return dataclasses.replace(
        pb,
        roles=tuple(_trap(r, name="", purpose="") for r in pb.roles),
        cycle=_trap(pb.cycle, title="", weeks=weeks),
        templates=tuple(_trap(t, title="") for t in pb.templates),
        sources=tuple(_trap(s, title="", publisher="") for s in pb.sources),
        pods=tuple(_trap(p, domain="") for p in pb.pods),
    )


PB = trapped_playbook()
BACKLINKS = {"bcg": [("Why" + TRAP, "why/")]}

HTML_RENDERERS: dict[str, Callable[[], str]] = {
    "cite": lambda: sources.cite(PB, "bcg", "Ch. 1" + TRAP, "../"),
    "stat": lambda: sources.stat(PB, "bcg", "hardly-any-value", "../"),
    "sources_list": lambda: sources.sources_list(PB, BACKLINKS, "../"),
    "glossary_list": lambda: glossary.glossary_list(PB, "../"),
    "role_matrix": lambda: roles.role_matrix(PB, "../"),
    "role_card": lambda: roles.role_card(PB, "domain-owner", "../"),
    "role_links": lambda: roles.role_links(PB, "../"),
    "cycle_calendar": lambda: cycle.cycle_calendar(PB, "../"),
    "cycle_rules": lambda: cycle.cycle_rules(PB, "../"),
    "cycle_results": lambda: cycle.cycle_results(PB, "../"),
    "template_index": lambda: tr.template_index(PB, "../"),
    "template_body": lambda: tr.template_body(PB, "decision-log", "../"),
    "scoping_worksheet": lambda: scoping.scoping_worksheet(PB, "../"),
}
PAGES: dict[str, Callable[[], str]] = {
    "role_page": lambda: roles.role_page(PB, PB.role("domain-owner"), "../../", DAY),
    "template_page": lambda: tr.template_page(PB, PB.template("value-brief"), "../../", DAY),
}


def _text_and_attributes(root: Element) -> str:
    values = [root.text]
    values += [value for el in root.iter() for value in el.attrs.values()]
    return "\n".join(values)


def assert_escaped(html: str) -> None:
    """No script element and no raw `<script`; every trap readable as literal text."""
    assert "<script" not in html.lower()
    root = parse(html)
    assert not root.find_all("script")
    seen = _text_and_attributes(root)
    for trap in TRAPS:
        assert trap in seen, f"{trap!r} is missing or altered"
    assert "49" not in seen


@pytest.mark.parametrize("name", sorted(HTML_RENDERERS))
def test_html_renderer_escapes(name: str) -> None:
    html = HTML_RENDERERS[name]()
    assert_escaped(html)
    assert_escaped(to_html(html))  # and still after Markdown has seen it


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_escapes(name: str) -> None:
    meta, body = split_front_matter(PAGES[name]())
    # The theme prints the title into HTML unescaped, so the front matter carries it escaped.
    title = str(meta["title"])
    assert "<" not in title
    assert html_lib.unescape(title).endswith(TRAP), "the title keeps its text"
    assert_escaped(to_html(body))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_inert_as_a_template(name: str) -> None:
    _, body = split_front_matter(PAGES[name]())
    assert jinja2.Environment(keep_trailing_newline=True).from_string(body).render() == body


def test_abbreviations_escape_and_stay_inert() -> None:
    text = glossary.abbreviations(PB)
    assert "<script" not in text
    assert jinja2.Environment(keep_trailing_newline=True).from_string(text).render() == text
    html = to_html("The P&L.\n" + text)
    assert_escaped(html)
    title = parse(html).find("abbr").attrs["title"]
    assert title == "Profit and loss — " + PB.glossary[1].definition


def test_role_matrix_csv_keeps_text_literally() -> None:
    rows = read_csv(roles.role_matrix_csv(PB))
    assert [r[0] for r in rows[1:]] == [r.name for r in PB.roles]
    assert rows[0][1] == f"Week 1: {PB.cycle.weeks[0].activities[0].title}"


def test_template_downloads_keep_text_literally() -> None:
    template = PB.template("decision-log")
    text = tr.template_markdown(template)
    assert "<script" not in text
    assert_escaped(to_html(text))
    table = tr.template_csv(template)
    assert table is not None
    assert read_csv(table)[0] == [c.name for c in template.columns]
