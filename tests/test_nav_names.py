"""Navigation landmarks have names: each section's <nav> is named by its title, unique on a page.

The override `overrides/partials/nav-item.html` is Material's partial with two changes (named
navs, no empty tabindex); the first test notices when a Material upgrade changes the original,
so the copy is refreshed.
"""

from __future__ import annotations

from pathlib import Path

import material

from tests.htmlparse import Element, parse

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "overrides" / "partials" / "nav-item.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
# Our lines in the copy -> Material's, as they stand in its partial.
CHANGED = {
    '<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_title" '
    'aria-expanded="{{ nav_item.active | tojson }}">':
    '<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label" '
    'aria-expanded="{{ nav_item.active | tojson }}">',
    '<label class="md-nav__title" for="{{ path }}" id="{{ path }}_title">':
    '<label class="md-nav__title" for="{{ path }}">',
    '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
    '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>':
    '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
    '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
    '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>':
    '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" '
    'tabindex="{{ tabindex }}">',
}


def _body(text: str) -> list[str]:
    """The template's lines without Jinja comments (Material's header, our notes)."""
    lines, comment = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("{#"):
            comment = True
        if not comment:
            lines.append(stripped)
        if comment and stripped.endswith("#}"):
            comment = False
    return lines


def test_the_override_is_materials_partial_with_the_marked_changes() -> None:
    ours = [CHANGED.get(line, line) for line in _body(OURS.read_text(encoding="utf-8"))]
    assert ours == _body(MATERIAL.read_text(encoding="utf-8")), (
        f"{MATERIAL} changed: copy it to {OURS} again and reapply the marked change")


def _navs(el: Element, in_primary: bool = False) -> list[Element]:
    """The <nav>s under `el`, leaving out the copy of the table of contents inside the primary
    nav: Material shows it only on narrow screens, where it hides the secondary sidebar."""
    found = []
    for child in el.children:
        if child.tag == "nav" and in_primary and "md-nav--secondary" in child.classes:
            continue
        if child.tag == "nav":
            found.append(child)
        found += _navs(child, in_primary or "md-nav--primary" in child.classes)
    return found


def _landmark_names(page: Element) -> list[str]:
    """The accessible name of each <nav> shown (aria-label, or the text it is labelled by)."""
    by_id = {e.attrs["id"]: e for e in page.iter() if "id" in e.attrs}
    names = []
    for nav in _navs(page):
        label = nav.attrs.get("aria-labelledby")
        names.append(by_id[label].text if label in by_id else nav.attrs.get("aria-label", ""))
    return names


def test_every_nav_has_a_name_of_its_own(built_site: Path) -> None:
    problems = []
    for html in sorted(built_site.rglob("index.html")):
        names = _landmark_names(parse(html.read_text(encoding="utf-8")))
        if "" in names or len(set(names)) != len(names):
            problems.append(f"{html.relative_to(built_site)}: {names}")
    assert not problems, "\n".join(problems)
